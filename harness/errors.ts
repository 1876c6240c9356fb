// Every error the harness raises on purpose: a stable code, the kind of failure, and a message that says what to do.
// The kind decides the exit code, keeping "the solution failed", "the usage or challenge is invalid" and
// "the environment broke" apart everywhere.

export type ErrorKind = 'usage' | 'challenge' | 'environment';

/** Process exit codes of `bch`: one per outcome. */
export const exitCodes = {
  graded: 0,
  belowMinScore: 1,
  usage: 2,
  challenge: 2,
  environment: 3,
} as const;

export class BchError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BchError';
    this.kind = kind;
    this.code = code;
  }
}

/** The command line or a flag is wrong: the user fixes the call. */
export class UsageError extends BchError {
  constructor(code: string, message: string) {
    super('usage', code, message);
    this.name = 'UsageError';
  }
}

/** A challenge folder is broken (manifest, tests, files): the challenge author fixes it. */
export class ChallengeError extends BchError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super('challenge', code, message, options);
    this.name = 'ChallengeError';
  }
}

/** Docker, a service, the disk or the network failed: nobody's submission is to blame. */
export class EnvironmentError extends BchError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super('environment', code, message, options);
    this.name = 'EnvironmentError';
  }
}

/** The exit code for an error that stopped a run before a grade was computed. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof BchError) return exitCodes[error.kind];
  return exitCodes.environment;
}

/** One line for a terminal: code and message, with the cause's message when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof BchError) {
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
    return `${error.code}: ${error.message}${cause}`;
  }
  return error instanceof Error ? error.message : String(error);
}
