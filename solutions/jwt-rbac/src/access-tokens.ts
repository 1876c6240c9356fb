// Access tokens: short-lived RS256 JWTs with sub, role, iat, exp and jti. Verification pins the algorithm and key,
// allows 30 s of clock skew, and a deny-list in Redis (keyed by jti, kept until the token would expire) revokes them.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { importPKCS8, importSPKI, jwtVerify, SignJWT, type CryptoKey } from 'jose';
import { isRole, type Role } from './permissions.ts';

export const clockSkewSeconds = 30;

export interface AccessClaims {
  sub: string;
  role: Role;
  jti: string;
  exp: number;
}

export class AccessTokens {
  readonly #privateKey: CryptoKey;
  readonly #publicKey: CryptoKey;
  readonly #ttlSeconds: number;
  readonly #redis: Redis;
  readonly #denyPrefix: string;

  private constructor(privateKey: CryptoKey, publicKey: CryptoKey, ttlSeconds: number, redis: Redis, keyPrefix: string) {
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
    this.#ttlSeconds = ttlSeconds;
    this.#redis = redis;
    this.#denyPrefix = `${keyPrefix}revoked-jti:`;
  }

  static async create(options: { privateKeyPem: string; publicKeyPem: string; ttlSeconds: number; redis: Redis; keyPrefix: string }): Promise<AccessTokens> {
    const [privateKey, publicKey] = await Promise.all([importPKCS8(options.privateKeyPem, 'RS256'), importSPKI(options.publicKeyPem, 'RS256')]);
    return new AccessTokens(privateKey, publicKey, options.ttlSeconds, options.redis, options.keyPrefix);
  }

  get ttlSeconds(): number {
    return this.#ttlSeconds;
  }

  sign(userId: string, role: Role): Promise<string> {
    return new SignJWT({ role })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setSubject(userId)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${this.#ttlSeconds}s`)
      .sign(this.#privateKey);
  }

  /** The claims of a valid, unrevoked token; undefined for anything else. */
  async verify(token: string): Promise<AccessClaims | undefined> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.#publicKey, {
        algorithms: ['RS256'],
        clockTolerance: clockSkewSeconds,
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      }));
    } catch {
      return undefined;
    }
    const { sub, jti, exp, role } = payload;
    if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || !isRole(role)) return undefined;
    if ((await this.#redis.exists(this.#denyPrefix + jti)) === 1) return undefined;
    return { sub, jti, exp, role };
  }

  /** Denies the token until it would have expired anyway (plus the skew allowance). */
  async revoke(claims: AccessClaims): Promise<void> {
    const seconds = Math.max(1, claims.exp + clockSkewSeconds - Math.floor(Date.now() / 1000));
    await this.#redis.set(this.#denyPrefix + claims.jti, '1', 'EX', seconds);
  }
}
