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
// | BCH_CHALLENGES_DIR         | the challenges folder (read once: config/challenges-root.ts) | challenges/           |
// The service URL variables and flags, and the image variables, come from the service registry (services/service-registry.ts).
import { homedir, tmpdir } from 'node:os';
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
}

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
