// Everything one grade gets of the shared services: per service of the registry, a space of its own (its own
// database, Redis index and prefix, vhost), each with the grade's own credentials.
import type { GradeSpaceContext, ServiceSpace } from './service-definition.ts';
import type { ServiceEndpoints } from './service-provider.ts';
import { serviceRegistry, type AdminOf, type ServiceName } from './service-registry.ts';

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** The admin URLs of every service's space, flat: postgresUrl, redisUrl, redisKeyPrefix, amqpUrl, rabbitmqManagementUrl. */
export type GradeAdmin = Partial<UnionToIntersection<AdminOf<ServiceName>>>;

export interface GradeSpace {
  /** What the candidate's service receives: DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX, AMQP_URL, each with the grade's own credentials. */
  env: Record<string, string>;
  /** What the hidden tests use to look inside the same spaces, with the admin's credentials (never given to the candidate). */
  admin: GradeAdmin;
  release(): Promise<void>;
  /** With `devAccess` (bch dev): the candidate's views into their own spaces. */
  devUrls: { label: string; url: string }[];
}

export type GradeSpaceOptions = GradeSpaceContext;

/** Creates the spaces in parallel; if one fails, releases the others and rethrows. */
export async function createGradeSpace(
  endpoints: ServiceEndpoints,
  needed: readonly ServiceName[],
  name: string,
  options: GradeSpaceOptions = {},
): Promise<GradeSpace> {
  const spaces: Partial<Record<ServiceName, ServiceSpace>> = {};
  const names = [...new Set(needed)].filter((service) => endpoints[service] !== undefined);
  const settled = await Promise.allSettled(
    names.map(async (service) => (spaces[service] = await createSpaceOf(service, endpoints, name, options))),
  );
  const release = async () => {
    await Promise.allSettled(Object.values(spaces).map((space) => space.release()));
  };
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) {
    await release();
    throw failure.reason;
  }
  const env: Record<string, string> = {};
  const admin: GradeAdmin = {};
  for (const space of Object.values(spaces)) {
    Object.assign(env, space.env);
    Object.assign(admin, space.admin);
  }
  return { env, admin, release, devUrls: Object.values(spaces).flatMap((space) => space.devUrls ?? []) };
}

/** One service's space, on its endpoint. */
function createSpaceOf<N extends ServiceName>(
  service: N,
  endpoints: ServiceEndpoints,
  grade: string,
  options: GradeSpaceOptions,
): Promise<ServiceSpace> {
  return serviceRegistry[service].createSpace(endpoints[service]!, grade, options);
}
