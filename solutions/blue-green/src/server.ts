// The deploy controller and router: control endpoints (/deploy, /rollback, /status, /health) on PORT, every
// other request proxied to the active color. Routing state is restored from Redis before listening.
import { createServer, type IncomingMessage } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { ConflictError, DeployController } from './deploy-controller.ts';
import { Router, send } from './router.ts';
import { StateStore } from './state-store.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const router = new Router();
const store = new StateStore(config.redisUrl, config.redisKeyPrefix);
const controller = new DeployController(config, router, store);
controller.resume(await store.load());

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { text += chunk; });
    req.on('end', () => {
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(undefined);
      }
    });
  });
}

const server = createServer(async (req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  const control = `${req.method} ${path}`;
  try {
    if (control === 'GET /health') return send(res, 200, { status: 'ok' });
    if (control === 'GET /status') return send(res, 200, controller.status());
    if (control === 'POST /deploy') {
      const body = (await readJson(req)) as { version?: unknown } | undefined;
      const version = body?.version;
      if (typeof version !== 'string' || !/^[\w.-]{1,64}$/.test(version)) {
        return send(res, 400, { error: 'the body must be JSON {"version": "<letters, digits, dot, dash, underscore>"}' });
      }
      return send(res, 202, controller.deploy(version));
    }
    if (control === 'POST /rollback') return send(res, 202, controller.rollback());
  } catch (error) {
    if (error instanceof ConflictError) return send(res, 409, { error: error.message });
    return send(res, 500, { error: (error as Error).message });
  }
  router.handle(req, res);
});
server.keepAliveTimeout = 30_000;
server.on('error', (error) => {
  console.error(`cannot serve: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, () => console.log(`deploy controller listening on port ${config.port}`));

// The apps run in their own process groups and keep serving; a restarted controller adopts them from Redis.
process.once('SIGTERM', () => {
  store.close();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2000).unref();
});
