// The refusal of services anyone can be the admin of, against this machine's real services (Postgres with trust
// authentication, a password-less Redis, RabbitMQ's guest) and a Redis started here with a password.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, test } from 'vitest';
import { BchError } from '../errors.ts';
import { freePort } from '../process/free-port.ts';
import { refuseOpenServices } from './refuse-open-services.ts';

const machine = {
  postgres: process.env.BCH_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres',
  redis: process.env.BCH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  rabbitmq: process.env.BCH_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
};
const stops: Array<() => void> = [];
afterAll(() => stops.forEach((stop) => stop()));

test("this machine's services let an admin in without a password: the refusal names each, how, and what to do", async () => {
  const error = await refuseOpenServices(
    {
      provider: 'external',
      endpoints: {
        postgres: { url: machine.postgres },
        redis: { url: machine.redis },
        rabbitmq: { url: machine.rabbitmq, managementUrl: 'http://unused' },
      },
      stop: async () => {},
    },
    ['postgres', 'redis', 'rabbitmq'],
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BchError);
  expect((error as BchError).code).toBe('BCH_SERVICE_UNAUTHENTICATED');
  expect((error as BchError).kind).toBe('usage');
  const message = (error as Error).message;
  expect(message).toContain(`Postgres at ${machine.postgres}: the user root logged in with a wrong password`);
  expect(message).toContain(`Redis at ${machine.redis}: a connection without a password is the user default`);
  expect(message).toContain('RabbitMQ at amqp://guest:***@127.0.0.1:5672: the user guest logged in with its well-known password guest');
  expect(message).toContain('--allow-unauthenticated-services');
});

test('a Redis that asks for a password passes, unless the admin URL names a nopass user; a containers run is not probed', async () => {
  const port = await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', 'a-secret', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  stops.push(() => server.kill('SIGKILL'));
  const url = `redis://:a-secret@127.0.0.1:${port}`;
  await answers(url); // up, and asking for the password: the pass below is not a server that is not there yet
  const services = (url: string, provider: 'external' | 'containers' = 'external') => ({
    provider,
    endpoints: { redis: { url } },
    stop: async () => {},
  });
  await expect(refuseOpenServices(services(url), ['redis'])).resolves.toBeUndefined();
  const { Redis } = await import('ioredis');
  const admin = new Redis(url);
  await admin.call('ACL', 'SETUSER', 'ops', 'on', 'nopass', '~*', '&*', '+@all');
  admin.disconnect();
  await expect(refuseOpenServices(services(`redis://ops:its-secret@127.0.0.1:${port}`), ['redis'])).rejects.toThrow(
    `Redis at redis://ops:***@127.0.0.1:${port}: the user ops logged in with a wrong password (its ACL has "nopass")`,
  );
  await expect(refuseOpenServices(services(machine.redis, 'containers'), ['redis'])).resolves.toBeUndefined();
});

/** Waits until the Redis at `url` answers a PING without a password with NOAUTH (it is up, and asks for one). */
async function answers(url: string): Promise<void> {
  const { port } = new URL(url);
  for (let attempt = 0; ; attempt += 1) {
    const reply = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port) }, () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        resolve(data.toString());
        socket.destroy();
      });
      socket.once('error', (error) => resolve(error.message));
    });
    if (reply.startsWith('-NOAUTH')) return;
    if (attempt === 50) throw new Error(`the Redis at ${port} did not ask for a password: ${reply}`);
    await sleep(100);
  }
}
