// Collapses concurrent calls for one key into one: while a task for a key runs, later callers get its promise
// instead of starting their own (so a burst of misses for one product makes a single upstream request).

/** Tells a running task whether it is still the current one for its key (false once the key was forgotten). */
export type IsCurrent = () => boolean;

export class SingleFlight<K, T> {
  readonly #running = new Map<K, Promise<T>>();

  /** The running task's promise for `key`, or the promise of `task`, started now. */
  run(key: K, task: (isCurrent: IsCurrent) => Promise<T>): Promise<T> {
    const running = this.#running.get(key);
    if (running !== undefined) return running;
    // The task starts on the next microtask, once `flight` is registered, so isCurrent is right from the start.
    const flight: Promise<T> = Promise.resolve()
      .then(() => task(() => this.#running.get(key) === flight))
      .finally(() => {
        if (this.#running.get(key) === flight) this.#running.delete(key);
      });
    this.#running.set(key, flight);
    return flight;
  }

  /**
   * Detaches the running task for `key`: callers from now on start a new one, and the old one sees
   * isCurrent() === false (so it can skip storing a result that is already out of date).
   */
  forget(key: K): void {
    this.#running.delete(key);
  }

  /** Tasks running now. */
  get size(): number {
    return this.#running.size;
  }
}
