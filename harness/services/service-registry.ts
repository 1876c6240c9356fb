// The kinds of service the harness knows, by the name challenges use in `services:`. Adding one is one folder
// (services/<name>/, see docs/architecture.md, "Adding a service") and one line here; settings, flags, the providers,
// grade spaces, `bch clean`, the doctor, the challenge schema and the machine set-up read this registry. It imports no
// package (see service-definition.ts): the set-up lists the images through it before `npm ci`.
import { postgresService } from './postgres/postgres-service.ts';
import { rabbitmqService } from './rabbitmq/rabbitmq-service.ts';
import { redisService } from './redis/redis-service.ts';
import type { ServiceDefinition, UrlSetting } from './service-definition.ts';

const definitions = {
  postgres: postgresService,
  redis: redisService,
  rabbitmq: rabbitmqService,
};

type Definitions = typeof definitions;
export type ServiceName = keyof Definitions;
/** Where one service answers (RabbitMQ: with its management URL). */
export type EndpointOf<N extends ServiceName> = ReturnType<Definitions[N]['externalEndpoint']>;
/** The admin URLs one service's grade space gives the hidden tests. */
export type AdminOf<N extends ServiceName> = Awaited<ReturnType<Definitions[N]['createSpace']>>['admin'];
/** The key of a URL in Settings.external: a service's name, or a second URL it takes (`rabbitmqManagement`). */
export type ExternalUrlKey = Definitions[ServiceName]['urls'][number]['key'];
/** The commander option of a URL flag (`databaseUrl`). */
export type UrlOption = Definitions[ServiceName]['urls'][number]['option'];

/** Keyed by name; typed per name, so `serviceRegistry[name]` with a generic name keeps its endpoint type. */
export const serviceRegistry: { readonly [N in ServiceName]: ServiceDefinition<EndpointOf<N>, AdminOf<N>> } = definitions;

/** In registry order (the order of flags, help and messages). */
export const serviceNames = Object.keys(serviceRegistry) as [ServiceName, ...ServiceName[]];

/** Every URL flag and variable of `--services external`, in registry order. */
export const serviceUrlSettings: readonly UrlSetting<ExternalUrlKey, UrlOption>[] = serviceNames.flatMap<
  UrlSetting<ExternalUrlKey, UrlOption>
>((name) => definitions[name].urls);

/** A record with one value per service. */
export function byService<T>(value: (name: ServiceName) => T): Record<ServiceName, T> {
  return Object.fromEntries(serviceNames.map((name) => [name, value(name)])) as Record<ServiceName, T>;
}

/** The pinned image of every service. */
export const defaultImages = byService((name) => serviceRegistry[name].image);

/** The variable that overrides a service's image: BCH_POSTGRES_IMAGE. */
export function imageVariable(name: ServiceName): string {
  return `BCH_${name.toUpperCase()}_IMAGE`;
}
