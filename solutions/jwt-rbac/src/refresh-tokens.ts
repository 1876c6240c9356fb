// Refresh tokens: random, stored as SHA-256 hashes, single use. Each rotation stays in the token's family; using a
// token twice revokes the whole family (a sign that it was stolen), and logout revokes the family too.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');

export class RefreshTokens {
  readonly #pool: Pool;
  readonly #ttlSeconds: number;

  constructor(pool: Pool, ttlSeconds: number) {
    this.#pool = pool;
    this.#ttlSeconds = ttlSeconds;
  }

  /** A new token for the user, in a new family unless one is given. */
  async issue(userId: string, familyId: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.#pool.query(
      `INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [hashOf(token), familyId, userId, this.#ttlSeconds],
    );
    return token;
  }

  /** Spends a token: its user and a successor in the same family, or undefined (and the family revoked on reuse). */
  async rotate(token: string): Promise<{ userId: string; next: string } | undefined> {
    const spent = await this.#pool.query<{ user_id: string; family_id: string }>(
      `UPDATE refresh_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id::text, family_id`,
      [hashOf(token)],
    );
    if (spent.rowCount === 1) {
      const { user_id: userId, family_id: familyId } = spent.rows[0];
      return { userId, next: await this.issue(userId, familyId) };
    }
    await this.#pool.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL)`,
      [hashOf(token)],
    );
    return undefined;
  }

  /** Revokes the family of a token of this user (nothing when the token is unknown or someone else's). */
  async revokeFamily(token: string, userId: string): Promise<void> {
    await this.#pool.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2)`,
      [hashOf(token), userId],
    );
  }
}
