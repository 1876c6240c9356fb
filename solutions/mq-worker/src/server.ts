// The order worker: consumes order.placed from RabbitMQ, charges the payment service, records the order in
// Postgres. Serves GET /health (200 once consuming) and GET /metrics. SIGTERM drains within SHUTDOWN_TIMEOUT_MS.
import { createServer } from 'node:http';
import amqp from 'amqplib';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { newMetrics } from './metrics.ts';
import { OrderStore } from './order-store.ts';
import { OrderWorker } from './order-worker.ts';
import { PaymentClient } from './payment-client.ts';
import { declareTopology, retryDelayMs } from './topology.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const metrics = newMetrics();
let worker: OrderWorker | undefined;
let stopping = false;

const server = createServer((req, res) => {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET' && req.url === '/health') return worker?.consuming ? send(200, { status: 'ok' }) : send(503, { status: 'starting' });
  if (req.method === 'GET' && req.url === '/metrics') return send(200, metrics);
  send(404, { error: 'no such route' });
});
server.listen(config.port, () => console.log(`listening on port ${config.port}`));

const store = new OrderStore(config.databaseUrl);
await store.migrate();
const connection = await amqp.connect(config.amqpUrl);
connection.on('close', () => {
  if (!stopping) {
    console.error('RabbitMQ connection closed unexpectedly');
    process.exit(1);
  }
});
const channel = await connection.createConfirmChannel();
const retryDelays = Array.from({ length: config.maxAttempts - 1 }, (_, i) => retryDelayMs(config.retryBaseDelayMs, i + 1));
await declareTopology(channel, retryDelays);
worker = new OrderWorker(channel, config, store, new PaymentClient(config.paymentUrl, config.paymentTimeoutMs), metrics);
await worker.start();
console.log(`consuming with prefetch ${config.prefetch}`);

process.once('SIGTERM', () => {
  stopping = true;
  console.log('SIGTERM: draining');
  setTimeout(() => {
    console.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting, unacknowledged messages return to the queue`);
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();
  void (async () => {
    await worker!.drain();
    await channel.close();
    await connection.close();
    await store.close();
    server.close();
    console.log('drained, exiting');
    process.exit(0);
  })();
});
