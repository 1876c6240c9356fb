// Hidden checks of the LruCache class, exercised in a driver process.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { check } from '../../../harness/testkit/index.ts';
import { LruDriverClient } from '../fixtures/lru-driver-client.ts';
import { timedRun } from '../fixtures/lru-timed-run.ts';

check('lru-recency-get', async () => {
  const cache = await LruDriverClient.create(3);
  for (const key of ['a', 'b', 'c']) await cache.set(key, key.toUpperCase());
  expect(await cache.get('a'), 'get("a") right after set').toBe('A');
  await cache.set('d', 'D');
  expect(
    await cache.present(['a', 'b', 'c', 'd']),
    'after get("a") then set("d") in a full cache of 3, the least recently used ("b") must be the one evicted',
  ).toEqual(['a', 'c', 'd']);
  expect(await cache.get('c')).toBe('C');
  await cache.set('e', 'E');
  expect(await cache.present(['a', 'c', 'd', 'e']), 'get("c") must protect "c"; "a" was least recently used').toEqual(['c', 'd', 'e']);
});

check('lru-recency-set', async () => {
  const cache = await LruDriverClient.create(3);
  for (const key of ['a', 'b', 'c']) await cache.set(key, 1);
  await cache.set('a', 2);
  await cache.set('d', 1);
  expect(
    await cache.present(['a', 'b', 'c', 'd']),
    'set() of an existing key ("a") must make it most recently used, so "b" is evicted next',
  ).toEqual(['a', 'c', 'd']);
  expect(await cache.get('a'), 'set() of an existing key replaces its value').toBe(2);
  expect(await cache.size(), 'replacing a key must not add an entry').toBe(3);
});

check('lru-capacity', async () => {
  const bare = await LruDriverClient.bare();
  for (const capacity of ['0', '-1', '2.5', 'NaN', 'Infinity']) {
    expect(await bare.rejectsCapacity(capacity), `new LruCache({ capacity: ${capacity} }) must throw a RangeError`).toBe('RangeError');
  }
  const cache = await LruDriverClient.create(5);
  const keys = Array.from({ length: 105 }, (_, i) => `k${i}`);
  for (const key of keys.slice(0, 5)) await cache.set(key, key);
  expect(await cache.size(), 'size after filling a cache of 5').toBe(5);
  expect(await cache.present(keys.slice(0, 5)), 'all 5 entries of a full cache are held').toEqual(keys.slice(0, 5));
  await cache.set('k5', 'k5');
  expect(await cache.size(), 'size stays at capacity after one more insert').toBe(5);
  expect(await cache.has('k0'), 'the oldest entry is evicted when a new key is inserted into a full cache').toBe(false);
  for (const key of keys.slice(6)) await cache.set(key, key);
  expect(await cache.size(), 'size after 105 inserts into a cache of 5').toBe(5);
  expect(await cache.present(keys), 'exactly the 5 most recent keys remain').toEqual(keys.slice(-5));
  const one = await LruDriverClient.create(1);
  await one.set('x', 1);
  await one.set('y', 2);
  expect([await one.get('x'), await one.get('y')], 'a cache of capacity 1 holds the last key only').toEqual([undefined, 2]);
});

check('lru-evict-callback', async () => {
  const cache = await LruDriverClient.create(2, { onEvict: true });
  await cache.set('a', 1);
  await cache.set('b', 2);
  await cache.set('c', 3);
  expect(await cache.evictions(), 'onEvict(key, value) for the entry evicted to make room').toEqual([['a', 1]]);
  await cache.delete('b');
  await cache.set('c', 33);
  await cache.set('d', 4);
  expect(await cache.evictions(), 'onEvict must not be called for delete() or for replacing a key').toEqual([['a', 1]]);
  await cache.set('e', 5);
  expect(await cache.evictions(), 'the least recently used entry is evicted, with its current value').toEqual([
    ['a', 1],
    ['c', 33],
  ]);
  expect(await cache.get('d')).toBe(4);
  expect(await cache.get('zz')).toBeUndefined();
  expect(await cache.get('a')).toBeUndefined();
  expect(await cache.stats(), 'stats() after 1 hit, 2 misses and 2 evictions').toEqual({ hits: 1, misses: 2, evictions: 2 });
});

check('lru-has-delete', async () => {
  const cache = await LruDriverClient.create(3, { onEvict: true });
  for (const key of ['a', 'b', 'c']) await cache.set(key, key);
  expect([await cache.has('a'), await cache.has('zz')], 'has() of a held and of a missing key').toEqual([true, false]);
  await cache.set('d', 'd');
  expect(await cache.evictions(), 'has("a") must not make "a" most recently used: it is still the one evicted for "d"').toEqual([
    ['a', 'a'],
  ]);
  expect(await cache.stats(), 'has() must count neither hits nor misses').toEqual({ hits: 0, misses: 0, evictions: 1 });
  expect(await cache.delete('b'), 'delete() of a held key').toBe(true);
  expect(await cache.delete('b'), 'delete() of a key already deleted').toBe(false);
  expect(await cache.stats(), 'delete() must count neither hits nor misses').toEqual({ hits: 0, misses: 0, evictions: 1 });
});

check('lru-ttl', async () => {
  const cache = await LruDriverClient.create(10);
  await cache.set('short', 'S', 150);
  await cache.set('forever', 'F');
  await cache.set('long', 'L', 60_000);
  expect(await cache.get('short'), 'an entry is there before its TTL').toBe('S');
  await sleep(400);
  expect(await cache.get('short'), 'get() of an entry 400 ms after set with ttlMs 150').toBeUndefined();
  expect((await cache.stats()).misses, 'get() of an expired entry counts a miss').toBe(1);
  expect(await cache.has('short'), 'has() of an expired entry').toBe(false);
  expect(await cache.get('forever'), 'an entry without ttlMs does not expire').toBe('F');
  expect(await cache.get('long'), 'an entry with a long TTL is still there').toBe('L');
  await cache.set('gone', 'G', 100);
  await cache.set('gone-too', 'G', 100);
  await sleep(300);
  expect(await cache.has('gone'), 'has() of an expired entry that no get() has removed yet').toBe(false);
  expect(await cache.delete('gone-too'), 'delete() of an expired entry: it counts as absent').toBe(false);
  await cache.set('renewed', 'R1', 150);
  await cache.set('renewed', 'R2', 60_000);
  await sleep(300);
  expect(await cache.get('renewed'), 'set() of an existing key replaces its TTL too').toBe('R2');
});

check('lru-constant-time', async () => {
  const driver = await LruDriverClient.bare();
  const operations = 100_000;
  await timedRun(driver, 1_000, operations / 2, 5_000); // warm-up: let the JIT settle
  const small = await timedRun(driver, 1_000, operations, 5_000);
  expect(small.completed, `${operations} operations on a cache of 1,000 entries: ${small.failure}`).toBe(true);
  const large = await timedRun(driver, 1_000_000, operations, 15_000);
  expect(large.completed, `a cache of 1,000,000 entries: ${large.failure}`).toBe(true);
  const ratio = large.nsPerOp / small.nsPerOp;
  expect(
    ratio,
    `operations at 1,000,000 entries took ${large.nsPerOp.toFixed(0)} ns each against ${small.nsPerOp.toFixed(0)} ns at 1,000 entries (×${ratio.toFixed(1)}, timed by the grader, median of batches of 5,000); O(1) operations stay within ×40 (a structure that scans its entries grows ×1000)`,
  ).toBeLessThanOrEqual(40);
});
