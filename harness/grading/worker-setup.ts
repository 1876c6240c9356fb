// Loaded by runTestSuite in the test worker before every test file (a vitest setup file): applies the worker's
// own limits (worker-limits.ts) before the first test, and records a test's timeout as structured task meta, so
// that the scorer never has to recognise one from a message's text.
//
// Why here and not from the error: vitest (5.x) rejects a test that exceeds its limit with a `TestTimeoutError`,
// but what reaches the main process is a serialized copy whose name and message are plain text, the same as any
// error a test throws with text it got from the candidate. In the worker, vitest also aborts the test's
// `signal` with that very error object, and only vitest holds the controller of that signal: an aborted signal
// whose reason is vitest's timeout error is therefore vitest's own state, out of reach of candidate output.
import { beforeEach, inject } from 'vitest';
import { applyWorkerLimits } from './worker-limits.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** Set when vitest stopped the test at its time limit (ms). */
    bchTimeout?: { limitMs: number };
  }
}

const limits = inject('bchWorkerLimits');
if (limits) applyWorkerLimits(limits);

beforeEach(({ task, signal, onTestFinished }) => {
  onTestFinished(() => {
    const reason: unknown = signal.reason;
    if (signal.aborted && reason instanceof Error && reason.name === 'TestTimeoutError') task.meta.bchTimeout = { limitMs: task.timeout };
  });
});
