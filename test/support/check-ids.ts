// The check ids a challenge's hidden tests register, read from the source: check('<id>', …).
import { readFileSync } from 'node:fs';
import { testFilesOf, type Challenge } from '../../harness/challenge/load-challenge.ts';

export function checkIdsInHiddenTests(challenge: Challenge): string[] {
  const ids: string[] = [];
  for (const file of testFilesOf(challenge, 'hidden')) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bcheck\(\s*['"]([^'"]+)['"]/g)) ids.push(match[1]);
  }
  return ids;
}

/** The check ids of each hidden test file (file path → ids, in source order). */
export function checkIdsByFile(challenge: Challenge): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const file of testFilesOf(challenge, 'hidden')) {
    byFile.set(file, [...readFileSync(file, 'utf8').matchAll(/\bcheck\(\s*['"]([^'"]+)['"]/g)].map((match) => match[1]));
  }
  return byFile;
}
