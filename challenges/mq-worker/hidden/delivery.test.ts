// Hidden checks of at-least-once delivery made exactly-once in effect: duplicates, a SIGKILL between a
// charge and its commit, a SIGKILL after a charge whose answer never came, and a SIGTERM mid-stream.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { check, eventually } from '../../../harness/testkit/index.ts';
import { workQueue } from '../fixtures/broker.ts';
import {
  duplicated,
  goOnAfterTimeout,
  list,
  makeOrders,
  missing,
  prepareWorld,
  publishAll,
  startWorker,
  waitForOrders,
} from '../fixtures/worker-world.ts';

check('duplicate-delivery', async () => {
  const world = await prepareWorld();
  await startWorker(world, { PREFETCH: '1' }); // one at a time: the queue's order is the processing order
  const orders = makeOrders('ord-dup', 8);
  for (const order of orders.slice(0, 4)) {
    await world.broker.publish(order);
    await world.broker.publish(order); // the same message id twice in a row
  }
  await publishAll(world, orders.slice(4));
  const ids = orders.map((o) => o.orderId);
  expect(missing(await waitForOrders(world, ids, 8_000), ids), 'orders not recorded 8 s after publishing').toEqual([]);
  await publishAll(world, orders); // every order again, after it took effect
  const markers = makeOrders('ord-dup-after', 2);
  await publishAll(world, markers);
  const markerIds = markers.map((o) => o.orderId);
  expect(
    missing(await waitForOrders(world, markerIds, 8_000), markerIds),
    'orders published after the duplicates not recorded 8 s later',
  ).toEqual([]);
  const rows = await world.db.rows();
  expect(
    duplicated(rows),
    'orders delivered twice (same message id and body) and recorded twice: an order must take effect once (an inbox, or a unique key)',
  ).toEqual({});
  expect(world.payments.doubleCharges(), 'orders charged twice after a duplicate delivery').toEqual({});
  expect(rows, 'rows in orders: one per order').toHaveLength(10);
});

check('crash-restart', async () => {
  const world = await prepareWorld();
  world.payments.latencyMs = 20;
  const worker = await startWorker(world, { PREFETCH: '4' });
  const orders = makeOrders('ord-crash', 24);
  const ids = orders.map((o) => o.orderId);
  await publishAll(world, orders.slice(0, 8));
  expect(
    missing(await waitForOrders(world, ids.slice(0, 8), 8_000), ids.slice(0, 8)),
    'orders not recorded 8 s after publishing, before any crash',
  ).toEqual([]);
  await world.db.lockWrites(); // from now on, the worker's commits wait: charged orders stay uncommitted
  await publishAll(world, orders.slice(8));
  await eventually(() => world.payments.charges.length > 8, { timeoutMs: 2_000, intervalMs: 25 }).catch(goOnAfterTimeout);
  await sleep(300);
  worker.kill('SIGKILL');
  await worker.exited;
  await world.db.unlock();
  await worker.restart();
  const rows = await waitForOrders(world, ids, 8_000);
  const lost = missing(rows, ids);
  expect(
    lost,
    `the worker was killed (SIGKILL) while orders were charged but not yet committed, then restarted: ${lost.length} orders were lost (${list(lost)}). Acknowledge a message only after its effect is committed`,
  ).toEqual([]);
  expect(duplicated(rows), 'orders recorded twice after the crash and restart').toEqual({});
  expect(await world.broker.depth(workQueue), `${workQueue} is empty once everything is recorded`).toBe(0);
});

check('charge-idempotency', async () => {
  const world = await prepareWorld();
  const worker = await startWorker(world, { PREFETCH: '2', PAYMENT_TIMEOUT_MS: '20000' });
  const orders = makeOrders('ord-idem', 3);
  const hanging = orders[1].orderId;
  world.payments.chargeThenHang(hanging);
  await publishAll(world, orders);
  await eventually(() => world.payments.chargesFor(hanging).length > 0, {
    timeoutMs: 5_000,
    intervalMs: 25,
    what: `order ${hanging} sent to the payment service`,
  });
  await sleep(200);
  worker.kill('SIGKILL'); // the charge went through, its answer never arrived
  await worker.exited;
  await worker.restart();
  const ids = orders.map((o) => o.orderId);
  const rows = await waitForOrders(world, ids, 8_000);
  expect(missing(rows, ids), 'orders not recorded 8 s after the worker was killed and restarted').toEqual([]);
  const charges = world.payments.chargesFor(hanging).length;
  expect(
    charges,
    `order ${hanging} was charged, the worker was killed before the answer arrived, and the order was charged again after the restart (${charges} charges): send the order id as Idempotency-Key so the payment service answers a repeated charge with the first one`,
  ).toBe(1);
  expect(world.payments.doubleCharges(), 'orders charged more than once').toEqual({});
  expect(rows.find((r) => r.order_id === hanging)?.charge_id, `the row of ${hanging} holds the charge id of its only charge`).toBe(
    world.payments.chargesFor(hanging)[0].id,
  );
});

check('sigterm-drain', async () => {
  const world = await prepareWorld();
  world.payments.latencyMs = 800;
  const deadlineMs = 4_000;
  const worker = await startWorker(world, { PREFETCH: '4', SHUTDOWN_TIMEOUT_MS: String(deadlineMs) });
  const orders = makeOrders('ord-term', 12);
  await publishAll(world, orders);
  await eventually(() => world.payments.inFlight > 0, {
    timeoutMs: 5_000,
    intervalMs: 25,
    what: 'a charge request reached the payment service within 5 s of publishing',
  });
  await sleep(200);
  const inFlight = world.payments.requests.filter((r) => r.outcome === 'pending').map((r) => r.orderId);
  const termAt = world.payments.now();
  worker.kill('SIGTERM');
  const exit = await Promise.race([worker.exited, sleep(deadlineMs + 2_000).then(() => undefined)]);
  expect(exit, `the worker had not exited ${deadlineMs + 2_000} ms after SIGTERM (SHUTDOWN_TIMEOUT_MS ${deadlineMs})`).toBeDefined();
  expect(exit, 'after SIGTERM, finish the work in hand and exit by yourself with code 0 (not killed by the signal)').toEqual({
    code: 0,
    signal: null,
  });
  const unfinished = missing(await world.db.rows(), inFlight);
  expect(unfinished, `orders whose charge was in flight at SIGTERM but not recorded when the worker exited: ${list(unfinished)}`).toEqual(
    [],
  );
  const late = world.payments.requests.filter((r) => r.at > termAt + 400).map((r) => r.orderId);
  expect(late, 'charges started more than 400 ms after SIGTERM: stop consuming at once, finish only what is in hand').toEqual([]);
  world.payments.latencyMs = 20;
  await startWorker(world, {}, 'worker after the drain');
  const ids = orders.map((o) => o.orderId);
  const rows = await waitForOrders(world, ids, 8_000);
  expect(missing(rows, ids), 'orders lost across the SIGTERM and the start of a new worker').toEqual([]);
  expect(duplicated(rows), 'orders recorded twice across the SIGTERM').toEqual({});
  expect(world.payments.doubleCharges(), 'orders charged twice across the SIGTERM').toEqual({});
});
