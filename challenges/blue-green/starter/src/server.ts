// The deploy controller and router. This starter only validates the configuration, listens and answers
// /health; everything else is yours to build. See the README for the contract.
import { createServer, type ServerResponse } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// TODO: connect to Redis (config.redisUrl, keys prefixed with config.redisKeyPrefix) and load the routing state
// before listening, so that a restarted controller routes to the same color at once.

const server = createServer((req, res) => {
  const control = `${req.method} ${(req.url ?? '/').split('?')[0]}`;
  if (control === 'GET /health') return send(res, 200, { status: 'ok' });
  // TODO: GET /status → {active, previousVersion, deployment}.
  // TODO: POST /deploy {"version"} → 202 and deploy in the background; 409 while a deploy or rollback runs.
  //       Start the version on the idle color (config.appCommand, with APP_VERSION and APP_PORT), wait for its
  //       GET /ready (config.readyTimeoutMs), switch, drain the old color (config.drainTimeoutMs), stop it,
  //       then watch the error rate for config.rollbackWindowMs.
  // TODO: POST /rollback → 202; back to the previous version with the same guarantees.
  if (['GET /status', 'POST /deploy', 'POST /rollback'].includes(control)) return send(res, 501, { error: 'not implemented' });
  // TODO: proxy every other request to the active color; 503 while no version is deployed.
  send(res, 503, { error: 'no version is deployed yet' });
});
server.on('error', (error) => {
  console.error(`cannot serve: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, () => console.log(`deploy controller listening on port ${config.port}`));

process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
});
