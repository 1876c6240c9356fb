// The read-through cache in front of the catalog: L1 (this instance's memory), then L2 (Redis, shared by every
// instance), then the upstream. It decides what is fresh, what may be served stale, and what a write invalidates.
//
// A product's age is counted from its fetch (CachedProduct.fetchedAt), whichever level holds it:
//   age < ttl                 fresh: served from the first level that has it
//   ttl <= age < ttl + grace  stale: served only when the upstream fails
//   age >= ttl + grace        gone: both levels drop it by then (their own TTLs)
import { ageOf, type CachedProduct } from './cached-product.ts';
import type { InvalidationChannel } from './invalidation-channel.ts';
import type { LruCache } from './lru-cache.ts';
import type { SharedCache } from './shared-cache.ts';
import { SingleFlight, type IsCurrent } from './single-flight.ts';
import type { Product, UpstreamClient, UpstreamReply } from './upstream-client.ts';

/** Where a served product came from (also sent as the X-Cache header). */
export type CacheSource = 'l1' | 'l2' | 'upstream' | 'stale';

export type ProductLookup = { found: true; product: Product; source: CacheSource } | { found: false };

/** What the product cache needs of its L1 (an LruCache provides it). */
export type LocalCache = Pick<LruCache<string, CachedProduct>, 'get' | 'set' | 'delete' | 'size' | 'stats'>;

export interface ProductCacheOptions {
  l1: LocalCache;
  l1Capacity: number;
  l2: SharedCache;
  upstream: UpstreamClient;
  invalidations: InvalidationChannel;
  ttlMs: number;
  staleGraceMs: number;
  /** Where to report problems that do not fail the request (L2 unavailable). */
  warn: (message: string) => void;
}

const notFound: ProductLookup = { found: false };

/** A write reached the upstream, but Redis failed while invalidating: other copies may be out of date. */
export class InvalidationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidationError';
  }
}

export class ProductCache {
  readonly #l1: LocalCache;
  readonly #l1Capacity: number;
  readonly #l2: SharedCache;
  readonly #upstream: UpstreamClient;
  readonly #invalidations: InvalidationChannel;
  readonly #ttlMs: number;
  readonly #lifetimeMs: number;
  readonly #warn: (message: string) => void;
  /** Loads (L2, then upstream) in progress, one per product id. */
  readonly #loads = new SingleFlight<string, ProductLookup>();
  readonly #counts = { l2Hits: 0, upstreamRequests: 0, upstreamFailures: 0, staleServed: 0 };

  constructor(options: ProductCacheOptions) {
    this.#l1 = options.l1;
    this.#l1Capacity = options.l1Capacity;
    this.#l2 = options.l2;
    this.#upstream = options.upstream;
    this.#invalidations = options.invalidations;
    this.#ttlMs = options.ttlMs;
    this.#lifetimeMs = options.ttlMs + options.staleGraceMs;
    this.#warn = options.warn;
  }

  /** The product from the nearest level that has it fresh; throws an UpstreamError when no copy can be served. */
  async get(id: string): Promise<ProductLookup> {
    const local = this.#l1.get(id);
    if (local !== undefined && this.#isFresh(local)) return { found: true, product: local.product, source: 'l1' };
    // Concurrent misses for one id share one load, and so one upstream request.
    return this.#loads.run(id, (isCurrent) => this.#load(id, local, isCurrent));
  }

  /**
   * Writes through to the upstream; once it accepted the change, and before answering, drops every cached copy:
   * this instance's L1, L2, and (by pub/sub) the other instances' L1.
   */
  async update(id: string, changes: unknown): Promise<UpstreamReply> {
    const reply = await this.#upstream.putProduct(id, changes);
    if (reply.status >= 200 && reply.status < 300) {
      this.evictLocal(id);
      try {
        await this.#l2.delete(id);
        await this.#invalidations.publish(id);
      } catch (error) {
        throw new InvalidationError(`product ${id} was updated, but cached copies could not be invalidated`, { cause: error });
      }
    }
    return reply;
  }

  /** Drops this instance's copy, and detaches a load in progress so it cannot store the old version afterwards. */
  evictLocal(id: string): void {
    this.#l1.delete(id);
    this.#loads.forget(id);
  }

  stats() {
    return {
      l1: { size: this.#l1.size, capacity: this.#l1Capacity, ...this.#l1.stats() },
      l2: { hits: this.#counts.l2Hits },
      upstream: { requests: this.#counts.upstreamRequests, failures: this.#counts.upstreamFailures },
      staleServed: this.#counts.staleServed,
      loadsInFlight: this.#loads.size,
    };
  }

  /** L1 missed or is stale: try L2, then the upstream, then fall back to a stale copy. */
  async #load(id: string, local: CachedProduct | undefined, isCurrent: IsCurrent): Promise<ProductLookup> {
    const shared = await this.#readShared(id);
    if (shared !== undefined && this.#isFresh(shared)) {
      this.#counts.l2Hits += 1;
      if (isCurrent()) this.#keepLocal(id, shared);
      return { found: true, product: shared.product, source: 'l2' };
    }

    let product: Product | undefined;
    this.#counts.upstreamRequests += 1;
    try {
      product = await this.#upstream.getProduct(id);
    } catch (error) {
      this.#counts.upstreamFailures += 1;
      const fallback = this.#newestServable(local, shared);
      if (fallback === undefined) throw error;
      this.#counts.staleServed += 1;
      return { found: true, product: fallback.product, source: 'stale' };
    }
    // The product does not exist (yet): cache nothing, so it is found as soon as it is created.
    if (product === undefined) return notFound;

    const entry: CachedProduct = { product, fetchedAt: Date.now() };
    // A write made while we fetched has already invalidated this id: storing our copy could bring back the old version.
    if (isCurrent()) {
      this.#keepLocal(id, entry);
      await this.#writeShared(id, entry);
    }
    return { found: true, product, source: 'upstream' };
  }

  #isFresh(entry: CachedProduct): boolean {
    return ageOf(entry) < this.#ttlMs;
  }

  /** The more recent of the copies still young enough to be served stale, if any. */
  #newestServable(...copies: (CachedProduct | undefined)[]): CachedProduct | undefined {
    let newest: CachedProduct | undefined;
    for (const copy of copies) {
      if (copy !== undefined && ageOf(copy) < this.#lifetimeMs && (newest === undefined || copy.fetchedAt > newest.fetchedAt)) newest = copy;
    }
    return newest;
  }

  /** Puts a copy in L1 until the end of its lifetime (counted from its fetch, not from now). */
  #keepLocal(id: string, entry: CachedProduct): void {
    const remainingMs = entry.fetchedAt + this.#lifetimeMs - Date.now();
    if (remainingMs > 0) this.#l1.set(id, entry, { ttlMs: remainingMs });
  }

  /** L2 is an optimisation: when Redis fails, read as a miss and go on to the upstream. */
  async #readShared(id: string): Promise<CachedProduct | undefined> {
    try {
      return await this.#l2.get(id);
    } catch (error) {
      this.#warn(`L2 read of product ${id} failed: ${(error as Error).message}`);
      return undefined;
    }
  }

  async #writeShared(id: string, entry: CachedProduct): Promise<void> {
    try {
      await this.#l2.set(id, entry);
    } catch (error) {
      this.#warn(`L2 write of product ${id} failed: ${(error as Error).message}`);
    }
  }
}
