import { expect, test } from 'vitest';
import { eventually, EventuallyTimeoutError, NotYet, notYet } from './eventually.ts';

test('returns the first value that is not false, trying every intervalMs', async () => {
  let tries = 0;
  const started = Date.now();
  expect(await eventually(() => ++tries >= 3 && `after ${tries}`, { timeoutMs: 1000, intervalMs: 50 })).toBe('after 3');
  expect(Date.now() - started).toBeGreaterThanOrEqual(95);
});

test('an assertion that passes is a success (undefined counts), one that throws is tried again', async () => {
  let value = 0;
  setTimeout(() => (value = 2), 100);
  await eventually(() => expect(value).toBe(2), { timeoutMs: 1000, intervalMs: 20 });
});

test('a predicate still false at the deadline: EventuallyTimeoutError naming what, the time and the tries; the last try starts after the deadline', async () => {
  const tries: number[] = [];
  const started = Date.now();
  const error = await eventually(
    () => {
      tries.push(Date.now() - started);
      return false;
    },
    { timeoutMs: 200, intervalMs: 30, what: 'the queue is empty' },
  ).catch((e: Error) => e);
  expect(error).toBeInstanceOf(EventuallyTimeoutError);
  expect((error as Error).message).toMatch(/^the queue is empty: still false after \d+ ms \(\d+ tries, limit 200 ms\)$/);
  expect(tries.at(-1)).toBeGreaterThanOrEqual(200);
  expect(tries.at(-2)).toBeLessThan(200);
});

test('a try that still throws at the deadline: that error, its message naming the elapsed time, its values kept', async () => {
  let n = 0;
  const error = await eventually(() => expect(`try ${++n}`, 'the counter').toBe('never'), { timeoutMs: 100, intervalMs: 10 }).then(
    () => undefined,
    (e: Error & { expected?: unknown }) => e,
  );
  if (!error) throw new Error('eventually resolved');
  expect(error.name).toBe('AssertionError');
  expect(error.message).toMatch(
    /^the counter: expected 'try \d+' to be 'never' .*\(still failing after \d+ ms \(\d+ tries, limit 100 ms\)\)$/,
  );
  expect(error.expected).toBe('never');
});

test('an error retryOn refuses ends the wait at once; others are tried again', async () => {
  let tries = 0;
  await expect(
    eventually(
      () => {
        tries++;
        throw new Error(tries < 3 ? 'BUSY running a script' : 'NOPERM');
      },
      { timeoutMs: 1000, intervalMs: 10, retryOn: (error) => (error as Error).message.startsWith('BUSY') },
    ),
  ).rejects.toThrow('NOPERM');
  expect(tries).toBe(3);
});

test('with retryOn: notYet, a NotYet is tried again and any other error ends the wait at once', async () => {
  let tries = 0;
  await expect(
    eventually(
      () => {
        tries++;
        if (tries < 3) throw new NotYet('2 sessions still running');
        throw new Error('connection terminated');
      },
      { timeoutMs: 1000, intervalMs: 10, retryOn: notYet },
    ),
  ).rejects.toThrow(/^connection terminated$/);
  expect(tries).toBe(3);
});
