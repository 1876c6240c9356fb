import { expect, test } from 'vitest';
import { loadView, thresholdMark } from './threshold-marks.ts';

test('a mark carries the rule parsed (limit in ms) and the verdict recorded at grade time', () => {
  expect(thresholdMark({ rule: 'p99 < 0.1s', measured: 12.5, passed: true })).toEqual({
    rule: 'p99 < 0.1s',
    metric: 'p99',
    comparator: '<',
    limit: 100,
    measured: 12.5,
    passed: true,
  });
  expect(thresholdMark({ rule: 'errors == 0', measured: 3, passed: false })).toMatchObject({ limit: 0, passed: false });
  expect(thresholdMark({ rule: 'upstream_requests <= 300', measured: null, passed: false })).toMatchObject({
    metric: 'upstream_requests',
    measured: null,
    passed: false,
  });
});

test('a rule that no longer parses keeps its text and verdict, without a limit', () => {
  expect(thresholdMark({ rule: 'p99 under 5', measured: 4, passed: true })).toEqual({
    rule: 'p99 under 5',
    metric: 'p99 under 5',
    measured: 4,
    passed: true,
  });
});

test('latency figures come p50 to p99.9 then max; other figures after the usual ones', () => {
  const view = loadView({ duration_s: 3, metrics: { max: 40, hit_ratio: 0.9, p99: 9, rps: 800, p50: 1, p999: 20, errors: 0 }, rules: [] });
  expect(view.latency.map((l) => l.metric)).toEqual(['p50', 'p99', 'p999', 'max']);
  expect(view.figures.map((f) => f.metric)).toEqual(['rps', 'p50', 'p99', 'p999', 'max', 'errors', 'hit_ratio']);
});
