// The deploy controller and router's HTTP interface, apart from listening, so that tests can call it in-process
// (test/app.test.ts, with supertest). This starter answers /health; everything else is yours to build. See the
// README for the contract.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from './config.ts';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The request handler (for http.createServer). TODO: give it what it uses as you build it: Redis, the colors. */
export function createApp(_config: Config): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
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
  };
}
