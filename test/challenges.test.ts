// The proof that each challenge grades right: its reference scores 100 every time, its starter scores near 0,
// and every known-bad variant loses exactly the checks aimed at it. One batch `bch grade` per challenge,
// against the machine's services, sharing them across grades. That manifest, tests and variant list agree is
// `bch validate` (test/validate-challenges.test.ts), seconds instead of minutes.
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { collectChallengeTests } from '../harness/challenge-spec/collect-tests.ts';
import { challengesRoot, listChallengeIds, loadChallenge } from '../harness/challenge-spec/load-challenge.ts';
import { resolveSettings } from '../harness/config/settings.ts';
import { externalFlags, runBch, type BchRun, type JsonTestReport } from './support/run-bch.ts';
import { materializeVariants, repoRoot, type Variant } from './support/variants.ts';

/** Once here; `npm run test:stability` grades each reference several times in a row (test/stability/). */
const referenceRuns = 1;
/** How many variants (the first ones declared) are graded on every check; the others only on the checks of the
 * test files that hold their declared checks, which keeps CI within its budget (a variant's grade skips the
 * slow files, such as load checks, that its bug is not aimed at). */
const fullySampled = 2;
/** The limit of one challenge's whole batch: the CI budget (about 8 minutes on a quiet machine) with room for a busy one. */
const batchTimeoutMs = 20 * 60_000;

describe.each(listChallengeIds())('challenge %s', (id) => {
  const challenge = loadChallenge(id);

  describe('grading', () => {
    let variants: Variant[];
    let run: BchRun;
    const reportOf = (index: number): JsonTestReport => run.reports[index];
    const failedChecks = (report: JsonTestReport) =>
      report.tests
        .filter((t) => t.status !== 'pass')
        .map((t) => t.id)
        .sort();

    /** Each variant's report, graded fully (the sample) or on the checks of its test files only. */
    const variantReports = new Map<string, JsonTestReport>();

    beforeAll(async () => {
      variants = await materializeVariants(id);
      const reference = join(repoRoot, 'solutions', id);
      const sample = variants.slice(0, fullySampled);
      run = await runBch(
        [
          'grade',
          id,
          ...Array(referenceRuns).fill(reference),
          challenge.starterDir,
          ...sample.map((v) => v.dir),
          ...externalFlags,
          '--quick',
        ],
        {
          timeoutMs: batchTimeoutMs,
        },
      );
      expect(run.reports, `bch wrote no report (exit ${run.exitCode}):\n${run.stderr.slice(-3000)}`).toHaveLength(
        referenceRuns + 1 + sample.length,
      );
      sample.forEach((variant, i) => variantReports.set(variant.id, reportOf(referenceRuns + 1 + i)));
      // The other variants, grouped by the checks of the test files their declared checks live in: one batch each.
      const collected = await collectChallengeTests(challengesRoot, [id], join(resolveSettings().workRoot, 'vite-cache'));
      const files = (collected.get(id) ?? []).filter((file) => file.suite === 'hidden').map((file) => file.tests);
      const groups = new Map<string, Variant[]>();
      for (const variant of variants.slice(fullySampled)) {
        const checks = files
          .filter((ids) => ids.some((checkId) => variant.loses.includes(checkId)))
          .flat()
          .sort()
          .join(',');
        groups.set(checks, [...(groups.get(checks) ?? []), variant]);
      }
      for (const [checks, group] of groups) {
        const partial = await runBch(['grade', id, ...group.map((v) => v.dir), ...externalFlags, '--quick', '--checks', checks], {
          timeoutMs: batchTimeoutMs,
        });
        expect(
          partial.reports,
          `bch wrote no report for ${group.map((v) => v.id).join(', ')} (exit ${partial.exitCode}):\n${partial.stderr.slice(-3000)}`,
        ).toHaveLength(group.length);
        group.forEach((variant, i) => variantReports.set(variant.id, partial.reports[i]));
      }
    }, batchTimeoutMs);

    test('the reference solution scores 100', () => {
      const report = reportOf(0);
      expect(
        failedChecks(report),
        JSON.stringify(
          report.tests.filter((t) => t.status !== 'pass'),
          null,
          1,
        ),
      ).toEqual([]);
      expect(report.score).toBe(100);
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
      const wrong = variants.flatMap((variant) => {
        const report = variantReports.get(variant.id)!;
        const lost = failedChecks(report);
        const errors = report.tests.filter((t) => t.status === 'error').map((t) => t.id);
        const expected = [...variant.loses].sort();
        return JSON.stringify(lost) === JSON.stringify(expected) && errors.length === 0
          ? []
          : [
              `${variant.id}: lost [${lost.join(', ')}], expected [${expected.join(', ')}]${errors.length ? `; errors in ${errors.join(', ')}` : ''}\n    ${report.tests
                .filter((t) => t.status !== 'pass')
                .map((t) => `${t.id}: ${t.message}`)
                .join('\n    ')}`,
            ];
      });
      expect(wrong, wrong.join('\n')).toEqual([]);
    });
  });
});
