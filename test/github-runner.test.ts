// A rehearsal of the generated batch workflow (grade-list.yml) on this machine: each job in a fresh container that
// resembles GitHub's hosted runner (test/support/runner-container.ts), its `run:` steps in order with GitHub's
// environment and the workflow's expressions (test/support/workflow-expression.ts), and each `uses:` action done by
// a small stand-in (the `standIns` table below). It grades the reference, the starter and a committed archive, merges
// and reports, and proves that a workflow which would fail on a real runner fails here: today's grade step reverted
// (no sudo, no bubblewrap) stops with BCH_NO_SANDBOX. Timings per job and step go to the console and a JSON file.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadChallenge } from '../harness/challenge-spec/load-challenge.ts';
import { defaultImages } from '../harness/services/service-registry.ts';
import { labelledContainers } from './support/labelled-containers.ts';
import { processesMarkedOrUnder } from './support/leftovers.ts';
import { runBch } from './support/run-bch.ts';
import { ensureRunnerImage, RunnerContainer } from './support/runner-container.ts';
import { evaluateExpressions, evaluateRecord, type ExpressionContext } from './support/workflow-expression.ts';

const run = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..');
const challenge = 'lru-cache';
/** GitHub's layout: /home/runner/work/<repository>/<repository>. */
const workspace = '/home/runner/work/grading/grading';
const runnerTemp = '/home/runner/work/_temp';
const rehearsalLabel = 'bch.github-rehearsal';
const timingsFile = join(tmpdir(), 'bch-github-runner-timings.json');

type Step = {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
};
type Job = {
  name?: string;
  needs?: string | string[];
  if?: string;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { matrix?: { include?: string } };
  steps: Step[];
};
type Workflow = { env?: Record<string, string>; jobs: Record<string, Job> };

interface StepRecord {
  label: string;
  kind: 'setup' | 'work' | 'post';
  ms: number;
  outcome: 'success' | 'failure' | 'skipped';
  exitCode?: number;
  output?: string;
}
interface JobRecord {
  job: string;
  name: string;
  conclusion: 'success' | 'failure';
  outputs: Record<string, string>;
  summary: string;
  totalMs: number;
  containerStartMs: number;
  steps: StepRecord[];
}

/** Folders on the host that stand in for GitHub's storage: the cache service and the run's artifacts. */
let rehearsalDir: string;
let originRepo: string;
let runnerImage: string;
let runId: string;
const addedTags: string[] = [];
const jobs: JobRecord[] = [];

/** What one job's steps share: its container, the outputs so far, and what post steps are to do. */
interface JobState {
  container: RunnerContainer;
  path: string[];
  env: Record<string, string>;
  posts: { label: string; action: () => Promise<void> }[];
}

/** Runs a command in the job's workspace as `runner`. */
const inJob = (state: JobState, script: string, user = 'runner') =>
  state.container.must(['bash', '-e', '-c', script], { user, cwd: workspace, env: { HOME: '/home/runner' } });

/** A cache key as a file name in the host folder that stands in for GitHub's cache service. */
const cacheFolder = (key: string) => join(rehearsalDir, 'cache', key.replace(/[^\w.-]/g, '_'));

/** Restores `containerPath` from the stand-in cache by key; true on a hit. Saving is a post step, as with the real actions. */
async function restoreCache(state: JobState, key: string, containerPath: string): Promise<boolean> {
  const saved = cacheFolder(key);
  if (!existsSync(saved)) return false;
  await inJob(state, `mkdir -p "$(dirname ${containerPath})"`);
  await state.container.copyIn(saved, containerPath);
  await inJob(state, `chown -R runner:runner ${containerPath}`, 'root');
  return true;
}

function saveCacheAfterJob(state: JobState, key: string, containerPath: string): void {
  state.posts.push({
    label: `post: save cache ${key}`,
    action: async () => {
      if (existsSync(cacheFolder(key))) return;
      await mkdir(join(rehearsalDir, 'cache'), { recursive: true });
      await state.container.copyOut(containerPath, cacheFolder(key));
    },
  });
}

const expandHome = (path: string) => path.replace(/^~(?=\/|$)/, '/home/runner');

/**
 * STAND-INS for the actions the workflow names: each does on this machine what the real action does on GitHub,
 * without GitHub's services. An action not in this table fails the rehearsal, naming it.
 */
const standIns: Record<string, (state: JobState, inputs: Record<string, string>) => Promise<void>> = {
  /** actions/checkout@v4 stand-in: a depth-1 clone of the grading repository as committed (the origin copy). */
  'actions/checkout@v4': async (state) => {
    await inJob(state, 'git clone -q --depth 1 file:///rehearsal/origin .');
  },
  /**
   * actions/setup-node@v4 stand-in: this machine's Node.js (its major must be .nvmrc's) and npm copied into a tool
   * cache folder and put on PATH, as the action installs a downloaded build; with `cache: npm`, ~/.npm restored by
   * the key the action uses (a hash of package-lock.json) and saved after the job on a miss.
   */
  'actions/setup-node@v4': async (state, inputs) => {
    const wanted = (await inJob(state, `cat ${inputs['node-version-file']}`)).trim();
    if (process.versions.node.split('.')[0] !== wanted.replace(/^v/, '').split('.')[0])
      throw new Error(`.nvmrc asks for Node.js ${wanted}; the setup-node stand-in only has this machine's ${process.version}`);
    const tool = `/opt/hostedtoolcache/node/${process.versions.node}/x64`;
    await inJob(state, `mkdir -p ${tool}/bin ${tool}/lib/node_modules`, 'root');
    await state.container.copyIn(process.execPath, `${tool}/bin/node`);
    await state.container.copyIn(npmRoot(), `${tool}/lib/node_modules/npm`);
    await inJob(
      state,
      `ln -s ../lib/node_modules/npm/bin/npm-cli.js ${tool}/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js ${tool}/bin/npx`,
      'root',
    );
    state.path.unshift(`${tool}/bin`);
    if (inputs.cache === 'npm') {
      const lock = (await inJob(state, 'sha256sum package-lock.json')).split(' ')[0];
      const key = `node-cache-Linux-x64-npm-${lock}`;
      if (!(await restoreCache(state, key, '/home/runner/.npm'))) saveCacheAfterJob(state, key, '/home/runner/.npm');
    }
  },
  /** actions/cache@v4 stand-in: `path` restored from the host's cache folder by `key`, saved there after the job on a miss. */
  'actions/cache@v4': async (state, inputs) => {
    const path = expandHome(inputs.path);
    if (!(await restoreCache(state, inputs.key, path))) saveCacheAfterJob(state, inputs.key, path);
  },
  /** actions/upload-artifact@v4 stand-in: the folder's content copied to the run's artifacts folder under `name`. */
  'actions/upload-artifact@v4': async (state, inputs) => {
    const target = join(rehearsalDir, 'artifacts', inputs.name);
    if (existsSync(target)) throw new Error(`upload-artifact: an artifact named ${inputs.name} already exists in this run (v4 refuses it)`);
    const found = await state.container.exec(['test', '-e', inputs.path], { cwd: workspace });
    if (found.exitCode !== 0) {
      if (inputs['if-no-files-found'] === 'error')
        throw new Error(`upload-artifact: no files were found with the provided path: ${inputs.path}`);
      return;
    }
    // The real action reads the files as `runner`; a file only root can read (the grade runs through sudo) would fail it.
    const unreadable = await state.container.must(['find', inputs.path, '!', '-readable'], { cwd: workspace });
    if (unreadable.trim()) throw new Error(`upload-artifact: runner cannot read ${unreadable.trim().split('\n').join(', ')}`);
    await mkdir(target, { recursive: true });
    await state.container.copyOut(`${workspace}/${inputs.path}/.`, target);
  },
  /** actions/download-artifact@v4 stand-in: each artifact whose name matches `pattern` into `<path>/<name>/`. */
  'actions/download-artifact@v4': async (state, inputs) => {
    const pattern = new RegExp(`^${inputs.pattern.split('*').map(escapeRegExp).join('.*')}$`);
    const names = (await readdir(join(rehearsalDir, 'artifacts')).catch(() => [])).filter((name) => pattern.test(name));
    await inJob(state, `mkdir -p ${inputs.path}`);
    for (const name of names) await state.container.copyIn(join(rehearsalDir, 'artifacts', name), `${workspace}/${inputs.path}/${name}`);
    await inJob(state, `chown -R runner:runner ${inputs.path}`, 'root');
  },
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The npm this machine runs (the setup-node stand-in copies it with the node binary, as Node.js builds ship it). */
function npmRoot(): string {
  for (const candidate of [
    join(process.execPath, '../../lib/node_modules/npm'),
    '/usr/lib/node_modules/npm',
    '/usr/local/lib/node_modules/npm',
  ])
    if (existsSync(join(candidate, 'bin/npm-cli.js'))) return candidate;
  throw new Error('No npm found beside this Node.js or in /usr/lib/node_modules: the setup-node stand-in needs one');
}

/**
 * STAND-IN for the internet: this machine reaches the npm registry through an egress proxy whose certificate
 * authority only this machine's bundle trusts, so the runner gets that bundle (read-only) and Node.js is told to
 * trust it. A GitHub runner reaches the registry directly and needs neither.
 */
const egressTrust = existsSync('/etc/ssl/certs/ca-certificates.crt')
  ? [
      '-v',
      '/etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro',
      '-e',
      'NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt',
    ]
  : [];

/** The steps a grading job spends setting up (everything before the grade, and after it the upload). */
const isSetup = (step: Step) => step.uses !== undefined || !/bch (grade|results merge|report|ci matrix)/.test(step.run ?? '');

/**
 * Runs one job of `workflow` as GitHub would: a fresh runner container, the steps in order (`if: always()` runs
 * after a failure, other steps are skipped), post steps in reverse order, then the job's outputs.
 */
async function runJob(workflow: Workflow, jobId: string, matrix: Record<string, unknown> | undefined, needs: ExpressionContext['needs']) {
  const job = workflow.jobs[jobId];
  const started = performance.now();
  const container = await RunnerContainer.start(runnerImage, { [rehearsalLabel]: runId }, [
    '-v',
    `${originRepo}:/rehearsal/origin:ro`,
    ...egressTrust,
  ]);
  const containerStartMs = performance.now() - started;
  const state: JobState = {
    container,
    path: ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'],
    env: {},
    posts: [],
  };
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  const records: StepRecord[] = [];
  let summary = '';
  let failed = false;
  try {
    await container.must(['mkdir', '-p', workspace, runnerTemp]);
    const context = (): ExpressionContext => ({
      matrix,
      needs,
      steps,
      secrets: {},
      inputs: {},
      hashFiles: async (pattern) => {
        if (!pattern.endsWith('/**')) throw new Error(`the rehearsal's hashFiles only knows folder/** patterns, not ${pattern}`);
        const folder = pattern.slice(0, -3);
        return (await inJob(state, `find ${folder} -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum`)).split(' ')[0];
      },
    });
    const name = textOf(await evaluateExpressions(job.name ?? jobId, context()));
    for (const [index, step] of job.steps.entries()) {
      const label = step.name ?? step.uses ?? (step.run ?? '').split('\n').at(-1)!.slice(0, 80);
      const condition = step.if === undefined ? !failed : Boolean(await evaluateExpressions(`\${{ ${step.if} }}`, context()));
      const record: StepRecord = { label, kind: isSetup(step) ? 'setup' : 'work', ms: 0, outcome: 'skipped' };
      records.push(record);
      if (!condition) continue;
      const stepStarted = performance.now();
      try {
        if (step.uses) {
          const standIn = standIns[step.uses];
          if (!standIn)
            throw new Error(
              `The workflow uses ${step.uses}, which the rehearsal has no stand-in for: add one to standIns in ${import.meta.filename}`,
            );
          await standIn(state, await evaluateRecord(step.with, context()));
          record.outcome = 'success';
        } else {
          const files = { GITHUB_OUTPUT: `${runnerTemp}/output-${index}`, GITHUB_STEP_SUMMARY: `${runnerTemp}/summary-${index}` };
          const env = {
            ...githubEnv(jobId, files),
            ...state.env,
            ...(await evaluateRecord(workflow.env, context())),
            ...(await evaluateRecord(job.env, context())),
            ...(await evaluateRecord(step.env, context())),
            PATH: state.path.join(':'),
          };
          await container.must(['touch', files.GITHUB_OUTPUT, files.GITHUB_STEP_SUMMARY, `${runnerTemp}/env`]);
          const script = textOf(await evaluateExpressions(step.run!, context()));
          const result = await container.exec(['bash', '-e', '-c', script], { cwd: workspace, env, timeoutMs: 15 * 60_000 });
          record.exitCode = result.exitCode;
          record.output = `${result.stdout}\n${result.stderr}`.slice(-6000);
          record.outcome = result.exitCode === 0 ? 'success' : 'failure';
          if (step.id) steps[step.id] = { outputs: parseKeyValues(await container.must(['cat', files.GITHUB_OUTPUT])) };
          Object.assign(state.env, parseKeyValues(await container.must(['cat', `${runnerTemp}/env`])));
          summary += await container.must(['cat', files.GITHUB_STEP_SUMMARY]);
        }
      } catch (error) {
        record.outcome = 'failure';
        record.output = (error as Error).message;
      }
      record.ms = performance.now() - stepStarted;
      if (record.outcome === 'failure') failed = true;
    }
    for (const post of state.posts.reverse()) {
      if (failed) break; // the real actions save their caches only after a successful job
      const postStarted = performance.now();
      await post.action();
      records.push({ label: post.label, kind: 'post', ms: performance.now() - postStarted, outcome: 'success' });
    }
    const outputs = await evaluateRecord(job.outputs, context());
    const record: JobRecord = {
      job: jobId,
      name,
      conclusion: failed ? 'failure' : 'success',
      outputs,
      summary,
      totalMs: performance.now() - started,
      containerStartMs,
      steps: records,
    };
    jobs.push(record);
    return record;
  } finally {
    await container.remove();
  }
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The variables GitHub sets for every step (those the workflow or bch could read). */
function githubEnv(jobId: string, files: Record<string, string>): Record<string, string> {
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_JOB: jobId,
    GITHUB_REPOSITORY: 'hiring-team/grading',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_RUN_ID: runId,
    GITHUB_ENV: `${runnerTemp}/env`,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_TEMP: runnerTemp,
    HOME: '/home/runner',
    ...files,
  };
}

/** `name=value` lines and `name<<DELIMITER` blocks, as GitHub reads $GITHUB_OUTPUT and $GITHUB_ENV. */
function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (block) {
      const end = lines.indexOf(block[2], i + 1);
      out[block[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
  }
  return out;
}

/**
 * STAND-IN for Docker Hub: where the pinned official images cannot be pulled (no registry is reachable here), the
 * local stand-in images the set-up recorded (~/.cache/bch/images.json) are tagged with the official names for the
 * run, and exactly those tags are removed afterwards.
 */
async function tagServiceImages(): Promise<void> {
  const mapFile = join(homedir(), '.cache/bch/images.json');
  const standIns = existsSync(mapFile) ? (JSON.parse(readFileSync(mapFile, 'utf8')) as Record<string, string>) : {};
  for (const [service, official] of Object.entries(defaultImages)) {
    const present = await run('docker', ['image', 'inspect', official]).then(
      () => true,
      () => false,
    );
    if (present) continue;
    const pulled = await run('docker', ['pull', '-q', official], { timeout: 60_000 }).then(
      () => true,
      () => false,
    );
    if (pulled) continue;
    const standIn = standIns[service];
    if (!standIn)
      throw new Error(`${official} cannot be pulled and ${mapFile} names no stand-in for ${service}: run bash scripts/setup.sh`);
    await run('docker', ['tag', standIn, official]);
    addedTags.push(official);
  }
}

/** Removes the containers this rehearsal started and the tags it added (an image keeps its other tags). */
async function cleanUp(): Promise<void> {
  const { stdout } = await run('docker', ['ps', '-aq', '--filter', `label=${rehearsalLabel}=${runId}`]);
  for (const id of stdout.split('\n').filter(Boolean)) await run('docker', ['rm', '-f', '-v', id]).catch(() => undefined);
  while (addedTags.length > 0) await run('docker', ['rmi', addedTags.pop()!]).catch(() => undefined);
  if (rehearsalDir) await rm(rehearsalDir, { recursive: true, force: true });
}

let workflowText: string;
let listJob: JobRecord;
let containersBefore: string[];

beforeAll(async () => {
  runId = String(Date.now());
  rehearsalDir = await mkdtemp(join(tmpdir(), 'bch-github-rehearsal-'));
  containersBefore = await labelledContainers();
  runnerImage = await ensureRunnerImage();
  await tagServiceImages();
  // The hiring team's grading repository: this repository as committed, plus the workflows `bch ci github` writes,
  // the list file, and a candidate's archive (the reference's files), all committed.
  originRepo = join(rehearsalDir, 'origin');
  await run('git', ['clone', '-q', '--no-hardlinks', repoRoot, originRepo]);
  const generated = await runBch(['ci', 'github', '--challenge', challenge, '--dir', join(originRepo, '.github/workflows')], {
    json: false,
  });
  expect(generated.exitCode, generated.stderr).toBe(0);
  await mkdir(join(originRepo, 'submissions'));
  await run('tar', ['-czf', join(originRepo, 'submissions/alice.tgz'), '-C', join(originRepo, 'solutions', challenge), '.']);
  await writeFile(join(originRepo, 'submissions.txt'), `solutions/${challenge}\nchallenges/${challenge}/starter\nsubmissions/alice.tgz\n`);
  const git = (...args: string[]) =>
    run('git', ['-C', originRepo, '-c', 'user.name=Hiring Team', '-c', 'user.email=hiring@example.com', ...args]);
  await git('add', '-A');
  await git('commit', '-q', '-m', 'Grading workflows, the list of submissions and an archive');
  // Owned by the runner's uid, as git refuses to read a repository of another user ("dubious ownership").
  await run('chown', ['-R', '1001:1001', originRepo]);
  workflowText = await readFile(join(originRepo, '.github/workflows/grade-list.yml'), 'utf8');
  listJob = await runJob(parse(workflowText) as Workflow, 'list', undefined, {});
}, 600_000);

afterAll(async () => {
  await writeFile(timingsFile, `${JSON.stringify(jobs, (key, value) => (key === 'output' ? undefined : value), 2)}\n`);
  console.log(`rehearsal timings written to ${timingsFile}`);
  await cleanUp();
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Prints a job's steps with their times, set-up and work apart. */
function printJob(record: JobRecord): void {
  const setup = record.steps.filter((s) => s.kind !== 'work').reduce((sum, s) => sum + s.ms, 0) + record.containerStartMs;
  const lines = record.steps.map((s) => `  ${s.kind.padEnd(5)} ${seconds(s.ms).padStart(8)} ${s.outcome.padEnd(7)} ${s.label}`);
  console.log(
    `job ${record.name}: ${record.conclusion}, ${seconds(record.totalMs)} from a fresh container (started in ${seconds(record.containerStartMs)}), set-up ${seconds(setup)}\n${lines.join('\n')}`,
  );
}

test('the list job writes a matrix of one entry per line of the list', () => {
  printJob(listJob);
  expect(listJob.conclusion, JSON.stringify(listJob.steps.filter((s) => s.outcome === 'failure'))).toBe('success');
  expect(JSON.parse(listJob.outputs.matrix)).toHaveLength(3);
});

test('the rehearsal stands in for exactly the actions the workflow uses, and refuses an action or expression it does not know', async () => {
  const uses = Object.values((parse(workflowText) as Workflow).jobs).flatMap((job) => job.steps.flatMap((step) => step.uses ?? []));
  console.log(`stand-ins: ${Object.keys(standIns).join(', ')}`);
  expect(new Set(uses)).toEqual(new Set(Object.keys(standIns)));
  const unknown = await runJob({ jobs: { probe: { steps: [{ uses: 'actions/github-script@v7' }] } } }, 'probe', undefined, {});
  expect(unknown.steps[0]).toMatchObject({
    outcome: 'failure',
    output: expect.stringContaining('uses actions/github-script@v7, which the rehearsal has no stand-in for'),
  });
  const expression = (inner: string) => `\${{ ${inner} }}`;
  await expect(evaluateExpressions(expression('github.sha'), {})).rejects.toThrow(`does not know ${expression('github.sha')}`);
  await expect(evaluateExpressions(`x ${expression('success()')}`, {})).rejects.toThrow(`does not know ${expression('success()')}`);
});

test("a grade step without today's sudo and bubblewrap (the workflow as it was) fails on the runner with BCH_NO_SANDBOX", async () => {
  const workflow = parse(workflowText) as Workflow;
  const steps = workflow.jobs.grade.steps;
  const apt = steps.findIndex((s) => s.run?.includes('apt-get install'));
  expect(apt).toBeGreaterThan(0);
  steps.splice(apt, 1);
  const gradeStep = steps.find((s) => s.name === 'Grade')!;
  expect(gradeStep.run).toContain('sudo -E env "PATH=$PATH" npx bch grade');
  gradeStep.run = gradeStep.run!.replace('sudo -E env "PATH=$PATH" npx bch grade', 'npx bch grade');
  // Its own artifact name, so that the batch below uploads its own results-<id>.
  workflow.jobs.grade.steps = steps.filter((s) => s.uses !== 'actions/upload-artifact@v4');
  const [first] = JSON.parse(listJob.outputs.matrix) as { id: string; chunk: string }[];
  const record = await runJob(workflow, 'grade', first, { list: { outputs: listJob.outputs } });
  printJob(record);
  expect(record.conclusion).toBe('failure');
  const grade = record.steps.find((s) => s.label === 'Grade')!;
  expect([grade.exitCode, grade.output]).toEqual([3, expect.stringContaining('BCH_NO_SANDBOX')]);
  expect(grade.ms).toBeLessThan(60_000);
}, 300_000);

test('the batch: a grade job per submission, sandboxed, then the merge job merges and reports all three', async () => {
  const workflow = parse(workflowText) as Workflow;
  const needs = { list: { outputs: listJob.outputs } };
  const include = (await evaluateExpressions(workflow.jobs.grade.strategy!.matrix!.include!, { needs })) as { id: string; chunk: string }[];
  expect(include).toHaveLength(3);
  const { starterScore } = loadChallenge(challenge).manifest;
  const expected: Record<string, (score: number, status: string) => void> = {
    [include[0].id]: (score, status) => expect([score, status]).toEqual([100, 'pass']),
    [include[1].id]: (score) => {
      expect(score).toBeGreaterThanOrEqual(starterScore.min);
      expect(score).toBeLessThanOrEqual(starterScore.max);
    },
    // The archive holds the reference's files: it deserves the reference's grade.
    [include[2].id]: (score, status) => expect([score, status]).toEqual([100, 'pass']),
  };
  for (const entry of include) {
    const record = await runJob(workflow, 'grade', entry, needs);
    printJob(record);
    expect(record.conclusion, JSON.stringify(record.steps.filter((s) => s.outcome === 'failure'))).toBe('success');
    const uploaded = join(rehearsalDir, 'artifacts', `results-${entry.id}`);
    const index = JSON.parse(await readFile(join(uploaded, 'index.json'), 'utf8')) as { entries: { id: string }[] };
    expect(index.entries.map((e) => e.id)).toEqual([entry.id]);
    const results = JSON.parse(await readFile(join(uploaded, entry.id, 'results.json'), 'utf8'));
    expect(results.sandbox.mechanism, entry.id).toBe('bwrap');
    expect(results.provider, entry.id).toBe('containers');
    expected[entry.id](results.score, results.status);
  }
  const merge = await runJob(workflow, 'merge', undefined, { grade: { outputs: {} } });
  printJob(merge);
  expect(merge.conclusion, JSON.stringify(merge.steps.filter((s) => s.outcome === 'failure'))).toBe('success');
  const merged = JSON.parse(await readFile(join(rehearsalDir, 'artifacts/results/index.json'), 'utf8')) as { entries: { id: string }[] };
  expect(merged.entries.map((e) => e.id).sort()).toEqual(include.map((e) => e.id).sort());
  const html = await readFile(join(rehearsalDir, 'artifacts/report/report.html'), 'utf8');
  for (const { id } of include) {
    expect(html).toContain(id);
    expect(merge.summary).toContain(id);
  }
  await cp(join(rehearsalDir, 'artifacts/report/report.html'), join(tmpdir(), 'bch-github-runner-report.html'));
}, 900_000);

test('nothing is left: no container, no process, no tag the rehearsal added', async () => {
  const added = [...addedTags];
  await cleanUp();
  expect((await run('docker', ['ps', '-aq', '--filter', `label=${rehearsalLabel}`])).stdout.trim()).toBe('');
  expect(await labelledContainers()).toEqual(containersBefore);
  expect(await processesMarkedOrUnder('/rehearsal/origin', rehearsalDir)).toEqual([]);
  for (const tag of added)
    expect(
      await run('docker', ['image', 'inspect', tag]).then(
        () => tag,
        () => 'gone',
      ),
    ).toBe('gone');
  const standIns = JSON.parse(readFileSync(join(homedir(), '.cache/bch/images.json'), 'utf8')) as Record<string, string>;
  for (const image of Object.values(standIns)) await run('docker', ['image', 'inspect', image]);
});
