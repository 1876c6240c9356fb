import { expect, test } from 'vitest';
import type { ChallengeManifest } from './challenge-manifest.ts';
import { statementPointProblems } from './statement-points.ts';

const manifest = {
  checks: [
    { category: 'correctness', weight: 28 },
    { category: 'resilience', weight: 62 },
    { category: 'performance', weight: 10 },
  ],
} as unknown as ChallengeManifest;

test("the statement's points per category and its total must be the manifest's", () => {
  const right =
    '| Category | Points |\n|---|---|\n| Correctness | 28 | a |\n| Resilience | 62 | b |\n| Performance | 10 | c |\nTotal: 100 points.';
  expect(statementPointProblems(right, manifest)).toEqual([]);
  const wrong = right.replace('| 28 |', '| 27 |').replace('| 62 |', '| 63 |').replace('100 points', '99 points');
  expect(statementPointProblems(wrong, manifest)).toEqual([
    expect.stringContaining("Correctness is worth 27 points, but the manifest's correctness checks weigh 28"),
    expect.stringContaining("Resilience is worth 63 points, but the manifest's resilience checks weigh 62"),
    expect.stringContaining('"Total: 99 points", but the manifest\'s checks weigh 100'),
  ]);
});
