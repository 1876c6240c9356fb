// The sandbox reaches only the host's loopback (pasta forwards loopback ports). A service on another address of
// the host or beyond — testcontainers run inside a container names the Docker bridge's gateway, e.g.
// 172.17.0.1:32788 — is reached through a relay: a TCP listener on 127.0.0.1 that the harness runs for the
// sandbox's life, piping each connection to that one endpoint. The sandbox's environment names the relay instead.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { type Endpoint, withEndpointsReplaced } from './endpoints-of.ts';

export class LoopbackRelays {
  readonly #servers: Server[];
  readonly #sockets = new Set<Socket>();
  /** "host:port" of a remote endpoint → the relay's port on 127.0.0.1. */
  readonly #ports: Map<string, number>;

  private constructor(servers: Server[], ports: Map<string, number>, sockets: Set<Socket>) {
    this.#servers = servers;
    this.#ports = ports;
    this.#sockets = sockets;
  }

  /** A relay on 127.0.0.1 for each endpoint of `endpoints` that is not on the loopback. */
  static async start(endpoints: Endpoint[]): Promise<LoopbackRelays> {
    const servers: Server[] = [];
    const ports = new Map<string, number>();
    const sockets = new Set<Socket>();
    const relays = new LoopbackRelays(servers, ports, sockets);
    try {
      for (const endpoint of endpoints.filter((e) => !e.loopback)) {
        const server = createServer((inbound) => relay(inbound, endpoint, sockets));
        servers.push(server);
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', resolve);
        });
        ports.set(`${endpoint.host}:${endpoint.port}`, (server.address() as { port: number }).port);
      }
    } catch (error) {
      await relays.close();
      throw error;
    }
    return relays;
  }

  /** The endpoints as the sandbox reaches them: the loopback ones unchanged, the others as their relay. */
  reachable(endpoints: Endpoint[]): Endpoint[] {
    return endpoints.map((endpoint) => {
      const port = this.#ports.get(`${endpoint.host}:${endpoint.port}`);
      return port === undefined ? endpoint : { ...endpoint, host: '127.0.0.1', port, loopback: true };
    });
  }

  /** `env` with every URL that names a relayed endpoint naming its relay instead. */
  rewrite(env: Record<string, string>): Record<string, string> {
    if (this.#ports.size === 0) return env;
    return withEndpointsReplaced(env, (host, port) => {
      const relayPort = this.#ports.get(`${host}:${port}`);
      return relayPort === undefined ? undefined : `127.0.0.1:${relayPort}`;
    });
  }

  /** Stops listening and cuts every relayed connection. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await Promise.all(this.#servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

function relay(inbound: Socket, endpoint: Endpoint, sockets: Set<Socket>): void {
  const outbound = connect({ host: endpoint.host, port: endpoint.port, noDelay: true });
  inbound.setNoDelay(true);
  for (const socket of [inbound, outbound]) {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // Either side failing or closing ends the pair: the other side sees a reset, as it would without the relay.
    socket.once('error', () => {
      inbound.destroy();
      outbound.destroy();
    });
  }
  inbound.pipe(outbound);
  outbound.pipe(inbound);
}
