import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { RunResult } from '../grading/grade-result.ts';
import { sampleGrade } from './fixtures/sample-grade.ts';
import { MarkdownReporter } from './markdown-reporter.ts';

const run: RunResult = { grades: [sampleGrade(), sampleGrade({ submission: 'submissions/bob' })], servicesMs: 2000, durationMs: 30_000 };

describe('MarkdownReporter', () => {
  test('appends to $GITHUB_STEP_SUMMARY without overwriting earlier steps, and writes its file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bch-md-'));
    try {
      const summary = join(dir, 'step_summary.md');
      const file = join(dir, 'reports', 'summary.md');
      await writeFile(summary, '## Earlier step\n\n');
      await new MarkdownReporter({ file, env: { GITHUB_STEP_SUMMARY: summary } }).onRunEnd(run);
      const appended = await readFile(summary, 'utf8');
      expect(appended.startsWith('## Earlier step\n\n### LRU cache (`lru-cache`): 30/100 ERROR')).toBe(true);
      expect(appended.match(/^### LRU cache/gm)).toHaveLength(2);
      expect(appended).toContain('Submission `submissions/bob`');
      const written = await readFile(file, 'utf8');
      expect(written.startsWith('### LRU cache')).toBe(true);
      expect(written.match(/^### LRU cache/gm)).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('does nothing without a file or a step summary', async () => {
    await expect(new MarkdownReporter({ env: {} }).onRunEnd(run)).resolves.toBeUndefined();
  });
});
