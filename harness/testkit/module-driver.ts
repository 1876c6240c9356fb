// Exercises a candidate's module (e.g. a class) in a separate process, never in the scorer: a harness-owned
// driver script imports the module there and answers calls over IPC. A call that throws reports the
// candidate's error; a call that does not return in time kills the driver and fails the check. The candidate's
// code shares the driver's process, so a reply is the candidate's word: a message that is not a reply to a pending
// call is dropped (driver-reply.ts), and a check uses a reply only as an answer it verifies, never as a figure
// (lru-cache's timing is measured here, a round trip at a time: docs/grading-validity.md).
import type { ChildProcess } from 'node:child_process';
import type { SandboxedChild } from '../process/process-host.ts';
import type { Sandbox } from '../sandbox/sandbox.ts';
import { OutputTail } from '../process/output-tail.ts';
import { own, disown, type Stoppable } from './check-scope.ts';
import { parseDriverReply } from './driver-reply.ts';
import { gradeContext } from './grade-context.ts';
import { openGradeSandbox } from './service-instance.ts';

export class ModuleDriver implements Stoppable {
  readonly #child: ChildProcess;
  readonly #process: SandboxedChild;
  readonly #sandbox: Sandbox;
  readonly #tail = new OutputTail(16 * 1024);
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly #label: string;
  #nextId = 1;
  #exit: string | undefined;
  /** Messages from the driver's process that were not a reply to a pending call (malformed, unknown or repeated). */
  #dropped = 0;

  private constructor(sandboxed: SandboxedChild, sandbox: Sandbox, label: string) {
    const child = sandboxed.child;
    this.#child = child;
    this.#process = sandboxed;
    this.#sandbox = sandbox;
    this.#label = label;
    child.stdout?.on('data', (chunk: Buffer) => this.#tail.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.#tail.push(chunk));
    child.on('message', (message: unknown) => {
      const reply = parseDriverReply(message);
      const waiter = reply && this.#pending.get(reply.id);
      if (!reply || !waiter) {
        this.#dropped += 1;
        return;
      }
      this.#pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(`your code threw ${reply.error}`));
    });
    child.once('exit', (code, signal) => {
      const limits = sandbox.limitsHit();
      this.#exit = [signal ? `signal ${signal}` : `exit code ${code}`, ...limits].join('; ');
      for (const waiter of this.#pending.values()) waiter.reject(new Error(`the process running your module stopped (${this.#exit})`));
      this.#pending.clear();
    });
  }

  /** Starts a driver script (a harness file, listed under `sandbox.files` in challenge.yaml) for the grade's
   * module `moduleName` (declared in the manifest), in a sandbox of its own. */
  static async start(driverScript: string, moduleName: string): Promise<ModuleDriver> {
    const grade = gradeContext();
    const modulePath = grade.modules[moduleName];
    if (!modulePath) throw new Error(`module "${moduleName}" is not declared under submission.modules in challenge.yaml`);
    const env = { ...grade.env, BCH_MODULE_PATH: modulePath };
    const sandbox = await openGradeSandbox(`${moduleName} (driver)`, env);
    const sandboxed = sandbox.spawn([sandbox.nodePath, '--import', sandbox.loaderUrl, '--max-old-space-size=2048', driverScript], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    return own(new ModuleDriver(sandboxed, sandbox, moduleName));
  }

  /** Calls an operation of the driver script; fails with the candidate's error, or on timeout. */
  call<T = unknown>(op: string, args: unknown[] = [], timeoutMs = 5000): Promise<T> {
    if (this.#exit) return Promise.reject(new Error(`the process running your module stopped earlier (${this.#exit})`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        this.#kill();
        reject(new Error(`${op} did not return within ${timeoutMs / 1000} s (limit): an endless loop or a very slow operation?`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#child.send({ id, op, args });
    });
  }

  describe() {
    const dropped = this.#dropped
      ? `\n[bch] ${this.#dropped} message(s) from this process were not replies to a pending call and were ignored`
      : '';
    return { label: `${this.#label} (driver)`, output: `${this.#tail.text()}${dropped}` };
  }

  limitsHit(): string[] {
    return this.#sandbox.limitsHit();
  }

  async stop(): Promise<void> {
    disown(this);
    if (!this.#exit) {
      const exited = new Promise((resolve) => this.#child.once('exit', resolve));
      this.#kill();
      await exited;
    }
    await this.#sandbox.destroy();
  }

  #kill(): void {
    this.#process.signal('SIGKILL');
  }
}
