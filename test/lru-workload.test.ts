// The workload of lru-constant-time (challenges/lru-cache/fixtures/lru-workload.ts): its expected answers are those
// of the reference LruCache and of a FIFO cache alike (the check times operations, recency is other checks'
// business), and a store that does not evict, or evicts the wrong entries, gives wrong ones.
import { describe, expect, test } from 'vitest';
import { keyLength, LruWorkload, type OperationBatch } from '../challenges/lru-cache/fixtures/lru-workload.ts';
import { LruCache } from '../solutions/lru-cache/src/lru-cache.ts';

interface Store {
  get(key: string): number | undefined;
  set(key: string, value: number): void;
}

/** Evicts the oldest inserted key; reads change nothing. */
class FifoCache implements Store {
  readonly #map = new Map<string, number>();
  readonly #capacity: number;
  constructor(capacity: number) {
    this.#capacity = capacity;
  }
  get(key: string) {
    return this.#map.get(key);
  }
  set(key: string, value: number) {
    if (!this.#map.has(key) && this.#map.size >= this.#capacity) this.#map.delete(this.#map.keys().next().value!);
    this.#map.set(key, value);
  }
}

/** Evicts the newest key instead of the oldest. */
class EvictsNewest implements Store {
  readonly #map = new Map<string, number>();
  readonly #capacity: number;
  #last: string | undefined;
  constructor(capacity: number) {
    this.#capacity = capacity;
  }
  get(key: string) {
    return this.#map.get(key);
  }
  set(key: string, value: number) {
    if (!this.#map.has(key) && this.#map.size >= this.#capacity && this.#last !== undefined) this.#map.delete(this.#last);
    this.#map.set(key, value);
    this.#last = key;
  }
}

/** What the driver does with a batch (fixtures/lru-driver.ts `apply`). */
function apply(store: Store, batch: OperationBatch): (number | null)[] {
  const numbers = Buffer.from(batch.values, 'base64');
  const answers: (number | null)[] = [];
  for (let i = 0; i * keyLength < batch.keys.length; i += 1) {
    const key = batch.keys.slice(i * keyLength, (i + 1) * keyLength);
    const value = numbers.readInt32LE(i * 4);
    if (value >= 0) store.set(key, value);
    else answers.push(store.get(key) ?? null);
  }
  return answers;
}

/** Runs a whole workload on a store: the number of batches whose answers differ from the expected ones. */
function wrongBatches(capacity: number, operations: number, store: Store): number {
  const workload = new LruWorkload(capacity, operations);
  for (const batch of workload.fill(700)) apply(store, batch);
  let wrong = 0;
  for (const batch of workload.operate(500)) if (JSON.stringify(apply(store, batch)) !== JSON.stringify(batch.expected)) wrong += 1;
  return wrong;
}

describe('LruWorkload', () => {
  test.each([1, 2, 7, 1_000])('at capacity %i, an LRU cache and a FIFO cache give the expected answers', (capacity) => {
    expect(wrongBatches(capacity, 20_000, new LruCache<string, number>({ capacity }))).toBe(0);
    expect(wrongBatches(capacity, 20_000, new FifoCache(capacity))).toBe(0);
  });

  test('a million entries: the fill and the operations are packed, and an LRU cache answers as expected', () => {
    const workload = new LruWorkload(1_000_000, 20_000);
    const cache = new LruCache<string, number>({ capacity: 1_000_000 });
    let filled = 0;
    for (const batch of workload.fill(100_000)) {
      expect(batch.keys.length).toBe(batch.count * keyLength);
      filled += batch.count;
      apply(cache, batch);
    }
    expect(filled).toBe(1_000_000);
    let gets = 0;
    for (const batch of workload.operate(5_000)) {
      gets += batch.expected.length;
      expect(apply(cache, batch)).toEqual(batch.expected);
    }
    expect(gets / 20_000, 'about three operations in four are gets').toBeGreaterThan(0.7);
  });

  test('a store that never evicts, and one that evicts the newest entry, give wrong answers', () => {
    expect(wrongBatches(100, 20_000, new Map<string, number>())).toBeGreaterThan(0);
    expect(wrongBatches(100, 20_000, new EvictsNewest(100))).toBeGreaterThan(0);
  });

  test('keys and values are drawn anew for each workload', () => {
    const [a, b] = [new LruWorkload(10, 10), new LruWorkload(10, 10)];
    expect(a.fill(10).next().value?.keys).not.toBe(b.fill(10).next().value?.keys);
  });
});
