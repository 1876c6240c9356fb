import { expect, test } from 'vitest';
import { eventually } from './eventually.ts';
import { InfrastructureError } from './infrastructure-error.ts';

test('an InfrastructureError is not tried again', async () => {
  let tries = 0;
  await expect(
    eventually(
      () => {
        tries++;
        throw new InfrastructureError('Postgres is gone');
      },
      { timeoutMs: 1000, intervalMs: 10 },
    ),
  ).rejects.toThrow('Postgres is gone');
  expect(tries).toBe(1);
});
