// Public tests: run them with `npx bch test lru-cache <your-dir>`. They cover the basics only; the hidden
// checks that grade you go further (see README.md, "How you are graded").
import { expect, test } from 'vitest';
import { LruDriverClient } from '../fixtures/lru-driver-client.ts';
import { get, put, startFleet } from '../fixtures/cache-fleet.ts';

test('LruCache: set then get returns the value; a missing key is undefined', async () => {
  const cache = await LruDriverClient.create(2);
  await cache.set('a', 1);
  expect(await cache.get('a')).toBe(1);
  expect(await cache.get('nope')).toBeUndefined();
  expect(await cache.size()).toBe(1);
});

test('LruCache: a full cache evicts an entry to make room', async () => {
  const cache = await LruDriverClient.create(2);
  await cache.set('a', 1);
  await cache.set('b', 2);
  await cache.set('c', 3);
  expect(await cache.size()).toBe(2);
  expect(await cache.get('c')).toBe(3);
});

test('service: GET /products/:id returns the upstream product, a second GET does not reach the upstream', async () => {
  const {
    upstream,
    instances: [a],
  } = await startFleet(1);
  const first = await get(a, '/products/42');
  expect(first.status).toBe(200);
  expect(first.body).toEqual(upstream.product('42'));
  await get(a, '/products/42');
  expect(upstream.gets('42')).toBe(1);
});

test('service: PUT /products/:id updates the upstream and answers with the new product', async () => {
  const {
    upstream,
    instances: [a],
  } = await startFleet(1);
  const reply = await put(a, '/products/7', { price: 10 });
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual(upstream.product('7'));
});

test('service: GET /stats reports the L1 cache', async () => {
  const {
    instances: [a],
  } = await startFleet(1, { CACHE_CAPACITY: '10' });
  const stats = await get(a, '/stats');
  expect(stats.status).toBe(200);
  expect(stats.body).toMatchObject({ l1: { capacity: 10 } });
});
