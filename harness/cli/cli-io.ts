// What every command gets from the command line: where it writes and the environment it reads, and the flags
// shared by the commands that grade. In a file of its own so that commands import it, not main.ts.
import type { SettingsFlags } from '../config/settings.ts';

/** Where a command writes, and the environment it was started with (tests pass their own). */
export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
}

/** The flags of `bch grade`, `bch test` and `bch batch`: the settings' and the reports'. */
export interface GradeFlags extends SettingsFlags {
  minScore: number;
  json?: string;
  junit?: string;
  markdown?: string;
}
