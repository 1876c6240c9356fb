// The install cache: one folder per install key under <cacheDir>/deps, each complete or absent (installs are
// staged, then renamed). Bounded by age and total size; staging folders are removed on Ctrl-C and, when a run
// was killed outright, by the next prune.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { killGroup } from '../process/process-group.ts';

export interface CacheBounds {
  maxBytes: number;
  maxAgeMs: number;
}
export const defaultCacheBounds: Readonly<CacheBounds> = Object.freeze({ maxBytes: 2 * 1024 ** 3, maxAgeMs: 14 * 24 * 3600 * 1000 });
const marker = '.bch-entry.json';
const staleStagingMs = 3600 * 1000;

/** Staging folders of installs still running in this process, and the npm process group writing each. */
const activeStaging = new Map<string, number | undefined>();

/** Entries of this format live apart from older bch versions' `deps/`, which runs of those versions may be using. */
export const depsDir = (cacheDir: string) => join(cacheDir, 'deps-v2');

/** A new staging folder beside the entries (same filesystem, so the final rename is atomic). */
export async function createStaging(cacheDir: string): Promise<string> {
  const staging = join(depsDir(cacheDir), `.staging-${randomUUID()}`);
  await mkdir(staging, { recursive: true });
  activeStaging.set(staging, undefined);
  return staging;
}

/** Records the npm process group that writes into a staging folder, so an interrupt can stop it first. */
export const trackInstaller = (staging: string, pid: number | undefined) => {
  if (activeStaging.has(staging)) activeStaging.set(staging, pid);
};

/** Removes a staging folder (after a failed install, or once renamed). */
export async function dropStaging(staging: string): Promise<void> {
  activeStaging.delete(staging);
  await rm(staging, { recursive: true, force: true });
}

/** On Ctrl-C: kills running installs and removes their staging folders. */
export async function removeActiveStaging(): Promise<void> {
  for (const [staging, pid] of [...activeStaging]) {
    if (pid) killGroup(pid, 'SIGKILL');
    await dropStaging(staging);
  }
}

/** Marks an entry complete with its size; called before the rename that publishes it. */
export async function sealEntry(staging: string): Promise<void> {
  await writeFile(join(staging, marker), JSON.stringify({ bytes: await sizeOf(staging), createdAt: new Date().toISOString() }));
}

/** Marks an entry as used now (its age counts from the last use). */
export async function touchEntry(entry: string): Promise<void> {
  const now = new Date();
  await utimes(join(entry, marker), now, now).catch(() => {});
}

/** True when the entry is complete (sealed). */
export const isComplete = (entry: string) => existsSync(join(entry, marker)) && existsSync(join(entry, 'node_modules'));

/** Deletes entries unused for longer than maxAgeMs, then the least recently used until the total fits maxBytes, and stale staging folders. */
export async function pruneCache(
  cacheDir: string,
  bounds: CacheBounds = defaultCacheBounds,
  now = Date.now(),
): Promise<{ removed: string[]; keptBytes: number }> {
  const root = depsDir(cacheDir);
  const names = existsSync(root) ? await readdir(root) : [];
  const removed: string[] = [];
  const entries: { name: string; usedAt: number; bytes: number }[] = [];
  for (const name of names) {
    const path = join(root, name);
    if (name.startsWith('.staging-')) {
      if (!activeStaging.has(path) && now - (await stat(path)).mtimeMs > staleStagingMs) removed.push(name);
      continue;
    }
    const info = await stat(join(path, marker)).catch(() => undefined);
    if (!info) {
      // Not sealed: an older bch's install, possibly in use by a run of it; removed only once old.
      if (now - (await stat(path)).mtimeMs > bounds.maxAgeMs) removed.push(name);
      continue;
    }
    const bytes = (JSON.parse(await readFile(join(path, marker), 'utf8')) as { bytes?: number }).bytes ?? 0;
    if (now - info.mtimeMs > bounds.maxAgeMs) removed.push(name);
    else entries.push({ name, usedAt: info.mtimeMs, bytes });
  }
  entries.sort((a, b) => b.usedAt - a.usedAt);
  let keptBytes = 0;
  for (const entry of entries) {
    if (keptBytes + entry.bytes > bounds.maxBytes) removed.push(entry.name);
    else keptBytes += entry.bytes;
  }
  for (const name of removed) await rm(join(root, name), { recursive: true, force: true });
  return { removed, keptBytes };
}

/** Bytes of the files under a folder (links not followed). */
export async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true })) {
    const info = await lstat(join(dir, entry)).catch(() => undefined);
    if (info?.isFile()) total += info.size;
  }
  return total;
}
