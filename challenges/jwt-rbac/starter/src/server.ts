// Entry point of your service (started with `node --import tsx src/server.ts`). It reads the configuration and
// answers /health; everything else is yours to build (see README.md): 501 until then.
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

const server = app.listen(config.port, () => console.log(`listening on port ${config.port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
