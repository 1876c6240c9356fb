import { expect, test } from 'vitest';
import { lastLines } from './last-lines.ts';

test('keeps the last lines without colour codes or trailing blank lines', () => {
  expect(lastLines('a\r\n\x1b[31mb\x1b[39m\nc\n\n  \n', 2)).toEqual(['b', 'c']);
  expect(lastLines(undefined, 5)).toEqual([]);
  expect(lastLines('a\nb', 0)).toEqual([]);
});
