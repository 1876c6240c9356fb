// An in-process cache holding at most `capacity` entries: adding a new key to a full cache evicts the least
// recently used entry. Every operation is O(1): a Map finds an entry by key, and a doubly linked list keeps the
// entries in recency order (newest at one end, oldest at the other) so an entry moves or leaves in O(1).

export interface LruCacheOptions<K, V> {
  /** The most entries held at once; a positive integer. */
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

/** One entry, also a link of the recency list. */
interface Entry<K, V> {
  key: K;
  value: V;
  /** performance.now() at which the entry expires; Infinity when it never does. */
  expiresAt: number;
  /** The next more recently used entry (undefined for the newest). */
  newer: Entry<K, V> | undefined;
  /** The next less recently used entry (undefined for the oldest). */
  older: Entry<K, V> | undefined;
}

export class LruCache<K, V> {
  readonly #capacity: number;
  readonly #onEvict: ((key: K, value: V) => void) | undefined;
  readonly #entries = new Map<K, Entry<K, V>>();
  /** The most recently used entry: the head of the recency list. */
  #newest: Entry<K, V> | undefined;
  /** The least recently used entry: the next to be evicted. */
  #oldest: Entry<K, V> | undefined;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(options: LruCacheOptions<K, V>) {
    const { capacity, onEvict } = options;
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`LruCache capacity must be a positive integer, got ${String(capacity)}`);
    }
    this.#capacity = capacity;
    this.#onEvict = onEvict;
  }

  /** The value of `key`, or undefined; a hit makes the entry the most recently used. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || isExpired(entry)) {
      if (entry !== undefined) this.#remove(entry);
      this.#misses += 1;
      return undefined;
    }
    this.#hits += 1;
    this.#touch(entry);
    return entry.value;
  }

  /** Inserts or replaces `key`, which becomes the most recently used; a new key in a full cache evicts the oldest. */
  set(key: K, value: V, options: LruSetOptions = {}): void {
    const expiresAt = expiryOf(options.ttlMs);
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      existing.value = value;
      existing.expiresAt = expiresAt;
      this.#touch(existing);
      return;
    }
    const evicted = this.#entries.size >= this.#capacity ? this.#leastRecent() : undefined;
    if (evicted !== undefined) {
      this.#remove(evicted);
      this.#evictions += 1;
    }
    const entry: Entry<K, V> = { key, value, expiresAt, newer: undefined, older: undefined };
    this.#entries.set(key, entry);
    this.#link(entry);
    // Called last, with the cache consistent again, so a callback that reads or writes the cache is safe.
    if (evicted !== undefined) this.#onEvict?.(evicted.key, evicted.value);
  }

  /** Whether `key` holds an unexpired entry; changes neither recency nor stats. */
  has(key: K): boolean {
    const entry = this.#entries.get(key);
    return entry !== undefined && !isExpired(entry);
  }

  /** Removes `key`; true if it held an unexpired entry. */
  delete(key: K): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    this.#remove(entry);
    return !isExpired(entry);
  }

  /** Entries held, including expired ones not yet removed (they leave when read or evicted). */
  get size(): number {
    return this.#entries.size;
  }

  stats(): LruCacheStats {
    return { hits: this.#hits, misses: this.#misses, evictions: this.#evictions };
  }

  // The recency list: only the methods below know how recency is kept.

  /** Makes `entry`, already in the list, the most recently used. */
  #touch(entry: Entry<K, V>): void {
    if (entry === this.#newest) return;
    this.#unlink(entry);
    this.#link(entry);
  }

  /** Adds `entry` to the list as the most recently used. */
  #link(entry: Entry<K, V>): void {
    entry.older = this.#newest;
    entry.newer = undefined;
    if (this.#newest !== undefined) this.#newest.newer = entry;
    this.#newest = entry;
    this.#oldest ??= entry;
  }

  /** Takes `entry` out of the list. */
  #unlink(entry: Entry<K, V>): void {
    if (entry.newer !== undefined) entry.newer.older = entry.older;
    else this.#newest = entry.older;
    if (entry.older !== undefined) entry.older.newer = entry.newer;
    else this.#oldest = entry.newer;
    entry.newer = undefined;
    entry.older = undefined;
  }

  /** The entry to evict next. */
  #leastRecent(): Entry<K, V> | undefined {
    return this.#oldest;
  }

  /** Removes `entry` from the map and the list. */
  #remove(entry: Entry<K, V>): void {
    this.#entries.delete(entry.key);
    this.#unlink(entry);
  }
}

function expiryOf(ttlMs: number | undefined): number {
  if (ttlMs === undefined) return Infinity;
  if (typeof ttlMs !== 'number' || !(ttlMs > 0)) {
    throw new RangeError(`LruCache ttlMs must be a positive number of milliseconds, got ${String(ttlMs)}`);
  }
  return performance.now() + ttlMs;
}

function isExpired<K, V>(entry: Entry<K, V>): boolean {
  return performance.now() >= entry.expiresAt;
}
