// Hidden checks of what the controller leaves running, and of its own restart.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { check } from '../../../harness/testkit/index.ts';
import type { AppRegistry } from '../fixtures/app-registry.ts';
import {
  call,
  deployAndSettle,
  finalStates,
  getStatus,
  postDeploy,
  postRollback,
  startController,
  waitForDeployment,
} from '../fixtures/deploy-controller-client.ts';

/** Waits up to 3 s for the live app processes to be exactly `versions`. */
async function expectAlive(registry: AppRegistry, versions: string[], when: string): Promise<void> {
  const deadline = Date.now() + 3000;
  let alive = registry
    .alive()
    .map((app) => app.version)
    .sort();
  while (JSON.stringify(alive) !== JSON.stringify([...versions].sort()) && Date.now() < deadline) {
    await sleep(50);
    alive = registry
      .alive()
      .map((app) => app.version)
      .sort();
  }
  expect(
    alive,
    `${when}: the app processes still running (by version) must be exactly [${versions.join(', ')}] within 3 s; stop the old color after draining, and a version that failed to start`,
  ).toEqual([...versions].sort());
}

check('old-stopped', async () => {
  const { registry, controller } = await startController({ READY_TIMEOUT_MS: '1500' });
  await deployAndSettle(controller, '11.0.0');
  await deployAndSettle(controller, '11.1.0');
  await expectAlive(registry, ['11.1.0'], 'after the deploy of 11.1.0');
  expect((await postRollback(controller)).status).toBe(202);
  expect((await waitForDeployment(controller, '11.0.0', finalStates)).deployment?.state).toBe('succeeded');
  await expectAlive(registry, ['11.0.0'], 'after the rollback to 11.0.0');
  registry.setBehaviour('11.2.0', 'never-ready');
  expect((await postDeploy(controller, '11.2.0')).status).toBe(202);
  expect((await waitForDeployment(controller, '11.2.0', finalStates)).deployment?.state).toBe('failed');
  await expectAlive(registry, ['11.0.0'], 'after the failed deploy of 11.2.0 (never ready)');
  const before = await getStatus(controller);
  const after = await deployAndSettle(controller, '11.3.0');
  expect(
    after.active?.color,
    `the deploy of 11.3.0 after a failed one starts on the idle color: 11.0.0 was active on ${before.active?.color}`,
  ).not.toBe(before.active?.color);
  await expectAlive(registry, ['11.3.0'], 'after the deploy of 11.3.0');
});

check('restart-resumes', async () => {
  const { registry, controller } = await startController();
  await deployAndSettle(controller, '12.0.0');
  const before = await deployAndSettle(controller, '12.1.0');
  controller.kill('SIGKILL');
  await controller.exited;
  expect(
    registry.alive('12.1.0').length,
    'the active app must keep running when the controller dies (start it in its own process group)',
  ).toBe(1);
  await controller.restart();
  const answer = await call(controller.url, 'GET', '/after-restart', undefined, 2000);
  expect(
    [answer.status, answer.version],
    'the first request after the restarted controller is ready (GET /health) must be served by 12.1.0',
  ).toEqual([200, '12.1.0']);
  const after = await getStatus(controller);
  expect(after.active, 'GET /status after the restart: the same color and version as before (kept in Redis)').toMatchObject({
    color: before.active?.color,
    version: '12.1.0',
  });
  expect(after.previousVersion, 'previousVersion after the restart').toBe('12.0.0');
  await deployAndSettle(controller, '12.2.0');
  await expectAlive(
    registry,
    ['12.2.0'],
    'after a deploy by the restarted controller (it must stop the app it adopted, 12.1.0, like any old color)',
  );
  // A second restart, now that the app a restarted controller started is the one to adopt: each start needs a port
  // no running app holds, whatever the controller remembers of the ports it handed out before it died.
  controller.kill('SIGKILL');
  await controller.exited;
  await controller.restart();
  // A 1.5 s request in flight on 12.2.0 keeps it listening while 12.3.0 starts, so a port handed out twice shows.
  const inFlight = call(controller.url, 'GET', '/slow?ms=1500', undefined, 10_000);
  await sleep(100);
  const third = await deployAndSettle(controller, '12.3.0');
  await inFlight; // its answer is the drain checks' business
  expect(
    [third.active?.version, third.deployment?.state],
    'a deploy of 12.3.0 after a second restart (the new app needs a port of its own: 12.2.0 still holds one)',
  ).toEqual(['12.3.0', 'succeeded']);
  const served = await call(controller.url, 'GET', '/after-second-restart', undefined, 2000);
  expect([served.status, served.version], 'the request after that deploy is served by 12.3.0').toEqual([200, '12.3.0']);
  await expectAlive(registry, ['12.3.0'], 'after the deploy of 12.3.0 by the twice-restarted controller');
});
