// The reporters bch ships, by name: `bch grade` and `bch test` build every reporter they show or write from this map
// (cli/grade-command.ts; a batch adds its own), and `keyof` gives the valid names.
import { JsonReporter } from './json-reporter.ts';
import { JunitReporter } from './junit-reporter.ts';
import { MarkdownReporter } from './markdown-reporter.ts';
import type { Reporter } from '../grading/reporter.ts';
import { TerminalReporter } from './terminal-reporter.ts';

export interface BuiltinReporterOptions {
  /** Where a file reporter writes (json, junit: a default under results/; markdown: no file unless given). */
  file?: string;
  /** Where the terminal reporter writes; process.stdout by default. */
  out?: { write(s: string): unknown };
  /** The environment (GITHUB_STEP_SUMMARY for markdown); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Colours for the terminal reporter; picocolors' detection by default (it honours NO_COLOR and FORCE_COLOR). */
  color?: boolean;
  /** A live status line for the terminal reporter; by default on a TTY outside CI. */
  live?: boolean;
}

export const builtinReporters = {
  terminal: (options: BuiltinReporterOptions = {}): Reporter => {
    const out = options.out ?? process.stdout;
    const env = options.env ?? process.env;
    const live = options.live ?? ((out as { isTTY?: boolean }).isTTY === true && !env.CI && env.TERM !== 'dumb');
    return new TerminalReporter(out, { color: options.color, live });
  },
  json: (options: BuiltinReporterOptions = {}): Reporter => new JsonReporter(options.file ?? 'results/results.json'),
  junit: (options: BuiltinReporterOptions = {}): Reporter => new JunitReporter(options.file ?? 'results/junit.xml'),
  markdown: (options: BuiltinReporterOptions = {}): Reporter => new MarkdownReporter({ file: options.file, env: options.env }),
} satisfies Record<string, (options?: BuiltinReporterOptions) => Reporter>;

export type BuiltinReporterName = keyof typeof builtinReporters;
