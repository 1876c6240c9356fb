// The query-indexing fixture that counts a service's SQL statements, against the real Postgres of the machine.
import pg from 'pg';
import { afterEach, expect, test } from 'vitest';
import { StatementCounter } from '../challenges/query-indexing/fixtures/statement-counter.ts';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
let counter: StatementCounter | undefined;
afterEach(() => counter?.close());

test('counts simple and extended-protocol statements, also inside a transaction, and not BEGIN or COMMIT', async () => {
  counter = await StatementCounter.start(databaseUrl);
  const client = new pg.Client({ connectionString: counter.url });
  await client.connect();
  const before = counter.statements;
  await client.query('SELECT 1');
  await client.query('SELECT $1::int AS n', [2]);
  await client.query('BEGIN');
  for (let i = 0; i < 3; i += 1) await client.query({ name: 'per-row', text: 'SELECT $1::int AS n', values: [i] });
  await client.query('COMMIT');
  await client.query('SELECT 1; SELECT 2');
  const { rows } = await client.query('SELECT 41 + 1 AS answer');
  await client.end();
  expect(rows, 'answers pass through the relay unchanged').toEqual([{ answer: 42 }]);
  expect(counter.statements - before).toBe(8);
});
