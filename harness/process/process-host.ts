// Where the harness starts a candidate's processes, as the processes see it: a sandbox (sandbox/) or the host
// itself (--sandbox none). Defined here, below sandbox/, so that running a service (service-process.ts) needs only
// this contract and the sandboxes implement it.
import type { ChildProcess, StdioOptions } from 'node:child_process';

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

export interface ProcessHost {
  /** The TypeScript loader (tsx) as a URL valid inside the host. */
  readonly loaderUrl: string;
  /** The Node.js binary, as a path valid inside the host. */
  readonly nodePath: string;
  /** Reserves `port` (or a free port) of 127.0.0.1 for the next process spawned with `listen` on it: the harness
   * reaches that process there. */
  listenPort(port?: number): Promise<number>;
  /** Starts `argv` inside the host, with the app copy as working directory. */
  spawn(argv: string[], options: SpawnOptions): SandboxedChild;
  /** The limits the host's processes ran into so far, e.g. "memory limit 1 GiB exceeded". */
  limitsHit(): string[];
}
