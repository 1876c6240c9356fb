// The harness's configuration, resolved once from flags and the environment, then passed around as data.
//
// | variable                   | meaning                                                        | default               |
// |----------------------------|----------------------------------------------------------------|-----------------------|
// | BCH_SERVICES               | auto, containers or external                                   | auto                  |
// | DATABASE_URL               | an already-running Postgres (external provider)                | —                     |
// | REDIS_URL                  | an already-running Redis (external provider)                   | —                     |
// | AMQP_URL                   | an already-running RabbitMQ (external provider)                | —                     |
// | RABBITMQ_MANAGEMENT_URL    | its management API, for per-grade vhosts                       | http://<amqp user>:<password>@<amqp host>:15672 (guest/guest when the AMQP URL has no user) |
// | BCH_POSTGRES_IMAGE         | image for the containers provider                              | harness/services/postgres/postgres-service.ts |
// | BCH_REDIS_IMAGE            | image for the containers provider                              | harness/services/redis/redis-service.ts |
// | BCH_RABBITMQ_IMAGE         | image for the containers provider                              | harness/services/rabbitmq/rabbitmq-service.ts |
// | BCH_CACHE_DIR              | dependency installs; images.json, the set-up's stand-in images | $XDG_CACHE_HOME/bch or ~/.cache/bch |
// | BCH_WORK_DIR               | where each run copies submissions and keeps its files          | $TMPDIR/bch           |
// | BCH_SANDBOX                | auto, bwrap or none (--sandbox)                                | auto                  |
// | BCH_ALLOW_UNAUTHENTICATED_SERVICES | 1: grade with external services that let an admin in without a password (--allow-unauthenticated-services) | refuse |
// | BCH_CHECK_LANES            | checks run side by side in a grade (timing none or clock), each in a lane of its own services' spaces | one per core, 2 to 4 |
// | BCH_CHALLENGES_DIR         | the challenges folder (read once: config/challenges-root.ts) | challenges/           |
// The service URL variables and flags, and the image variables, come from the service registry (services/service-registry.ts).
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { sandboxModes, type SandboxChoice } from '../sandbox/sandbox-plan.ts';
import {
  byService,
  defaultImages,
  imageVariable,
  type ExternalUrlKey,
  type ServiceName,
  type UrlOption,
} from '../services/service-registry.ts';
import { resolveExternalUrls } from './service-url-settings.ts';
import { providerNames } from '../services/service-provider.ts';

export const providerChoices = ['auto', ...providerNames] as const;
export type ProviderChoice = (typeof providerChoices)[number];

export interface Settings {
  provider: ProviderChoice;
  /** URLs of already-running services, for the external provider. */
  external: Partial<Record<ExternalUrlKey, string>>;
  images: Record<ServiceName, string>;
  cacheDir: string;
  workRoot: string;
  /** Short load durations (CI): same thresholds, shorter runs. */
  quick: boolean;
  /** Keep each grade's work directory after the run, for debugging. */
  keepWork: boolean;
  /** How candidate processes are sandboxed: auto (bwrap for grades), bwrap, or none. */
  sandbox: SandboxChoice;
  /** Grade with external services that let anyone in as an admin without a password (services/refuse-open-services.ts). */
  allowUnauthenticatedServices: boolean;
  /** Only these hidden checks are run and scored (--checks); all when undefined. */
  onlyChecks?: readonly string[];
  /** How many checks that measure no CPU time may run side by side in one grade, each with its own spaces (BCH_CHECK_LANES). */
  checkLanes: number;
}

/** The most lanes a grade opens: a check's cost is mostly its service instances' starts, which are CPU work, so
 * one lane per core, 2 to 4 (on 2 cores, lru-cache's tests took 28.0 s with 2 lanes, 30.3 s with 4, 34.1 s with 1). */
export const defaultCheckLanes = (cores = availableParallelism()): number => Math.min(4, Math.max(2, cores));
const maxCheckLanes = 8;

/** `databaseUrl`, `redisUrl`, `amqpUrl`, `rabbitmqManagementUrl`: one per URL setting of the registry. */
export interface SettingsFlags extends Partial<Record<UrlOption, string>> {
  services?: string;
  quick?: boolean;
  keepWork?: boolean;
  sandbox?: string;
  checks?: string;
  allowUnauthenticatedServices?: boolean;
}

/** Merges flags over the environment over the defaults; flags win. */
export function resolveSettings(flags: SettingsFlags = {}, env: NodeJS.ProcessEnv = process.env): Readonly<Settings> {
  const provider = flags.services ?? (env.BCH_SERVICES || 'auto');
  if (!(providerChoices as readonly string[]).includes(provider)) {
    throw new UsageError('BCH_BAD_SERVICES', `--services must be one of ${providerChoices.join(', ')}, got "${provider}".`);
  }
  const external = resolveExternalUrls(flags, env);
  const sandbox = flags.sandbox ?? (env.BCH_SANDBOX || 'auto');
  if (!(sandboxModes as readonly string[]).includes(sandbox)) {
    throw new UsageError('BCH_BAD_SANDBOX', `--sandbox must be one of ${sandboxModes.join(', ')}, got "${sandbox}".`);
  }
  const lanes = env.BCH_CHECK_LANES ? Number(env.BCH_CHECK_LANES) : defaultCheckLanes();
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > maxCheckLanes) {
    throw new UsageError(
      'BCH_BAD_CHECK_LANES',
      `BCH_CHECK_LANES must be a whole number from 1 to ${maxCheckLanes}, got "${env.BCH_CHECK_LANES}". 1 runs every check alone.`,
    );
  }
  const cacheBase = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return Object.freeze({
    provider: provider as ProviderChoice,
    external,
    images: byService((name) => env[imageVariable(name)] || defaultImages[name]),
    cacheDir: env.BCH_CACHE_DIR || join(cacheBase, 'bch'),
    workRoot: env.BCH_WORK_DIR || join(tmpdir(), 'bch'),
    quick: flags.quick ?? false,
    keepWork: flags.keepWork ?? false,
    sandbox: sandbox as SandboxChoice,
    checkLanes: lanes,
    allowUnauthenticatedServices:
      flags.allowUnauthenticatedServices || ['1', 'true'].includes(env.BCH_ALLOW_UNAUTHENTICATED_SERVICES ?? ''),
    ...(flags.checks !== undefined && {
      onlyChecks: Object.freeze(
        flags.checks
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      ),
    }),
  });
}
