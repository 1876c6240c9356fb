// Against the machine's Postgres: migrations run in name order (numerically), stop at the first failure
// with the server's message and line, and a missing folder means no migrations.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { applyMigrations, migrationFiles } from './apply-migrations.ts';
import { createPostgresSpace } from './postgres-space.ts';

const serverUrl = process.env.BCH_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
let space: Awaited<ReturnType<typeof createPostgresSpace>>;
beforeAll(async () => {
  space = await createPostgresSpace(serverUrl, `unit_migrations_${process.pid}`);
});
afterAll(async () => {
  await space?.release();
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bch-migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

test('files run in numeric name order, .sql only', async () => {
  const dir = folder({
    '10_index.sql': 'CREATE INDEX t_v ON t (v);',
    '2_insert.sql': 'INSERT INTO t VALUES (1), (2);',
    '1_table.sql': 'CREATE TABLE t (v int);',
    'notes.txt': 'not SQL',
  });
  expect(migrationFiles(dir)).toEqual(['1_table.sql', '2_insert.sql', '10_index.sql']);
  expect(await applyMigrations(space.url, dir)).toEqual({ ok: true, applied: ['1_table.sql', '2_insert.sql', '10_index.sql'] });
});

test('the first failing file stops the run, with the SQL error, SQLSTATE and line', async () => {
  const dir = folder({
    '1_ok.sql': 'CREATE TABLE u (v int);',
    '2_bad.sql': 'CREATE INDEX ON u (v);\nSELECT nope FROM u;',
    '3_never.sql': 'CREATE TABLE never (v int);',
  });
  const outcome = await applyMigrations(space.url, dir);
  expect(outcome).toMatchObject({ ok: false, applied: ['1_ok.sql'], file: '2_bad.sql' });
  expect(outcome.ok === false && outcome.message).toBe('column "nope" does not exist (SQLSTATE 42703) at line 2');
});

test('no folder, no migrations', async () => {
  expect(await applyMigrations(space.url, join(tmpdir(), 'bch-no-such-folder'))).toEqual({ ok: true, applied: [] });
});
