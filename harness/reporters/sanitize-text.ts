// Candidate text made safe to print: a submission's messages and output reach the operator's terminal and
// Markdown summaries, so they must not move the cursor, clear the screen, set titles or overwrite lines.
import { stripVTControlCharacters } from 'node:util';

/** C0 controls but tab and newline, DEL, and C1 controls (which include the 8-bit CSI, U+009B). */
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidirectional overrides and isolates, which can make text display in another order than it is stored. */
const bidiControls = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Removes ANSI/VT escape sequences (CSI, OSC, …), every remaining control character and bidi override;
 * keeps newlines and tabs, and turns carriage returns into newlines so no line can overwrite another.
 */
export function sanitizeText(text: string): string {
  return stripVTControlCharacters(text).replace(/\r\n?/g, '\n').replace(controlCharacters, '').replace(bidiControls, '');
}
