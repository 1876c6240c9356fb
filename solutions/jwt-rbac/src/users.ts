// The users table: accounts, their password hashes and their roles. Ids travel as strings (bigint in the table).
import type { Pool } from 'pg';
import { hashPassword } from './passwords.ts';
import type { Role } from './permissions.ts';

export interface User {
  id: string;
  email: string;
  role: Role;
}

const columns = 'id::text AS id, email, role';
const isId = (id: unknown): id is string => typeof id === 'string' && /^[1-9]\d{0,17}$/.test(id);

export class Users {
  readonly #pool: Pool;

  constructor(pool: Pool) {
    this.#pool = pool;
  }

  async find(id: unknown): Promise<User | undefined> {
    if (!isId(id)) return undefined;
    return (await this.#pool.query<User>(`SELECT ${columns} FROM users WHERE id = $1`, [id])).rows[0];
  }

  /** The user and the stored hash, for a login. */
  async findForLogin(email: string): Promise<(User & { passwordHash: string }) | undefined> {
    const result = await this.#pool.query<User & { passwordHash: string }>(`SELECT ${columns}, password_hash AS "passwordHash" FROM users WHERE email = $1`, [email]);
    return result.rows[0];
  }

  /** Creates a viewer (or the given role, for the start-up admin); undefined when the email is taken. */
  async create(email: string, password: string, role: Role = 'viewer'): Promise<User | undefined> {
    const result = await this.#pool.query<User>(
      `INSERT INTO users (email, password_hash, role) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING ${columns}`,
      [email, await hashPassword(password), role],
    );
    return result.rows[0];
  }

  async setRole(id: unknown, role: Role): Promise<User | undefined> {
    if (!isId(id)) return undefined;
    return (await this.#pool.query<User>(`UPDATE users SET role = $2 WHERE id = $1 RETURNING ${columns}`, [id, role])).rows[0];
  }

  async delete(id: unknown): Promise<boolean> {
    if (!isId(id)) return false;
    return ((await this.#pool.query('DELETE FROM users WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }
}
