// Uses services that are already running (docker compose, a CI service, the machine's own), given by URL.
import type { Settings } from '../config/settings.ts';
import { UsageError } from '../errors.ts';
import { flagOf } from '../config/service-url-settings.ts';
import { setEndpoint, type ServiceEndpoints, type ServiceProvider, type StartedServices } from '../services/service-provider.ts';
import { serviceRegistry, type ServiceName } from '../services/service-registry.ts';

export class ExternalProvider implements ServiceProvider {
  readonly name = 'external' as const;
  readonly #urls: Settings['external'];

  constructor(urls: Settings['external']) {
    this.#urls = urls;
  }

  /** Which of the needed services have no URL. */
  missing(needed: readonly ServiceName[]): ServiceName[] {
    return needed.filter((name) => !this.#urls[name]);
  }

  async start(needed: readonly ServiceName[]): Promise<StartedServices> {
    const missing = this.missing(needed);
    if (missing.length > 0) {
      const urlOf = (name: ServiceName) => serviceRegistry[name].urls[0];
      throw new UsageError(
        'BCH_MISSING_SERVICE_URL',
        `--services external needs a URL for ${missing.map((name) => `${name} (${flagOf(urlOf(name))} or ${urlOf(name).env})`).join(', ')}.`,
      );
    }
    const endpoints: ServiceEndpoints = {};
    for (const name of new Set(needed)) setEndpoint(endpoints, name, serviceRegistry[name].externalEndpoint(this.#urls));
    return { provider: this.name, endpoints, stop: async () => {} };
  }
}
