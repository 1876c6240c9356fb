// Picks the service provider: the one asked for, or, with `auto`, external when every needed URL is given,
// else containers when Docker answers; neither is an environment error naming both ways out.
import { readImageMap } from '../config/image-map.ts';
import type { Settings } from '../config/settings.ts';
import { composeFlags } from '../config/service-url-settings.ts';
import { EnvironmentError } from '../errors.ts';
import { findLocalServices, localServicesAdvice } from '../services/local-services.ts';
import { ContainerProvider, dockerAvailable } from './container-provider.ts';
import { ExternalProvider } from './external-provider.ts';
import type { ServiceProvider } from '../services/service-provider.ts';
import type { ServiceName } from '../services/service-registry.ts';

export async function chooseProvider(
  settings: Settings,
  needed: readonly ServiceName[],
  probeDocker: () => Promise<boolean> = dockerAvailable,
  findLocal = findLocalServices,
): Promise<ServiceProvider> {
  const external = new ExternalProvider(settings.external);
  const containers = () => new ContainerProvider(settings.images, undefined, readImageMap(settings.cacheDir));
  if (settings.provider === 'external') return external;
  if (settings.provider === 'containers') return containers();
  if (needed.length === 0 || external.missing(needed).length === 0) return external;
  if (await probeDocker()) return containers();
  const local = localServicesAdvice(await findLocal(needed), needed);
  throw new EnvironmentError(
    'BCH_NO_SERVICES',
    `This challenge needs ${needed.join(', ')}, and there is no way to run ${needed.length === 1 ? 'it' : 'them'}: Docker is not reachable and no service URL was given.\n` +
      `Either start Docker (the harness then starts the services in containers), or point at running services:\n` +
      `  docker compose up -d && npx bch grade … --services external ${composeFlags()}` +
      (local ? `\n${local}` : '') +
      `\nnpx bch doctor checks this machine and says how to fix what is missing.`,
  );
}
