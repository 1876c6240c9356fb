// Public tests: run them with `npx bch test mq-worker <your-dir>`. They cover the basics only; the hidden
// checks that grade you go further (see README.md, "How you are graded").
import { afterEach, expect, test } from 'vitest';
import type { Stoppable } from '../../../harness/testkit/index.ts';
import { deadLetterQueue } from '../fixtures/broker.ts';
import { eventually, getJson, makeOrders, missing, prepareWorld, publishAll, startWorker, waitForOrders } from '../fixtures/worker-world.ts';

// Hidden checks stop what they started when each ends; here each test does it itself.
const started: Stoppable[] = [];
afterEach(async () => {
  await Promise.allSettled(started.splice(0).map((thing) => thing.stop()));
});

async function start() {
  const world = await prepareWorld();
  started.push(world.payments, world.broker, world.db);
  const worker = await startWorker(world);
  started.push(worker);
  return { world, worker };
}

test('orders published to "orders" are recorded with the charge of the payment service', async () => {
  const { world, worker } = await start();
  expect((await getJson(worker, '/health')).status).toBe(200);
  const orders = makeOrders('ord-public', 3);
  await publishAll(world, orders);
  const ids = orders.map((o) => o.orderId);
  const rows = await waitForOrders(world, ids, 8_000);
  expect(missing(rows, ids)).toEqual([]);
  for (const order of orders) {
    const [charge] = world.payments.chargesFor(order.orderId);
    expect(rows.find((r) => r.order_id === order.orderId)).toMatchObject({ amount_cents: order.amountCents, charge_id: charge.id, payment_status: 'succeeded' });
  }
}, 30_000);

test('a message that is not JSON goes to the dead-letter queue with x-dead-letter-reason "malformed"', async () => {
  const { world } = await start();
  await world.broker.publish('not JSON at all', 'msg-public-bad');
  expect(await eventually(async () => (await world.broker.depth(deadLetterQueue)) === 1, 5_000)).toBe(true);
  const [dead] = await world.broker.takeAll(deadLetterQueue);
  expect(dead.body).toBe('not JSON at all');
  expect(dead.headers['x-dead-letter-reason']).toBe('malformed');
}, 30_000);
