// A sandbox: where the candidate's processes run. One is opened per service instance (it outlives restarts)
// or module driver, and destroying it kills every process it holds, detached and double-forked ones included.
import type { ChildProcess, StdioOptions } from 'node:child_process';
import type { SandboxMechanism } from './sandbox-plan.ts';

export interface SandboxedChild {
  /** The process the harness waits on: its exit code and signal are the candidate process's own. */
  child: ChildProcess;
  /** Sends a signal to the candidate process's group (its own children that did not detach included). */
  signal(signal: NodeJS.Signals): void;
}

export interface SpawnOptions {
  /** The complete environment of the process (nothing is inherited). */
  env: Record<string, string>;
  stdio: StdioOptions;
  /** A node process that is to listen on this port, reserved with listenPort(port): it is handed the socket. */
  listen?: number;
}

export interface Sandbox {
  readonly mechanism: SandboxMechanism;
  /** The TypeScript loader (tsx) as a URL valid inside the sandbox. */
  readonly loaderUrl: string;
  /** The Node.js binary, as a path valid inside the sandbox. */
  readonly nodePath: string;
  /** Reserves `port` (or a free port) of 127.0.0.1 for the next process spawned with `listen` on it: the harness
   * reaches that process there. */
  listenPort(port?: number): Promise<number>;
  /** The port of 127.0.0.1 at which the harness reaches `port`, where a process of the sandbox listens (a port it chose). */
  expose(port: number): Promise<number>;
  /** Starts `argv` inside the sandbox, with the app copy as working directory. */
  spawn(argv: string[], options: SpawnOptions): SandboxedChild;
  /** The limits the sandbox's processes ran into so far, e.g. "memory limit 1 GiB exceeded". */
  limitsHit(): string[];
  /** Kills everything inside and releases the sandbox; idempotent. */
  destroy(): Promise<void>;
}
