// Ctrl-C during a real `bch grade` with the containers provider leaves nothing behind: no container of the run
// in any state, no run folder, no process (the vitest worker, the candidate's services), whatever phase it
// came in and whatever signal handlers the dependencies installed (testcontainers loads signal-exit).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { managedContainers } from '../harness/clean/container-leftovers.ts';
import { repoRoot } from './support/variants.ts';

/** Processes in the given process group, or whose command line or folder names the given path. */
function leftoverProcesses(pgid: number, path: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || fields[0] === 'X') continue; // zombies and processes the kernel is removing
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (Number(fields[2]) === pgid || cmdline.includes(path) || readlinkSync(`/proc/${pid}/cwd`).startsWith(path))
        found.push(`${pid}: ${cmdline}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Runs `bch grade` in its own process group, sends SIGINT once `ready` says so, and checks what is left. */
async function interruptGrade(challenge: string, ready: (output: string, pid: number) => Promise<boolean>) {
  const workRoot = await mkdtemp(join(tmpdir(), 'bch-interrupt-'));
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin/bch.js'), 'grade', challenge, `solutions/${challenge}`, '--services', 'containers', '--quick'],
    {
      cwd: repoRoot,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS')),
        BCH_WORK_DIR: workRoot,
        TESTCONTAINERS_RYUK_DISABLED: 'true',
        NO_COLOR: '1',
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid!;
  try {
    const deadline = Date.now() + 240_000;
    while (!(await ready(output, pid))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never reached the moment to interrupt:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.kill(pid, 'SIGINT');
    expect(await exited, output).toBe(130);
    expect(output).toContain('SIGINT received');
    const containers = (await managedContainers()).filter((c) => c.Labels?.['bch.pid'] === String(pid));
    expect(
      containers.map((c) => `${c.Image} ${c.State}`),
      'containers of the run',
    ).toEqual([]);
    expect(
      (await readdir(workRoot)).filter((name) => name.startsWith('run-')),
      'run folders',
    ).toEqual([]);
    // A process the interrupt ended can still be in the kernel's hands for a moment (empty command line); a leaked
    // one stays. Look for up to 3 s until none is left.
    let left = leftoverProcesses(pid, workRoot);
    for (const deadline = Date.now() + 3000; left.length > 0 && Date.now() < deadline; left = leftoverProcesses(pid, workRoot)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(left, 'processes of the run, 3 s after bch exited').toEqual([]);
  } finally {
    if (child.exitCode === null) process.kill(-pid, 'SIGKILL');
    await rm(workRoot, { recursive: true, force: true });
  }
}

test('SIGINT while the containers are starting removes them', async () => {
  await interruptGrade('mq-worker', async (_output, pid) => (await managedContainers()).some((c) => c.Labels?.['bch.pid'] === String(pid)));
}, 300_000);

test('SIGINT while the tests run removes the containers, the services the tests started and the run folder', async () => {
  await interruptGrade(
    'lru-cache',
    async (output) =>
      /✓ start .*\n.*\S+\s+\S/.test(output) &&
      /\n {2}\S (read-through|shared|lru|put|invalidate|upstream|single|stale|bounded|load)/.test(output),
  );
}, 300_000);
