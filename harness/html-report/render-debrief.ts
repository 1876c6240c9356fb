// The debrief section of a candidate (interviewer copy only): strengths, checks lost, questions in order.
import type { CandidateReport } from './candidate-report.ts';
import type { DebriefGuide } from './debrief-guide.ts';
import { escapeHtml } from './escape-html.ts';

/** Renders the debrief guide of one candidate. */
export function renderDebrief(c: CandidateReport, guide: DebriefGuide): string {
  const strengths =
    guide.strengths.length > 0 ? `<ul>${guide.strengths.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>` : '<p>No check passed.</p>';
  const lost =
    guide.lost.length > 0
      ? `<ul>${guide.lost.map((l) => `<li><strong>${escapeHtml(l.title)}</strong> (${l.outcome === 'timeout' ? 'timed out' : 'failed'}, −${l.lostPoints} points)${l.message ? `<div class="message muted">${escapeHtml(l.message)}</div>` : ''}</li>`).join('')}</ul>`
      : '<p>None.</p>';
  const unjudged =
    guide.unjudged.length > 0
      ? `<p class="notice" role="note">Not judged (an environment or challenge error): ${escapeHtml(guide.unjudged.join('; '))}. Grade again before discussing them.</p>`
      : '';
  const questions = guide.questions
    .map(
      (q) =>
        `<li><strong>${escapeHtml(q.title)}</strong> <span class="${q.result}">(${q.result === 'passed' ? '✓ passed' : '✗ lost'})</span><ol class="questions">${q.questions.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ol></li>`,
    )
    .join('');
  return `<h3 id="${c.key}-debrief">Debrief guide</h3>
<h4>Strengths</h4>${strengths}
<h4>Checks lost</h4>${lost}${unjudged}
<h4>Questions, lost checks first</h4>${guide.heldBack ? `<p class="notice" role="note">${escapeHtml(guide.heldBack)}</p>` : ''}${questions ? `<ol>${questions}</ol>` : guide.heldBack ? '' : '<p>The challenge has no debrief questions.</p>'}`;
}
