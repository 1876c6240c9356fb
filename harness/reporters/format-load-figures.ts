// A load check's measured figures on one line: "rps 8123  p50 1.2 ms  p99 9.8 ms  errors 0".
import { formatMetricValue } from './format-metric-value.ts';

const usualOrder = ['rps', 'requests', 'p50', 'p90', 'p95', 'p99', 'p999', 'max', 'errors', 'non2xx'];

/** Lists the figures, the usual ones first in a fixed order, then the challenge's own in the order measured. */
export function formatLoadFigures(metrics: Readonly<Record<string, number>>): string {
  const names = Object.keys(metrics);
  const ordered = [...usualOrder.filter((name) => names.includes(name)), ...names.filter((name) => !usualOrder.includes(name))];
  return ordered.map((name) => `${name} ${formatMetricValue(name, metrics[name])}`).join('  ');
}
