// `bch ci github` writes the grading workflows; `bch ci matrix` is the list workflow's first step (its jobs),
// `bch ci images` keeps a job's service images between runs, and `bch results merge` is the last step (one index
// over the runners' results).
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { mergeResults } from '../batch/merge-results.ts';
import { listChallengeIds, loadChallenge } from '../challenge-spec/load-challenge.ts';
import { resolveSettings } from '../config/settings.ts';
import { githubGradingWorkflows } from '../ci-workflow/github-workflow.ts';
import { cacheImages, imageOnDocker } from '../ci-workflow/image-cache.ts';
import { readImageMap } from '../config/image-map.ts';
import { chooseImages } from '../providers/local-image-fallback.ts';
import { githubMaxJobs, submissionMatrix } from '../ci-workflow/submission-matrix.ts';
import type { CliIo } from './cli-io.ts';
import { InvalidArgumentError, type Command } from 'commander';
import { parseScore } from './run-options.ts';
import { UsageError } from '../errors.ts';

interface CiGithubFlags {
  challenge: string;
  dir: string;
  list: string;
  minScore: number;
  tokenSecret: string;
  maxJobs: number;
}

/** Writes the workflow files for a challenge (the challenge must exist). */
export async function ciGithubCommand(flags: CiGithubFlags, io: CliIo): Promise<number> {
  loadChallenge(flags.challenge);
  if (!/^[A-Z_][A-Z0-9_]*$/i.test(flags.tokenSecret))
    throw new UsageError('BCH_BAD_SECRET_NAME', `--token-secret "${flags.tokenSecret}" is not a secret's name: use letters, digits and _.`);
  const workflows = githubGradingWorkflows({ ...flags, listFile: flags.list, challenges: listChallengeIds() });
  await mkdir(flags.dir, { recursive: true });
  for (const [name, text] of Object.entries(workflows)) await writeFile(join(flags.dir, name), text);
  io.out.write(
    `wrote ${join(flags.dir, 'grade.yml')} (one submission, given by hand) and ${join(flags.dir, 'grade-list.yml')} (every line of ${flags.list}); run them from the Actions tab. Private candidate repositories on GitHub need the secret ${flags.tokenSecret} (docs/scaling.md)\n`,
  );
  return 0;
}

/** Prints the jobs of the list workflow as `matrix=<json>`, also into $GITHUB_OUTPUT when set. */
export async function ciMatrixCommand(flags: { list: string; maxJobs: number }, io: CliIo): Promise<number> {
  const line = `matrix=${JSON.stringify(await submissionMatrix(flags.list, flags.maxJobs))}\n`;
  io.out.write(line);
  if (io.env.GITHUB_OUTPUT) await appendFile(io.env.GITHUB_OUTPUT, line);
  return 0;
}

/** Loads, pulls or archives the images of a challenge's services in the cache folder. */
export async function ciImagesCommand(challengeId: string, flags: { dir: string }, io: CliIo): Promise<number> {
  const { manifest } = loadChallenge(challengeId);
  const settings = resolveSettings({}, io.env);
  // The images a grade will start: the pinned ones, or the set-up's local stand-ins where a machine has those only.
  const { images } = await chooseImages(settings.images, manifest.services, readImageMap(settings.cacheDir), imageOnDocker);
  const actions = await cacheImages(
    manifest.services.map((name) => images[name]),
    flags.dir,
  );
  for (const [image, action] of actions) io.out.write(`${image}: ${action === 'present' ? 'already here and archived' : action}\n`);
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
    .description(
      'write GitHub Actions workflows: one grades a repository and ref given by hand, the other every line of a list, at most --max-jobs runners, then merges the results and the report',
    )
    .requiredOption('--challenge <id>', 'the challenge the list grades (and the one the form offers first)')
    .option('--dir <dir>', 'where to write grade.yml and grade-list.yml', '.github/workflows')
    .option('--list <file>', 'the list of submissions in the grading repository', 'submissions.txt')
    .option('--min-score <n>', 'a grade below this percentage fails its job', parseScore, 0)
    .option('--token-secret <name>', 'the repository secret with a token that reads private candidate repositories', 'SUBMISSIONS_TOKEN')
    .option(
      '--max-jobs <n>',
      `at most this many grading jobs per run (GitHub allows ${githubMaxJobs} per matrix)`,
      parseMaxJobs,
      githubMaxJobs,
    )
    .action(async (flags: CiGithubFlags) => {
      setExitCode(await ciGithubCommand(flags, io));
    });
  ci.command('matrix')
    .description(
      'print the jobs of the list workflow as a JSON matrix (into $GITHUB_OUTPUT when set): a submission each, or parts of the list',
    )
    .requiredOption('--list <file>', 'one submission per line')
    .option('--max-jobs <n>', `at most this many jobs (GitHub allows ${githubMaxJobs} per matrix)`, parseMaxJobs, githubMaxJobs)
    .action(async (flags: { list: string; maxJobs: number }) => {
      setExitCode(await ciMatrixCommand(flags, io));
    });
  ci.command('images')
    .description(
      "make the images of a challenge's services available to Docker, from archives in a folder the CI caches (pulled and archived once)",
    )
    .argument('<challenge>', 'challenge id')
    .requiredOption('--dir <dir>', 'the cache folder')
    .action(async (challenge: string, flags: { dir: string }) => {
      setExitCode(await ciImagesCommand(challenge, flags, io));
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

/** --max-jobs: a whole number from 1 to GitHub's limit of jobs per matrix. */
function parseMaxJobs(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > githubMaxJobs)
    throw new InvalidArgumentError(`expected a whole number from 1 to ${githubMaxJobs} (GitHub's limit of jobs per matrix).`);
  return n;
}
