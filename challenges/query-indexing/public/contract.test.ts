// Public tests (run them with `npx bch test query-indexing <your folder>`): the HTTP contract's shape on
// a few requests. The hidden checks compare every answer with the contract on many more, and measure
// the queries' cost.
import { expect, test } from 'vitest';
import { ServiceInstance } from '../../../harness/testkit/index.ts';
import { emailsOf } from '../fixtures/data-cases.ts';
import { withGradeDatabase } from '../fixtures/grade-database.ts';
import { requestJson } from '../fixtures/http-json.ts';
import { activityOfRequests, expectNoSequentialScans } from '../fixtures/request-activity.ts';

test('orders of a customer: newest first, at most `limit`', async () => {
  const service = await ServiceInstance.start();
  const { status, body } = await requestJson(
    service.url,
    '/customers/1/orders?status=paid&from=2022-01-01T00:00:00Z&to=2023-01-01T00:00:00Z&limit=5',
  );
  expect(status).toBe(200);
  const orders = (body as { orders: { id: number; status: string; createdAt: string }[] }).orders;
  expect(orders).toHaveLength(5);
  for (const order of orders) expect(order).toMatchObject({ id: expect.any(Number), status: 'paid', createdAt: expect.any(String) });
  const times = orders.map((o) => Date.parse(o.createdAt));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
});

test('a customer by e-mail, whatever the letter case; 404 when unknown', async () => {
  const service = await ServiceInstance.start();
  const { customer } = (await requestJson(service.url, '/customers/1/dashboard')).body as { customer: { email: string } };
  const first = await requestJson(service.url, `/customers/by-email/${encodeURIComponent(customer.email.toUpperCase())}`);
  expect(first.status).toBe(200);
  expect(first.body).toEqual({ id: 1, email: customer.email, name: expect.any(String) });
  expect((await requestJson(service.url, '/customers/by-email/nobody%40example.com')).status).toBe(404);
});

test('product search, top products, dashboard and events answer in the documented shapes', async () => {
  const service = await ServiceInstance.start();
  const search = await requestJson(service.url, '/products/search?prefix=Amber&limit=3');
  expect(search.body).toMatchObject({ products: expect.any(Array) });
  const top = await requestJson(service.url, '/products/top?from=2022-05-05T00:00:00Z&to=2022-05-06T00:00:00Z&limit=3');
  expect(top.body).toMatchObject({
    products: [
      { productId: expect.any(Number), revenueCents: expect.any(Number), unitsSold: expect.any(Number) },
      expect.anything(),
      expect.anything(),
    ],
  });
  const dashboard = await requestJson(service.url, '/customers/1/dashboard');
  expect(dashboard.body).toMatchObject({ customer: { id: 1 }, recentOrders: expect.any(Array) });
  expect((dashboard.body as { recentOrders: unknown[] }).recentOrders).toHaveLength(10);
  const event = await requestJson(service.url, '/events', {
    method: 'POST',
    body: { customerId: 1, type: 'view', payload: { page: 'home' } },
  });
  expect(event.status).toBe(201);
});

test('plans: a lookup by e-mail in another letter case scans no large table sequentially (one of the plan checks)', async () => {
  const [email] = await withGradeDatabase((db) => emailsOf(db, [42]));
  const activity = await activityOfRequests([`/customers/by-email/${encodeURIComponent(email.toUpperCase())}`]);
  expectNoSequentialScans(activity, 'GET /customers/by-email/:email');
});
