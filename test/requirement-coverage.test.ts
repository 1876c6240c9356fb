// The README's challenge table shows each challenge's requirement coverage as it is. That every requirement
// is verified by a check or marked untested with a reason is `bch validate` (test/validate-challenges.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listChallengeIds, loadChallenge } from '../harness/challenge-spec/load-challenge.ts';
import { coverageSummary, requirementCoverage } from '../harness/challenge-spec/requirement-coverage.ts';
import { repoRoot } from './support/variants.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The last cell of the README's challenge-table row for a challenge. */
function coverageCell(id: string): string | undefined {
  const row = readme.split('\n').find((line) => line.startsWith(`| \`${id}\` |`));
  return row?.split('|').slice(1, -1).at(-1)?.trim();
}

describe.each(listChallengeIds())('challenge %s', (id) => {
  const challenge = loadChallenge(id);
  const coverage = requirementCoverage(challenge.manifest, readFileSync(join(challenge.dir, 'README.md'), 'utf8'));

  test("the README's challenge table shows its coverage", () => {
    expect(coverageCell(id), `README.md's challenge table, column "requirements checked", row ${id}`).toBe(coverageSummary(coverage));
  });
});
