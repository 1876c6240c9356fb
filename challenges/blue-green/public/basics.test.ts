// Public tests: run them with `npx bch test blue-green <your-dir>`. They cover the basics only; the hidden
// checks that grade you go further (see README.md, "How you are graded").
import { expect, test } from 'vitest';
import {
  call,
  deployAndSettle,
  finalStates,
  getStatus,
  postDeploy,
  startController,
  waitForDeployment,
  type Setup,
} from '../fixtures/deploy-controller-client.ts';

// The controller and the registry (with every app process still running) are stopped when each test ends.

test('before any deploy: /status has no active version, and traffic gets 503', async () => {
  const setup = await startController();
  expect((await getStatus(setup.controller)).active).toBeNull();
  expect((await call(setup.controller.url, 'GET', '/hello')).status).toBe(503);
});

test('POST /deploy answers 202, then the version serves every path', async () => {
  const setup = await startController();
  expect((await postDeploy(setup.controller, '1.0.0')).status).toBe(202);
  const status = await deployAndSettleDone(setup, '1.0.0');
  expect(status.active?.version).toBe('1.0.0');
  const reply = await call(setup.controller.url, 'GET', '/hello?x=1');
  expect([reply.status, reply.version]).toEqual([200, '1.0.0']);
});

test('a second deploy moves traffic to the new version and keeps the previous one', async () => {
  const setup = await startController();
  const first = await deployAndSettle(setup.controller, '1.0.0');
  const second = await deployAndSettle(setup.controller, '1.1.0');
  expect(second.active?.color).not.toBe(first.active?.color);
  expect(second.previousVersion).toBe('1.0.0');
  expect(setup.registry.alive().map((app) => app.version)).toEqual(['1.1.0']);
});

async function deployAndSettleDone(current: Setup, version: string) {
  const status = await waitForDeployment(current.controller, version, finalStates);
  expect(status.deployment?.state).toBe('succeeded');
  return status;
}
