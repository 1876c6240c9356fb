// The end of a process's output as plain lines: terminal escapes removed, trailing blank lines dropped.
import { sanitizeText } from './sanitize-text.ts';

/** Returns at most `max` last non-trailing-blank lines of the text, without escape sequences or control characters. */
export function lastLines(text: string | undefined, max: number): string[] {
  if (!text) return [];
  const lines = sanitizeText(text).split('\n');
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return max > 0 ? lines.slice(-max) : [];
}
