// The service's configuration, read from the environment once at start-up. Every problem is reported at once,
// so a misconfigured instance fails fast with one clear message instead of misbehaving later.

export interface Config {
  port: number;
  /** Redis, with the database already selected in the URL (L2, shared by all instances). */
  redisUrl: string;
  /** Prefix of every Redis key and pub/sub channel this service uses. */
  redisKeyPrefix: string;
  /** Base URL of the product catalog, without a trailing slash. */
  upstreamUrl: string;
  /** The most products one instance keeps in memory (L1). */
  cacheCapacity: number;
  /** How long a product fetched from the upstream stays fresh. */
  cacheTtlMs: number;
  /** How long after that a cached product may still be served when the upstream fails. */
  staleGraceMs: number;
  /** How long to wait for the upstream before giving up. */
  upstreamTimeoutMs: number;
  /** This instance's name, for logs. */
  instanceId: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws a ConfigError listing every missing or invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  /** The variable's value, or undefined (and a problem) when it is missing or empty. */
  const required = (name: string): string | undefined => {
    const value = env[name];
    if (value === undefined || value.trim() === '') {
      problems.push(`${name} is missing`);
      return undefined;
    }
    return value;
  };

  const integer = (name: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = required(name);
    if (raw === undefined) return NaN;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    }
    return value;
  };

  const url = (name: string, protocols: readonly string[]): string => {
    const raw = required(name);
    if (raw === undefined) return '';
    if (!URL.canParse(raw) || !protocols.includes(new URL(raw).protocol)) {
      problems.push(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL, got "${raw}"`);
    }
    return raw;
  };

  const config: Config = {
    port: integer('PORT', 0, 65_535),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: required('REDIS_KEY_PREFIX') ?? '',
    upstreamUrl: url('UPSTREAM_URL', ['http:', 'https:']).replace(/\/+$/, ''),
    cacheCapacity: integer('CACHE_CAPACITY', 1),
    cacheTtlMs: integer('CACHE_TTL_MS', 1),
    staleGraceMs: integer('STALE_GRACE_MS', 0),
    upstreamTimeoutMs: integer('UPSTREAM_TIMEOUT_MS', 1),
    instanceId: required('INSTANCE_ID') ?? '',
  };
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  return config;
}
