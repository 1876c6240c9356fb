// The HTTP API: routes, status codes and JSON errors. The caching itself lives in ProductCache.
import express, { type NextFunction, type Request, type Response } from 'express';
import { InvalidationError, type ProductCache } from './product-cache.ts';
import { isProduct, UpstreamError } from './upstream-client.ts';

export interface AppOptions {
  products: ProductCache;
  /** Whether the service can serve: Redis connected and the invalidation subscription active. */
  isReady: () => boolean;
  instanceId: string;
  log: (message: string) => void;
}

export function createApp({ products, isReady, instanceId, log }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');

  app.get('/health', (_req, res) => {
    if (isReady()) res.json({ status: 'ok', instance: instanceId });
    else res.status(503).json({ error: 'not ready: waiting for Redis' });
  });

  app.get('/products/:id', async (req, res) => {
    const lookup = await products.get(req.params.id);
    if (!lookup.found) {
      res.status(404).json({ error: `product ${req.params.id} not found` });
      return;
    }
    res.set('X-Cache', lookup.source).json(lookup.product);
  });

  // Any content type is read as JSON: the API takes nothing else, and a client that forgot the header still works.
  app.put('/products/:id', express.json({ type: () => true, limit: '100kb' }), async (req, res) => {
    const changes: unknown = req.body;
    if (!isProduct(changes)) {
      res.status(400).json({ error: 'the body must be a JSON object of the fields to change' });
      return;
    }
    const reply = await products.update(req.params.id, changes);
    res.status(reply.status).json(reply.body);
  });

  app.get('/stats', (_req, res) => {
    res.json({ instance: instanceId, ...products.stats() });
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'no such route' });
  });

  // Errors answer JSON with a message meant for the client; details (and stacks) only go to the log.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof UpstreamError) {
      res.status(502).json({ error: `the product catalog is unavailable (${error.message})` });
      return;
    }
    if (error instanceof InvalidationError) {
      log(`${error.message}: ${(error.cause as Error | undefined)?.message}`);
      res.status(500).json({ error: `${error.message}; they expire within the cache TTL` });
      return;
    }
    const status = statusOf(error);
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: clientMessageOf(error, status) });
      return;
    }
    log(`${req.method} ${req.originalUrl} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    res.status(500).json({ error: 'internal error' });
  });

  return app;
}

/** The HTTP status an error from Express or body-parser carries (500 when none). */
function statusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 500;
}

function clientMessageOf(error: unknown, status: number): string {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.parse.failed') return 'the body is not valid JSON';
  if (type === 'entity.too.large') return 'the body is too large';
  return `bad request (${status})`;
}
