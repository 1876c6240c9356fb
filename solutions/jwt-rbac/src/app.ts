// The Express application: routes, and one error handler that answers JSON without stack traces or internals.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Pool } from 'pg';
import { authenticate } from './authenticate.ts';
import { HttpError } from './http-error.ts';
import { articleRoutes } from './routes/article-routes.ts';
import { authRoutes, type AuthDeps } from './routes/auth-routes.ts';
import { meRoute, userRoutes } from './routes/user-routes.ts';

export interface AppDeps extends AuthDeps {
  pool: Pool;
  isReady: () => boolean;
  log: (message: string) => void;
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));

  app.get('/health', (_req, res) => {
    res.status(deps.isReady() ? 200 : 503).json({ ready: deps.isReady() });
  });
  app.use('/auth', authRoutes(deps));
  const signedIn = authenticate(deps.accessTokens, deps.users);
  app.use('/me', signedIn, meRoute());
  app.use('/articles', signedIn, articleRoutes(deps.pool));
  app.use('/users', signedIn, userRoutes(deps.users));

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof HttpError) {
      res.set(error.headers ?? {}).status(error.status).json({ error: error.message, ...(error.fields && { fields: error.fields }) });
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: status === 400 ? 'the body must be valid JSON' : 'bad request' });
      return;
    }
    deps.log(`internal error: ${(error as Error).message}`);
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}
