// Expectations about the candidate's process itself, shared by challenges whose statements ask for them: an
// invalid variable refused at start-up, and a clean exit on SIGTERM.
import { expect } from 'vitest';
import type { ServiceInstance } from './service-instance.ts';
import { startExpectingRefusal } from './start-expecting-refusal.ts';

/**
 * Starts the service with `variable` set to an invalid `value`, or left out when `value` is undefined: it must exit
 * non-zero, naming the variable, within 10 s.
 */
export async function expectVariableRefused(variable: string, value: string | undefined, why: string): Promise<void> {
  const start = await startExpectingRefusal({ env: { [variable]: value } });
  const tail = start.output.slice(-600);
  const started = value === undefined ? `started without ${variable} (${why})` : `started with ${variable}="${value}" (${why})`;
  expect(
    start.outcome,
    `${started}: the service must refuse it at start-up and exit with a non-zero code; instead it ${start.outcome === 'ready' ? 'became ready' : 'neither exited nor became ready within 10 s'}. Its output: ${tail}`,
  ).toBe('exited');
  if (start.outcome !== 'exited') return;
  expect(
    start.exit.code,
    `${started}: the exit code (it exited ${start.exit.signal ? `by signal ${start.exit.signal}` : `with code ${start.exit.code}`})`,
  ).not.toBe(0);
  expect(start.exit.signal, `${started}: the service must exit by itself, not be killed`).toBeNull();
  expect(start.output, `${started}: the message must name ${variable}; the service wrote: ${tail}`).toContain(variable);
}

/** Stops `instance` with SIGTERM: it must exit by itself with code 0 within `graceMs` (it is killed after that). */
export async function expectCleanExitOnSigterm(instance: ServiceInstance, graceMs: number): Promise<void> {
  const exit = await instance.stop(graceMs);
  const how = exit.signal
    ? `was still running ${graceMs / 1000} s after SIGTERM and was killed (${exit.signal}): close the server and every connection so the process can end`
    : `exited with code ${exit.code}`;
  expect(exit, `on SIGTERM, ${instance.label} must exit by itself with code 0 within ${graceMs / 1000} s; it ${how}`).toEqual({
    code: 0,
    signal: null,
  });
}
