// The reviewer's marks of one candidate (interviewer copy, with --rubric): a field per criterion of the rubric
// (a mark on its scale and a note) and notes on the whole, filled from earlier marks when given. The page's
// script keeps them in its marks block, so a page saved from the browser carries them (reviewer-rubric.ts).
import type { CandidateReport } from './candidate-report.ts';
import { escapeHtml } from './escape-html.ts';
import type { ReviewerMarks, ReviewerRubric } from './reviewer-rubric.ts';

export function renderMarks(c: CandidateReport, rubric: ReviewerRubric, marks: ReviewerMarks['candidates'][string] | undefined): string {
  const rows = rubric.criteria.map((criterion) => {
    const given = marks?.criteria[criterion.id];
    const id = `${c.key}-mark-${criterion.id}`;
    const options = ['', ...rubric.scale]
      .map(
        (value) =>
          `<option value="${escapeHtml(value)}"${given?.mark === value && value !== '' ? ' selected' : ''}>${value === '' ? '–' : escapeHtml(value)}</option>`,
      )
      .join('');
    return `<div class="mark-row"><label for="${id}">${escapeHtml(criterion.title)}${criterion.description ? ` <span class="muted">${escapeHtml(criterion.description)}</span>` : ''}</label>
<select id="${id}" data-criterion="${escapeHtml(criterion.id)}">${options}</select>
<textarea rows="2" aria-label="Note on ${escapeHtml(criterion.title)}" data-note="${escapeHtml(criterion.id)}">${escapeHtml(given?.note ?? '')}</textarea></div>`;
  });
  return `<h3 id="${c.key}-marks">Reviewer's marks</h3>
<p class="muted">Your own marks, beside the machine's score, which they do not change. To keep them, save this page from the browser ("Webpage, complete") or download them, and pass either to <code>bch report --marks</code>.</p>
<fieldset class="marks" data-candidate="${escapeHtml(c.name)}"><legend class="sr">Marks for ${escapeHtml(c.name)}</legend>
${rows.join('\n')}
<div class="mark-row"><label for="${c.key}-notes">Notes</label><textarea id="${c.key}-notes" rows="3" data-notes="">${escapeHtml(marks?.notes ?? '')}</textarea></div>
</fieldset>`;
}
