// Against the machine's Postgres: a data set is seeded once per version, concurrent runs do not seed twice,
// a failed seed leaves no template, and grade databases are copies of the template.
import { randomBytes } from 'node:crypto';
import { afterAll, expect, test } from 'vitest';
import { createPostgresSpace } from './postgres-space.ts';
import { withDatabase } from './postgres-client.ts';
import { dropTemplate, prepareTemplate, templateName, type DatasetSpec } from './postgres-template.ts';

const serverUrl = process.env.BCH_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const run = randomBytes(3).toString('hex');
const spec = (seedSql: string, seedValue = 7): DatasetSpec => ({ challengeId: `unit-${run}`, seedSql, seedValue });
const seed = `CREATE TABLE t AS SELECT i, hashint8extended(i, current_setting('bch.seed')::bigint) AS h FROM generate_series(1, 1000) i; SELECT pg_sleep(0.5);`;
const created: DatasetSpec[] = [];

afterAll(async () => {
  for (const s of created) await dropTemplate(serverUrl, s).catch(() => {});
});

test('the name changes with the seed SQL and the seed value, and fits an identifier', () => {
  expect(templateName(spec(seed))).toBe(templateName(spec(seed)));
  expect(templateName(spec(seed, 8))).not.toBe(templateName(spec(seed)));
  expect(templateName(spec(`${seed} `))).not.toBe(templateName(spec(seed)));
  expect(templateName(spec(seed)).length).toBeLessThanOrEqual(63);
});

test('two concurrent runs seed once; the next run reuses the template; grades get copies', async () => {
  const s = spec(seed);
  created.push(s);
  const [a, b] = await Promise.all([prepareTemplate(serverUrl, s), prepareTemplate(serverUrl, s)]);
  expect(a.name).toBe(b.name);
  expect(
    [a.seededMs, b.seededMs].filter((ms) => ms !== undefined),
    'exactly one of the two seeded',
  ).toHaveLength(1);
  expect((await prepareTemplate(serverUrl, s)).seededMs, 'cached').toBeUndefined();
  const space = await createPostgresSpace(serverUrl, `unit_${run}_copy`, a.name);
  try {
    const rows = await withDatabase(
      serverUrl,
      new URL(space.url).pathname.slice(1),
      async (db) => (await db.query('SELECT count(*)::int AS n, sum(h)::text AS s FROM t')).rows[0],
    );
    expect(rows.n).toBe(1000);
    const expected = await withDatabase(
      serverUrl,
      'postgres',
      async (db) => (await db.query(`SELECT sum(hashint8extended(i, 7))::text AS s FROM generate_series(1, 1000) i`)).rows[0].s,
    );
    expect(rows.s, 'the seed value reached the seed SQL').toBe(expected);
  } finally {
    await space.release();
  }
});

test('a failing seed is an environment error and leaves neither the template nor the half-seeded database', async () => {
  const s = spec('CREATE TABLE t (i int); SELECT no_such_function();');
  created.push(s);
  await expect(prepareTemplate(serverUrl, s)).rejects.toMatchObject({ code: 'BCH_DATASET_SEED_FAILED' });
  const left = await withDatabase(
    serverUrl,
    'postgres',
    async (db) => (await db.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${templateName(s)}%`])).rows,
  );
  expect(left).toEqual([]);
});
