// Dead runs' work folders under the work root: the processes registered in their grades' `processes/`
// folders are killed (services, drivers, sandboxes), then the folder is removed.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { changedWithin, killRunProcesses, runFolderOwner, runFolderPrefix } from '../lifecycle/run-folder.ts';
import { unmountAllUnder } from '../sandbox/grade-disk.ts';
import { judge, type Leftovers } from './leftovers.ts';

/** A folder without an owner mark is a dead run's, unless it is younger than this (being created). */
const unmarkedGraceMs = 60_000;

export async function removeDeadRunFolders(workRoot: string): Promise<Leftovers> {
  const found: Leftovers = { removed: [], kept: [] };
  const names = await readdir(workRoot).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(runFolderPrefix))) {
    const dir = join(workRoot, name);
    const owner = await runFolderOwner(dir);
    if (!owner && (await changedWithin(dir, unmarkedGraceMs))) continue;
    if (!judge(found, `work folder ${dir}`, owner)) continue;
    const processes = killRunProcesses(dir);
    unmountAllUnder(dir);
    await rm(dir, { recursive: true, force: true });
    found.removed.push(`work folder ${dir}${processes > 0 ? ` and ${processes} process group(s) it registered` : ''}`);
  }
  return found;
}
