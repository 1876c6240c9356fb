// `bch dev <challenge>` on each reference solution: the service answers at the printed URL with the challenge's
// helper servers behind it (lru-cache: a code change restarts it), and SIGINT leaves nothing behind (processes,
// ports, work folder, the session's database and role, Redis claim and user, vhost and user).
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, test } from 'vitest';
import { portAnswers } from '../harness/services/local-services.ts';
import { withServer } from '../harness/services/postgres/postgres-client.ts';
import { redisClaimPrefix } from '../harness/services/redis/redis-space.ts';
import { processesMarkedOrUnder, serviceSpaces } from './support/leftovers.ts';
import { externalUrlFlags, localServices } from './support/run-bch.ts';
import { repoRoot } from './support/variants.ts';

/** Polls until `probe` returns a value, or fails after the limit naming what it waited for. */
async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface DevRun {
  folder: string;
  /** The URL printed on the line with this label. */
  url(label: string): Promise<string>;
  /** Resolves once stderr holds `text`. */
  logged(text: string, timeoutMs?: number): Promise<void>;
  /** Sends SIGINT, expects exit code 130 and that nothing of the session is left. */
  interruptAndExpectNothingLeft(): Promise<void>;
}

/** Runs `bch dev <challenge>` on a copy of its reference solution, against the machine's services. */
async function withDev(challenge: string, work: (dev: DevRun) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bch-dev-test-'));
  const folder = join(dir, 'app');
  const workRoot = join(dir, 'bch-work');
  await cp(join(repoRoot, 'solutions', challenge), folder, { recursive: true });
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS')),
    BCH_WORK_DIR: workRoot,
  };
  const child = spawn(process.execPath, [join(repoRoot, 'bin/bch.js'), 'dev', challenge, folder, ...externalUrlFlags], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const printed = (label: string) =>
    until(label, () => new RegExp(`^  ${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +(\\S.*)$`, 'm').exec(stdout)?.[1], 120_000);
  const dev: DevRun = {
    folder,
    url: printed,
    logged: (text, timeoutMs = 120_000) => until(text, () => (stderr.includes(text) ? true : undefined), timeoutMs).then(() => {}),
    async interruptAndExpectNothingLeft() {
      const session =
        /REDIS_KEY_PREFIX +bch:(dev-[a-z0-9]+):/.exec(stdout)?.[1] ??
        /DATABASE_URL +postgres:\/\/bch_(dev_[a-z0-9]+):/.exec(stdout)?.[1].replace('_', '-');
      expect(session, 'the session name, read from the printed URLs').toBeDefined();
      const ports = [...stdout.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
      const redisIndex = /REDIS_URL +redis:\/\/\S+\/(\d+)/.exec(stdout)?.[1];
      child.kill('SIGINT');
      expect(await exited, stderr).toBe(130);
      for (const port of ports) expect(await portAnswers(port), `port ${port} still answers`).toBe(false);
      expect(await readdir(workRoot)).toEqual([]);
      expect(await processesMarkedOrUnder(workRoot, workRoot), 'processes still running in the dev work folder').toEqual([]);
      const ofSession = new RegExp(`${session!.replace('-', '[-_]')}\\b`);
      expect(
        (await serviceSpaces()).filter((name) => ofSession.test(name)),
        "the session's databases, roles, vhosts and users",
      ).toEqual([]);
      if (redisIndex !== undefined) {
        const admin = new Redis(localServices.redis);
        try {
          expect((await admin.get(`${redisClaimPrefix}${redisIndex}`)) ?? '', "the session's Redis claim").not.toContain(session);
          expect((await admin.acl('USERS')) as string[], "the session's Redis user").not.toContain(`bch-${session}`);
        } finally {
          admin.disconnect();
        }
      }
    },
  };
  try {
    await work(dev);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- bch dev stdout ---\n${stdout}\n--- stderr ---\n${stderr}`, { cause: error });
  } finally {
    child.kill('SIGKILL');
  }
}

describe('bch dev', () => {
  test(
    'lru-cache: the printed URL answers with the catalog behind it, a code change restarts the service, SIGINT removes everything',
    () =>
      withDev('lru-cache', async (dev) => {
        const service = await dev.url('your service (PORT)');
        const catalog = await dev.url('catalog (UPSTREAM_URL)');
        const redisUrl = await dev.url('REDIS_URL');
        await dev.logged('service started');
        const product = await fetch(`${service}/products/42`);
        expect(product.status).toBe(200);
        expect(await product.json()).toEqual(await (await fetch(catalog)).json());
        expect((await fetch(`${service}/dev-probe`)).status).toBe(404);

        const appFile = join(dev.folder, 'src/app.ts');
        const source = await readFile(appFile, 'utf8');
        await writeFile(
          appFile,
          source.replace(
            "  app.get('/health',",
            "  app.get('/dev-probe', (_req, res) => { res.json({ changed: true }); });\n  app.get('/health',",
          ),
        );
        await dev.logged('restarted (src/app.ts changed)');
        expect(await (await fetch(`${service}/dev-probe`)).json()).toEqual({ changed: true });

        const admin = new Redis(localServices.redis);
        try {
          expect(
            await admin.exists(`${redisClaimPrefix}${new URL(redisUrl).pathname.slice(1)}`),
            'the dev session claims its Redis database like a grade',
          ).toBe(1);
        } finally {
          admin.disconnect();
        }
        await dev.interruptAndExpectNothingLeft();
      }),
    180_000,
  );

  test(
    'query-indexing: the service answers on a copy of the data set with the migrations applied, and the printed psql URL reaches it',
    () =>
      withDev('query-indexing', async (dev) => {
        const service = await dev.url('your service (PORT)');
        const psql = await dev.url("the data set's copy (EXPLAIN)");
        await dev.logged('service started', 170_000); // seeds the data set first when no run did on this Postgres
        const orders = await fetch(`${service}/customers/1/orders?status=paid&from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z`);
        expect(orders.status).toBe(200);
        const databaseUrl = /^psql '(postgres:\/\/\S+)'$/.exec(psql)?.[1];
        expect(databaseUrl, psql).toBeDefined();
        await withServer(databaseUrl!, async (client) => {
          expect(Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM orders')).rows[0].n), 'the seeded orders').toBe(
            2_000_000,
          );
          const indexes = await client.query("SELECT 1 FROM pg_indexes WHERE tablename = 'orders' AND indexname <> 'orders_pkey'");
          expect(indexes.rowCount, "the reference's migrations made indexes on orders").toBeGreaterThan(0);
        });
        await dev.interruptAndExpectNothingLeft();
      }),
    240_000,
  );

  test(
    'mq-worker: an order published through the controls is charged by the payment service and recorded',
    () =>
      withDev('mq-worker', async (dev) => {
        const service = await dev.url('your service (PORT)');
        const controls = await dev.url('its controls, publish an order');
        const databaseUrl = await dev.url('DATABASE_URL');
        await dev.logged('service started');
        expect((await fetch(`${controls}customers/cus-dev/decline`, { method: 'POST' })).status).toBe(200);
        const published = await fetch(`${controls}publish`, {
          method: 'POST',
          body: JSON.stringify({ orderId: 'ord-dev-1', customerId: 'cus-dev', amountCents: 1250, currency: 'EUR' }),
        });
        expect(published.status, await published.clone().text()).toBe(202);
        const charges = await until(
          'the charge',
          async () => {
            const record = (await (await fetch(`${controls}charges`)).json()) as { charges: { orderId: string; status: string }[] };
            return record.charges.length > 0 ? record.charges : undefined;
          },
          15_000,
        );
        expect(charges).toEqual([expect.objectContaining({ orderId: 'ord-dev-1', status: 'declined' })]);
        const row = await withServer(databaseUrl, (client) =>
          until(
            'the order row',
            async () => (await client.query('SELECT payment_status FROM orders WHERE order_id = $1', ['ord-dev-1'])).rows[0],
            15_000,
          ),
        );
        expect(row).toEqual({ payment_status: 'declined' });
        expect(await (await fetch(`${service}/metrics`)).json()).toMatchObject({ processed: 1 });
        await dev.interruptAndExpectNothingLeft();
      }),
    120_000,
  );

  test(
    "jwt-rbac: the administrator logs in with the grade's defaults and gets an RS256 token",
    () =>
      withDev('jwt-rbac', async (dev) => {
        const service = await dev.url('your service (PORT)');
        await dev.logged('service started');
        const login = await fetch(`${service}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@example.com', password: 'admin-password-1' }),
        });
        expect(login.status).toBe(200);
        const { accessToken } = (await login.json()) as { accessToken: string };
        expect(JSON.parse(Buffer.from(accessToken.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'RS256' });
        await dev.interruptAndExpectNothingLeft();
      }),
    120_000,
  );

  test(
    'blue-green: a deployed version serves through the controller, its name chooses its behaviour, and its app stops with the session',
    () =>
      withDev('blue-green', async (dev) => {
        const service = await dev.url('your service (PORT)');
        const apps = await dev.url('app processes started');
        await dev.logged('service started');
        const deploy = await fetch(`${service}/deploy`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ version: '1.0-slow-ready' }),
        });
        expect(deploy.status).toBe(202);
        await until(
          'the switch',
          async () => ((await fetch(`${service}/status`).then((r) => r.json())) as { active: { version: string } | null }).active?.version,
          15_000,
        );
        const answer = await fetch(`${service}/hello`);
        expect(answer.headers.get('x-app-version')).toBe('1.0-slow-ready');
        const started = (await (await fetch(apps)).json()) as { version: string; behaviour: string; alive: boolean }[];
        expect(started).toEqual([expect.objectContaining({ version: '1.0-slow-ready', behaviour: 'slow-ready', alive: true })]);
        await dev.interruptAndExpectNothingLeft();
      }),
    120_000,
  );
});
