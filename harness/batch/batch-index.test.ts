// The batch index: category subtotals, ids, the Markdown table, and reading back what was written.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { GradeResult } from '../grading/grade-result.ts';
import { indexEntryOf, readIndex, saveIndex } from './batch-index.ts';
import { folderHash } from './content-hash.ts';
import { submissionIds } from './submission-id.ts';

const check = (id: string, category: GradeResult['checks'][number]['category'], weight: number, score: number) => ({
  id,
  title: id,
  category,
  weight,
  score,
  state: score === weight ? ('passed' as const) : ('failed' as const),
  durationMs: 1,
});
const result: GradeResult = {
  challenge: { id: 'lru-cache', title: 'LRU' },
  submission: 'alice.tgz',
  suite: 'hidden',
  status: 'fail',
  score: 12,
  maxScore: 20,
  minScore: 0,
  meetsMinScore: true,
  provider: 'external',
  sandbox: { mechanism: 'none' },
  durationMs: 1500,
  phases: {},
  checks: [check('a', 'correctness', 5, 5), check('b', 'correctness', 5, 0), check('c', 'performance', 10, 7)],
};

test('an index row sums points per category', () => {
  expect(indexEntryOf(result, 'alice', 'h', 'v')).toMatchObject({
    id: 'alice',
    score: 12,
    maxScore: 20,
    status: 'fail',
    categories: { correctness: { score: 5, maxScore: 10 }, performance: { score: 7, maxScore: 10 } },
  });
});

test('ids are short, file-safe and unique', () => {
  expect(
    submissionIds(['in/alice.tgz', 'in/bob.zip', 'https://h/x/repo.git#v2', 'dir/carol/', 'other/alice.tar.gz', '../weird name']),
  ).toEqual(['alice', 'bob', 'repo@v2', 'carol', 'alice-2', 'weird_name']);
});

test("the index is written as JSON and Markdown and read back; another challenge's index starts afresh", async () => {
  const out = await mkdtemp(join(tmpdir(), 'bch-index-'));
  const index = await readIndex(out, 'lru-cache');
  await saveIndex(out, index, indexEntryOf(result, 'alice', 'h', 'v'));
  expect((await readIndex(out, 'lru-cache')).entries.map((e) => e.id)).toEqual(['alice']);
  expect((await readIndex(out, 'jwt-rbac')).entries).toEqual([]);
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(join(out, 'index.md'), 'utf8')).toContain('| [alice](alice/summary.md) | fail | 12/20 | 5/10 | 7/10 | 1.5 s |');
});

test('the content hash follows the files, not node_modules or .git', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bch-hash-'));
  await writeFile(join(dir, 'a.ts'), 'one');
  const before = await folderHash(dir);
  await mkdir(join(dir, 'node_modules/x'), { recursive: true });
  await writeFile(join(dir, 'node_modules/x/i.js'), '');
  expect(await folderHash(dir)).toBe(before);
  await writeFile(join(dir, 'a.ts'), 'two');
  expect(await folderHash(dir)).not.toBe(before);
});
