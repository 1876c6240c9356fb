// The RabbitMQ names of the contract, and their declaration. The worker declares everything at start;
// declaring is idempotent, so any number of workers may start at once.
import type { Channel } from 'amqplib';

export const ordersExchange = 'orders';
export const orderPlacedKey = 'order.placed';
export const workQueue = 'order-worker';
export const deadLetterQueue = 'order-worker.dead-letter';

/** The retry queue that holds a message for `delayMs`, then dead-letters it back to the work queue. */
export function retryQueue(delayMs: number): string {
  return `order-worker.retry.${delayMs}ms`;
}

/** The delay before retry number `retry` (1 for the first): base, 2×base, 4×base… */
export function retryDelayMs(baseMs: number, retry: number): number {
  return baseMs * 2 ** (retry - 1);
}

export async function declareTopology(channel: Channel, retryDelays: number[]): Promise<void> {
  await channel.assertExchange(ordersExchange, 'topic', { durable: true });
  await channel.assertQueue(workQueue, { durable: true });
  await channel.bindQueue(workQueue, ordersExchange, orderPlacedKey);
  await channel.assertQueue(deadLetterQueue, { durable: true });
  for (const delayMs of new Set(retryDelays)) {
    await channel.assertQueue(retryQueue(delayMs), {
      durable: true,
      arguments: { 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': workQueue },
    });
  }
}
