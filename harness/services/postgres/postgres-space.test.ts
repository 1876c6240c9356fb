// A grade's Postgres space against the machine's Postgres: the role's bounds, and a release that leaves no session
// of it running anywhere.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withServer } from './postgres-client.ts';
import { createPostgresSpace, gradeRoleLimits, ownDatabaseOnly } from './postgres-space.ts';

const serverUrl = process.env.BCH_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

/** A connected client, or the error that refused it. */
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** The candidate's URL, on another database. */
function onDatabase(url: string, database: string): string {
  const copy = new URL(url);
  copy.pathname = `/${database}`;
  return copy.toString();
}

describe('a grade role', () => {
  let space: Awaited<ReturnType<typeof createPostgresSpace>>;
  const role = `bch_bounds${process.pid}`;
  beforeAll(async () => {
    space = await createPostgresSpace(serverUrl, `bounds${process.pid}`);
  });
  afterAll(() => space?.release());

  test('connects to its own database only: any other ends at once, with a message that says so', async () => {
    const own = await connect(space.env.DATABASE_URL);
    expect((await own.query('SELECT current_database() AS d')).rows[0].d).toBe(role);
    await own.end();
    for (const other of ['postgres', 'template1']) {
      await expect(connect(onDatabase(space.env.DATABASE_URL, other)), other).rejects.toThrow(`could not access file "${ownDatabaseOnly}"`);
    }
  });

  test('has a default statement timeout and a temporary-file limit it cannot raise', async () => {
    const own = await connect(space.env.DATABASE_URL);
    try {
      expect((await own.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe('1min');
      expect((await own.query('SHOW temp_file_limit')).rows[0].temp_file_limit).toBe(gradeRoleLimits.tempFileLimit);
      await expect(own.query("SET temp_file_limit = '100GB'")).rejects.toThrow(/permission denied/);
    } finally {
      await own.end();
    }
  });

  test(`holds at most ${gradeRoleLimits.connections} sessions`, async () => {
    const opened = await Promise.allSettled(Array.from({ length: gradeRoleLimits.connections + 3 }, () => connect(space.env.DATABASE_URL)));
    const clients = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    try {
      expect(clients).toHaveLength(gradeRoleLimits.connections);
      expect(opened.find((o) => o.status === 'rejected')?.reason.message).toMatch(/too many connections for role/);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });
});

test('release ends every session of the role, on any database, busy ones included, before dropping it', async () => {
  const space = await createPostgresSpace(serverUrl, `release${process.pid}`);
  const role = `bch_release${process.pid}`;
  // As on a server where the role could reach another database: the bound above is lifted for `postgres`.
  await withServer(serverUrl, (c) => c.query(`ALTER ROLE "${role}" IN DATABASE postgres SET session_preload_libraries = 'plpgsql'`));
  const loop =
    "SET statement_timeout = 0; DO $$ BEGIN WHILE clock_timestamp() < statement_timestamp() + interval '2 minutes' LOOP END LOOP; END $$";
  const busy = await Promise.all([connect(space.env.DATABASE_URL), connect(onDatabase(space.env.DATABASE_URL, 'postgres'))]);
  const ended = busy.map((client) =>
    client.query(loop).then(
      () => 'finished',
      (error: Error) => error.message,
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  await space.release();
  expect(await Promise.all(ended)).toEqual([expect.stringMatching(/terminat/), expect.stringMatching(/terminat/)]);
  const left = await withServer(serverUrl, (c) =>
    c.query(
      `SELECT (SELECT count(*) FROM pg_roles WHERE rolname = $1)::int AS roles,
                    (SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%statement_timestamp() + interval ''2 minutes''%' AND pid <> pg_backend_pid())::int AS loops`,
      [role],
    ),
  );
  expect(left.rows[0]).toEqual({ roles: 0, loops: 0 });
}, 30_000);
