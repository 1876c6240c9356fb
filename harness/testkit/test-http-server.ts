// A harness-owned HTTP server that a check runs beside the candidate's service (an upstream, a payment
// service, a registry): listens on a free loopback port and, when stopped, destroys its open sockets so that an
// answer the server holds back on purpose never delays the end of the check. It lives in the test worker, outside
// every sandbox, and candidate code connects to it: the helper servers of one worker (one grade) hold at most
// `helperServerLimits.connections` connections together, and a connection that sends nothing, or stays idle
// between requests, is closed after `idleMs` (an answer held back on purpose is not idleness).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Stoppable } from './check-scope.ts';
import { InfrastructureError } from './infrastructure-error.ts';

export type TestHttpHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** What the helper servers of one test worker (one grade) allow the candidate's code. */
export const helperServerLimits = {
  /** Open connections, all helper servers together; one more is closed as soon as it is accepted. */
  connections: 512,
  /** A connection that has not sent a whole request head, or is idle between requests, is closed after this. */
  idleMs: 5_000,
  /** A request whose body has not arrived whole by then is answered 408 and closed. */
  requestMs: 30_000,
} as const;

/** Connections open now on every helper server of this process. */
let openConnections = 0;

export class TestHttpServer implements Stoppable {
  readonly label: string;
  readonly url: string;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #maxConnections: number;
  #refused = 0;

  private constructor(label: string, server: Server, url: string, maxConnections: number) {
    this.label = label;
    this.#server = server;
    this.url = url;
    this.#maxConnections = maxConnections;
    server.on('connection', (socket) => {
      if (openConnections >= maxConnections) {
        this.#refused += 1;
        socket.destroy();
        return;
      }
      openConnections += 1;
      this.#sockets.add(socket);
      socket.on('close', () => {
        openConnections -= 1;
        this.#sockets.delete(socket);
      });
    });
  }

  /** Starts listening on 127.0.0.1 and a free port. The caller owns the server (see `own`). `limits` are for tests. */
  static async start(
    label: string,
    handler: TestHttpHandler,
    limits: { connections: number; idleMs: number; requestMs: number } = helperServerLimits,
  ): Promise<TestHttpServer> {
    const server = createServer(
      {
        headersTimeout: limits.idleMs,
        keepAliveTimeout: limits.idleMs,
        requestTimeout: limits.requestMs,
        connectionsCheckingInterval: Math.min(1_000, limits.idleMs / 2),
      },
      (req, res) => void handler(req, res),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new InfrastructureError(`the ${label} test server could not listen: ${error.message}`, { cause: error })),
      );
      server.listen(0, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new InfrastructureError(`the ${label} test server has no port`);
    return new TestHttpServer(label, server, `http://127.0.0.1:${address.port}`, limits.connections);
  }

  /** Connections closed at once because the helper servers of this grade held their limit. */
  get refused(): number {
    return this.#refused;
  }

  /** What a failed check shows of it: the connections it refused, if any. */
  describe() {
    const output = this.#refused
      ? `refused ${this.#refused} connections beyond the limit of ${this.#maxConnections} open connections to the helper servers of a grade\n`
      : '';
    return { label: this.label, output };
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Answers with a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A helper server's largest request body: candidate code calls these servers, and they live in the test worker. */
export const maxBodyBytes = 1024 * 1024;

/**
 * The request body as text (what arrived, if the client went away). Beyond `maxBodyBytes` the rest is read and
 * dropped, so a huge body cannot take the test worker's memory (the cut text is no valid JSON: callers answer 400).
 */
export function readBody(req: IncomingMessage, maxBytes = maxBodyBytes): Promise<string> {
  return new Promise((resolve) => {
    const kept: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size < maxBytes) kept.push(chunk.subarray(0, maxBytes - size));
      size += chunk.length;
    });
    // Decoded once at the end, so a character split between two chunks stays whole.
    const text = () => Buffer.concat(kept).toString('utf8');
    req.on('end', () => resolve(text()));
    req.on('error', () => resolve(text()));
  });
}
