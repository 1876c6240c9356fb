// `bch clean`: removes what killed runs left behind: labelled containers, Redis database claims, unfinished
// installs, and prunes the install cache (by age and size).
import { removeManagedContainers } from '../services/container-provider.ts';
import { releaseAllRedisClaims } from '../services/redis-space.ts';
import { describeError } from '../errors.ts';
import { pruneCache } from '../submission/dependency-cache.ts';
import type { CliIo } from './main.ts';

export async function cleanCommand(flags: { redisUrl?: string; cacheDir: string }, io: CliIo): Promise<number> {
  let exitCode = 0;
  const pruned = await pruneCache(flags.cacheDir);
  io.out.write(`install cache ${flags.cacheDir}: removed ${pruned.removed.length} old, oversized or unfinished entr${pruned.removed.length === 1 ? 'y' : 'ies'}, kept ${Math.round(pruned.keptBytes / 1024 / 1024)} MiB\n`);
  try {
    const removed = await removeManagedContainers();
    io.out.write(removed.length > 0 ? `removed ${removed.length} container(s): ${removed.join(', ')}\n` : 'no bch containers found\n');
  } catch (error) {
    io.err.write(`bch: could not reach Docker to look for containers (${describeError(error)}); nothing removed\n`);
    exitCode = 3;
  }
  if (flags.redisUrl) {
    try {
      const released = await releaseAllRedisClaims(flags.redisUrl);
      io.out.write(`released ${released} Redis database claim(s)\n`);
    } catch (error) {
      io.err.write(`bch: could not reach Redis at the given URL (${describeError(error)})\n`);
      exitCode = 3;
    }
  }
  return exitCode;
}
