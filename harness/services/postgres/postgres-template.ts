// A challenge's data set, seeded ONCE per version into a template database that every grade copies.
// The version is a hash of the seed SQL and the seed value, so a changed seed gets a new template and an
// unchanged one is reused across runs (and CI runs on one machine). Concurrent runs serialize on an
// advisory lock; the seed goes into a temporary database that is renamed only when complete, so a
// half-seeded template is never used. The template refuses connections, so CREATE DATABASE … TEMPLATE
// never finds it busy.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { EnvironmentError } from '../../errors.ts';
import { withDatabase, withServer } from './postgres-client.ts';
import { redact } from '../redact.ts';

export interface DatasetSpec {
  /** The challenge id, part of the template's name. */
  challengeId: string;
  /** The seed SQL (set-based); it reads its seed value with current_setting('bch.seed'). */
  seedSql: string;
  seedValue: number;
}

export interface PreparedTemplate {
  /** The template database every grade copies. */
  name: string;
  /** How long seeding took in this run; undefined when the template already existed. */
  seededMs?: number;
}

/** Bump when the way a template is built changes (not its SQL: that is hashed). */
const templateFormat = 1;

/** The template's name: bch_tpl_<challenge>_<hash of format, seed SQL and seed value>. */
export function templateName(spec: DatasetSpec): string {
  const hash = createHash('sha256').update(`${templateFormat}\n${spec.seedValue}\n${spec.seedSql}`).digest('hex').slice(0, 12);
  return `bch_tpl_${spec.challengeId.replace(/[^a-z0-9]/g, '_')}_${hash}`.slice(0, 63);
}

/** Returns the template of this data-set version, seeding it first if no run has done so yet. */
export async function prepareTemplate(serverUrl: string, spec: DatasetSpec): Promise<PreparedTemplate> {
  const name = templateName(spec);
  const seeding = `${name}_seeding`;
  try {
    return await withServer(serverUrl, async (admin) => {
      // Session-level lock held while seeding: a concurrent run waits here, then finds the template.
      await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      try {
        if (await databaseExists(admin, name)) return { name };
        const started = Date.now();
        await admin.query(`DROP DATABASE IF EXISTS "${seeding}" WITH (FORCE)`);
        // Byte-order collation: text sorts the same on every image and machine.
        await admin.query(`CREATE DATABASE "${seeding}" TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'`);
        try {
          await withDatabase(serverUrl, seeding, async (db) => {
            await db.query(`SELECT set_config('bch.seed', $1, false)`, [String(spec.seedValue)]);
            await db.query(spec.seedSql);
            // Planner statistics and an all-visible map travel with the copy.
            await db.query('VACUUM (FREEZE, ANALYZE)');
          });
          await admin.query(`ALTER DATABASE "${seeding}" RENAME TO "${name}"`);
          await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
        } catch (error) {
          await admin.query(`DROP DATABASE IF EXISTS "${seeding}" WITH (FORCE)`).catch(() => {});
          throw error;
        }
        return { name, seededMs: Date.now() - started };
      } finally {
        await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => {});
      }
    });
  } catch (error) {
    throw new EnvironmentError(
      'BCH_DATASET_SEED_FAILED',
      `Could not seed the data set of ${spec.challengeId} (template ${name}) on ${redact(serverUrl)}: ${(error as Error).message}. Check that Postgres is running, the user may CREATE DATABASE, and the seed SQL runs on this version.`,
      { cause: error },
    );
  }
}

/** Drops a template (e.g. to measure seeding from scratch); waits for a run that is seeding it. */
export async function dropTemplate(serverUrl: string, spec: DatasetSpec): Promise<void> {
  const name = templateName(spec);
  await withServer(serverUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    try {
      if (await databaseExists(admin, name)) await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => {});
    }
  });
}

/** CREATE DATABASE as a file-level copy of a template: FILE_COPY on Postgres 15+ (WAL_LOG, the 15+ default, is far slower for a big database). */
export async function createDatabaseFromTemplate(admin: pg.Client, database: string, template: string, owner?: string): Promise<void> {
  const version = Number((await admin.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0].v);
  const strategy = version >= 150000 ? ' STRATEGY = FILE_COPY' : '';
  await admin.query(`CREATE DATABASE "${database}"${owner ? ` OWNER "${owner}"` : ''} TEMPLATE "${template}"${strategy}`);
}

async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
}
