import { describe, expect, test } from 'vitest';
import { readBody, sendJson, TestHttpServer } from './test-http-server.ts';

describe('TestHttpServer', () => {
  test('answers on a loopback port with the handler', async () => {
    const server = await TestHttpServer.start('echo', async (req, res) => sendJson(res, 201, { got: await readBody(req) }));
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const reply = await fetch(`${server.url}/x`, { method: 'POST', body: 'hello' });
      expect(reply.status).toBe(201);
      expect(await reply.json()).toEqual({ got: 'hello' });
      expect(server.describe()).toEqual({ label: 'echo', output: '' });
    } finally {
      await server.stop();
    }
  });

  test('stop() does not wait for an answer the server never sends', async () => {
    const server = await TestHttpServer.start('hang', () => {});
    const pending = fetch(server.url).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });

  test('readBody keeps at most maxBytes of a body and reads the rest away, so a huge body costs no memory', async () => {
    const server = await TestHttpServer.start('echo', async (req, res) =>
      sendJson(res, 200, { length: (await readBody(req, 1000)).length }),
    );
    try {
      const reply = await fetch(`${server.url}/x`, { method: 'PUT', body: 'x'.repeat(5_000_000) });
      expect(await reply.json()).toEqual({ length: 1000 });
    } finally {
      await server.stop();
    }
  });
});
