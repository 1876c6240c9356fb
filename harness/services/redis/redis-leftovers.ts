// Dead runs' Redis claims and grade users (bch-*). A claim names its grade's user and holds the owner mark;
// a dead run's claim is deleted and its index flushed in one script (so an index claimed again in between is
// never touched), and its keys in database 0 deleted; a bch-* user that no live claim names is a dead run's.
import { Redis } from 'ioredis';
import { deleteKeys, gradeKeyPrefix, parseClaim, redisClaimPrefix, redisUserPrefix } from './redis-space.ts';
import { judge, type Leftovers } from '../../clean/leftovers.ts';

const removeClaimScript = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SELECT', ARGV[2])
redis.call('FLUSHDB')
redis.call('SELECT', 0)
return redis.call('DEL', KEYS[1])`;

export async function removeDeadRedisSpaces(serverUrl: string): Promise<Leftovers> {
  const found: Leftovers = { removed: [], kept: [] };
  const control = new Redis(serverUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 10_000, db: 0 });
  try {
    await control.connect();
    // Users first: a user listed now was created after its claim, so the claim is in the next list unless released.
    const users = ((await control.call('ACL', 'USERS')) as string[]).filter((u) => u.startsWith(redisUserPrefix));
    const liveUsers = new Set<string>();
    for (const key of await control.keys(`${redisClaimPrefix}*`)) {
      const value = await control.get(key);
      if (value === null || !/^\d+$/.test(key.slice(redisClaimPrefix.length))) continue;
      const claim = parseClaim(value);
      if (!judge(found, `Redis claim ${key}${claim ? ` (grade ${claim.grade})` : ''}`, claim?.owner)) {
        if (claim) liveUsers.add(claim.user);
        continue;
      }
      if ((await control.eval(removeClaimScript, 1, key, value, key.slice(redisClaimPrefix.length))) === 1) {
        if (claim) await deleteKeys(control, gradeKeyPrefix(claim.grade));
        found.removed.push(`Redis claim ${key} and its database`);
      }
    }
    for (const user of users.filter((u) => !liveUsers.has(u))) {
      await control.call('ACL', 'DELUSER', user);
      await deleteKeys(control, gradeKeyPrefix(user.slice(redisUserPrefix.length)));
      found.removed.push(`Redis user ${user}`);
    }
  } finally {
    control.disconnect();
  }
  return found;
}
