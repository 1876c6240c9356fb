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
import { runBch } from './support/run-bch.ts';

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
      'npx bch grade lru-cache "$SUBMISSION" --out "results/$ID" --quick --min-score 60',
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
