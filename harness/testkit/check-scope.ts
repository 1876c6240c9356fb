// What a running check or test owns: processes to stop when it ends, and output to show if it fails. The same in
// hidden checks and in public tests: whatever a test owns is stopped when that test ends (after its afterEach
// hooks), so no suite writes its own clean-up.
//
// A check runs in a scope of its own (`CheckScope`), carried by its async context, because checks that measure no
// time run side by side: whatever a check calls, after any await, owns things in that check's scope, and one
// check's end stops only what that check started. A plain test (a public test, run one at a time) has no scope:
// what it owns is stopped when the running test ends.
import { AsyncLocalStorage } from 'node:async_hooks';
import { onTestFinished, TestRunner, type TestContext } from 'vitest';

export interface Stoppable {
  stop(): Promise<unknown>;
  /** Label and output tail, for the report. */
  describe(): { label: string; output: string };
  /** Sandbox limits its processes ran into (e.g. "killed: memory limit 1 GiB exceeded"). */
  limitsHit?(): string[];
}

declare module 'vitest' {
  interface TaskMeta {
    /** The check could not run because the service did not start before the tests (the grade says why, once). */
    bchServiceNotStarted?: boolean;
    bchOutput?: string;
    /** Sandbox limits the check's processes ran into: they explain a failure first. */
    bchLimits?: string[];
  }
}

/** What one check owns, from its start to its end. */
export class CheckScope {
  readonly #owned = new Set<Stoppable>();
  #serviceNotStarted = false;

  /** The check could not run: the service did not start before the tests. */
  markServiceNotStarted(): void {
    this.#serviceNotStarted = true;
  }

  /** Runs `fn` (and everything it awaits) in this scope. */
  run<T>(fn: () => T): T {
    return scopes.run(this, fn);
  }

  /** The test ended: on a failure, attaches the output and sandbox limits of what the check started; stops it all. */
  async end(task: TestContext['task']): Promise<void> {
    if (this.#serviceNotStarted) task.meta.bchServiceNotStarted = true;
    attachOnFailure(task, this.#owned);
    await stopAll(this.#owned);
  }

  /** @internal */
  get owned(): Set<Stoppable> {
    return this.#owned;
  }
}

const scopes = new AsyncLocalStorage<CheckScope>();
/** What plain tests own (public tests run one at a time). */
const unscoped = new Set<Stoppable>();
const hooked = new WeakSet<object>();

function ownedNow(): Set<Stoppable> {
  return scopes.getStore()?.owned ?? unscoped;
}

/** Registers something the current check or test must stop when it ends. Owned outside a test (beforeAll), it
 * is stopped when the next plain test that owns something ends. */
export function own<T extends Stoppable>(thing: T): T {
  ownedNow().add(thing);
  if (!scopes.getStore()) releaseWhenTestEnds();
  return thing;
}

/** Makes the running plain test, if any, stop what is owned when it ends (once per test), and attach the output
 * and the sandbox limits of what it started to a failure. */
function releaseWhenTestEnds(): void {
  const test = TestRunner.getCurrentTest();
  if (!test || hooked.has(test)) return;
  hooked.add(test);
  onTestFinished(async ({ task }: TestContext) => {
    attachOnFailure(task, unscoped);
    await stopAll(unscoped);
  });
}

/** Records that the running check or test could not run because the service did not start before the tests. */
export function markServiceNotStarted(): void {
  const scope = scopes.getStore();
  if (scope) scope.markServiceNotStarted();
  else {
    const test = TestRunner.getCurrentTest();
    if (test) test.meta.bchServiceNotStarted = true;
  }
}

/** Forgets something stopped early, or handed on (an instance shared by several checks). */
export function disown(thing: Stoppable): void {
  ownedNow().delete(thing);
}

function attachOnFailure(task: TestContext['task'], owned: Set<Stoppable>): void {
  if (task.result?.state !== 'fail') return;
  const output = outputOf(owned);
  if (output) task.meta.bchOutput = output;
  const limits = [...new Set([...owned].flatMap((thing) => thing.limitsHit?.() ?? []))];
  if (limits.length > 0) task.meta.bchLimits = limits;
}

/** Output of everything the check started, for a failure report (the end of each, capped). */
function outputOf(owned: Set<Stoppable>, limit = 2000): string {
  return [...owned]
    .map((thing) => thing.describe())
    .filter(({ output }) => output.trim().length > 0)
    .map(({ label, output }) => `--- ${label} ---\n${output.length > limit ? `…${output.slice(-limit)}` : output}`)
    .join('\n');
}

async function stopAll(owned: Set<Stoppable>): Promise<void> {
  const things = [...owned];
  owned.clear();
  await Promise.allSettled(things.map((thing) => thing.stop()));
}
