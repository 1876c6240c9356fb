// Hidden check of the process itself: configuration validated at start-up, a clean exit on SIGTERM.
import { expect } from 'vitest';
import { check, expectCleanExitOnSigterm, expectVariableRefused, ServiceInstance } from '../../../harness/testkit/index.ts';

check('lifecycle', async () => {
  await expectVariableRefused('ACCESS_TOKEN_TTL_SECONDS', '900x', 'not an integer');
  await expectVariableRefused('LOGIN_WINDOW_SECONDS', undefined, 'a variable the statement requires');
  const instance = await ServiceInstance.start({ label: 'instance a' });
  expect((await instance.http().get('/health')).status, 'GET /health of a started instance').toBe(200);
  await expectCleanExitOnSigterm(instance, 5000);
});
