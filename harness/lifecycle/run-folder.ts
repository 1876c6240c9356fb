// A run's work folder (`<work root>/run-<random>`), marked with its owner (owner.json: host, pid, start time)
// the moment it exists, so that `bch clean` can tell a live run's folder from a dead one's.
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { killRegistered } from '../process/process-registry.ts';
import { encodeOwner, parseOwner, type RunOwner } from './run-owner.ts';

export const runFolderPrefix = 'run-';
export const ownerFileName = 'owner.json';

/** Creates the run's folder under the work root and marks it as this process's. */
export async function createRunFolder(workRoot: string): Promise<string> {
  const dir = await mkdtemp(join(workRoot, runFolderPrefix));
  await writeFile(join(dir, ownerFileName), encodeOwner());
  return dir;
}

/** The owner of a run folder; undefined when it has no readable mark. */
export async function runFolderOwner(dir: string): Promise<RunOwner | undefined> {
  return parseOwner(await readFile(join(dir, ownerFileName), 'utf8').catch(() => undefined));
}

/** Whether a folder changed within the last `ms` (a folder being created has no mark for an instant). */
export async function changedWithin(dir: string, ms: number): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs < ms;
}

/** Kills the process groups registered by every grade of a run folder (`<grade>/processes/`); returns how many. */
export function killRunProcesses(dir: string): number {
  let count = 0;
  for (const entry of safeReaddir(dir)) {
    if (entry.isDirectory()) count += killRegistered(join(dir, entry.name, 'processes'));
  }
  return count;
}

function safeReaddir(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
