// The deploy controller and router. This starter only validates the configuration, listens and serves the app
// (./app.ts). See the README for the contract.
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

// TODO: connect to Redis (config.redisUrl, keys prefixed with config.redisKeyPrefix) and load the routing state
// before listening, so that a restarted controller routes to the same color at once.

const server = createServer(createApp(config));
server.on('error', (error) => {
  console.error(`cannot serve: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, () => console.log(`deploy controller listening on port ${config.port}`));

process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
});
