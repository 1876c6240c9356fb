// Progress of a batch: n of m, elapsed time and an estimate of the time left, one plain line per event (CI logs
// keep every line), coloured on a terminal.
import pc from 'picocolors';
import type { GradeResult } from '../grading/grade-result.ts';
import { formatDuration } from '../reporters/format-duration.ts';
import type { PhaseEvent, Reporter } from '../grading/reporter.ts';

export class ProgressReporter implements Reporter {
  readonly #out: { write(text: string): unknown };
  readonly #total: number;
  readonly #skipped: number;
  readonly #color: boolean;
  readonly #started = Date.now();
  #done = 0;
  #gradingMs = 0;

  /** `total` counts every submission of the batch, `skipped` those already graded (resumed). */
  constructor(options: { out: { write(text: string): unknown }; total: number; skipped: number; color: boolean }) {
    this.#out = options.out;
    this.#total = options.total;
    this.#skipped = options.skipped;
    this.#color = options.color;
  }

  onPhase(event: PhaseEvent): void {
    if (event.phase === 'receive' && event.state === 'start') this.#line(`grading ${event.submission}`, this.#skipped + this.#done + 1);
  }

  onGradeEnd(result: GradeResult): void {
    this.#done += 1;
    this.#gradingMs += result.durationMs;
    const left = this.#total - this.#skipped - this.#done;
    const eta = left > 0 ? `, about ${formatDuration((this.#gradingMs / this.#done) * left)} left` : '';
    const verdict = `${result.status} ${result.score}/${result.maxScore}`;
    this.#line(
      `${result.submission}: ${this.#color ? (result.status === 'pass' ? pc.green(verdict) : result.status === 'fail' ? pc.yellow(verdict) : pc.red(verdict)) : verdict} in ${formatDuration(result.durationMs)}; elapsed ${formatDuration(Date.now() - this.#started)}${eta}`,
      this.#skipped + this.#done,
    );
  }

  #line(text: string, n: number): void {
    const counter = `[${n} of ${this.#total}]`;
    this.#out.write(`${this.#color ? pc.bold(counter) : counter} ${text}\n`);
  }
}
