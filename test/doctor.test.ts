// `bch doctor` on this machine, as a user runs it: with the Docker daemon, and with DOCKER_HOST pointing at a dead socket.
import { execFile } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runBch } from './support/run-bch.ts';
import { repoRoot } from './support/variants.ts';

/** Runs bch where Docker cannot be found: the daemon's socket hidden (bubblewrap), DOCKER_HOST dead. */
function runWithoutDocker(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS')),
    DOCKER_HOST: 'unix:///tmp/bch-no-such-docker.sock',
    REDIS_URL: '',
    DATABASE_URL: '',
    AMQP_URL: '',
  };
  const socket = existsSync('/var/run/docker.sock') ? realpathSync('/var/run/docker.sock') : undefined;
  const hidden = ['--dev-bind', '/', '/', ...(socket ? ['--ro-bind', '/dev/null', socket] : [])];
  return new Promise((resolve) => {
    execFile(
      'bwrap',
      [...hidden, process.execPath, join(repoRoot, 'bin/bch.js'), ...args],
      { cwd: repoRoot, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('bch doctor on this machine', () => {
  test('with the Docker daemon: Docker answers, and the exit code is 3 exactly when a line is a problem', async () => {
    const run = await runBch(['doctor'], { json: false, timeoutMs: 120_000 });
    expect(run.stdout).toMatch(/^✓ Docker +engine .+ answers$/m);
    expect(run.stdout).toMatch(/^✓ Node\.js +v\d+/m);
    for (const line of run.stdout.split('\n').filter((l) => l.startsWith('✗')))
      expect(run.stdout.slice(run.stdout.indexOf(line))).toMatch(/\n +fix: /);
    expect(run.exitCode).toBe(/^✗/m.test(run.stdout) ? 3 : 0);
  });

  test('without a daemon: Docker is the problem, its fix is printed, and the local services are named with their flags', async () => {
    const run = await runWithoutDocker(['doctor']);
    expect(run.stdout).toMatch(/^✗ Docker +the engine does not answer at DOCKER_HOST=unix:\/\/\/tmp\/bch-no-such-docker\.sock/m);
    expect(run.stdout).toContain('fix: sudo systemctl start docker');
    // The machine's own Redis answers on 6379 (docs/ENVIRONMENT): named, with the flag that uses it.
    expect(run.stdout).toContain('redis on localhost:6379');
    expect(run.stdout).toContain('--services external');
    expect(run.stdout).not.toMatch(/^. image /m);
    expect(run.code).toBe(3);
  });

  test('without a daemon, a grade stops with BCH_NO_SERVICES naming the local services and their flags (never using them unasked)', async () => {
    const run = await runWithoutDocker(['test', 'lru-cache', 'challenges/lru-cache/starter']);
    expect(run.stderr).toContain('BCH_NO_SERVICES');
    expect(run.stderr).toContain('Services answer on their usual local ports: redis on localhost:6379.');
    expect(run.stderr).toContain('  --services external --redis-url redis://localhost:6379');
    expect(run.code).toBe(3);
  });
});
