import { expect, test } from 'vitest';
import { formatDuration } from './format-duration.ts';

test('formats milliseconds, seconds and minutes', () => {
  expect([0, 120.4, 999, 2100, 59_949, 65_000, -1].map(formatDuration)).toEqual([
    '0 ms',
    '120 ms',
    '999 ms',
    '2.1 s',
    '59.9 s',
    '1 min 05 s',
    '-',
  ]);
});
