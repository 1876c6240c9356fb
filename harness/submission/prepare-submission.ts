// Turns a submission directory into a runnable copy: the files are copied into the grade's work folder
// (the candidate's own folder is never written to), and its dependencies are found: the submission's own
// lockfile is installed with `npm ci --ignore-scripts` (install-dependencies.ts); without a lockfile, the
// harness's own packages (express, ioredis, pg, amqplib …) are used. The dependencies folder is not
// put into the copy here: the sandbox mounts it read-only (or `linkDependencies` links it, unsandboxed).
import { existsSync, statSync } from 'node:fs';
import { cp, symlink } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { installDependencies } from './install-dependencies.ts';

const skipped = new Set(['node_modules', '.git']);

export type PreparedSubmission =
  | {
      ok: true;
      appDir: string;
      nodeModulesDir: string;
      dependencies: 'harness' | 'installed' | 'cached';
      installScriptsSkipped: string[];
      installMs: number;
    }
  | { ok: false; appDir: string; kind: 'candidate' | 'environment'; message: string; output: string; installMs: number };

/** Checks that a submission path is a directory, as a usage error otherwise. */
export function assertSubmissionDir(path: string): string {
  const absolute = resolve(path);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new UsageError(
      'BCH_SUBMISSION_NOT_FOUND',
      `The submission "${path}" is not a directory. Pass the folder that holds your package.json and src/.`,
    );
  }
  return absolute;
}

export async function prepareSubmission(sourceDir: string, gradeDir: string, cacheDir: string): Promise<PreparedSubmission> {
  const appDir = join(gradeDir, 'app');
  // Links are copied as the text they hold, as receive checked them (cp would otherwise rewrite them to absolute
  // paths into the received tree).
  await cp(sourceDir, appDir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !skipped.has(basename(source)) || source === sourceDir,
  });
  const started = Date.now();
  const installed = await installDependencies(appDir, cacheDir);
  if (!installed.ok)
    return {
      ok: false,
      appDir,
      kind: installed.kind,
      message: installed.message,
      output: installed.output,
      installMs: Date.now() - started,
    };
  return {
    ok: true,
    appDir,
    nodeModulesDir: installed.nodeModulesDir,
    dependencies: installed.dependencies,
    installScriptsSkipped: installed.installScriptsSkipped,
    installMs: Date.now() - started,
  };
}

/** Without a sandbox: makes the dependencies visible in the copy as a `node_modules` symlink. */
export async function linkDependencies(appDir: string, nodeModulesDir: string): Promise<void> {
  await symlink(nodeModulesDir, join(appDir, 'node_modules'), 'dir');
}
