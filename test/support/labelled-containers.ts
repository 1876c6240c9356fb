// The images of the containers the harness labelled (bch.managed=true) that exist right now, in any state.
import { managedContainers } from '../../harness/clean/container-leftovers.ts';

export async function labelledContainers(): Promise<string[]> {
  return (await managedContainers()).map((c) => c.Image);
}
