// Redis, everything about it: its pinned image and container, the --redis-url / REDIS_URL setting, a database index,
// key prefix and ACL user of its own per grade (redis-space.ts), and what `bch clean` removes (redis-leftovers.ts).
// Only dependency-free modules are imported statically here: the machine set-up reads the registry before the
// harness's packages are installed (list-service-images.ts).
import { redact } from '../redact.ts';
import type { ServiceDefinition, ServiceEndpoint } from '../service-definition.ts';

export const redisService = {
  scaffold: {
    env: [
      { name: 'REDIS_URL', description: 'Redis, with the database selected' },
      { name: 'REDIS_KEY_PREFIX', description: 'prefix for every Redis key and pub/sub channel' },
    ],
    dependency: ['ioredis', '^6.0.0'],
    imports: "import { Redis } from 'ioredis';",
    connect: "const redis = new Redis(required(env, 'REDIS_URL'), { maxRetriesPerRequest: 1 });",
    ping: 'await redis.ping();',
    close: 'await redis.quit();',
  },
  name: 'redis',
  title: 'Redis',
  image: 'redis:7.4-alpine',
  urls: [{ key: 'redis', option: 'redisUrl', env: 'REDIS_URL', help: 'Redis' }],
  ports: [6379],
  localFlags: '--redis-url redis://localhost:6379',
  composeUrl: 'redis://localhost:6379',
  async startContainer(context) {
    const { RedisContainer } = await import('@testcontainers/redis');
    // A run's own Redis holds at most 1 GiB: a grade that writes more gets OOM errors, which only it sees (its keys
    // are removed when it ends). RedisContainer appends the password to this command.
    const container = await new RedisContainer(context.image)
      .withCommand(['redis-server', '--maxmemory', '1gb', '--maxmemory-policy', 'noeviction'])
      .withPassword(context.adminPassword)
      .withLabels(context.labels)
      .start();
    return { container, endpoint: { url: container.getConnectionUrl() } };
  },
  externalEndpoint: (urls) => ({ url: urls.redis! }),
  openLogin: async (endpoint) => (await import('./redis-open-login.ts')).redisOpenLogin(endpoint.url),
  async createSpace(endpoint, grade) {
    const { createRedisSpace } = await import('./redis-space.ts');
    const space = await createRedisSpace(endpoint.url, grade);
    return { env: space.env, admin: { redisUrl: space.url, redisKeyPrefix: space.keyPrefix }, release: space.release };
  },
  leftovers: {
    where: (endpoint) => `Redis at ${redact(endpoint.url)}`,
    remove: async (endpoint) => (await import('./redis-leftovers.ts')).removeDeadRedisSpaces(endpoint.url),
  },
} as const satisfies ServiceDefinition<ServiceEndpoint, { redisUrl: string; redisKeyPrefix: string }>;
