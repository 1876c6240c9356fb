// The worker's HTTP interface, apart from listening, so that tests can call it in-process (test/app.test.ts,
// with supertest): /health and /metrics. See the README for the contract.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the worker has done, as /metrics reports it. */
export interface Metrics {
  processed: number;
  retried: number;
  deadLettered: number;
}

/** The request handler (for http.createServer), reading `metrics` as the worker updates it. */
export function createApp(metrics: Metrics): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    // TODO: answer 200 only once the worker is consuming (503 before).
    if (req.method === 'GET' && req.url === '/health') return send(200, { status: 'ok' });
    if (req.method === 'GET' && req.url === '/metrics') return send(200, metrics);
    send(404, { error: 'no such route' });
  };
}
