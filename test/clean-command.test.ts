// `bch clean` removes what a killed run left, and keeps what a live run owns: against services in containers
// (so no other run on this machine is touched), a run killed with SIGKILL after making a grade space, a
// registered process and a labelled container in the "created" state.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { managedContainers } from '../harness/clean/container-leftovers.ts';
import { resolveSettings } from '../harness/config/settings.ts';
import { createRunFolder } from '../harness/lifecycle/run-folder.ts';
import { readImageMap } from '../harness/config/image-map.ts';
import { ContainerProvider } from '../harness/providers/container-provider.ts';
import { createGradeSpace, type GradeSpace } from '../harness/services/grade-space.ts';
import { withServer } from '../harness/services/postgres/postgres-client.ts';
import { managementApi } from '../harness/services/rabbitmq/management-api.ts';
import type { StartedServices } from '../harness/services/service-provider.ts';
import { runBch } from './support/run-bch.ts';

// The images a grade starts here: BCH_*_IMAGE, else the stand-ins the set-up recorded (none where the official images can be pulled).
const settings = resolveSettings();
const images = {
  ...settings.images,
  ...Object.fromEntries(
    Object.entries(readImageMap(settings.cacheDir)).filter(([name]) => !process.env[`BCH_${name.toUpperCase()}_IMAGE`]),
  ),
} as typeof settings.images;
let services: StartedServices;
let workRoot: string;
let live: GradeSpace;
let liveRunDir: string;
let dead: { runDir: string; processPid: number; containerId: string };

/** Whether a process runs (a zombie does not count). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

beforeAll(async () => {
  services = await new ContainerProvider(images).start(['postgres', 'redis', 'rabbitmq']);
  workRoot = await mkdtemp(join(tmpdir(), 'bch-clean-'));
  liveRunDir = await createRunFolder(workRoot);
  live = await createGradeSpace(services.endpoints, ['postgres', 'redis', 'rabbitmq'], 'cafe0001');
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'fixtures/dead-run.ts'), workRoot, JSON.stringify(services.endpoints), images.redis],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  dead = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString())));
    child.once('exit', (code) => reject(new Error(`the run to kill exited (${code}) before making its resources`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}, 240_000);

afterAll(async () => {
  await live?.release();
  await services?.stop();
  if (workRoot) await rm(workRoot, { recursive: true, force: true });
});

test("removes a killed run's leftovers everywhere and keeps the live run's", async () => {
  const { postgres, redis, rabbitmq } = services.endpoints;
  const run = await runBch(
    [
      'clean',
      '--database-url',
      postgres!.url,
      '--redis-url',
      redis!.url,
      '--amqp-url',
      rabbitmq!.url,
      '--rabbitmq-management-url',
      rabbitmq!.managementUrl,
    ],
    { env: { BCH_WORK_DIR: workRoot }, json: false, timeoutMs: 120_000 },
  );
  expect(run.exitCode, run.stderr).toBe(0);
  for (const line of [
    'removed Postgres database and role bch_deadbeef',
    'removed Redis claim',
    'removed Redis user bch-deadbeef',
    'removed RabbitMQ vhost and user bch-deadbeef',
    `removed work folder ${dead.runDir} and 1 process group(s)`,
    'removed container',
  ]) {
    expect(run.stdout).toContain(line);
  }
  expect(run.stdout).toMatch(/kept Postgres database and role bch_cafe0001 \(run pid \d+ is alive\)/);

  const roles = await withServer(postgres!.url, (c) =>
    c.query<{ name: string }>(
      `SELECT datname AS name FROM pg_database WHERE datname LIKE 'bch\\_%' UNION ALL SELECT rolname FROM pg_roles WHERE rolname LIKE 'bch\\_%'`,
    ),
  );
  expect(roles.rows.map((r) => r.name).sort()).toEqual(['bch_cafe0001', 'bch_cafe0001']);
  const admin = new Redis(redis!.url);
  expect(((await admin.call('ACL', 'USERS')) as string[]).filter((u) => u.startsWith('bch-'))).toEqual(['bch-cafe0001']);
  expect(await admin.keys('bch:db-claim:*')).toEqual([`bch:db-claim:${new URL(live.admin.redisUrl!).pathname.slice(1)}`]);
  admin.disconnect();
  const api = managementApi(rabbitmq!.managementUrl);
  expect(
    (await api<{ name: string }[]>('GET', '/api/vhosts?columns=name'))!.map((v) => v.name).filter((n) => n.startsWith('bch-')),
  ).toEqual(['bch-cafe0001']);
  expect((await api<{ name: string }[]>('GET', '/api/users?columns=name'))!.map((v) => v.name).filter((n) => n.startsWith('bch-'))).toEqual(
    ['bch-cafe0001'],
  );

  expect(running(dead.processPid), 'the process the killed run registered').toBe(false);
  await expect(stat(dead.runDir), "the killed run's folder").rejects.toThrow(/ENOENT/);
  expect((await stat(liveRunDir)).isDirectory(), "the live run's folder").toBe(true);
  const containers = (await managedContainers()).map((c) => c.Id);
  expect(containers).not.toContain(dead.containerId);
  expect(containers.length, "the live run's service containers").toBeGreaterThanOrEqual(3);
}, 180_000);
