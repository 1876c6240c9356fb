// Candidate text (names, messages, service output) made safe to show: terminal escapes, control characters and
// bidirectional overrides removed. HTML escaping happens where the text is written (escape-html.ts).
import { stripVTControlCharacters } from 'node:util';

const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Returns the text without ANSI escapes, control characters (tabs and newlines kept) or bidi overrides. */
export function cleanText(text: string): string {
  return stripVTControlCharacters(text).replace(/\r\n?/g, '\n').replace(controls, '');
}
