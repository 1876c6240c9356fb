// What one `bch clean` step found: what it removed, and what it kept because a live run (or a run on another
// host, whose processes cannot be seen from here) owns it.
import { ownerState, type RunOwner } from '../lifecycle/run-owner.ts';

export interface Leftovers {
  removed: string[];
  kept: string[];
}

/** Sorts a resource into removed or kept by its owner; returns whether it must be removed. */
export function judge(found: Leftovers, what: string, owner: RunOwner | undefined): boolean {
  const state = ownerState(owner);
  if (state === 'dead') return true;
  found.kept.push(`${what} (${state === 'alive' ? `run pid ${owner!.pid} is alive` : `owned by a run on ${owner!.host}`})`);
  return false;
}
