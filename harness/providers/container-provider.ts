// Starts the services a challenge needs as containers (testcontainers modules), in parallel, labelled so
// that `bch clean` can find leftovers, and removes them at the end, also those still starting when the run
// is interrupted (abort). Ryuk is not used: it may not be pullable.
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Settings } from '../config/settings.ts';
import type { ImageMap } from '../config/image-map.ts';
import { EnvironmentError } from '../errors.ts';
import { managedContainers, removeContainers } from '../clean/container-leftovers.ts';
import { encodeOwner } from '../lifecycle/run-owner.ts';
import { once } from '../lifecycle/once.ts';
import { managedLabel, ownerLabel, runLabel } from '../clean/container-labels.ts';
import { chooseImages } from './local-image-fallback.ts';
import type { ContainerStartContext } from '../services/service-definition.ts';
import { setEndpoint, type ServiceEndpoints, type ServiceProvider, type StartedServices } from '../services/service-provider.ts';
import { serviceNames, serviceRegistry, type ServiceName } from '../services/service-registry.ts';

export { managedLabel };

/** Loads testcontainers without its reaper; imported lazily so the external provider never pays for it (each service imports its own module when it starts). */
async function loadTestcontainers() {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  return { core: await import('testcontainers') };
}

/** Whether a Docker engine answers, without throwing. */
export async function dockerAvailable(): Promise<boolean> {
  try {
    const { core } = await loadTestcontainers();
    await core.getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export class ContainerProvider implements ServiceProvider {
  readonly name = 'containers' as const;
  readonly #images: Settings['images'];
  readonly #runId: string;
  readonly #starting = new Set<Promise<unknown>>();
  #aborted = false;
  readonly #imageMap: ImageMap;

  /** `imageMap`: the set-up's local stand-ins, used where a pinned image is not on this machine. */
  constructor(images: Settings['images'], runId: string = randomUUID(), imageMap: ImageMap = {}) {
    this.#images = images;
    this.#runId = runId;
    this.#imageMap = imageMap;
  }

  async start(needed: readonly ServiceName[]): Promise<StartedServices> {
    const tc = await loadTestcontainers();
    let client: Awaited<ReturnType<typeof tc.core.getContainerRuntimeClient>>;
    try {
      client = await tc.core.getContainerRuntimeClient();
    } catch (error) {
      throw new EnvironmentError(
        'BCH_DOCKER_UNAVAILABLE',
        `Docker is not reachable, so the containers provider cannot start services. Start Docker, or give running services with --services external and ${serviceNames.map((name) => serviceRegistry[name].urls[0].env).join(' / ')}.`,
        { cause: error },
      );
    }
    if (this.#aborted) throw new EnvironmentError('BCH_INTERRUPTED', 'The run was interrupted before its services started.');
    const names = [...new Set(needed)];
    const exists = (image: string) => client.image.exists(tc.core.ImageName.fromString(image)).catch(() => false);
    const { images } = await chooseImages(this.#images, names, this.#imageMap, exists);
    // Random admin passwords: the mapped ports are reachable by every local process, the candidate's included.
    const adminPassword = randomBytes(18).toString('hex');
    const labels = { [managedLabel]: 'true', [runLabel]: this.#runId, [ownerLabel]: encodeOwner(), 'bch.pid': String(process.pid) };
    const context = (name: ServiceName): ContainerStartContext => ({ image: images[name], labels, adminPassword });
    const starts = names.map((name) => serviceRegistry[name].startContainer(context(name)));
    for (const start of starts) {
      this.#starting.add(start);
      void start.catch(() => {}).finally(() => this.#starting.delete(start));
    }
    const settled = await Promise.allSettled(starts);
    const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const stop = once(async () => {
      await Promise.allSettled(started.map(({ container }) => container.stop({ remove: true, removeVolumes: true })));
    });
    const failures = names.flatMap((name, i) => {
      const s = settled[i];
      return s.status === 'rejected' ? [`${name} (image ${images[name]}): ${(s.reason as Error).message}`] : [];
    });
    if (failures.length > 0) {
      await stop();
      throw new EnvironmentError(
        'BCH_SERVICE_START_FAILED',
        `Could not start ${failures.length === 1 ? 'a service' : 'services'} in Docker:\n  ${failures.join('\n  ')}\nCheck that the image exists or can be pulled (override it with BCH_<SERVICE>_IMAGE; where no registry is reachable, bash scripts/setup.sh builds local stand-ins and records them in the cache folder's images.json), or use --services external. npx bch doctor checks this machine.`,
      );
    }
    const endpoints: ServiceEndpoints = {};
    for (const [i, name] of names.entries()) setEndpoint(endpoints, name, started[i].endpoint);
    return { provider: this.name, endpoints, stop };
  }

  /**
   * Removes every container of this run in any state, also those start() is still creating (Ctrl-C during
   * the services phase): removes what exists, waits (bounded) for the starts in flight, which fail once their
   * container is gone, then removes what they created meanwhile. Later starts are refused.
   */
  async abort(): Promise<void> {
    this.#aborted = true;
    if (this.#starting.size === 0 && (await managedContainers({ run: this.#runId })).length === 0) return;
    await removeContainers(await managedContainers({ run: this.#runId }));
    await Promise.race([Promise.allSettled([...this.#starting]), sleep(30_000)]);
    await removeContainers(await managedContainers({ run: this.#runId }));
  }
}
