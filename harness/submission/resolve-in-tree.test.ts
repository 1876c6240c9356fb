// Links followed as the kernel follows them, in real folders: the answers are checked against realpath where
// the kernel can answer, and the chains, loops and absent parts the kernel would refuse or cannot see.
import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { maxLinkHops, resolveInTree } from './resolve-in-tree.ts';

let outer: string;
let root: string;
beforeEach(async () => {
  outer = await mkdtemp(join(tmpdir(), 'bch-resolve-in-tree-'));
  root = join(outer, 'a', 'b', 'tree');
  await mkdir(join(root, 'src', 'deep'), { recursive: true });
  await writeFile(join(root, 'src', 'server.ts'), '');
});

/** Makes the links, relative to root: [path, target]. */
const links = async (...pairs: [string, string][]) => {
  for (const [path, target] of pairs) await symlink(target, join(root, path));
};

describe('inside', () => {
  test('a plain file, a folder and the folder itself', async () => {
    expect(await resolveInTree(root, 'src/server.ts')).toEqual({ inside: true, path: 'src/server.ts', exists: true });
    expect(await resolveInTree(root, 'src/deep')).toEqual({ inside: true, path: 'src/deep', exists: true });
    expect(await resolveInTree(root, '.')).toEqual({ inside: true, path: '', exists: true });
  });

  test('links, links to links and `..` after a link agree with realpath', async () => {
    await links(['src/alias.ts', 'server.ts'], ['up', 'src/deep/..'], ['deep', 'src/deep'], ['via', 'deep/../server.ts'], ['again', 'via']);
    for (const [path, expected] of [
      ['src/alias.ts', 'src/server.ts'],
      ['up', 'src'],
      ['deep', 'src/deep'],
      // `deep` is src/deep, so deep/.. is src: the kernel's answer, not the text's (the text says the top folder)
      ['via', 'src/server.ts'],
      ['again', 'src/server.ts'],
    ]) {
      expect(relative(root, await realpath(join(root, path))), path).toBe(expected);
      expect(await resolveInTree(root, path), path).toEqual({ inside: true, path: expected, exists: true });
    }
  });

  test('a link to a part that does not exist yet is resolved by its text from there', async () => {
    await links(['later', 'src/not-yet/../server.ts'], ['gone', 'missing'], ['modules', 'node_modules/x']);
    // once back in a folder that exists, links are followed again
    expect(await resolveInTree(root, 'later')).toEqual({ inside: true, path: 'src/server.ts', exists: true });
    expect(await resolveInTree(root, 'gone')).toEqual({ inside: true, path: 'missing', exists: false });
    expect(await resolveInTree(root, 'modules', new Set(['node_modules']))).toEqual({
      inside: true,
      path: 'node_modules/x',
      exists: false,
    });
  });
});

describe('outside', () => {
  test('a chain of links, each inside when read alone, that climbs to /', async () => {
    const chain: [string, string][] = [['up0', '.']];
    for (let i = 1; i < 8; i++) chain.push([`up${i}`, `up${i - 1}/..`]);
    chain.push(['.tsx-cache', 'up7']);
    await links(...chain);
    expect(await realpath(join(root, '.tsx-cache'))).toBe('/');
    expect(await resolveInTree(root, 'up0')).toEqual({ inside: true, path: '', exists: true });
    expect(await resolveInTree(root, 'up1')).toEqual({ inside: false, why: 'escapes', link: 'up1', target: 'up0/..' });
    expect(await resolveInTree(root, '.tsx-cache')).toEqual({ inside: false, why: 'escapes', link: 'up1', target: 'up0/..' });
  });

  test('out through a real folder and back in by name is still out (the kernel never comes back)', async () => {
    await links(['round', `../../b/tree/src`]);
    expect(await resolveInTree(root, 'round')).toEqual({ inside: false, why: 'escapes', link: 'round', target: '../../b/tree/src' });
  });

  test('through another link out, and an absent part followed by too many `..`', async () => {
    await links(['src/deep/out', '../../..'], ['through', 'src/deep/out/x'], ['dangling', 'missing/../../x']);
    expect(await resolveInTree(root, 'through')).toMatchObject({ inside: false, why: 'escapes', link: 'src/deep/out' });
    expect(await resolveInTree(root, 'dangling')).toMatchObject({ inside: false, why: 'escapes', link: 'dangling' });
    expect(await resolveInTree(root, 'modules', new Set(['node_modules']))).toEqual({ inside: true, path: 'modules', exists: false });
    await links(['modules', 'node_modules/../..']);
    expect(await resolveInTree(root, 'modules', new Set(['node_modules']))).toMatchObject({ inside: false, why: 'escapes' });
  });

  test('absolute targets, also behind a relative link', async () => {
    await links(['passwd', '/etc/passwd'], ['hop', 'passwd']);
    expect(await resolveInTree(root, 'hop')).toEqual({ inside: false, why: 'absolute', link: 'passwd', target: '/etc/passwd' });
  });

  test(`loops: a link to itself, two links to each other, a link into itself, more than ${maxLinkHops} hops`, async () => {
    await links(['self', 'self'], ['ping', 'pong'], ['pong', 'ping'], ['grow', 'grow/x']);
    for (const path of ['self', 'ping', 'grow'])
      expect(await resolveInTree(root, path), path).toMatchObject({ inside: false, why: 'loop' });
    const chain: [string, string][] = [['l0', 'src']];
    for (let i = 1; i <= maxLinkHops; i++) chain.push([`l${i}`, `l${i - 1}`]);
    await links(...chain);
    expect(await resolveInTree(root, `l${maxLinkHops - 1}`)).toEqual({ inside: true, path: 'src', exists: true });
    expect(await resolveInTree(root, `l${maxLinkHops}`)).toMatchObject({ inside: false, why: 'loop' });
  });
});
