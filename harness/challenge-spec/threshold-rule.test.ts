import { describe, expect, test } from 'vitest';
import { evaluateRule, parseThresholdRule, type ThresholdRule } from './threshold-rule.ts';

function parse(source: string): ThresholdRule {
  const rule = parseThresholdRule(source);
  if ('error' in rule) throw new Error(rule.error);
  return rule;
}

describe('parseThresholdRule', () => {
  test('reads metric, comparator and limit, converting durations to ms', () => {
    expect(parse('p99 < 50ms')).toEqual({ source: 'p99 < 50ms', metric: 'p99', comparator: '<', limit: 50 });
    expect(parse('p50<=1.5s')).toMatchObject({ metric: 'p50', comparator: '<=', limit: 1500 });
    expect(parse(' errors == 0 ')).toMatchObject({ source: 'errors == 0', metric: 'errors', comparator: '==', limit: 0 });
    expect(parse('upstream_requests >= 600')).toMatchObject({ metric: 'upstream_requests', limit: 600 });
  });

  test('explains what a rule must look like', () => {
    expect(parseThresholdRule('p99 fast')).toEqual({
      error: '"p99 fast" is not a rule: write "<metric> <op> <number>[ms|s|%]" with op one of < <= > >= ==, e.g. "p99 < 50ms"',
    });
    expect(parseThresholdRule('p99 < 50 minutes')).toHaveProperty('error');
    expect(parseThresholdRule('P99 < 5')).toHaveProperty('error');
  });
});

describe('evaluateRule', () => {
  test.each([
    ['p99 < 50ms', 49.9, true],
    ['p99 < 50ms', 50, false],
    ['p99 <= 50ms', 50, true],
    ['rps > 100', 100, false],
    ['rps >= 100', 100, true],
    ['errors == 0', 0, true],
    ['errors == 0', 1, false],
  ])('%s with %d → %s', (source, measured, passed) => {
    const rule = parse(source);
    expect(evaluateRule(rule, { [rule.metric]: measured })).toEqual({ rule: source, metric: rule.metric, measured, passed });
  });

  test('a figure that was not measured fails the rule', () => {
    expect(evaluateRule(parse('p99 < 50ms'), {})).toMatchObject({ measured: undefined, passed: false });
    expect(evaluateRule(parse('p99 < 50ms'), { p99: Number.NaN })).toMatchObject({ passed: false });
  });
});
