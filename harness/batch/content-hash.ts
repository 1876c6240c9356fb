// What makes a grade reusable: the submission's content and the challenge's version. Equal hashes, equal grade.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import type { SubmissionSource } from '../submission/submission-source.ts';

const skipped = new Set(['node_modules', '.git']);

/** A hash of every file under a folder (names and bytes; node_modules and .git left out, as the grade leaves them out). */
export async function folderHash(dir: string, skip: ReadonlySet<string> = skipped): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((d) => d.isFile() || d.isSymbolicLink())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .filter((rel) => !rel.split(sep).some((part) => skip.has(part)))
    .sort();
  for (const rel of files)
    hash
      .update(`${rel.split(sep).join('/')}\0`)
      .update(await readFile(join(dir, rel)).catch(() => Buffer.from('link')))
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
  const commit = /^[0-9a-f]{40}$/.test(ref)
    ? ref
    : await promisify(execFile)('git', ['ls-remote', '--', source.url, ref], {
        timeout: 60_000,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      })
        .then(
          ({ stdout }) =>
            stdout
              .split('\n')
              .find((line) => /\t(HEAD|refs\/(heads|tags)\/)/.test(line))
              ?.split('\t')[0],
        )
        .catch(() => undefined);
  // Without a commit (unreachable, unknown ref), the source is never taken as already graded.
  return commit ? `git:${commit}` : `git-unresolved:${Date.now()}:${Math.random()}`;
}

/** The challenge's version: every file of its folder (manifest, hidden tests, fixtures), so a changed check re-grades. */
export const challengeVersion = (challengeDir: string) => folderHash(challengeDir).then((hash) => hash.slice(0, 16));
