// Your own tests: an example. It calls the app in-process with supertest, without Redis or the upstream, and
// runs with vitest (`npm run test:own` in the kit). Write your own beside it: they are part of your submission,
// and the interviewer reads them (what you chose to test, and how); this challenge does not score them.
import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

// Placeholder addresses (the .test domain never resolves): the app connects nowhere in this test.
const config = loadConfig({
  PORT: '3000',
  REDIS_URL: 'redis://redis.test:6379/0',
  REDIS_KEY_PREFIX: 'test:',
  UPSTREAM_URL: 'http://127.0.0.1:9',
  CACHE_CAPACITY: '3',
  CACHE_TTL_MS: '30000',
  STALE_GRACE_MS: '30000',
  UPSTREAM_TIMEOUT_MS: '1000',
  INSTANCE_ID: 'test',
});

test('an unknown route answers 404 with a JSON error', async () => {
  const response = await request(createApp(config)).get('/no-such-route');
  expect(response.status).toBe(404);
  expect(response.body).toEqual({ error: 'no such route' });
});
