// Hidden performance check: the router's p99 latency against the app's own, measured in the same time window
// (requests alternate between the two at a steady rate), so the ratio does not depend on the machine's speed.
// Three rounds, the best one counts: a pause of the shared machine only ever adds latency, a slow router is
// slow in every round. The app's own latency is that of a copy the harness starts (fixtures/baseline-app.ts):
// the port an app registers is the candidate's word (its controller can register a slow server of its own).
import { check } from '../../../harness/testkit/index.ts';
import { startBaselineApp } from '../fixtures/baseline-app.ts';
import { deployAndSettle, startController } from '../fixtures/deploy-controller-client.ts';
import { interleavedLatency } from '../fixtures/interleaved-latency.ts';

check('proxy-overhead', async ({ loadDurationSeconds, expectThresholds }) => {
  const { registry, controller } = await startController();
  await deployAndSettle(controller, '13.0.0');
  const appUrl = await startBaselineApp(registry, '13.0.0');
  const measure = (durationSeconds: number) =>
    interleavedLatency({ direct: appUrl, routed: controller.url, path: '/catalog', ratePerSecond: 250, durationSeconds });
  await measure(0.3); // warm-up, not measured
  const rounds: Awaited<ReturnType<typeof measure>>[] = [];
  for (let i = 0; i < 3; i += 1) rounds.push(await measure(loadDurationSeconds / 3));
  const ratio = (round: (typeof rounds)[number]) => round.routed.p99 / round.direct.p99;
  const { direct, routed } = rounds.reduce((best, round) => (ratio(round) < ratio(best) ? round : best));
  const all = (key: 'errors' | 'non2xx') => rounds.reduce((sum, round) => sum + round.routed[key], 0);
  expectThresholds({
    requests: routed.requests,
    p50: routed.p50,
    p99: routed.p99,
    direct_p50: direct.p50,
    direct_p99: direct.p99,
    overhead_ratio: routed.p99 / direct.p99,
    errors: all('errors'),
    non2xx: all('non2xx'),
  });
});
