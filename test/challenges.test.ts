// The proof that each challenge grades right: its manifest and tests agree, its reference scores 100 every
// time, its starter scores near 0, and every known-bad variant loses exactly the checks aimed at it.
// One batch `bch grade` per challenge, against the machine's services, sharing them across grades.
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { listChallengeIds, loadChallenge } from '../harness/challenge/load-challenge.ts';
import { checkIdsInHiddenTests } from './support/check-ids.ts';
import { externalFlags, runBch, type BchRun, type JsonTestReport } from './support/run-bch.ts';
import { declaredVariants, materializeVariants, repoRoot, type Variant } from './support/variants.ts';

const referenceRuns = 3;
/** The limit of one challenge's whole batch: the CI budget (about 8 minutes on a quiet machine) with room for a busy one. */
const batchTimeoutMs = 20 * 60_000;

describe.each(listChallengeIds())('challenge %s', (id) => {
  const challenge = loadChallenge(id);
  const checkIds = challenge.manifest.checks.map((c) => c.id);

  test('every manifest check has exactly one hidden test, and every hidden test a check', () => {
    const tested = checkIdsInHiddenTests(challenge);
    expect(tested.filter((name, i) => tested.indexOf(name) !== i), 'checks tested twice').toEqual([]);
    expect([...tested].sort(), 'hidden test ids against manifest check ids').toEqual([...checkIds].sort());
  });

  test('known-bad variants name declared checks only, at least 8 of them', () => {
    const variants = declaredVariants(id);
    expect(variants.length).toBeGreaterThanOrEqual(8);
    for (const variant of variants) expect(checkIds, `variant ${variant.id}`).toEqual(expect.arrayContaining(variant.loses));
  });

  describe('grading', () => {
    let variants: Variant[];
    let run: BchRun;
    const reportOf = (index: number): JsonTestReport => run.reports[index];
    const failedChecks = (report: JsonTestReport) => report.tests.filter((t) => t.status !== 'pass').map((t) => t.id).sort();

    beforeAll(async () => {
      variants = await materializeVariants(id);
      const reference = join(repoRoot, 'solutions', id);
      run = await runBch(['grade', id, ...Array(referenceRuns).fill(reference), challenge.starterDir, ...variants.map((v) => v.dir), ...externalFlags, '--quick'], {
        timeoutMs: batchTimeoutMs,
      });
      expect(run.reports, `bch wrote no report (exit ${run.exitCode}):\n${run.stderr.slice(-3000)}`).toHaveLength(referenceRuns + 1 + variants.length);
    }, batchTimeoutMs);

    test(`the reference solution scores 100, ${referenceRuns} times in a row, with the same result per check`, () => {
      for (let i = 0; i < referenceRuns; i += 1) {
        const report = reportOf(i);
        expect(failedChecks(report), `reference run ${i + 1}: ${JSON.stringify(report.tests.filter((t) => t.status !== 'pass'), null, 1)}`).toEqual([]);
        expect(report.score).toBe(100);
        expect(report.tests.map((t) => [t.id, t.status])).toEqual(reportOf(0).tests.map((t) => [t.id, t.status]));
      }
    });

    const starter = challenge.manifest.starterScore;
    test(`the starter scores within its declared ${starter.min}–${starter.max}, and says what fails`, () => {
      const report = reportOf(referenceRuns);
      expect(report.status).toBe('fail');
      expect(report.score).toBeGreaterThanOrEqual(starter.min);
      expect(report.score).toBeLessThanOrEqual(starter.max);
      for (const t of report.tests.filter((t) => t.status !== 'pass')) expect(t.message, `check ${t.id} explains itself`).toBeTruthy();
    });

    test('every known-bad variant loses exactly the checks aimed at it', () => {
      const wrong = variants.flatMap((variant, i) => {
        const report = reportOf(referenceRuns + 1 + i);
        const lost = failedChecks(report);
        const errors = report.tests.filter((t) => t.status === 'error').map((t) => t.id);
        const expected = [...variant.loses].sort();
        return JSON.stringify(lost) === JSON.stringify(expected) && errors.length === 0
          ? []
          : [`${variant.id}: lost [${lost.join(', ')}], expected [${expected.join(', ')}]${errors.length ? `; errors in ${errors.join(', ')}` : ''}\n    ${report.tests.filter((t) => t.status !== 'pass').map((t) => `${t.id}: ${t.message}`).join('\n    ')}`];
      });
      expect(wrong, wrong.join('\n')).toEqual([]);
    });
  });
});
