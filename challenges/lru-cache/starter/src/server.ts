// Part 2: the caching service in front of the product catalog. This starter only validates the configuration,
// listens and answers /health; everything else answers 501 until you build it. See the README for the contract.
import { createServer } from 'node:http';
import express from 'express';
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

const app = express();
app.disable('x-powered-by');

// TODO: answer 200 only once Redis is connected and the invalidation subscription is active.
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});

// TODO: read through L1, then L2 (Redis), then the upstream (GET {config.upstreamUrl}/products/:id, with a timeout
// of config.upstreamTimeoutMs). Fresh: age < config.cacheTtlMs since the upstream fetch. Concurrent misses for one
// id make a single upstream request. Upstream 404: answer 404 and cache nothing. Upstream failure: serve a copy
// younger than cacheTtlMs + staleGraceMs, or answer 502.
app.get('/products/:id', (_req, res) => {
  res.status(501).json({ error: 'not implemented' });
});

// TODO: forward to the upstream PUT; on success, before answering, delete the product from this instance's L1 and
// from L2, and publish an invalidation so every other instance drops it from its L1.
app.put('/products/:id', (_req, res) => {
  res.status(501).json({ error: 'not implemented' });
});

// TODO: answer {"l1": {"size", "capacity", "hits", "misses", "evictions"}} (more fields are fine).
app.get('/stats', (_req, res) => {
  res.status(501).json({ error: 'not implemented' });
});

app.use((_req, res) => {
  res.status(404).json({ error: 'no such route' });
});

const server = createServer(app);
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
