// Hidden checks of availability while traffic moves: a deploy and a rollback under steady load, with slow
// requests in flight at the switch.
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import { check, runLoad, type LoadMetrics } from '../../../harness/testkit/index.ts';
import { deployAndSettle, finalStates, getStatus, postDeploy, postRollback, startController, waitForDeployment } from '../fixtures/deploy-controller-client.ts';
import { describeFailures, slowStream, type Answer } from '../fixtures/traffic.ts';

const loadSeconds = 7;
const failed = (a: Answer) => a.status !== 200;

/** Steady load and a stream of slow requests through the router while `change` runs (it starts after 1 s). */
async function underLoad(url: string, change: () => Promise<void>): Promise<{ load: LoadMetrics; slow: Answer[]; changeDoneMs: number }> {
  const started = Date.now();
  const loading = runLoad({ urls: [url], connections: 6, durationSeconds: loadSeconds, nextPath: () => '/steady' });
  await sleep(1000);
  const slow = slowStream(url, 1500, 250);
  await change();
  const changeDoneMs = Date.now() - started;
  const slowAnswers = await slow.stop();
  return { load: await loading, slow: slowAnswers, changeDoneMs };
}

function expectNoFailure(what: string, run: { load: LoadMetrics; slow: Answer[]; changeDoneMs: number }): void {
  expect(run.changeDoneMs, `${what} must complete while the ${loadSeconds} s load runs`).toBeLessThan(loadSeconds * 1000);
  expect(run.load.errors, `${what}: socket errors or timeouts among ${run.load.requests} requests of the steady load (must be 0)`).toBe(0);
  expect(run.load.non2xx, `${what}: non-2xx answers among ${run.load.requests} requests of the steady load (must be 0)`).toBe(0);
  expect(run.slow.filter(failed).length, `${what}: slow requests (1.5 s) in flight at the switch must complete on the old color; failed: ${describeFailures(run.slow, failed)}`).toBe(0);
}

check('zero-downtime-deploy', async () => {
  const { controller } = await startController();
  await deployAndSettle(controller, '6.0.0');
  const run = await underLoad(controller.url, async () => {
    expect((await postDeploy(controller, '6.1.0')).status).toBe(202);
    const status = await waitForDeployment(controller, '6.1.0', finalStates);
    expect(status.deployment?.state, 'the deploy of a healthy version').toBe('succeeded');
  });
  expectNoFailure('deploy of 6.1.0', run);
  expect(run.slow.some((a) => a.version === '6.0.0'), 'some slow requests were served by the old version (in flight at the switch)').toBe(true);
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
