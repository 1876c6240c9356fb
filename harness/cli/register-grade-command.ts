// Declares `bch grade` (one grade, or a batch with --out) and `bch test` (the public tests): both run submissions
// through gradeCommand, and grade's --out through batchCommand, which itself uses gradeCommand.
import type { Command } from 'commander';
import { resolveSettings } from '../config/settings.ts';
import { refuseGradeInKit } from '../candidate-kit/kit-marker.ts';
import { chunkRange, parseListChunk } from '../batch/list-chunk.ts';
import { submissionIds } from '../batch/submission-id.ts';
import { readSubmissionList } from '../batch/submission-list.ts';
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
        '[submission...]',
        'submission folders, .tar.gz/.tgz/.zip archives, or git repositories (URL or path, optional #ref); or --list',
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
      .option('--list <file>', 'grade the submissions a file lists, one per line (blank lines and # comments skipped)')
      .option('--chunk <k/n>', 'with --list: grade only part k of n of the list (a CI matrix job); ids are those of the whole list')
      .option(
        '--allow-unauthenticated-services',
        'grade even when an external service lets an admin in without a password (or BCH_ALLOW_UNAUTHENTICATED_SERVICES=1)',
      ),
  ).action(async (challenge: string, given: string[], flags: GradeFlags & GradeBatchFlags) => {
    refuseGradeInKit();
    const { submissions, ids } = await submissionsToGrade(given, flags);
    const command = { challenge, submissions, flags, suite: 'hidden' as const, settings: resolveSettings(flags, io.env), io };
    setExitCode(flags.out ? await batchCommand({ ...command, outDir: flags.out, force: flags.force, ids }) : await gradeCommand(command));
  });
}

interface GradeBatchFlags {
  out?: string;
  force: boolean;
  id?: string;
  list?: string;
  chunk?: string;
}

/** The submissions of the command line or of --list (its part --chunk), with the ids --id or the list gives them. */
async function submissionsToGrade(given: string[], flags: GradeBatchFlags): Promise<{ submissions: string[]; ids?: string[] }> {
  if (flags.list !== undefined) {
    if (given.length > 0 || flags.id !== undefined)
      throw new UsageError('BCH_BAD_LIST', '--list names the submissions: give no submission and no --id beside it.');
    const listed = await readSubmissionList(flags.list);
    const ids = submissionIds(listed);
    const { start, end } = flags.chunk ? chunkRange(listed.length, parseListChunk(flags.chunk)) : { start: 0, end: listed.length };
    return { submissions: listed.slice(start, end), ids: ids.slice(start, end) };
  }
  if (flags.chunk !== undefined) throw new UsageError('BCH_BAD_CHUNK', '--chunk takes a part of a list: use it with --list <file>.');
  if (given.length === 0)
    throw new UsageError('BCH_NO_SUBMISSIONS', 'Nothing to grade: give one or more submissions, or --list <file> (one per line).');
  if (flags.id !== undefined && (!flags.out || given.length !== 1))
    throw new UsageError('BCH_BAD_ID', '--id names the one submission of a batch: use it with --out and exactly one submission.');
  return { submissions: given, ids: flags.id === undefined ? undefined : [flags.id] };
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
