// `bch dev lru-cache` on the reference: the service answers at the printed URL with the catalog behind it, a change
// to its code restarts it, and SIGINT leaves nothing behind (processes, ports, work folder, Redis claim).
import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { expect, test } from 'vitest';
import { portAnswers } from '../harness/doctor/local-services.ts';
import { localServices } from './support/run-bch.ts';
import { repoRoot } from './support/variants.ts';

/** A process's working folder, or '' when it is gone or not ours to read. */
function cwdOf(pid: string): string {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return '';
  }
}

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

test('bch dev: the printed URL answers, a code change restarts the service, SIGINT removes everything', async () => {
  const work = await mkdtemp(join(tmpdir(), 'bch-dev-test-'));
  const folder = join(work, 'app');
  const workRoot = join(work, 'bch-work');
  await cp(join(repoRoot, 'solutions/lru-cache'), folder, { recursive: true });
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS')), BCH_WORK_DIR: workRoot };
  const child = spawn(process.execPath, [join(repoRoot, 'bin/bch.js'), 'dev', 'lru-cache', folder, '--services', 'external', '--redis-url', localServices.redis], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const service = await until('the service URL', () => /your service \(PORT\) +(http:\/\/\S+)/.exec(stdout)?.[1]);
    const catalog = await until('the catalog URL', () => /catalog \(UPSTREAM_URL\) +(http:\/\/\S+)/.exec(stdout)?.[1]);
    const redisUrl = await until('the Redis URL', () => /REDIS_URL +(redis:\/\/\S+)/.exec(stdout)?.[1]);
    await until('the service to start', () => (stderr.includes('service started') ? true : undefined));
    const product = await fetch(`${service}/products/42`);
    expect(product.status).toBe(200);
    expect(await product.json()).toEqual(await (await fetch(catalog)).json());
    expect((await fetch(`${service}/dev-probe`)).status).toBe(404);

    const appFile = join(folder, 'src/app.ts');
    const source = await readFile(appFile, 'utf8');
    await writeFile(appFile, source.replace("  app.get('/health',", "  app.get('/dev-probe', (_req, res) => { res.json({ changed: true }); });\n  app.get('/health',"));
    await until('the restart', () => (stderr.includes('restarted (src/app.ts changed)') ? true : undefined));
    expect(await (await fetch(`${service}/dev-probe`)).json()).toEqual({ changed: true });

    const index = new URL(redisUrl).pathname.slice(1);
    const admin = new Redis(localServices.redis);
    const claimed = () => admin.exists(`bch:db-claim:${index}`);
    expect(await claimed(), 'the dev session claims its Redis database like a grade').toBe(1);

    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const servicePort = Number(new URL(service).port);
    expect(await portAnswers(servicePort)).toBe(false);
    expect(await portAnswers(Number(new URL(catalog).port))).toBe(false);
    expect(await readdir(workRoot)).toEqual([]);
    const leftovers = (await readdir('/proc')).filter((pid) => /^\d+$/.test(pid) && cwdOf(pid).startsWith(workRoot));
    expect(leftovers, 'processes still running in the dev work folder').toEqual([]);
    try {
      expect(await claimed()).toBe(0);
    } finally {
      admin.disconnect();
    }
  } finally {
    child.kill('SIGKILL');
  }
}, 180_000);
