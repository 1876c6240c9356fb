// The HTTP interface of the auth service, apart from listening, so that tests can call it in-process
// (test/app.test.ts, with supertest). This starter answers /health; everything else answers 501 until you build
// it (see README.md).
import express, { type Express } from 'express';
import type { Config } from './config.ts';

/** The express app. TODO: give it what it uses as you build it: Postgres, Redis, the keys. */
export function createApp(_config: Config): Express {
  const app = express();
  app.use(express.json());

  // TODO: answer 200 only once Postgres (schema created, admin account present) and Redis are ready.
  app.get('/health', (_req, res) => {
    res.json({ ready: true });
  });

  // TODO: /auth/register, /auth/login, /auth/refresh, /auth/logout, /me, /articles, /users (see README.md).
  app.use((_req, res) => {
    res.status(501).json({ error: 'not implemented' });
  });
  return app;
}
