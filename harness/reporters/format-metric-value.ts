// One measured load figure with its unit: latencies in ms, rates and counts bare, "%" when the rule says so.

const latencyMetric = /^(p\d+(\.\d+)?|min|max|mean|avg|median|stddev)$|(_ms|latency)$/;

/** Formats a measured figure; the rule, when given, decides the unit ("…ms"/"…s" → ms, "…%" → %). */
export function formatMetricValue(metric: string, value: number | undefined, ruleSource?: string): string {
  if (value === undefined || !Number.isFinite(value)) return 'not measured';
  return `${formatNumber(value)}${unitOf(metric, ruleSource)}`;
}

/** The unit suffix of a metric. */
function unitOf(metric: string, ruleSource: string | undefined): string {
  const written = ruleSource ? /(ms|s|%)\s*$/.exec(ruleSource)?.[1] : undefined;
  if (written === '%') return '%';
  if (written === 'ms' || written === 's') return ' ms';
  return latencyMetric.test(metric) ? ' ms' : '';
}

/** Rounds to what a reader needs: whole numbers from 100 up, one decimal from 1, two below. */
function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 1 ? 1 : 2;
  return value.toFixed(digits);
}
