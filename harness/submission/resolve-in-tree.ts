// Where a path inside a folder really leads: each link read and followed as the kernel follows it (chains, a `..`
// after a link, links inside link targets), never by its text alone, and without looking outside the folder.
import { lstat, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';

/** Links followed in one lookup before the kernel gives up with ELOOP (Linux MAXSYMLINKS). */
export const maxLinkHops = 40;

export type TreeResolution =
  /** `path` is relative to the folder ('' for the folder itself); `exists` is false when a part of it is absent. */
  | { inside: true; path: string; exists: boolean }
  /** `link` and `target`: the last link followed before the path left the folder, or the one that loops. */
  | { inside: false; why: 'escapes' | 'absolute' | 'loop'; link: string; target: string };

/**
 * Resolves `rel` ('/'-separated, relative to `root`) physically. A part that does not exist, and every folder
 * named in `absent` (node_modules and .git, which a grade never copies), is taken as absent: what follows it
 * is resolved by its text, as it would be once the candidate created it as a folder.
 */
export async function resolveInTree(root: string, rel: string, absent: ReadonlySet<string> = new Set()): Promise<TreeResolution> {
  /** Parts still to resolve, last first, each with the link whose target text it comes from (the path itself at first). */
  const pending = partsOf(rel, { link: rel, target: rel });
  const done: string[] = [];
  /** How many leading parts of `done` exist (the rest are absent). */
  let existing = 0;
  let hops = 0;
  while (pending.length > 0) {
    const { part, from } = pending.pop()!;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (done.length === 0) return { inside: false, why: 'escapes', ...from };
      done.pop();
      existing = Math.min(existing, done.length);
      continue;
    }
    const info = existing === done.length && !absent.has(part) ? await lstatOrUndefined(join(root, ...done, part)) : undefined;
    if (info?.isSymbolicLink()) {
      const link = { link: [...done, part].join('/'), target: await readlink(join(root, ...done, part)) };
      if ((hops += 1) > maxLinkHops) return { inside: false, why: 'loop', ...link };
      if (posix.isAbsolute(link.target)) return { inside: false, why: 'absolute', ...link };
      pending.push(...partsOf(link.target, link));
      continue;
    }
    done.push(part);
    if (info) existing = done.length;
  }
  return { inside: true, path: done.join('/'), exists: existing === done.length };
}

/** A path's parts, last first (a stack), each tagged with where it came from. */
const partsOf = (path: string, from: { link: string; target: string }) =>
  path
    .split('/')
    .reverse()
    .map((part) => ({ part, from }));

/** lstat, or undefined for a path that does not exist (or runs through a file). */
async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
