// Hidden plan checks: what the queries the service runs cost the database, read from Postgres's own
// statistics while the service serves a series of requests (see fixtures/request-activity.ts). An index
// that serves the WHERE and the ORDER BY reads about `limit` entries; a sequential scan or an unindexed
// sort reads every candidate row.
import { expect } from 'vitest';
import { check, gradeContext, ServiceInstance } from '../../../harness/testkit/index.ts';
import { emailsOf, caseVariants, hotCustomers } from '../fixtures/data-cases.ts';
import { gradeDatabaseUrl, withGradeDatabase } from '../fixtures/grade-database.ts';
import { StatementCounter } from '../fixtures/statement-counter.ts';
import {
  activityOfRequests,
  activityOfService,
  expectNoSequentialScans,
  getBelow500,
  rowsRead,
  type RequestActivity,
} from '../fixtures/request-activity.ts';

function expectRowsWithin(activity: RequestActivity, table: string, perRequest: number, what: string, hint: string) {
  const read = rowsRead(activity, table);
  expect(
    read,
    `${what}: ${activity.requests} requests read ${read.toLocaleString('en-US')} rows of ${table} (${Math.round(read / activity.requests).toLocaleString('en-US')} per request); the budget is ${perRequest} per request. ${hint}`,
  ).toBeLessThanOrEqual(perRequest * activity.requests);
}

check('orders-plan', async () => {
  const limit = 20;
  const paths = hotCustomers.flatMap((id) =>
    ['paid', 'cancelled', 'pending'].map(
      (status) => `/customers/${id}/orders?status=${status}&from=2022-01-01T00:00:00Z&to=2024-01-01T00:00:00Z&limit=${limit}`,
    ),
  );
  const activity = await activityOfRequests(paths);
  const what = 'GET /customers/:id/orders for customers with thousands of orders';
  expectNoSequentialScans(activity, what);
  expectRowsWithin(
    activity,
    'orders',
    3 * limit + 5,
    what,
    "An index whose columns follow the equality conditions and then the ORDER BY lets LIMIT stop after `limit` entries; an index that leaves the sort (or the range) to a filter reads all of the customer's orders.",
  );
});

check('email-plan', async () => {
  const emails = await withGradeDatabase((db) => emailsOf(db, [3, 5_000, 77_777, 190_000]));
  const paths = emails.flatMap((email) => [email, caseVariants(email)[2]]).map((e) => `/customers/by-email/${encodeURIComponent(e)}`);
  const activity = await activityOfRequests(paths);
  const what = 'GET /customers/by-email/:email in various letter cases';
  expectNoSequentialScans(activity, what);
  expectRowsWithin(
    activity,
    'customers',
    2,
    what,
    'A lookup whatever the letter case needs an index on the same case-folding expression the query compares.',
  );
});

check('search-plan', async () => {
  const limit = 20;
  const paths = ['Amber', 'Bold Kettle', 'Quick', 'Tidy Oven 1', 'Zesty', 'M'].map(
    (p) => `/products/search?prefix=${encodeURIComponent(p)}&limit=${limit}`,
  );
  const activity = await activityOfRequests(paths);
  const what = 'GET /products/search';
  expectNoSequentialScans(activity, what);
  expectRowsWithin(
    activity,
    'products',
    2 * limit + 5,
    what,
    "A prefix condition the planner can turn into an index range, on an index in the result's order, reads about `limit` entries.",
  );
});

check('top-products-plan', async () => {
  const periods = [
    ['2022-02-14T00:00:00Z', '2022-02-15T00:00:00Z'],
    ['2023-07-01T06:00:00Z', '2023-07-02T06:00:00Z'],
    ['2024-10-09T00:00:00Z', '2024-10-10T12:00:00Z'],
  ];
  // What the period's rows are: its orders (any status) and their items; an indexed plan reads about these.
  const inPeriods = await withGradeDatabase(async (db) => {
    let orders = 0;
    let items = 0;
    for (const [from, to] of periods) {
      const { rows } = await db.query(
        `SELECT count(DISTINCT o.id)::int AS orders, count(i.order_id)::int AS items FROM orders o LEFT JOIN order_items i ON i.order_id = o.id WHERE o.created_at >= $1 AND o.created_at < $2`,
        [from, to],
      );
      orders += rows[0].orders;
      items += rows[0].items;
    }
    return { orders, items };
  });
  const activity = await activityOfRequests(
    periods.map(([from, to]) => `/products/top?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=10`),
  );
  const what = 'GET /products/top over periods of one or two days';
  expectNoSequentialScans(activity, what);
  const hint =
    "Find the period's orders through an index on their timestamp (compared bare), and their items through an index on order_items.order_id.";
  expect(
    rowsRead(activity, 'orders'),
    `${what}: read ${rowsRead(activity, 'orders').toLocaleString('en-US')} rows of orders for the ${inPeriods.orders.toLocaleString('en-US')} orders of the periods; the budget is twice that. ${hint}`,
  ).toBeLessThanOrEqual(2 * inPeriods.orders + 100);
  expect(
    rowsRead(activity, 'order_items'),
    `${what}: read ${rowsRead(activity, 'order_items').toLocaleString('en-US')} rows of order_items for the ${inPeriods.items.toLocaleString('en-US')} items of those orders; the budget is twice that. ${hint}`,
  ).toBeLessThanOrEqual(2 * inPeriods.items + 100);
});

check('listing-plan', async () => {
  const limit = 100;
  const pages = 20;
  const activity = await activityOfService(async (baseUrl) => {
    let cursor: unknown;
    for (let page = 0; page < pages; page += 1) {
      const body = (await getBelow500(
        baseUrl,
        `/orders?limit=${limit}${typeof cursor === 'string' ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      )) as { nextCursor?: unknown } | undefined;
      cursor = body?.nextCursor;
      if (typeof cursor !== 'string') return page + 1;
    }
    return pages;
  });
  const what = `GET /orders, following nextCursor for ${activity.requests} pages of ${limit}`;
  expectNoSequentialScans(activity, what);
  expectRowsWithin(
    activity,
    'orders',
    2 * limit + 5,
    what,
    "A page deep in the listing must cost what the first page costs: continue from the last row's (created_at, id) through an index in the listing's order (keyset pagination), not by skipping rows with OFFSET, which reads every row before the page.",
  );
});

check('dashboard-queries', async () => {
  const paths = Array.from({ length: 10 }, (_, i) => `/customers/${20 + i}/dashboard`);
  const counter = await StatementCounter.start(gradeContext().env.DATABASE_URL ?? gradeDatabaseUrl());
  try {
    const service = await ServiceInstance.start({ label: 'service (statements counted)', env: { DATABASE_URL: counter.url } });
    await getBelow500(service.url, paths[0]); // warm-up: lazy connections and prepared statements are not counted
    const before = counter.statements;
    for (const path of paths) await getBelow500(service.url, path);
    const statements = counter.statements - before;
    await service.stop();
    const perRequest = statements / paths.length;
    expect(
      perRequest,
      `GET /customers/:id/dashboard sent ${statements} SQL statements for ${paths.length} requests (${perRequest.toFixed(1)} per request, BEGIN/COMMIT not counted, also inside a transaction); at most 3 per request are allowed, whatever the number of orders shown. Fetch the orders with their item counts and totals in one query (a join or LATERAL subquery), not one query per order`,
    ).toBeLessThanOrEqual(3);
  } finally {
    await counter.close();
  }
});
