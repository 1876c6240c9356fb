// A challenge's version: a short hash of what decides its grades (manifest, hidden tests, fixtures, data set),
// so a report can tell whether two grades were made by the same challenge. Debrief questions are left out:
// rewording them changes no grade.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

const graded = ['challenge.yaml', 'hidden', 'fixtures', 'dataset'];

/** Returns 12 hex digits of a SHA-256 over the names and contents of the graded files of a challenge folder. */
export function challengeVersion(dir: string): string {
  const hash = createHash('sha256');
  for (const file of gradedFiles(dir)) {
    hash.update(`${file}\0`);
    hash.update(file === 'challenge.yaml' ? manifestWithoutDebrief(join(dir, file)) : readFileSync(join(dir, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** The manifest as canonical JSON, without the checks' debrief questions. */
function manifestWithoutDebrief(path: string): string {
  const manifest = parseYaml(readFileSync(path, 'utf8')) as { checks?: Array<Record<string, unknown>> } | null;
  for (const check of manifest?.checks ?? []) delete check.debrief;
  return JSON.stringify(manifest);
}

/** The graded files of a challenge folder, relative and sorted, so the hash does not depend on directory order. */
function gradedFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of graded) {
    const path = join(dir, entry);
    if (!existsSync(path)) continue;
    if (statSync(path).isFile()) files.push(entry);
    else
      for (const file of readdirSync(path, { recursive: true, encoding: 'utf8' }))
        if (statSync(join(path, file)).isFile()) files.push(join(entry, file));
  }
  return files.sort();
}
