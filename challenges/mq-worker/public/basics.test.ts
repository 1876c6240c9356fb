// Public tests: run them with `npx bch test mq-worker <your-dir>`. They cover the basics only; the hidden
// checks that grade you go further (see README.md, "How you are graded").
import { expect, test } from 'vitest';
import { eventually } from '../../../harness/testkit/index.ts';
import { deadLetterQueue } from '../fixtures/broker.ts';
import { getJson, makeOrders, missing, prepareWorld, publishAll, startWorker, waitForOrders } from '../fixtures/worker-world.ts';

// The worker, the payment service and the test's connections are stopped when each test ends.
async function start() {
  const world = await prepareWorld();
  const worker = await startWorker(world);
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
    expect(rows.find((r) => r.order_id === order.orderId)).toMatchObject({
      amount_cents: order.amountCents,
      charge_id: charge.id,
      payment_status: 'succeeded',
    });
  }
}, 30_000);

test('a message that is not JSON goes to the dead-letter queue with x-dead-letter-reason "malformed"', async () => {
  const { world } = await start();
  await world.broker.publish('not JSON at all', 'msg-public-bad');
  await eventually(async () => (await world.broker.depth(deadLetterQueue)) === 1, {
    timeoutMs: 5_000,
    intervalMs: 25,
    what: `one message in ${deadLetterQueue} within 5 s`,
  });
  const [dead] = await world.broker.takeAll(deadLetterQueue);
  expect(dead.body).toBe('not JSON at all');
  expect(dead.headers['x-dead-letter-reason']).toBe('malformed');
}, 30_000);
