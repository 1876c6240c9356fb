// The real probes of `bch doctor`: commands run with a time limit and never throw, HTTP with a timeout,
// TCP connects, and free disk space.
import { execFile } from 'node:child_process';
import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandResult, DoctorProbes } from './doctor-finding.ts';
import { portAnswers } from '../services/local-services.ts';

/** Runs a command with a time limit; a missing command gives code -1 instead of an exception. */
export function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : error.code === 'ENOENT' ? -1 : 1;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && code !== 0 ? error.message : '') });
    });
  });
}

/** The HTTP status of a GET, or undefined when nothing answers within the limit. */
async function httpStatus(url: string, timeoutMs = 4000): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
}

/** Free bytes where `path` is, or would be created. */
function freeBytes(path: string): number {
  let at = path;
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at);
  const stats = statfsSync(at);
  return stats.bavail * stats.bsize;
}

export function machineProbes(env: NodeJS.ProcessEnv): DoctorProbes {
  return {
    env,
    run: (command, args, timeoutMs) => runCommand(command, args, env, timeoutMs),
    httpStatus,
    portAnswers: (port) => portAnswers(port),
    freeBytes,
    uid: () => process.getuid?.(),
  };
}
