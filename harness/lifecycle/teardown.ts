// A stack of clean-up steps run in reverse order, once, whether the run ends normally, on Ctrl-C or on a crash.

export type TeardownStep = () => Promise<void> | void;

export class Teardown {
  #steps: { label: string; step: TeardownStep }[] = [];
  #running: Promise<string[]> | undefined;

  /** Registers a step; steps run last-in first-out. */
  add(label: string, step: TeardownStep): void {
    this.#steps.push({ label, step });
  }

  /** Runs every step once, even when some fail; returns the failures as messages. */
  run(): Promise<string[]> {
    this.#running ??= (async () => {
      const failures: string[] = [];
      while (this.#steps.length > 0) {
        const { label, step } = this.#steps.pop()!;
        try {
          await step();
        } catch (error) {
          failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      this.#running = undefined;
      return failures;
    })();
    return this.#running;
  }
}

/**
 * On SIGINT/SIGTERM, runs the teardown, then exits with 128 + the signal's number; a second signal exits at
 * once. The handlers stay installed until the caller uninstalls them (after its teardown finished): with a
 * one-shot handler, signal-exit (loaded by testcontainers through proper-lockfile) finds itself the last
 * listener and re-raises the signal, which kills the process before the asynchronous teardown ends. Other
 * listeners that call process.exit() (vitest's, during the tests) are held until the teardown ends.
 * Returns a function that uninstalls the handlers.
 */
export function runTeardownOnSignals(teardown: Teardown, log: (line: string) => void): () => void {
  let first: NodeJS.Signals | undefined;
  const exit = process.exit.bind(process);
  const handler = (signal: NodeJS.Signals) => {
    const code = signal === 'SIGINT' ? 130 : 143;
    if (first) {
      log(`bch: ${signal} received again, exiting before the clean-up finished; run \`bch clean\` to remove what is left.`);
      exit(code);
    }
    first = signal;
    log(`\nbch: ${signal} received, removing containers and stopping processes… (again to exit at once)`);
    const finished = teardown.run().finally(() => exit(code));
    // Other listeners of the same signal may exit at once (vitest's logger calls process.exit() 1 ms after it):
    // until the teardown ends, an exit waits for it.
    process.exit = ((later?: number) => {
      void finished.then(() => exit(later ?? code));
    }) as typeof process.exit;
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
