// Installs a submission's own dependencies from its package-lock.json with `npm ci --ignore-scripts`, once per
// install key (cached), and says whose fault a failure is. Without a lockfile the harness's packages are used.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, realpath, rename } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { classifyNpmFailure } from './classify-npm-failure.ts';
import { createStaging, depsDir, dropStaging, isComplete, pruneCache, sealEntry, touchEntry, trackInstaller } from './dependency-cache.ts';
import { lockfileFacts, readInstallFiles } from './lockfile-facts.ts';
import { harnessNodeModules } from '../process/harness-modules.ts';
import { OutputTail } from '../process/output-tail.ts';
import { killGroup } from '../process/process-group.ts';

const installTimeoutMs = 5 * 60 * 1000;
const keyFormat = 'bch-deps-2';
const otherLockfiles = { 'pnpm-lock.yaml': 'pnpm', 'yarn.lock': 'yarn', 'bun.lockb': 'bun', 'bun.lock': 'bun' } as const;
/** The grader's own network, proxy, CA and registry settings, passed on to npm. */
const passedOn =
  /^(PATH|HOME|USERPROFILE|TMPDIR|HTTPS?_PROXY|https?_proxy|NO_PROXY|no_proxy|ALL_PROXY|NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|npm_config_.+|NPM_CONFIG_.+)$/;
/** Few, short retries: a broken network is reported in seconds, not after npm's default minute of retries. */
const fetchDefaults: Record<string, string> = {
  'fetch-retries': '1',
  'fetch-retry-mintimeout': '1000',
  'fetch-retry-maxtimeout': '5000',
  'fetch-timeout': '60000',
};

export type InstalledDependencies =
  | { ok: true; nodeModulesDir: string; dependencies: 'harness' | 'installed' | 'cached'; installScriptsSkipped: string[] }
  | { ok: false; kind: 'candidate' | 'environment'; message: string; output: string };

const fail = (kind: 'candidate' | 'environment', message: string, output = ''): InstalledDependencies => ({
  ok: false,
  kind,
  message,
  output,
});

/** The dependencies folder for the submission copy in `appDir`: the harness's, or a cached install of its lockfile. */
export async function installDependencies(
  appDir: string,
  cacheDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<InstalledDependencies> {
  const lockfile = join(appDir, 'package-lock.json');
  if (!existsSync(lockfile)) {
    const other = Object.entries(otherLockfiles).find(([file]) => existsSync(join(appDir, file)));
    if (other)
      return fail(
        'candidate',
        `the submission has a ${other[0]} (${other[1]}) but no package-lock.json: bch installs dependencies with npm ci only. Run \`npm install\`, commit package-lock.json, and send it again (or remove ${other[0]} to use the harness's packages).`,
      );
    return { ok: true, nodeModulesDir: harnessNodeModules, dependencies: 'harness', installScriptsSkipped: [] };
  }
  const files = await readInstallFiles(join(appDir, 'package.json'), lockfile);
  if ('error' in files) return fail('candidate', files.error);
  const facts = lockfileFacts(files.manifest, files.lockfile);
  const realApp = await realpath(appDir);
  for (const folder of facts.fileDependencies) {
    const target = resolve(appDir, folder);
    const real = existsSync(target) ? await realpath(target) : undefined;
    const rel = real ? relative(realApp, real) : '..';
    if (rel === '' || rel.startsWith('..') || rel.split(sep)[0] === 'node_modules') {
      return fail(
        'candidate',
        `the file: dependency "${folder}" is ${real ? 'outside the submission' : 'missing from the submission'}: bch installs only what was sent. Move the package into the submission (e.g. vendor/<name>), reference it as "file:vendor/<name>", and run \`npm install\`.`,
      );
    }
  }
  const key = createHash('sha256')
    .update(`${keyFormat}\0node ${process.versions.node.split('.')[0]}\0npm ${await npmMajor()}\0`)
    .update(await readFile(lockfile))
    .update(`\0${facts.installFields}\0`);
  for (const folder of facts.fileDependencies) key.update(`${folder}\0`).update(await contentHash(join(appDir, folder)));
  const entry = join(depsDir(cacheDir), key.digest('hex').slice(0, 32));
  if (isComplete(entry)) {
    await touchEntry(entry);
    return { ok: true, nodeModulesDir: join(entry, 'node_modules'), dependencies: 'cached', installScriptsSkipped: facts.installScripts };
  }
  const staging = await createStaging(cacheDir);
  try {
    await cp(join(appDir, 'package.json'), join(staging, 'package.json'));
    await cp(lockfile, join(staging, 'package-lock.json'));
    for (const folder of facts.fileDependencies)
      await cp(join(appDir, folder), join(staging, folder), {
        recursive: true,
        filter: (source) => !source.split(sep).includes('node_modules'),
      });
    const install = await runNpmCi(staging, env);
    if (!install.ok) {
      const failure = install.timedOut
        ? {
            kind: 'environment' as const,
            message: `npm ci did not finish within ${installTimeoutMs / 60000} minutes (limit): the registry or the network is too slow. Grade again when it is reachable.`,
          }
        : classifyNpmFailure(install.output);
      return fail(failure.kind, failure.message, install.output);
    }
    await sealEntry(staging);
    // Another grade may have installed the same key meanwhile: either copy is good.
    await rename(staging, entry).catch(() => {});
  } finally {
    await dropStaging(staging);
  }
  await pruneCache(cacheDir).catch(() => {});
  return { ok: true, nodeModulesDir: join(entry, 'node_modules'), dependencies: 'installed', installScriptsSkipped: facts.installScripts };
}

/** Runs `npm ci --ignore-scripts` in its own process group with the grader's network settings. */
function runNpmCi(dir: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; timedOut: boolean; output: string }> {
  const childEnv = Object.fromEntries(Object.entries(env).filter(([name, value]) => value !== undefined && passedOn.test(name))) as Record<
    string,
    string
  >;
  const configured = new Set(
    Object.keys(childEnv).map((name) =>
      name
        .toLowerCase()
        .replace(/^npm_config_/, '')
        .replaceAll('_', '-'),
    ),
  );
  const fetchFlags = Object.entries(fetchDefaults)
    .filter(([name]) => !configured.has(name))
    .map(([name, value]) => `--${name}=${value}`);
  return new Promise((resolveResult) => {
    const tail = new OutputTail(16 * 1024);
    const child = spawn('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', ...fetchFlags], {
      cwd: dir,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    trackInstaller(dir, child.pid);
    child.stdout.on('data', (chunk: Buffer) => tail.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid!, 'SIGKILL');
    }, installTimeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolveResult({ ok: false, timedOut, output: `npm error code ENOENT\nnpm error could not run npm: ${error.message}` });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveResult({ ok: code === 0, timedOut, output: tail.text() });
    });
  });
}

let npmVersion: Promise<string> | undefined;
/** npm's major version, asked once per process. */
function npmMajor(): Promise<string> {
  npmVersion ??= new Promise((resolveVersion) => {
    const child = spawn('npm', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', () => resolveVersion('unknown'));
    child.once('exit', () => resolveVersion(out.trim().split('.')[0] || 'unknown'));
  });
  return npmVersion;
}

/** A hash of a folder's file names and contents (node_modules excluded), for `file:` dependencies in the key. */
async function contentHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter(
    (d) => d.isFile() && !relative(dir, join(d.parentPath, d.name)).split(sep).includes('node_modules'),
  );
  for (const d of names.map((n) => join(n.parentPath, n.name)).sort())
    hash
      .update(`${relative(dir, d)}\0`)
      .update(await readFile(d))
      .update('\0');
  return hash.digest('hex');
}
