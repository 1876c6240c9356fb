// Redis grade-space claims are leases, against the machine's Redis: renewed while the grade runs, gone soon
// after the process that holds them is killed.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, expect, test } from 'vitest';
import { freePort } from '../../process/free-port.ts';
import { createRedisSpace, parseClaim, redisClaimPrefix } from './redis-space.ts';

const serverUrl = process.env.BCH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const admin = new Redis(serverUrl);
const lease = { ttlMs: 1_000, renewEveryMs: 250 };
afterAll(() => admin.disconnect());

/** The claim key of a grade space's URL (its index). */
const claimKeyOf = (url: string) => `${redisClaimPrefix}${new URL(url).pathname.slice(1)}`;

test('a claim is renewed while the grade runs, beyond its time to live, and deleted on release', async () => {
  const space = await createRedisSpace(serverUrl, `lease${process.pid}`, lease);
  const key = claimKeyOf(space.url);
  try {
    await sleep(lease.ttlMs * 2.5);
    expect(parseClaim(await admin.get(key))).toMatchObject({ grade: `lease${process.pid}`, owner: { pid: process.pid } });
    expect(await admin.pttl(key)).toBeGreaterThan(0);
    expect(await admin.pttl(key)).toBeLessThanOrEqual(lease.ttlMs);
  } finally {
    await space.release();
  }
  expect(await admin.exists(key), 'released').toBe(0);
});

test('the claim of a killed run lapses within its time to live', async () => {
  const script = `const { createRedisSpace } = await import(${JSON.stringify(new URL('./redis-space.ts', import.meta.url).pathname)});
const space = await createRedisSpace(${JSON.stringify(serverUrl)}, 'killed${process.pid}', ${JSON.stringify(lease)});
console.log(space.url);
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before claiming`)));
  });
  const key = claimKeyOf(url);
  await sleep(lease.ttlMs * 2);
  expect(await admin.exists(key), 'renewed while the run lives').toBe(1);
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  await sleep(lease.ttlMs + 300);
  expect(await admin.exists(key), 'lapsed after the run was killed').toBe(0);
  await admin.call('ACL', 'DELUSER', `bch-killed${process.pid}`); // what `bch clean` would remove
});

test('a grade user may not run scripts or functions: one Lua loop would make Redis answer BUSY to every grade', async () => {
  const space = await createRedisSpace(serverUrl, `lua${process.pid}`, lease);
  const candidate = new Redis(space.env.REDIS_URL, { maxRetriesPerRequest: 0 });
  try {
    for (const command of [
      ['EVAL', 'return 1', '0'],
      ['EVAL_RO', 'return 1', '0'],
      ['EVALSHA', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db', '0'],
      ['SCRIPT', 'LOAD', 'return 1'],
      ['FUNCTION', 'LOAD', "#!lua name=x\nredis.register_function('f', function() return 1 end)"],
      ['FCALL', 'f', '0'],
    ]) {
      await expect(candidate.call(command[0], ...command.slice(1)), command[0]).rejects.toThrow(/NOPERM/);
    }
  } finally {
    candidate.disconnect();
    await space.release();
  }
});

test("release closes the user's connections and removes its keys: its database, and its prefix in database 0", async () => {
  const space = await createRedisSpace(serverUrl, `keys${process.pid}`, lease);
  const db0 = new URL(space.env.REDIS_URL);
  db0.pathname = '';
  const inOwn = new Redis(space.env.REDIS_URL, { maxRetriesPerRequest: 0 });
  const inZero = new Redis(db0.toString(), { maxRetriesPerRequest: 0 });
  const closed = new Promise((resolve) => inOwn.once('end', resolve));
  inOwn.on('error', () => {});
  inZero.on('error', () => {});
  try {
    await inOwn.set(`${space.keyPrefix}a`, '1');
    await inZero.set(`${space.keyPrefix}b`, '1');
    await inOwn.call('CLIENT', 'SETNAME', 'still-open');
    inOwn.options.retryStrategy = () => null;
  } finally {
    await space.release();
  }
  await closed;
  inZero.disconnect();
  expect(await admin.keys(`${space.keyPrefix}*`), 'keys of the grade in database 0').toEqual([]);
  expect(((await admin.call('CLIENT', 'LIST')) as string).includes('name=still-open'), 'its connection').toBe(false);
});

test('release ends a Lua script that keeps Redis busy (on a server where someone may run one)', async () => {
  // A private server (the machine's redis-server), with a 200 ms busy threshold: a busy loop on the shared one would
  // stop every other grade for 5 s.
  const port = await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--busy-reply-threshold', '200'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  const own = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 50 });
  own.on('error', () => {});
  try {
    await own.ping(); // queued until the server listens
    const space = await createRedisSpace(url, `busy${process.pid}`, lease);
    const looping = own
      .eval("local s = tonumber(redis.call('TIME')[1]) while tonumber(redis.call('TIME')[1]) - s < 30 do end return 1", 0)
      .catch((e: Error) => e);
    await sleep(100);
    const started = Date.now();
    await space.release();
    expect(Date.now() - started, 'release waits for the busy threshold, then kills the script').toBeLessThan(5_000);
    expect(String(await looping)).toMatch(/killed/i);
  } finally {
    own.disconnect();
    server.kill('SIGKILL');
  }
});
