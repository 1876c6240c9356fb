// `bch test` for every challenge: the public tests a candidate runs pass on the reference solution and fail on
// the untouched starter, with a clear count, an exit code CI can use, and the same JSON report as `bch grade`.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listChallengeIds, loadChallenge } from '../harness/challenge-spec/load-challenge.ts';
import { externalUrlFlags, runBch } from './support/run-bch.ts';
import { repoRoot } from './support/variants.ts';

describe.each(listChallengeIds())('bch test %s', (id) => {
  const challenge = loadChallenge(id);

  test('the reference solution passes every public test (exit 0)', async () => {
    const run = await runBch(['test', id, join(repoRoot, 'solutions', id), ...externalUrlFlags, '--quick'], { timeoutMs: 5 * 60_000 });
    const [report] = run.reports;
    expect(report, `no report (exit ${run.exitCode}):\n${run.stderr.slice(-2000)}`).toBeDefined();
    expect(
      report.tests.filter((t) => t.status !== 'pass'),
      'public tests that did not pass on the reference',
    ).toEqual([]);
    expect(report.tests.length).toBeGreaterThan(0);
    expect(run.stdout).toContain(`Public tests: ${report.tests.length}/${report.tests.length} passed`);
    expect(run.exitCode).toBe(0);
  });

  test('the starter fails public tests, each with a reason, and exits 1', async () => {
    const run = await runBch(['test', id, challenge.starterDir, ...externalUrlFlags, '--quick'], { timeoutMs: 5 * 60_000 });
    const [report] = run.reports;
    expect(report, `no report (exit ${run.exitCode}):\n${run.stderr.slice(-2000)}`).toBeDefined();
    const failed = report.tests.filter((t) => t.status !== 'pass');
    expect(failed.length).toBeGreaterThan(0);
    for (const t of failed) expect(t.message, `public test "${t.name}" explains itself`).toBeTruthy();
    expect(run.stdout).toContain(`Public tests: ${report.tests.length - failed.length}/${report.tests.length} passed`);
    expect(run.stdout).not.toContain('min 0');
    expect(run.exitCode).toBe(1);
  });
});
