// A grade as a user without root, as on a GitHub-hosted runner (its `runner` user) or a developer's laptop: it is
// refused before any candidate code runs, with the command that fixes it; it never runs unsandboxed silently.
// `bch doctor` as that user says the same. Run here as uid 1001 (GitHub's runner) in a user namespace of its own
// (`unshare --map-user`), which keeps the checkout readable wherever CI cloned it.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { localServices } from './support/run-bch.ts';
import { repoRoot } from './support/variants.ts';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bch-non-root-'));
  await chmod(home, 0o777);
});
afterAll(() => rm(home, { recursive: true, force: true }));

function asRunner(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = [`HOME=${home}`, `BCH_WORK_DIR=${join(home, 'work')}`, `BCH_CACHE_DIR=${join(home, 'cache')}`, `PATH=${process.env.PATH}`];
  const command = [
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    'env',
    '-i',
    ...env,
    process.execPath,
    join(repoRoot, 'bin/bch.js'),
    ...args,
  ];
  return new Promise((resolve) => {
    execFile('setpriv', command, { cwd: repoRoot, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

test('bch grade as a user without root is refused before it runs anything, with the fix (exit 3)', async () => {
  const run = await asRunner([
    'grade',
    'lru-cache',
    join(repoRoot, 'solutions/lru-cache'),
    '--services',
    'external',
    '--redis-url',
    localServices.redis,
    '--allow-unauthenticated-services',
  ]);
  expect(run.code, run.stderr).toBe(3);
  expect(run.stderr).toContain('BCH_NO_SANDBOX');
  expect(run.stderr).toContain('sudo -E env "PATH=$PATH" npx bch grade');
  expect(run.stdout).not.toContain('Score:');
  expect(await readdir(join(home, 'work')).catch(() => [])).toEqual([]);
});

test('bch doctor as that user says grades are refused here, and how to run them', async () => {
  const run = await asRunner(['doctor']);
  expect(run.stdout).toMatch(/! bubblewrap .*not root here, so `bch grade` refuses/);
  expect(run.stdout).toContain('fix: sudo -E env "PATH=$PATH" npx bch grade');
});
