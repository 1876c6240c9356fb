// The similarity section of one challenge (interviewer copy only): pairs at or above the threshold with their
// score and their longest shared fragments side by side, groups of three or more, and what it means.
import type { SimilarPair } from '../similarity/compare-subjects.ts';
import type { ChallengeSimilarity } from '../similarity/similarity-of-grades.ts';
import { formatDuration } from '../reporters/format-duration.ts';
import { sanitizeText } from '../reporters/sanitize-text.ts';
import { escapeHtml } from './escape-html.ts';

const roleWords = {
  candidate: 'candidate',
  reference: 'the reference solution',
  variant: 'a shipped known-bad variant',
  known: 'a known solution',
};

export function renderSimilarity(similarity: ChallengeSimilarity, index: number): string {
  const id = `similarity-${index + 1}`;
  const { result, skipped } = similarity;
  const percent = (value: number) => `${Math.round(value * 100)} %`;
  const rows = result.flagged.map(
    (p) =>
      `<tr><th scope="row">${escapeHtml(p.left)}</th><td>${escapeHtml(p.right)} <span class="muted">(${roleWords[p.rightRole]})</span></td><td class="num">${p.identical ? '<strong>identical</strong>' : percent(p.similarity)}</td><td class="num">${p.longest}</td></tr>`,
  );
  const clusters = result.clusters.map((group) => `<li>${group.map(escapeHtml).join(', ')}</li>`).join('');
  return `<section id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h">Similarity: ${escapeHtml(similarity.challengeId)}</h2>
<p class="notice" role="note">Similarity is a reason to ask, not proof: solutions to one task share structure, and the starter's code is left out. Ask the candidate to walk through the shared parts. Pairs at or above ${percent(result.options.threshold)} of fingerprints in common are shown, and every pair of byte-identical submissions.</p>
${rows.length > 0 ? `<div class="table-wrap" tabindex="0" role="region" aria-label="Similar pairs"><table><thead><tr><th scope="col">Candidate</th><th scope="col">Similar to</th><th scope="col" class="num">Similarity</th><th scope="col" class="num">Longest run</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>` : `<p>No pair reaches ${percent(result.options.threshold)}. The most similar: ${escapeHtml(mostSimilar(result.pairs))}.</p>`}
${clusters ? `<h3>Groups of three or more</h3><ul>${clusters}</ul>` : ''}
${result.flagged.map((p) => renderFragments(p)).join('')}
${skipped.length > 0 ? `<p class="muted">Left out: ${escapeHtml(skipped.join('; '))}.</p>` : ''}
<p class="muted">Compared ${new Set(result.pairs.map((p) => p.left)).size} candidates in ${formatDuration(similarity.durationMs)} (winnowed fingerprints of ${result.options.kgramLength} tokens; names, strings and numbers count by kind, so renaming and reformatting do not hide a copy).</p>
</section>`;
}

function renderFragments(pair: SimilarPair): string {
  if (pair.identical || pair.fragments.length === 0) return '';
  const side = (span: SimilarPair['fragments'][number]['left']) =>
    `<figure><figcaption><code>${escapeHtml(sanitizeText(span.file))}</code> lines ${span.startLine}–${span.endLine}</figcaption><pre>${escapeHtml(sanitizeText(span.text))}</pre></figure>`;
  return `<details><summary>${escapeHtml(pair.left)} and ${escapeHtml(pair.right)}: the ${pair.fragments.length} longest shared fragments</summary>${pair.fragments
    .map((f) => `<div class="side-by-side">${side(f.left)}${side(f.right)}</div>`)
    .join('')}</details>`;
}

function mostSimilar(pairs: readonly SimilarPair[]): string {
  const top = pairs[0];
  return top ? `${top.left} and ${top.right}, ${Math.round(top.similarity * 100)} %` : 'no pair';
}
