// Thrown by test support code when the harness or a service breaks (not the candidate): the check is
// reported as an error and the grade as untrustworthy, never as the candidate's failure.
import { inject } from 'vitest';

declare module 'vitest' {
  interface ProvidedContext {
    /** A secret made anew by each runTestSuite call; see InfrastructureError.runMark. */
    bchRunMark: string;
  }
}

export class InfrastructureError extends Error {
  /**
   * The run's secret mark, by which the scorer (runTestSuite) knows that harness code threw this error.
   * The scorer only sees a serialized copy of what a test threw: a name or a fixed flag would be plain data that
   * a test could copy from candidate output (a JSON body spread into an error, a name read from a driver).
   * The mark is a random value given to the test worker only (`provide`, not the environment); candidate code
   * runs in other processes, as another user, and never sees it, so it cannot forge an infrastructure error.
   * An own enumerable property survives vitest's serialization from the worker to the main process.
   */
  readonly runMark: string | undefined;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InfrastructureError';
    this.runMark = currentRunMark();
  }
}

/** The mark of the run this worker serves; none outside a harness-run suite. */
function currentRunMark(): string | undefined {
  try {
    return inject('bchRunMark');
  } catch {
    return undefined;
  }
}
