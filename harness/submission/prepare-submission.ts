// Turns a submission directory into a runnable copy: the files are copied into the grade's work folder
// (the candidate's own folder is never written to), and its dependencies are found: the submission's own
// lockfile is installed with `npm ci --ignore-scripts`, cached by the lockfile's hash; without a lockfile,
// the harness's own packages (express, ioredis, pg, amqplib …) are used. The dependencies folder is not
// put into the copy here: the sandbox mounts it read-only (or `linkDependencies` links it, unsandboxed).
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, symlink } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { OutputTail } from './output-tail.ts';
import { killGroup } from './process-group.ts';

export const harnessNodeModules = resolve(import.meta.dirname, '../../node_modules');
const installTimeoutMs = 5 * 60 * 1000;
const skipped = new Set(['node_modules', '.git']);

export type PreparedSubmission =
  | { ok: true; appDir: string; nodeModulesDir: string; dependencies: 'harness' | 'installed' | 'cached'; installMs: number }
  | { ok: false; appDir: string; message: string; output: string; installMs: number };

/** Checks that a submission path is a directory, as a usage error otherwise. */
export function assertSubmissionDir(path: string): string {
  const absolute = resolve(path);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new UsageError('BCH_SUBMISSION_NOT_FOUND', `The submission "${path}" is not a directory. Pass the folder that holds your package.json and src/.`);
  }
  return absolute;
}

export async function prepareSubmission(sourceDir: string, gradeDir: string, cacheDir: string): Promise<PreparedSubmission> {
  const appDir = join(gradeDir, 'app');
  await cp(sourceDir, appDir, { recursive: true, filter: (source) => !skipped.has(basename(source)) || source === sourceDir });
  const started = Date.now();
  const lockfile = join(appDir, 'package-lock.json');
  if (!existsSync(lockfile)) {
    return { ok: true, appDir, nodeModulesDir: harnessNodeModules, dependencies: 'harness', installMs: 0 };
  }
  const manifest = await readFile(join(appDir, 'package.json'), 'utf8').catch(() => '');
  const hash = createHash('sha256').update(manifest).update('\0').update(await readFile(lockfile)).digest('hex').slice(0, 24);
  const target = join(cacheDir, 'deps', hash);
  let dependencies: 'installed' | 'cached' = 'cached';
  if (!existsSync(join(target, 'node_modules'))) {
    const staging = join(cacheDir, 'deps', `.staging-${randomUUID()}`);
    await mkdir(staging, { recursive: true });
    await cp(join(appDir, 'package.json'), join(staging, 'package.json')).catch(() => {});
    await cp(lockfile, join(staging, 'package-lock.json'));
    const install = await runNpmCi(staging);
    if (!install.ok) {
      await rm(staging, { recursive: true, force: true });
      return { ok: false, appDir, message: install.message, output: install.output, installMs: Date.now() - started };
    }
    // Another grade may have installed the same lockfile meanwhile: either copy is good.
    await rename(staging, target).catch(async () => rm(staging, { recursive: true, force: true }));
    dependencies = 'installed';
  }
  return { ok: true, appDir, nodeModulesDir: join(target, 'node_modules'), dependencies, installMs: Date.now() - started };
}

/** Without a sandbox: makes the dependencies visible in the copy as a `node_modules` symlink. */
export async function linkDependencies(appDir: string, nodeModulesDir: string): Promise<void> {
  await symlink(nodeModulesDir, join(appDir, 'node_modules'), 'dir');
}

function runNpmCi(dir: string): Promise<{ ok: true } | { ok: false; message: string; output: string }> {
  return new Promise((resolveResult) => {
    const tail = new OutputTail(16 * 1024);
    const child = spawn('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, npm_config_cache: process.env.npm_config_cache ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout.on('data', (chunk: Buffer) => tail.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
    const timer = setTimeout(() => {
      killGroup(child.pid!, 'SIGKILL');
    }, installTimeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolveResult({ ok: false, message: `could not run npm ci: ${error.message}`, output: tail.text() });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolveResult({ ok: true });
      else if (signal) resolveResult({ ok: false, message: `npm ci --ignore-scripts did not finish within ${installTimeoutMs / 60000} minutes (limit)`, output: tail.text() });
      else resolveResult({ ok: false, message: `npm ci --ignore-scripts failed (exit code ${code}): check that package-lock.json matches package.json`, output: tail.text() });
    });
  });
}
