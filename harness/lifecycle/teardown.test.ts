import { expect, test } from 'vitest';
import { Teardown } from './teardown.ts';

test('runs steps last-in first-out, once, and reports failures without stopping', async () => {
  const order: string[] = [];
  const teardown = new Teardown();
  teardown.add('first', () => { order.push('first'); });
  teardown.add('broken', () => { throw new Error('boom'); });
  teardown.add('last', async () => { order.push('last'); });
  const [a, b] = await Promise.all([teardown.run(), teardown.run()]);
  expect(order).toEqual(['last', 'first']);
  expect(a).toEqual(['broken: boom']);
  expect(b).toBe(a);
  expect(await teardown.run()).toEqual([]);
});
