// `bch clean`: removes what dead runs left behind, and only that: labelled containers in any state, work
// folders (killing the processes registered in them), and on the servers given, grade databases and roles,
// Redis claims and users, RabbitMQ vhosts and users, and old or unfinished installs. What a live run owns is kept and listed.
import { removeDeadContainers } from '../clean/container-leftovers.ts';
import type { Leftovers } from '../clean/leftovers.ts';
import { removeDeadPostgresSpaces } from '../clean/postgres-leftovers.ts';
import { removeDeadRabbitmqSpaces } from '../clean/rabbitmq-leftovers.ts';
import { removeDeadRedisSpaces } from '../clean/redis-leftovers.ts';
import { removeDeadRunFolders } from '../clean/work-folders.ts';
import { removeEmptySandboxCgroups } from '../clean/sandbox-cgroups.ts';
import { pruneCache } from '../submission/dependency-cache.ts';
import type { Settings } from '../config/settings.ts';
import { describeError } from '../errors.ts';
import { redact } from '../services/redact.ts';
import { ExternalProvider } from '../services/external-provider.ts';
import type { CliIo } from './main.ts';

export async function cleanCommand(settings: Pick<Settings, 'external' | 'workRoot' | 'cacheDir'>, io: CliIo): Promise<number> {
  const steps: { what: string; run: () => Promise<Leftovers> }[] = [
    { what: `the install cache ${settings.cacheDir}`, run: () => pruneInstallCache(settings.cacheDir) },
    { what: 'Docker (containers)', run: removeDeadContainers },
    { what: `the work root ${settings.workRoot}`, run: () => removeDeadRunFolders(settings.workRoot) },
    { what: 'sandbox cgroups', run: removeEmptySandboxCgroups },
    // Old, oversized and unfinished installs (bounded by age and size, see dependency-cache.ts).
  ];
  const given = (['postgres', 'redis', 'rabbitmq'] as const).filter((name) => settings.external[name]);
  const { endpoints } = await new ExternalProvider(settings.external).start(given);
  if (endpoints.postgres) steps.push({ what: `Postgres at ${redact(endpoints.postgres.url)}`, run: () => removeDeadPostgresSpaces(endpoints.postgres!.url) });
  if (endpoints.redis) steps.push({ what: `Redis at ${redact(endpoints.redis.url)}`, run: () => removeDeadRedisSpaces(endpoints.redis!.url) });
  if (endpoints.rabbitmq) steps.push({ what: `RabbitMQ at ${redact(endpoints.rabbitmq.managementUrl)}`, run: () => removeDeadRabbitmqSpaces(endpoints.rabbitmq!.managementUrl) });
  let exitCode = 0;
  let removed = 0;
  for (const step of steps) {
    try {
      const found = await step.run();
      for (const line of found.removed) io.out.write(`removed ${line}\n`);
      for (const line of found.kept) io.out.write(`kept ${line}\n`);
      removed += found.removed.length;
    } catch (error) {
      io.err.write(`bch: could not clean ${step.what} (${describeError(error)}); nothing more removed there\n`);
      exitCode = 3;
    }
  }
  io.out.write(removed > 0 ? `bch clean: removed ${removed} leftover(s)\n` : 'bch clean: nothing left behind by dead runs\n');
  if (given.length === 0) io.out.write('(no service URL given: pass --database-url, --redis-url and --amqp-url to clean those servers too)\n');
  return exitCode;
}

/** Prunes the dependency install cache by age and size, as a clean step. */
async function pruneInstallCache(cacheDir: string): Promise<Leftovers> {
  const pruned = await pruneCache(cacheDir);
  return { removed: pruned.removed.map((entry) => `install cache entry ${entry}`), kept: [`install cache: ${Math.round(pruned.keptBytes / 1024 / 1024)} MiB kept`] };
}
