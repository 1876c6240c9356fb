// What makes a grade reusable: the submission's content and the challenge's version. Equal hashes, equal grade.
import { createHash } from 'node:crypto';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { checkGitUrl } from '../submission/check-git-url.ts';
import { runGit } from '../submission/run-git.ts';
import type { SubmissionSource } from '../submission/submission-source.ts';

const skipped = new Set(['node_modules', '.git']);

/** A hash of every file under a folder (names and bytes, a link's target as its text, never followed; node_modules and .git left out, as the grade leaves them out). */
export async function folderHash(dir: string, skip: ReadonlySet<string> = skipped): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((d) => d.isFile() || d.isSymbolicLink())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .filter((rel) => !rel.split(sep).some((part) => skip.has(part)))
    .sort();
  const links = new Set(entries.filter((d) => d.isSymbolicLink()).map((d) => relative(dir, join(d.parentPath, d.name))));
  for (const rel of files)
    hash
      .update(`${rel.split(sep).join('/')}\0`)
      .update(links.has(rel) ? `link\0${await readlink(join(dir, rel))}` : await readFile(join(dir, rel)))
      .update('\0');
  return hash.digest('hex');
}

/** The content hash of a source: a folder's files, an archive's bytes, or a git ref's commit (asked with ls-remote). */
export async function sourceHash(source: SubmissionSource): Promise<string> {
  if (source.form === 'folder') return `folder:${await folderHash(source.path)}`;
  if (source.form === 'archive')
    return `archive:${createHash('sha256')
      .update(await readFile(source.path))
      .digest('hex')}`;
  const ref = source.ref ?? 'HEAD';
  const commit = /^[0-9a-f]{40}$/.test(ref) ? ref : await remoteCommit(source.url, ref);
  // Without a commit (unreachable, refused URL, unknown ref), the source is never taken as already graded.
  return commit ? `git:${commit}` : `git-unresolved:${Date.now()}:${Math.random()}`;
}

/** The commit a remote's ref names (asked with ls-remote, on the terms of a grade's clone), or undefined. */
async function remoteCommit(url: string, ref: string): Promise<string | undefined> {
  try {
    checkGitUrl(url);
  } catch {
    return undefined;
  }
  const run = await runGit(['ls-remote', '--', url, ref], 60_000);
  if (!run.ok) return undefined;
  return run.output
    .split('\n')
    .find((line) => /\t(HEAD|refs\/(heads|tags)\/)/.test(line))
    ?.split('\t')[0];
}

/** The challenge's version: every file of its folder (manifest, hidden tests, fixtures), so a changed check re-grades. */
export const challengeVersion = (challengeDir: string) => folderHash(challengeDir).then((hash) => hash.slice(0, 16));
