// The bubblewrap sandbox, tried with small scripts: what it hides, who it runs as, how it ends, and its limits.
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { detectSandbox } from './detect-sandbox.ts';
import { handOver } from './grade-disk.ts';
import { openSandbox } from './open-sandbox.ts';
import type { Sandbox } from './sandbox.ts';
import type { SandboxPlan } from './sandbox-plan.ts';
import { testPlan } from './fixtures/test-plan.ts';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.destroy()));
});

const plan = testPlan;

async function run(
  p: SandboxPlan,
  source: string,
  timeoutMs = 15_000,
): Promise<{ code: number | null; signal: string | null; out: string; sandbox: Sandbox }> {
  writeFileSync(join(p.appDir, 'main.mjs'), source);
  handOver(p.appDir, p.uid, p.gid);
  const registry = join(p.appDir, '..', 'processes');
  mkdirSync(registry, { recursive: true });
  const sandbox = await openSandbox(p, registry, []);
  opened.push(sandbox);
  const { child } = sandbox.spawn([sandbox.nodePath, 'main.mjs'], {
    env: { PATH: '/usr/bin:/bin', SECRET_OF_NOBODY: 'x' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c;
  });
  child.stderr!.on('data', (c: Buffer) => {
    out += c;
  });
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; output: ${out}`)), timeoutMs);
    child.once('exit', (c, s) => {
      clearTimeout(timer);
      resolve([c, s]);
    });
  });
  return { code, signal, out, sandbox };
}

test('this machine can run the sandbox (CI installs bubblewrap and runs as root)', () => {
  expect(detectSandbox()).toEqual({ available: true });
});

test("sees its copy and the system, not the harness, other processes or the grader's environment; runs as nobody", async () => {
  const result = await run(
    plan(),
    `
    import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
    const report = {
      uid: process.getuid(), cwd: process.cwd(), pwd: process.env.PWD,
      harness: existsSync(${JSON.stringify(process.cwd())}), home: existsSync('/root'), work: existsSync('/work/main/challenges'),
      pids: readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).length,
      initEnv: (() => { try { return readFileSync('/proc/1/environ', 'utf8'); } catch (e) { return e.code; } })(),
      writesApp: (() => { writeFileSync('own.txt', 'x'); return true; })(),
      writesDeps: (() => { try { writeFileSync('../node_modules/x', 'x'); return true; } catch (e) { return e.code; } })(),
      depsBeside: import.meta.resolve('express').startsWith(new URL('../node_modules/express/', 'file://' + process.cwd() + '/').href),
      env: Object.keys(process.env).sort(),
    };
    console.log(JSON.stringify(report));`,
  );
  expect(result.code, result.out).toBe(0);
  const report = JSON.parse(result.out.trim().split('\n').pop()!);
  expect(report).toMatchObject({
    uid: 65534,
    harness: false,
    home: false,
    work: false,
    initEnv: 'EACCES',
    writesApp: true,
    writesDeps: 'EROFS',
    depsBeside: true,
  });
  expect(report.pids, "only the sandbox's own processes are visible").toBeLessThanOrEqual(4);
  expect(report.env).toEqual(['PATH', 'PWD', 'SECRET_OF_NOBODY']);
  expect(report.pwd).toBe(report.cwd);
});

test('node_modules folders are views of packages only; tsx caches outside the copy, once per grade', async () => {
  const p = plan();
  const listing = `
    import { readdirSync, writeFileSync, existsSync } from 'node:fs';
    const dotted = (dir) => readdirSync(dir, { recursive: true }).filter((path) => /(^|\\/)node_modules\\/(@[^/]+\\/)?\\./.test('node_modules/' + path));
    console.log(JSON.stringify({
      loader: readdirSync('/opt/bch/node_modules').sort(),
      dotted: [...dotted('/opt/bch/node_modules'), ...dotted('../node_modules')],
      typescript: existsSync('../node_modules/typescript'),
      app: readdirSync('.').sort(),
      cache: readdirSync('/tmp/tsx-${p.uid}'),
    }));
    writeFileSync('/tmp/tsx-${p.uid}/compiled', 'x');`;
  const first = await run(p, listing);
  expect(first.code, first.out).toBe(0);
  expect(JSON.parse(first.out)).toEqual({
    loader: ['@esbuild', 'esbuild', 'tsx'],
    dotted: [],
    typescript: false,
    app: ['main.mjs'],
    cache: [],
  });
  const second = await run(p, listing);
  expect(JSON.parse(second.out).cache, "the grade's second sandbox finds what the first one cached").toEqual(['compiled']);
});

test("a .tsx-cache file and a node_modules link in the copy stay the candidate's own files", async () => {
  const p = plan();
  writeFileSync(join(p.appDir, '.tsx-cache'), 'notes');
  symlinkSync('/', join(p.appDir, 'node_modules'));
  const result = await run(
    p,
    `
    import { readFileSync, readlinkSync, readdirSync } from 'node:fs';
    console.log(JSON.stringify({
      notes: readFileSync('.tsx-cache', 'utf8'),
      link: readlinkSync('node_modules'),
      cache: readdirSync('/tmp/tsx-${p.uid}'),
      express: import.meta.resolve('express').includes('/node_modules/express/'),
    }));`,
  );
  expect(result.code, result.out).toBe(0);
  expect(JSON.parse(result.out)).toEqual({ notes: 'notes', link: '/', cache: [], express: true });
});

test('a detached (setsid) child outlives its parent but not the sandbox', async () => {
  const p = plan();
  const result = await run(
    p,
    `
    import { spawn } from 'node:child_process';
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    child.unref();
    console.log('orphan', child.pid);`,
  );
  expect(result.code).toBe(0);
  const before = countProcessesOf(65534);
  expect(before, 'the orphan runs after its parent exited').toBeGreaterThanOrEqual(1);
  await result.sandbox.destroy();
  expect(countProcessesOf(65534) - before, 'the orphan is gone with the sandbox').toBeLessThan(0);
});

test('SIGTERM reaches the process and its exit code comes back unchanged', async () => {
  const p = plan();
  writeFileSync(
    join(p.appDir, 'main.mjs'),
    `process.on('SIGTERM', () => { console.log('draining'); setTimeout(() => process.exit(0), 200); }); console.log('ready'); setInterval(() => {}, 1000);`,
  );
  handOver(p.appDir, p.uid, p.gid);
  const sandbox = await openSandbox(p, join(p.appDir, '..'), []);
  opened.push(sandbox);
  const sandboxed = sandbox.spawn([sandbox.nodePath, 'main.mjs'], { env: { PATH: '/usr/bin' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  sandboxed.child.stdout!.on('data', (c: Buffer) => {
    out += c;
  });
  while (!out.includes('ready')) await new Promise((r) => setTimeout(r, 20));
  sandboxed.signal('SIGTERM');
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    sandboxed.child.once('exit', (c, s) => resolve([c, s])),
  );
  expect([code, signal, out.includes('draining')]).toEqual([0, null, true]);
  const killed = sandbox.spawn([sandbox.nodePath, '-e', 'setInterval(() => {}, 1000)'], { env: { PATH: '/usr/bin' }, stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 300));
  killed.signal('SIGKILL');
  expect(await new Promise((resolve) => killed.child.once('exit', (_c, s) => resolve(s)))).toBe('SIGKILL');
});

test('memory, process and /tmp limits stop a hog and say which limit it hit', async () => {
  const memory = await run(
    plan({ memoryBytes: 128 * 1024 ** 2 }),
    `const keep = []; for (;;) keep.push(Buffer.alloc(8 * 1024 * 1024, 1));`,
  );
  expect(memory.signal, memory.out).toBe('SIGKILL');
  expect(memory.sandbox.limitsHit()).toContain('killed: memory limit 128 MiB exceeded');
  const forks = await run(
    plan({ tasks: 32 }),
    `
    import { spawn } from 'node:child_process';
    let refused = 0;
    for (let i = 0; i < 40; i += 1) { try { const c = spawn('/usr/bin/sleep', ['30'], { stdio: 'ignore' }); c.on('error', () => { refused += 1; }); } catch { refused += 1; } }
    setTimeout(() => { console.log('refused', refused); process.exit(0); }, 500);`,
  );
  expect(forks.sandbox.limitsHit().join(), forks.out).toMatch(/process limit reached: 32 processes and threads/);
  const disk = await run(
    plan({ diskBytes: 32 * 1024 ** 2 }),
    `
    import { writeFileSync } from 'node:fs';
    try { writeFileSync('/tmp/fill', Buffer.alloc(64 * 1024 * 1024)); console.log('wrote'); } catch (e) { console.log(e.code); }`,
  );
  expect(disk.out.trim()).toBe('ENOSPC');
  expect(disk.sandbox.limitsHit()).toContain('disk limit reached: /tmp may hold 32 MiB');
});

/** Processes of one uid on the whole machine. */
function countProcessesOf(uid: number): number {
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(readFileSync(`/proc/${entry}/status`, 'utf8'))) count += 1;
    } catch {
      // gone
    }
  }
  return count;
}
