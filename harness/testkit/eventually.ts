// What a check expects to become true within a time (harness/eventually.ts), never retrying an InfrastructureError:
// the harness broke, not the candidate, and waiting longer would only hide it.
import { eventually as eventuallyRetrying, type EventuallyOptions } from '../eventually.ts';
import { InfrastructureError } from './infrastructure-error.ts';

export { EventuallyTimeoutError, type EventuallyOptions } from '../eventually.ts';

/** Tries `fn` until it succeeds (harness/eventually.ts); an InfrastructureError ends the wait at once. */
export function eventually<T>(fn: () => T | Promise<T>, options: EventuallyOptions): Promise<Exclude<T, false>> {
  return eventuallyRetrying(fn, {
    ...options,
    retryOn: (error) => !(error instanceof InfrastructureError) && (options.retryOn?.(error) ?? true),
  });
}
