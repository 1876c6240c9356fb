// The order worker. This starter only validates the configuration and serves /health and /metrics (./app.ts);
// it does not consume anything yet. See the README for the contract.
import { createServer } from 'node:http';
import { createApp, type Metrics } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const metrics: Metrics = { processed: 0, retried: 0, deadLettered: 0 };

// TODO: connect to Postgres (config.databaseUrl) and create the `orders` table if it does not exist.
// TODO: connect to RabbitMQ (config.amqpUrl) and declare the topology: exchange `orders` (topic), queue
// `order-worker` bound with `order.placed`, queue `order-worker.dead-letter`, and your retry queue(s).
// TODO: consume `order-worker` with prefetch config.prefetch. For each message: validate it, skip an order
// already recorded, charge POST {config.paymentUrl}/charges with the header Idempotency-Key: <orderId>, record
// the order, and only then acknowledge. Retry transient failures through RabbitMQ with increasing delays;
// dead-letter malformed and exhausted messages with the header x-dead-letter-reason.

const server = createServer(createApp(metrics));
server.listen(config.port, () => console.log(`listening on port ${config.port}`));

// TODO: stop consuming, finish the messages in hand, close RabbitMQ and Postgres, exit 0 within
// config.shutdownTimeoutMs.
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
});
