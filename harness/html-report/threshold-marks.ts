// A load check's figures made ready to draw: latency percentiles in order, and each threshold rule with its
// measured figure, its limit and whether it passed (as judged when graded).
import { parseThresholdRule, type Comparator } from '../challenge-spec/threshold-rule.ts';
import type { TestResults } from '../reporters/json-report-schema.ts';

export interface ThresholdMark {
  rule: string;
  metric: string;
  comparator?: Comparator;
  /** The limit in the metric's unit (durations in ms); absent when the rule no longer parses. */
  limit?: number;
  measured: number | null;
  passed: boolean;
}

export interface LoadView {
  durationS: number;
  /** Latency figures present, p50 to p99.9 then max, in that order (ms). */
  latency: Array<{ metric: string; value: number }>;
  /** Every measured figure, the usual ones first. */
  figures: Array<{ metric: string; value: number }>;
  marks: ThresholdMark[];
}

const latencyOrder = ['p50', 'p75', 'p90', 'p95', 'p97_5', 'p99', 'p999', 'max'];
const usualOrder = ['rps', 'requests', ...latencyOrder, 'errors', 'non2xx'];

/** Builds the view of one load check from its JSON entry. */
export function loadView(load: NonNullable<TestResults['load']>): LoadView {
  const names = Object.keys(load.metrics).filter((name) => Number.isFinite(load.metrics[name]));
  const ordered = [...usualOrder.filter((name) => names.includes(name)), ...names.filter((name) => !usualOrder.includes(name))];
  return {
    durationS: load.duration_s,
    latency: latencyOrder.filter((name) => names.includes(name)).map((metric) => ({ metric, value: load.metrics[metric] })),
    figures: ordered.map((metric) => ({ metric, value: load.metrics[metric] })),
    marks: load.rules.map(thresholdMark),
  };
}

/** One rule beside its figure; the verdict is the one recorded at grade time, never re-judged. */
export function thresholdMark(rule: { rule: string; measured: number | null; passed: boolean }): ThresholdMark {
  const parsed = parseThresholdRule(rule.rule);
  if ('error' in parsed) return { rule: rule.rule, metric: rule.rule, measured: rule.measured, passed: rule.passed };
  return {
    rule: parsed.source,
    metric: parsed.metric,
    comparator: parsed.comparator,
    limit: parsed.limit,
    measured: rule.measured,
    passed: rule.passed,
  };
}
