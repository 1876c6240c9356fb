// Failed-login limits per account and per client address, counted in Redis over a fixed window: once either count
// reaches its limit, logins are refused (429) until the window ends, even with the right password.
import type { Redis } from 'ioredis';

export interface LoginLimits {
  maxFailures: number;
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

export class LoginLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #limits: LoginLimits;

  constructor(redis: Redis, keyPrefix: string, limits: LoginLimits) {
    this.#redis = redis;
    this.#prefix = `${keyPrefix}login-failures:`;
    this.#limits = limits;
  }

  #keys(email: string, address: string): [account: string, address: string] {
    return [`${this.#prefix}account:${email}`, `${this.#prefix}address:${address}`];
  }

  /** Seconds until a login may be tried again, or 0 when it may be tried now. */
  async retryAfter(email: string, address: string): Promise<number> {
    const [accountKey, addressKey] = this.#keys(email, address);
    const [[, account], [, perAddress], [, accountTtl], [, addressTtl]] = (await this.#redis
      .multi()
      .get(accountKey)
      .get(addressKey)
      .ttl(accountKey)
      .ttl(addressKey)
      .exec()) as [unknown, string | number | null][];
    const waits = [
      Number(account ?? 0) >= this.#limits.maxFailures ? Number(accountTtl) : 0,
      Number(perAddress ?? 0) >= this.#limits.maxFailuresPerAddress ? Number(addressTtl) : 0,
    ];
    return Math.max(0, ...waits.map((ttl) => (ttl < 0 ? this.#limits.windowSeconds : ttl)));
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const multi = this.#redis.multi();
    for (const key of this.#keys(email, address)) multi.incr(key).expire(key, this.#limits.windowSeconds, 'NX');
    await multi.exec();
  }

  async recordSuccess(email: string, address: string): Promise<void> {
    await this.#redis.del(this.#keys(email, address)[0]);
  }
}
