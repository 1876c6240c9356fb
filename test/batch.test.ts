// A batch as an interviewer runs it: six submissions (the reference, the starter, two known-bad variants, a
// corrupt archive, a service that crashes), one index with correct subtotals, files per submission, and a
// second run that resumes instead of grading again. Graded on the checks that wait on no clock
// (test/support/untimed-checks.ts): the batch's bookkeeping is the point, and both variants' lost checks are among them.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { BatchIndex } from '../harness/batch/batch-index.ts';
import { loadChallenge } from '../harness/challenge-spec/load-challenge.ts';
import { externalFlags, runBch, type BchRun } from './support/run-bch.ts';
import { untimedChecks, untimedMaxScore } from './support/untimed-checks.ts';
import { materializeVariants, repoRoot, type Variant } from './support/variants.ts';

const manifest = loadChallenge('lru-cache').manifest;
const weightOf = (id: string) => manifest.checks.find((c) => c.id === id)!.weight;

describe('a batch of six', () => {
  let out: string;
  let first: BchRun;
  let firstMs: number;
  let variants: Variant[];
  let submissions: string[];
  const readIndexFile = async () => JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as BatchIndex;

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'bch-batch-'));
    out = join(root, 'results');
    variants = (await materializeVariants('lru-cache')).filter((v) => ['get-no-refresh', 'caches-404'].includes(v.id));
    await writeFile(join(root, 'corrupt.tgz'), Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(200, 0x5a)]));
    submissions = [
      join(repoRoot, 'solutions/lru-cache'),
      join(repoRoot, 'challenges/lru-cache/starter'),
      ...variants.map((v) => v.dir),
      join(root, 'corrupt.tgz'),
      join(repoRoot, 'test/fixtures/submissions/crash-on-request'),
    ];
    const started = Date.now();
    first = await runBch(['grade', 'lru-cache', ...submissions, ...externalFlags, '--quick', '--checks', untimedChecks, '--out', out], {
      env: { CI: 'true' },
      timeoutMs: 15 * 60_000,
    });
    firstMs = Date.now() - started;
  });

  test('one index over all six, with the right scores and category subtotals', async () => {
    expect(first.exitCode, first.stderr.slice(-2000)).toBe(0);
    const index = await readIndexFile();
    const byId = Object.fromEntries(index.entries.map((e) => [e.id, e]));
    expect(Object.keys(byId).sort()).toEqual(['corrupt', 'crash-on-request', 'lru-cache', 'starter', ...variants.map((v) => v.id)].sort());
    expect([byId['lru-cache'].status, byId['lru-cache'].score, byId['lru-cache'].maxScore]).toEqual([
      'pass',
      untimedMaxScore,
      untimedMaxScore,
    ]);
    expect(byId.starter.score).toBeLessThanOrEqual(manifest.starterScore?.max ?? 10);
    for (const variant of variants)
      expect(untimedChecks.split(','), `${variant.id} loses only graded checks`).toEqual(expect.arrayContaining(variant.loses));
    for (const variant of variants)
      expect(byId[variant.id].score, variant.id).toBe(untimedMaxScore - variant.loses.reduce((sum, id) => sum + weightOf(id), 0));
    expect(byId['get-no-refresh'].categories.correctness).toEqual({
      score: byId['lru-cache'].categories.correctness.score - weightOf('lru-recency-get'),
      maxScore: byId['lru-cache'].categories.correctness.maxScore,
    });
    for (const entry of index.entries)
      expect(
        Object.values(entry.categories).reduce((sum, c) => sum + c.score, 0),
        entry.id,
      ).toBe(entry.score);
    expect([byId.corrupt.status, byId.corrupt.score, byId.corrupt.message]).toEqual([
      'fail',
      0,
      expect.stringContaining('the archive is corrupt or not a tar archive'),
    ]);
    expect([byId['crash-on-request'].status, byId['crash-on-request'].score]).toEqual(['fail', 0]);
    const markdown = await readFile(join(out, 'index.md'), 'utf8');
    expect(markdown).toContain(`| [lru-cache](lru-cache/summary.md) | pass | ${untimedMaxScore}/${untimedMaxScore} |`);
    console.log(
      `batch of 6: ${(firstMs / 1000).toFixed(1)} s wall, grades ${(index.entries.reduce((sum, e) => sum + e.durationMs, 0) / 1000).toFixed(1)} s summed`,
    );
  });

  test('per submission: results.json, junit.xml, summary.md and the service output', async () => {
    for (const id of ['lru-cache', 'corrupt', 'crash-on-request']) {
      for (const file of ['results.json', 'junit.xml', 'summary.md']) expect(existsSync(join(out, id, file)), `${id}/${file}`).toBe(true);
    }
    const logs = await readdir(join(out, 'crash-on-request/logs'));
    const texts = await Promise.all(logs.map((log) => readFile(join(out, 'crash-on-request/logs', log), 'utf8')));
    expect(
      texts.some((text) => text.includes('boom on the first request')),
      logs.join(', '),
    ).toBe(true);
  });

  test('progress is plain lines with n of m, elapsed time and the time left', () => {
    expect(first.stdout).toMatch(/^\[1 of 6\] grading .*lru-cache$/m);
    expect(first.stdout).toMatch(new RegExp(`^\\[6 of 6\\] .*crash-on-request: fail 0/${untimedMaxScore} in .*; elapsed .*$`, 'm'));
    expect(first.stdout).toMatch(new RegExp(`^\\[2 of 6\\] .*: \\w+ \\d+/${untimedMaxScore} in .*; elapsed .*, about .* left$`, 'm'));
    const progress = first.stdout.split('\n').filter((line) => line.includes(' of 6] '));
    expect(progress).toHaveLength(12);
    for (const line of progress) expect(line, 'no colour codes in CI').toMatch(/^\[\d of 6\] [^\u001b]*$/);
  });

  test('a second run resumes: only the changed submission is graded again', async () => {
    const before = await readIndexFile();
    await writeFile(submissions[4], Buffer.from('still not an archive'));
    const second = await runBch(
      ['grade', 'lru-cache', ...submissions, ...externalFlags, '--quick', '--checks', untimedChecks, '--out', out],
      { timeoutMs: 5 * 60_000 },
    );
    expect(second.exitCode, second.stderr.slice(-2000)).toBe(0);
    expect(second.stdout).toContain('skipping 5 of 6 submission(s) already graded');
    const after = await readIndexFile();
    const changed = after.entries.filter((e) => before.entries.find((b) => b.id === e.id)?.gradedAt !== e.gradedAt).map((e) => e.id);
    expect(changed).toEqual(['corrupt']);
    expect(after.entries.find((e) => e.id === 'corrupt')?.message).toContain('is not a tar, tar.gz or zip archive');
  });
});
