// Walks a submission folder (as given, cloned or extracted) and rejects what no source tree needs and what could
// reach outside the grade: escaping or absolute links, device files, FIFOs, sockets, and trees over the limits.
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { assertSafeSymlink, LimitCounter, rejectSpecialFile, type SubmissionLimits } from './submission-limits.ts';

/** Folders that are never copied into a grade, so never inspected either. */
export const ignoredFolders: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Checks every entry under `root`; returns the totals, throws SubmissionRejected on the first problem. */
export async function inspectFolder(root: string, limits: SubmissionLimits): Promise<{ entries: number; bytes: number }> {
  const counter = new LimitCounter(limits);
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      if (ignoredFolders.has(name)) continue;
      const path = join(dir, name);
      const rel = relative(root, path).split(sep).join('/');
      const info = await lstat(path);
      if (info.isSymbolicLink()) assertSafeSymlink(rel, await readlink(path));
      else if (info.isCharacterDevice()) rejectSpecialFile(rel, 'character device');
      else if (info.isBlockDevice()) rejectSpecialFile(rel, 'block device');
      else if (info.isFIFO()) rejectSpecialFile(rel, 'FIFO (named pipe)');
      else if (info.isSocket()) rejectSpecialFile(rel, 'socket');
      counter.add(rel, info.isFile() ? info.size : 0);
      if (info.isDirectory()) await walk(path);
    }
  };
  await walk(root);
  return { entries: counter.entries, bytes: counter.bytes };
}
