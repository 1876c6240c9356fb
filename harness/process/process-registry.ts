// The registry folder of a grade: one empty file per process group the grade started, named by its pid, so that
// whoever cleans up (the grade's end, Ctrl-C, `bch clean`) can kill the groups even when the test worker that
// started them died.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { killGroup } from './process-group.ts';

/** Kills every process group recorded in a registry folder; returns how many were still registered. */
export function killRegistered(registryDir: string): number {
  let count = 0;
  for (const name of safeReaddir(registryDir)) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 1) {
      killGroup(pid, 'SIGKILL');
      count += 1;
    }
    rmSync(join(registryDir, name), { force: true });
  }
  return count;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
