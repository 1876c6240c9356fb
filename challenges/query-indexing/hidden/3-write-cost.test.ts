// Hidden write-cost checks: indexes are not free. Their total size has a budget, and inserts into the
// events table (the write path) must stay within a factor of inserts into a copy of it that has only its
// primary key, timed in the same check on the same database.
import { expect } from 'vitest';
import { check } from '../../../harness/testkit/index.ts';
import { withGradeDatabase } from '../fixtures/grade-database.ts';

check('index-size', async () => {
  const sizes = await withGradeDatabase(async (db) => {
    const { rows } = await db.query(`
      SELECT (SELECT coalesce(sum(pg_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm'))::bigint AS tables,
             (SELECT coalesce(sum(pg_relation_size(i.indexrelid)), 0) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
               JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT i.indisprimary)::bigint AS indexes`);
    return { tables: Number(rows[0].tables), indexes: Number(rows[0].indexes) };
  });
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  expect(
    sizes.indexes,
    `your indexes (all but primary keys) take ${mb(sizes.indexes)}; the budget is the size of the tables' data, ${mb(sizes.tables)}. Every index is written on every insert and takes memory from the cache: keep the ones a query needs, drop single-column indexes that a composite one already covers, and do not index every column`,
  ).toBeLessThanOrEqual(sizes.tables);
});

check('insert-cost', async () => {
  const rows = 30_000;
  const insert = (table: string) =>
    `INSERT INTO ${table} (customer_id, type, payload) SELECT 1 + (i * 7919) % 200000, (ARRAY['login','view','cart','checkout'])[1 + i % 4], jsonb_build_object('n', i) FROM generate_series(1, ${rows}) i`;
  const timings = await withGradeDatabase(async (db) => {
    await db.query('DROP TABLE IF EXISTS bch_events_baseline');
    await db.query('CREATE TABLE bch_events_baseline (LIKE events INCLUDING DEFAULTS INCLUDING IDENTITY)');
    await db.query('ALTER TABLE bch_events_baseline ADD PRIMARY KEY (id)');
    await db.query(
      'INSERT INTO bch_events_baseline (customer_id, type, payload, created_at) SELECT customer_id, type, payload, created_at FROM events ORDER BY id LIMIT 100000',
    );
    const timed = async (sql: string) => {
      const started = performance.now();
      await db.query(sql);
      return performance.now() - started;
    };
    await timed(insert('bch_events_baseline')); // warm-up of both, not measured
    await timed(insert('events'));
    const baseline: number[] = [];
    const events: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      baseline.push(await timed(insert('bch_events_baseline')));
      events.push(await timed(insert('events')));
    }
    await db.query('DROP TABLE bch_events_baseline');
    return { baseline: median(baseline), events: median(events) };
  });
  const ratio = timings.events / timings.baseline;
  expect(
    ratio,
    `inserting ${rows.toLocaleString('en-US')} events took ${timings.events.toFixed(0)} ms into events and ${timings.baseline.toFixed(0)} ms into a copy with only its primary key (median of 3): ${ratio.toFixed(2)}×, the limit is 2×. Each index on events is updated by every insert: index events only for a query that needs it`,
  ).toBeLessThanOrEqual(2);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
