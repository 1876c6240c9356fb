import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sampleGrade } from './fixtures/sample-grade.ts';
import { JsonReporter } from './json-reporter.ts';

describe('JsonReporter', () => {
  test('writes one object for one submission, creating the folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bch-json-'));
    try {
      const file = join(dir, 'nested', 'deeper', 'results.json');
      await new JsonReporter(file).onRunEnd({ grades: [sampleGrade()], servicesMs: 2000, durationMs: 15_000 });
      const written = JSON.parse(await readFile(file, 'utf8'));
      expect(Array.isArray(written)).toBe(false);
      expect(written).toMatchObject({ version: 3, status: 'error', score: 30 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('writes an array for several submissions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bch-json-'));
    try {
      const file = join(dir, 'results.json');
      const grades = [sampleGrade(), sampleGrade({ submission: 'submissions/bob', status: 'pass', score: 100, meetsMinScore: true })];
      await new JsonReporter(file).onRunEnd({ grades, servicesMs: 2000, durationMs: 30_000 });
      const written = JSON.parse(await readFile(file, 'utf8'));
      expect(written.map((r: { submission: string; status: string }) => [r.submission, r.status])).toEqual([
        ['submissions/alice', 'error'],
        ['submissions/bob', 'pass'],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
