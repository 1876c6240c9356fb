// `npm run test:stability`: each challenge's reference graded several times in a row (3 unless BCH_STABILITY_RUNS
// says otherwise), in one batch: every grade scores 100 with the same result per check. `npm test` grades each
// reference once (test/challenges.test.ts); these repeats prove that a grade does not depend on luck, and `.ci/run`
// runs them after `npm test` when its time budget allows.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listChallengeIds } from '../../harness/challenge-spec/load-challenge.ts';
import { externalFlags, runBch } from '../support/run-bch.ts';
import { repoRoot } from '../support/variants.ts';

const runs = Number(process.env.BCH_STABILITY_RUNS || 3);
/** A batch of `runs` reference grades: about 3 minutes for blue-green at 3 on a quiet machine. */
const batchTimeoutMs = (runs * 2 + 2) * 60_000;

describe.each(listChallengeIds())('challenge %s', (id) => {
  test(
    `the reference scores 100, ${runs} times in a row, with the same result per check`,
    async () => {
      const reference = join(repoRoot, 'solutions', id);
      const run = await runBch(['grade', id, ...Array(runs).fill(reference), ...externalFlags, '--quick'], { timeoutMs: batchTimeoutMs });
      expect(run.reports, `bch wrote no report (exit ${run.exitCode}):\n${run.stderr.slice(-3000)}`).toHaveLength(runs);
      run.reports.forEach((report, i) => {
        const failed = report.tests.filter((t) => t.status !== 'pass');
        expect(failed, `reference run ${i + 1}: ${JSON.stringify(failed, null, 1)}`).toEqual([]);
        expect(report.score).toBe(100);
        expect(report.tests.map((t) => [t.id, t.status])).toEqual(run.reports[0].tests.map((t) => [t.id, t.status]));
      });
    },
    batchTimeoutMs,
  );
});
