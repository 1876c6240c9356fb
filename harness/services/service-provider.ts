// What a service provider is: something that makes Postgres, Redis and RabbitMQ reachable for one run.
import type { ServiceName } from '../config/images.ts';

export interface ServiceEndpoints {
  postgres?: { url: string };
  redis?: { url: string };
  rabbitmq?: { url: string; managementUrl: string };
}

/** Services started (or found) for one run, shared by every grade of the run. */
export interface StartedServices {
  readonly provider: 'containers' | 'external';
  readonly endpoints: ServiceEndpoints;
  /** Stops what the provider started; a no-op for services it only found. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ServiceProvider {
  readonly name: 'containers' | 'external';
  start(needed: readonly ServiceName[]): Promise<StartedServices>;
  /** Removes whatever start() created or is still creating (for Ctrl-C during start); safe at any time, also after stop(). */
  abort?(): Promise<void>;
}
