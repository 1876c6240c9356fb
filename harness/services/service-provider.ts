// What a service provider is: something that makes the services of the registry reachable for one run.
import type { EndpointOf, ServiceName } from './service-registry.ts';

/** The providers a run's services come from (`--services`, besides `auto`). */
export const providerNames = ['containers', 'external'] as const;
export type ProviderName = (typeof providerNames)[number];

/** Where each started (or found) service answers, with the admin's credentials. */
export type ServiceEndpoints = { [N in ServiceName]?: EndpointOf<N> };

/** Services started (or found) for one run, shared by every grade of the run. */
export interface StartedServices {
  readonly provider: ProviderName;
  readonly endpoints: ServiceEndpoints;
  /** Stops what the provider started; a no-op for services it only found. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ServiceProvider {
  readonly name: ProviderName;
  start(needed: readonly ServiceName[]): Promise<StartedServices>;
  /** Removes whatever start() created or is still creating (for Ctrl-C during start); safe at any time, also after stop(). */
  abort?(): Promise<void>;
}

/** Records one service's endpoint (typed by its name). */
export function setEndpoint<N extends ServiceName>(endpoints: ServiceEndpoints, name: N, endpoint: ServiceEndpoints[N]): void {
  endpoints[name] = endpoint;
}
