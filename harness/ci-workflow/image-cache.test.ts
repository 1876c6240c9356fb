import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { cacheImages, imageArchive, type Docker } from './image-cache.ts';

/** A Docker that holds `have` and records what it was asked; `save` writes the archive as the real one does. */
function fakeDocker(have: Set<string>, calls: string[][], fail?: string): Docker {
  return async (args) => {
    calls.push(args);
    if (args[0] === fail) throw Object.assign(new Error('failed'), { stderr: 'Error response from daemon: no such host\n' });
    if (args[0] === 'image' && !have.has(args[2])) throw new Error('No such image');
    if (args[0] === 'pull') have.add(args[2]);
    if (args[0] === 'load') have.add('loaded-from-archive');
    if (args[0] === 'save') writeFileSync(args[2], 'archive');
  };
}

test('an image is pulled once and archived, loaded from its archive on a new runner, and left alone when both exist', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bch-images-'));
  const calls: string[][] = [];
  const runner1 = new Set<string>();
  expect(await cacheImages(['redis:7.4-alpine'], dir, fakeDocker(runner1, calls))).toEqual(new Map([['redis:7.4-alpine', 'pulled']]));
  expect(calls.map((c) => c[0])).toEqual(['image', 'pull', 'save']);
  expect(existsSync(imageArchive(dir, 'redis:7.4-alpine'))).toBe(true);
  expect(imageArchive(dir, 'bch-local/redis:abc')).toBe(join(dir, 'bch-local_redis_abc.tar'));

  calls.length = 0;
  expect(await cacheImages(['redis:7.4-alpine'], dir, fakeDocker(new Set(), calls))).toEqual(new Map([['redis:7.4-alpine', 'loaded']]));
  expect(calls.map((c) => c[0])).toEqual(['image', 'load']);

  calls.length = 0;
  expect(await cacheImages(['redis:7.4-alpine'], dir, fakeDocker(runner1, calls))).toEqual(new Map([['redis:7.4-alpine', 'present']]));
  expect(calls.map((c) => c[0])).toEqual(['image']);

  calls.length = 0;
  const other = await mkdtemp(join(tmpdir(), 'bch-images-'));
  expect(await cacheImages(['redis:7.4-alpine'], other, fakeDocker(runner1, calls))).toEqual(new Map([['redis:7.4-alpine', 'archived']]));
  expect(calls.map((c) => c[0])).toEqual(['image', 'save']);
});

test('an image Docker cannot pull is an environment error that names it and what to check', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bch-images-'));
  await expect(cacheImages(['postgres:17'], dir, fakeDocker(new Set(), [], 'pull'))).rejects.toMatchObject({
    code: 'BCH_IMAGE_CACHE',
    kind: 'environment',
    message: expect.stringMatching(
      /Could not pull the image postgres:17: Error response from daemon: no such host\. Check that Docker runs/,
    ),
  });
});
