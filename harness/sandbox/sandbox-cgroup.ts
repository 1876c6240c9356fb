// One cgroup per sandbox, for the limits a namespace cannot give: memory of the whole process tree and the
// number of tasks. Works with cgroup v1 (memory and pids hierarchies) and v2 (one unified hierarchy); needs
// root. Processes join it themselves (a shell writes its pid, then execs), so every descendant is counted.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatBytes, type SandboxLimits } from './sandbox-plan.ts';
import { eventually } from '../eventually.ts';

const root = '/sys/fs/cgroup';

export type CgroupLayout = { version: 1; memory: string; pids: string } | { version: 2; unified: string };

let found: { layout: CgroupLayout | undefined } | undefined;

/** The cgroup hierarchy this machine offers for bch's limits, or undefined when it cannot be written; set up
 * once per process (every sandbox of a grade opens a cgroup under it). */
export function cgroupLayout(): CgroupLayout | undefined {
  found ??= { layout: prepareLayout() };
  return found.layout;
}

function prepareLayout(): CgroupLayout | undefined {
  try {
    if (existsSync(join(root, 'cgroup.controllers'))) {
      const controllers = readFileSync(join(root, 'cgroup.controllers'), 'utf8');
      if (!/\bmemory\b/.test(controllers) || !/\bpids\b/.test(controllers)) return undefined;
      const parent = join(root, 'bch');
      mkdirSync(parent, { recursive: true });
      writeFileSync(join(root, 'cgroup.subtree_control'), '+memory +pids');
      writeFileSync(join(parent, 'cgroup.subtree_control'), '+memory +pids');
      return { version: 2, unified: parent };
    }
    if (existsSync(join(root, 'memory', 'cgroup.procs')) && existsSync(join(root, 'pids', 'cgroup.procs'))) {
      const memory = join(root, 'memory', 'bch');
      const pids = join(root, 'pids', 'bch');
      mkdirSync(memory, { recursive: true });
      mkdirSync(pids, { recursive: true });
      return { version: 1, memory, pids };
    }
  } catch {
    // not root, or a read-only cgroup file system
  }
  return undefined;
}

export class SandboxCgroup {
  readonly #dirs: string[];
  readonly #layout: CgroupLayout;
  readonly #limits: SandboxLimits;

  private constructor(layout: CgroupLayout, dirs: string[], limits: SandboxLimits) {
    this.#layout = layout;
    this.#dirs = dirs;
    this.#limits = limits;
  }

  /** Creates the cgroup with its limits. */
  static create(layout: CgroupLayout, name: string, limits: SandboxLimits): SandboxCgroup {
    if (layout.version === 2) {
      const dir = join(layout.unified, name);
      mkdirSync(dir);
      writeFileSync(join(dir, 'memory.max'), String(limits.memoryBytes));
      writeFileSync(join(dir, 'memory.swap.max'), '0', { flag: 'w' });
      writeFileSync(join(dir, 'pids.max'), String(limits.tasks));
      return new SandboxCgroup(layout, [dir], limits);
    }
    const memory = join(layout.memory, name);
    const pids = join(layout.pids, name);
    mkdirSync(memory);
    mkdirSync(pids);
    writeFileSync(join(memory, 'memory.limit_in_bytes'), String(limits.memoryBytes));
    writeFileSync(join(pids, 'pids.max'), String(limits.tasks));
    return new SandboxCgroup(layout, [memory, pids], limits);
  }

  /** The files a process writes its pid to, to join. */
  get procsFiles(): string[] {
    return this.#dirs.map((dir) => join(dir, 'cgroup.procs'));
  }

  /** Limits hit so far: out-of-memory kills and refused forks. */
  limitsHit(): string[] {
    const hit: string[] = [];
    const [memoryDir, pidsDir] = this.#layout.version === 2 ? [this.#dirs[0], this.#dirs[0]] : [this.#dirs[0], this.#dirs[1]];
    const oomKills =
      this.#layout.version === 2
        ? counter(join(memoryDir, 'memory.events'), 'oom_kill')
        : counter(join(memoryDir, 'memory.oom_control'), 'oom_kill');
    if (oomKills > 0) hit.push(`killed: memory limit ${formatBytes(this.#limits.memoryBytes)} exceeded`);
    const refusedForks = counter(join(pidsDir, 'pids.events'), 'max');
    if (refusedForks > 0) hit.push(`process limit reached: ${this.#limits.tasks} processes and threads (${refusedForks} refused)`);
    return hit;
  }

  /** Processes the kernel killed at the memory limit so far. */
  oomKills(): number {
    return counter(join(this.#dirs[0], this.#layout.version === 2 ? 'memory.events' : 'memory.oom_control'), 'oom_kill');
  }

  /** Waits until no process is left in it (they were killed with the sandbox), then removes it. */
  async remove(): Promise<void> {
    for (const dir of this.#dirs) {
      // EBUSY while the kernel still counts a killed process in it; after 2 s it is left to `bch clean`.
      await eventually(
        () => {
          try {
            rmdirSync(dir);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          }
        },
        { timeoutMs: 2000, intervalMs: 20 },
      ).catch(() => {});
    }
  }
}

/** Reads "key value" lines (memory.events, pids.events, memory.oom_control) and returns one value. */
function counter(file: string, key: string): number {
  try {
    const line = readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${key} `));
    return line ? Number(line.split(' ')[1]) || 0 : 0;
  } catch {
    return 0;
  }
}
