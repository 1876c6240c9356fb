// A sandbox: where the candidate's processes run. One is opened per service instance (it outlives restarts)
// or module driver, and destroying it kills every process it holds, detached and double-forked ones included.
import type { ProcessHost } from '../process/process-host.ts';
import type { SandboxMechanism } from './sandbox-plan.ts';

export interface Sandbox extends ProcessHost {
  readonly mechanism: SandboxMechanism;
  /** The port of 127.0.0.1 at which the harness reaches `port`, where a process of the sandbox listens (a port it chose). */
  expose(port: number): Promise<number>;
  /** Kills everything inside and releases the sandbox; idempotent. */
  destroy(): Promise<void>;
}
