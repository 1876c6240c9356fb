import { convert, create } from 'xmlbuilder2';
import { describe, expect, test } from 'vitest';
import type { RunResult } from '../grading/grade-result.ts';
import { sampleGrade } from './fixtures/sample-grade.ts';
import { toJunitReport } from './junit-report.ts';

const run = (grades = [sampleGrade()]): RunResult => ({ grades, servicesMs: 2100, durationMs: 14_500 });

/** The elements named `name` anywhere under a DOM node. */
function elements(xml: string, name: string): Element[] {
  const doc = create(xml).node as unknown as Document;
  return Array.from(doc.getElementsByTagName(name));
}

describe('toJunitReport', () => {
  test('counts tests, failures (failed + timeout) and errors on <testsuites> and <testsuite>', () => {
    const xml = toJunitReport(run());
    const [suites] = elements(xml, 'testsuites');
    expect(['name', 'tests', 'failures', 'errors', 'time'].map((a) => suites.getAttribute(a))).toEqual(['bch', '5', '3', '1', '14.500']);
    const [suite] = elements(xml, 'testsuite');
    expect(['name', 'tests', 'failures', 'errors', 'time'].map((a) => suite.getAttribute(a))).toEqual([
      'lru-cache: submissions/alice',
      '5',
      '3',
      '1',
      '12.345',
    ]);
    expect(elements(xml, 'failure').map((f) => f.getAttribute('type'))).toEqual(['failed', 'BCH_CHECK_TIMEOUT', 'failed']);
    expect(elements(xml, 'error').map((f) => f.getAttribute('type'))).toEqual(['BCH_INFRASTRUCTURE_ERROR']);
  });

  test('names test cases <challenge>.<category> and "<id>: <title>", with times in seconds', () => {
    const cases = elements(toJunitReport(run()), 'testcase');
    expect(cases.map((c) => [c.getAttribute('classname'), c.getAttribute('name'), c.getAttribute('time')])).toEqual([
      ['lru-cache.correctness', 'lru-recency-get: get() refreshes recency', '0.120'],
      ['lru-cache.correctness', 'lru-evict: evicts the least recently used key', '0.340'],
      ['lru-cache.resilience', 'ttl-expiry: entries expire after their TTL', '30.000'],
      ['lru-cache.resilience', 'redis-outage: survives a Redis restart', '0.015'],
      ['lru-cache.performance', 'throughput: serves 5000 rps with a low p99', '10.200'],
    ]);
  });

  test('escapes <&" in messages and bodies, and drops terminal escapes', () => {
    const xml = toJunitReport(run());
    expect(xml).toContain('message="expected &lt;b&gt; &amp; &quot;c&quot; to be evicted but &quot;a&quot; was"');
    expect(xml).not.toMatch(/&(?!(lt|gt|amp|quot|apos|#\d+);)/);
    expect(xml).not.toContain('\x1b');
    const [failure] = elements(xml, 'failure');
    expect(failure.getAttribute('message')).toBe('expected <b> & "c" to be evicted but "a" was');
    expect(failure.textContent).toContain('expected <b> & "c" to be evicted\nbut "a" was');
    expect(failure.textContent).toContain('Output (last 40 lines):');
    expect(failure.textContent).toContain('FINAL LINE');
  });

  test('puts the load figures and the rules beside the measured values in the failure body', () => {
    const body = elements(toJunitReport(run()), 'failure')[2].textContent ?? '';
    expect(body).toContain(
      'Measured: rps 8123  requests 81234  p50 1.2 ms  p90 4.5 ms  p99 12.3 ms  max 48 ms  errors 3  non2xx 0  hit_ratio 0.92',
    );
    expect(body).toContain('p99 < 100ms — measured 12.3 ms ok');
    expect(body).toContain('errors == 0 — measured 3 FAILED');
  });

  test('is well-formed: it parses back with xmlbuilder2 convert', () => {
    const parsed = convert(toJunitReport(run([sampleGrade(), sampleGrade({ submission: 'submissions/bob' })])), { format: 'object' }) as {
      testsuites: { testsuite: Array<{ '@name': string; properties: { property: Array<{ '@name': string; '@value': string }> } }> };
    };
    expect(parsed.testsuites.testsuite.map((s) => s['@name'])).toEqual(['lru-cache: submissions/alice', 'lru-cache: submissions/bob']);
    expect(parsed.testsuites.testsuite[0].properties.property.slice(0, 3)).toEqual([
      { '@name': 'score', '@value': '30' },
      { '@name': 'max_score', '@value': '100' },
      { '@name': 'min_score', '@value': '70' },
    ]);
  });

  test("a failure's type is its code when known, else its state; the grade's code is a property", () => {
    const grade = sampleGrade();
    grade.checks[2].code = undefined;
    grade.checks[3].code = undefined;
    const xml = toJunitReport(run([grade]));
    expect(elements(xml, 'failure').map((f) => f.getAttribute('type'))).toEqual(['failed', 'timeout', 'failed']);
    expect(elements(xml, 'error').map((f) => f.getAttribute('type'))).toEqual(['error']);
    const property = (name: string) =>
      elements(xml, 'property')
        .find((p) => p.getAttribute('name') === name)
        ?.getAttribute('value');
    expect(property('code')).toBe('BCH_INFRASTRUCTURE_ERROR');
    expect(
      elements(toJunitReport(run([sampleGrade({ status: 'fail', code: undefined })])), 'property').map((p) => p.getAttribute('name')),
    ).not.toContain('code');
  });

  test("a grade that errored with no erroring check still shows an <error>, typed with the grade's code", () => {
    const grade = sampleGrade({ message: 'the service never became ready', code: 'BCH_WORKER_DIED', checks: [] });
    const xml = toJunitReport(run([grade]));
    const [error] = elements(xml, 'error');
    expect(error.getAttribute('message')).toBe('the service never became ready');
    expect(error.getAttribute('type')).toBe('BCH_WORKER_DIED');
    expect(elements(xml, 'testsuites')[0].getAttribute('errors')).toBe('1');
    expect(elements(xml, 'system-err')[0].textContent).toBe('the service never became ready');
  });
});
