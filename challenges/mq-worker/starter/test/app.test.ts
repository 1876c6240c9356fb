// Your own tests: an example. It calls the worker's HTTP interface in-process with supertest, without RabbitMQ or
// Postgres, and runs with vitest (`npm run test:own` in the kit). Write your own beside it (the message handling
// is the part worth testing): they are part of your submission, and the interviewer reads them (what you chose to
// test, and how); this challenge does not score them.
import request from 'supertest';
import { expect, test } from 'vitest';
import { createApp } from '../src/app.ts';

test('GET /metrics reports the counters as the worker updates them', async () => {
  const metrics = { processed: 0, retried: 0, deadLettered: 0 };
  const app = createApp(metrics);
  metrics.processed = 3;
  const response = await request(app).get('/metrics');
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ processed: 3, retried: 0, deadLettered: 0 });
});
