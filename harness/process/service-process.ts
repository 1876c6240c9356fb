// Runs a candidate's service in a sandbox, as its own process group: start with the env contract, wait for
// readiness, keep the tail of its output, and stop or kill the whole tree. The same typed outcome whether it
// started, exited, hung or was killed. Every process group is recorded in a registry folder (process-registry.ts) so the
// orchestrator can kill leftovers even if the test worker that started them died.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessHost, SandboxedChild } from './process-host.ts';
import { portInUse } from './free-port.ts';
import { OutputTail } from './output-tail.ts';

export interface ServiceProcessSpec {
  appDir: string;
  /** A TypeScript or JavaScript file, relative to appDir. */
  entry: string;
  /** The complete environment of the process (nothing is inherited). */
  env: Record<string, string>;
  port: number;
  readiness: { path: string; timeoutMs: number };
  /** Folder where the process group id is recorded while it runs. */
  registryDir: string;
  /** Where the process runs (the sandbox outlives the process: a restart reuses it). */
  sandbox: ProcessHost;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** ProcessHost limits the process ran into, e.g. "killed: memory limit 1 GiB exceeded". */
  limits?: string[];
}

export type StartOutcome =
  | { ok: true; process: ServiceProcess }
  | {
      ok: false;
      reason: 'exited' | 'timeout' | 'spawn';
      message: string;
      output: string /** How it exited, when reason is 'exited'. */;
      exit?: ExitInfo;
    };

export class ServiceProcess {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** Resolves when the main process exits. */
  readonly exited: Promise<ExitInfo>;
  #exit: ExitInfo | undefined;
  readonly #tail: OutputTail;
  readonly #registryFile: string;
  readonly #process: SandboxedChild;

  constructor(sandboxed: SandboxedChild, sandbox: ProcessHost, port: number, tail: OutputTail, registryDir: string) {
    const child: ChildProcess = sandboxed.child;
    this.#process = sandboxed;
    this.pid = child.pid!;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.#tail = tail;
    this.#registryFile = join(registryDir, String(this.pid));
    writeFileSync(this.#registryFile, '');
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        const limits = sandbox.limitsHit();
        this.#exit = { code, signal, ...(limits.length > 0 && { limits }) };
        if (limits.length > 0) tail.push(Buffer.from(`\n[bch sandbox] ${limits.join('; ')}\n`));
        resolve(this.#exit);
      });
    });
  }

  /** The exit status, or undefined while it runs. */
  get exitInfo(): ExitInfo | undefined {
    return this.#exit;
  }

  /** The last part of what the process printed (stdout and stderr interleaved). */
  output(): string {
    return this.#tail.text();
  }

  /** Sends a signal to the whole process group. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.#process.signal(signal);
  }

  /** SIGTERM, then SIGKILL after graceMs; always ends with the group killed and the registry entry removed. */
  async stop(graceMs = 3000): Promise<ExitInfo> {
    if (!this.#exit) {
      this.kill('SIGTERM');
      const exitedInTime = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!exitedInTime) this.kill('SIGKILL');
    }
    const info = await this.exited;
    this.#process.signal('SIGKILL'); // children it left behind in its group
    rmSync(this.#registryFile, { force: true });
    return info;
  }
}

/** Starts the process and waits until GET readiness.path answers 2xx, it exits, or the time limit passes. */
export async function startServiceProcess(spec: ServiceProcessSpec): Promise<StartOutcome> {
  mkdirSync(spec.registryDir, { recursive: true });
  const tail = new OutputTail();
  let sandboxed: SandboxedChild;
  try {
    const { sandbox } = spec;
    await sandbox.listenPort(spec.port);
    sandboxed = sandbox.spawn([sandbox.nodePath, '--import', sandbox.loaderUrl, spec.entry], {
      env: { ...spec.env, PORT: String(spec.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
      listen: spec.port,
    });
  } catch (error) {
    return { ok: false, reason: 'spawn', message: `could not start the process: ${(error as Error).message}`, output: '' };
  }
  const child = sandboxed.child;
  if (child.pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once('error', resolve));
    return { ok: false, reason: 'spawn', message: `could not start the process: ${error.message}`, output: '' };
  }
  child.stdout!.on('data', (chunk: Buffer) => tail.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => tail.push(chunk));
  const service = new ServiceProcess(sandboxed, spec.sandbox, spec.port, tail, spec.registryDir);
  const deadline = Date.now() + spec.readiness.timeoutMs;
  const probeUrl = `${service.url}${spec.readiness.path}`;
  while (Date.now() < deadline) {
    if (service.exitInfo) break;
    try {
      const response = await fetch(probeUrl, { signal: AbortSignal.timeout(Math.max(100, Math.min(1000, deadline - Date.now()))) });
      await response.body?.cancel();
      if (response.ok) return { ok: true, process: service };
    } catch {
      // not listening yet
    }
    await Promise.race([sleep(50), service.exited]);
  }
  const exit = service.exitInfo;
  await service.stop(500);
  if (exit) {
    return {
      ok: false,
      reason: 'exited',
      message: `the service exited (${describeExit(exit)}) before answering GET ${spec.readiness.path}`,
      output: service.output(),
      exit,
    };
  }
  return {
    ok: false,
    reason: 'timeout',
    message: `the service did not answer GET ${spec.readiness.path} with a 2xx status within ${spec.readiness.timeoutMs / 1000} s (limit); it must listen on PORT and answer that path once ready`,
    output: service.output(),
  };
}

/**
 * Starts the process on a free port (the sandbox's: bound by the harness and handed to the process). Without a
 * sandbox a free port is chosen, released, then bound by the child, so another process may take it in between.
 * A start that failed while another socket holds its port was that race, not the candidate's fault, and is retried
 * on a new port (up to 3 attempts); whatever the candidate printed plays no part in that decision.
 */
export async function startOnFreePort(
  spec: Omit<ServiceProcessSpec, 'port'>,
  nextPort: () => Promise<number> = () => spec.sandbox.listenPort(),
): Promise<StartOutcome> {
  let outcome: StartOutcome | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await nextPort();
    outcome = await startServiceProcess({ ...spec, port });
    if (outcome.ok || !(await portInUse(port))) return outcome;
  }
  return outcome!;
}

/** "exit code 1", "signal SIGKILL", or "signal SIGKILL; killed: memory limit 1 GiB exceeded". */
export function describeExit(exit: ExitInfo): string {
  const how = exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
  return exit.limits?.length ? `${how}; ${exit.limits.join('; ')}` : how;
}
