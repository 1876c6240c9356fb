// The timing of a grade's steps: each step runs as a named phase, reported to the reporters when it starts and
// ends, and its duration is kept for the grade's result.
import { notify, type Reporter } from '../reporter.ts';
import type { PhaseName } from '../grade-result.ts';

export class PhaseTimer {
  /** Milliseconds per finished phase. */
  readonly phases: Partial<Record<PhaseName, number>> = {};
  readonly #reporters: readonly Reporter[];
  readonly #submission: string;

  constructor(reporters: readonly Reporter[], submission: string) {
    this.#reporters = reporters;
    this.#submission = submission;
  }

  /** Runs `work` as the phase `name`; `detail` summarises its value in the phase's end event, and `failed` tells
   * whether that value is a failure. */
  async run<T>(name: PhaseName, work: () => Promise<T>, detail?: (value: T) => string, failed?: (value: T) => boolean): Promise<T> {
    const submission = this.#submission;
    await notify(this.#reporters, 'onPhase', { submission, phase: name, state: 'start' });
    const t0 = Date.now();
    const value = await work();
    const durationMs = Date.now() - t0;
    this.phases[name] = durationMs;
    await notify(this.#reporters, 'onPhase', {
      submission,
      phase: name,
      state: 'end',
      durationMs,
      detail: detail?.(value),
      ...(failed?.(value) ? { failed: true } : {}),
    });
    return value;
  }
}
