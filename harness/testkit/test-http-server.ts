// A harness-owned HTTP server that a check runs beside the candidate's service (an upstream, a payment
// service, a registry): listens on a free loopback port and, when stopped, destroys its open sockets so that an
// answer the server holds back on purpose never delays the end of the check.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Stoppable } from './check-scope.ts';
import { InfrastructureError } from './infrastructure-error.ts';

export type TestHttpHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

export class TestHttpServer implements Stoppable {
  readonly label: string;
  readonly url: string;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  private constructor(label: string, server: Server, url: string) {
    this.label = label;
    this.#server = server;
    this.url = url;
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** Starts listening on 127.0.0.1 and a free port. The caller owns the server (see `own`). */
  static async start(label: string, handler: TestHttpHandler): Promise<TestHttpServer> {
    const server = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new InfrastructureError(`the ${label} test server could not listen: ${error.message}`, { cause: error })),
      );
      server.listen(0, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new InfrastructureError(`the ${label} test server has no port`);
    return new TestHttpServer(label, server, `http://127.0.0.1:${address.port}`);
  }

  describe() {
    return { label: this.label, output: '' };
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
