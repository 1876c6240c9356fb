// The install cache stays bounded: old entries, the least recently used beyond the size limit, unfinished ones.
import { mkdir, mkdtemp, readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { depsDir, pruneCache, sealEntry } from './dependency-cache.ts';

const day = 24 * 3600 * 1000;

/** A sealed entry of `bytes` bytes, last used `ageDays` ago. */
async function entry(cacheDir: string, name: string, bytes: number, ageDays: number): Promise<void> {
  const dir = join(depsDir(cacheDir), name);
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await writeFile(join(dir, 'node_modules', 'blob'), Buffer.alloc(bytes));
  await sealEntry(dir);
  const when = new Date(Date.now() - ageDays * day);
  await utimes(join(dir, '.bch-entry.json'), when, when);
}

test('prunes by age, then least recently used beyond the size, and stale unfinished folders; a young unsealed one may be in use', async () => {
  const cacheDir = await mkdtemp(join(tmpdir(), 'bch-cache-'));
  await entry(cacheDir, 'old', 10, 30);
  await entry(cacheDir, 'recent', 600, 1);
  await entry(cacheDir, 'older', 600, 3);
  await entry(cacheDir, 'newest', 300, 0);
  await mkdir(join(depsDir(cacheDir), 'unsealed/node_modules'), { recursive: true });
  await mkdir(join(depsDir(cacheDir), 'unsealed-old/node_modules'), { recursive: true });
  await utimes(join(depsDir(cacheDir), 'unsealed-old'), new Date(Date.now() - 20 * day), new Date(Date.now() - 20 * day));
  await mkdir(join(depsDir(cacheDir), '.staging-left-by-a-kill'), { recursive: true });
  const stale = new Date(Date.now() - 2 * 3600 * 1000);
  await utimes(join(depsDir(cacheDir), '.staging-left-by-a-kill'), stale, stale);
  const pruned = await pruneCache(cacheDir, { maxBytes: 1000, maxAgeMs: 14 * day });
  expect(pruned.removed.sort()).toEqual(['.staging-left-by-a-kill', 'old', 'older', 'unsealed-old']);
  expect((await readdir(depsDir(cacheDir))).sort()).toEqual(['newest', 'recent', 'unsealed']);
  expect(pruned.keptBytes).toBeGreaterThanOrEqual(900);
});
