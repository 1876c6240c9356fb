// The worker's configuration, read from the environment once at start-up. Every problem is reported at once,
// so a misconfigured worker fails fast with one clear message instead of misbehaving later.

export interface Config {
  port: number;
  /** RabbitMQ, with the vhost in the URL. */
  amqpUrl: string;
  /** Postgres, with the database in the URL. */
  databaseUrl: string;
  /** Base URL of the payment service, without a trailing slash. */
  paymentUrl: string;
  /** Give up on a charge request after this many ms (a transient failure). */
  paymentTimeoutMs: number;
  /** Unacknowledged messages the worker holds at once: its concurrency. */
  prefetch: number;
  /** Attempts at charging an order before it is dead-lettered (the first delivery included). */
  maxAttempts: number;
  /** Delay before the first retry; each further retry doubles it. */
  retryBaseDelayMs: number;
  /** On SIGTERM, the longest the worker may take to finish in-flight work and exit. */
  shutdownTimeoutMs: number;
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

  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value.trim() === '') {
      problems.push(`${name} is missing`);
      return '';
    }
    return value.trim();
  };

  const integer = (name: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = required(name);
    if (raw === '') return NaN;
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return value;
  };

  const config: Config = {
    port: integer('PORT', 1, 65_535),
    amqpUrl: required('AMQP_URL'),
    databaseUrl: required('DATABASE_URL'),
    paymentUrl: required('PAYMENT_URL').replace(/\/+$/, ''),
    paymentTimeoutMs: integer('PAYMENT_TIMEOUT_MS', 1),
    prefetch: integer('PREFETCH', 1, 1000),
    maxAttempts: integer('MAX_ATTEMPTS', 1, 100),
    retryBaseDelayMs: integer('RETRY_BASE_DELAY_MS', 1),
    shutdownTimeoutMs: integer('SHUTDOWN_TIMEOUT_MS', 1),
  };
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
