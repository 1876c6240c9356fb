// Per-grade credentials against the machine's real services: data planted in one grade's space cannot be read
// or written with another grade's URLs, the candidate's URLs are never the admin's, and release removes the
// role, the ACL user and the RabbitMQ user.
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyMigrations } from '../harness/services/postgres/apply-migrations.ts';
import { createGradeSpace, type GradeSpace } from '../harness/services/grade-space.ts';
import { withServer } from '../harness/services/postgres/postgres-client.ts';
import { createPostgresSpace } from '../harness/services/postgres/postgres-space.ts';
import { prepareTemplate } from '../harness/services/postgres/postgres-template.ts';
import { externalUrlFlags, localServices, runBch } from './support/run-bch.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const endpoints = {
  postgres: { url: localServices.postgres },
  redis: { url: localServices.redis },
  rabbitmq: { url: localServices.rabbitmq, managementUrl: `http://guest:guest@${new URL(localServices.rabbitmq).hostname}:15672` },
};
const all = ['postgres', 'redis', 'rabbitmq'] as const;
let one: GradeSpace;
let two: GradeSpace;
const tag = `cred${process.pid}`;

beforeAll(async () => {
  [one, two] = await Promise.all([createGradeSpace(endpoints, all, `${tag}a`), createGradeSpace(endpoints, all, `${tag}b`)]);
});
afterAll(async () => {
  await Promise.all([one?.release(), two?.release()]);
});

/** A URL with another path (database, Redis index or vhost). */
function withPath(url: string, path: string): string {
  const copy = new URL(url);
  copy.pathname = `/${path}`;
  return copy.toString();
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end().catch(() => {});
  }
}

test("the candidate never gets an admin URL: every service URL names the grade's own user", () => {
  for (const space of [one, two]) {
    expect(new URL(space.env.DATABASE_URL).username).toMatch(/^bch_/);
    expect(new URL(space.env.REDIS_URL).username).toMatch(/^bch-/);
    expect(new URL(space.env.AMQP_URL).username).toMatch(/^bch-/);
    for (const url of Object.values(space.env)) expect(url).not.toContain('guest');
    expect(new URL(space.env.DATABASE_URL).username).not.toBe(new URL(space.admin.postgresUrl!).username);
  }
});

describe('Postgres', () => {
  test("another grade's role cannot connect to the grade's database, create databases or roles, or run programs", async () => {
    await query(one.env.DATABASE_URL, `CREATE TABLE secret (v text); INSERT INTO secret VALUES ('one')`);
    const otherDatabase = new URL(one.env.DATABASE_URL).pathname.slice(1);
    await expect(query(withPath(two.env.DATABASE_URL, otherDatabase), 'SELECT v FROM secret')).rejects.toThrow(
      /permission denied for database/,
    );
    await expect(query(two.env.DATABASE_URL, `CREATE DATABASE ${tag}_x`)).rejects.toThrow(/permission denied/);
    await expect(query(two.env.DATABASE_URL, `CREATE ROLE ${tag}_x`)).rejects.toThrow(/permission denied/);
    await expect(query(two.env.DATABASE_URL, `COPY (SELECT 1) TO PROGRAM 'true'`)).rejects.toThrow(/permission denied|must be superuser/);
    expect((await query(one.admin.postgresUrl!, 'SELECT v FROM secret')).rows, 'the hidden tests read with the admin URL').toEqual([
      { v: 'one' },
    ]);
  });

  test("migrations run as the grade's role: superuser-only SQL fails as the candidate's error", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bch-migrations-'));
    await writeFile(join(dir, '001.sql'), `COPY (SELECT 1) TO PROGRAM 'touch /tmp/${tag}-pwned'`);
    const outcome = await applyMigrations(two.env.DATABASE_URL, dir);
    expect(outcome).toMatchObject({ ok: false, file: '001.sql', message: expect.stringMatching(/permission denied|must be superuser/) });
  });

  test("a copy of a data-set template belongs to the grade's role: its migrations may index and alter the tables", async () => {
    const template = await prepareTemplate(localServices.postgres, {
      challengeId: 'credentials_test',
      seedSql: `CREATE TABLE items (id serial PRIMARY KEY, name text); INSERT INTO items (name) SELECT 'n' || i FROM generate_series(1, 100) i;`,
      seedValue: 1,
    });
    const space = await createPostgresSpace(localServices.postgres, `${tag}t`, template.name);
    try {
      await query(
        space.env.DATABASE_URL,
        `CREATE INDEX items_name ON items (name); ALTER TABLE items ADD COLUMN note text; INSERT INTO items (name) VALUES ('new')`,
      );
      expect((await query(space.env.DATABASE_URL, 'SELECT count(*)::int AS n FROM items')).rows[0].n).toBe(101);
    } finally {
      await space.release();
    }
  });
});

describe('Redis', () => {
  let r1: Redis;
  let r2: Redis;
  beforeAll(async () => {
    r1 = new Redis(one.env.REDIS_URL);
    r2 = new Redis(two.env.REDIS_URL);
    await Promise.all([r1.ping(), r2.ping()]);
  });
  afterAll(() => {
    r1?.disconnect();
    r2?.disconnect();
  });

  test("ioredis connects as the grade's user (ready check included) and uses its prefix", async () => {
    expect(r1.status).toBe('ready');
    await r1.set(`${one.env.REDIS_KEY_PREFIX}planted`, 'one');
    expect(await r1.get(`${one.env.REDIS_KEY_PREFIX}planted`)).toBe('one');
    await expect(r1.set('unprefixed', 'x'), 'a key outside the prefix').rejects.toThrow(/NOPERM/);
  });

  test('another grade cannot read the keys, select the index, subscribe to the channels or run admin commands', async () => {
    const otherIndex = new URL(one.env.REDIS_URL).pathname.slice(1);
    await expect(r2.get(`${one.env.REDIS_KEY_PREFIX}planted`)).rejects.toThrow(/NOPERM/);
    await expect(r2.select(Number(otherIndex))).rejects.toThrow(/NOPERM/);
    await expect(r2.publish(`${one.env.REDIS_KEY_PREFIX}events`, 'x')).rejects.toThrow(/NOPERM/);
    for (const command of [
      ['FLUSHALL'],
      ['FLUSHDB'],
      ['CONFIG', 'GET', 'requirepass'],
      ['KEYS', '*'],
      ['SWAPDB', '0', otherIndex],
      ['ACL', 'LIST'],
      ['CLIENT', 'LIST'],
      ['MOVE', `${two.env.REDIS_KEY_PREFIX}k`, otherIndex],
    ]) {
      await expect(r2.call(command[0], ...command.slice(1)), command.join(' ')).rejects.toThrow(/NOPERM/);
    }
    const admin = new Redis(one.admin.redisUrl!);
    expect(await admin.get(`${one.env.REDIS_KEY_PREFIX}planted`), "the admin URL (the hidden tests') still reads it").toBe('one');
    admin.disconnect();
  });
});

describe('RabbitMQ', () => {
  test("another grade's user cannot open the grade's vhost; each user works in its own", async () => {
    const own = await amqp.connect(one.env.AMQP_URL);
    const channel = await own.createChannel();
    await channel.assertQueue('planted');
    await own.close();
    const otherVhost = decodeURIComponent(new URL(one.env.AMQP_URL).pathname.slice(1));
    await expect(amqp.connect(withPath(two.env.AMQP_URL, encodeURIComponent(otherVhost)))).rejects.toThrow(
      /ConnectionClose|access to vhost|NOT_ALLOWED/i,
    );
    const admin = await amqp.connect(one.admin.amqpUrl!);
    expect(await (await admin.createChannel()).checkQueue('planted'), "the admin URL (the hidden tests') opens it").toMatchObject({
      queue: 'planted',
    });
    await admin.close();
    const management = new URL(endpoints.rabbitmq.managementUrl);
    const user = new URL(two.env.AMQP_URL);
    const api = await fetch(new URL('/api/vhosts', management.origin), {
      headers: { authorization: `Basic ${Buffer.from(`${decodeURIComponent(user.username)}:${user.password}`).toString('base64')}` },
    });
    expect(api.status, 'the grade user may not use the management API').toBeGreaterThanOrEqual(401);
    await api.body?.cancel();
  });
});

test('release removes the role, the Redis user and the RabbitMQ user', async () => {
  const space = await createGradeSpace(endpoints, all, `${tag}r`);
  await space.release();
  const roles = await withServer(localServices.postgres, (c) => c.query(`SELECT 1 FROM pg_roles WHERE rolname = 'bch_${tag}r'`));
  expect(roles.rowCount).toBe(0);
  const admin = new Redis(localServices.redis);
  expect(await admin.call('ACL', 'USERS')).not.toContain(`bch-${tag}r`);
  admin.disconnect();
  const response = await fetch(new URL(`/api/users/bch-${tag}r`, 'http://127.0.0.1:15672'), {
    headers: { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` },
  });
  expect(response.status).toBe(404);
  await response.body?.cancel();
});

test("bch grade refuses this machine's password-less services, naming them, and grades with --allow-unauthenticated-services", async () => {
  const args = ['grade', 'lru-cache', 'solutions/lru-cache', ...externalUrlFlags, '--quick', '--checks', 'lru-capacity,read-through-l1'];
  const refused = await runBch(args, { json: false });
  expect(refused.exitCode, refused.stderr).toBe(2);
  expect(refused.stderr).toContain(`Redis at ${localServices.redis}: a connection without a password is the user default`);
  expect(refused.stderr).toContain('--allow-unauthenticated-services');
  const allowed = await runBch([...args, '--allow-unauthenticated-services']);
  expect(allowed.exitCode, allowed.stderr).toBe(0);
  expect(allowed.reports[0]).toMatchObject({ status: 'pass', score: allowed.reports[0].max_score });
}, 120_000);
