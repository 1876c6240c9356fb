import { expect, test } from 'vitest';
import { chunkRange, parseListChunk } from './list-chunk.ts';

test('the chunks of a list cover every item exactly once, in order, and differ in size by at most one', () => {
  for (const [length, count] of [
    [300, 256],
    [256, 256],
    [5, 3],
    [1000, 7],
    [3, 3],
  ]) {
    const ranges = Array.from({ length: count }, (_, i) => chunkRange(length, { index: i + 1, count }));
    expect(ranges[0].start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(length);
    for (let i = 1; i < count; i += 1) expect(ranges[i].start).toBe(ranges[i - 1].end);
    const sizes = ranges.map((r) => r.end - r.start);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
  }
});

test('a chunk is k/n with 1 ≤ k ≤ n', () => {
  expect(parseListChunk('3/40')).toEqual({ index: 3, count: 40 });
  for (const bad of ['0/4', '5/4', '3', 'a/b', '-1/2', '1/0'])
    expect(() => parseListChunk(bad), bad).toThrow(expect.objectContaining({ code: 'BCH_BAD_CHUNK' }));
});
