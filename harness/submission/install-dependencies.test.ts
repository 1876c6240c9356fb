// Installs with the real npm: whose failure each broken set-up is, file: dependencies, other lockfiles, the cache.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { depsDir, removeActiveStaging } from './dependency-cache.ts';
import { harnessNodeModules } from '../process/harness-modules.ts';
import { installDependencies } from './install-dependencies.ts';

const fixtures = resolve(import.meta.dirname, '../../test/fixtures/dependencies');
const msLock = {
  name: 'x',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'x', dependencies: { ms: '2.1.3' } },
    'node_modules/ms': {
      version: '2.1.3',
      resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz',
      integrity: 'sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==',
      license: 'MIT',
    },
  },
};

let root: string;
let cacheDir: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bch-install-'));
  cacheDir = join(root, 'cache');
});

/** A submission copy with the given files (objects are written as JSON). */
async function app(name: string, files: Record<string, unknown>): Promise<string> {
  const dir = join(root, name, 'app');
  for (const [file, content] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

/** The grader's environment (proxy, CA) with an empty npm cache of its own and the given registry, so nothing is served from the machine's npm cache. */
// The machine's CA bundle stands in for the grader's CA setting when none is exported: where a TLS proxy stands
// between this machine and the registry, npm needs it to reach the registry at all.
const systemCa = existsSync('/etc/ssl/certs/ca-certificates.crt') ? { NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt' } : {};
const isolatedNpm = async (registry?: string) => ({
  ...systemCa,
  ...process.env,
  npm_config_cache: await mkdtemp(join(root, 'npm-cache-')),
  ...(registry ? { npm_config_registry: registry } : {}),
});

test("no lockfile: the harness's packages", async () => {
  expect(await installDependencies(await app('plain', { 'package.json': {} }), cacheDir)).toMatchObject({
    ok: true,
    dependencies: 'harness',
    nodeModulesDir: harnessNodeModules,
  });
});

test("a lockfile that does not match package.json is the candidate's failure, in npm's words", async () => {
  const dir = await app('mismatch', {
    'package.json': { name: 'x', dependencies: { zod: '^3.25.0' } },
    'package-lock.json': { name: 'x', lockfileVersion: 3, requires: true, packages: { '': { name: 'x' } } },
  });
  const result = await installDependencies(dir, cacheDir, await isolatedNpm());
  expect(result).toMatchObject({ ok: false, kind: 'candidate' });
  expect(result.ok === false && result.message).toMatch(
    /^package-lock\.json does not match package\.json: Missing: zod@3\.\d+\.\d+ from lock file\. Run `npm install`/,
  );
});

test("an unreachable registry is the environment's failure, with npm's reason, within seconds", async () => {
  const dir = await app('offline', { 'package.json': { name: 'x', dependencies: { ms: '2.1.3' } }, 'package-lock.json': msLock });
  const started = Date.now();
  const result = await installDependencies(dir, cacheDir, await isolatedNpm('http://127.0.0.1:9/'));
  expect(result).toMatchObject({ ok: false, kind: 'environment' });
  expect(result.ok === false && result.message).toMatch(/^npm could not reach the package registry \(ECONNREFUSED: .*127\.0\.0\.1:9/);
  expect(Date.now() - started).toBeLessThan(30_000);
});

test('a file: dependency outside the submission is refused before npm runs', async () => {
  const dir = await app('outside', {
    'package.json': { name: 'x', dependencies: { shared: 'file:../shared' } },
    'package-lock.json': {
      name: 'x',
      lockfileVersion: 3,
      packages: {
        '': { name: 'x', dependencies: { shared: 'file:../shared' } },
        'node_modules/shared': { resolved: '../shared', link: true },
      },
    },
    '../shared/package.json': { name: 'shared' },
  });
  const result = await installDependencies(dir, cacheDir);
  expect(result.ok === false && [result.kind, result.message]).toEqual([
    'candidate',
    expect.stringMatching(
      /^the file: dependency "\.\.\/shared" is outside the submission: bch installs only what was sent\. Move the package into the submission/,
    ),
  ]);
});

test('a file: dependency inside the submission is installed, cached, and re-installed when its content changes', async () => {
  const dir = join(root, 'inside', 'app');
  await cp(join(fixtures, 'file-inside'), dir, { recursive: true });
  const first = await installDependencies(dir, cacheDir, await isolatedNpm());
  expect(first).toMatchObject({ ok: true, dependencies: 'installed' });
  const modules = first.ok ? first.nodeModulesDir : '';
  expect(await readFile(join(modules, 'local-greeting/index.js'), 'utf8')).toContain('hello from vendor');
  expect(await installDependencies(dir, cacheDir, await isolatedNpm())).toMatchObject({
    ok: true,
    dependencies: 'cached',
    nodeModulesDir: modules,
  });
  await writeFile(join(dir, 'vendor/local-greeting/index.js'), "export const greeting = 'changed';\n");
  const changed = await installDependencies(dir, cacheDir, await isolatedNpm());
  expect(changed).toMatchObject({ ok: true, dependencies: 'installed' });
  expect(changed.ok && changed.nodeModulesDir).not.toBe(modules);
});

test.each([
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
])('a %s without package-lock.json is refused, not silently ignored', async (file, tool) => {
  const result = await installDependencies(
    await app(`other-${tool}`, { 'package.json': { dependencies: { zod: '^3' } }, [file]: 'lockfileVersion: 9\n' }),
    cacheDir,
  );
  expect(result.ok === false && [result.kind, result.message]).toEqual([
    'candidate',
    `the submission has a ${file} (${tool}) but no package-lock.json: bch installs dependencies with npm ci only. Run \`npm install\`, commit package-lock.json, and send it again (or remove ${file} to use the harness's packages).`,
  ]);
});

describe('an interrupted install', () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer(() => {}); // accepts and never answers: an install that hangs
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterAll(() => server.close());

  test('leaves no staging folder once interrupted (Ctrl-C runs removeActiveStaging)', async () => {
    const dir = await app('hang', { 'package.json': { name: 'x', dependencies: { ms: '2.1.3' } }, 'package-lock.json': msLock });
    const port = (server.address() as { port: number }).port;
    const install = installDependencies(dir, join(root, 'cache-hang'), await isolatedNpm(`http://127.0.0.1:${port}/`));
    const staging = async () => (await readdir(depsDir(join(root, 'cache-hang'))).catch(() => [])).filter((n) => n.startsWith('.staging-'));
    while ((await staging()).length === 0) await new Promise((done) => setTimeout(done, 50));
    await new Promise((done) => setTimeout(done, 1000));
    await removeActiveStaging();
    await install.catch(() => undefined);
    expect(await staging()).toEqual([]);
  });
});
