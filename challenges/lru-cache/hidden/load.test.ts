// Hidden load check: three instances, skewed popularity (a few products get most requests), a slow upstream.
import { check, runLoad } from '../../../harness/testkit/index.ts';
import { startFleet } from '../fixtures/cache-fleet.ts';
import { skewedIds } from '../fixtures/skewed-ids.ts';

check('load-skewed', async ({ loadDurationSeconds, expectThresholds }) => {
  const { upstream, instances } = await startFleet(3, { CACHE_CAPACITY: '1000', CACHE_TTL_MS: '60000' });
  upstream.latencyMs = 20;
  const nextId = skewedIds({ products: 200, seed: 42 });
  const load = (durationSeconds: number) =>
    runLoad({
      urls: instances.map((instance) => instance.url),
      connections: 12,
      durationSeconds,
      nextPath: () => `/products/p-load-${nextId()}`,
    });
  await load(1); // warm-up, not measured: JIT and first misses
  const metrics = await load(loadDurationSeconds);
  expectThresholds({ ...metrics, upstream_requests: upstream.totalGets() });
});
