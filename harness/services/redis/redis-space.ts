// A Redis database index, a key prefix and an ACL user of its own for one grade. Indexes 1..N are claimed
// with a key in database 0 (SET NX), flushed before and after, so concurrent grades on one server never share
// keys. A claim is a lease: it expires within seconds unless the grade renews it, so a killed run frees it.
// The candidate connects as the ACL user: only its prefix's keys and channels, only its index, no admin,
// dangerous or scripting commands (Redis 6.2+). The hidden tests keep the admin's URL. Release ends a script
// still running, closes the user's connections (ACL DELUSER), and removes its keys: its index, and its prefix in
// database 0, where every connection starts without a SELECT.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { EnvironmentError } from '../../errors.ts';
import { encodeOwner, parseOwner, type RunOwner } from '../../lifecycle/run-owner.ts';
import { redact } from '../redact.ts';
import type { ServiceSpace } from '../service-definition.ts';
import { eventually } from '../../eventually.ts';

export const redisClaimPrefix = 'bch:db-claim:';
/** ACL users of grades are named bch-<grade>. */
export const redisUserPrefix = 'bch-';

/** The key and channel prefix of a grade. */
export const gradeKeyPrefix = (grade: string): string => `bch:${grade}:`;

export interface RedisLease {
  /** How long a claim lives without renewal. */
  ttlMs: number;
  /** How often a running grade renews it. */
  renewEveryMs: number;
}

export const defaultLease: RedisLease = { ttlMs: 30_000, renewEveryMs: 10_000 };

/** What a claim key holds: the grade, its ACL user, and the process that owns it. */
export interface RedisClaim {
  grade: string;
  user: string;
  owner?: RunOwner;
}

// Extends the claim when it is still ours; takes it again when it lapsed and nobody took it; 0 when another grade holds it.
const renewScript = `local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 2 end
return 0`;
// Deletes the claim only when it is still ours.
const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * The ACL rules of a grade's user: its prefix's keys and channels, its own index, no admin or dangerous commands
 * (INFO stays: clients such as ioredis read it when they connect), and no scripting: Redis runs one script at a
 * time and answers every other client BUSY while it runs, so one Lua loop (EVAL, or FCALL of a function) stops
 * every grade on the server. None of the challenges needs Lua; their statements say it is not available.
 */
export function gradeUserRules(password: string, keyPrefix: string, index: number): string[] {
  return [
    'reset',
    'on',
    `>${password}`,
    `~${keyPrefix}*`,
    `&${keyPrefix}*`,
    '+@all',
    '-@admin',
    '-@dangerous',
    '-@scripting',
    '+info',
    '-select',
    `+select|${index}`,
    '-move',
    '-copy',
  ];
}

export async function createRedisSpace(
  serverUrl: string,
  name: string,
  lease: RedisLease = defaultLease,
): Promise<Omit<ServiceSpace, 'admin'> & { url: string; keyPrefix: string }> {
  const control = new Redis(serverUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 10_000, db: 0 });
  const user = `${redisUserPrefix}${name}`;
  const keyPrefix = gradeKeyPrefix(name);
  const password = randomBytes(18).toString('hex');
  const claimValue = JSON.stringify({ grade: name, user, owner: JSON.parse(encodeOwner()) } satisfies RedisClaim);
  let index: number | undefined;
  try {
    await control.connect();
    const [, configured] = (await control.config('GET', 'databases').catch(() => ['databases', '16'])) as string[];
    const count = Number(configured) || 16;
    for (let candidate = 1; candidate < count && index === undefined; candidate += 1) {
      if ((await control.set(`${redisClaimPrefix}${candidate}`, claimValue, 'PX', lease.ttlMs, 'NX')) === 'OK') index = candidate;
    }
    if (index === undefined) {
      throw new EnvironmentError(
        'BCH_REDIS_FULL',
        `All ${count - 1} Redis databases of ${redact(serverUrl)} are claimed by other grades. Wait for them (a killed run's claim lapses within ${lease.ttlMs / 1000} s), or remove what dead runs left with \`bch clean\`.`,
      );
    }
    await control.select(index);
    await control.flushdb();
    await control.select(0);
    await control.call('ACL', 'SETUSER', user, ...gradeUserRules(password, keyPrefix, index)).catch((error: Error) => {
      throw new EnvironmentError(
        'BCH_REDIS_UNAVAILABLE',
        `Could not create the grade's Redis user on ${redact(serverUrl)}: ${error.message}. Per-grade users need Redis 6.2 or newer and an admin connection (the URL's user may run ACL SETUSER).`,
        { cause: error },
      );
    });
  } catch (error) {
    if (index !== undefined) await control.eval(releaseScript, 1, `${redisClaimPrefix}${index}`, claimValue).catch(() => {});
    control.disconnect();
    if (error instanceof EnvironmentError) throw error;
    throw new EnvironmentError(
      'BCH_REDIS_UNAVAILABLE',
      `Could not prepare a Redis database for the grade on ${redact(serverUrl)}: ${(error as Error).message}. Check that Redis is running.`,
      { cause: error },
    );
  }
  const claimed = index;
  const claimKey = `${redisClaimPrefix}${claimed}`;
  const renewal = setInterval(() => {
    control.eval(renewScript, 1, claimKey, claimValue, lease.ttlMs).catch(() => {}); // a missed renewal is retried at the next tick
  }, lease.renewEveryMs);
  renewal.unref();
  const admin = new URL(serverUrl);
  admin.pathname = `/${claimed}`;
  const candidate = new URL(admin);
  candidate.username = user;
  candidate.password = password;
  return {
    url: admin.toString(),
    keyPrefix,
    env: { REDIS_URL: candidate.toString(), REDIS_KEY_PREFIX: keyPrefix },
    release: async () => {
      clearInterval(renewal);
      try {
        await unlessBusy(control, async () => {
          // Also closes every connection of the user (Redis 6.2+).
          await control.call('ACL', 'DELUSER', user);
          await control.select(claimed);
          await control.flushdb();
          await control.select(0);
          await deleteKeys(control, keyPrefix);
          await control.eval(releaseScript, 1, claimKey, claimValue);
        });
      } finally {
        control.disconnect();
      }
    },
  };
}

/**
 * Runs `steps` (which may run again); while Redis answers BUSY, ends the Lua script or function that keeps it busy,
 * then tries again, for up to 10 s. A script that runs past Redis's busy threshold (5 s by default; before it, Redis
 * reads no command at all, so a step waits) blocks every client, this release included, whoever runs it. Grade
 * users may not run scripts; this covers a server where someone else does. A script that wrote cannot be killed
 * (UNKILLABLE): then the release fails and the claim lapses.
 */
async function unlessBusy(control: Redis, steps: () => Promise<void>): Promise<void> {
  const busy = (error: unknown) => (error as Error).message.startsWith('BUSY');
  await eventually(
    async () => {
      try {
        await steps();
      } catch (error) {
        if (busy(error)) {
          await control.call('SCRIPT', 'KILL').catch(() => {}); // NOTBUSY when it was a function
          await control.call('FUNCTION', 'KILL').catch(() => {});
        }
        throw error;
      }
    },
    { timeoutMs: 10_000, intervalMs: 250, retryOn: busy },
  );
}

/** Deletes the keys under `prefix` in the selected database (a grade's keys in database 0). */
export async function deleteKeys(control: Redis, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  do {
    const [next, keys] = await control.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await control.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Reads a claim key's value; undefined for a value that is not a claim (an older format counts as unowned). */
export function parseClaim(value: string | null): RedisClaim | undefined {
  if (!value) return undefined;
  try {
    const claim = JSON.parse(value) as Partial<RedisClaim>;
    if (typeof claim.grade !== 'string' || typeof claim.user !== 'string') return undefined;
    return { grade: claim.grade, user: claim.user, owner: parseOwner(JSON.stringify(claim.owner ?? null)) };
  } catch {
    return undefined;
  }
}
