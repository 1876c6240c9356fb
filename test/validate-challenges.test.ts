// `bch validate` on every challenge of the repository, as `npm test` runs it before the slow batches: no
// problem and nothing left to do. Its time is a figure for the bench, not an assertion: a busy machine is no bug.
import { expect, test } from 'vitest';
import { listChallengeIds } from '../harness/challenge-spec/load-challenge.ts';
import { runBch } from './support/run-bch.ts';

test('every challenge is valid', async () => {
  const run = await runBch(['validate', '--json'], { json: false });
  expect(run.exitCode, run.stdout + run.stderr).toBe(0);
  const result = JSON.parse(run.stdout) as { valid: boolean; challenges: { challenge: string; findings: unknown[] }[] };
  expect(result.challenges.map((c) => c.challenge)).toEqual(listChallengeIds());
  expect(
    result.challenges.filter((c) => c.findings.length > 0),
    'run `npx bch validate` for the details',
  ).toEqual([]);
});
