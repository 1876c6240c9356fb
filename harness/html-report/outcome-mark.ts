// How an outcome is written in the page: a symbol and a word, coloured by class; colour is never the only signal.
import type { CheckOutcome } from './candidate-report.ts';

const symbols: Record<CheckOutcome, string> = { passed: '✓', failed: '✗', timeout: '◔', error: '!' };
const words: Record<CheckOutcome, string> = { passed: 'passed', failed: 'failed', timeout: 'timed out', error: 'error' };

/** The symbol and the word, e.g. "✓ passed". */
export function outcomeMark(outcome: CheckOutcome): string {
  return `<span class="${outcome}"><span aria-hidden="true">${symbols[outcome]}</span> ${words[outcome]}</span>`;
}

/** The symbol alone for dense tables, with the word for screen readers and as a tooltip. */
export function outcomeSymbol(outcome: CheckOutcome | undefined): string {
  if (!outcome) return '<span class="muted" title="not graded">–<span class="sr"> not graded</span></span>';
  return `<span class="${outcome}" title="${words[outcome]}"><span aria-hidden="true">${symbols[outcome]}</span><span class="sr">${words[outcome]}</span></span>`;
}
