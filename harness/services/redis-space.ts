// A Redis database index and a key prefix of its own for one grade. Indexes 1..N are claimed with a key in
// database 0 (SET NX), flushed before and after, so concurrent grades on one server never share keys.
// Pub/sub channels are server-wide in Redis: the prefix (REDIS_KEY_PREFIX) is what keeps those apart.
import { Redis } from 'ioredis';
import { EnvironmentError } from '../errors.ts';
import type { ServiceSpace } from './postgres-space.ts';
import { redact } from './redact.ts';

const claimTtlMs = 6 * 60 * 60 * 1000;
export const redisClaimPrefix = 'bch:db-claim:';

export async function createRedisSpace(serverUrl: string, name: string): Promise<ServiceSpace & { url: string; keyPrefix: string }> {
  const control = new Redis(serverUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 10_000, db: 0 });
  let index: number | undefined;
  try {
    await control.connect();
    const [, configured] = ((await control.config('GET', 'databases').catch(() => ['databases', '16'])) as string[]);
    const count = Number(configured) || 16;
    for (let candidate = 1; candidate < count && index === undefined; candidate += 1) {
      if ((await control.set(`${redisClaimPrefix}${candidate}`, name, 'PX', claimTtlMs, 'NX')) === 'OK') index = candidate;
    }
    if (index === undefined) {
      throw new EnvironmentError('BCH_REDIS_FULL', `All ${count - 1} Redis databases of ${redact(serverUrl)} are claimed by other grades. Wait for them, or remove stale claims with \`bch clean\`.`);
    }
    await control.select(index);
    await control.flushdb();
    await control.select(0);
  } catch (error) {
    control.disconnect();
    if (error instanceof EnvironmentError) throw error;
    throw new EnvironmentError('BCH_REDIS_UNAVAILABLE', `Could not prepare a Redis database for the grade on ${redact(serverUrl)}: ${(error as Error).message}. Check that Redis is running.`, { cause: error });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${index}`;
  const keyPrefix = `bch:${name}:`;
  const claimed = index;
  return {
    url: url.toString(),
    keyPrefix,
    env: { REDIS_URL: url.toString(), REDIS_KEY_PREFIX: keyPrefix },
    release: async () => {
      try {
        await control.select(claimed);
        await control.flushdb();
        await control.select(0);
        await control.del(`${redisClaimPrefix}${claimed}`);
      } finally {
        control.disconnect();
      }
    },
  };
}

/** Drops every claim (for `bch clean`, after killed runs). */
export async function releaseAllRedisClaims(serverUrl: string): Promise<number> {
  const control = new Redis(serverUrl, { maxRetriesPerRequest: 1, db: 0 });
  try {
    const keys = await control.keys(`${redisClaimPrefix}*`);
    return keys.length > 0 ? await control.del(...keys) : 0;
  } finally {
    control.disconnect();
  }
}
