// Hidden checks of transient payment failures: retried until charged once, with increasing delays through
// RabbitMQ, and without holding the message (and its prefetch slot) while waiting.
import { expect } from 'vitest';
import { check } from '../../../harness/testkit/index.ts';
import { deadLetterQueue } from '../fixtures/broker.ts';
import type { Failure } from '../fixtures/payment-server.ts';
import { duplicated, list, makeOrders, missing, prepareWorld, publishAll, startWorker, waitForOrders } from '../fixtures/worker-world.ts';

check('payment-failures', async () => {
  const world = await prepareWorld();
  const worker = await startWorker(world, { MAX_ATTEMPTS: '4', RETRY_BASE_DELAY_MS: '100', PAYMENT_TIMEOUT_MS: '300' });
  const orders = makeOrders('ord-flaky', 12);
  const scripts: Failure[][] = [
    ['error'],
    ['error'],
    ['error'],
    ['error'],
    ['timeout'],
    ['timeout'],
    ['timeout'],
    ['error', 'timeout', 'error'],
    ['timeout', 'error', 'timeout'],
    ['error', 'error', 'error'],
    [],
    [],
  ];
  orders.forEach((order, i) => world.payments.script(order.orderId, scripts[i]));
  await publishAll(world, orders);
  const ids = orders.map((o) => o.orderId);
  const rows = await waitForOrders(world, ids, 10_000);
  const notRecorded = missing(rows, ids);
  expect(
    notRecorded,
    `orders whose first 1 to 3 charge attempts failed (503, or no answer within PAYMENT_TIMEOUT_MS 300) not recorded 10 s later, with MAX_ATTEMPTS 4: ${list(notRecorded)}`,
  ).toEqual([]);
  expect(duplicated(rows), 'orders with more than one row').toEqual({});
  expect(
    rows.filter((r) => r.payment_status !== 'succeeded').map((r) => r.order_id),
    'orders charged in the end must be recorded "succeeded"',
  ).toEqual([]);
  expect(world.payments.doubleCharges(), 'orders charged more than once').toEqual({});
  expect(await world.broker.depth(deadLetterQueue), 'messages dead-lettered although a later attempt succeeds').toBe(0);
  const otherKeys = world.payments.requests
    .filter((r) => r.idempotencyKey !== r.orderId)
    .map((r) => `${r.orderId}: ${r.idempotencyKey ?? 'none'}`);
  expect(otherKeys, 'every charge attempt, retries included, carries the order id as Idempotency-Key (attempt: key sent)').toEqual([]);

  // The next run of the worker may have other settings (here a longer base delay): it must start on the same vhost
  // and retry through whatever it declares now.
  await worker.stop();
  await startWorker(
    world,
    { MAX_ATTEMPTS: '4', RETRY_BASE_DELAY_MS: '150', PAYMENT_TIMEOUT_MS: '300' },
    'worker with another RETRY_BASE_DELAY_MS',
  );
  const [again] = makeOrders('ord-flaky-again', 1);
  world.payments.script(again.orderId, ['error', 'error']);
  await publishAll(world, [again]);
  expect(
    missing(await waitForOrders(world, [again.orderId], 8_000), [again.orderId]),
    'an order that fails twice, with a worker restarted with RETRY_BASE_DELAY_MS 150 instead of 100, not recorded 8 s later',
  ).toEqual([]);
});

check('retry-backoff', async () => {
  const world = await prepareWorld();
  const baseMs = 500;
  await startWorker(world, { PREFETCH: '1', MAX_ATTEMPTS: '4', RETRY_BASE_DELAY_MS: String(baseMs) });
  const [slow] = makeOrders('ord-backoff', 1);
  const others = makeOrders('ord-behind', 4);
  world.payments.script(slow.orderId, ['error', 'error', 'error']);
  await publishAll(world, [slow, ...others]);
  const ids = [slow, ...others].map((o) => o.orderId);
  const rows = await waitForOrders(world, ids, 10_000);
  expect(missing(rows, ids), 'orders not recorded 10 s after publishing (the first one fails three times with 503, then succeeds)').toEqual(
    [],
  );
  const attempts = world.payments.requestsFor(slow.orderId).map((r) => r.at);
  expect(attempts, `charge attempts of ${slow.orderId}: three 503s, then a success`).toHaveLength(4);
  const gaps = [attempts[1] - attempts[0], attempts[2] - attempts[1], attempts[3] - attempts[2]];
  expect(
    gaps[0],
    `ms between the 1st and 2nd attempt (gaps ${gaps.join(', ')} ms): the first retry waits at least RETRY_BASE_DELAY_MS (${baseMs})`,
  ).toBeGreaterThanOrEqual(baseMs * 0.9);
  expect(
    gaps[1],
    `ms between the 2nd and 3rd attempt (gaps ${gaps.join(', ')} ms): the second retry waits at least 2 × RETRY_BASE_DELAY_MS`,
  ).toBeGreaterThanOrEqual(2 * baseMs * 0.9);
  expect(
    gaps[2],
    `ms between the 3rd and 4th attempt (gaps ${gaps.join(', ')} ms): the third retry waits at least 4 × RETRY_BASE_DELAY_MS (the delays double)`,
  ).toBeGreaterThanOrEqual(4 * baseMs * 0.9);
  const firstOther = Math.min(...others.map((o) => world.payments.requestsFor(o.orderId)[0]?.at ?? Infinity));
  expect(
    firstOther - attempts[0],
    `ms from the first failure of ${slow.orderId} to the first charge of an order behind it, with PREFETCH 1: the failed message must leave the worker's hands at once to wait for its retry (not be held while the worker sleeps); limit ${baseMs * 0.8} ms`,
  ).toBeLessThan(baseMs * 0.8);
  const blocked = others.filter((o) => (world.payments.requestsFor(o.orderId)[0]?.at ?? Infinity) > attempts[1]).map((o) => o.orderId);
  expect(
    blocked,
    `with PREFETCH 1, orders published behind a failing one were charged only after its retry (${list(blocked)}): while a message waits for its retry, it must not hold the worker's prefetch slot (retry through RabbitMQ, not by sleeping)`,
  ).toEqual([]);
  expect(world.payments.doubleCharges(), 'orders charged more than once').toEqual({});
});
