// The command line: parses arguments (commander), resolves settings once, runs a command, returns the exit code.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { providerChoices, resolveSettings, type SettingsFlags } from '../config/settings.ts';
import type { CliIo, GradeFlags } from './cli-io.ts';
import { sandboxModes } from '../sandbox/sandbox-plan.ts';
import { describeError, exitCodeOf, exitCodes } from '../errors.ts';
import { createRequire } from 'node:module';
import { batchCommand } from './batch-command.ts';
import { ciGithubCommand, ciMatrixCommand, resultsMergeCommand } from './ci-command.ts';
import { cleanCommand } from './clean-command.ts';
import { devCommand } from './dev-command.ts';
import { doctorCommand } from './doctor-command.ts';
import { gradeCommand } from './grade-command.ts';
import { listCommand } from './list-command.ts';
import { packCommand, type PackFlags } from './pack-command.ts';
import { readKitMarker, refuseGradeInKit } from '../kit/kit-marker.ts';
import { registerReportCommand } from './register-report-command.ts';
import { addServiceUrlOptions } from './service-url-options.ts';
import { newCommand } from './new-command.ts';
import { validateCommand } from './validate-command.ts';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/** Runs `bch` with the given arguments; never calls process.exit. */
export async function main(argv: string[], io: CliIo = { out: process.stdout, err: process.stderr, env: process.env }): Promise<number> {
  let exitCode = 0;
  const inKit = readKitMarker() !== undefined;
  const program = new Command('bch')
    .description('Grade backend coding challenges against real Postgres, Redis and RabbitMQ.')
    .version(version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });

  const runOptions = (command: Command) =>
    addServiceUrlOptions(
      command.addOption(
        new Option('--services <provider>', 'where services come from')
          .choices(providerChoices)
          .default(undefined, 'auto: external when URLs are given, else containers'),
      ),
      'a running',
    )
      .option('--quick', 'short load runs (CI); thresholds are unchanged', false)
      .option('--keep-work', "keep each grade's work folder for debugging", false)
      .addOption(
        new Option('--sandbox <mechanism>', 'how candidate code is contained (or BCH_SANDBOX)')
          .choices(sandboxModes)
          .default(undefined, 'auto: bwrap for grades, none for bch test'),
      )
      .option('--json <file>', 'write results as JSON (Exercism results.json v3 shape, extended)')
      .option('--junit <file>', 'write results as JUnit XML')
      .option('--markdown <file>', 'write a Markdown summary (also appended to $GITHUB_STEP_SUMMARY when set)');

  runOptions(
    program
      .command('grade')
      .description('grade one or more submissions of a challenge with its hidden tests')
      // In a candidate kit, `bch grade` alone explains that the hidden tests are elsewhere (the action refuses).
      .argument(inKit ? '[challenge]' : '<challenge>', 'challenge id (see `bch list`)')
      .argument(
        inKit ? '[submission...]' : '<submission...>',
        'submission folders, .tar.gz/.tgz/.zip archives, or git repositories (URL or path, optional #ref)',
      )
      .option('--min-score <n>', 'exit 1 when a score is below this', parseScore, 0)
      .option('--checks <ids>', 'run and score only these hidden checks (comma-separated ids): a partial grade, e.g. to re-check a fix')
      .option(
        '--out <dir>',
        'batch: write results.json, junit.xml, summary.md and logs per submission, and an index; skips what is already graded',
      )
      .option('--force', 'with --out: re-grade submissions already graded with the same content', false)
      .option(
        '--allow-unauthenticated-services',
        'grade even when an external service lets an admin in without a password (or BCH_ALLOW_UNAUTHENTICATED_SERVICES=1)',
      ),
  ).action(async (challenge: string, submissions: string[], flags: GradeFlags & { out?: string; force: boolean }) => {
    refuseGradeInKit();
    const command = { challenge, submissions, flags, suite: 'hidden' as const, settings: resolveSettings(flags, io.env), io };
    exitCode = flags.out ? await batchCommand({ ...command, outDir: flags.out, force: flags.force }) : await gradeCommand(command);
  });

  runOptions(
    program
      .command('test')
      .description('run the public tests of a challenge against your submission')
      .argument('<challenge>', 'challenge id (see `bch list`)')
      .argument('<submission>', 'your submission: a folder, an archive or a git repository'),
  ).action(async (challenge: string, submission: string, flags: GradeFlags) => {
    exitCode = await gradeCommand({
      challenge,
      submissions: [submission],
      flags: { ...flags, minScore: 0 },
      suite: 'public',
      settings: resolveSettings(flags, io.env),
      io,
    });
  });

  program
    .command('list')
    .description('list the challenges')
    .option('--json', 'as JSON', false)
    .action((flags: { json: boolean }) => {
      exitCode = listCommand(flags, io);
    });

  runOptions(
    program
      .command('dev')
      .description('your local loop: the services and helper servers a grade uses, and your service restarted on every change')
      .argument('<challenge>', 'challenge id (see `bch list`)')
      .argument('[folder]', "your service's folder (in a kit: the working folder)"),
  ).action(async (challenge: string, folder: string | undefined, flags: GradeFlags) => {
    exitCode = await devCommand(challenge, folder, resolveSettings(flags, io.env), io);
  });

  program
    .command('doctor')
    .description(
      'check this machine (Node.js, Docker, images, registries, local services, bubblewrap, disk) and say how to fix each problem',
    )
    .action(async () => {
      exitCode = await doctorCommand(resolveSettings({}, io.env), io);
    });

  program
    .command('pack')
    .description('write a candidate kit: statement, starter, public tests and the harness they need; no hidden tests')
    .argument('<challenge>', 'challenge id (see `bch list`)')
    .requiredOption('--out <dir>', 'a new or empty folder for the kit')
    .option('--no-rubric', "leave the check-by-check rubric out of the kit's README")
    .option('--graded-by <text>', 'who grades, as the kit says it')
    .action(async (challenge: string, flags: PackFlags) => {
      exitCode = await packCommand(challenge, flags, io);
    });

  addServiceUrlOptions(
    program
      .command('clean')
      .description(
        'remove what dead runs left behind: containers, work folders and their processes, unfinished installs (and prune the install cache), and on the given servers grade databases, roles, Redis claims and users, vhosts and users (what live runs own is kept)',
      ),
    'also this',
  ).action(async (flags: SettingsFlags) => {
    exitCode = await cleanCommand(resolveSettings(flags, io.env), io);
  });

  const ci = program.command('ci').description("continuous-integration helpers for an interviewer's grading repository");
  ci.command('github')
    .description('write a GitHub Actions workflow that grades dispatched or listed submissions, one runner each, and merges the results')
    .requiredOption('--challenge <id>', 'the challenge to grade')
    .option('--out <file>', 'where to write the workflow', '.github/workflows/grade.yml')
    .option('--list <file>', 'the list of submissions in the grading repository', 'submissions.txt')
    .option('--min-score <n>', 'a grade below this fails its job', parseScore, 0)
    .action(async (flags: { challenge: string; out: string; list: string; minScore: number }) => {
      exitCode = await ciGithubCommand(flags, io);
    });
  ci.command('matrix')
    .description('print the submissions to grade as a JSON matrix (into $GITHUB_OUTPUT when set)')
    .option('--list <file>', 'one submission per line')
    .option('--submission <s>', 'one submission (wins over --list when not empty)')
    .action(async (flags: { list?: string; submission?: string }) => {
      exitCode = await ciMatrixCommand(flags, io);
    });
  program
    .command('results')
    .description('work with results folders')
    .command('merge')
    .description('merge results folders of `bch grade --out` (e.g. CI artifacts) into one index')
    .argument('<dirs...>', 'results folders')
    .requiredOption('--out <dir>', 'the merged folder')
    .action(async (dirs: string[], flags: { out: string }) => {
      exitCode = await resultsMergeCommand(dirs, flags, io);
    });

  registerReportCommand(program, io, (code) => (exitCode = code));

  program
    .command('validate')
    .description(
      'check challenges without grading them, in seconds: manifest, check ids against the tests, starter and reference files, README requirements, debriefs, variants (all when none is named)',
    )
    .argument('[challenge...]', 'challenge ids (see `bch list`)')
    .option('--json', 'print the findings as JSON', false)
    .action(async (challenges: string[], flags: { json: boolean }) => {
      exitCode = await validateCommand(challenges, flags, resolveSettings({}, io.env), io);
    });

  program
    .command('new')
    .description(
      'scaffold a challenge that passes bch validate: manifest, statement, starter, reference, a public test, a hidden check, an empty variant list',
    )
    .argument('<id>', 'the new challenge id: lower-case letters, digits and dashes')
    .option('--services <names>', 'comma-separated: postgres, redis, rabbitmq', '')
    .action(async (id: string, flags: { services: string }) => {
      exitCode = await newCommand(id, flags, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : exitCodes.usage;
    }
    io.err.write(`bch: ${describeError(error)}\n`);
    return exitCodeOf(error);
  }
}

function parseScore(value: string): number {
  const score = Number(value);
  if (!Number.isFinite(score) || score < 0 || score > 100) throw new InvalidArgumentError('expected a number from 0 to 100.');
  return score;
}
