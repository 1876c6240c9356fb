// Charts drawn on the server as inline SVG: no library, no script, no network; they print and scale. Every
// data point is one element with class "mark", and every verdict is written as a symbol beside its colour.
import { formatMetricValue } from '../reporters/format-metric-value.ts';
import { escapeHtml } from './escape-html.ts';
import type { LoadView, ThresholdMark } from './threshold-marks.ts';

export interface Bar {
  label: string;
  value: number;
  max: number;
  /** How the value is written at the end of the bar, e.g. "12/19". */
  text: string;
}

const width = 480;
const labelWidth = 150;
const textWidth = 90;
const rowHeight = 26;

/** Horizontal bars, each filled to value/max over a track (category subtotals, candidates' scores). */
export function barChart(title: string, bars: readonly Bar[]): string {
  const plot = width - labelWidth - textWidth;
  const rows = bars.map((bar, i) => {
    const y = i * rowHeight + 4;
    const fill = bar.max > 0 ? (Math.max(0, Math.min(bar.value, bar.max)) / bar.max) * plot : 0;
    return (
      `<g><text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(clip(bar.label, 19))}</text>` +
      `<rect class="track" x="${labelWidth}" y="${y}" width="${plot}" height="18" rx="3"/>` +
      `<rect class="mark bar" data-value="${bar.value}" x="${labelWidth}" y="${y}" width="${fill.toFixed(1)}" height="18" rx="3"/>` +
      `<text x="${labelWidth + plot + 8}" y="${y + 14}">${escapeHtml(bar.text)}</text></g>`
    );
  });
  return svg(title, bars.length * rowHeight + 8, rows.join(''));
}

/** Latency percentiles as columns, with each latency rule drawn as a dashed line at its limit, marked ✓ or ✗. */
export function latencyChart(title: string, load: LoadView): string {
  const rules = load.marks.filter((m) => m.limit !== undefined && load.latency.some((l) => l.metric === m.metric));
  const top = Math.max(1, ...load.latency.map((l) => l.value), ...rules.map((r) => r.limit ?? 0)) * 1.15;
  const height = 190;
  const base = height - 24;
  const plotLeft = 66;
  const step = (width - plotLeft - 130) / Math.max(1, load.latency.length);
  const y = (v: number) => base - (v / top) * (base - 10);
  const columns = load.latency.map((l, i) => {
    const x = plotLeft + i * step + step * 0.2;
    return (
      `<rect class="mark column" data-value="${l.value}" x="${x.toFixed(1)}" y="${y(l.value).toFixed(1)}" width="${(step * 0.6).toFixed(1)}" height="${(base - y(l.value)).toFixed(1)}"/>` +
      `<text x="${(x + step * 0.3).toFixed(1)}" y="${height - 8}" text-anchor="middle">${escapeHtml(l.metric)}</text>` +
      `<text x="${(x + step * 0.3).toFixed(1)}" y="${(y(l.value) - 4).toFixed(1)}" text-anchor="middle" class="value">${escapeHtml(formatMetricValue(l.metric, l.value))}</text>`
    );
  });
  const lines = rules.map((r) => {
    const ly = y(r.limit ?? 0).toFixed(1);
    return (
      `<line class="limit ${r.passed ? 'ok' : 'bad'}" x1="${plotLeft}" x2="${width - 130}" y1="${ly}" y2="${ly}"/>` +
      `<text x="${width - 126}" y="${(Number(ly) + 4).toFixed(1)}" class="${r.passed ? 'ok' : 'bad'}">${r.passed ? '✓' : '✗'} ${escapeHtml(r.rule)}</text>`
    );
  });
  const axis = `<line class="axis" x1="${plotLeft}" x2="${width - 130}" y1="${base}" y2="${base}"/><text x="${plotLeft - 6}" y="${base}" text-anchor="end">0</text><text x="${plotLeft - 6}" y="14" text-anchor="end">${escapeHtml(formatMetricValue('max', Math.round(top)))}</text>`;
  return svg(title, height, axis + columns.join('') + lines.join(''));
}

/** One row per threshold rule: the measured figure as a bar, the limit as a tick, and ✓ or ✗ with the rule. */
export function thresholdChart(title: string, marks: readonly ThresholdMark[]): string {
  const plot = width - labelWidth - 170;
  const rows = marks.map((m, i) => {
    const y = i * rowHeight + 4;
    const measured = m.measured ?? 0;
    const scale = Math.max(m.limit ?? 0, measured, 1) * 1.25;
    const barWidth = (Math.max(0, measured) / scale) * plot;
    const tick =
      m.limit !== undefined
        ? `<line class="limit-tick" x1="${(labelWidth + (Math.max(0, m.limit) / scale) * plot).toFixed(1)}" x2="${(labelWidth + (Math.max(0, m.limit) / scale) * plot).toFixed(1)}" y1="${y - 2}" y2="${y + 20}"/>`
        : '';
    const figure = m.measured === null ? 'not measured' : formatMetricValue(m.metric, m.measured, m.rule);
    return (
      `<g><text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(clip(m.metric, 19))}</text>` +
      `<rect class="track" x="${labelWidth}" y="${y}" width="${plot}" height="18" rx="3"/>` +
      `<rect class="mark rule ${m.passed ? 'ok' : 'bad'}" data-passed="${m.passed}" x="${labelWidth}" y="${y}" width="${barWidth.toFixed(1)}" height="18" rx="3"/>${tick}` +
      `<text x="${labelWidth + plot + 8}" y="${y + 14}" class="${m.passed ? 'ok' : 'bad'}">${m.passed ? '✓' : '✗'} ${escapeHtml(figure)} ${escapeHtml(limitText(m))}</text></g>`
    );
  });
  return svg(title, marks.length * rowHeight + 8, rows.join(''));
}

/** The rule's comparison and limit in the figure's unit ("< 100 ms"), or the rule as written when it did not parse. */
function limitText(m: ThresholdMark): string {
  if (m.comparator === undefined || m.limit === undefined) return `(${m.rule})`;
  return `${m.comparator} ${formatMetricValue(m.metric, m.limit, m.rule)}`;
}

/** An accessible, scalable SVG: the title names it for screen readers. */
function svg(title: string, height: number, body: string): string {
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet"><title>${escapeHtml(title)}</title>${body}</svg>`;
}

/** Shortens a label to n characters, keeping its end (where a path's distinctive part is) after an ellipsis. */
function clip(text: string, n: number): string {
  return text.length <= n ? text : `…${text.slice(text.length - n + 1)}`;
}
