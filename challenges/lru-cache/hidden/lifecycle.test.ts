// Hidden check of the process itself: configuration validated at start-up, a clean exit on SIGTERM.
import { expect } from 'vitest';
import { check, expectCleanExitOnSigterm, expectInvalidVariableRefused, ServiceInstance } from '../../../harness/testkit/index.ts';

check('lifecycle', async () => {
  await expectInvalidVariableRefused('CACHE_CAPACITY', '100x', 'not an integer');
  const instance = await ServiceInstance.start({ label: 'instance a' });
  expect((await fetch(`${instance.url}/health`)).status, 'GET /health of a started instance').toBe(200);
  await expectCleanExitOnSigterm(instance, 5000);
});
