import { describe, expect, test } from 'vitest';
import { sampleGrade } from '../reporters/fixtures/sample-grade.ts';
import { toJsonReport } from '../reporters/json-report.ts';
import { candidateReport, categorySubtotals, statusMeaning } from './candidate-report.ts';
import { sampleResults } from './fixtures/sample-results.ts';
import { gradeResultsSchema } from '../reporters/json-report-schema.ts';

describe('candidateReport', () => {
  test('sums points per category in the usual order, unknown categories last', () => {
    expect(
      categorySubtotals([
        { category: 'performance', score: 0, max: 9 },
        { category: 'style', score: 1, max: 1 },
        { category: 'correctness', score: 7, max: 7 },
        { category: 'correctness', score: 0, max: 5 },
        { category: 'performance', score: 8, max: 8 },
      ]),
    ).toEqual([
      { category: 'correctness', score: 7, max: 12 },
      { category: 'performance', score: 8, max: 17 },
      { category: 'style', score: 1, max: 1 },
    ]);
  });

  test('maps a grade: outcomes, subtotals, phases in order, and the untrusted status', () => {
    const report = candidateReport(sampleResults(), 0);
    expect(report.key).toBe('c1');
    expect(report.checks.map((c) => c.outcome)).toEqual(['passed', 'failed', 'timeout', 'error', 'failed']);
    expect(report.subtotals).toEqual([
      { category: 'correctness', score: 30, max: 50 },
      { category: 'resilience', score: 0, max: 20 },
      { category: 'performance', score: 0, max: 30 },
    ]);
    expect(report.meta.phases.map((p) => p.name)).toEqual(['prepare', 'isolate', 'start', 'tests']);
    expect(report.trusted).toBe(false);
    expect(report.statusMeaning).toMatch(/^Do not trust this score: the environment broke/);
  });

  test('says what each status means, naming the culprit of an error', () => {
    expect(statusMeaning({ status: 'pass' })).toBe('Every check passed.');
    expect(statusMeaning({ status: 'fail' })).toMatch(/failed or timed out/);
    expect(statusMeaning({ status: 'error', error_kind: 'challenge' })).toMatch(/the challenge itself is broken/);
  });

  test('reads a sandbox written as a word or as an object, and omits it when absent', () => {
    const raw = JSON.parse(JSON.stringify(toJsonReport(sampleGrade())));
    expect(candidateReport(gradeResultsSchema.parse({ ...raw, sandbox: { mechanism: 'bwrap', network: false } }), 0).meta.sandbox).toBe(
      'bwrap',
    );
    const limited = { mechanism: 'bwrap', memory_bytes: 1024 ** 3, tasks: 256, disk_bytes: 1.5 * 1024 ** 2 };
    expect(candidateReport(gradeResultsSchema.parse({ ...raw, sandbox: limited }), 0).meta.sandbox).toBe(
      'bwrap (memory 1 GiB, 256 tasks, disk 1.5 MiB)',
    );
    expect(candidateReport(gradeResultsSchema.parse({ ...raw, sandbox: { mechanism: 'none' } }), 0).meta.sandbox).toBe(
      "none: candidate code ran with the grader's rights",
    );
    expect(candidateReport(gradeResultsSchema.parse({ ...raw, sandbox: 'none' }), 0).meta.sandbox).toBe('none');
    const { sandbox: _sandbox, ...old } = raw;
    expect(candidateReport(gradeResultsSchema.parse(old), 0).meta).not.toHaveProperty('sandbox');
  });

  test('strips terminal escapes, control characters and bidi overrides from candidate text', () => {
    const report = candidateReport(sampleResults({ submission: 'evil\x1b[31m\u202e name\x07' }), 0);
    expect(report.name).toBe('evil name');
    expect(report.checks[1].output).not.toMatch(/\x1b/);
  });
});
