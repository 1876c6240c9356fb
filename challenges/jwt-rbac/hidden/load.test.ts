// Hidden load check: a viewer reads one article over and over with its access token (verification, deny-list and
// user lookup on every request).
import { check, runLoad } from '../../../harness/testkit/index.ts';
import { startApi } from '../fixtures/start-api.ts';

check('load-authenticated-read', async ({ loadDurationSeconds, expectThresholds }) => {
  const api = await startApi('load-authenticated-read');
  const article = await api.createArticle(await api.admin());
  const { session } = await api.signedIn('load-reader');
  const load = (durationSeconds: number) =>
    runLoad({
      urls: [api.instance.url],
      connections: 8,
      durationSeconds,
      nextPath: () => `/articles/${article}`,
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
  await load(1); // warm-up, not measured: JIT, connection pools
  expectThresholds(await load(loadDurationSeconds));
});
