// Your own tests: an example. It calls the controller in-process with supertest, without Redis or any color
// running, and runs with vitest (`npm run test:own` in the kit). Write your own beside it: they are part of your
// submission, and the interviewer reads them (what you chose to test, and how); this challenge does not score
// them.
import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

// Placeholder addresses (the .test domain never resolves): the app connects nowhere in this test.
const config = loadConfig({
  PORT: '3000',
  REDIS_URL: 'redis://redis.test:6379/0',
  REDIS_KEY_PREFIX: 'test:',
  APP_COMMAND: JSON.stringify(['node', 'app/server.js']),
});

test('before any deploy, a request for the application answers 503', async () => {
  const response = await request(createApp(config)).get('/orders/1');
  expect(response.status).toBe(503);
});
