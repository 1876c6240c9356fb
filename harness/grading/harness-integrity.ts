// A cheap defence in depth against candidate code that writes to the harness: the challenge's files (hidden
// tests, fixtures, manifest) and the harness's own code (the test worker loads it for every grade) are hashed
// before the run and after each grade. A grade during which they changed, and every later grade of the run,
// is an `error`: its score was computed by code the candidate may have rewritten.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { outcomeCodes, type GradeResult } from './grade-result.ts';

/** The harness's own code (harness/), which the test worker loads for every grade. */
export const harnessCodeDir = resolve(import.meta.dirname, '..');

/** Path (relative to the repository) → SHA-256 of every file under the given folders, but in node_modules (where vitest keeps its cache). */
export async function fingerprintFiles(dirs: readonly string[]): Promise<Map<string, string>> {
  const root = resolve(harnessCodeDir, '..');
  const hashes = new Map<string, string>();
  for (const dir of dirs) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile() && !relative(dir, e.parentPath).split(sep).includes('node_modules'))) {
      const path = join(entry.parentPath, entry.name);
      hashes.set(
        relative(root, path),
        createHash('sha256')
          .update(await readFile(path))
          .digest('hex'),
      );
    }
  }
  return hashes;
}

/** The files added, removed or changed between two fingerprints, sorted. */
export function changedFiles(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

/** The grade as an environment error: no check and no point of it can be trusted. */
export function untrustedGrade(result: GradeResult, message: string): GradeResult {
  return {
    ...result,
    status: 'error',
    errorKind: 'environment',
    message,
    code: outcomeCodes.harnessChanged,
    score: 0,
    meetsMinScore: result.minScore <= 0,
    checks: result.checks.map((check) => ({ ...check, state: 'error', score: 0, message, code: outcomeCodes.harnessChanged })),
  };
}

/** Why a grade is untrusted when the files changed during it (`changed`), or during an earlier grade (`earlier`). */
export function integrityMessage(changed: readonly string[], earlier?: string): string {
  if (earlier)
    return `not trusted: the harness's files were changed during an earlier grade of this run (${earlier}), so this score was computed by code that may have been rewritten. Restore the files (git checkout) and grade again, on a fresh machine.`;
  const list = changed.slice(0, 5).join(', ') + (changed.length > 5 ? ` and ${changed.length - 5} more` : '');
  return `harness integrity: files of the challenge or the harness changed during this grade (${list}). A process of this grade may have written them; its score and those of the later grades of this run must not be trusted. Restore the files (git checkout), and grade untrusted code only in a sandbox.`;
}
