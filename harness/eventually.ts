// `eventually(fn, { timeoutMs, intervalMs })`: for what a check expects to become true within a time. One
// meaning: `fn` is tried until a try succeeds, that is, resolves without throwing to anything but `false` (so
// both an assertion and a predicate work). Tries start every intervalMs after the previous one ended; the last
// try starts once timeoutMs has passed, so a condition that holds at the deadline is seen. An error `retryOn` refuses
// ends the wait at once. The one way the harness and the tests wait for something; at the root of harness/, below
// every layer. The testkit's export never retries an InfrastructureError: the harness broke, not the candidate.
import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  timeoutMs: number;
  intervalMs: number;
  /** What should become true, for the message when a predicate stays false: "instance b serves version 2: still false after 503 ms …". */
  what?: string;
  /** Whether a try that threw this may be tried again (all by default); one it refuses is rethrown at once. */
  retryOn?: (error: unknown) => boolean;
}

/** Thrown by a try to say that what it waits for has not happened yet, and why ("2 sessions still running"). With
 * `retryOn: notYet`, only this is tried again: any other error (a lost connection) ends the wait at once. */
export class NotYet extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotYet';
  }
}

export const notYet = (error: unknown): boolean => error instanceof NotYet;

/** Thrown when the last try returned `false` (a try that threw is rethrown itself). */
export class EventuallyTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventuallyTimeoutError';
  }
}

/**
 * Tries `fn` until it succeeds and returns its value. When time is up, rethrows the last try's error with the
 * elapsed time added to its message (an assertion keeps its expected and actual values), or, when the last try
 * returned `false`, throws an EventuallyTimeoutError naming `what` and the elapsed time.
 */
export async function eventually<T>(fn: () => T | Promise<T>, options: EventuallyOptions): Promise<Exclude<T, false>> {
  const started = Date.now();
  for (let tries = 1; ; tries++) {
    const tryStarted = Date.now();
    let failure: { error: unknown } | undefined;
    try {
      const value = await fn();
      if (value !== false) return value as Exclude<T, false>;
    } catch (error) {
      if (options.retryOn && !options.retryOn(error)) throw error;
      failure = { error };
    }
    if (tryStarted - started >= options.timeoutMs) {
      const tally = `after ${Date.now() - started} ms (${tries} tries, limit ${options.timeoutMs} ms)`;
      if (!failure) throw new EventuallyTimeoutError(`${options.what ?? 'the condition'}: still false ${tally}`);
      if (failure.error instanceof Error) {
        failure.error.message = `${failure.error.message} (still failing ${tally})`;
      }
      throw failure.error;
    }
    await sleep(options.intervalMs);
  }
}
