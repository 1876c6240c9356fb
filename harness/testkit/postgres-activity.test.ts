// Against the machine's Postgres: the activity of work on other connections is seen once the statistics
// has disconnected (sequential scans vs index lookups, and one transaction per autocommit statement).
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPostgresSpace } from '../services/postgres/postgres-space.ts';
import { measureDatabaseActivity } from './postgres-activity.ts';

const serverUrl = process.env.BCH_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
let space: Awaited<ReturnType<typeof createPostgresSpace>>;
/** Runs statements on a connection of its own and closes it, as a stopped service does. */
async function session(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: space.url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
beforeAll(async () => {
  space = await createPostgresSpace(serverUrl, `unit_activity_${process.pid}`);
  await session((c) =>
    c.query('CREATE TABLE big AS SELECT i, i % 100 AS k FROM generate_series(1, 5000) i; ALTER TABLE big ADD PRIMARY KEY (i); ANALYZE big'),
  );
});
afterAll(async () => {
  await space?.release();
});

test('a sequential scan reads the whole table; primary-key lookups read one entry each; each statement is a transaction', async () => {
  const scan = await measureDatabaseActivity(space.url, ['big'], () => session((c) => c.query('SELECT count(*) FROM big WHERE k = 3')));
  expect(scan.tables.big).toMatchObject({ seqScans: 1, seqRowsRead: 5000, indexScans: 0 });
  expect(scan.transactions, 'a connection and one statement').toBe(2);
  const lookups = await measureDatabaseActivity(space.url, ['big'], () =>
    session(async (c) => {
      for (const id of [1, 2, 3, 4, 5]) await c.query('SELECT * FROM big WHERE i = $1', [id]);
    }),
  );
  expect(lookups.tables.big).toMatchObject({ seqScans: 0, seqRowsRead: 0, indexScans: 5, indexRowsRead: 5 });
  expect(lookups.transactions, 'a connection and five statements').toBe(6);
});

test('a client left connected is an infrastructure error, not a silent miss', async () => {
  const lingering = new pg.Client({ connectionString: space.url });
  await lingering.connect();
  try {
    await expect(measureDatabaseActivity(space.url, ['big'], async () => {})).rejects.toThrow(/stayed connected/);
  } finally {
    await lingering.end();
  }
}, 30_000);

test('an unknown table is an infrastructure error', async () => {
  await expect(measureDatabaseActivity(space.url, ['nope'], async () => {})).rejects.toThrow(/no statistics for table\(s\) nope/);
});
