// Submissions as interviewers receive them (archives, git) and with their own dependencies, graded by the real
// `bch` on every check that waits on no clock (test/support/untimed-checks.ts): each form of the reference passes
// them all, a Fastify solution with its own lockfile passes them all and its re-grade reuses the install, a native
// module without prebuilt binaries is named, an unreachable registry is exit 3.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { depsDir, sizeOf } from '../harness/submission/dependency-cache.ts';
import { buildZip } from './support/build-archive.ts';
import { externalFlags, runBch, type BchRun } from './support/run-bch.ts';
import { untimedChecks, untimedMaxScore } from './support/untimed-checks.ts';
import { repoRoot } from './support/variants.ts';

const reference = join(repoRoot, 'solutions/lru-cache');
const fixtures = join(repoRoot, 'test/fixtures/dependencies');

/** The reference with another package.json + lockfile, and optional file overrides. */
async function referenceWith(root: string, name: string, deps: string, edit?: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(root, name);
  await cp(reference, dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
  for (const file of ['package.json', 'package-lock.json']) await cp(join(fixtures, deps, file), join(dir, file));
  await edit?.(dir);
  return dir;
}

/** The reference's server.ts, listening through the Fastify app instead of node:http. */
async function onFastify(dir: string): Promise<void> {
  await cp(join(fixtures, 'fastify/src/app.ts'), join(dir, 'src/app.ts'));
  const server = await readFile(join(dir, 'src/server.ts'), 'utf8');
  const patched = server
    .replace(
      'const server = createServer(createApp({ products, isReady, instanceId: config.instanceId, log }));',
      'const app = createApp({ products, isReady, instanceId: config.instanceId, log });\nconst server = app.server;',
    )
    .replace(
      'server.listen(config.port, () => log(`listening on port ${config.port}`));',
      "app.listen({ port: config.port, host: '::' }).then(() => log(`listening on port ${config.port}`), (error: Error) => { log(`cannot serve: ${error.message}`); process.exit(1); });",
    );
  expect(patched).not.toBe(server);
  await writeFile(join(dir, 'src/server.ts'), patched);
}

describe('submission forms and dependencies', () => {
  let run: BchRun;
  let cacheDir: string;
  const labels: string[] = [];

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), 'bch-forms-'));
    cacheDir = join(root, 'cache');
    execFileSync('tar', ['-czf', join(root, 'reference.tgz'), '-C', join(repoRoot, 'solutions'), 'lru-cache']);
    execFileSync('git', ['init', '-q', '-b', 'main', join(root, 'work')]);
    await cp(reference, join(root, 'work'), { recursive: true, filter: (source) => !source.includes('node_modules') });
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', join(root, 'work'), '-c', 'user.name=t', '-c', 'user.email=t@t', ...args]);
    git('add', '.');
    git('commit', '-qm', 'solution');
    git('tag', 'submitted');
    git('commit', '-q', '--allow-empty', '-m', 'after the deadline');
    execFileSync('git', ['clone', '-q', '--bare', join(root, 'work'), join(root, 'candidate.git')]);
    const files = (await readdir(reference, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
    await writeFile(
      join(root, 'reference.zip'),
      buildZip(
        await Promise.all(
          files.map(async (d) => ({
            name: relative(reference, join(d.parentPath, d.name)),
            content: await readFile(join(d.parentPath, d.name)),
          })),
        ),
      ),
    );
    const fastify = await referenceWith(root, 'fastify', 'fastify', onFastify);
    const bcrypt = await referenceWith(root, 'bcrypt5', 'bcrypt5', async (dir) => {
      const server = await readFile(join(dir, 'src/server.ts'), 'utf8');
      await writeFile(join(dir, 'src/server.ts'), `import bcrypt from 'bcrypt';\nvoid bcrypt;\n${server}`);
    });
    labels.push(
      join(root, 'reference.tgz'),
      join(root, 'reference.zip'),
      `${join(root, 'candidate.git')}#submitted`,
      fastify,
      fastify,
      bcrypt,
    );
    run = await runBch(['grade', 'lru-cache', ...labels, ...externalFlags, '--quick', '--checks', untimedChecks], {
      env: { BCH_CACHE_DIR: cacheDir },
      timeoutMs: 15 * 60_000,
    });
  });

  test('the reference as .tgz, .zip and git ref, and a Fastify solution with its own lockfile, pass every check', () => {
    expect(run.reports.map((r) => [r.submission, r.score, r.max_score, r.message])).toEqual(
      labels
        .slice(0, 5)
        .map((label) => [label, untimedMaxScore, untimedMaxScore, undefined])
        .concat([[labels[5], expect.any(Number), untimedMaxScore, expect.any(String)]]),
    );
    expect(run.reports[0].received).toMatch(/^archive reference\.tgz, root lru-cache\/ \(\d+ entries\)$/);
    expect(run.stdout).toContain('archive reference.tgz, root lru-cache/');
    expect(run.stdout).toContain('archive reference.zip, root the top folder');
    expect(run.stdout).toMatch(/git submitted = [0-9a-f]{12}, root the top folder/);
  });

  test('the re-grade of the Fastify solution reuses the cached install', () => {
    const details = [...run.stdout.matchAll(/dependencies: (\w+)/g)].map((m) => m[1]);
    expect(details).toEqual(['harness', 'harness', 'harness', 'installed', 'cached', 'installed']);
  });

  test('a native module without prebuilt binaries is named', () => {
    const report = run.reports[5];
    expect(report.message).toContain('your service did not start');
    expect(report.message).toContain('it needs the install script of bcrypt@5.1.1, which bch does not run (npm ci --ignore-scripts)');
  });

  test('the install cache is not empty after installs (its size is printed for the report)', async () => {
    const bytes = await sizeOf(depsDir(cacheDir));
    console.log(`install cache after the grades: ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
    expect(bytes).toBeGreaterThan(0);
  });
});

test("an unreachable registry is an environment error: exit 3, with npm's reason", async () => {
  const root = await mkdtemp(join(tmpdir(), 'bch-offline-'));
  const submission = await referenceWith(root, 'fastify', 'fastify', onFastify);
  const started = Date.now();
  const run = await runBch(['grade', 'lru-cache', submission, ...externalFlags, '--quick'], {
    env: { BCH_CACHE_DIR: join(root, 'cache'), npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: join(root, 'npm-cache') },
    timeoutMs: 5 * 60_000,
  });
  expect(run.exitCode, run.stderr.slice(-2000)).toBe(3);
  const [report] = run.reports;
  expect(report.status).toBe('error');
  expect(report.message).toMatch(/^the environment broke: npm could not reach the package registry \(ECONNREFUSED: /);
  expect(
    report.tests.every(
      (t) => t.status === 'error' && t.message === 'not run: the environment broke while installing dependencies (see the grade message)',
    ),
  ).toBe(true);
  expect(Date.now() - started).toBeLessThan(60_000);
});
