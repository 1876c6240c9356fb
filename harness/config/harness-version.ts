// The harness's own version (package.json) and, in a git checkout, its commit: read once, for reports that say
// which harness graded.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export const harnessVersion: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

let commit: string | null | undefined;

/** The commit of the harness's checkout (with `+dirty` when its files differ from it), or undefined outside git. */
export function harnessCommit(): string | undefined {
  if (commit === undefined) {
    const root = resolve(import.meta.dirname, '../..');
    try {
      const head = execFileSync('git', ['-C', root, 'rev-parse', 'HEAD'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5000,
      }).trim();
      const dirty = execFileSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no', '--', 'harness', 'challenges'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 5000,
      }).trim();
      commit = /^[0-9a-f]{40}$/.test(head) ? `${head}${dirty ? '+dirty' : ''}` : null;
    } catch {
      commit = null;
    }
  }
  return commit ?? undefined;
}
