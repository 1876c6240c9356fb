// `bch ci github` writes the grading workflow; `bch ci matrix` is its first step (the list of submissions);
// `bch results merge` its last (one index over the runners' results).
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { mergeResults } from '../batch/merge-results.ts';
import { loadChallenge } from '../challenge/load-challenge.ts';
import { githubGradingWorkflow } from '../ci/github-workflow.ts';
import { submissionMatrix } from '../ci/submission-matrix.ts';
import type { CliIo } from './cli-io.ts';

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
