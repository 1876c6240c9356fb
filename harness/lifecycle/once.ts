// Clean-up that may be asked for twice (the normal end and a signal's teardown) runs once.

/** A function that runs once; later calls get the first call's promise. */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
