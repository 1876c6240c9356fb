// What a run may leave behind on the machine, listed so that a test can compare before and after: processes,
// files, containers, and the service spaces of grades (databases, roles, vhosts, users, Redis claims).
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { withServer } from '../../harness/services/postgres/postgres-client.ts';
import { redisClaimPrefix } from '../../harness/services/redis/redis-space.ts';
import { localServices } from './run-bch.ts';

const run = promisify(execFile);

/** Processes whose command line carries `marker`, or whose working folder is under `dir`. */
export async function processesMarkedOrUnder(marker: string, dir: string): Promise<{ pid: number; what: string }[]> {
  const found: { pid: number; what: string }[] = [];
  for (const name of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    const cmdline = (await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ').trim();
    const cwd = await readlink(`/proc/${name}/cwd`).catch(() => '');
    if (Number(name) !== process.pid && (cmdline.includes(marker) || cwd.startsWith(dir)))
      found.push({ pid: Number(name), what: `${name} (cwd ${cwd}): ${cmdline.slice(0, 120)}` });
  }
  return found;
}

/** The service spaces and containers that exist now, each named with its kind ("postgres database bch_1f2e"). */
export async function serviceSpaces(): Promise<string[]> {
  const names: string[] = [];
  await withServer(localServices.postgres, async (client) => {
    for (const row of (await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'bch\\_%'")).rows)
      names.push(`postgres database ${row.datname}`);
    for (const row of (await client.query<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE rolname LIKE 'bch\\_%'")).rows)
      names.push(`postgres role ${row.rolname}`);
  });
  const amqp = new URL(localServices.rabbitmq);
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(amqp.username)}:${decodeURIComponent(amqp.password)}`).toString('base64')}`;
  for (const kind of ['vhosts', 'users'] as const) {
    const response = await fetch(`http://${amqp.hostname}:15672/api/${kind}`, {
      headers: { authorization: auth },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok)
      throw new Error(
        `RabbitMQ management API answered ${response.status} for /api/${kind}: enable it with rabbitmq-plugins enable rabbitmq_management`,
      );
    for (const entry of (await response.json()) as { name: string }[])
      if (entry.name.startsWith('bch-')) names.push(`rabbitmq ${kind.slice(0, -1)} ${entry.name}`);
  }
  const redis = new Redis(localServices.redis, { maxRetriesPerRequest: 1 });
  try {
    for (const key of await redis.keys(`${redisClaimPrefix}*`)) names.push(`redis claim ${key}`);
  } finally {
    redis.disconnect();
  }
  const docker = await run('docker', ['ps', '-a', '-q', '--filter', 'label=bch.managed'], { timeout: 20_000 }).catch((error: Error) => ({
    stdout: '',
    stderr: error.message,
  }));
  for (const id of docker.stdout.split('\n').filter(Boolean)) names.push(`container ${id}`);
  return names.sort();
}
