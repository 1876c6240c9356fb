// Maps a pid a sandboxed process reports about itself (its pid inside the sandbox's pid namespace) to the pid
// the test process can signal. The process is recognized by its namespace pid and a variable of its
// environment (read by the harness from /proc, not taken from the candidate's word).
import { readdirSync, readFileSync } from 'node:fs';

/** The host pid of the process whose innermost pid is `reportedPid` and whose environment holds `name=value`
 * (unsandboxed, the same pid); undefined when there is none: a reported pid is never signalled unchecked. */
export function hostPidOf(reportedPid: number, env: { name: string; value: string }): number | undefined {
  const wanted = `${env.name}=${env.value}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const nsPids = /^NSpid:\s+(.+)$/m
        .exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]
        .trim()
        .split(/\s+/)
        .map(Number);
      if (!nsPids || nsPids[nsPids.length - 1] !== reportedPid) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(wanted)) return Number(entry);
    } catch {
      // gone meanwhile, or not readable
    }
  }
  return undefined;
}
