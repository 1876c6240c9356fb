// One running version of the app: started detached (its own process group, so it outlives a restart of this
// controller), probed until ready, and stopped by process group.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface AppHandle {
  version: string;
  port: number;
  pid: number;
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts one version of the app on a free port; does not wait for it to be ready. */
export async function startApp(command: string[], version: string): Promise<AppHandle> {
  const port = await freePort();
  const child = spawn(command[0], command.slice(1), {
    env: { ...process.env, APP_VERSION: version, APP_PORT: String(port) },
    detached: true,
    stdio: 'ignore',
  });
  if (child.pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once('error', resolve));
    throw new Error(`could not start version ${version}: ${error.message}`);
  }
  child.once('error', () => {});
  child.unref();
  return { version, port, pid: child.pid };
}

/** Polls GET /ready until it answers 200 (true), or the deadline passes or the process dies (false). */
export async function waitReady(app: AppHandle, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(app.pid)) return false;
    try {
      const response = await fetch(`http://127.0.0.1:${app.port}/ready`, { signal: AbortSignal.timeout(Math.max(50, Math.min(1000, deadline - Date.now()))) });
      await response.body?.cancel();
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  return false;
}

/** SIGTERM to the app's process group, SIGKILL if it is still there after graceMs; resolves once it is gone. */
export async function stopApp(app: AppHandle, graceMs = 2000): Promise<void> {
  signal(app.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(app.pid) && Date.now() < deadline) await sleep(20);
  if (isAlive(app.pid)) signal(app.pid, 'SIGKILL');
}

function signal(pid: number, name: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, name);
    } catch {
      // gone, or not a group leader
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
