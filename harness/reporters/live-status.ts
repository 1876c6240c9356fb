// The one status line a TTY shows below the log while a grade runs: submission, phase, current check and elapsed
// time, redrawn every second. Lines written through it appear above the status line, never over it.
import { formatDuration } from './format-duration.ts';

export interface LiveStatusOptions {
  /** Milliseconds between redraws. */
  intervalMs?: number;
  now?: () => number;
}

export class LiveStatus {
  readonly #out: { write(s: string): unknown };
  readonly #now: () => number;
  readonly #timer: NodeJS.Timeout;
  #phase: { label: string; since: number } | undefined;
  #check: { label: string; since: number } | undefined;
  #shown = false;

  constructor(out: { write(s: string): unknown }, options: LiveStatusOptions = {}) {
    this.#out = out;
    this.#now = options.now ?? Date.now;
    this.#timer = setInterval(() => this.#draw(), options.intervalMs ?? 1000).unref();
  }

  /** Shows a phase as running (the check, if any, is over). */
  phase(label: string): void {
    this.#phase = { label, since: this.#now() };
    this.#check = undefined;
    this.#draw();
  }

  /** Shows a check as running, or none. */
  check(label: string | undefined): void {
    this.#check = label === undefined ? undefined : { label, since: this.#now() };
    this.#draw();
  }

  /** Writes log text above the status line. */
  write(text: string): void {
    this.#erase();
    this.#out.write(text);
    this.#draw();
  }

  /** Removes the status line and stops redrawing. */
  stop(): void {
    clearInterval(this.#timer);
    this.#erase();
    this.#phase = undefined;
  }

  /** The status text, e.g. "… tests 12.0 s · lru-ttl 2.0 s". */
  text(): string | undefined {
    if (!this.#phase) return undefined;
    const now = this.#now();
    const phase = `${this.#phase.label} ${formatDuration(now - this.#phase.since)}`;
    return `… ${phase}${this.#check ? ` · ${this.#check.label} ${formatDuration(now - this.#check.since)}` : ''}`;
  }

  /** Redraws the status line in place. */
  #draw(): void {
    const text = this.text();
    if (text === undefined) return;
    const columns = (this.#out as { columns?: number }).columns ?? 80;
    this.#out.write(`\r\x1b[2K${text.length < columns ? text : `${text.slice(0, columns - 2)}…`}`);
    this.#shown = true;
  }

  /** Clears the status line so a log line can take its place. */
  #erase(): void {
    if (this.#shown) this.#out.write('\r\x1b[2K');
    this.#shown = false;
  }
}
