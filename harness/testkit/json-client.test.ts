import { afterEach, describe, expect, test } from 'vitest';
import { JsonClient } from './json-client.ts';
import { readBody, TestHttpServer } from './test-http-server.ts';

describe('JsonClient', () => {
  let server: TestHttpServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  /** Echoes method, path, content type, authorization and body; /text answers plain text, /empty nothing, /hang never. */
  async function start(): Promise<TestHttpServer> {
    server = await TestHttpServer.start('echo', async (req, res) => {
      if (req.url === '/hang') return;
      if (req.url === '/text') return res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      if (req.url === '/empty') return res.writeHead(204).end();
      if (req.url === '/huge') return res.writeHead(200, { 'content-type': 'application/json' }).end(`"${'z'.repeat(3000)}"`);
      const body = await readBody(req);
      res.writeHead(201, { 'content-type': 'application/json', 'x-seen': 'yes' });
      res.end(
        JSON.stringify({
          method: req.method,
          path: req.url,
          type: req.headers['content-type'] ?? null,
          auth: req.headers.authorization ?? null,
          body,
        }),
      );
    });
    return server;
  }

  test('sends a JSON body and answers status, parsed body, text and headers', async () => {
    const client = new JsonClient((await start()).url);
    const reply = await client.post('/things?x=1', { a: 1 }, { headers: { authorization: 'Bearer t' } });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ method: 'POST', path: '/things?x=1', type: 'application/json', auth: 'Bearer t', body: '{"a":1}' });
    expect(JSON.parse(reply.text)).toEqual(reply.body);
    expect(reply.headers.get('x-seen')).toBe('yes');
  });

  test('a string body is sent as it is, with a JSON content type; no body, no content type', async () => {
    const client = new JsonClient((await start()).url);
    expect((await client.request('PATCH', '/raw', { body: '{"broken": ' })).body).toMatchObject({
      method: 'PATCH',
      type: 'application/json',
      body: '{"broken": ',
    });
    expect((await client.get('/plain')).body).toMatchObject({ method: 'GET', type: null, body: '' });
  });

  test('a body that is not JSON stays text; an empty body is undefined; no status throws', async () => {
    const client = new JsonClient((await start()).url);
    expect(await client.get('/text')).toMatchObject({ status: 404, body: 'not here', text: 'not here' });
    expect(await client.delete('/empty')).toMatchObject({ status: 204, body: undefined, text: '' });
  });

  test('a call without an answer fails at its time limit, naming the call and the server', async () => {
    const client = new JsonClient((await start()).url, { label: 'instance a', timeoutMs: 200 });
    const started = Date.now();
    await expect(client.get('/hang')).rejects.toThrow("GET /hang on instance a got no answer within 0.2 s (the call's time limit)");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await expect(client.put('/hang', {}, { timeoutMs: 100 })).rejects.toThrow('PUT /hang on instance a got no answer within 0.1 s');
  });

  test('an answer beyond the byte limit fails the call, naming the call, the server and the limit', async () => {
    const client = new JsonClient((await start()).url, { label: 'instance a', maxBytes: 1000 });
    await expect(client.get('/huge')).rejects.toThrow(
      'GET /huge on instance a answered more than 1000 bytes (the most a check reads of one answer)',
    );
    expect((await client.get('/huge', { maxBytes: 4000 })).body).toHaveLength(3000);
  });

  test('a refused connection fails at once, naming the call and the reason', async () => {
    const url = (await start()).url;
    await server!.stop();
    server = undefined;
    await expect(new JsonClient(url).get('/x')).rejects.toThrow('GET /x failed: fetch failed (ECONNREFUSED)');
  });
});
