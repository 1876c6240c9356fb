// The harness's configuration, resolved once from flags and the environment, then passed around as data.
//
// | variable                   | meaning                                                        | default               |
// |----------------------------|----------------------------------------------------------------|-----------------------|
// | BCH_SERVICES               | auto, containers or external                                   | auto                  |
// | DATABASE_URL               | an already-running Postgres (external provider)                | —                     |
// | REDIS_URL                  | an already-running Redis (external provider)                   | —                     |
// | AMQP_URL                   | an already-running RabbitMQ (external provider)                | —                     |
// | RABBITMQ_MANAGEMENT_URL    | its management API, for per-grade vhosts                       | http://<amqp host>:15672 |
// | BCH_POSTGRES_IMAGE         | image for the containers provider                              | harness/config/images.ts |
// | BCH_REDIS_IMAGE            | image for the containers provider                              | harness/config/images.ts |
// | BCH_RABBITMQ_IMAGE         | image for the containers provider                              | harness/config/images.ts |
// | BCH_CACHE_DIR              | dependency installs; images.json, the set-up's stand-in images | $XDG_CACHE_HOME/bch or ~/.cache/bch |
// | BCH_WORK_DIR               | where each run copies submissions and keeps its files          | $TMPDIR/bch           |
// | BCH_SANDBOX                | auto, bwrap or none (--sandbox)                                | auto                  |
// | BCH_CHALLENGES_DIR         | the challenges folder (read once: challenge/load-challenge.ts) | challenges/           |
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { sandboxModes, type SandboxChoice } from '../sandbox/sandbox-plan.ts';
import { defaultImages, type ServiceName } from './images.ts';

export const providerChoices = ['auto', 'containers', 'external'] as const;
export type ProviderChoice = (typeof providerChoices)[number];

export interface Settings {
  provider: ProviderChoice;
  /** URLs of already-running services, for the external provider. */
  external: Partial<Record<ServiceName, string>> & { rabbitmqManagement?: string };
  images: Record<ServiceName, string>;
  cacheDir: string;
  workRoot: string;
  /** Short load durations (CI): same thresholds, shorter runs. */
  quick: boolean;
  /** Keep each grade's work directory after the run, for debugging. */
  keepWork: boolean;
  /** How candidate processes are sandboxed: auto (bwrap for grades), bwrap, or none. */
  sandbox: SandboxChoice;
  /** Only these hidden checks are run and scored (--checks); all when undefined. */
  onlyChecks?: readonly string[];
}

export interface SettingsFlags {
  services?: string;
  databaseUrl?: string;
  redisUrl?: string;
  amqpUrl?: string;
  rabbitmqManagementUrl?: string;
  quick?: boolean;
  keepWork?: boolean;
  sandbox?: string;
  checks?: string;
}

/** Merges flags over the environment over the defaults; flags win. */
export function resolveSettings(flags: SettingsFlags = {}, env: NodeJS.ProcessEnv = process.env): Readonly<Settings> {
  const provider = flags.services ?? (env.BCH_SERVICES || 'auto');
  if (!(providerChoices as readonly string[]).includes(provider)) {
    throw new UsageError('BCH_BAD_SERVICES', `--services must be one of ${providerChoices.join(', ')}, got "${provider}".`);
  }
  const external = {
    postgres: flags.databaseUrl ?? (env.DATABASE_URL || undefined),
    redis: flags.redisUrl ?? (env.REDIS_URL || undefined),
    rabbitmq: flags.amqpUrl ?? (env.AMQP_URL || undefined),
    rabbitmqManagement: flags.rabbitmqManagementUrl ?? (env.RABBITMQ_MANAGEMENT_URL || undefined),
  };
  for (const [name, url] of Object.entries(external)) {
    if (url !== undefined && !URL.canParse(url)) {
      throw new UsageError('BCH_BAD_URL', `The ${name} URL "${url}" is not a URL (expected e.g. redis://localhost:6379).`);
    }
  }
  const sandbox = flags.sandbox ?? (env.BCH_SANDBOX || 'auto');
  if (!(sandboxModes as readonly string[]).includes(sandbox)) {
    throw new UsageError('BCH_BAD_SANDBOX', `--sandbox must be one of ${sandboxModes.join(', ')}, got "${sandbox}".`);
  }
  const cacheBase = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return Object.freeze({
    provider: provider as ProviderChoice,
    external,
    images: {
      postgres: env.BCH_POSTGRES_IMAGE || defaultImages.postgres,
      redis: env.BCH_REDIS_IMAGE || defaultImages.redis,
      rabbitmq: env.BCH_RABBITMQ_IMAGE || defaultImages.rabbitmq,
    },
    cacheDir: env.BCH_CACHE_DIR || join(cacheBase, 'bch'),
    workRoot: env.BCH_WORK_DIR || join(tmpdir(), 'bch'),
    quick: flags.quick ?? false,
    keepWork: flags.keepWork ?? false,
    sandbox: sandbox as SandboxChoice,
    ...(flags.checks !== undefined && { onlyChecks: Object.freeze(flags.checks.split(',').map((id) => id.trim()).filter(Boolean)) }),
  });
}
