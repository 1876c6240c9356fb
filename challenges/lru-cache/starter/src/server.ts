// Part 2: the caching service in front of the product catalog. This starter only validates the configuration,
// listens and serves the app (./app.ts). See the README for the contract.
import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const log = (message: string): void => console.log(`[${config.instanceId}] ${message}`);

// TODO: connect to Redis (config.redisUrl; prefix every key and channel with config.redisKeyPrefix). Use two
// connections: a subscribed connection cannot run other commands.
// TODO: subscribe to an invalidation channel: when another instance publishes a product id, drop it from L1.
// TODO: create the L1 cache: an LruCache (./lru-cache.ts) with capacity config.cacheCapacity.

const server = createServer(createApp(config));
server.on('error', (error) => {
  log(`cannot serve: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, () => log(`listening on port ${config.port}`));

// TODO: also close your Redis connections.
process.once('SIGTERM', () => {
  log('SIGTERM: shutting down');
  server.close(() => process.exit(0));
});
