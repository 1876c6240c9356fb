// A grade's lanes: checks that measure no CPU time (timing `none` or `clock` in the manifest) run side by side,
// at most one per lane, and each lane has spaces of its own in the grade's services (a database, a Redis index
// and prefix, a vhost: `GradeContextData.lanes`). A check holds its lane from its start to its end (after its
// clean-up), and the lane travels with its async context, so `gradeContext()` answers with the lane's spaces
// wherever the check's code asks. A check that runs alone (timing `cpu`) takes lane 0.
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<number>();
const busy = new Set<number>();
const waiting: (() => void)[] = [];

/** The lane of the running check; undefined outside a check (a public test, a beforeAll). */
export function currentLane(): number | undefined {
  return current.getStore();
}

/** Waits for a free lane among `count` and holds it until `release` is called. */
export async function acquireLane(count: number): Promise<{ lane: number; run<T>(fn: () => T): T; release(): void }> {
  for (;;) {
    const free = Array.from({ length: count }, (_, i) => i).find((i) => !busy.has(i));
    if (free !== undefined) {
      busy.add(free);
      let held = true;
      return {
        lane: free,
        run: (fn) => current.run(free, fn),
        release() {
          if (!held) return;
          held = false;
          busy.delete(free);
          waiting.shift()?.();
        },
      };
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}
