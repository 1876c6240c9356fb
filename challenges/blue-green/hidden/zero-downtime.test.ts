// Hidden checks of availability while traffic moves: a deploy and a rollback under steady load, with slow
// requests in flight at the switch.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { check } from '../../../harness/testkit/index.ts';
import {
  deployAndSettle,
  finalStates,
  switchedStates,
  getStatus,
  postDeploy,
  postRollback,
  startController,
  waitForDeployment,
} from '../fixtures/deploy-controller-client.ts';
import { SteadyLoad, type SteadyLoadFigures } from '../fixtures/steady-load.ts';
import { describeFailures, slowStream, type Answer } from '../fixtures/traffic.ts';

const slowMs = 800;
const failed = (a: Answer) => a.status !== 200;

interface LoadRun {
  load: SteadyLoadFigures;
  slow: Answer[];
}

/**
 * Steady load on keep-alive connections and a stream of slow requests through the router while `change`
 * runs; the change starts 0.5 s into the load, and the load goes on for one second after it.
 */
async function underLoad(url: string, change: () => Promise<void>): Promise<LoadRun> {
  const load = SteadyLoad.start(url, { connections: 6, path: '/steady' });
  await sleep(500);
  const slow = slowStream(url, slowMs, 200);
  try {
    await change();
  } finally {
    await sleep(1000);
  }
  const slowAnswers = await slow.stop();
  return { load: await load.stop(), slow: slowAnswers };
}

function expectNoFailure(what: string, run: LoadRun): void {
  expect(run.load.errors, `${what}: socket errors or timeouts among ${run.load.requests} requests of the steady load (must be 0)`).toBe(0);
  expect(run.load.non2xx, `${what}: non-2xx answers among ${run.load.requests} requests of the steady load (must be 0)`).toBe(0);
  expect(
    run.slow.filter(failed).length,
    `${what}: slow requests (${slowMs / 1000} s) in flight at the switch must complete on the old color; failed: ${describeFailures(run.slow, failed)}`,
  ).toBe(0);
}

check('zero-downtime-deploy', async () => {
  const { controller } = await startController();
  await deployAndSettle(controller, '6.0.0');
  const run = await underLoad(controller.url, async () => {
    expect((await postDeploy(controller, '6.1.0')).status).toBe(202);
    await waitForDeployment(controller, '6.1.0', switchedStates);
  });
  expectNoFailure('deploy of 6.1.0', run);
  expect(
    run.slow.some((a) => a.version === '6.0.0'),
    'some slow requests were served by the old version (in flight at the switch)',
  ).toBe(true);
});

check('rollback-under-load', async () => {
  const { controller } = await startController();
  await deployAndSettle(controller, '7.0.0');
  await deployAndSettle(controller, '7.1.0');
  const run = await underLoad(controller.url, async () => {
    const accepted = await postRollback(controller);
    expect(accepted.status, 'POST /rollback with a previous version answers 202').toBe(202);
    const status = await waitForDeployment(controller, '7.0.0', finalStates);
    expect(status.deployment, 'the rollback').toMatchObject({ kind: 'rollback', version: '7.0.0', state: 'succeeded' });
  });
  expectNoFailure('rollback to 7.0.0', run);
  const status = await getStatus(controller);
  expect(status.active?.version, 'active version after the rollback').toBe('7.0.0');
  expect(status.previousVersion, 'previousVersion after the rollback is the version rolled back from').toBe('7.1.0');
});
