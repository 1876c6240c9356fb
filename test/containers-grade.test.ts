// The main job as a newcomer runs it: the containers provider, end to end, and nothing left behind.
import { expect, test } from 'vitest';
import { managedLabel } from '../harness/services/container-provider.ts';
import { runBch } from './support/run-bch.ts';

async function labelledContainers(): Promise<number> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  return (await client.container.list()).filter((c) => c.Labels?.[managedLabel] === 'true').length;
}

test('the reference solution scores 100 with services in containers, which are removed afterwards', async () => {
  const before = await labelledContainers();
  const run = await runBch(['grade', 'lru-cache', 'solutions/lru-cache', '--services', 'containers', '--quick'], { timeoutMs: 5 * 60_000 });
  expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
  expect(run.reports[0]).toMatchObject({ status: 'pass', score: 100, max_score: 100 });
  expect(run.stdout).toContain('containers: redis');
  expect(await labelledContainers()).toBe(before);
}, 300_000);
