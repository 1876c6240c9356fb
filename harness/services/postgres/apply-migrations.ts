// The candidate's schema changes: every `*.sql` file of the submission's migrations folder, in file-name
// order, each as one simple-query call (one implicit transaction, unless the file manages its own), on the
// grade's database before the service starts. A failing migration is the candidate's failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { EnvironmentError } from '../../errors.ts';

export type MigrationOutcome = { ok: true; applied: string[] } | { ok: false; applied: string[]; file: string; message: string };

/** A migration statement running longer than this fails (it is the candidate's to make fast). */
export const migrationTimeoutMs = 180_000;

/** The migration files of a folder in the order they run (none when the folder does not exist). */
export function migrationFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** Applies the migrations in order and stops at the first that fails, returning its SQL error. */
export async function applyMigrations(databaseUrl: string, dir: string): Promise<MigrationOutcome> {
  const files = migrationFiles(dir);
  const applied: string[] = [];
  if (files.length === 0) return { ok: true, applied };
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000, statement_timeout: migrationTimeoutMs });
  try {
    await client.connect();
  } catch (error) {
    throw new EnvironmentError(
      'BCH_POSTGRES_UNAVAILABLE',
      `Could not connect to the grade's database to apply migrations: ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    for (const file of files) {
      const sql = readFileSync(join(dir, file), 'utf8');
      try {
        await client.query(sql);
      } catch (error) {
        // An error with a SQLSTATE came from the server about this SQL; anything else is the connection's.
        if (!(error instanceof pg.DatabaseError)) {
          throw new EnvironmentError(
            'BCH_POSTGRES_UNAVAILABLE',
            `Lost the grade's database while applying ${file}: ${(error as Error).message}`,
            { cause: error },
          );
        }
        return { ok: false, applied, file, message: describeSqlError(error, sql) };
      }
      applied.push(file);
    }
    return { ok: true, applied };
  } finally {
    await client.end().catch(() => {});
  }
}

/** The server's message with its SQLSTATE and the line of the file it points at. */
function describeSqlError(error: pg.DatabaseError, sql: string): string {
  const position = Number(error.position);
  const line = Number.isInteger(position) && position > 0 ? sql.slice(0, position - 1).split('\n').length : undefined;
  return `${error.message}${error.code ? ` (SQLSTATE ${error.code})` : ''}${line ? ` at line ${line}` : ''}`;
}
