import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AnswerTooLargeError, readBoundedBody } from './read-bounded-body.ts';

describe('readBoundedBody', () => {
  let server: Server;
  let url: string;
  let streamed = 0;
  beforeAll(async () => {
    // /declared says its length; /streamed sends 1 KiB chunks without one, for as long as the client reads.
    server = createServer((req, res) => {
      if (req.url === '/declared') return res.writeHead(200, { 'content-length': 5000 }).end('x'.repeat(5000));
      if (req.url === '/small') return res.end('héllo');
      res.writeHead(200);
      const pump = (): void => {
        while (streamed < 64 * 1024 * 1024 && res.write(Buffer.alloc(1024, 'y'))) streamed += 1024;
      };
      res.on('drain', pump);
      res.on('close', () => res.off('drain', pump));
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('reads a body within the limit whole', async () => {
    expect((await readBoundedBody(await fetch(`${url}/small`), 100)).toString('utf8')).toBe('héllo');
  });

  test('refuses a declared length beyond the limit before reading it, naming both', async () => {
    const error = await readBoundedBody(await fetch(`${url}/declared`), 1000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnswerTooLargeError);
    expect((error as Error).message).toBe('answered 5000 bytes, more than 1000 bytes (the most a check reads of one answer)');
  });

  test('stops an endless body at the limit: what it read stays near the limit, and the rest is never sent', async () => {
    const error = await readBoundedBody(await fetch(`${url}/streamed`), 2 * 1024 * 1024).catch((e: unknown) => e);
    expect((error as Error).message).toBe('answered more than 2 MiB (the most a check reads of one answer)');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(streamed, 'bytes the server could send before the client stopped reading').toBeLessThan(16 * 1024 * 1024);
  });
});
