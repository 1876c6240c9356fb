// The end of a process's output as plain lines: terminal escapes removed, trailing blank lines dropped.
import { stripVTControlCharacters } from 'node:util';

/** Returns at most `max` last non-trailing-blank lines of the text, without colour codes. */
export function lastLines(text: string | undefined, max: number): string[] {
  if (!text) return [];
  const lines = stripVTControlCharacters(text).replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return max > 0 ? lines.slice(-max) : [];
}
