import { describe, expect, test } from 'vitest';
import { sampleGrade } from './fixtures/sample-grade.ts';
import { toJsonReport } from './json-report.ts';

describe('toJsonReport', () => {
  test('follows results.json v3 with the grade-level extensions', () => {
    const report = toJsonReport(sampleGrade());
    expect(report).toMatchObject({
      version: 3,
      status: 'error',
      score: 30,
      max_score: 100,
      min_score: 70,
      meets_min_score: false,
      duration_ms: 12_345,
      challenge: { id: 'lru-cache', title: 'LRU cache' },
      submission: 'submissions/alice',
      suite: 'hidden',
      provider: 'containers',
      phases_ms: { prepare: 2100, isolate: 40, start: 800, tests: 9400 },
    });
    expect(report).not.toHaveProperty('message');
    expect(report.code).toBe('BCH_INFRASTRUCTURE_ERROR');
  });

  test('gives the code of each test that did not pass when known, and none to a plain failure or a pass', () => {
    const tests = toJsonReport(sampleGrade()).tests;
    expect(tests.map((t) => t.code)).toEqual([undefined, undefined, 'BCH_CHECK_TIMEOUT', 'BCH_INFRASTRUCTURE_ERROR', undefined]);
    expect(tests[0]).not.toHaveProperty('code');
    expect(toJsonReport(sampleGrade({ status: 'fail', code: undefined }))).not.toHaveProperty('code');
  });

  test('maps check states: passed→pass, failed→fail, timeout→fail with timed_out, error→error', () => {
    const tests = toJsonReport(sampleGrade()).tests;
    expect(tests.map((t) => [t.id, t.status, t.timed_out])).toEqual([
      ['lru-recency-get', 'pass', false],
      ['lru-evict', 'fail', false],
      ['ttl-expiry', 'fail', true],
      ['redis-outage', 'error', false],
      ['throughput', 'fail', false],
    ]);
    expect(tests[0]).toEqual({
      name: 'get() refreshes recency',
      id: 'lru-recency-get',
      status: 'pass',
      category: 'correctness',
      score: 30,
      max_score: 30,
      duration_ms: 120,
      timed_out: false,
    });
    expect(tests[1].message).toBe('expected <b> & "c" to be evicted\nbut "a" was');
  });

  test('caps output at 500 characters, keeping the end without colour codes', () => {
    const output = toJsonReport(sampleGrade()).tests[1].output ?? '';
    expect(output.length).toBeLessThanOrEqual(500);
    expect(output.startsWith('[… earlier output truncated]\n')).toBe(true);
    expect(output.endsWith('log line 40: cache state dump xxxxxxxxxxxxxxxxxxxx\nFINAL LINE\n')).toBe(true);
    expect(output).not.toContain('\x1b');
    expect(output).not.toContain('log line 1:');
  });

  test('keeps a short output whole', () => {
    const grade = sampleGrade();
    grade.checks[1].output = 'boom\n';
    expect(toJsonReport(grade).tests[1].output).toBe('boom\n');
  });

  test('reports load figures and each rule beside the measured value', () => {
    expect(toJsonReport(sampleGrade()).tests[4].load).toEqual({
      duration_s: 10,
      metrics: { requests: 81234, rps: 8123.4, p50: 1.234, p90: 4.5, p99: 12.34, max: 48, errors: 3, non2xx: 0, hit_ratio: 0.92 },
      rules: [
        { rule: 'p99 < 100ms', measured: 12.34, passed: true },
        { rule: 'errors == 0', measured: 3, passed: false },
        { rule: 'rps > 5000', measured: 8123.4, passed: true },
      ],
    });
  });

  test('a rule with no measured figure has measured null; the grade message is kept', () => {
    const grade = sampleGrade({ message: 'the service never became ready' });
    grade.checks[4].load!.rules[0] = { rule: 'p99 < 100ms', metric: 'p99', measured: undefined, passed: false };
    const report = toJsonReport(grade);
    expect(report.message).toBe('the service never became ready');
    expect(report.tests[4].load?.rules[0].measured).toBeNull();
    expect(JSON.parse(JSON.stringify(report)).tests[4].load.rules[0]).toHaveProperty('measured', null);
  });
});

describe('toJsonReport context', () => {
  test('adds harness and challenge version, start date and the error kind, all optional', () => {
    const report = toJsonReport(sampleGrade({ errorKind: 'challenge' }), {
      harnessVersion: '1.2.3',
      challengeVersion: 'abc123def456',
      gradedAt: new Date('2026-11-29T10:00:00Z'),
    });
    expect(report).toMatchObject({
      harness_version: '1.2.3',
      graded_at: '2026-11-29T10:00:00.000Z',
      error_kind: 'challenge',
      challenge: { version: 'abc123def456' },
    });
    const plain = toJsonReport(sampleGrade({ status: 'pass' }));
    expect(plain).not.toHaveProperty('harness_version');
    expect(plain).not.toHaveProperty('graded_at');
    expect(plain).not.toHaveProperty('error_kind');
    expect(plain.challenge).toEqual({ id: 'lru-cache', title: 'LRU cache' });
  });
});
