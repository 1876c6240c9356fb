import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { runLoad } from './run-load.ts';

describe('runLoad', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** A server that answers 200 only to requests carrying the expected authorization header, 401 otherwise. */
  async function listen(): Promise<string> {
    server = createServer((req, res) => {
      res.statusCode = req.headers.authorization === 'Bearer t0k3n' && req.url === '/things/1' ? 200 : 401;
      res.end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  test('sends the given headers with every request, on the chosen path', async () => {
    const url = await listen();
    const metrics = await runLoad({
      urls: [url],
      connections: 2,
      durationSeconds: 1,
      nextPath: () => '/things/1',
      headers: { authorization: 'Bearer t0k3n' },
    });
    expect(metrics.requests).toBeGreaterThan(0);
    expect(metrics.non2xx).toBe(0);
    expect(metrics.errors).toBe(0);
    expect(metrics.p999).toBeGreaterThanOrEqual(metrics.p99);
    expect(metrics.max).toBeGreaterThanOrEqual(metrics.p999);
  });

  test('without headers, the requests carry none', async () => {
    const url = await listen();
    const metrics = await runLoad({ urls: [url], connections: 1, durationSeconds: 1, nextPath: () => '/things/1' });
    expect(metrics.non2xx).toBe(metrics.requests);
  });

  test('an answer larger than the limit stops the run and fails it, naming the limit: autocannon would keep it whole', async () => {
    let sent = 0;
    server = createServer((_req, res) => {
      // An endless answer, as fast as the client reads it.
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = (): void => {
        for (let more = true; more; sent += chunk.length) more = res.write(chunk);
      };
      res.on('drain', pump);
      pump();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const started = Date.now();
    await expect(
      runLoad({ urls: [url], connections: 2, durationSeconds: 10, nextPath: () => '/', maxAnswerBytes: 4 * 1024 * 1024 }),
    ).rejects.toThrow('an answer of the load run was larger than 4 MiB (the most a load run reads of one answer): the run was stopped');
    expect(Date.now() - started, 'stopped long before its 10 s').toBeLessThan(5_000);
    expect(sent).toBeGreaterThan(4 * 1024 * 1024);
    server.closeAllConnections();
  });
});
