// Declares `bch grade` (one grade, or a batch with --out) and `bch test` (the public tests): both run submissions
// through gradeCommand, and grade's --out through batchCommand, which itself uses gradeCommand.
import type { Command } from 'commander';
import { resolveSettings } from '../config/settings.ts';
import { refuseGradeInKit } from '../candidate-kit/kit-marker.ts';
import { UsageError } from '../errors.ts';
import { batchCommand } from './batch-command.ts';
import type { CliIo, GradeFlags } from './cli-io.ts';
import { gradeCommand } from './grade-command.ts';
import { parseScore, runOptions } from './run-options.ts';

/** Adds `bch grade`; in a candidate kit (`inKit`) its arguments are optional, so that the action can explain that the hidden tests are elsewhere. */
export function registerGradeCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, inKit: boolean): void {
  runOptions(
    program
      .command('grade', { hidden: inKit })
      .description('grade one or more submissions of a challenge with its hidden tests')
      // In a candidate kit, `bch grade` alone explains that the hidden tests are elsewhere (the action refuses).
      .argument(inKit ? '[challenge]' : '<challenge>', 'challenge id (see `bch list`)')
      .argument(
        inKit ? '[submission...]' : '<submission...>',
        'submission folders, .tar.gz/.tgz/.zip archives, or git repositories (URL or path, optional #ref)',
      )
      .option(
        '--min-score <n>',
        'exit 1 when a score is below this percentage of the points graded (all, or those of --checks)',
        parseScore,
        0,
      )
      .option('--checks <ids>', 'run and score only these hidden checks (comma-separated ids): a partial grade, e.g. to re-check a fix')
      .option(
        '--out <dir>',
        'batch: write results.json, junit.xml, summary.md and logs per submission, and an index; skips what is already graded',
      )
      .option('--force', 'with --out: re-grade submissions already graded with the same content', false)
      .option(
        '--id <id>',
        'with --out and one submission: its id in the batch (folder and index entry), e.g. the one `bch ci matrix` gave it',
      )
      .option(
        '--allow-unauthenticated-services',
        'grade even when an external service lets an admin in without a password (or BCH_ALLOW_UNAUTHENTICATED_SERVICES=1)',
      ),
  ).action(async (challenge: string, submissions: string[], flags: GradeFlags & { out?: string; force: boolean; id?: string }) => {
    refuseGradeInKit();
    if (flags.id !== undefined && (!flags.out || submissions.length !== 1))
      throw new UsageError('BCH_BAD_ID', '--id names the one submission of a batch: use it with --out and exactly one submission.');
    const command = { challenge, submissions, flags, suite: 'hidden' as const, settings: resolveSettings(flags, io.env), io };
    setExitCode(
      flags.out ? await batchCommand({ ...command, outDir: flags.out, force: flags.force, id: flags.id }) : await gradeCommand(command),
    );
  });
}

/** Adds `bch test`: the public tests against one submission. */
export function registerTestCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  runOptions(
    program
      .command('test')
      .description('run the public tests of a challenge against your submission')
      .argument('<challenge>', 'challenge id (see `bch list`)')
      .argument('<submission>', 'your submission: a folder, an archive or a git repository'),
  ).action(async (challenge: string, submission: string, flags: GradeFlags) => {
    setExitCode(
      await gradeCommand({
        challenge,
        submissions: [submission],
        flags: { ...flags, minScore: 0 },
        suite: 'public',
        settings: resolveSettings(flags, io.env),
        io,
      }),
    );
  });
}
