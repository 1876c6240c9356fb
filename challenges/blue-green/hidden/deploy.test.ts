// Hidden checks of the deploy itself: the contract of /deploy and /status, the atomic switch, one deploy at a time.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { check } from '../../../harness/testkit/index.ts';
import {
  call,
  deployAndSettle,
  finalStates,
  getStatus,
  postDeploy,
  postRollback,
  startController,
  switchedStates,
  waitForDeployment,
} from '../fixtures/deploy-controller-client.ts';
import { describeFailures, slowStream, Traffic } from '../fixtures/traffic.ts';

check('deploy-and-status', async () => {
  const { registry, controller } = await startController();
  const empty = await getStatus(controller);
  expect(empty.active, 'GET /status before any deploy: active is null').toBeNull();
  expect((await call(controller.url, 'GET', '/anything')).status, 'a request before any deploy answers 503').toBe(503);
  expect((await call(controller.url, 'POST', '/deploy', {})).status, 'POST /deploy without a version answers 400').toBe(400);
  expect(
    (await call(controller.url, 'POST', '/deploy', { version: '2.0 beta/1' })).status,
    'POST /deploy {"version":"2.0 beta/1"} (only letters, digits, ".", "-" and "_" are valid) answers 400',
  ).toBe(400);

  const accepted = await postDeploy(controller, '3.1.0');
  expect(accepted.status, 'POST /deploy {"version"} answers 202 at once (the deploy runs in the background)').toBe(202);
  const first = await waitForDeployment(controller, '3.1.0', finalStates);
  expect(first.deployment, 'the first deploy of 3.1.0').toMatchObject({ kind: 'deploy', version: '3.1.0', state: 'succeeded' });
  expect(first.active?.version).toBe('3.1.0');
  expect(['blue', 'green'], 'active.color').toContain(first.active?.color);
  const reply = await call(controller.url, 'GET', '/orders/17?x=1&y=two');
  expect([reply.status, reply.version], 'GET /orders/17?x=1&y=two through the router: answered by the app, version 3.1.0').toEqual([
    200,
    '3.1.0',
  ]);
  expect(
    reply.body,
    "the request reaches the app with its method, path and query unchanged, and the app's answer comes back unchanged",
  ).toMatchObject({ method: 'GET', path: '/orders/17', query: '?x=1&y=two', version: '3.1.0' });
  expect((await postRollback(controller)).status, 'POST /rollback after the first deploy, with no previous version, answers 409').toBe(409);

  const second = await deployAndSettle(controller, '3.2.0');
  expect(second.active?.version).toBe('3.2.0');
  expect(second.active?.color, 'the new version runs on the other color').not.toBe(first.active?.color);
  expect(second.previousVersion, 'previousVersion after the second deploy').toBe('3.1.0');
  expect(second.deployment, 'the last deployment').toMatchObject({ kind: 'deploy', version: '3.2.0', state: 'succeeded' });
  for (const app of registry.alive('3.2.0')) registry.kill(app);
  await sleep(200);
  expect(
    (await call(controller.url, 'GET', '/after-crash')).status,
    "with the active app gone (killed behind the router's back), a request answers 502",
  ).toBe(502);
});

check('switch-atomic', async () => {
  const { controller } = await startController();
  await deployAndSettle(controller, '4.0.0');
  const traffic = Traffic.start(controller.url, { loops: 3, pauseMs: 5, path: '/ping', keepAlive: true });
  const slow = slowStream(controller.url, 500, 150);
  expect((await postDeploy(controller, '4.1.0')).status).toBe(202);
  await waitForDeployment(controller, '4.1.0', switchedStates, 20_000);
  const switchedAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 400));
  const answers = (await traffic.stop()).concat(await slow.stop());
  const after = answers.filter((a) => a.sentAt > switchedAt);
  expect(after.length, 'requests sent after the switch completed').toBeGreaterThan(10);
  const wrong = (a: (typeof answers)[number]) => a.status !== 200 || a.version !== '4.1.0';
  expect(
    after.filter(wrong).length,
    `once /status showed the switch complete (old color drained and stopped), every answer must be a 200 from 4.1.0, on every client connection; not so for ${describeFailures(after, wrong)}`,
  ).toBe(0);
});

check('concurrent-deploy-409', async () => {
  const { controller } = await startController({ ROLLBACK_WINDOW_MS: '3000' }); // a watch window long enough to post into
  await deployAndSettle(controller, '5.0.0');
  const slow = slowStream(controller.url, 600, 1000); // keeps the deploy below draining for a while
  expect((await postDeploy(controller, '5.1.0')).status).toBe(202);
  const second = await postDeploy(controller, '5.2.0');
  expect(second.status, 'POST /deploy while a deploy runs must answer 409').toBe(409);
  expect((await postRollback(controller)).status, 'POST /rollback while a deploy runs must answer 409').toBe(409);
  const done = await waitForDeployment(controller, '5.1.0', finalStates);
  expect(done.deployment?.state, 'the first deploy still completes').toBe('succeeded');
  expect(done.active?.version).toBe('5.1.0');
  await slow.stop();
  expect((await postDeploy(controller, '5.3.0')).status).toBe(202);
  await waitForDeployment(controller, '5.3.0', ['watching']);
  expect(
    (await postDeploy(controller, '5.4.0')).status,
    'POST /deploy while the previous deploy is in its watch window (state "watching") must answer 409',
  ).toBe(409);
  expect((await postRollback(controller)).status, 'POST /rollback during the watch window must answer 409').toBe(409);
  expect((await waitForDeployment(controller, '5.3.0', finalStates)).deployment?.state, 'the watched deploy completes').toBe('succeeded');
});
