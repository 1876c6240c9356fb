// The sandbox's network: a process reaches the endpoints it was opened for and nothing else; the harness reaches
// the ports it listens on, chosen before (listenPort) or by the process itself (expose).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { endpointsOf } from './endpoints-of.ts';
import { handOver } from './grade-disk.ts';
import { exposePort, openSandbox } from './open-sandbox.ts';
import { pastaArguments } from './pasta-forwarder.ts';
import { testPlan } from './fixtures/test-plan.ts';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

test('pasta binds inbound ports on 127.0.0.1 only and forwards no UDP, ICMP or gateway traffic', () => {
  const args = pastaArguments(
    42,
    {
      inbound: [
        [40001, 40001],
        [40002, 5000],
      ],
      outbound: [5432, 6379],
    },
    'bch1',
    '/x/bch1.pid',
  );
  expect(args.join(' ')).toContain('--netns /proc/42/ns/net --ns-ifname bch1');
  expect(args.join(' ')).toContain(
    '--tcp-ports 127.0.0.1/40001:40001,127.0.0.1/40002:5000 --tcp-ns 5432,6379 --udp-ports none --udp-ns none',
  );
  expect(args).toEqual(expect.arrayContaining(['--no-icmp', '--no-map-gw', '--no-dhcp']));
  expect(pastaArguments(42, { inbound: [], outbound: [] }, 'bch2', '/x/p').join(' ')).toContain('--tcp-ports none --tcp-ns none');
});

async function listen(host = '127.0.0.1'): Promise<Server & { port: number }> {
  const server = createServer((socket) => socket.end('hello from the host\n'));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  return Object.assign(server, { port: (server.address() as { port: number }).port });
}

/** Runs `source` in a new sandbox opened for `env`, with PORT from listenPort; resolves with its first line of output.
 * `pid` is nsenter's, which has joined the sandbox's namespaces. */
async function runIn(env: Record<string, string>, source: string) {
  const p = testPlan();
  writeFileSync(join(p.appDir, 'main.mjs'), source);
  handOver(p.appDir, p.uid, p.gid);
  const registry = join(p.appDir, '..', 'processes');
  mkdirSync(registry, { recursive: true });
  const sandbox = await openSandbox(p, registry, endpointsOf(env));
  cleanup.push(() => sandbox.destroy());
  const port = await sandbox.listenPort();
  const { child } = sandbox.spawn([sandbox.nodePath, 'main.mjs'], {
    env: { PATH: '/usr/bin:/bin', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    listen: port,
  });
  let out = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.once('exit', () => reject(new Error(`exited before a line: ${out}`)));
  });
  return { pid: child.pid!, port, firstLine };
}

const tryConnect = `
  import { connect } from 'node:net';
  const attempt = (host, port) => new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    let data = '';
    socket.on('data', (c) => { data += c; });
    socket.on('end', () => resolve(data.trim() || 'connected'));
    socket.on('timeout', () => { socket.destroy(); resolve('timeout'); });
    socket.on('error', (e) => resolve(e.code));
  });
`;

test('a sandboxed process reaches the endpoints of its environment, and no other port of the host or beyond', async () => {
  const allowed = await listen();
  const other = await listen();
  const { firstLine } = await runIn(
    { SERVICE_URL: `http://127.0.0.1:${allowed.port}/x` },
    `${tryConnect}
    const results = {};
    for (const [name, host, port] of [['allowed', '127.0.0.1', ${allowed.port}],
      ['other', '127.0.0.1', ${other.port}], ['postgres', '127.0.0.1', 5432], ['redis', '127.0.0.1', 6379], ['outside', '192.0.2.1', 80]])
      results[name] = await attempt(host, port);
    console.log(JSON.stringify(results));
    `,
  );
  const results = JSON.parse(await firstLine);
  expect(results.allowed).toBe('hello from the host');
  expect(results.other).toBe('ECONNREFUSED');
  expect(results.postgres).toBe('ECONNREFUSED');
  expect(results.redis).toBe('ECONNREFUSED');
  expect(results.outside).toBe('ENETUNREACH');
}, 30_000);

test('an endpoint off the loopback (a container at the Docker bridge) is reached through a relay the URL names', async () => {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  expect(address, 'this machine has an IPv4 address off the loopback').toBeDefined();
  const remote = await listen(address);
  const { firstLine } = await runIn(
    { REDIS_URL: `redis://:pw@${address}:${remote.port}` },
    `${tryConnect}
    const url = new URL(process.env.REDIS_URL);
    console.log(JSON.stringify({ url: process.env.REDIS_URL, viaUrl: await attempt(url.hostname, Number(url.port)),
      direct: await attempt('${address}', ${remote.port}) }));
    `,
  );
  const results = JSON.parse(await firstLine);
  expect(results.url).toMatch(/^redis:\/\/:pw@127\.0\.0\.1:\d+$/);
  expect(results.viaUrl).toBe('hello from the host');
  expect(results.direct).toBe('ENETUNREACH');
}, 30_000);

test('a burst past the backlog of pasta reaches the server whole: no connection left open that the server never saw', async () => {
  let seen = 0;
  const server = createServer((socket) => {
    seen += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise((resolve) => server.close(resolve)));
  const port = (server.address() as { port: number }).port;
  const burst = 1500; // with SYN cookies on, 154 of these stayed open in the sandbox and never reached the server
  const { firstLine } = await runIn(
    { UPSTREAM_URL: `http://127.0.0.1:${port}` },
    `import { connect } from 'node:net';
    const sockets = [];
    for (let i = 0; i < ${burst}; i += 1) {
      const socket = connect(${port}, '127.0.0.1');
      socket.on('error', () => {});
      socket.resume();
      sockets.push(socket);
    }
    for (let waited = 0; waited < 20_000 && sockets.some((s) => !s.destroyed); waited += 250) await new Promise((r) => setTimeout(r, 250));
    console.log(JSON.stringify({ open: sockets.filter((s) => !s.destroyed).length }));
    `,
  );
  expect(JSON.parse(await firstLine)).toEqual({ open: 0 });
  expect(seen).toBe(burst);
}, 40_000);

test('the harness reaches the port it gave the process, and a port the process chose once exposed', async () => {
  const { pid, port, firstLine } = await runIn(
    {},
    `
    import { createServer } from 'node:net';
    const serve = (port) => new Promise((resolve) => { const s = createServer((c) => c.end('inside ' + s.address().port + '\\n')); s.listen(port, '127.0.0.1', () => resolve(s.address().port)); });
    await serve(Number(process.env.PORT));
    console.log(await serve(0));
    `,
  );
  const chosen = Number(await firstLine);
  expect(await read(port)).toBe(`inside ${port}`);
  await expect(read(chosen), 'not forwarded until exposed').rejects.toThrow('ECONNREFUSED');
  const hostPort = await exposePort(pid, chosen);
  expect(hostPort).not.toBe(chosen);
  expect(await read(hostPort)).toBe(`inside ${chosen}`);
}, 30_000);

test('the service listens on PORT through the socket the harness handed it, whatever address it names', async () => {
  const { port, firstLine } = await runIn(
    {},
    `
    import { createServer } from 'node:http';
    const server = createServer((req, res) => res.end('served ' + server.address().port + '\\n'));
    server.listen({ port: Number(process.env.PORT), host: '::' }, () =>
      console.log(JSON.stringify({ execArgv: process.execArgv, address: server.address() })));
    `,
  );
  const started = JSON.parse(await firstLine);
  expect(started.address).toEqual({ address: '127.0.0.1', family: 'IPv4', port });
  expect(started.execArgv.join(' '), 'the preload is not passed on to forked processes').not.toContain('data:');
  expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe(`served ${port}\n`);
}, 30_000);

function read(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    connect({ host: '127.0.0.1', port })
      .on('data', (c) => {
        data += c;
      })
      .on('end', () => resolve(data.trim()))
      .on('error', reject);
  });
}
