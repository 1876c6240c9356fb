// Hidden performance checks. The payment service answers after a fixed latency L, so a worker holding P
// messages at once can do at most P / L orders per second whatever the CPU: thresholds are shares of that
// ideal, or a ratio between two prefetch settings measured in the same check.
import { expect } from 'vitest';
import { check, eventually } from '../../../harness/testkit/index.ts';
import type { OrderRow } from '../fixtures/order-db.ts';
import { goOnAfterTimeout, list, makeOrders, missing, prepareWorld, startWorker, type World } from '../fixtures/worker-world.ts';

const latencyMs = 200;

/** Publishes the batch and measures orders per second until every one is recorded (or the time limit). */
async function timeBatch(
  world: World,
  prefix: string,
  count: number,
  limitMs: number,
): Promise<{ rate: number; lost: string[]; seconds: number }> {
  const orders = makeOrders(prefix, count);
  const ids = orders.map((o) => o.orderId);
  const startedAt = performance.now();
  await world.broker.publishOrders(orders);
  // An order is done when its row holds the charge the payment service made (rows are the worker's word: a row
  // written before the charge was answered would make a worker look fast).
  let rows: OrderRow[] = [];
  await eventually(
    async () => {
      rows = (await world.db.rows()).filter(
        (row) => row.charge_id === world.payments.chargesFor(row.order_id)[0]?.id && ids.includes(row.order_id),
      );
      return rows.length >= ids.length;
    },
    { timeoutMs: limitMs, intervalMs: 25 },
  ).catch(goOnAfterTimeout);
  const seconds = (performance.now() - startedAt) / 1000;
  return { rate: count / seconds, lost: missing(rows, ids), seconds };
}

check('throughput', async () => {
  const world = await prepareWorld();
  world.payments.latencyMs = latencyMs;
  const prefetch = 10;
  await startWorker(world, { PREFETCH: String(prefetch) });
  const ideal = prefetch / (latencyMs / 1000);
  const needed = ideal / 2;
  const count = 40;
  const batch = await timeBatch(world, 'ord-tput', count, (2.5 * count * 1000) / needed);
  expect(batch.lost, `orders of a batch of ${count} not recorded after ${batch.seconds.toFixed(1)} s: ${list(batch.lost)}`).toEqual([]);
  expect(
    Math.round(batch.rate),
    `orders/s over a batch of ${count} with PREFETCH ${prefetch} and a payment service answering in ${latencyMs} ms: the ideal is ${ideal}/s, at least half of it is required. Process up to PREFETCH messages concurrently`,
  ).toBeGreaterThanOrEqual(needed);
});

check('prefetch-scaling', async () => {
  const world = await prepareWorld();
  world.payments.latencyMs = latencyMs;
  const one = await startWorker(world, { PREFETCH: '1' }, 'worker with PREFETCH 1');
  const slow = await timeBatch(world, 'ord-p1', 5, 4_000);
  expect(slow.lost, 'orders not recorded with PREFETCH 1').toEqual([]);
  expect(
    world.payments.maxInFlight,
    'charges in flight at once with PREFETCH 1: the prefetch bounds the messages in hand (acknowledge after the work, not on receipt)',
  ).toBe(1);
  await one.stop();
  world.payments.resetMaxInFlight();
  await startWorker(world, { PREFETCH: '8' }, 'worker with PREFETCH 8');
  const fast = await timeBatch(world, 'ord-p8', 24, 4_000);
  expect(fast.lost, 'orders not recorded with PREFETCH 8').toEqual([]);
  expect(world.payments.maxInFlight, 'charges in flight at once with PREFETCH 8').toBeLessThanOrEqual(8);
  const speedup = fast.rate / slow.rate;
  expect(
    Math.round(speedup * 10) / 10,
    `orders/s with PREFETCH 8 (${fast.rate.toFixed(1)}) over PREFETCH 1 (${slow.rate.toFixed(1)}), payment latency ${latencyMs} ms (ideal 8×): at least 3× is required`,
  ).toBeGreaterThanOrEqual(3);
});
