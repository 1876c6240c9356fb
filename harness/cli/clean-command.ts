// `bch clean`: removes what dead runs left behind, and only that: labelled containers in any state, work
// folders (killing the processes registered in them), and on the servers given, grade databases and roles,
// Redis claims and users, RabbitMQ vhosts and users, and old or unfinished installs. What a live run owns is kept and listed.
import { removeDeadContainers } from '../clean/container-leftovers.ts';
import type { Leftovers } from '../clean/leftovers.ts';
import { removeDeadRunFolders } from '../clean/work-folders.ts';
import { removeEmptySandboxCgroups } from '../clean/sandbox-cgroups.ts';
import { pruneCache } from '../submission/dependency-cache.ts';
import type { Settings } from '../config/settings.ts';
import { describeError } from '../errors.ts';
import { ExternalProvider } from '../providers/external-provider.ts';
import type { ServiceEndpoints } from '../services/service-provider.ts';
import { serviceNames, serviceRegistry, type ServiceName } from '../services/service-registry.ts';
import { flagOf } from '../config/service-url-settings.ts';
import type { CliIo } from './cli-io.ts';
import type { Command } from 'commander';
import { resolveSettings, type SettingsFlags } from '../config/settings.ts';
import { addServiceUrlOptions } from './service-url-options.ts';

export async function cleanCommand(settings: Pick<Settings, 'external' | 'workRoot' | 'cacheDir'>, io: CliIo): Promise<number> {
  const steps: { what: string; run: () => Promise<Leftovers> }[] = [
    { what: `the install cache ${settings.cacheDir}`, run: () => pruneInstallCache(settings.cacheDir) },
    { what: 'Docker (containers)', run: removeDeadContainers },
    { what: `the work root ${settings.workRoot}`, run: () => removeDeadRunFolders(settings.workRoot) },
    { what: 'sandbox cgroups', run: removeEmptySandboxCgroups },
    // Old, oversized and unfinished installs (bounded by age and size, see dependency-cache.ts).
  ];
  const given = serviceNames.filter((name) => settings.external[name]);
  const { endpoints } = await new ExternalProvider(settings.external).start(given);
  for (const name of given) steps.push(leftoversStep(name, endpoints));
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
  if (given.length === 0)
    io.out.write(
      `(no service URL given: pass ${listed(serviceNames.map((name) => flagOf(serviceRegistry[name].urls[0])))} to clean those servers too)\n`,
    );
  return exitCode;
}

/** The clean step of one service's server: what dead runs left there (its leftovers module). */
function leftoversStep<N extends ServiceName>(name: N, endpoints: ServiceEndpoints): { what: string; run: () => Promise<Leftovers> } {
  const { leftovers } = serviceRegistry[name];
  const endpoint = endpoints[name]!;
  return { what: leftovers.where(endpoint), run: () => leftovers.remove(endpoint) };
}

/** "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Prunes the dependency install cache by age and size, as a clean step. */
async function pruneInstallCache(cacheDir: string): Promise<Leftovers> {
  const pruned = await pruneCache(cacheDir);
  return {
    removed: pruned.removed.map((entry) => `install cache entry ${entry}`),
    kept: [`install cache: ${Math.round(pruned.keptBytes / 1024 / 1024)} MiB kept`],
  };
}

/** Adds `bch clean`. */
export function registerCleanCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  addServiceUrlOptions(
    program
      .command('clean')
      .description(
        'remove what dead runs left behind: containers, work folders and their processes, unfinished installs (and prune the install cache), and on the given servers grade databases, roles, Redis claims and users, vhosts and users (what live runs own is kept)',
      ),
    'also this',
  ).action(async (flags: SettingsFlags) => {
    setExitCode(await cleanCommand(resolveSettings(flags, io.env), io));
  });
}
