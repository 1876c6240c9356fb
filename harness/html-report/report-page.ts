// The whole report as one self-contained HTML page: inline style, one inline script allowed by its hash in a
// Content-Security-Policy that forbids every network request, so it works (and stays inert) from file://.
import { createHash } from 'node:crypto';
import type { Audience } from './audience.ts';
import type { CandidateReport } from './candidate-report.ts';
import type { Comparison } from './comparison.ts';
import type { DebriefGuide } from './debrief-guide.ts';
import { escapeHtml } from './escape-html.ts';
import { type Reviewer, renderCandidate } from './render-candidate.ts';
import { marksJson } from './reviewer-rubric.ts';
import type { ChallengeSimilarity } from '../similarity/similarity-of-grades.ts';
import { renderComparison } from './render-comparison.ts';
import { renderSimilarity } from './render-similarity.ts';
import { reportScript } from './report-script.ts';
import { reportStyle } from './report-style.ts';

export interface ReportPage {
  audience: Audience;
  generatedAt: Date;
  candidates: CandidateReport[];
  comparisons: Comparison[];
  /** Debrief per candidate key (interviewer copy only). */
  debriefs: ReadonlyMap<string, DebriefGuide>;
  /** Notes for the reader, e.g. a challenge whose manifest could not be read for the debrief. */
  notes: string[];
  /** Similarity between the submissions, per challenge (interviewer copy only). */
  similarity?: readonly ChallengeSimilarity[];
  /** The interviewer's rubric and earlier marks (interviewer copy only). */
  reviewer?: Reviewer;
}

/** Renders the page. */
export function renderReportPage(page: ReportPage): string {
  const scriptHash = createHash('sha256').update(reportScript).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const titles = [...new Set(page.comparisons.map((c) => c.challenge.title))].join(', ');
  const forCandidate = page.audience === 'candidate';
  // A candidate's copy shows their own grade only: no comparison, no matrix.
  const comparisons = forCandidate ? [] : page.comparisons;
  const similarity = forCandidate ? [] : (page.similarity ?? []);
  const reviewer = forCandidate ? undefined : page.reviewer;
  const nav = [
    ...comparisons.map((c, i) => `<li><a href="#compare-${i + 1}">Comparison: ${escapeHtml(c.challenge.title)}</a></li>`),
    ...similarity.map((s, i) => `<li><a href="#similarity-${i + 1}">Similarity: ${escapeHtml(s.challengeId)}</a></li>`),
    ...page.candidates.map((c) => `<li><a href="#${c.key}">${escapeHtml(c.name)}</a></li>`),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<title>bch report: ${escapeHtml(titles)}</title>
<style>${reportStyle}</style>
</head>
<body>
<a class="skip" href="#content">Skip to the report</a>
<main id="content">
<header class="page">
<h1>${escapeHtml(titles)}</h1>
<p class="muted">${forCandidate ? 'Feedback on your submission' : 'Grading report for interviewers'}: ${page.candidates.length} grade${page.candidates.length === 1 ? '' : 's'}, generated ${escapeHtml(page.generatedAt.toISOString())} by bch.${forCandidate ? ' Check titles, results, points and load figures only.' : ' Contains assertion messages and debrief questions: do not send it to candidates (use --audience candidate).'}</p>
${page.notes.map((note) => `<p class="notice" role="note">${escapeHtml(note)}</p>`).join('')}
<nav aria-label="Sections"><ul>${nav.join('')}</ul></nav>
</header>
${comparisons.map(renderComparison).join('\n')}
${similarity.map(renderSimilarity).join('\n')}
${page.candidates.map((c) => renderCandidate(c, page.debriefs.get(c.key), page.audience, reviewer)).join('\n')}
</main>
${reviewer ? `<script type="application/json" id="bch-marks">${marksJson(reviewer.marks ?? { version: 1, rubric: reviewer.rubric, candidates: {} })}</script>` : ''}
<script>${reportScript}</script>
</body>
</html>
`;
}
