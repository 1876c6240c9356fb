// The migrate step: the submission's own SQL migrations on the grade's database, as the grade's role (never the
// admin: the SQL is the candidate's), for challenges that declare `submission.migrations`.
import { join } from 'node:path';
import { applyMigrations } from '../../services/postgres/apply-migrations.ts';

export interface MigrateInput {
  /** The runnable copy of the submission. */
  appDir: string;
  /** The manifest's migrations folder, relative to the submission. */
  folder: string;
  /** The grade role's URL of the grade's database. */
  databaseUrl: string;
}

export type MigrateOutcome = { ok: true; applied: string[] } | { ok: false; failedFile: string; message: string };

export async function migrateStep({ appDir, folder, databaseUrl }: MigrateInput): Promise<MigrateOutcome> {
  const outcome = await applyMigrations(databaseUrl, join(appDir, folder));
  if (outcome.ok) return { ok: true, applied: outcome.applied };
  const before = outcome.applied.length ? ` (applied before it: ${outcome.applied.join(', ')})` : '';
  return {
    ok: false,
    failedFile: outcome.file,
    message: `your migration ${folder}/${outcome.file} failed: ${outcome.message}${before}. Fix the SQL; it runs on the data set before your service starts.`,
  };
}
