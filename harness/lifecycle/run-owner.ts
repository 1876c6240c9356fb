// Who owns what a run creates (a database role, a vhost, a Redis claim, a container, a run folder): the bch
// process, named by host, pid and start time. `bch clean` removes only what no live process owns; the start
// time keeps a pid that the system gave to a later process from passing for the owner.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface RunOwner {
  host: string;
  pid: number;
  /** When the process started (Linux: clock ticks after boot, from /proc); absent where unknown. */
  started?: string;
}

/** alive: the owner runs; dead: it is gone (or nothing names an owner); elsewhere: it ran on another host, whose processes cannot be seen. */
export type OwnerState = 'alive' | 'dead' | 'elsewhere';

let current: RunOwner | undefined;

/** The owner mark of this process. */
export function thisProcessOwner(): RunOwner {
  current ??= { host: hostname(), pid: process.pid, started: processStart(process.pid) };
  return current;
}

/** The mark as stored in a resource (a comment, a description, a label, a claim): compact JSON. */
export function encodeOwner(owner: RunOwner = thisProcessOwner()): string {
  return JSON.stringify({ bch: 1, host: owner.host, pid: owner.pid, started: owner.started });
}

/** Reads a stored mark; undefined for anything else (no mark, another tool's text). */
export function parseOwner(text: string | null | undefined): RunOwner | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<RunOwner> & { bch?: unknown };
    if (value.bch !== 1 || typeof value.host !== 'string' || !Number.isInteger(value.pid)) return undefined;
    return { host: value.host, pid: value.pid!, started: typeof value.started === 'string' ? value.started : undefined };
  } catch {
    return undefined;
  }
}

/** Whether the owning process still runs on this host. */
export function ownerState(owner: RunOwner | undefined): OwnerState {
  if (!owner) return 'dead';
  if (owner.host !== hostname()) return 'elsewhere';
  if (owner.pid === process.pid) return owner.started === thisProcessOwner().started ? 'alive' : 'dead';
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return 'dead';
  }
  const started = processStart(owner.pid);
  return owner.started !== undefined && started !== undefined && started !== owner.started ? 'dead' : 'alive';
}

/** A process's start time from /proc/<pid>/stat (field 22), or undefined where /proc is not available. */
export function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
