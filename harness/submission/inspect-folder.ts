// Walks a submission folder (as given, cloned or extracted) and rejects what no source tree needs and what could
// reach outside the grade: links that lead out of it, device files, FIFOs, sockets, and trees over the limits.
// A link is judged by where it really leads (resolve-in-tree.ts: chains and `..` after links followed as the
// kernel follows them), not by its text.
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { resolveInTree } from './resolve-in-tree.ts';
import { LimitCounter, maxPathBytes, rejectSpecialFile, type SubmissionLimits } from './submission-limits.ts';
import { SubmissionRejected } from './submission-rejected.ts';

/** Folders that are never copied into a grade, so never inspected either. */
export const ignoredFolders: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Checks every entry under `root`; returns the totals and the links found, throws SubmissionRejected on the first problem. */
export async function inspectFolder(root: string, limits: SubmissionLimits): Promise<{ entries: number; bytes: number; links: string[] }> {
  const counter = new LimitCounter(limits);
  const links: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      if (ignoredFolders.has(name)) continue;
      const path = join(dir, name);
      const rel = relative(root, path).split(sep).join('/');
      if (Buffer.byteLength(rel) > maxPathBytes)
        throw new SubmissionRejected(
          'BCH_SUBMISSION_NAME_TOO_LONG',
          `"${rel.slice(0, 60)}…" has a path of ${Buffer.byteLength(rel)} bytes (limit ${maxPathBytes}). Shorten its folders' names.`,
        );
      const info = await lstat(path);
      if (info.isSymbolicLink()) {
        links.push(rel);
        await assertLinkInside(root, rel);
      } else if (info.isCharacterDevice()) rejectSpecialFile(rel, 'character device');
      else if (info.isBlockDevice()) rejectSpecialFile(rel, 'block device');
      else if (info.isFIFO()) rejectSpecialFile(rel, 'FIFO (named pipe)');
      else if (info.isSocket()) rejectSpecialFile(rel, 'socket');
      counter.add(rel, info.isFile() ? info.size : 0);
      if (info.isDirectory()) await walk(path);
    }
  };
  await walk(root);
  return { entries: counter.entries, bytes: counter.bytes, links };
}

/**
 * Rejects the link `link` (relative to `root`) unless, followed as the kernel follows it, it stays inside `root`:
 * an absolute target, a way out (directly, through a chain, or through another link), or a loop is refused.
 * `scope` names `root` in the message.
 */
export async function assertLinkInside(root: string, link: string, scope = 'the submission'): Promise<void> {
  const resolution = await resolveInTree(root, link, ignoredFolders);
  if (resolution.inside) return;
  const through = resolution.link === link ? '' : ` through the link "${resolution.link}"`;
  if (resolution.why === 'absolute')
    throw new SubmissionRejected(
      'BCH_SUBMISSION_SYMLINK_ABSOLUTE',
      `the symbolic link "${link}" leads${through} to the absolute path "${resolution.target}". Replace it with the file itself, or a relative link inside ${scope}.`,
    );
  if (resolution.why === 'loop')
    throw new SubmissionRejected(
      'BCH_SUBMISSION_SYMLINK_LOOP',
      `the symbolic link "${link}" never ends: followed, it loops${through} ("${resolution.target}"). Replace the links with the files themselves.`,
    );
  throw new SubmissionRejected(
    'BCH_SUBMISSION_SYMLINK_ESCAPES',
    `the symbolic link "${link}" leads outside ${scope}: ${through ? `followed as the system follows links, it climbs above ${scope}'s top folder${through} ("${resolution.target}")` : `its target "${resolution.target}" climbs above ${scope}'s top folder`}. Replace it with the file itself, or a relative link that stays inside.`,
  );
}
