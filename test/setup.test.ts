// The machine set-up outlives .ci/run: after scripts/setup.sh (which .ci/run runs first), a new shell with nothing
// exported finds Node.js 24 and the local stand-in images, and grades with containers (on the checks that wait on
// no clock, test/support/untimed-checks.ts: test/containers-grade.test.ts grades every check with containers).
// The daemon it starts keeps none of its caller's file descriptors.
import { execFile } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { JsonTestReport } from './support/run-bch.ts';
import { untimedChecks, untimedMaxScore } from './support/untimed-checks.ts';
import { repoRoot } from './support/variants.ts';

/** Runs a command line in a login-less shell with an empty environment but HOME and the system's default PATH. */
function newShell(script: string, timeoutMs = 600_000): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { HOME: process.env.HOME ?? '/root', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd: repoRoot, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('the machine set-up (scripts/setup.sh)', () => {
  test("start_detached gives the daemon its own session and none of the caller's other file descriptors", async () => {
    const lock = join(await mkdtemp(join(tmpdir(), 'bch-detach-')), 'held.lock');
    const run = await newShell(`source .ci/lib/detach.sh; exec 7>'${lock}'; start_detached /dev/null sleep 30`);
    const pid = Number(run.stdout.trim());
    expect(pid, run.stderr).toBeGreaterThan(0);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const fds = readdirSync(`/proc/${pid}/fd`).map((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`));
      expect(fds).not.toContain(lock);
      expect(fds).toHaveLength(3);
      const sessionId = Number((await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ')[3]);
      expect(sessionId).toBe(pid);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });

  test(
    'a new shell with nothing exported runs Node.js 22.22+ and grades the reference with containers (full marks)',
    async () => {
      const json = join(await mkdtemp(join(tmpdir(), 'bch-setup-')), 'results.json');
      const run = await newShell(
        `env | grep '^BCH_' ; node --version && npx bch grade lru-cache solutions/lru-cache --services containers --quick --checks ${untimedChecks} --json '${json}'`,
      );
      const [versionLine] = run.stdout.split('\n');
      expect(run.stdout, 'no BCH_ variable is set').not.toMatch(/^BCH_/m);
      const [major, minor] = versionLine.replace('v', '').split('.').map(Number);
      expect(major > 22 || (major === 22 && minor >= 22), `node on the default PATH is ${versionLine}`).toBe(true);
      expect(run.code, run.stderr.slice(-3000)).toBe(0);
      const report = JSON.parse(await readFile(json, 'utf8')) as JsonTestReport;
      expect(run.stdout, 'the containers provider used the stand-ins recorded by the set-up, or the official images').toContain(
        'containers: redis',
      );
      expect(report.max_score).toBe(untimedMaxScore);
      expect(
        report.score,
        report.tests
          .filter((t) => t.status !== 'pass')
          .map((t) => `${t.name}: ${t.message ?? t.status}`)
          .join('\n'),
      ).toBe(untimedMaxScore);
    },
    10 * 60_000,
  );
});
