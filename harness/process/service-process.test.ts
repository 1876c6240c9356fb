import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { freePort } from './free-port.ts';
import { createServer } from 'node:net';
import { Unsandboxed } from '../sandbox/unsandboxed.ts';
import { killRegistered } from './process-registry.ts';
import { startOnFreePort, startServiceProcess, type ServiceProcessSpec } from './service-process.ts';

const appDir = mkdtempSync(join(tmpdir(), 'bch-process-'));
const scripts = {
  ready: `import { createServer } from 'node:http'; createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT)); console.log('up with', process.env.GREETING);`,
  exits: `console.error('config missing'); process.exit(3);`,
  silent: `setInterval(() => {}, 1000);`,
  stubborn: `import { createServer } from 'node:http'; import { spawn } from 'node:child_process';
    process.on('SIGTERM', () => {}); spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT));`,
};
for (const [name, source] of Object.entries(scripts)) writeFileSync(join(appDir, `${name}.ts`), source);

async function spec(entry: keyof typeof scripts, timeoutMs = 5000): Promise<ServiceProcessSpec> {
  return {
    appDir,
    entry: `${entry}.ts`,
    env: { PATH: process.env.PATH ?? '', GREETING: 'hello' },
    port: await freePort(),
    readiness: { path: '/', timeoutMs },
    registryDir: join(appDir, 'registry'),
    sandbox: new Unsandboxed(appDir),
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('starts with exactly the given env, waits for readiness, keeps output, stops cleanly', async () => {
  const outcome = await startServiceProcess(await spec('ready'));
  if (!outcome.ok) throw new Error(outcome.message);
  expect(await (await fetch(outcome.process.url)).text()).toBe('ok');
  expect(readdirSync(join(appDir, 'registry'))).toContain(String(outcome.process.pid));
  await outcome.process.stop();
  expect(outcome.process.output()).toContain('up with hello');
  expect(alive(outcome.process.pid)).toBe(false);
  expect(readdirSync(join(appDir, 'registry'))).not.toContain(String(outcome.process.pid));
});

test('a process that exits before readiness is reported with its exit code and output', async () => {
  const outcome = await startServiceProcess(await spec('exits'));
  expect(outcome).toMatchObject({ ok: false, reason: 'exited', message: 'the service exited (exit code 3) before answering GET /' });
  expect(!outcome.ok && outcome.output).toContain('config missing');
});

test('a process that never listens is a timeout naming the limit', async () => {
  const outcome = await startServiceProcess(await spec('silent', 600));
  expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
  expect(!outcome.ok && outcome.message).toContain('within 0.6 s (limit)');
});

test('stop escalates to SIGKILL and kills the whole tree; killRegistered catches leftovers', async () => {
  const outcome = await startServiceProcess(await spec('stubborn'));
  if (!outcome.ok) throw new Error(outcome.message);
  const exit = await outcome.process.stop(300);
  expect(exit.signal).toBe('SIGKILL');
  const second = await startServiceProcess(await spec('stubborn'));
  if (!second.ok) throw new Error(second.message);
  expect(killRegistered(join(appDir, 'registry'))).toBe(1);
  await second.process.exited;
  expect(alive(second.process.pid)).toBe(false);
});

test('a start that failed while another process held its port is retried on another port; one that failed alone is not', async () => {
  const squatter = createServer();
  const taken = await new Promise<number>((resolve) => squatter.listen(0, () => resolve((squatter.address() as { port: number }).port)));
  const ports = [taken, await freePort()];
  try {
    const { port: _unused, ...rest } = await spec('ready');
    const outcome = await startOnFreePort(rest, async () => ports.shift()!);
    if (!outcome.ok) throw new Error(`${outcome.message}\n${outcome.output}`);
    expect(outcome.process.port).not.toBe(taken);
    await outcome.process.stop();
  } finally {
    squatter.close();
  }
  // A service that prints EADDRINUSE and exits, on a port nobody holds, is started once: its text decides nothing.
  writeFileSync(join(appDir, 'claims-race.ts'), `console.error('Error: listen EADDRINUSE: address already in use'); process.exit(1);`);
  let starts = 0;
  const { port: _port, ...claims } = await spec('exits');
  const outcome = await startOnFreePort({ ...claims, entry: 'claims-race.ts' }, async () => {
    starts += 1;
    return freePort();
  });
  expect(outcome.ok).toBe(false);
  expect(starts).toBe(1);
});
