// L2: products cached in Redis and shared by every instance. A value is the JSON of a CachedProduct; Redis expires
// it once it is too old to be served even as stale, so L2 needs no cleanup of its own.
import type { Redis } from 'ioredis';
import type { CachedProduct } from './cached-product.ts';
import { isProduct } from './upstream-client.ts';

export class SharedCache {
  readonly #redis: Redis;
  readonly #keyPrefix: string;
  readonly #lifetimeMs: number;

  /** `lifetimeMs`: how long after its fetch an entry may still be served (freshness plus stale grace). */
  constructor(options: { redis: Redis; keyPrefix: string; lifetimeMs: number }) {
    this.#redis = options.redis;
    this.#keyPrefix = options.keyPrefix;
    this.#lifetimeMs = options.lifetimeMs;
  }

  /** The cached copy of a product, or undefined (also for a value this service did not write). */
  async get(id: string): Promise<CachedProduct | undefined> {
    const raw = await this.#redis.get(this.#key(id));
    if (raw === null) return undefined;
    try {
      const entry = JSON.parse(raw) as Partial<CachedProduct>;
      return typeof entry.fetchedAt === 'number' && isProduct(entry.product) ? { product: entry.product, fetchedAt: entry.fetchedAt } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a copy until the end of its lifetime, counted from its fetch. */
  async set(id: string, entry: CachedProduct): Promise<void> {
    const remainingMs = entry.fetchedAt + this.#lifetimeMs - Date.now();
    if (remainingMs <= 0) return;
    await this.#redis.set(this.#key(id), JSON.stringify(entry), 'PX', Math.ceil(remainingMs));
  }

  async delete(id: string): Promise<void> {
    await this.#redis.del(this.#key(id));
  }

  #key(id: string): string {
    return `${this.#keyPrefix}product:${id}`;
  }
}
