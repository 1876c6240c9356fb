// The interviewer's grading workflow: written by `bch ci github`, valid for GitHub's schema, and each of its
// steps is a `bch` command run here too (matrix, results merge; `grade --out` in batch.test.ts).
import { validateWorkflow } from '@action-validator/core';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
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

test("bch ci github writes a workflow that passes GitHub's schema, and the validator catches a broken one", async () => {
  const file = join(dir, '.github/workflows/grade.yml');
  const run = await runBch(['ci', 'github', '--challenge', 'lru-cache', '--out', file, '--min-score', '60'], { json: false });
  expect(run.exitCode, run.stderr).toBe(0);
  const text = await readFile(file, 'utf8');
  expect(validateWorkflow(text).errors).toEqual([]);
  expect(validateWorkflow(text.replace('runs-on:', 'runs_on:')).errors.length).toBeGreaterThan(0);
  const workflow = parse(text) as { on: Record<string, unknown>; jobs: Record<string, { steps: { run?: string; uses?: string }[] }> };
  expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run).filter(Boolean));
  expect(runs).toEqual(
    expect.arrayContaining([
      'npx bch ci matrix --list submissions.txt --submission "$SUBMISSION"',
      'sudo apt-get update -qq && sudo apt-get install -y -qq bubblewrap passt',
      'sudo -E env "PATH=$PATH" npx bch grade lru-cache "$SUBMISSION" --out "results/$ID" --id "$ID" --quick --min-score 60',
      'npx bch results merge artifacts/* --out merged && cat merged/index.md >> "$GITHUB_STEP_SUMMARY"',
    ]),
  );
  expect(workflow.jobs.grade.steps.map((s) => s.uses).filter(Boolean)).toEqual([
    'actions/checkout@v4',
    'actions/setup-node@v4',
    'actions/upload-artifact@v4',
  ]);
  expect((await runBch(['ci', 'github', '--challenge', 'nope', '--out', file], { json: false })).exitCode).toBe(2);
});

test('bch ci matrix: the list (comments and blanks skipped) or the dispatched submission, into $GITHUB_OUTPUT', async () => {
  const list = join(dir, 'submissions.txt');
  await writeFile(list, '# candidates of March\nhttps://git.example/alice/cache.git#submitted\n\nsubmissions/bob.tgz\n');
  const output = join(dir, 'github-output');
  await writeFile(output, '');
  const run = await runBch(['ci', 'matrix', '--list', list, '--submission', ''], { json: false, env: { GITHUB_OUTPUT: output } });
  expect(run.exitCode, run.stderr).toBe(0);
  const expected =
    'submissions=[{"submission":"https://git.example/alice/cache.git#submitted","id":"cache@submitted"},{"submission":"submissions/bob.tgz","id":"bob"}]\n';
  expect(run.stdout).toBe(expected);
  expect(await readFile(output, 'utf8')).toBe(expected);
  expect((await runBch(['ci', 'matrix', '--list', list, '--submission', 'x.zip'], { json: false })).stdout).toBe(
    'submissions=[{"submission":"x.zip","id":"x"}]\n',
  );
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
  const matrix = JSON.parse(matrixRun.stdout.replace(/^submissions=/, '')) as { submission: string; id: string }[];
  expect(matrix.map((m) => m.id)).toEqual(['submission', 'submission-2', 'copy']);
  // One runner per matrix entry, as the workflow's grade job does.
  for (const { submission, id } of matrix) {
    const run = await runBch(['grade', 'lru-cache', submission, '--out', join(root, 'artifacts', id), '--id', id, ...externalFlags], {
      json: false,
    });
    expect(run.exitCode, run.stderr).toBe(0);
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
  const together = await runBch(['grade', 'lru-cache', ...matrix.map((m) => m.submission), '--out', batch, ...externalFlags], {
    json: false,
  });
  expect(together.stdout).toContain('copy has the same content as submission: graded once');
  const index = await readIndex(batch, 'lru-cache');
  expect(index.entries.find((e) => e.id === 'copy')).toMatchObject({ identicalTo: 'submission', score: 0 });
  expect(JSON.parse(await readFile(join(batch, 'copy', 'results.json'), 'utf8'))).toMatchObject({ identical_to: 'submission' });
  expect(together.stdout.match(/^\[\d of 2\] grading /gm)).toHaveLength(2);
});
