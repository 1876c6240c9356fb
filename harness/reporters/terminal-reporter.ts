// Live progress and the final score on a terminal or a CI log: one line per phase and per check as they
// complete, then the score table and what failed. In CI and when piped it only appends lines, so logs read well;
// on a TTY (live) a status line below them also shows the running phase and check with their elapsed time.
import pc from 'picocolors';
import type { CheckResult, GradeResult, RunResult } from '../grading/grade-result.ts';
import { formatDuration } from './format-duration.ts';
import { formatLoadFigures } from './format-load-figures.ts';
import { LiveStatus } from './live-status.ts';
import type { PhaseEvent, Reporter, RunStartInfo } from '../grading/reporter.ts';
import { renderGradeSummary } from './terminal-grade-summary.ts';
import { sanitizeText } from './sanitize-text.ts';
import { terminalSymbol } from './terminal-symbol.ts';

type Colors = ReturnType<typeof pc.createColors>;

export class TerminalReporter implements Reporter {
  readonly #out: { write(s: string): unknown };
  readonly #colors: Colors;
  #widths = { id: 0, title: 0, points: 0 };
  #submission: string | undefined;
  /** Public tests are named by their titles and score no points: their lines show the title once, without points. */
  #public = false;
  readonly #live: LiveStatus | undefined;

  constructor(out: { write(s: string): unknown } = process.stdout, options: { color?: boolean; live?: boolean } = {}) {
    this.#live = options.live ? new LiveStatus(out) : undefined;
    this.#out = this.#live ?? out;
    this.#colors = pc.createColors(options.color ?? pc.isColorSupported);
  }

  /** Prints the challenge and how many submissions will be graded; sizes the columns from the manifest. */
  onRunStart(info: RunStartInfo): void {
    this.#public = info.suite === 'public';
    const checks = info.challenge.checks;
    this.#widths = {
      id: Math.max(0, ...checks.map((c) => c.id.length)),
      title: Math.min(48, Math.max(0, ...checks.map((c) => c.title.length))),
      points: Math.max(0, ...checks.map((c) => `${c.weight}/${c.weight}`.length)),
    };
    const count = `${info.submissions.length} submission${info.submissions.length === 1 ? '' : 's'}`;
    this.#line(`${this.#colors.bold(`bch: ${info.challenge.title}`)} (${info.challenge.id}): grading ${count}, ${info.suite} suite`);
  }

  /** Prints one line when a phase ends: mark, phase, time, note. */
  onPhase(event: PhaseEvent): void {
    if (event.state === 'start') this.#live?.phase(event.submission ? `${event.submission}: ${event.phase}` : event.phase);
    if (event.state !== 'end') return;
    if (event.phase !== 'services' && event.phase !== 'dataset') this.#enter(event.submission);
    const time = event.durationMs === undefined ? '' : formatDuration(event.durationMs);
    this.#line(
      `  ${event.failed ? this.#colors.red('✗') : this.#colors.green('✓')} ${event.phase.padEnd(12)}${time.padStart(7)}${event.detail ? `  ${this.#colors.dim(event.detail)}` : ''}`,
    );
  }

  /** Shows the running check on the status line (live only). */
  onCheckStart(_submission: string, check: { id: string; title: string }): void {
    this.#live?.check(check.id);
  }

  /** Prints one line per completed check, and a second with the figures of a load check. */
  onCheckResult(submission: string, check: CheckResult): void {
    this.#live?.check(undefined);
    this.#enter(submission);
    const w = this.#widths;
    const mark = terminalSymbol(check.state, this.#colors);
    if (this.#public) {
      this.#line(`  ${mark} ${sanitizeText(check.title)}   ${formatDuration(check.durationMs)}`);
      return;
    }
    const points = `${check.score}/${check.weight}`.padStart(w.points);
    this.#line(`  ${mark} ${check.id.padEnd(w.id)}   ${check.title.padEnd(w.title)}   ${points}   ${formatDuration(check.durationMs)}`);
    if (check.load) this.#line(this.#colors.dim(`      ${formatLoadFigures(check.load.metrics)}`));
  }

  /** Prints the score table, the total against the minimum, and what failed. */
  onGradeEnd(result: GradeResult): void {
    this.#out.write(renderGradeSummary(result, this.#colors));
  }

  /** With several submissions, prints one line per grade; always prints the total time. */
  onRunEnd(run: RunResult): void {
    this.#live?.stop();
    if (run.grades.length > 1) {
      const width = Math.max(...run.grades.map((g) => g.submission.length));
      this.#line('', this.#colors.bold('Grades'));
      for (const g of run.grades)
        this.#line(`  ${sanitizeText(g.submission).padEnd(width)}  ${`${g.score}/${g.maxScore}`.padStart(7)}  ${g.status.toUpperCase()}`);
    }
    this.#line('', `Done in ${formatDuration(run.durationMs)} (services ${formatDuration(run.servicesMs)}).`);
  }

  /** Prints a submission heading when the events move on to another submission. */
  #enter(submission: string): void {
    if (submission === this.#submission) return;
    this.#submission = submission;
    this.#line('', this.#colors.bold(`Submission ${sanitizeText(submission)}`));
  }

  /** Writes lines, each ending in a newline. */
  #line(...lines: string[]): void {
    this.#out.write(lines.map((line) => `${line}\n`).join(''));
  }
}
