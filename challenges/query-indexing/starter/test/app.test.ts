// Your own tests: an example. It calls the app in-process with supertest; a request the app refuses before any
// query needs no database (the pool connects only when asked). It runs with vitest (`npm run test:own` in the
// kit). Write your own beside it, with a Postgres of your own for the queries (`npx bch dev query-indexing`
// gives one): they are part of your submission, and the interviewer reads them (what you chose to test, and
// how); this challenge does not score them.
import pg from 'pg';
import request from 'supertest';
import { afterAll, expect, test } from 'vitest';
import { createApp } from '../src/app.ts';

const pool = new pg.Pool({ connectionString: 'postgres://app@postgres.test:5432/none' });
afterAll(() => pool.end());

test('a search prefix with other characters than letters, digits and spaces answers 400 with the reason', async () => {
  const response = await request(createApp(pool)).get('/products/search').query({ prefix: "a'; drop table products; --" });
  expect(response.status).toBe(400);
  expect(response.body).toEqual({ error: 'prefix must be 1 to 50 letters, digits or spaces' });
});
