import { expect, test } from 'vitest';
import { meetsMinScore } from './grade-result.ts';

test('--min-score is a percentage of the points graded, so a partial grade (--checks) is held to the same bar', () => {
  expect(meetsMinScore(6, 10, 50)).toBe(true);
  expect(meetsMinScore(6, 10, 60)).toBe(true);
  expect(meetsMinScore(6, 10, 61)).toBe(false);
  expect(meetsMinScore(70, 100, 80)).toBe(false);
  expect(meetsMinScore(100, 100, 100)).toBe(true);
  expect(meetsMinScore(0, 0, 0)).toBe(true);
  expect(meetsMinScore(0, 0, 1)).toBe(false);
});
