// Load thresholds written as rules, k6-style: "p99 < 50ms", "errors == 0", "upstream_requests <= 600".
// Rules are parsed when a challenge loads (a bad rule is a challenge error) and evaluated against measured figures.

export type Comparator = '<' | '<=' | '>' | '>=' | '==';

export interface ThresholdRule {
  /** The rule exactly as written in the manifest, for reports. */
  source: string;
  metric: string;
  comparator: Comparator;
  /** The limit, with durations converted to milliseconds. */
  limit: number;
}

export interface RuleEvaluation {
  rule: string;
  metric: string;
  measured: number | undefined;
  passed: boolean;
}

const rulePattern = /^\s*([a-z][a-z0-9_]*)\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?)\s*(ms|s|%)?\s*$/;
const unitFactor: Record<string, number> = { ms: 1, s: 1000, '%': 1 };

/** Parses one rule; returns an error message instead of throwing so the loader can list every bad rule. */
export function parseThresholdRule(source: string): ThresholdRule | { error: string } {
  const match = rulePattern.exec(source);
  if (!match) {
    return { error: `"${source}" is not a rule: write "<metric> <op> <number>[ms|s|%]" with op one of < <= > >= ==, e.g. "p99 < 50ms"` };
  }
  const [, metric, comparator, value, unit] = match;
  return { source: source.trim(), metric, comparator: comparator as Comparator, limit: Number(value) * (unit ? unitFactor[unit] : 1) };
}

/** Whether a measured figure satisfies a rule; a missing figure never does. */
export function evaluateRule(rule: ThresholdRule, metrics: Readonly<Record<string, number>>): RuleEvaluation {
  const measured = metrics[rule.metric];
  const ok = measured !== undefined && Number.isFinite(measured) && compare(measured, rule.comparator, rule.limit);
  return { rule: rule.source, metric: rule.metric, measured, passed: ok };
}

function compare(value: number, comparator: Comparator, limit: number): boolean {
  switch (comparator) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '==':
      return value === limit;
  }
}
