import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseThresholdRule, type ThresholdRule } from '../challenge-spec/threshold-rule.ts';
import type { GradeContextData } from '../testkit/grade-context.ts';
import { outcomeCodes } from './grade-result.ts';
import { runTestSuite, workerDeathOf, type SuiteOutcome, type TestOutcome } from './run-test-suite.ts';
import { scoreHiddenChecks } from './score-checks.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'run-test-suite');
const rules = ['p99 < 50ms', 'errors == 0'].map((source) => parseThresholdRule(source) as ThresholdRule);
const load = { durationSeconds: 1, thresholds: rules };
/** Only what check() reads: the checks' limits and load rules. */
const context = {
  challengeId: 'fixture',
  lanes: [{ env: {}, admin: {} }],
  checks: {
    'check times out': { timeoutMs: 150 },
    'check meets its rules': { timeoutMs: 5000, load },
    'check breaks a rule': { timeoutMs: 5000, load },
  },
} as unknown as GradeContextData;

/** Where this file's suites keep vitest's transformed modules. */
const moduleCacheDir = mkdtempSync(join(tmpdir(), 'bch-run-test-suite-modules-'));
/** A manifest check no test of the fixtures reports. */
const unreported = {
  id: 'never-runs',
  title: 'never runs',
  category: 'correctness' as const,
  weight: 5,
  timeoutMs: 20_000,
  requirements: [],
};

/** Runs one fixture folder's suite. */
function runFixture(folder: string): Promise<SuiteOutcome> {
  const dir = join(fixtures, folder);
  return runTestSuite({ root: dir, dir, context, cacheDir: join(tmpdir(), 'bch-run-test-suite-cache'), moduleCacheDir });
}

describe('runTestSuite: one outcome per test, from structured data only', () => {
  let suite: SuiteOutcome;
  const outcome = (name: string): TestOutcome => {
    const found = suite.tests.find((t) => t.name === name);
    if (!found) throw new Error(`no outcome for "${name}"`);
    return found;
  };
  beforeAll(async () => {
    suite = await runFixture('outcomes');
  }, 30_000);

  test("vitest keeps the test files it transformed in the folder it is given (a grade's run folder), not in node_modules", () => {
    const manifests = readdirSync(moduleCacheDir).filter((name) => name.startsWith('_manifest-'));
    expect(manifests.length).toBeGreaterThan(0);
    const sources = manifests.map((name) => readFileSync(join(moduleCacheDir, name), 'utf8')).join('\n');
    expect(sources).toContain('outcomes');
  });

  test('a passing test passes, with neither message nor code', () => {
    expect(outcome('passes')).toMatchObject({ state: 'passed' });
    expect(outcome('passes').message).toBeUndefined();
    expect(outcome('passes').code).toBeUndefined();
    expect(suite.problems).toEqual([]);
    expect(suite.workerDied).toBeUndefined();
  });

  test("a failed assertion fails with vitest's message and no code", () => {
    expect(outcome('fails').state).toBe('failed');
    expect(outcome('fails').code).toBeUndefined();
    expect(outcome('fails').message).toContain('expected 2 to be 3');
  });

  test('a test stopped at its limit is a timeout, with the limit vitest applied', () => {
    expect(outcome('times out')).toMatchObject({ state: 'timeout', code: outcomeCodes.checkTimeout });
    expect(outcome('times out').message).toBe('timed out: the check did not finish within its limit of 0.1 s');
    expect(outcome('check times out')).toMatchObject({ state: 'timeout', code: outcomeCodes.checkTimeout });
    expect(outcome('check times out').message).toContain('its limit of 0.15 s');
  });

  test("an InfrastructureError thrown in this run is an error, not the candidate's failure", () => {
    expect(outcome('infrastructure error')).toMatchObject({ state: 'error', code: outcomeCodes.infrastructure });
    expect(outcome('infrastructure error').message).toBe('the harness failed, not your code: the test database went away');
  });

  test('text that looks like a timeout or an infrastructure error is still a failure', () => {
    for (const name of ['forged infrastructure error', 'forged timeout']) {
      expect(outcome(name).state).toBe('failed');
      expect(outcome(name).code).toBeUndefined();
    }
  });

  test('check() evaluates the load rules it is given as data, and reports each beside its figure', () => {
    expect(outcome('check meets its rules')).toMatchObject({ state: 'passed' });
    expect(outcome('check meets its rules').load?.rules).toEqual([
      { rule: 'p99 < 50ms', metric: 'p99', measured: 40, passed: true },
      { rule: 'errors == 0', metric: 'errors', measured: 0, passed: true },
    ]);
    expect(outcome('check breaks a rule')).toMatchObject({ state: 'failed', message: 'load thresholds not met: p99 < 50ms: measured 80' });
  });
});

describe('runTestSuite: a dead worker', () => {
  test('a test worker killed mid-suite is reported as a dead worker, not as a problem of the suite', async () => {
    const suite = await runFixture('worker-crash');
    expect(suite.workerDied).toMatch(/^Worker exited unexpectedly with signal SIGKILL/);
    expect(suite.problems).toEqual([]);
    const { checks } = scoreHiddenChecks([unreported], suite);
    expect(checks[0]).toMatchObject({ state: 'error', code: outcomeCodes.workerDied });
    expect(checks[0].message).toContain('the grading process died (Worker exited unexpectedly with signal SIGKILL');
    expect(checks[0].message).not.toContain('challenge is broken');
  }, 60_000);

  test("workerDeathOf recognises only vitest's report of a dead worker, made in this process", () => {
    const cause = new Error('Worker exited unexpectedly with signal SIGKILL during started state while running test file /x.test.ts');
    const report = new Error('[vitest-pool]: Worker forks emitted error.', { cause });
    expect(workerDeathOf(report)).toBe('Worker exited unexpectedly with signal SIGKILL during started state');
    expect(workerDeathOf(new Error('ReferenceError: x is not defined'))).toBeUndefined();
    expect(workerDeathOf({ message: report.message, cause: { message: cause.message } })).toBeUndefined();
  });

  test("a worker stopped at its own memory limit (its cgroup) is the submission's failure, not a dead worker", async () => {
    const dir = join(fixtures, 'worker-limits');
    const suite = await runTestSuite({
      root: dir,
      dir,
      context,
      cacheDir: join(tmpdir(), 'bch-run-test-suite-cache'),
      moduleCacheDir,
      workerLimits: { memoryBytes: 384 * 1024 ** 2, tasks: 1024, openFiles: 1024 },
    });
    expect(suite.workerDied).toMatch(/^Worker exited unexpectedly with signal SIGKILL/);
    expect(suite.workerLimitHit).toBe('memory limit 384 MiB');
    const { checks } = scoreHiddenChecks([unreported], suite);
    expect(checks[0]).toMatchObject({ state: 'failed', code: outcomeCodes.scorerLimit });
    expect(checks[0].message).toContain("the checks' own process (the scorer) reached its memory limit 384 MiB");
  }, 60_000);

  test("an error from the worker with a dead worker's text is a problem of the suite, not a dead worker", async () => {
    const suite = await runFixture('forged-worker-death');
    expect(suite.workerDied).toBeUndefined();
    expect(suite.problems).toEqual(['unhandled error: [vitest-pool]: Worker forks emitted error.']);
  }, 30_000);
});

describe('runTestSuite: lanes', () => {
  const lanesContext = (count: number) =>
    ({
      ...context,
      lanes: Array.from({ length: count }, (_, lane) => ({ env: { LANE: String(lane) }, admin: {} })),
      env: { LANE: '0' },
      checks: {
        'side a': { timeoutMs: 5000, timing: 'none' },
        'side b': { timeoutMs: 5000, timing: 'clock' },
        'side c': { timeoutMs: 5000, timing: 'none' },
        alone: { timeoutMs: 5000, timing: 'cpu' },
      },
    }) as unknown as GradeContextData;
  const runLanes = (count: number) => {
    const dir = join(fixtures, 'lanes');
    return runTestSuite({
      root: dir,
      dir,
      context: lanesContext(count),
      cacheDir: join(tmpdir(), 'bch-run-test-suite-cache'),
      moduleCacheDir,
    });
  };
  const states = (suite: SuiteOutcome) => Object.fromEntries(suite.tests.map((t) => [t.name, t.state]));

  test('with two lanes, checks of timing none or clock run side by side, each seeing its own lane and stopping only what it owns; a cpu check runs alone', async () => {
    const suite = await runLanes(2);
    expect(suite.problems).toEqual([]);
    expect(suite.tests.filter((t) => t.state !== 'passed').map((t) => `${t.name}: ${t.message}`)).toEqual([]);
    expect(states(suite)).toEqual({ 'side a': 'passed', 'side b': 'passed', 'side c': 'passed', alone: 'passed' });
  }, 30_000);

  test('with one lane, every check runs alone (the fixture can tell: its side-by-side assertion fails)', async () => {
    const suite = await runLanes(1);
    expect(states(suite)).toEqual({ 'side a': 'passed', 'side b': 'passed', 'side c': 'failed', alone: 'passed' });
    expect(suite.tests.find((t) => t.name === 'side c')?.message).toContain('checks that wait on no clock ran side by side');
  }, 30_000);
});
