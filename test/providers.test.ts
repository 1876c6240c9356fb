// Service providers against real services: containers start only what is needed, labelled, and are removed;
// per-grade spaces keep two grades at once apart, in Postgres, Redis and RabbitMQ, and vanish on release.
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readImageMap } from '../harness/config/image-map.ts';
import { resolveSettings } from '../harness/config/settings.ts';
import { ContainerProvider } from '../harness/providers/container-provider.ts';
import { ExternalProvider } from '../harness/providers/external-provider.ts';
import { createGradeSpace, type GradeSpace } from '../harness/services/grade-space.ts';
import type { ServiceEndpoints, StartedServices } from '../harness/services/service-provider.ts';
import { labelledContainers } from './support/labelled-containers.ts';
import { localServices } from './support/run-bch.ts';

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** Writes in one grade's spaces must be invisible from the other's, and gone after release. */
async function expectIsolated(endpoints: ServiceEndpoints) {
  const [one, two] = await Promise.all([
    createGradeSpace(endpoints, ['postgres', 'redis', 'rabbitmq'], `test${Date.now()}a`),
    createGradeSpace(endpoints, ['postgres', 'redis', 'rabbitmq'], `test${Date.now()}b`),
  ]);
  const released: GradeSpace[] = [];
  try {
    expect(one.env.DATABASE_URL).not.toBe(two.env.DATABASE_URL);
    expect(one.env.REDIS_URL).not.toBe(two.env.REDIS_URL);
    expect(one.env.REDIS_KEY_PREFIX).not.toBe(two.env.REDIS_KEY_PREFIX);
    expect(one.env.AMQP_URL).not.toBe(two.env.AMQP_URL);

    // Each grade's own database index (seen with the admin's URLs: a grade's user may only use its prefix, see grade-credentials.test.ts).
    const r1 = new Redis(one.admin.redisUrl!);
    const r2 = new Redis(two.admin.redisUrl!);
    await r1.set('shared-name', 'one');
    expect(await r2.get('shared-name'), 'a key of grade one seen by grade two').toBeNull();
    r1.disconnect();
    r2.disconnect();

    const p1 = new pg.Client({ connectionString: one.env.DATABASE_URL });
    const p2 = new pg.Client({ connectionString: two.env.DATABASE_URL });
    await Promise.all([p1.connect(), p2.connect()]);
    await p1.query('CREATE TABLE t (x int)');
    await expect(p2.query('SELECT * FROM t'), 'a table of grade one seen by grade two').rejects.toThrow(/does not exist/);
    await Promise.all([p1.end(), p2.end()]);

    const c1 = await amqp.connect(one.env.AMQP_URL);
    const c2 = await amqp.connect(two.env.AMQP_URL);
    const ch1 = await c1.createChannel();
    await ch1.assertQueue('orders');
    const ch2 = await c2.createChannel();
    ch2.on('error', () => {});
    await expect(ch2.checkQueue('orders'), 'a queue of grade one seen by grade two').rejects.toThrow(/NOT_FOUND/);
    await c1.close();
    await c2.close().catch(() => {});

    const databaseName = new URL(one.env.DATABASE_URL).pathname.slice(1);
    await one.release();
    released.push(one);
    expect(
      await databaseExists(one.admin.postgresUrl!.replace(/\/[^/]*$/, '/postgres'), databaseName),
      'the database is dropped on release',
    ).toBe(false);
    const afterRelease = new Redis(one.admin.redisUrl!);
    expect(await afterRelease.dbsize(), 'the Redis database is flushed on release').toBe(0);
    afterRelease.disconnect();
    await expect(amqp.connect(one.admin.amqpUrl!), 'the vhost is deleted on release').rejects.toThrow();
  } finally {
    for (const space of [one, two]) if (!released.includes(space)) await space.release();
  }
}

describe('external provider', () => {
  test('uses the given URLs and starts nothing', async () => {
    const started = await new ExternalProvider(resolveSettings({ redisUrl: localServices.redis }, {}).external).start(['redis']);
    expect(started.endpoints).toEqual({ redis: { url: localServices.redis } });
  });

  test('gives each grade its own database, Redis database and prefix, and vhost', async () => {
    const started = await new ExternalProvider({
      postgres: localServices.postgres,
      redis: localServices.redis,
      rabbitmq: localServices.rabbitmq,
    }).start(['postgres', 'redis', 'rabbitmq']);
    await expectIsolated(started.endpoints);
  });
});

describe('containers provider', () => {
  // The images a grade starts here: BCH_*_IMAGE, else the stand-ins the set-up recorded (none where the official images can be pulled).
  const settings = resolveSettings();
  const images = {
    ...settings.images,
    ...Object.fromEntries(
      Object.entries(readImageMap(settings.cacheDir)).filter(([name]) => !process.env[`BCH_${name.toUpperCase()}_IMAGE`]),
    ),
  };
  let services: StartedServices;

  beforeAll(async () => {
    services = await new ContainerProvider(images).start(['postgres', 'redis', 'rabbitmq']);
  });
  afterAll(async () => {
    await services?.stop();
  });

  test('starts the three services in parallel, labelled, reachable on mapped ports', async () => {
    expect(Object.keys(services.endpoints).sort()).toEqual(['postgres', 'rabbitmq', 'redis']);
    expect(await labelledContainers()).toEqual(expect.arrayContaining([images.postgres, images.rabbitmq, images.redis]));
    await expectIsolated(services.endpoints);
  });

  test('starts only the services a challenge needs, and removes them at the end', async () => {
    const before = await labelledContainers();
    const redisOnly = await new ContainerProvider(images).start(['redis']);
    expect(Object.keys(redisOnly.endpoints)).toEqual(['redis']);
    expect((await labelledContainers()).length).toBe(before.length + 1);
    await redisOnly.stop();
    expect(await labelledContainers()).toEqual(before);
  });

  test('abort() removes the containers of a start still in progress (Ctrl-C during services), and refuses later starts', async () => {
    const before = await labelledContainers();
    const provider = new ContainerProvider(images);
    const starting = provider.start(['redis', 'postgres']);
    starting.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300)); // containers are being created
    await provider.abort();
    await starting.then(
      (started) => started.stop(),
      () => {},
    );
    expect(await labelledContainers()).toEqual(before);
    await expect(provider.start(['redis'])).rejects.toThrow(/interrupted/);
  });
});
