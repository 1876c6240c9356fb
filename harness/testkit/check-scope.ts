// What a running check or test owns: processes to stop when it ends, and output to show if it fails. The same in
// hidden checks and in public tests: whatever a test owns is stopped when that test ends (after its afterEach
// hooks), so no suite writes its own clean-up.
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
    bchOutput?: string;
    /** Sandbox limits the check's processes ran into: they explain a failure first. */
    bchLimits?: string[];
  }
}

const owned = new Set<Stoppable>();
const hooked = new WeakSet<object>();

/** Registers something the current check or test must stop when it ends. Owned outside a test (beforeAll), it
 * is stopped when the next test that owns something ends. */
export function own<T extends Stoppable>(thing: T): T {
  owned.add(thing);
  releaseWhenTestEnds();
  return thing;
}

/** Makes the running test, if any, stop what is owned when it ends (once per test), and attach the output
 * and the sandbox limits of what it started to a failure. */
export function releaseWhenTestEnds(): void {
  const test = TestRunner.getCurrentTest();
  if (!test || hooked.has(test)) return;
  hooked.add(test);
  onTestFinished(async ({ task }: TestContext) => {
    if (task.result?.state === 'fail') {
      const output = ownedOutput();
      if (output) task.meta.bchOutput = output;
      const limits = ownedLimitsHit();
      if (limits.length > 0) task.meta.bchLimits = limits;
    }
    await stopOwned();
  });
}

/** Forgets something stopped early. */
export function disown(thing: Stoppable): void {
  owned.delete(thing);
}

/** Output of everything the check started, for a failure report (the end of each, capped). */
export function ownedOutput(limit = 2000): string {
  return [...owned]
    .map((thing) => thing.describe())
    .filter(({ output }) => output.trim().length > 0)
    .map(({ label, output }) => `--- ${label} ---\n${output.length > limit ? `…${output.slice(-limit)}` : output}`)
    .join('\n');
}

/** The sandbox limits anything the check started ran into, each named once. */
export function ownedLimitsHit(): string[] {
  return [...new Set([...owned].flatMap((thing) => thing.limitsHit?.() ?? []))];
}

/** Stops everything the check started. */
export async function stopOwned(): Promise<void> {
  const things = [...owned];
  owned.clear();
  await Promise.allSettled(things.map((thing) => thing.stop()));
}
