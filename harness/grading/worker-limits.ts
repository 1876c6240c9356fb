// The test worker's own limits. The worker (the vitest fork that runs a grade's checks) is the scorer: it runs
// outside every sandbox, and it holds what the candidate's service sends it (answers, connections to the helper
// servers). Bounded reads and connection caps keep that small; these limits are the floor under them, so that a
// hostile submission can only fail its own grade: its memory, in a cgroup of its own (when bch can make one: root
// and a writable cgroup hierarchy) and through V8's heap limit (always), and its file descriptors (RLIMIT_NOFILE,
// which the processes it starts inherit). The main process makes the cgroup and reads it after the run; the worker
// joins it and lowers its own limit when its setup file first runs (worker-setup.ts).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cgroupLayout, SandboxCgroup } from '../sandbox/sandbox-cgroup.ts';
import { formatBytes } from '../sandbox/sandbox-plan.ts';

export interface WorkerLimitValues {
  memoryBytes: number;
  tasks: number;
  openFiles: number;
}

export const workerLimits: Readonly<WorkerLimitValues> = {
  /** What the worker and the unsandboxed processes it starts take once it has joined (its start-up, about 100
   * MiB, stays charged where it was: current kernels no longer move charges). Grading a reference takes at most
   * 0.5 GiB in all (the worker's resident memory: 329 MiB). */
  memoryBytes: 2 * 1024 ** 3,
  /** Tasks of that cgroup (the worker's threads, and processes it starts until they join their sandbox). */
  tasks: 4096,
  /** Open files of the worker (a grade with the references: at most 200; helper servers hold at most 512). */
  openFiles: 4096,
};

declare module 'vitest' {
  interface ProvidedContext {
    /** The worker's limits, which it applies to itself (worker-setup.ts). */
    bchWorkerLimits: WorkerLimitsPlan;
  }
}

/** What the worker gets (provide/inject) to apply its limits to itself. */
export interface WorkerLimitsPlan {
  /** The cgroup's cgroup.procs files, none when there is no cgroup. */
  procsFiles: string[];
  openFiles: number;
}

export class WorkerLimits {
  readonly #cgroup: SandboxCgroup | undefined;
  readonly #values: WorkerLimitValues;

  private constructor(cgroup: SandboxCgroup | undefined, values: WorkerLimitValues) {
    this.#cgroup = cgroup;
    this.#values = values;
  }

  /** Makes the cgroup of one run of a suite, when the machine allows it; `values` are for tests. */
  static create(name: string, values: WorkerLimitValues = workerLimits): WorkerLimits {
    const layout = cgroupLayout();
    let cgroup: SandboxCgroup | undefined;
    try {
      cgroup = layout && SandboxCgroup.create(layout, name, { memoryBytes: values.memoryBytes, tasks: values.tasks, diskBytes: 0 });
    } catch {
      // not root, or a read-only cgroup file system: the heap limit alone
    }
    return new WorkerLimits(cgroup, values);
  }

  /** Whether the memory limit is enforced by a cgroup (otherwise only the V8 heap is bounded). */
  get enforced(): boolean {
    return this.#cgroup !== undefined;
  }

  /** The worker's node options: V8's heap limit, the same figure as the cgroup's (which also counts buffers). */
  get execArgv(): string[] {
    return [`--max-old-space-size=${Math.round(this.#values.memoryBytes / 1024 ** 2)}`];
  }

  get plan(): WorkerLimitsPlan {
    return { procsFiles: this.#cgroup?.procsFiles ?? [], openFiles: this.#values.openFiles };
  }

  /** The memory limit, when the cgroup killed a process of the worker at it ("memory limit 2 GiB"). */
  memoryLimitHit(): string | undefined {
    return this.#cgroup && this.#cgroup.oomKills() > 0 ? `memory limit ${formatBytes(this.#values.memoryBytes)}` : undefined;
  }

  /** Removes the cgroup once the worker is gone. */
  async remove(): Promise<void> {
    await this.#cgroup?.remove();
  }
}

let applied = false;

/** In the worker: joins the cgroup and lowers RLIMIT_NOFILE (soft and hard), once. Without `prlimit` (util-linux)
 * the open-files limit stays as it was. */
export function applyWorkerLimits(plan: WorkerLimitsPlan): void {
  if (applied) return;
  applied = true;
  for (const file of plan.procsFiles) writeFileSync(file, String(process.pid));
  spawnSync('prlimit', ['--pid', String(process.pid), `--nofile=${plan.openFiles}:${plan.openFiles}`], { stdio: 'ignore' });
}
