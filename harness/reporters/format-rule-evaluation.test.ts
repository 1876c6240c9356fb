import { expect, test } from 'vitest';
import { formatRuleEvaluation } from './format-rule-evaluation.ts';

test('puts the rule beside the measured figure and its verdict', () => {
  expect(formatRuleEvaluation({ rule: 'p99 < 100ms', metric: 'p99', measured: 12.34, passed: true })).toBe(
    'p99 < 100ms — measured 12.3 ms ok',
  );
  expect(formatRuleEvaluation({ rule: 'errors == 0', metric: 'errors', measured: 3, passed: false })).toBe(
    'errors == 0 — measured 3 FAILED',
  );
  expect(formatRuleEvaluation({ rule: 'rps > 100', metric: 'rps', measured: undefined, passed: false })).toBe(
    'rps > 100 — not measured FAILED',
  );
});
