// The caching service's HTTP interface, apart from listening, so that tests can call it in-process
// (test/app.test.ts, with supertest). This starter answers /health; everything else answers 501 until you build
// it. See the README for the contract.
import express, { type Express } from 'express';
import type { Config } from './config.ts';

/** The express app. TODO: give it what it uses as you build it: the L1 cache, Redis, the upstream client. */
export function createApp(_config: Config): Express {
  const app = express();
  app.disable('x-powered-by');

  // TODO: answer 200 only once Redis is connected and the invalidation subscription is active.
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // TODO: read through L1, then L2 (Redis), then the upstream (GET {config.upstreamUrl}/products/:id, with a
  // timeout of config.upstreamTimeoutMs). Fresh: age < config.cacheTtlMs since the upstream fetch. Concurrent
  // misses for one id make a single upstream request. Upstream 404: answer 404 and cache nothing. Upstream
  // failure: serve a copy younger than cacheTtlMs + staleGraceMs, or answer 502.
  app.get('/products/:id', (_req, res) => {
    res.status(501).json({ error: 'not implemented' });
  });

  // TODO: forward to the upstream PUT; on success, before answering, delete the product from this instance's L1
  // and from L2, and publish an invalidation so every other instance drops it from its L1.
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
  return app;
}
