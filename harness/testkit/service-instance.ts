// Instances of the candidate's service, started from tests: several at once, restartable, killable with any
// signal. Each is owned by the running check and stopped when it ends.
import { endpointsOf } from '../sandbox/endpoints-of.ts';
import { openSandbox } from '../sandbox/open-sandbox.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';
import { type ServiceProcess, startOnFreePort, startServiceProcess, type ExitInfo } from '../process/service-process.ts';
import { markServiceNotStarted, own, type Stoppable } from './check-scope.ts';
import { gradeContext } from './grade-context.ts';
import { InfrastructureError } from './infrastructure-error.ts';
import { JsonClient } from './json-client.ts';

export interface StartOptions {
  /** Extra or overriding environment variables for this instance. */
  env?: Record<string, string>;
  /** A name for reports, e.g. "instance b". */
  label?: string;
}

export class ServiceInstance implements Stoppable {
  readonly label: string;
  readonly port: number;
  readonly #env: Record<string, string>;
  readonly #sandbox: Sandbox;
  #process: ServiceProcess;

  private constructor(label: string, port: number, env: Record<string, string>, sandbox: Sandbox, process: ServiceProcess) {
    this.label = label;
    this.port = port;
    this.#env = env;
    this.#sandbox = sandbox;
    this.#process = process;
  }

  get url(): string {
    return this.#process.url;
  }

  /** A JSON HTTP client for this instance (5 s per call unless told); its messages name the instance. */
  http(options: { timeoutMs?: number } = {}): JsonClient {
    return new JsonClient(this.url, { label: this.label, ...options });
  }

  get pid(): number {
    return this.#process.pid;
  }

  /** Resolves when the current process exits. */
  get exited(): Promise<ExitInfo> {
    return this.#process.exited;
  }

  output(): string {
    return this.#process.output();
  }

  describe() {
    return { label: this.label, output: this.output() };
  }

  /** Sends a signal to the instance's process group (SIGKILL by default). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.#process.kill(signal);
  }

  /** SIGTERM, then SIGKILL after graceMs; then every process the instance started (its sandbox) is killed. */
  async stop(graceMs = 3000): Promise<ExitInfo> {
    try {
      return await this.#process.stop(graceMs);
    } finally {
      await this.#sandbox.destroy();
    }
  }

  /** Limits of the sandbox the instance ran into, e.g. "killed: memory limit 1 GiB exceeded". */
  limitsHit(): string[] {
    return this.#sandbox.limitsHit();
  }

  /** Stops the instance's main process if it runs, then starts it again on the same port with the same
   * environment, in the same sandbox: processes it started detached (apps it adopts) live on. */
  async restart(): Promise<void> {
    await this.#process.stop();
    this.#process = await launch(this.label, this.#env, this.#sandbox, this.port);
  }

  /** Starts one instance and waits until it is ready; a start failure fails the check with the reason and output. */
  static async start(options: StartOptions = {}): Promise<ServiceInstance> {
    const grade = gradeContext();
    const label = options.label ?? 'service';
    if (grade.startFailure) {
      markServiceNotStarted();
      throw new Error(`your service could not start, so this check cannot run: ${grade.startFailure.message}`);
    }
    const env = { ...grade.env, ...options.env };
    const sandbox = await openGradeSandbox(label, env);
    try {
      const process = await launch(label, env, sandbox);
      return own(new ServiceInstance(label, process.port, env, sandbox, process));
    } catch (error) {
      await sandbox.destroy();
      throw error;
    }
  }
}

/** Starts n instances in parallel, labelled a, b, c…; per-instance env from the optional function. */
export function startServices(count: number, env: (index: number) => Record<string, string> = () => ({})): Promise<ServiceInstance[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => ServiceInstance.start({ label: `instance ${String.fromCharCode(97 + i)}`, env: env(i) })),
  );
}

/** Opens a sandbox for one instance or driver whose processes get `env` (their network reaches the endpoints its
 * URLs name, nothing else); failing to is the harness's problem, not the candidate's. */
export async function openGradeSandbox(label: string, env: Record<string, string>): Promise<Sandbox> {
  const grade = gradeContext();
  try {
    return await openSandbox(grade.sandbox, grade.registryDir, endpointsOf(env));
  } catch (error) {
    throw new InfrastructureError(`could not open a sandbox for ${label}: ${(error as Error).message}`);
  }
}

/** Starts a process on the given port (a restart keeps its port), or on a free one. */
/** How the grade starts its service, with `env` (already merged over the grade's) in `sandbox`. */
export function serviceSpec(env: Record<string, string>, sandbox: Sandbox, readiness = gradeContext().readiness) {
  const grade = gradeContext();
  return { appDir: grade.appDir, entry: grade.entry, env, readiness, registryDir: grade.registryDir, sandbox };
}

async function launch(label: string, env: Record<string, string>, sandbox: Sandbox, port?: number): Promise<ServiceProcess> {
  const spec = serviceSpec(env, sandbox);
  const outcome = port === undefined ? await startOnFreePort(spec) : await startServiceProcess({ ...spec, port });
  if (!outcome.ok) {
    own(deadProcess(label, outcome.output));
    throw new Error(`${label} did not start: ${outcome.message}`);
  }
  return outcome.process;
}

function deadProcess(label: string, output: string): Stoppable {
  return { stop: async () => {}, describe: () => ({ label, output }) };
}
