// Entry point: reads the configuration, connects to Redis, wires the caches and serves HTTP until SIGTERM.
import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { createApp } from './app.ts';
import type { CachedProduct } from './cached-product.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { InvalidationChannel } from './invalidation-channel.ts';
import { LruCache } from './lru-cache.ts';
import { ProductCache } from './product-cache.ts';
import { SharedCache } from './shared-cache.ts';
import { UpstreamClient } from './upstream-client.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const log = (message: string): void => console.log(`[${config.instanceId}] ${message}`);

// Two connections: one for commands, one subscribed to invalidations (a subscribed connection can do nothing else).
// Commands fail fast while Redis is away or stuck, rather than queue (reads then skip L2); auto-pipelining batches
// the commands of concurrent requests into fewer round trips. The subscription waits for Redis as long as it
// takes: until then, the service is not ready.
const redis = new Redis(config.redisUrl, { enableOfflineQueue: false, commandTimeout: 1_000, enableAutoPipelining: true });
const subscriber = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
for (const [name, connection] of [['redis', redis], ['redis subscriber', subscriber]] as const) {
  connection.on('error', (error: Error) => log(`${name}: ${error.message}`));
}

const invalidations = new InvalidationChannel({ publisher: redis, subscriber, channel: `${config.redisKeyPrefix}invalidations` });
const products = new ProductCache({
  l1: new LruCache<string, CachedProduct>({ capacity: config.cacheCapacity }),
  l1Capacity: config.cacheCapacity,
  l2: new SharedCache({ redis, keyPrefix: config.redisKeyPrefix, lifetimeMs: config.cacheTtlMs + config.staleGraceMs }),
  upstream: new UpstreamClient({ baseUrl: config.upstreamUrl, timeoutMs: config.upstreamTimeoutMs }),
  invalidations,
  ttlMs: config.cacheTtlMs,
  staleGraceMs: config.staleGraceMs,
  warn: log,
});

let subscribed = false;
const isReady = (): boolean => subscribed && redis.status === 'ready' && subscriber.status === 'ready';

const server = createServer(createApp({ products, isReady, instanceId: config.instanceId, log }));
server.on('error', (error) => {
  log(`cannot serve: ${error.message}`);
  process.exit(1);
});
// Listen at once (so /health answers 503 meanwhile); ready once the invalidation subscription is active.
server.listen(config.port, () => log(`listening on port ${config.port}`));
invalidations.start((id) => products.evictLocal(id)).then(
  () => {
    subscribed = true;
    log('ready');
  },
  (error: unknown) => {
    log(`cannot subscribe to invalidations: ${(error as Error).message}`);
    process.exit(1);
  },
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: shutting down`);
  // Let requests in progress finish, but not forever.
  const force = setTimeout(() => server.closeAllConnections(), 3_000);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  clearTimeout(force);
  await Promise.all([closeRedis(redis), closeRedis(subscriber)]);
  process.exit(0);
}

/** Quits politely (pending replies arrive first), or drops the connection if Redis does not answer in time. */
async function closeRedis(connection: Redis): Promise<void> {
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1_000).unref());
  await Promise.race([connection.quit().then(() => undefined), timeout]).catch(() => undefined);
  connection.disconnect();
}

process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
