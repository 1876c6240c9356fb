// What a running check owns: processes to stop when it ends, and output to show if it fails.

export interface Stoppable {
  stop(): Promise<unknown>;
  /** Label and output tail, for the report. */
  describe(): { label: string; output: string };
  /** Sandbox limits its processes ran into (e.g. "killed: memory limit 1 GiB exceeded"). */
  limitsHit?(): string[];
}

const owned = new Set<Stoppable>();

/** Registers something the current check must stop when it ends. */
export function own<T extends Stoppable>(thing: T): T {
  owned.add(thing);
  return thing;
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
