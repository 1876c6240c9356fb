// `bch grade` and `bch test`: wires reporters to a run and turns the results into an exit code.
import type { Settings } from '../config/settings.ts';
import { exitCodeOfRun } from '../grading/exit-code-of-run.ts';
import { runGrades } from '../grading/run-grades.ts';
import { builtinReporters } from '../reporters/builtin-reporters.ts';
import type { Reporter } from '../grading/reporter.ts';
import type { CliIo, GradeFlags } from './cli-io.ts';
import type { Suite } from '../suite.ts';

export interface GradeCommand {
  challenge: string;
  submissions: string[];
  flags: GradeFlags;
  suite: Suite;
  settings: Settings;
  io: CliIo;
  /** More reporters, after the built-in ones (a batch's files and progress). */
  extraReporters?: Reporter[];
}

export async function gradeCommand(command: GradeCommand): Promise<number> {
  const { flags, io } = command;
  const reporters: Reporter[] = [builtinReporters.terminal({ out: io.out, env: io.env })];
  if (flags.json) reporters.push(builtinReporters.json({ file: flags.json }));
  if (flags.junit) reporters.push(builtinReporters.junit({ file: flags.junit }));
  if (flags.markdown || io.env.GITHUB_STEP_SUMMARY) reporters.push(builtinReporters.markdown({ file: flags.markdown, env: io.env }));
  reporters.push(...(command.extraReporters ?? []));
  const result = await runGrades({
    challengeId: command.challenge,
    submissions: command.submissions,
    suite: command.suite,
    settings: command.settings,
    minScore: flags.minScore,
    reporters,
    log: (line) => io.err.write(`${line}\n`),
  });
  return exitCodeOfRun(result, command.suite);
}
