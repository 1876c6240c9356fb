// Finds the folder to grade inside what was sent: the folder that holds package.json and the challenge's entry
// file. The same input always gives the same folder, and the reason is reported.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { ignoredFolders } from './inspect-folder.ts';
import { SubmissionRejected } from './submission-rejected.ts';

const maxDepth = 4;
const noise = new Set(['__MACOSX']);

/**
 * The submission root, relative to `top` ('.' for the top itself). Rules, in order: the top folder when it holds
 * package.json and `entry`; else the folders below (up to 4 levels) that do, where a folder named `starter` is
 * dropped when another one remains (a kit keeps an untouched starter beside the candidate's working folder);
 * one left wins, else the single shallowest; a tie is ambiguous and rejected.
 */
export async function findSubmissionRoot(top: string, entry: string): Promise<string> {
  const holds = (rel: string) => existsSync(join(top, rel, 'package.json')) && existsSync(join(top, rel, entry));
  if (holds('.')) return '.';
  const found: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    if (depth > maxDepth) return;
    const dirents = await readdir(join(top, rel), { withFileTypes: true });
    for (const dirent of dirents.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!dirent.isDirectory() || ignoredFolders.has(dirent.name) || noise.has(dirent.name) || dirent.name.startsWith('.')) continue;
      const child = rel === '.' ? dirent.name : posix.join(rel, dirent.name);
      if (holds(child)) found.push(child);
      else await walk(child, depth + 1);
    }
  };
  await walk('.', 1);
  const candidates = found.length > 1 ? found.filter((rel) => posix.basename(rel) !== 'starter') : found;
  if (candidates.length === 0) {
    throw new SubmissionRejected(
      'BCH_SUBMISSION_NO_ENTRY',
      `no folder of the submission holds both package.json and ${entry} (searched ${maxDepth} levels deep). Send the folder with your package.json and ${entry}.`,
    );
  }
  const depth = (rel: string) => rel.split('/').length;
  const shallowest = Math.min(...candidates.map(depth));
  const top1 = candidates.filter((rel) => depth(rel) === shallowest);
  if (top1.length > 1) {
    throw new SubmissionRejected(
      'BCH_SUBMISSION_AMBIGUOUS_ROOT',
      `the submission holds several folders with package.json and ${entry}: ${top1.join(', ')}. Send only the one to grade.`,
    );
  }
  return top1[0];
}
