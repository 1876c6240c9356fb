// Redis grade-space claims are leases, against the machine's Redis: renewed while the grade runs, gone soon
// after the process that holds them is killed.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, expect, test } from 'vitest';
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
