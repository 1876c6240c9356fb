// Uses services that are already running (docker compose, a CI service, the machine's own), given by URL.
import type { ServiceName } from '../config/images.ts';
import type { Settings } from '../config/settings.ts';
import { UsageError } from '../errors.ts';
import type { ServiceEndpoints, ServiceProvider, StartedServices } from './service-provider.ts';

const flagOf: Record<ServiceName, string> = {
  postgres: '--database-url or DATABASE_URL',
  redis: '--redis-url or REDIS_URL',
  rabbitmq: '--amqp-url or AMQP_URL',
};

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
      throw new UsageError('BCH_MISSING_SERVICE_URL', `--services external needs a URL for ${missing.map((name) => `${name} (${flagOf[name]})`).join(', ')}.`);
    }
    const endpoints: ServiceEndpoints = {};
    if (needed.includes('postgres')) endpoints.postgres = { url: this.#urls.postgres! };
    if (needed.includes('redis')) endpoints.redis = { url: this.#urls.redis! };
    if (needed.includes('rabbitmq')) {
      const amqp = new URL(this.#urls.rabbitmq!);
      const user = amqp.username || 'guest';
      const password = amqp.password || 'guest';
      const management = this.#urls.rabbitmqManagement ?? `http://${user}:${password}@${amqp.hostname}:15672`;
      endpoints.rabbitmq = { url: this.#urls.rabbitmq!, managementUrl: management };
    }
    return { provider: this.name, endpoints, stop: async () => {} };
  }
}
