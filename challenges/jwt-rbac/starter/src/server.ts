// Entry point of your service (started with `node --import tsx src/server.ts`). It reads the configuration and
// serves the app (./app.ts); everything else is yours to build (see README.md).
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

const server = createApp(config).listen(config.port, () => console.log(`listening on port ${config.port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
