// Containers the harness labelled (bch.managed=true), in any state (created, running, exited): those whose
// run is dead, or of one run only (Ctrl-C while its services were starting).
import type { ContainerInfo } from 'dockerode';
import { hostname } from 'node:os';
import { parseOwner, type RunOwner } from '../lifecycle/run-owner.ts';
import { managedLabel, ownerLabel, runLabel } from './container-labels.ts';
import { judge, type Leftovers } from './leftovers.ts';

/** Every labelled container in any state (testcontainers' own list() shows running ones only). */
export async function managedContainers(filter: { run?: string } = {}): Promise<ContainerInfo[]> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  const docker = (client.container as unknown as { dockerode: { listContainers(options: object): Promise<ContainerInfo[]> } }).dockerode;
  const label = [`${managedLabel}=true`, ...(filter.run ? [`${runLabel}=${filter.run}`] : [])];
  return docker.listContainers({ all: true, filters: { label } });
}

/** Force-removes containers (with their volumes); one already gone is not an error. */
export async function removeContainers(containers: ContainerInfo[]): Promise<string[]> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  await Promise.all(
    containers.map((info) =>
      client.container
        .getById(info.Id)
        .remove({ force: true, v: true })
        .catch((error: { statusCode?: number }) => {
          if (error.statusCode !== 404 && error.statusCode !== 409) throw error;
        }),
    ),
  );
  return containers.map((info) => `${info.Names?.[0]?.replace(/^\//, '') ?? info.Id.slice(0, 12)} (${info.Image}, ${info.State})`);
}

/** Removes the labelled containers of dead runs (or with no owner mark, from older versions). */
export async function removeDeadContainers(): Promise<Leftovers> {
  const found: Leftovers = { removed: [], kept: [] };
  const dead = (await managedContainers()).filter((info) =>
    judge(found, `container ${info.Names?.[0]?.replace(/^\//, '') ?? info.Id.slice(0, 12)}`, containerOwner(info)),
  );
  found.removed.push(...(await removeContainers(dead)).map((name) => `container ${name}`));
  return found;
}

/** The owner mark of a container; for one started by an older version, its bch.pid label (on this host). */
function containerOwner(info: ContainerInfo): RunOwner | undefined {
  const legacyPid = Number(info.Labels?.['bch.pid']);
  return (
    parseOwner(info.Labels?.[ownerLabel]) ??
    (Number.isInteger(legacyPid) && legacyPid > 0 ? { host: hostname(), pid: legacyPid } : undefined)
  );
}
