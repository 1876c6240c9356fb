// The "sandbox" of --sandbox none: processes run as the grader's user with the grader's view of the machine,
// each in its own process group (so a group kill reaches the children it did not detach).
import { spawn } from 'node:child_process';
import { freePort } from '../process/free-port.ts';
import { tsxLoader } from '../process/harness-modules.ts';
import { killGroup } from '../process/process-group.ts';
import type { SandboxedChild, SpawnOptions } from '../process/process-host.ts';
import type { Sandbox } from './sandbox.ts';

export class Unsandboxed implements Sandbox {
  readonly mechanism = 'none' as const;
  readonly loaderUrl = tsxLoader;
  readonly nodePath = process.execPath;
  readonly #appDir: string;

  constructor(appDir: string) {
    this.#appDir = appDir;
  }

  /** The port, or any free one: the process shares the host's network and binds it itself. */
  listenPort(port?: number): Promise<number> {
    return port === undefined ? freePort() : Promise.resolve(port);
  }

  /** The port itself: the process shares the host's network. */
  async expose(port: number): Promise<number> {
    return port;
  }

  /** Spawns the process directly, detached into its own process group. */
  spawn(argv: string[], options: SpawnOptions): SandboxedChild {
    const child = spawn(argv[0], argv.slice(1), { cwd: this.#appDir, env: options.env, stdio: options.stdio, detached: true });
    return { child, signal: (signal) => child.pid !== undefined && killGroup(child.pid, signal) };
  }

  limitsHit(): string[] {
    return [];
  }

  async destroy(): Promise<void> {}
}
