// The service's configuration, read from the environment once at start-up. Every problem is reported at once,
// so a misconfigured instance fails fast with one clear message instead of misbehaving later.
import { createPrivateKey, createPublicKey } from 'node:crypto';

export interface Config {
  port: number;
  /** Postgres, with the database already selected in the URL. */
  databaseUrl: string;
  /** Redis, with the database already selected in the URL. */
  redisUrl: string;
  /** Prefix of every Redis key this service uses. */
  redisKeyPrefix: string;
  /** RSA private key (PEM) that signs access tokens (RS256). */
  jwtPrivateKey: string;
  /** The matching RSA public key (PEM) that verifies them. */
  jwtPublicKey: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** The administrator account created at start-up when it does not exist. */
  adminEmail: string;
  adminPassword: string;
  /** Failed logins allowed per account, and per client address, within the window. */
  loginMaxFailures: number;
  loginMaxFailuresPerAddress: number;
  loginWindowSeconds: number;
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
      problems.push(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL`);
    }
    return raw;
  };

  const pem = (name: string, parse: (pem: string) => unknown): string => {
    const raw = required(name);
    if (raw === undefined) return '';
    try {
      parse(raw);
    } catch {
      problems.push(`${name} must be an RSA key in PEM format`);
    }
    return raw;
  };

  const config: Config = {
    port: integer('PORT', 0, 65_535),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: required('REDIS_KEY_PREFIX') ?? '',
    jwtPrivateKey: pem('JWT_PRIVATE_KEY', createPrivateKey),
    jwtPublicKey: pem('JWT_PUBLIC_KEY', createPublicKey),
    accessTokenTtlSeconds: integer('ACCESS_TOKEN_TTL_SECONDS', 1),
    refreshTokenTtlSeconds: integer('REFRESH_TOKEN_TTL_SECONDS', 1),
    adminEmail: required('ADMIN_EMAIL') ?? '',
    adminPassword: required('ADMIN_PASSWORD') ?? '',
    loginMaxFailures: integer('LOGIN_MAX_FAILURES', 1),
    loginMaxFailuresPerAddress: integer('LOGIN_MAX_FAILURES_PER_ADDRESS', 1),
    loginWindowSeconds: integer('LOGIN_WINDOW_SECONDS', 1),
  };
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
  return config;
}
