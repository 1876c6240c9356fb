// Everything one grade gets of the shared services: its own database, Redis index and prefix, and vhost.
import type { ServiceName } from '../config/images.ts';
import { createPostgresSpace } from './postgres-space.ts';
import { createRabbitmqSpace } from './rabbitmq-space.ts';
import { createRedisSpace } from './redis-space.ts';
import type { ServiceEndpoints } from './service-provider.ts';

export interface GradeSpace {
  /** What the candidate's service receives: DATABASE_URL, REDIS_URL, REDIS_KEY_PREFIX, AMQP_URL, each with the grade's own credentials. */
  env: Record<string, string>;
  /** What the hidden tests use to look inside the same spaces, with the admin's credentials (never given to the candidate). */
  admin: { postgresUrl?: string; redisUrl?: string; redisKeyPrefix?: string; amqpUrl?: string; rabbitmqManagementUrl?: string };
  release(): Promise<void>;
}

export interface GradeSpaceOptions {
  /** A template database (the challenge's data set) the grade's database is copied from. */
  postgresTemplate?: string;
}

/** Creates the spaces in parallel; if one fails, releases the others and rethrows. */
export async function createGradeSpace(endpoints: ServiceEndpoints, needed: readonly ServiceName[], name: string, options: GradeSpaceOptions = {}): Promise<GradeSpace> {
  const pending = {
    postgres: needed.includes('postgres') && endpoints.postgres ? createPostgresSpace(endpoints.postgres.url, name, options.postgresTemplate) : undefined,
    redis: needed.includes('redis') && endpoints.redis ? createRedisSpace(endpoints.redis.url, name) : undefined,
    rabbitmq: needed.includes('rabbitmq') && endpoints.rabbitmq ? createRabbitmqSpace(endpoints.rabbitmq.url, endpoints.rabbitmq.managementUrl, name) : undefined,
  };
  const settled = await Promise.allSettled([pending.postgres, pending.redis, pending.rabbitmq]);
  const release = async () => {
    await Promise.allSettled(settled.map((s) => (s.status === 'fulfilled' && s.value ? s.value.release() : undefined)));
  };
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) {
    await release();
    throw failure.reason;
  }
  const [postgres, redis, rabbitmq] = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined)) as [
    Awaited<typeof pending.postgres>, Awaited<typeof pending.redis>, Awaited<typeof pending.rabbitmq>,
  ];
  return {
    env: { ...postgres?.env, ...redis?.env, ...rabbitmq?.env },
    admin: {
      postgresUrl: postgres?.url,
      redisUrl: redis?.url,
      redisKeyPrefix: redis?.keyPrefix,
      amqpUrl: rabbitmq?.url,
      rabbitmqManagementUrl: endpoints.rabbitmq?.managementUrl,
    },
    release,
  };
}
