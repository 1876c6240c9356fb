// A load rule beside its measured figure: "p99 < 100ms — measured 12.3 ms ok".
import type { RuleEvaluation } from '../challenge-spec/threshold-rule.ts';
import { formatMetricValue } from './format-metric-value.ts';

/** Formats one evaluated rule in plain text, ending in "ok" or "FAILED". */
export function formatRuleEvaluation(evaluation: RuleEvaluation): string {
  const verdict = evaluation.passed ? 'ok' : 'FAILED';
  if (evaluation.measured === undefined) return `${evaluation.rule} — not measured ${verdict}`;
  return `${evaluation.rule} — measured ${formatMetricValue(evaluation.metric, evaluation.measured, evaluation.rule)} ${verdict}`;
}
