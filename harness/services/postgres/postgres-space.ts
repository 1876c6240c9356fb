// A database of its own for one grade, and a role of its own that owns it: created before (empty, or a copy
// of the challenge's data-set template), dropped after, once every session of the role, on any database, has
// ended. The candidate connects as the role (no superuser, cannot create databases or roles, no session on any
// other database, at most `gradeRoleLimits.connections` sessions); the hidden tests keep the admin's URL.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { EnvironmentError } from '../../errors.ts';
import { encodeOwner } from '../../lifecycle/run-owner.ts';
import { withDatabase, withServer } from './postgres-client.ts';
import { createDatabaseFromTemplate } from './postgres-template.ts';
import { redact } from '../redact.ts';
import type { ServiceSpace } from '../service-definition.ts';
import { eventually, NotYet, notYet } from '../../eventually.ts';

/** Names of grade databases and their roles (the same name); data-set templates are bch_tpl_*. */
export const gradeDatabasePrefix = 'bch_';

/** What one grade's role may take of the server. */
export const gradeRoleLimits = {
  /** Sessions at once, on any database (the references hold at most 10; a server allows 100 by default). */
  connections: 20,
  /** Each statement's default limit. A session may raise it (SET), so it stops runaway queries, not an attack:
   * the release ends every session. Migrations set their own (apply-migrations.ts). */
  statementTimeout: '60s',
  /** Temporary files (sorts, hashes) of one session; only a superuser may raise it. */
  tempFileLimit: '1GB',
} as const;

/**
 * A library that does not exist, loaded at the start of every session of a grade's role except on its own
 * database (where plpgsql, always installed, is loaded instead): a session on any other database, `postgres`
 * included, ends at once with FATAL: could not access file "bch-grade-role-may-only-connect-to-its-own-database".
 * A role's session_preload_libraries cannot be changed by the role (it is superuser-only, also at connection).
 * `REVOKE CONNECT … FROM PUBLIC` on the server's other databases would do the same, but they are not the harness's.
 */
export const ownDatabaseOnly = 'bch-grade-role-may-only-connect-to-its-own-database';

export async function createPostgresSpace(
  serverUrl: string,
  name: string,
  template?: string,
): Promise<Omit<ServiceSpace, 'admin'> & { url: string }> {
  const database = `${gradeDatabasePrefix}${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  const role = database;
  const password = randomBytes(18).toString('hex');
  try {
    await withServer(serverUrl, async (client) => {
      await dropGradeDatabase(client, database);
      // The owner mark (see `bch clean`) is on the role, set in the same (implicit) transaction that creates it.
      await client.query(
        `CREATE ROLE "${role}" LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT ${gradeRoleLimits.connections}; COMMENT ON ROLE "${role}" IS ${client.escapeLiteral(encodeOwner())}`,
      );
      await client.query(
        `ALTER ROLE "${role}" SET statement_timeout = '${gradeRoleLimits.statementTimeout}'; ALTER ROLE "${role}" SET temp_file_limit = '${gradeRoleLimits.tempFileLimit}'; ALTER ROLE "${role}" SET session_preload_libraries = '${ownDatabaseOnly}'`,
      );
      if (template) await createDatabaseFromTemplate(client, database, template, role);
      else await client.query(`CREATE DATABASE "${database}" OWNER "${role}"`);
      await client.query(`REVOKE ALL ON DATABASE "${database}" FROM PUBLIC`);
      await client.query(`ALTER ROLE "${role}" IN DATABASE "${database}" SET session_preload_libraries = 'plpgsql'`);
    });
    if (template) await withDatabase(serverUrl, database, (client) => giveSchemaTo(client, role));
  } catch (error) {
    await withServer(serverUrl, (client) => dropGradeDatabase(client, database)).catch(() => {});
    throw new EnvironmentError(
      'BCH_POSTGRES_UNAVAILABLE',
      `Could not create a database and role for the grade on ${redact(serverUrl)}: ${(error as Error).message}. Check that Postgres is running and the user is a superuser (it creates a role and a database per grade).`,
      { cause: error },
    );
  }
  const admin = new URL(serverUrl);
  admin.pathname = `/${database}`;
  const candidate = new URL(admin);
  candidate.username = role;
  candidate.password = password;
  return {
    url: admin.toString(),
    env: { DATABASE_URL: candidate.toString() },
    release: () => withServer(serverUrl, (client) => dropGradeDatabase(client, database)),
  };
}

/** Ends every session of a grade's role (on any database), then drops its database and the role. */
export async function dropGradeDatabase(client: pg.Client, database: string): Promise<void> {
  await endSessionsOf(client, database);
  await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await client.query(`DROP ROLE IF EXISTS "${database}"`);
}

/**
 * Stops the role from logging in, terminates every session it has on any database, and waits until they are
 * gone. DROP DATABASE … WITH (FORCE) ends only the sessions of the database it drops, DROP ROLE none, and a
 * statement (a PL/pgSQL loop) keeps running after its client went away.
 */
export async function endSessionsOf(client: pg.Client, role: string, timeoutMs = 10_000): Promise<void> {
  if ((await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 0) return;
  await client.query(`ALTER ROLE "${role}" NOLOGIN`);
  await eventually(
    async () => {
      const { rows } = await client.query<{ pid: number }>(
        `SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE usesysid = (SELECT oid FROM pg_roles WHERE rolname = $1) AND pid <> pg_backend_pid()`,
        [role],
      );
      if (rows.length > 0) {
        throw new NotYet(
          `${rows.length} sessions of role ${role} (pids ${rows.map((r) => r.pid).join(', ')}) were still running after pg_terminate_backend`,
        );
      }
    },
    { timeoutMs, intervalMs: 50, retryOn: notYet },
  );
}

/**
 * Makes the role the owner of everything in schema public of a copied data set (the seed ran as the admin),
 * so that the candidate's migrations may index and alter those tables. Only catalog rows change: no table is
 * rewritten. Sequences owned by a column and indexes follow their table.
 */
async function giveSchemaTo(client: pg.Client, role: string): Promise<void> {
  await client.query(`DO $$
DECLARE r record;
BEGIN
  EXECUTE format('ALTER SCHEMA public OWNER TO %I', ${client.escapeLiteral(role)});
  FOR r IN SELECT c.oid::regclass AS object, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I',
      CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
      r.object, ${client.escapeLiteral(role)});
  END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS object FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.object, ${client.escapeLiteral(role)});
  END LOOP;
  FOR r IN SELECT t.oid::regtype AS object, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r')
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.object, ${client.escapeLiteral(role)});
  END LOOP;
END $$`);
}
