// One candidate's section: score and status with its meaning, how the grade was made, charts of the category
// subtotals and load figures, the checks, the service output (collapsed), and the debrief when given.
import { formatDuration } from '../reporters/format-duration.ts';
import { formatMetricValue } from '../reporters/format-metric-value.ts';
import { sanitizeText } from '../reporters/sanitize-text.ts';
import type { Audience } from './audience.ts';
import type { CandidateReport, CheckRow } from './candidate-report.ts';
import type { DebriefGuide } from './debrief-guide.ts';
import { escapeHtml } from './escape-html.ts';
import { outcomeMark } from './outcome-mark.ts';
import { renderDebrief } from './render-debrief.ts';
import { renderMarks } from './render-marks.ts';
import type { ReviewerMarks, ReviewerRubric } from './reviewer-rubric.ts';

/** The interviewer's own rubric, and the marks given so far. */
export interface Reviewer {
  rubric: ReviewerRubric;
  marks?: ReviewerMarks;
}
import { barChart, latencyChart, thresholdChart } from './svg-charts.ts';

/** Renders a candidate's section. The interviewer copy adds check ids and how the grade was made; the candidate
 * copy keeps to the grade itself, and stamps no verdict where no minimum score was set. */
export function renderCandidate(c: CandidateReport, debrief: DebriefGuide | undefined, audience: Audience, reviewer?: Reviewer): string {
  const loadChecks = c.checks.filter((check) => check.load);
  const showIds = audience === 'interviewer';
  return `<section class="candidate" id="${c.key}" aria-labelledby="${c.key}-h">
<h2 id="${c.key}-h">${escapeHtml(c.name)}</h2>
<p><span class="score">${c.score}/${c.max}</span> ${verdict(c, audience)}
${c.minScore > 0 ? ` <span class="muted">minimum ${c.minScore}: ${c.meetsMinScore ? 'met' : 'not met'}</span>` : ''}</p>
<p${c.trusted ? '' : ' class="notice" role="note"'}>${escapeHtml(c.statusMeaning)}</p>
${renderStartFailure(c)}
${c.message ? `<p class="message">${escapeHtml(c.message)}</p>` : ''}
${renderMeta(c, audience)}
<div class="charts">
<figure><figcaption>Points by category</figcaption>${barChart(
    `Points by category for ${c.name}`,
    c.subtotals.map((s) => ({ label: s.category, value: s.score, max: s.max, text: `${s.score}/${s.max}` })),
  )}</figure>
</div>
<h3>Checks</h3>
<div class="table-wrap" tabindex="0" role="region" aria-label="Checks of ${escapeHtml(c.name)}"><table>
<thead><tr><th scope="col">Check</th><th scope="col">Category</th><th scope="col">Result</th><th scope="col" class="num">Points</th><th scope="col" class="num">Time</th></tr></thead>
<tbody>${c.checks.map((check) => checkRow(check, showIds)).join('')}</tbody></table></div>
${loadChecks.map((check) => renderLoad(c, check)).join('')}
${renderOutput(c)}
${renderCode(c)}
${reviewer ? renderMarks(c, reviewer.rubric, reviewer.marks?.candidates[c.name]) : ''}
${debrief ? renderDebrief(c, debrief) : ''}
</section>`;
}

/** Where and how the grade was made (the candidate copy: the challenge and when). */
function renderMeta(c: CandidateReport, audience: Audience): string {
  const m = c.meta;
  const challenge: [string, string] = [
    'Challenge',
    `${c.challenge.title} (${c.challenge.id}${c.challenge.version ? `, version ${c.challenge.version}` : ''})`,
  ];
  if (audience === 'candidate') {
    const items: Array<[string, string]> = [challenge, ...(m.gradedAt ? ([['Graded', m.gradedAt]] as Array<[string, string]>) : [])];
    return `<dl class="meta">${items.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
  }
  const items: Array<[string, string]> = [
    challenge,
    ['Graded', `${m.gradedAt ?? 'date not recorded'}, ${m.suite} suite; grading took ${formatDuration(m.durationMs)}`],
    ...(m.timeline ? ([['Timeline', m.timeline]] as Array<[string, string]>) : []),
    ['Services', m.provider],
    ['Sandbox', m.sandbox ?? 'not recorded'],
    ['Harness', m.harnessVersion ?? 'version not recorded'],
  ];
  if (m.phases.length > 0) items.push(['Phases', m.phases.map((p) => `${p.name} ${formatDuration(p.ms)}`).join(', ')]);
  return `<dl class="meta">${items.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

/** A check's table row, with its message under the title when there is one. */
function checkRow(check: CheckRow, showIds: boolean): string {
  const message = check.message ? `<div class="message muted">${escapeHtml(check.message)}</div>` : '';
  const points = check.pointsTo
    ? `<div class="muted">points to ${check.pointsTo.map((place) => `<code>${escapeHtml(place)}</code>`).join(', ')}</div>`
    : '';
  const id = showIds ? ` <code class="muted">${escapeHtml(check.id)}</code>` : '';
  return `<tr><td>${escapeHtml(check.title)}${id}${message}${points}</td><td>${escapeHtml(check.category)}</td><td>${check.notRun ? '<span class="failed"><span aria-hidden="true">–</span> not run</span>' : outcomeMark(check.outcome)}</td><td class="num">${check.score}/${check.max}</td><td class="num">${formatDuration(check.durationMs)}</td></tr>`;
}

/** A load check: latency percentiles with the latency limits, then every rule against its figure. */
function renderLoad(c: CandidateReport, check: CheckRow): string {
  const load = check.load!;
  const figures = load.figures.map((f) => `${escapeHtml(f.metric)} ${escapeHtml(formatMetricValue(f.metric, f.value))}`).join(' · ');
  return `<h3>${escapeHtml(/^load\b/i.test(check.title) ? check.title : `Load: ${check.title}`)}</h3>
<p class="muted">${load.durationS} s of load. ${figures}</p>
<div class="charts">
${load.latency.length > 0 ? `<figure><figcaption>Latency percentiles (ms)</figcaption>${latencyChart(`Latency of ${c.name}: ${check.title}`, load)}</figure>` : ''}
${load.marks.length > 0 ? `<figure><figcaption>Thresholds (bar: measured, tick: limit)</figcaption>${thresholdChart(`Thresholds of ${c.name}: ${check.title}`, load.marks)}</figure>` : ''}
</div>`;
}

/** Why the service did not start, once, at the top: the first error and the file it points to. */
function renderStartFailure(c: CandidateReport): string {
  if (!c.startFailure) return '';
  const { cause, file } = c.startFailure;
  const where = file ? ` <span class="muted">in</span> <code>${escapeHtml(file)}</code>` : '';
  return `<p class="notice" role="note"><strong>The service did not start</strong>, so the checks that need it did not run${cause ? `: ${escapeHtml(cause)}${where}` : '.'}</p>`;
}

/** The service output tails, collapsed: the failed start's once, then one per check that has one. */
function renderOutput(c: CandidateReport): string {
  const withOutput = c.checks.filter((check) => check.output);
  const start = c.startFailure?.output
    ? `<details open><summary>Start-up of the service (last lines)</summary><pre>${escapeHtml(c.startFailure.output)}</pre></details>`
    : '';
  if (withOutput.length === 0 && !start) return '';
  return `<h3>Service output</h3>${start}${withOutput.map((check) => `<details><summary>${escapeHtml(check.title)} (last lines)</summary><pre>${escapeHtml(check.output!)}</pre></details>`).join('')}`;
}

/** The submission's code (interviewer copy): its diff against the starter, then every file, collapsed. */
function renderCode(c: CandidateReport): string {
  if (!c.sourceView) return c.sourceNote ? `<h3>Code</h3><p class="muted">Not shown: ${escapeHtml(c.sourceNote)}.</p>` : '';
  const files = c.sourceView.files
    .map(
      (file) =>
        `<details><summary><code>${escapeHtml(file.path)}</code> <span class="muted">${file.lines} lines, ${file.state}</span></summary><pre>${escapeHtml(sanitizeText(file.content))}</pre></details>`,
    )
    .join('');
  return `<h3>Code</h3>${c.sourceNote ? `<p class="muted">${escapeHtml(c.sourceNote)}.</p>` : ''}
<details><summary>Diff against the starter</summary><pre class="diff">${escapeHtml(sanitizeText(c.sourceView.diff)) || 'No change.'}</pre></details>
${files}`;
}

/** The status badge; in a candidate copy without a minimum score, the checks passed instead of a verdict. */
function verdict(c: CandidateReport, audience: Audience): string {
  if (audience === 'candidate' && c.minScore === 0 && c.status === 'fail') {
    const passed = c.checks.filter((check) => check.outcome === 'passed').length;
    return `<span class="badge">${passed} of ${c.checks.length} checks passed</span>`;
  }
  return `<span class="badge ${c.status}">${statusSymbol(c.status)} ${c.status.toUpperCase()}</span>`;
}

/** The status symbol, so the badge does not rely on colour. */
function statusSymbol(status: CandidateReport['status']): string {
  return `<span aria-hidden="true">${status === 'pass' ? '✓' : status === 'fail' ? '✗' : '!'}</span>`;
}
