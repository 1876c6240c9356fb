import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { IndexEntry } from './batch-index.ts';
import { mergeResults } from './merge-results.ts';

const root = await mkdtemp(join(tmpdir(), 'bch-merge-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const entry = (id: string, submission: string, contentHash: string, gradedAt: string): IndexEntry => ({
  id,
  submission,
  contentHash,
  challengeVersion: 'v1',
  status: 'pass',
  score: 100,
  maxScore: 100,
  categories: {},
  durationMs: 1000,
  gradedAt,
});

/** A results folder as one runner of the workflow writes it. */
async function runnerFolder(name: string, entries: IndexEntry[]): Promise<string> {
  const dir = join(root, name);
  for (const e of entries) {
    await mkdir(join(dir, e.id), { recursive: true });
    await writeFile(join(dir, e.id, 'results.json'), JSON.stringify({ submission: e.submission }));
  }
  await writeFile(join(dir, 'index.json'), JSON.stringify({ version: 1, challenge: 'lru-cache', entries }));
  return dir;
}

test('two candidates who both sent submission.zip keep both rows when their ids differ', async () => {
  const a = await runnerFolder('a', [entry('submission', 'alice/submission.zip', 'h1', '2026-12-07T10:00:00Z')]);
  const b = await runnerFolder('b', [entry('submission-2', 'bob/submission.zip', 'h2', '2026-12-07T10:01:00Z')]);
  const merged = await mergeResults([a, b], join(root, 'merged-ok'));
  expect(merged.entries.map((e) => [e.id, e.submission])).toEqual([
    ['submission', 'alice/submission.zip'],
    ['submission-2', 'bob/submission.zip'],
  ]);
});

test('two different submissions under one id fail the merge, naming both folders', async () => {
  const a = await runnerFolder('c', [entry('submission', 'alice/submission.zip', 'h1', '2026-12-07T10:00:00Z')]);
  const b = await runnerFolder('d', [entry('submission', 'bob/submission.zip', 'h2', '2026-12-07T10:01:00Z')]);
  await expect(mergeResults([a, b], join(root, 'merged-clash'))).rejects.toThrow(
    expect.objectContaining({
      code: 'BCH_DUPLICATE_ID',
      message: expect.stringMatching(/c\/submission \(alice\/submission\.zip\) and .*d\/submission \(bob\/submission\.zip\)/),
    }),
  );
});

test('the same submission graded twice (a re-run) is one row, the newest', async () => {
  const a = await runnerFolder('e', [entry('alice', 'alice.zip', 'h1', '2026-12-07T10:00:00Z')]);
  const b = await runnerFolder('f', [{ ...entry('alice', 'alice.zip', 'h1', '2026-12-07T11:00:00Z'), score: 90 }]);
  const merged = await mergeResults([a, b], join(root, 'merged-rerun'));
  expect(merged.entries.map((e) => [e.id, e.score])).toEqual([['alice', 90]]);
  expect(JSON.parse(await readFile(join(root, 'merged-rerun', 'alice', 'results.json'), 'utf8'))).toEqual({ submission: 'alice.zip' });
});
