import { expect, test } from 'vitest';
import { formatMetricValue } from './format-metric-value.ts';

test('gives latencies ms, leaves rates and counts bare, and rounds to what a reader needs', () => {
  expect(formatMetricValue('p99', 9.84)).toBe('9.8 ms');
  expect(formatMetricValue('max', 48)).toBe('48 ms');
  expect(formatMetricValue('rps', 8123.4)).toBe('8123');
  expect(formatMetricValue('errors', 0)).toBe('0');
  expect(formatMetricValue('hit_ratio', 0.923)).toBe('0.92');
});

test('takes the unit from the rule when there is one', () => {
  expect(formatMetricValue('upstream_time', 250, 'upstream_time < 1s')).toBe('250 ms');
  expect(formatMetricValue('error_rate', 0.5, 'error_rate < 1%')).toBe('0.50%');
  expect(formatMetricValue('p99', undefined, 'p99 < 50ms')).toBe('not measured');
});
