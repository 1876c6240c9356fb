// Hidden checks of the caching service, observed from outside: responses, upstream request counts, Redis.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { check, eventually, gradeContext } from '../../../harness/testkit/index.ts';
import { flushL2, get, l2Keys, put, startFleet } from '../fixtures/cache-fleet.ts';

check('read-through-l1', async () => {
  const {
    upstream,
    instances: [a],
  } = await startFleet(1);
  const first = await get(a, '/products/p-l1');
  expect(first.status, 'GET of an existing product').toBe(200);
  expect(first.body, 'the product exactly as the upstream returned it').toEqual(upstream.product('p-l1'));
  expect((await get(a, '/products/p-l1')).body).toEqual(upstream.product('p-l1'));
  expect(upstream.gets('p-l1'), 'a second GET of a fresh product must not reach the upstream').toBe(1);
  await flushL2();
  const third = await get(a, '/products/p-l1');
  expect(third.status).toBe(200);
  expect(upstream.gets('p-l1'), 'with Redis emptied, a fresh product must still be served from the in-process L1').toBe(1);
});

check('shared-l2', async () => {
  const {
    upstream,
    instances: [a, b],
  } = await startFleet(2);
  expect((await get(a, '/products/p-l2')).status).toBe(200);
  const fromB = await get(b, '/products/p-l2');
  expect(fromB.status).toBe(200);
  expect(fromB.body, 'instance b serves the same product').toEqual(upstream.product('p-l2'));
  expect(upstream.gets('p-l2'), 'instance b must find the product in Redis (L2) that instance a stored, not ask the upstream again').toBe(
    1,
  );
  await flushL2();
  expect((await get(b, '/products/p-l2')).status).toBe(200);
  expect(
    upstream.gets('p-l2'),
    'a fresh copy found in L2 is copied into L1: with Redis emptied, instance b must still serve it without the upstream',
  ).toBe(1);
});

check('redis-key-prefix', async () => {
  const {
    instances: [a, b],
  } = await startFleet(2);
  for (const id of ['p-key-1', 'p-key-2']) expect((await get(a, `/products/${id}`)).status).toBe(200);
  expect((await get(b, '/products/p-key-1')).status).toBe(200);
  expect((await put(b, '/products/p-key-2', { price: 3 })).status).toBe(200);
  const prefix = gradeContext().env.REDIS_KEY_PREFIX ?? '';
  const stray = (await l2Keys()).filter((key) => !key.startsWith(prefix));
  expect(stray, `Redis keys that do not start with REDIS_KEY_PREFIX ("${prefix}"): prefix every key`).toEqual([]);
});

check('put-write-through', async () => {
  const {
    upstream,
    instances: [a],
  } = await startFleet(1);
  expect((await get(a, '/products/p-put')).status).toBe(200);
  const written = await put(a, '/products/p-put', { price: 99.5 });
  expect(written.status, 'PUT answers with the upstream status').toBe(200);
  expect(written.body, 'PUT answers with the updated product').toMatchObject({ id: 'p-put', price: 99.5, version: 2 });
  expect(upstream.product('p-put'), 'the change reached the upstream').toMatchObject({ price: 99.5, version: 2 });
  await flushL2(); // this instance's own L1 is under test here; L2 is invalidate-l2's
  const read = await get(a, '/products/p-put');
  expect(read.body, 'GET on the same instance right after the PUT returns the new product').toEqual(upstream.product('p-put'));
  upstream.mode = 'error';
  expect((await put(a, '/products/p-put', { price: 1 })).status, 'PUT while the catalog answers 503: 502').toBe(502);
});

check('invalidate-l1-everywhere', async () => {
  const {
    upstream,
    instances: [a, b],
  } = await startFleet(2);
  expect((await get(a, '/products/p-inv')).status).toBe(200);
  expect((await get(b, '/products/p-inv')).status).toBe(200);
  expect((await put(a, '/products/p-inv', { name: 'Renamed' })).status).toBe(200);
  await flushL2(); // only L1 is under test here
  await eventually(async () => ((await get(b, '/products/p-inv')).body as { version?: number })?.version === 2, {
    timeoutMs: 500,
    intervalMs: 20,
    what: 'instance b serves the new product within 500 ms of a PUT through instance a: invalidate L1 on every instance (pub/sub)',
  });
  expect((await get(b, '/products/p-inv')).body).toEqual(upstream.product('p-inv'));
});

check('invalidate-l2', async () => {
  const {
    upstream,
    instances: [a, c],
  } = await startFleet(2);
  expect((await get(a, '/products/p-l2inv')).status).toBe(200);
  expect((await put(a, '/products/p-l2inv', { price: 1.25 })).status).toBe(200);
  const read = await get(c, '/products/p-l2inv');
  expect(read.body, 'an instance that never held the product must not get the old copy from Redis after a PUT').toEqual(
    upstream.product('p-l2inv'),
  );
});

check('upstream-404', async () => {
  const {
    upstream,
    instances: [a],
  } = await startFleet(1);
  const missing = await get(a, '/products/missing-7');
  expect(missing.status, 'a product the upstream does not have').toBe(404);
  expect(typeof missing.body, 'errors are JSON objects').toBe('object');
  upstream.setProduct('missing-7', { name: 'Created later' });
  const created = await get(a, '/products/missing-7');
  expect(created.status, 'a 404 must not be cached: the product was created upstream since').toBe(200);
  expect(created.body).toEqual(upstream.product('missing-7'));
});

check('bounded-memory', async () => {
  const {
    upstream,
    instances: [a],
  } = await startFleet(1, { CACHE_CAPACITY: '20' });
  // A count drawn when the check runs, so /stats must count: a figure written into the service cannot match it.
  const count = 150 + Math.floor(Math.random() * 100);
  const ids = Array.from({ length: count }, (_, i) => `p-bm-${i}`);
  for (let i = 0; i < ids.length; i += 20) {
    const replies = await Promise.all(ids.slice(i, i + 20).map((id) => get(a, `/products/${id}`)));
    expect(
      replies.every((r) => r.status === 200),
      `GET of ${count} distinct products`,
    ).toBe(true);
  }
  const stats = await get(a, '/stats');
  expect(stats.status, 'GET /stats').toBe(200);
  const l1 = (stats.body as { l1?: { size?: number; capacity?: number; hits?: unknown; misses?: unknown; evictions?: number } }).l1;
  expect(l1?.capacity, '/stats l1.capacity').toBe(20);
  expect(l1?.size, `after ${count} distinct products with CACHE_CAPACITY 20, /stats l1.size`).toBeLessThanOrEqual(20);
  expect(l1, "/stats l1 has the L1 LruCache's size, hits, misses and evictions").toMatchObject({
    hits: expect.any(Number),
    misses: expect.any(Number),
  });
  expect(
    l1?.evictions,
    `after ${count} distinct products with CACHE_CAPACITY 20, /stats l1.evictions (those of the L1 LruCache: ${count} stored, 20 kept)`,
  ).toBe(count - 20);
  // What /stats says is the service's word; what L1 holds is measured here: with Redis emptied, a product served
  // without an upstream request came from L1. The 20 most recent must be, and no other.
  await flushL2();
  const recent = ids.slice(-20);
  for (const id of recent) expect((await get(a, `/products/${id}`)).status).toBe(200);
  expect(
    recent.filter((id) => upstream.gets(id) !== 1),
    'the 20 most recently requested products (CACHE_CAPACITY 20), read again with Redis emptied: each must come from L1, without an upstream request',
  ).toEqual([]);
  for (const id of ids.slice(0, -20)) expect((await get(a, `/products/${id}`)).status).toBe(200);
  const heldBeyond = ids.slice(0, -20).filter((id) => upstream.gets(id) === 1);
  expect(
    heldBeyond.length,
    `products older than the 20 most recent, served again without the upstream: L1 holds more than CACHE_CAPACITY 20 (e.g. ${heldBeyond.slice(0, 3).join(', ')})`,
  ).toBe(0);
});
check('freshness', async () => {
  const {
    upstream,
    instances: [a, b],
  } = await startFleet(2, { CACHE_TTL_MS: '600', STALE_GRACE_MS: '5000' });
  const fetchedAt = Date.now();
  expect((await get(a, '/products/p-age')).status).toBe(200);
  await sleep(300);
  expect((await get(b, '/products/p-age')).status, 'instance b reads the product a fetched 300 ms ago (fresh, CACHE_TTL_MS 600)').toBe(200);
  upstream.setProduct('p-age', { name: 'Changed upstream' });
  await sleep(Math.max(0, fetchedAt + 750 - Date.now()));
  expect(
    (await get(b, '/products/p-age')).body,
    'instance b 750 ms after instance a fetched the product (CACHE_TTL_MS 600): its copy from L2 keeps the original fetch time, so it is no longer fresh and must be fetched again',
  ).toEqual(upstream.product('p-age'));
  expect(
    (await get(a, '/products/p-age')).body,
    'instance a after CACHE_TTL_MS: a copy that is not fresh is served only when the upstream fails',
  ).toEqual(upstream.product('p-age'));
});

check('single-flight', async () => {
  const {
    upstream,
    instances: [a],
  } = await startFleet(1);
  upstream.latencyMs = 300;
  const replies = await Promise.all(Array.from({ length: 100 }, () => get(a, '/products/p-hot')));
  expect(
    replies.map((r) => r.status),
    'every concurrent GET succeeds',
  ).toEqual(Array(100).fill(200));
  expect(upstream.gets('p-hot'), '100 concurrent GETs of one uncached product on one instance must make a single upstream request').toBe(1);
});

check('stale-on-error', async () => {
  const {
    upstream,
    instances: [a, b],
  } = await startFleet(2, { CACHE_TTL_MS: '200', STALE_GRACE_MS: '1000', UPSTREAM_TIMEOUT_MS: '200' });
  const fetchedAt = Date.now();
  expect((await get(a, '/products/p-stale')).status).toBe(200);
  await sleep(350);
  upstream.mode = 'error';
  const stale = await get(a, '/products/p-stale');
  expect(stale.status, 'expired but within the grace period, with the upstream answering 503: serve the cached copy').toBe(200);
  expect(stale.body).toEqual(upstream.product('p-stale'));
  upstream.mode = 'hang';
  const staleOnTimeout = await get(a, '/products/p-stale');
  expect(staleOnTimeout.status, 'with the upstream not answering at all (UPSTREAM_TIMEOUT_MS 200): serve the cached copy').toBe(200);
  upstream.mode = 'error';
  const never = await get(a, '/products/p-never');
  expect(never.status, 'upstream failing and nothing cached: 502').toBe(502);
  expect(never.body, 'the 502 is a JSON error {"error": "a message"}, like every error answer').toMatchObject({
    error: expect.any(String),
  });
  const fromL2 = await get(b, '/products/p-stale');
  expect(
    fromL2.status,
    'instance b never held the product; with the upstream failing, the stale copy in L2 (within the grace period) must be served',
  ).toBe(200);
  await sleep(Math.max(0, fetchedAt + 1700 - Date.now()));
  expect((await get(a, '/products/p-stale')).status, 'past CACHE_TTL_MS + STALE_GRACE_MS with the upstream failing: 502').toBe(502);
});
