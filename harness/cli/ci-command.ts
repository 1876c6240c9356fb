// `bch ci github` writes the grading workflow; `bch ci matrix` is its first step (the list of submissions);
// `bch results merge` its last (one index over the runners' results).
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { mergeResults } from '../batch/merge-results.ts';
import { loadChallenge } from '../challenge-spec/load-challenge.ts';
import { githubGradingWorkflow } from '../ci-workflow/github-workflow.ts';
import { submissionMatrix } from '../ci-workflow/submission-matrix.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from 'commander';
import { parseScore } from './run-options.ts';

/** Writes the workflow file for a challenge (the challenge must exist). */
export async function ciGithubCommand(
  flags: { challenge: string; out: string; list: string; minScore: number },
  io: CliIo,
): Promise<number> {
  loadChallenge(flags.challenge);
  await mkdir(dirname(resolve(flags.out)), { recursive: true });
  await writeFile(flags.out, githubGradingWorkflow({ challenge: flags.challenge, listFile: flags.list, minScore: flags.minScore }));
  io.out.write(`wrote ${flags.out}: dispatch it with a submission, or list submissions in ${flags.list} (one per line)\n`);
  return 0;
}

/** Prints the matrix as `submissions=<json>`, also into $GITHUB_OUTPUT when set. */
export async function ciMatrixCommand(flags: { list?: string; submission?: string }, io: CliIo): Promise<number> {
  const line = `submissions=${JSON.stringify(await submissionMatrix({ listFile: flags.list, submission: flags.submission }))}\n`;
  io.out.write(line);
  if (io.env.GITHUB_OUTPUT) await appendFile(io.env.GITHUB_OUTPUT, line);
  return 0;
}

/** Merges results folders into one. */
export async function resultsMergeCommand(inputs: string[], flags: { out: string }, io: CliIo): Promise<number> {
  const merged = await mergeResults(inputs, flags.out);
  io.out.write(
    `merged ${inputs.length} folder(s): ${merged.entries.length} submission(s) of ${merged.challenge} in ${resolve(flags.out, 'index.md')}\n`,
  );
  return 0;
}

/** Adds `bch ci github`, `bch ci matrix` and `bch results merge`. */
export function registerCiCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const ci = program.command('ci').description("continuous-integration helpers for an interviewer's grading repository");
  ci.command('github')
    .description('write a GitHub Actions workflow that grades dispatched or listed submissions, one runner each, and merges the results')
    .requiredOption('--challenge <id>', 'the challenge to grade')
    .option('--out <file>', 'where to write the workflow', '.github/workflows/grade.yml')
    .option('--list <file>', 'the list of submissions in the grading repository', 'submissions.txt')
    .option('--min-score <n>', 'a grade below this fails its job', parseScore, 0)
    .action(async (flags: { challenge: string; out: string; list: string; minScore: number }) => {
      setExitCode(await ciGithubCommand(flags, io));
    });
  ci.command('matrix')
    .description('print the submissions to grade as a JSON matrix (into $GITHUB_OUTPUT when set)')
    .option('--list <file>', 'one submission per line')
    .option('--submission <s>', 'one submission (wins over --list when not empty)')
    .action(async (flags: { list?: string; submission?: string }) => {
      setExitCode(await ciMatrixCommand(flags, io));
    });
  program
    .command('results')
    .description('work with results folders')
    .command('merge')
    .description('merge results folders of `bch grade --out` (e.g. CI artifacts) into one index')
    .argument('<dirs...>', 'results folders')
    .requiredOption('--out <dir>', 'the merged folder')
    .action(async (dirs: string[], flags: { out: string }) => {
      setExitCode(await resultsMergeCommand(dirs, flags, io));
    });
}
