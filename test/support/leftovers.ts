// What a run may leave behind on the machine, listed so that a test can compare before and after: processes,
// files, containers, and the service spaces of grades (databases, roles, vhosts, users, Redis claims), with what
// may still run in the services on a grade's behalf (Postgres sessions of grade roles, Redis scripts and clients
// of grade users, RabbitMQ connections of grade users) and the keys a grade may leave in Redis.
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { withServer } from '../../harness/services/postgres/postgres-client.ts';
import { redisClaimPrefix, redisUserPrefix } from '../../harness/services/redis/redis-space.ts';
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
    // Not the data-set templates (bch_tpl_*): a cache seeded once and kept across runs (postgres-template.ts).
    const databases = "SELECT datname FROM pg_database WHERE datname LIKE 'bch\\_%' AND datname NOT LIKE 'bch\\_tpl\\_%'";
    for (const row of (await client.query<{ datname: string }>(databases)).rows) names.push(`postgres database ${row.datname}`);
    for (const row of (await client.query<{ rolname: string }>("SELECT rolname FROM pg_roles WHERE rolname LIKE 'bch\\_%'")).rows)
      names.push(`postgres role ${row.rolname}`);
    // Sessions of grade roles, and of roles dropped while their sessions ran (the role's name is gone then).
    const sessions = await client.query<{ pid: number; usename: string | null; datname: string | null }>(
      `SELECT pid, usename, datname FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND (usename LIKE 'bch\\_%' OR (usesysid IS NOT NULL AND usename IS NULL))`,
    );
    for (const row of sessions.rows) names.push(`postgres session ${row.pid} of ${row.usename ?? 'a dropped role'} on ${row.datname}`);
  });
  const amqp = new URL(localServices.rabbitmq);
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(amqp.username)}:${decodeURIComponent(amqp.password)}`).toString('base64')}`;
  for (const kind of ['vhosts', 'users'] as const) {
    for (const entry of await management<{ name: string }[]>(amqp, auth, kind))
      if (entry.name.startsWith('bch-')) names.push(`rabbitmq ${kind.slice(0, -1)} ${entry.name}`);
  }
  for (const connection of await management<{ name: string; user?: string }[]>(amqp, auth, 'connections?columns=name,user'))
    if (connection.user?.startsWith('bch-')) names.push(`rabbitmq connection of ${connection.user}`);
  const redis = new Redis(localServices.redis, { maxRetriesPerRequest: 1 });
  try {
    names.push(...(await redisLeftovers(redis)));
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

/** GET of RabbitMQ's management API (on the AMQP URL's host, port 15672). */
async function management<T>(amqp: URL, authorization: string, path: string): Promise<T> {
  const response = await fetch(`http://${amqp.hostname}:15672/api/${path}`, {
    headers: { authorization },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok)
    throw new Error(
      `RabbitMQ management API answered ${response.status} for /api/${path}: enable it with rabbitmq-plugins enable rabbitmq_management`,
    );
  return (await response.json()) as T;
}

/** Claims; a script still running (Redis answers BUSY then); clients of grade users; grade keys in database 0
 * (claims aside); databases that hold keys without a claim. */
async function redisLeftovers(redis: Redis): Promise<string[]> {
  const names: string[] = [];
  let clients: string;
  try {
    clients = (await redis.call('CLIENT', 'LIST')) as string;
  } catch (error) {
    if (/^BUSY/.test((error as Error).message)) return ['redis busy: a script is still running'];
    throw error;
  }
  for (const line of clients.split('\n')) {
    const user = / user=(\S+)/.exec(line)?.[1];
    if (user?.startsWith(redisUserPrefix)) names.push(`redis client of ${user} (${/ cmd=(\S+)/.exec(line)?.[1]})`);
  }
  const claims = await redis.keys(`${redisClaimPrefix}*`);
  for (const key of claims) names.push(`redis claim ${key}`);
  for (const key of await redis.keys('bch:*')) if (!key.startsWith(redisClaimPrefix)) names.push(`redis key ${key} in database 0`);
  const keyspace = await redis.info('keyspace');
  for (const [, index] of keyspace.matchAll(/^db(\d+):keys=/gm))
    if (index !== '0' && !claims.includes(`${redisClaimPrefix}${index}`)) names.push(`redis database ${index} holds keys without a claim`);
  return names;
}
