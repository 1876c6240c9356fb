// Part 1: an in-process cache holding at most `capacity` entries that evicts the least recently used entry.
// Every operation must be O(1). Do not use a cache library; see the README for the full contract.

export interface LruCacheOptions<K, V> {
  /** The most entries held at once; a positive integer (anything else: throw a RangeError). */
  capacity: number;
  /** Called once for each entry removed to make room for a new key; never for delete(), a replaced value or expiry. */
  onEvict?: (key: K, value: V) => void;
}

export interface LruSetOptions {
  /** The entry expires this many milliseconds after this set; without it the entry never expires. */
  ttlMs?: number;
}

export interface LruCacheStats {
  hits: number;
  misses: number;
  evictions: number;
}

export class LruCache<K, V> {
  readonly #options: LruCacheOptions<K, V>;

  constructor(options: LruCacheOptions<K, V>) {
    // TODO: validate the capacity (a positive integer, else throw a RangeError) and set up your data structures.
    this.#options = options;
  }

  /** The value of `key`, or undefined. */
  get(key: K): V | undefined {
    // TODO: a hit makes the entry the most recently used; count a hit or a miss; an expired entry is removed
    // and counts as a miss.
    throw new Error('not implemented');
  }

  /** Inserts or replaces `key`. */
  set(key: K, value: V, options: LruSetOptions = {}): void {
    // TODO: the entry becomes the most recently used; replacing keeps the key and updates value and TTL.
    // Inserting a NEW key into a full cache first evicts the least recently used entry and calls onEvict for it.
    throw new Error('not implemented');
  }

  /** Whether `key` holds an unexpired entry. */
  has(key: K): boolean {
    // TODO: no effect on recency or stats.
    throw new Error('not implemented');
  }

  /** Removes `key`; true if it was present. */
  delete(key: K): boolean {
    // TODO
    throw new Error('not implemented');
  }

  /** Entries held (an expired entry not yet removed may still count). */
  get size(): number {
    // TODO
    throw new Error('not implemented');
  }

  stats(): LruCacheStats {
    // TODO: hits and misses of get(), and evictions (removals to make room, the same as onEvict calls).
    throw new Error('not implemented');
  }
}
