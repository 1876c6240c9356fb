// The comparison of one challenge's candidates: scores as a chart, a sortable table, and the candidate × check matrix.
import { formatDuration } from '../reporters/format-duration.ts';
import type { Comparison } from './comparison.ts';
import { escapeHtml } from './escape-html.ts';
import { outcomeSymbol } from './outcome-mark.ts';
import { barChart } from './svg-charts.ts';

const statusRank = { pass: 0, fail: 1, error: 2 };

/** Renders the comparison section of one challenge; `index` keeps ids unique when several challenges are shown. */
export function renderComparison(comparison: Comparison, index: number): string {
  const id = `compare-${index + 1}`;
  const { categories } = comparison;
  // Best first; among equal scores, the order of the results.
  const order = comparison.candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.score / (b.c.max || 1) - a.c.score / (a.c.max || 1));
  const candidates = order.map(({ c }) => c);
  const matrix = order.map(({ i }) => comparison.matrix[i]);
  const header = ['Candidate', 'Score', ...categories, 'Grading time', 'Status'];
  const rows = candidates.map((c) => {
    const cells = categories.map((category) => {
      const total = c.subtotals.find((s) => s.category === category);
      return total
        ? `<td class="num" data-sort="${total.score}">${total.score}/${total.max}</td>`
        : '<td class="num" data-sort="-1">–</td>';
    });
    return (
      `<tr><th scope="row" data-sort="${escapeHtml(c.name)}"><a href="#${c.key}">${escapeHtml(c.name)}</a></th><td class="num" data-sort="${c.score}">${c.score}/${c.max}</td>${cells.join('')}` +
      `<td class="num" data-sort="${c.meta.durationMs}">${formatDuration(c.meta.durationMs)}</td><td data-sort="${statusRank[c.status]}" class="${c.status}">${c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '!'} ${c.status}${c.trusted ? '' : ' (do not trust)'}</td></tr>`
    );
  });
  const matrixHead = comparison.checks
    .map(
      (check, i) =>
        `<th scope="col" class="num" title="${escapeHtml(check.title)}">${i + 1}<span class="sr"> ${escapeHtml(check.title)}</span></th>`,
    )
    .join('');
  const legend = comparison.checks
    .map((check) => `<li>${escapeHtml(check.title)} <span class="muted">(${check.max} points, ${escapeHtml(check.category)})</span></li>`)
    .join('');
  const matrixRows = candidates.map(
    (c, i) =>
      `<tr><th scope="row"><a href="#${c.key}">${escapeHtml(c.name)}</a></th>${matrix[i].map((outcome) => `<td>${outcomeSymbol(outcome)}</td>`).join('')}</tr>`,
  );
  return `<section id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h">Comparison: ${escapeHtml(comparison.challenge.title)}</h2>
<figure><figcaption>Score of each candidate</figcaption>${barChart(
    `Scores of the candidates of ${comparison.challenge.title}`,
    candidates.map((c) => ({
      label: c.name,
      value: c.score,
      max: c.max,
      text: `${c.score}/${c.max} ${c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '!'}`,
    })),
  )}</figure>
<h3>Candidates</h3>
<p class="muted">Press a column heading to sort.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Candidates of ${escapeHtml(comparison.challenge.title)}"><table class="sortable">
<thead><tr>${header.map((h, i) => `<th scope="col"${i > 0 && i < header.length - 1 ? ' class="num"' : ''}><button type="button">${escapeHtml(h)}</button></th>`).join('')}</tr></thead>
<tbody>${rows.join('')}</tbody></table></div>
<h3>Checks by candidate</h3>
<p class="muted">✓ passed · ✗ failed · ◔ timed out · ! error (not the candidate's fault) · – not graded. Columns are the checks numbered below; the table scrolls sideways with the candidates in view.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="Checks by candidate"><table class="matrix">
<thead><tr><th scope="col">Candidate</th>${matrixHead}</tr></thead>
<tbody>${matrixRows.join('')}</tbody></table></div>
<ol class="legend">${legend}</ol>
</section>`;
}
