// A product as the caches hold it, with the time it was fetched from the upstream. The time travels with the
// product from L2 to L1, so its age (fresh, stale, too old) is the same whichever level and instance serves it.
import type { Product } from './upstream-client.ts';

export interface CachedProduct {
  product: Product;
  /** Date.now() when the upstream returned it: wall-clock time, comparable between instances. */
  fetchedAt: number;
}

/** How long ago the product was fetched, in milliseconds. */
export function ageOf(entry: CachedProduct): number {
  return Date.now() - entry.fetchedAt;
}
