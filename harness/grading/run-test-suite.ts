// Runs a challenge's test files through vitest's Node API, one file after another in one forked worker
// (checks that measure time must not compete for the CPU), and collects one typed outcome per test.
// The worker runs harness test code only; candidate code runs in the processes the tests start.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startVitest, type Reporter as VitestReporter, type TestCase, type TestModule } from 'vitest/node';
import type { GradeContextData } from '../testkit/grade-context.ts';
import { outcomeCodes, type CheckState, type LoadReport } from './grade-result.ts';
import { WorkerLimits, type WorkerLimitValues } from './worker-limits.ts';

/** Loaded in the worker before each test file: records timeouts as task meta. */
const workerSetup = fileURLToPath(new URL('./worker-setup.ts', import.meta.url));

export interface TestOutcome {
  /** The test's name: the check id for hidden suites. */
  name: string;
  state: CheckState;
  message?: string;
  /** A stable code for why it did not pass, when known (timeout, infrastructure error); none for a plain failure. */
  code?: string;
  output?: string;
  durationMs: number;
  load?: LoadReport;
}

export interface SuiteOutcome {
  tests: TestOutcome[];
  /** Problems of the suite itself: a file that failed to load, an error outside any test. */
  problems: string[];
  /** Set when the worker running the tests died (killed, out of memory): why, as vitest saw it. */
  workerDied?: string;
  /** Set with `workerDied` when the worker's own cgroup killed it at its memory limit ("memory limit 2 GiB"). */
  workerLimitHit?: string;
}

export interface SuiteRequest {
  root: string;
  dir: string;
  /** Only the tests with these names run (the others are skipped, not reported); all when absent. */
  onlyTests?: readonly string[];
  context: GradeContextData;
  cacheDir: string;
  /** Where vitest keeps its transformed modules (the hidden tests among them): the run's work folder, never the
   * default node_modules/.vitest-cache of the repository, which outlives the run. */
  moduleCacheDir: string;
  onTest?: (outcome: TestOutcome) => void | Promise<void>;
  /** Called when a test starts, with its name (the check id for hidden suites). */
  onTestStart?: (name: string) => void | Promise<void>;
  /** The worker's limits, when not the usual ones (worker-limits.ts): for tests. */
  workerLimits?: WorkerLimitValues;
}

export async function runTestSuite(request: SuiteRequest): Promise<SuiteOutcome> {
  const tests: TestOutcome[] = [];
  const problems: string[] = [];
  let workerDied: string | undefined;
  const runMark = randomBytes(16).toString('hex');
  const collector: VitestReporter = {
    async onTestCaseReady(testCase: TestCase) {
      await request.onTestStart?.(testCase.name);
    },
    async onTestCaseResult(testCase: TestCase) {
      const outcome = toOutcome(testCase, runMark);
      if (!outcome) return;
      tests.push(outcome);
      await request.onTest?.(outcome);
    },
    onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled) {
      for (const module of modules) {
        for (const error of module.errors()) problems.push(`${module.moduleId}: ${firstLines(error.message)}`);
      }
      for (const error of unhandled) {
        const death = workerDeathOf(error);
        if (death) workerDied ??= death;
        else problems.push(`unhandled error: ${firstLines(error.message ?? String(error))}`);
      }
    },
  };
  const previousExitCode = process.exitCode;
  const limits = WorkerLimits.create(`worker-${runMark.slice(0, 16)}`, request.workerLimits);
  let workerLimitHit: string | undefined;
  try {
    const vitest = await startVitest(
      'test',
      [],
      {
        watch: false,
        config: false,
        root: request.root,
        dir: request.dir,
        include: ['**/*.test.ts'],
        reporters: [collector],
        pool: 'forks',
        maxWorkers: 1,
        fileParallelism: false,
        // Concurrent checks (timing none or clock) of a file run side by side, at most one per lane of the grade.
        maxConcurrency: Math.max(1, request.context.lanes.length),
        isolate: false,
        provide: { bch: request.context, bchRunMark: runMark, bchWorkerLimits: limits.plan },
        execArgv: limits.execArgv,
        setupFiles: [workerSetup],
        fsModuleCachePath: request.moduleCacheDir,
        silent: true,
        passWithNoTests: false,
        // check() sets each hidden check's limit from the manifest; plain tests (public suites) get this one.
        ...(request.onlyTests && { testNamePattern: new RegExp(`^(${request.onlyTests.map(escapeRegExp).join('|')})$`) }),
        testTimeout: 60_000,
        hookTimeout: 60_000,
        teardownTimeout: 15_000,
        sequence: { shuffle: false, concurrent: false },
      },
      { cacheDir: request.cacheDir, logLevel: 'silent', server: { watch: null } },
    );
    await vitest.close();
    process.exitCode = previousExitCode;
    workerLimitHit = workerDied ? limits.memoryLimitHit() : undefined;
  } finally {
    await limits.remove();
  }
  return { tests, problems, workerDied, ...(workerLimitHit && { workerLimitHit }) };
}

const workerErrorPattern = /^\[vitest-pool\]: Worker .* emitted error/;

/** Why the test worker died, when `error` is vitest's report of a worker that exited unexpectedly. Only the pool,
 * in this process, makes that report as an Error instance; what the worker sends (a test's unhandled error, whatever
 * its text) arrives serialized, as a plain object, so it cannot pass for a dead worker. */
export function workerDeathOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || !workerErrorPattern.test(error.message)) return undefined;
  const cause = error.cause instanceof Error ? error.cause.message : String(error.cause ?? 'no reason given');
  return firstLines(cause.replace(/ while running test file .*$/, ''), 1, 300);
}

/** Maps a finished vitest test to an outcome; skipped tests are not outcomes. The state comes from structured
 * data only: vitest's timeout (task meta, see worker-setup.ts) and this run's mark on an InfrastructureError. */
function toOutcome(testCase: TestCase, runMark: string): TestOutcome | undefined {
  const result = testCase.result();
  const meta = testCase.meta();
  const durationMs = Math.round(testCase.diagnostic()?.duration ?? 0);
  const base = { name: testCase.name, durationMs, output: meta.bchOutput, load: meta.bchLoad };
  if (result.state === 'passed') return { ...base, state: 'passed', output: undefined };
  if (result.state !== 'failed') return undefined;
  const error = result.errors?.[0];
  const limits = meta.bchLimits?.length ? `${meta.bchLimits.join('; ')}. ` : '';
  const message = limits + firstLines(error?.message ?? 'failed without an error message');
  if (meta.bchTimeout) {
    const message = `${limits}timed out: the check did not finish within its limit of ${meta.bchTimeout.limitMs / 1000} s`;
    return { ...base, state: 'timeout', code: outcomeCodes.checkTimeout, message };
  }
  if (isInfrastructureError(error, runMark)) {
    return { ...base, state: 'error', code: outcomeCodes.infrastructure, message: `the harness failed, not your code: ${message}` };
  }
  if (meta.bchServiceNotStarted) {
    // The service's output is the grade's, once (GradeResult.startFailure), not under every check.
    return { ...base, state: 'failed', code: outcomeCodes.serviceDidNotStart, message: notRunMessage, output: undefined };
  }
  return { ...base, state: 'failed', message };
}

/** What a check says that could not run because the service did not start before the tests. */
export const notRunMessage = 'not run: the service did not start (see why at the top of the grade)';

/** Whether a reported error is an InfrastructureError thrown in this run (it carries the run's secret mark). */
function isInfrastructureError(error: unknown, runMark: string): boolean {
  return typeof error === 'object' && error !== null && (error as { runMark?: unknown }).runMark === runMark;
}

/** The first lines of a message, without colour codes, capped. */
function firstLines(text: string, maxLines = 12, maxChars = 1500): string {
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = plain.split('\n').slice(0, maxLines).join('\n');
  return lines.length > maxChars ? `${lines.slice(0, maxChars)}…` : lines;
}

/** A literal string as a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
