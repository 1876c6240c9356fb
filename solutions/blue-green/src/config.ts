// The service's configuration, read once from the environment and validated.
export interface Config {
  port: number;
  redisUrl: string;
  redisKeyPrefix: string;
  /** The program and arguments that start one version of the app. */
  appCommand: string[];
  readyTimeoutMs: number;
  drainTimeoutMs: number;
  rollbackWindowMs: number;
  rollbackErrorRate: number;
  rollbackMinRequests: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const number = (name: string, fallback: number, check: (n: number) => boolean = (n) => Number.isInteger(n) && n > 0): number => {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!check(value)) throw new ConfigError(`${name} must be a valid number, got "${raw}"`);
    return value;
  };
  let appCommand: unknown;
  try {
    appCommand = JSON.parse(env.APP_COMMAND ?? '');
  } catch {
    throw new ConfigError('APP_COMMAND must be a JSON array of strings: the program and its arguments');
  }
  if (!Array.isArray(appCommand) || appCommand.length === 0 || !appCommand.every((part) => typeof part === 'string')) {
    throw new ConfigError('APP_COMMAND must be a non-empty JSON array of strings');
  }
  if (!env.REDIS_URL) throw new ConfigError('REDIS_URL is required');
  return {
    port: number('PORT', 3000),
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? '',
    appCommand,
    readyTimeoutMs: number('READY_TIMEOUT_MS', 10_000),
    drainTimeoutMs: number('DRAIN_TIMEOUT_MS', 10_000),
    rollbackWindowMs: number('ROLLBACK_WINDOW_MS', 10_000),
    rollbackErrorRate: number('ROLLBACK_ERROR_RATE', 0.2, (n) => n > 0 && n <= 1),
    rollbackMinRequests: number('ROLLBACK_MIN_REQUESTS', 20),
  };
}
