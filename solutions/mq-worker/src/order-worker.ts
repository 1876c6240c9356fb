// Consumes order.placed messages: one order at a time per unacknowledged message, up to PREFETCH at once.
// A message is acknowledged only after its effect is committed (the order row, or a confirmed publish to
// a retry or the dead-letter queue), so a crash at any point leaves it in RabbitMQ to be delivered again.
import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { Config } from './config.ts';
import type { Metrics } from './metrics.ts';
import { parseOrder } from './order-message.ts';
import type { OrderStore } from './order-store.ts';
import { ChargeError, type PaymentClient } from './payment-client.ts';
import { deadLetterQueue, retryDelayMs, retryQueue, workQueue } from './topology.ts';

export type DeadLetterReason = 'malformed' | 'retries-exhausted' | 'payment-rejected';

export class OrderWorker {
  readonly #channel: ConfirmChannel;
  readonly #config: Config;
  readonly #store: OrderStore;
  readonly #payments: PaymentClient;
  readonly #metrics: Metrics;
  readonly #inFlight = new Set<Promise<void>>();
  #consumerTag: string | undefined;

  constructor(channel: ConfirmChannel, config: Config, store: OrderStore, payments: PaymentClient, metrics: Metrics) {
    this.#channel = channel;
    this.#config = config;
    this.#store = store;
    this.#payments = payments;
    this.#metrics = metrics;
  }

  get consuming(): boolean {
    return this.#consumerTag !== undefined;
  }

  async start(): Promise<void> {
    await this.#channel.prefetch(this.#config.prefetch);
    const { consumerTag } = await this.#channel.consume(workQueue, (message) => {
      if (!message) {
        console.error(`the broker cancelled the consumer (was ${workQueue} deleted?); /health answers 503`);
        this.#consumerTag = undefined;
        return;
      }
      const work = this.#handle(message).catch((error: Error) => {
        console.error(`order message failed unexpectedly, returned to the queue: ${error.message}`);
        this.#channel.nack(message, false, true);
      });
      this.#inFlight.add(work);
      void work.finally(() => this.#inFlight.delete(work));
    });
    this.#consumerTag = consumerTag;
  }

  /** Stops taking messages and waits until every message in hand is settled. */
  async drain(): Promise<void> {
    if (this.#consumerTag) await this.#channel.cancel(this.#consumerTag);
    this.#consumerTag = undefined;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async #handle(message: ConsumeMessage): Promise<void> {
    const parsed = parseOrder(message.content);
    if (!parsed.ok) return this.#deadLetter(message, 'malformed', parsed.reason);
    const { order } = parsed;
    if (await this.#store.has(order.orderId)) {
      this.#channel.ack(message); // a duplicate: the order already took effect
      return;
    }
    const attempt = attemptOf(message);
    try {
      const charge = await this.#payments.charge(order);
      if (await this.#store.record(order, charge)) this.#metrics.processed += 1;
      this.#channel.ack(message);
    } catch (error) {
      if (!(error instanceof ChargeError)) throw error;
      if (!error.transient) return this.#deadLetter(message, 'payment-rejected', error.message);
      if (attempt >= this.#config.maxAttempts) {
        return this.#deadLetter(message, 'retries-exhausted', `${attempt} attempts, last: ${error.message}`);
      }
      const delayMs = retryDelayMs(this.#config.retryBaseDelayMs, attempt);
      await this.#publish(retryQueue(delayMs), message, { 'x-attempts': attempt + 1 });
      this.#metrics.retried += 1;
      this.#channel.ack(message);
    }
  }

  async #deadLetter(message: ConsumeMessage, reason: DeadLetterReason, detail: string): Promise<void> {
    await this.#publish(deadLetterQueue, message, { 'x-dead-letter-reason': reason, 'x-dead-letter-detail': detail, 'x-attempts': attemptOf(message) });
    this.#metrics.deadLettered += 1;
    this.#channel.ack(message);
  }

  /** Publishes a copy of the message straight to a queue and waits for the broker's confirm. */
  #publish(queue: string, message: ConsumeMessage, headers: Record<string, unknown>): Promise<void> {
    const { properties } = message;
    const options: Options.Publish = {
      persistent: true,
      contentType: properties.contentType,
      messageId: properties.messageId,
      headers: { ...properties.headers, ...headers },
    };
    return new Promise((resolve, reject) => {
      this.#channel.sendToQueue(queue, message.content, options, (error) => (error ? reject(error) : resolve()));
    });
  }
}

/** The attempt this delivery is: 1 for a first delivery, then as counted in the x-attempts header. */
function attemptOf(message: ConsumeMessage): number {
  const value = Number(message.properties.headers?.['x-attempts']);
  return Number.isSafeInteger(value) && value >= 1 ? value : 1;
}
