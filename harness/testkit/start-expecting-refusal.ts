// A start of the candidate's service that is meant to fail: with an invalid configuration, the statement asks the
// service to exit with a non-zero code and a message naming the variable. The outcome is data for the check to judge.
import { startOnFreePort, type ExitInfo } from '../process/service-process.ts';
import { gradeContext } from './grade-context.ts';
import { InfrastructureError } from './infrastructure-error.ts';
import { openGradeSandbox, serviceSpec } from './service-instance.ts';

export type StartRefusal =
  /** The process exited before it answered the readiness path. */
  | { outcome: 'exited'; exit: ExitInfo; output: string }
  /** It answered the readiness path (it was stopped again), or neither answered nor exited within the limit. */
  | { outcome: 'ready' | 'still-running'; output: string };

export interface RefusalOptions {
  /** Variables that override the grade's environment, e.g. an invalid value; `undefined` leaves the variable out. */
  env: Record<string, string | undefined>;
  /** How long the process may take to exit (or to become ready), in ms. */
  withinMs?: number;
}

/** Starts one instance with `env` over the grade's environment and reports whether it exited, became ready, or did neither within the limit. */
export async function startExpectingRefusal({ env, withinMs = 10_000 }: RefusalOptions): Promise<StartRefusal> {
  const grade = gradeContext();
  const merged = Object.fromEntries(
    Object.entries({ ...grade.env, ...env }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const sandbox = await openGradeSandbox('service started with an invalid variable', merged);
  try {
    const outcome = await startOnFreePort(serviceSpec(merged, sandbox, { path: grade.readiness.path, timeoutMs: withinMs }));
    if (outcome.ok) {
      const output = outcome.process.output();
      await outcome.process.stop(500);
      return { outcome: 'ready', output };
    }
    if (outcome.reason === 'exited' && outcome.exit) return { outcome: 'exited', exit: outcome.exit, output: outcome.output };
    if (outcome.reason === 'spawn') throw new InfrastructureError(`the harness could not start the process: ${outcome.message}`);
    return { outcome: 'still-running', output: outcome.output };
  } finally {
    await sandbox.destroy();
  }
}
