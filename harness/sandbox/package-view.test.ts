// Views of node_modules folders: only packages, hard-linked, built once per content.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { packagesIn, packageView } from './package-view.ts';

/** A node_modules folder with packages and the dot entries tools leave there. */
function nodeModules(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'bch-package-view-')), 'node_modules');
  const files: Record<string, string> = {
    'a/package.json': '{"name":"a"}',
    'a/index.js': 'export default 1;',
    'a/.npmignore': 'test',
    'a/node_modules/.bin/x': 'bin',
    'a/node_modules/b/index.js': 'export default 2;',
    '@s/c/index.js': 'export default 3;',
    '@s/.cache/secret': 'hidden',
    '.bin/a': 'bin',
    '.vitest-cache/_manifest-x.json': 'hidden test source',
    '.package-lock.json': '{}',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  symlinkSync('a', join(dir, 'alias'));
  return dir;
}

/** Every path under a folder, relative to it, sorted (readdir follows the link `alias`: what is behind it is a's). */
const tree = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => !path.startsWith('alias/'))
    .sort();

test('the packages of a node_modules folder are its entries without dot entries, scoped ones by @scope/name', () => {
  expect(packagesIn(nodeModules())).toEqual(['@s/c', 'a', 'alias']);
});

test('a view holds the listed packages only, hard-linked, links as links, no dot entry of any node_modules', () => {
  const source = nodeModules();
  const view = packageView(source, [...packagesIn(source), '.vitest-cache', '../x', 'missing'], join(dirname(source), 'views'));
  expect(tree(view)).toEqual([
    '@s',
    '@s/c',
    '@s/c/index.js',
    'a',
    'a/.npmignore',
    'a/index.js',
    'a/node_modules',
    'a/node_modules/b',
    'a/node_modules/b/index.js',
    'a/package.json',
    'alias',
  ]);
  expect(statSync(join(view, 'a/index.js')).ino).toBe(statSync(join(source, 'a/index.js')).ino);
  expect(lstatSync(join(view, 'alias')).isSymbolicLink()).toBe(true);
  expect(readlinkSync(join(view, 'alias'))).toBe('a');
});

test('a view is built once per content: the same packages give the same folder; a reinstall or a new list gives another', () => {
  const source = nodeModules();
  const views = join(dirname(source), 'views');
  const first = packageView(source, ['a'], views);
  writeFileSync(join(source, '.vitest-cache', 'later'), 'written after the view was built');
  expect(packageView(source, ['a'], views)).toBe(first);
  expect(packageView(source, ['a', '@s/c'], views)).not.toBe(first);
  rmSync(join(source, 'a'), { recursive: true });
  mkdirSync(join(source, 'a'));
  writeFileSync(join(source, 'a/index.js'), 'export default 4;');
  const reinstalled = packageView(source, ['a'], views);
  expect(reinstalled).not.toBe(first);
  expect(tree(reinstalled)).toEqual(['a', 'a/index.js']);
  expect(readdirSync(views).filter((name) => name.startsWith('.staging-'))).toEqual([]);
});
