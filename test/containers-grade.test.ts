// The main job as a newcomer runs it: the containers provider, end to end, and nothing left behind.
import { expect, test } from 'vitest';
import { labelledContainers } from './support/labelled-containers.ts';
import { runBch } from './support/run-bch.ts';

test('the reference solution scores 100 with services in containers, which are removed afterwards', async () => {
  const before = (await labelledContainers()).length;
  const run = await runBch(['grade', 'lru-cache', 'solutions/lru-cache', '--services', 'containers', '--quick'], { timeoutMs: 5 * 60_000 });
  expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
  expect(run.reports[0]).toMatchObject({ status: 'pass', score: 100, max_score: 100 });
  expect(run.stdout).toContain('containers: redis');
  expect((await labelledContainers()).length).toBe(before);
}, 300_000);
