// Hidden latency check. Each endpoint is loaded
// in turn with typical requests, as is the harness's baseline service (a primary-key lookup on the same
// stack, data and machine, at the same moment). With the same number of connections, the throughput ratio
// baseline / endpoint is the ratio of their mean latencies: how many primary-key lookups one request costs.
import { check, runLoad, ServiceInstance, waitUntilNoClients } from '../../../harness/testkit/index.ts';
import { emailsOf } from '../fixtures/data-cases.ts';
import { startBaselineService } from '../fixtures/baseline-service.ts';
import { gradeDatabaseUrl, withGradeDatabase } from '../fixtures/grade-database.ts';

const connections = 4;

/** A cycling choice from a list. */
function cycle(paths: string[]): () => string {
  let next = 0;
  return () => paths[next++ % paths.length];
}

check('latency', async ({ loadDurationSeconds, expectThresholds }) => {
  const emails = await withGradeDatabase((db) =>
    emailsOf(
      db,
      Array.from({ length: 40 }, (_, i) => 1 + ((i * 48_271) % 199_999)),
    ),
  );
  const [service, baseline] = await Promise.all([ServiceInstance.start(), startBaselineService()]);
  const endpoints: Record<string, string[]> = {
    orders: Array.from(
      { length: 60 },
      (_, i) =>
        `/customers/${100_000 + ((i * 7_919) % 99_999)}/orders?status=${i % 2 ? 'paid' : 'shipped'}&from=2021-01-01T00:00:00Z&to=2025-01-01T00:00:00Z&limit=20`,
    ),
    email: emails.map((e) => `/customers/by-email/${encodeURIComponent(e)}`),
    search: [
      'Amber Drill',
      'Bold Oven',
      'Calm Jar',
      'Dusky Oven 0',
      'Eager Rake',
      'Fancy Rake 1',
      'Golden Vase',
      'Hardy Vase',
      'Ivory Mixer',
      'Jolly Mixer 0',
      'Keen Ladle',
      'Lunar Quilt',
    ].map((p) => `/products/search?prefix=${encodeURIComponent(p)}&limit=20`),
    // Three-hour periods: a typical dashboard tile (the plan check covers whole days).
    top_products: Array.from({ length: 30 }, (_, i) => {
      const from = new Date(Date.UTC(2022, 0, 1) + i * 29 * 86_400_000 + (i % 8) * 3 * 3_600_000);
      return `/products/top?from=${from.toISOString()}&to=${new Date(from.getTime() + 3 * 3_600_000).toISOString()}&limit=10`;
    }),
  };
  const load = (url: string, paths: () => string, durationSeconds: number) =>
    runLoad({ urls: [url], connections, durationSeconds, nextPath: paths, timeoutSeconds: 2 });
  const baselinePath = cycle(Array.from({ length: 200 }, (_, i) => `/orders/${1 + ((i * 104_729) % 2_000_000)}`));
  await load(baseline.url, baselinePath, 1); // warm-up, not measured
  const reference = await load(baseline.url, baselinePath, loadDurationSeconds);
  const metrics: Record<string, number> = { baseline_rps: reference.rps, errors: reference.errors, non2xx: reference.non2xx };
  for (const [name, paths] of Object.entries(endpoints)) {
    const measured = await load(service.url, cycle(paths), loadDurationSeconds);
    metrics[`${name}_rps`] = measured.rps;
    metrics[`${name}_slowdown`] = reference.rps / Math.max(measured.rps, 0.01);
    metrics.errors += measured.errors;
    metrics.non2xx += measured.non2xx;
  }
  // A slow service leaves queries running after its requests timed out: let them end before the next check.
  await Promise.all([service.stop(), baseline.stop()]);
  await waitUntilNoClients(gradeDatabaseUrl(), 60_000);
  expectThresholds(metrics);
});
