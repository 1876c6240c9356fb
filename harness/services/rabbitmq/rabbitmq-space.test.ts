// A grade's RabbitMQ space against the machine's broker: the user's and the vhost's bounds, and a release that
// closes every connection before the user and the vhost go.
import amqp, { type ChannelModel } from 'amqplib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { managementApi } from './management-api.ts';
import { createRabbitmqSpace, gradeBrokerLimits } from './rabbitmq-space.ts';

const amqpUrl = process.env.BCH_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const managementUrl = `http://guest:guest@${new URL(amqpUrl).hostname}:15672`;

/** Connects, or says why not. */
async function connect(url: string): Promise<ChannelModel> {
  const connection = await amqp.connect(url);
  connection.on('error', () => {});
  return connection;
}

describe('a grade space', () => {
  let space: Awaited<ReturnType<typeof createRabbitmqSpace>>;
  beforeAll(async () => {
    space = await createRabbitmqSpace(amqpUrl, managementUrl, `bounds${process.pid}`);
  });
  afterAll(() => space?.release());

  test(`its user holds at most ${gradeBrokerLimits.connections} connections; the tests' admin connections do not count`, async () => {
    const open: ChannelModel[] = [];
    try {
      for (let i = 0; i < gradeBrokerLimits.connections; i += 1) open.push(await connect(space.env.AMQP_URL));
      await expect(connect(space.env.AMQP_URL)).rejects.toThrow(/ConnectionClose|connection limit/i);
      open.push(await connect(space.url));
    } finally {
      await Promise.all(open.map((c) => c.close().catch(() => {})));
    }
  });

  test(`its vhost holds at most ${gradeBrokerLimits.queues} queues, each at most ${gradeBrokerLimits.queueBytes / 2 ** 20} MiB of ready messages`, async () => {
    const connection = await connect(space.env.AMQP_URL);
    try {
      const channel = await connection.createConfirmChannel();
      channel.on('error', () => {});
      for (let i = 0; i < gradeBrokerLimits.queues; i += 1) await channel.assertQueue(`q${i}`, { durable: false });
      const message = Buffer.alloc(2 ** 20, 'm');
      for (let i = 0; i < 24; i += 1) channel.sendToQueue('q0', message);
      await channel.waitForConfirms();
      expect((await channel.checkQueue('q0')).messageCount * message.length).toBeLessThanOrEqual(gradeBrokerLimits.queueBytes);
      await expect(channel.assertQueue('one-too-many', { durable: false })).rejects.toThrow(/queue limit|PRECONDITION_FAILED/i);
    } finally {
      await connection.close().catch(() => {});
    }
  });
});

test('release closes every connection to the vhost (the candidate’s and the admin’s), then deletes the user and the vhost', async () => {
  const space = await createRabbitmqSpace(amqpUrl, managementUrl, `release${process.pid}`);
  const connections = [await connect(space.env.AMQP_URL), await connect(space.url)];
  const closed = connections.map((c) => new Promise((resolve) => c.once('close', () => resolve('closed'))));
  await space.release();
  expect(await Promise.all(closed)).toEqual(['closed', 'closed']);
  const api = managementApi(managementUrl);
  expect(await api('GET', `/api/vhosts/bch-release${process.pid}`, undefined, [404])).toBeUndefined();
  expect(await api('GET', `/api/users/bch-release${process.pid}`, undefined, [404])).toBeUndefined();
});

test("a grade's user cannot use the management API; bch dev's own user can list its vhost's queues, from the URL it prints", async () => {
  const listQueues = (url: string) => {
    const user = new URL(url);
    const vhost = decodeURIComponent(user.pathname.slice(1));
    const auth = Buffer.from(`${decodeURIComponent(user.username)}:${decodeURIComponent(user.password)}`).toString('base64');
    return fetch(`${new URL(managementUrl).origin}/api/queues/${encodeURIComponent(vhost)}`, {
      headers: { authorization: `Basic ${auth}` },
    });
  };
  const grade = await createRabbitmqSpace(amqpUrl, managementUrl, `nodev${process.pid}`);
  const dev = await createRabbitmqSpace(amqpUrl, managementUrl, `dev${process.pid}`, { devAccess: true });
  try {
    expect(grade.devUrls).toBeUndefined();
    expect((await listQueues(grade.env.AMQP_URL)).status).toBe(401);
    expect((await listQueues(dev.env.AMQP_URL)).status).toBe(200);
    const printed = new URL(dev.devUrls![0].url);
    expect([printed.username, printed.password, printed.hash]).toEqual([
      new URL(dev.env.AMQP_URL).username,
      new URL(dev.env.AMQP_URL).password,
      `#/queues/bch-dev${process.pid}`,
    ]);
  } finally {
    await Promise.all([grade.release(), dev.release()]);
  }
});
