// The repository's own files, as the tests that look for leaks by content list them.
import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './variants.ts';

/** Regular files of the repository (tracked, and new ones git does not ignore), relative to its root; symbolic
 * links (the hostile corpus links a shared folder) are left out: their targets are listed in their own right. */
export function repositoryFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && lstatSync(join(repoRoot, file), { throwIfNoEntry: false })?.isFile());
}
