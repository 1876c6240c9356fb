// The interviewer's grading workflow: written by `bch ci github`, valid for GitHub's schema, and each of its
// steps is a `bch` command run here too (matrix, results merge; `grade --out` in batch.test.ts).
import { validateWorkflow } from '@action-validator/core';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import { indexEntryOf, readIndex, saveIndex } from '../harness/batch/batch-index.ts';
import type { GradeResult } from '../harness/grading/grade-result.ts';
import { externalFlags, runBch } from './support/run-bch.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bch-ci-'));
});

type Step = { name?: string; run?: string; uses?: string; env?: Record<string, string> };
type Workflow = { on: Record<string, { inputs?: Record<string, unknown> }>; jobs: Record<string, { steps: Step[] }> };

test("bch ci github writes the two workflows, valid for GitHub's schema (and the validator catches a broken one)", async () => {
  const out = join(dir, 'workflows');
  const run = await runBch(['ci', 'github', '--challenge', 'lru-cache', '--dir', out, '--min-score', '60', '--max-jobs', '100'], {
    json: false,
  });
  expect(run.exitCode, run.stderr).toBe(0);
  expect(run.stdout).toContain('SUBMISSIONS_TOKEN');
  const one = await readFile(join(out, 'grade.yml'), 'utf8');
  const list = await readFile(join(out, 'grade-list.yml'), 'utf8');
  for (const text of [one, list]) {
    expect(validateWorkflow(text).errors).toEqual([]);
    expect(text).toMatch(
      /^# Written by `bch ci github`\..*\n# Needs: .*\n# repositories on GitHub, the repository secret SUBMISSIONS_TOKEN/,
    );
  }
  expect(validateWorkflow(list.replace('runs-on:', 'runs_on:')).errors.length).toBeGreaterThan(0);
  const runs = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run).filter(Boolean));
  const uses = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.uses).filter(Boolean));
  const single = parse(one) as Workflow;
  expect(Object.keys(single.on.workflow_dispatch.inputs ?? {})).toEqual(['repository', 'ref', 'challenge']);
  expect(single.on.workflow_dispatch.inputs?.challenge).toMatchObject({
    type: 'choice',
    default: 'lru-cache',
    options: expect.arrayContaining(['jwt-rbac', 'lru-cache']),
  });
  expect(runs(single)).toEqual(
    expect.arrayContaining([
      'npx bch ci images "$CHALLENGE" --dir ~/.cache/bch-images',
      'sudo apt-get update -qq && sudo apt-get install -y -qq bubblewrap passt',
      expect.stringContaining('sudo -E env "PATH=$PATH" npx bch grade "$CHALLENGE" "$submission" --out results --quick --min-score 60'),
      'npx bch report results --html report/report.html && cat results/index.md >> "$GITHUB_STEP_SUMMARY"',
    ]),
  );
  const batch = parse(list) as Workflow;
  expect(runs(batch)).toEqual(
    expect.arrayContaining([
      'npx bch ci matrix --list submissions.txt --max-jobs 100',
      expect.stringContaining(
        'sudo -E env "PATH=$PATH" npx bch grade "$CHALLENGE" --list submissions.txt --chunk "$CHUNK" --out "results/$ID" --quick --min-score 60',
      ),
      'npx bch results merge artifacts/* --out merged',
      'npx bch report merged --html report/report.html && cat merged/index.md >> "$GITHUB_STEP_SUMMARY"',
    ]),
  );
  for (const workflow of [single, batch])
    expect(new Set(uses(workflow))).toEqual(
      new Set([
        'actions/checkout@v4',
        'actions/setup-node@v4',
        'actions/cache@v4',
        'actions/upload-artifact@v4',
        ...(workflow === batch ? ['actions/download-artifact@v4'] : []),
      ]),
    );
  expect((await runBch(['ci', 'github', '--challenge', 'nope', '--dir', out], { json: false })).exitCode).toBe(2);
  expect((await runBch(['ci', 'github', '--challenge', 'lru-cache', '--dir', out, '--max-jobs', '300'], { json: false })).exitCode).toBe(2);
});

/** Runs the Grade step of grade.yml in bash, with `sudo` and `npx` standing in: what would bch be run with? */
async function runGradeStep(env: Record<string, string>): Promise<{ stdout: string; argv: string[]; git: string[] }> {
  const out = join(dir, 'workflows-for-steps');
  await runBch(['ci', 'github', '--challenge', 'lru-cache', '--dir', out], { json: false });
  const step = (parse(await readFile(join(out, 'grade.yml'), 'utf8')) as Workflow).jobs.grade.steps.find((s) => s.name === 'Grade')!;
  const bin = await mkdtemp(join(tmpdir(), 'bch-step-bin-'));
  const record = join(bin, 'record');
  // sudo -E env "PATH=$PATH" npx … : the stand-in drops -E and runs the rest; npx records its arguments and git's settings.
  await writeFile(join(bin, 'sudo'), '#!/bin/bash\n[ "$1" = -E ] && shift\nexec "$@"\n', { mode: 0o755 });
  await writeFile(
    join(bin, 'npx'),
    `#!/bin/bash\nprintf '%s\\n' "$@" > ${record}.argv\nenv | grep '^GIT_CONFIG_' | sort > ${record}.git\n`,
    { mode: 0o755 },
  );
  const cwd = await mkdtemp(join(tmpdir(), 'bch-step-repo-'));
  await mkdir(join(cwd, 'submissions'));
  await writeFile(join(cwd, 'submissions/bob.tgz'), '');
  const result = spawnSync('bash', ['-e', '-c', step.run!], {
    cwd,
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/bin:/bin`, CHALLENGE: 'lru-cache', SUBMISSIONS_TOKEN: '', REF: '', ...env },
  });
  expect(result.status, result.stderr).toBe(0);
  const lines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  return { stdout: result.stdout, argv: await lines(`${record}.argv`), git: await lines(`${record}.git`) };
}

test('the grade step of grade.yml: owner/name is a GitHub repository, the ref follows #, and a token becomes a masked header', async () => {
  const github = await runGradeStep({ REPOSITORY: 'alice/cache', REF: 'submitted' });
  expect(github.argv.slice(0, 4)).toEqual(['bch', 'grade', 'lru-cache', 'https://github.com/alice/cache.git#submitted']);
  expect(github.git).toEqual([]);
  expect((await runGradeStep({ REPOSITORY: 'https://git.example/bob/cache.git' })).argv[3]).toBe('https://git.example/bob/cache.git');
  // A path of this repository that looks like owner/name stays a path.
  expect((await runGradeStep({ REPOSITORY: 'submissions/bob.tgz' })).argv[3]).toBe('submissions/bob.tgz');
  const token = 'github_pat_0123456789';
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  const private_ = await runGradeStep({ REPOSITORY: 'alice/cache', SUBMISSIONS_TOKEN: token });
  expect(private_.stdout).toContain(`::add-mask::${basic}`);
  expect(private_.git).toEqual([
    'GIT_CONFIG_COUNT=1',
    'GIT_CONFIG_KEY_0=http.https://github.com/.extraheader',
    `GIT_CONFIG_VALUE_0=AUTHORIZATION: basic ${basic}`,
  ]);
  expect(private_.argv.join(' ')).not.toContain(token);
});

test('bch ci matrix: a job per submission while they fit, else at most --max-jobs parts; comments and blanks skipped; into $GITHUB_OUTPUT', async () => {
  const list = join(dir, 'submissions.txt');
  await writeFile(list, '# candidates of March\nhttps://git.example/alice/cache.git#submitted\n\nsubmissions/bob.tgz\n');
  const output = join(dir, 'github-output');
  await writeFile(output, '');
  const run = await runBch(['ci', 'matrix', '--list', list], { json: false, env: { GITHUB_OUTPUT: output } });
  expect(run.exitCode, run.stderr).toBe(0);
  const expected = 'matrix=[{"id":"cache@submitted","chunk":"1/2"},{"id":"bob","chunk":"2/2"}]\n';
  expect(run.stdout).toBe(expected);
  expect(await readFile(output, 'utf8')).toBe(expected);
  const long = join(dir, 'long.txt');
  await writeFile(long, Array.from({ length: 300 }, (_, i) => `submissions/c${i}.tgz`).join('\n'));
  const parts = JSON.parse((await runBch(['ci', 'matrix', '--list', long], { json: false })).stdout.replace(/^matrix=/, '')) as {
    id: string;
    chunk: string;
  }[];
  expect(parts).toHaveLength(256);
  expect(parts[0]).toEqual({ id: 'part-1-of-256', chunk: '1/256' });
  const empty = await runBch(['ci', 'matrix', '--list', join(dir, 'missing.txt')], { json: false });
  expect([empty.exitCode, empty.stderr]).toEqual([2, expect.stringContaining('cannot be read')]);
});

test("bch results merge: one index over the runners' folders, per-submission files copied", async () => {
  const grade = (submission: string, score: number): GradeResult => ({
    challenge: { id: 'lru-cache', title: 'LRU' },
    submission,
    suite: 'hidden',
    status: score === 10 ? 'pass' : 'fail',
    score,
    maxScore: 10,
    minScore: 0,
    meetsMinScore: true,
    provider: 'external',
    sandbox: { mechanism: 'none' },
    durationMs: 1000,
    phases: {},
    checks: [{ id: 'a', title: 'a', category: 'correctness', weight: 10, score, state: score === 10 ? 'passed' : 'failed', durationMs: 1 }],
  });
  for (const [runner, id, score] of [
    ['r1', 'alice', 10],
    ['r2', 'bob', 4],
  ] as const) {
    const out = join(dir, 'artifacts', runner);
    await mkdir(join(out, id), { recursive: true });
    await writeFile(join(out, id, 'summary.md'), `# ${id}\n`);
    await saveIndex(out, await readIndex(out, 'lru-cache'), indexEntryOf(grade(id, score), id, 'h', 'v'));
  }
  const merged = join(dir, 'merged');
  const run = await runBch(['results', 'merge', join(dir, 'artifacts/r1'), join(dir, 'artifacts/r2'), '--out', merged], { json: false });
  expect(run.exitCode, run.stderr).toBe(0);
  expect((await readIndex(merged, 'lru-cache')).entries.map((e) => [e.id, e.score, e.categories.correctness.score])).toEqual([
    ['alice', 10, 10],
    ['bob', 4, 4],
  ]);
  expect(await readFile(join(merged, 'bob/summary.md'), 'utf8')).toBe('# bob\n');
  expect(await readFile(join(merged, 'index.md'), 'utf8')).toContain('| [bob](bob/summary.md) | fail | 4/10 | 4/10 |');
});

test('two candidates who both sent submission.zip, and a third with the same bytes as the first: the matrix ids survive grade, merge and report, and the copy is graded once', async () => {
  const root = join(dir, 'same-name');
  for (const [name, bytes] of [
    ['alice/submission.zip', 'not a zip: alice'],
    ['bob/submission.zip', 'not a zip: bob'],
    ['carol/copy.zip', 'not a zip: alice'],
  ] as const) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), bytes);
  }
  const list = join(root, 'submissions.txt');
  await writeFile(list, ['alice/submission.zip', 'bob/submission.zip', 'carol/copy.zip'].map((p) => join(root, p)).join('\n'));
  const matrixRun = await runBch(['ci', 'matrix', '--list', list], { json: false });
  const matrix = JSON.parse(matrixRun.stdout.replace(/^matrix=/, '')) as { id: string; chunk: string }[];
  expect(matrix.map((m) => m.id)).toEqual(['submission', 'submission-2', 'copy']);
  // One runner per matrix entry, as the list workflow's grade job does.
  for (const { chunk, id } of matrix) {
    const run = await runBch(
      ['grade', 'lru-cache', '--list', list, '--chunk', chunk, '--out', join(root, 'artifacts', id), ...externalFlags],
      {
        json: false,
      },
    );
    expect(run.exitCode, run.stderr).toBe(0);
    expect((await readIndex(join(root, 'artifacts', id), 'lru-cache')).entries.map((e) => e.id)).toEqual([id]);
  }
  const merged = join(root, 'merged');
  const merge = await runBch(['results', 'merge', ...matrix.map((m) => join(root, 'artifacts', m.id)), '--out', merged], { json: false });
  expect(merge.stdout).toContain('merged 3 folder(s): 3 submission(s)');
  expect((await readIndex(merged, 'lru-cache')).entries.map((e) => e.id)).toEqual(['copy', 'submission', 'submission-2']);
  // The report reads the merged folder; every results.json says when, by which harness and on what machine.
  const html = join(root, 'report.html');
  const report = await runBch(['report', merged, '--html', html], { json: false });
  expect(report.exitCode, report.stderr).toBe(0);
  for (const id of ['submission', 'submission-2', 'copy']) {
    const results = JSON.parse(await readFile(join(merged, id, 'results.json'), 'utf8'));
    expect(results, id).toMatchObject({
      graded_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      harness_version: expect.any(String),
      harness_commit: expect.stringMatching(/^[0-9a-f]{40}/),
      challenge: { version: expect.any(String) },
      machine: { cores: expect.any(Number), load_average: expect.any(Array), node: process.version },
    });
  }
  // In one batch, the copy of alice's bytes is not graded again: it is reported as identical to hers.
  const batch = join(root, 'one-batch');
  const together = await runBch(['grade', 'lru-cache', '--list', list, '--out', batch, ...externalFlags], {
    json: false,
  });
  expect(together.stdout).toContain('copy has the same content as submission: graded once');
  const index = await readIndex(batch, 'lru-cache');
  expect(index.entries.find((e) => e.id === 'copy')).toMatchObject({ identicalTo: 'submission', score: 0 });
  expect(JSON.parse(await readFile(join(batch, 'copy', 'results.json'), 'utf8'))).toMatchObject({ identical_to: 'submission' });
  expect(together.stdout.match(/^\[\d of 2\] grading /gm)).toHaveLength(2);
});

test("bch ci images: the challenge's service images archived in the cache folder once, then left alone", async () => {
  const cache = join(dir, 'images');
  const first = await runBch(['ci', 'images', 'lru-cache', '--dir', cache], { json: false });
  expect(first.exitCode, first.stderr).toBe(0);
  expect(first.stdout).toMatch(/redis\S*: (archived|pulled)\n/);
  const archives = await readdir(cache);
  expect(archives).toEqual([expect.stringMatching(/redis.*\.tar$/)]);
  expect((await stat(join(cache, archives[0]))).size).toBeGreaterThan(1_000_000);
  const again = await runBch(['ci', 'images', 'lru-cache', '--dir', cache], { json: false });
  expect(again.stdout).toMatch(/redis\S*: already here and archived\n/);
  await rm(cache, { recursive: true });
});
