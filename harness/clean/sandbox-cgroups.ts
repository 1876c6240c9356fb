// Dead sandboxes' cgroups: a sandbox's cgroup is removed when the sandbox is destroyed; one whose run was
// killed stays behind, empty. Only empty ones can be removed, so a live sandbox's cgroup is never touched.
import { readdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Leftovers } from './leftovers.ts';

const parents = ['/sys/fs/cgroup/memory/bch', '/sys/fs/cgroup/pids/bch', '/sys/fs/cgroup/bch'];

export async function removeEmptySandboxCgroups(): Promise<Leftovers> {
  const found: Leftovers = { removed: [], kept: [] };
  for (const parent of parents) {
    let names: string[] = [];
    try {
      names = readdirSync(parent, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        rmdirSync(join(parent, name));
        found.removed.push(`sandbox cgroup ${join(parent, name)}`);
      } catch {
        found.kept.push(`sandbox cgroup ${join(parent, name)} (processes still in it)`);
      }
    }
  }
  return found;
}
