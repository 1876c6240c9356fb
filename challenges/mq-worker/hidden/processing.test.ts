// Hidden checks of what the worker does with each message: orders recorded with their payment result,
// malformed and exhausted messages dead-lettered with a reason, metrics, and a poison message at the head.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { check, eventually } from '../../../harness/testkit/index.ts';
import { deadLetterQueue, notDurable, workQueue } from '../fixtures/broker.ts';
import {
  duplicated,
  getJson,
  goOnAfterTimeout,
  makeOrders,
  missing,
  prepareWorld,
  publishAll,
  startWorker,
  waitForOrders,
} from '../fixtures/worker-world.ts';

check('orders-recorded', async () => {
  const world = await prepareWorld();
  world.payments.latencyMs = 20;
  world.payments.decline('cus-3');
  await startWorker(world);
  const orders = makeOrders('ord-rec', 24);
  await publishAll(world, orders);
  const ids = orders.map((o) => o.orderId);
  const rows = await waitForOrders(world, ids, 10_000);
  expect(missing(rows, ids), 'orders published but not in the orders table 10 s later').toEqual([]);
  expect(duplicated(rows), 'orders with more than one row').toEqual({});
  for (const order of orders) {
    const row = rows.find((r) => r.order_id === order.orderId)!;
    const charges = world.payments.chargesFor(order.orderId);
    expect(charges, `charges of ${order.orderId} at the payment service`).toHaveLength(1);
    expect(row, `the orders row of ${order.orderId}: the message's fields, and the payment service's charge id and status`).toMatchObject({
      customer_id: order.customerId,
      amount_cents: order.amountCents,
      currency: order.currency,
      charge_id: charges[0].id,
      payment_status: charges[0].status,
    });
  }
  expect(
    rows.filter((r) => r.payment_status === 'declined'),
    'orders of the declined customer cus-3 recorded as "declined"',
  ).toHaveLength(6);
  expect(await world.broker.depth(deadLetterQueue), 'dead-letter queue after valid orders only').toBe(0);
  expect(
    await notDurable(),
    'the exchange and queues of the topology declared not durable (all must be durable, so they survive a broker restart)',
  ).toEqual([]);
});

check('dead-letter-queue', async () => {
  const world = await prepareWorld();
  await startWorker(world, { MAX_ATTEMPTS: '3', RETRY_BASE_DELAY_MS: '100' });
  const good = makeOrders('ord-dlq', 4);
  const exhausted = { orderId: 'ord-dlq-exhausted', customerId: 'cus-1', amountCents: 4200, currency: 'EUR' };
  world.payments.alwaysFail(exhausted.orderId);
  const rejected = { orderId: 'ord-dlq-rejected', customerId: 'cus-2', amountCents: 1300, currency: 'EUR' };
  world.payments.reject(rejected.orderId);
  const malformed = [
    '{"orderId": "ord-dlq-broken", ',
    JSON.stringify({ orderId: 'ord-dlq-nocustomer', amountCents: 500, currency: 'EUR' }),
    JSON.stringify({ orderId: 'ord-dlq-badamount', customerId: 'cus-1', amountCents: '12.50', currency: 'EUR' }),
    JSON.stringify({ orderId: 'ord-dlq-zero', customerId: 'cus-1', amountCents: 0, currency: 'EUR' }),
    JSON.stringify({ orderId: 'ord-dlq-emptycustomer', customerId: '', amountCents: 700, currency: 'EUR' }),
    JSON.stringify({ orderId: 'ord-dlq-lowercase', customerId: 'cus-1', amountCents: 700, currency: 'eur' }),
    JSON.stringify({ orderId: 'ord-dlq-fraction', customerId: 'cus-1', amountCents: 12.5, currency: 'EUR' }),
    'null',
  ];
  await world.broker.publish(malformed[0], 'msg-broken');
  await world.broker.publish(exhausted);
  await world.broker.publish(rejected);
  await world.broker.publish(malformed[1]);
  await publishAll(world, good);
  for (const body of malformed.slice(2)) await world.broker.publish(body);

  const ids = good.map((o) => o.orderId);
  const rows = await waitForOrders(world, ids, 8_000);
  expect(missing(rows, ids), 'valid orders published among malformed ones, not recorded 8 s later').toEqual([]);
  await eventually(async () => (await world.broker.depth(deadLetterQueue)) === malformed.length + 2, {
    timeoutMs: 6_000,
    intervalMs: 25,
  }).catch(goOnAfterTimeout);
  await sleep(300); // anything dead-lettered late or twice shows now
  const dead = await world.broker.takeAll(deadLetterQueue);
  const reasons = dead.map((d) => ({ body: d.body, reason: d.headers['x-dead-letter-reason'] }));
  for (const body of malformed) {
    expect(
      reasons.filter((r) => r.body === body),
      `the malformed message ${body} in ${deadLetterQueue}, once, unchanged, with header x-dead-letter-reason "malformed"`,
    ).toEqual([{ body, reason: 'malformed' }]);
  }
  const exhaustedBody = JSON.stringify(exhausted);
  expect(
    reasons.filter((r) => r.body === exhaustedBody),
    `order ${exhausted.orderId} (payment service always 503) in ${deadLetterQueue} once, with x-dead-letter-reason "retries-exhausted"`,
  ).toEqual([{ body: exhaustedBody, reason: 'retries-exhausted' }]);
  const rejectedBody = JSON.stringify(rejected);
  expect(
    reasons.filter((r) => r.body === rejectedBody),
    `order ${rejected.orderId} (payment service answers 422) in ${deadLetterQueue} once, with x-dead-letter-reason "payment-rejected"`,
  ).toEqual([{ body: rejectedBody, reason: 'payment-rejected' }]);
  expect(
    world.payments.requestsFor(rejected.orderId),
    'charge attempts for an order the payment service rejects with 4xx: a 4xx is final, never retried',
  ).toHaveLength(1);
  expect(
    dead,
    `${deadLetterQueue} must hold exactly the ${malformed.length} malformed, the 1 exhausted and the 1 rejected message`,
  ).toHaveLength(malformed.length + 2);
  expect(world.payments.requestsFor(exhausted.orderId), `charge attempts for an order that always fails, with MAX_ATTEMPTS 3`).toHaveLength(
    3,
  );
  expect(
    (await world.db.rows()).map((r) => r.order_id),
    'a dead-lettered order has no row',
  ).not.toContain(exhausted.orderId);
  expect(
    (await world.db.rows()).map((r) => r.order_id),
    'a rejected order has no row',
  ).not.toContain(rejected.orderId);
  expect(await world.broker.depth(workQueue), `${workQueue} is empty once everything is settled`).toBe(0);
});

check('metrics', async () => {
  const world = await prepareWorld();
  const worker = await startWorker(world, { MAX_ATTEMPTS: '2', RETRY_BASE_DELAY_MS: '100' });
  const health = await getJson(worker, '/health');
  expect(health.status, 'GET /health of a consuming worker').toBe(200);
  const orders = makeOrders('ord-met', 4);
  world.payments.script(orders[0].orderId, ['error']);
  const failing = { orderId: 'ord-met-failing', customerId: 'cus-1', amountCents: 990, currency: 'EUR' };
  world.payments.alwaysFail(failing.orderId);
  await publishAll(world, [...orders, orders[1], failing]); // orders[1] twice: the duplicate is not processed again
  const ids = orders.map((o) => o.orderId);
  expect(missing(await waitForOrders(world, ids, 8_000), ids), 'orders not recorded 8 s after publishing').toEqual([]);
  const expected = { processed: 4, retried: 2, deadLettered: 1 };
  /** GET /metrics until it shows `figures` (4 s at most): the last body read. */
  const metricsOnceAt = async (figures: Record<string, number>): Promise<unknown> => {
    let body: unknown;
    await eventually(
      async () => {
        body = (await getJson(worker, '/metrics')).body;
        return JSON.stringify(pick(body)) === JSON.stringify(figures);
      },
      { timeoutMs: 4_000, intervalMs: 100 },
    ).catch(goOnAfterTimeout);
    return body;
  };
  let last = await metricsOnceAt(expected);
  expect(
    pick(last),
    `GET /metrics after 4 orders recorded (one after a retry, one delivered twice: a skipped duplicate is not processed) and one dead-lettered after MAX_ATTEMPTS 2 (one retry): ${JSON.stringify(last)}`,
  ).toEqual(expected);
  // The figures are the worker's word: more orders, as many as drawn now, must move them by as much (a worker
  // that answers fixed figures cannot follow).
  const more = makeOrders('ord-met-more', 1 + Math.floor(Math.random() * 3));
  await publishAll(world, more);
  const moreIds = more.map((o) => o.orderId);
  expect(missing(await waitForOrders(world, moreIds, 8_000), moreIds), 'further orders not recorded 8 s after publishing').toEqual([]);
  const after = { ...expected, processed: expected.processed + more.length };
  last = await metricsOnceAt(after);
  expect(pick(last), `GET /metrics after ${more.length} more orders recorded: ${JSON.stringify(last)}`).toEqual(after);
});

check('poison-message', async () => {
  const world = await prepareWorld();
  await startWorker(world, { PREFETCH: '1' });
  await world.broker.publish('this is not JSON', 'msg-poison');
  const orders = makeOrders('ord-poison', 5);
  await publishAll(world, orders);
  const ids = orders.map((o) => o.orderId);
  const rows = await waitForOrders(world, ids, 4_000);
  expect(
    missing(rows, ids),
    'with PREFETCH 1 and a malformed message at the head of the queue, orders behind it not recorded within 4 s: a malformed message must leave the queue at once',
  ).toEqual([]);
});

function pick(body: unknown): Record<string, unknown> {
  const { processed, retried, deadLettered } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  return { processed, retried, deadLettered };
}
