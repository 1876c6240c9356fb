import { connect, type Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import { helperServerLimits, readBody, sendJson, TestHttpServer } from './test-http-server.ts';

/** Opens `count` connections that send nothing, and reads what comes back (so a close by the server is seen). */
async function idleConnections(url: string, count: number): Promise<Socket[]> {
  const { port } = new URL(url);
  const sockets = Array.from({ length: count }, () =>
    connect(Number(port), '127.0.0.1')
      .on('error', () => {})
      .resume(),
  );
  await Promise.all(sockets.map((s) => new Promise((resolve) => s.once('connect', resolve).once('close', resolve))));
  return sockets;
}

const open = (sockets: Socket[]): number => sockets.filter((s) => !s.destroyed).length;

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

  test('the helper servers of a worker hold at most their connections together; one more is closed at once and counted', async () => {
    const limits = { connections: 5, idleMs: 60_000, requestMs: 60_000 };
    const [a, b] = await Promise.all([TestHttpServer.start('a', () => {}, limits), TestHttpServer.start('b', () => {}, limits)]);
    try {
      const sockets = [...(await idleConnections(a.url, 3)), ...(await idleConnections(b.url, 4))];
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(open(sockets)).toBe(5);
      expect(b.refused).toBe(2);
      expect(b.describe().output).toBe('refused 2 connections beyond the limit of 5 open connections to the helper servers of a grade\n');
      for (const socket of sockets) socket.destroy();
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  test('a connection that sends nothing is closed after the idle time; an answer held back on purpose is not idleness', async () => {
    const server = await TestHttpServer.start('hold', () => {}, { connections: 10, idleMs: 300, requestMs: 5_000 });
    try {
      const [silent] = await idleConnections(server.url, 1);
      const held = fetch(`${server.url}/held`).catch((error: Error) => error);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(silent.destroyed, 'the silent connection').toBe(true);
      expect(await Promise.race([held, 'still waiting']), 'the request whose answer is held').toBe('still waiting');
    } finally {
      await server.stop();
    }
  });

  test('the usual limits: 512 connections per grade, 5 s idle', () => {
    expect(helperServerLimits).toEqual({ connections: 512, idleMs: 5_000, requestMs: 30_000 });
  });
});
