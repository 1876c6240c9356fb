// One part of a submission list, `k/n`: the list cut into n consecutive parts as even as they can be, so that
// a CI matrix of at most n jobs (GitHub allows 256) grades any number of submissions, each exactly once.
import { UsageError } from '../errors.ts';

export interface ListChunk {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `k/n` (1 ≤ k ≤ n); throws UsageError otherwise. */
export function parseListChunk(text: string): ListChunk {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || index > count)
    throw new UsageError('BCH_BAD_CHUNK', `--chunk "${text}" is not a part of the list: write k/n with 1 ≤ k ≤ n, e.g. 3/40.`);
  return { index, count };
}

/** The positions [start, end) of chunk k of n in a list of `length` items. */
export function chunkRange(length: number, chunk: ListChunk): { start: number; end: number } {
  return {
    start: Math.floor(((chunk.index - 1) * length) / chunk.count),
    end: Math.floor((chunk.index * length) / chunk.count),
  };
}
