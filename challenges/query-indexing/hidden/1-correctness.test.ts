// Hidden correctness checks: every endpoint answers exactly what a plain SQL query answers on the same
// data, for many parameter values (empty results, ties, letter cases, last pages, bad input).
import { expect } from 'vitest';
import { check, ServiceInstance } from '../../../harness/testkit/index.ts';
import {
  boundaryOrder,
  caseVariants,
  customersWithoutOrders,
  emailsOf,
  hotCustomers,
  tiedOrders,
  typicalCustomers,
} from '../fixtures/data-cases.ts';
import {
  expectedCustomerByEmail,
  expectedDashboard,
  expectedOrders,
  expectedSearch,
  expectedTopProducts,
} from '../fixtures/expected-answers.ts';
import { withGradeDatabase } from '../fixtures/grade-database.ts';
import { requestJson } from '../fixtures/http-json.ts';

async function expectAnswer(service: ServiceInstance, path: string, status: number, body?: unknown) {
  const response = await requestJson(service.url, path);
  expect(response.status, `GET ${path}: status`).toBe(status);
  if (body !== undefined)
    expect(response.body, `GET ${path}: the answer must equal the contract's (same rows, same order, same fields)`).toEqual(body);
}

const ordersPath = (q: { customerId: number; status: string; from: string; to: string; limit: number }) =>
  `/customers/${q.customerId}/orders?status=${q.status}&from=${encodeURIComponent(q.from)}&to=${encodeURIComponent(q.to)}&limit=${q.limit}`;

check('orders-correct', async () => {
  const service = await ServiceInstance.start();
  await withGradeDatabase(async (db) => {
    const [empty] = await customersWithoutOrders(db, 1);
    const tie = await tiedOrders(db);
    const tieFrom = tie.createdAt.toISOString();
    const tieTo = new Date(tie.createdAt.getTime() + 60_000).toISOString();
    const edge = await boundaryOrder(db);
    const edgeAt = edge.createdAt.toISOString();
    const week = 7 * 24 * 60 * 60 * 1000;
    const cases = [
      { customerId: hotCustomers[0], status: 'paid', from: '2022-01-01T00:00:00Z', to: '2023-01-01T00:00:00Z', limit: 20 },
      { customerId: hotCustomers[1], status: 'cancelled', from: '2021-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z', limit: 100 },
      { customerId: hotCustomers[2], status: 'refunded', from: '2023-06-01T00:00:00Z', to: '2023-09-01T00:00:00Z', limit: 50 },
      { customerId: hotCustomers[3], status: 'shipped', from: '2024-03-15T12:30:00Z', to: '2024-04-15T08:00:00Z', limit: 5 },
      { customerId: typicalCustomers[0], status: 'paid', from: '2021-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z', limit: 20 },
      { customerId: empty, status: 'paid', from: '2021-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z', limit: 20 },
      { customerId: hotCustomers[0], status: 'paid', from: '2022-01-01T00:00:00Z', to: '2022-01-01T00:00:00Z', limit: 20 },
      { ...tie, from: tieFrom, to: tieTo, limit: 1 },
      { ...tie, from: tieFrom, to: tieTo, limit: 10 },
      { ...edge, from: new Date(edge.createdAt.getTime() - week).toISOString(), to: edgeAt, limit: 100 }, // an order at exactly `to` is excluded
      { ...edge, from: edgeAt, to: new Date(edge.createdAt.getTime() + week).toISOString(), limit: 100 }, // one at exactly `from` is included
    ];
    for (const q of cases) await expectAnswer(service, ordersPath(q), 200, await expectedOrders(db, q));
  });
  await expectAnswer(service, '/customers/1/orders?status=lost&from=2022-01-01T00:00:00Z&to=2023-01-01T00:00:00Z', 400);
});

check('email-correct', async () => {
  const service = await ServiceInstance.start();
  await withGradeDatabase(async (db) => {
    const emails = await emailsOf(db, [1, 777, 123_456, 199_999]);
    for (const email of emails) {
      for (const asked of [email, ...caseVariants(email)]) {
        await expectAnswer(service, `/customers/by-email/${encodeURIComponent(asked)}`, 200, await expectedCustomerByEmail(db, asked));
      }
    }
  });
  await expectAnswer(service, `/customers/by-email/${encodeURIComponent('nobody.here@example.com')}`, 404);
});

check('search-correct', async () => {
  const service = await ServiceInstance.start();
  await withGradeDatabase(async (db) => {
    const cases: [string, number][] = [
      ['Amber', 20],
      ['Amber Ket', 100],
      ['B', 20],
      ['Zesty Wrench 19', 100],
      ['Olive Jar 00', 3],
      ['Lunar Vase 1999', 20],
      ['zesty', 20],
      ['Nothing Like This', 20],
      ['W', 1],
    ];
    for (const [prefix, limit] of cases) {
      await expectAnswer(
        service,
        `/products/search?prefix=${encodeURIComponent(prefix)}&limit=${limit}`,
        200,
        await expectedSearch(db, prefix, limit),
      );
    }
  });
  await expectAnswer(service, '/products/search?prefix=', 400);
});

check('top-products-correct', async () => {
  const service = await ServiceInstance.start();
  await withGradeDatabase(async (db) => {
    const cases: [string, string, number][] = [
      ['2022-05-05T00:00:00Z', '2022-05-06T00:00:00Z', 10],
      ['2023-11-20T10:30:30Z', '2023-11-22T07:15:00Z', 50],
      ['2024-12-31T12:00:00Z', '2025-01-03T00:00:00Z', 5],
      ['2019-01-01T00:00:00Z', '2019-01-05T00:00:00Z', 10],
    ];
    for (const [from, to, limit] of cases) {
      await expectAnswer(
        service,
        `/products/top?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=${limit}`,
        200,
        await expectedTopProducts(db, from, to, limit),
      );
    }
  });
  await expectAnswer(service, '/products/top?from=2022-01-01T00:00:00Z&to=2022-03-01T00:00:00Z', 400);
});

check('dashboard-correct', async () => {
  const service = await ServiceInstance.start();
  await withGradeDatabase(async (db) => {
    const ids = [hotCustomers[0], 42, ...typicalCustomers.slice(0, 3), ...(await customersWithoutOrders(db, 1))];
    for (const id of ids) await expectAnswer(service, `/customers/${id}/dashboard`, 200, await expectedDashboard(db, id));
  });
  await expectAnswer(service, '/customers/987654321/dashboard', 404);
});

check('listing-correct', async () => {
  const service = await ServiceInstance.start();
  const walk = async (limit: number, pages: number) => {
    const rows: unknown[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < pages; page += 1) {
      const path = `/orders?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await requestJson(service.url, path);
      expect(response.status, `GET ${path}: status`).toBe(200);
      const body = response.body as { orders?: unknown[]; nextCursor?: unknown };
      expect(body.orders, `GET ${path}: a full page of ${limit} orders`).toHaveLength(limit);
      expect(typeof body.nextCursor, `GET ${path}: nextCursor of a page that is not the last is a string`).toBe('string');
      rows.push(...(body.orders ?? []));
      cursor = body.nextCursor as string;
    }
    return rows;
  };
  const expected = await withGradeDatabase(async (db) =>
    (await db.query('SELECT id, customer_id, status, created_at FROM orders ORDER BY created_at DESC, id DESC LIMIT 500')).rows.map(
      (r) => ({
        id: Number(r.id),
        customerId: Number(r.customer_id),
        status: r.status,
        createdAt: r.created_at.toISOString(),
      }),
    ),
  );
  expect(
    await walk(100, 5),
    'GET /orders?limit=100, 5 pages following nextCursor: every order once, newest first, equal timestamps by id descending',
  ).toEqual(expected);
  expect(await walk(7, 10), 'GET /orders?limit=7, 10 pages following nextCursor').toEqual(expected.slice(0, 70));
  await expectAnswer(service, '/orders?cursor=not-a-cursor', 400);
});

check('defaults-and-limits', async () => {
  const service = await ServiceInstance.start();
  const rowsOf = async (path: string, field: string) => {
    const response = await requestJson(service.url, path);
    expect(response.status, `GET ${path}: status`).toBe(200);
    return ((response.body as Record<string, unknown[]>)?.[field] ?? []).length;
  };
  expect(
    await rowsOf(`/customers/${hotCustomers[0]}/orders?status=paid&from=2021-01-01T00:00:00Z&to=2025-01-01T00:00:00Z`, 'orders'),
    "a customer's orders without limit: 20 (the default)",
  ).toBe(20);
  expect(await rowsOf('/products/search?prefix=A', 'products'), 'the product search without limit: 20 (the default)').toBe(20);
  expect(
    await rowsOf('/products/top?from=2022-05-05T00:00:00Z&to=2022-05-12T00:00:00Z', 'products'),
    'top products over exactly 7 days (allowed), without limit: 10 (the default)',
  ).toBe(10);
  expect(await rowsOf('/orders', 'orders'), 'GET /orders without limit: 50 (the default)').toBe(50);
  await expectAnswer(service, `/products/search?prefix=${'A'.repeat(50)}`, 200);
  await expectAnswer(service, `/products/search?prefix=${'A'.repeat(51)}`, 400);
  await expectAnswer(service, '/products/top?from=2022-05-05T00:00:00Z&to=2022-05-12T00:01:00Z', 400);
  // status, from and to are required: a missing one is a bad parameter, not "the whole history".
  await expectAnswer(service, `/customers/${hotCustomers[0]}/orders?status=paid&to=2025-01-01T00:00:00Z`, 400);
  await expectAnswer(service, `/customers/${hotCustomers[0]}/orders?status=paid&from=2021-01-01T00:00:00Z`, 400);
  await expectAnswer(service, `/customers/${hotCustomers[0]}/orders?from=2021-01-01T00:00:00Z&to=2025-01-01T00:00:00Z`, 400);
  const arrayPayload = await requestJson(service.url, '/events', {
    method: 'POST',
    body: { customerId: 4242, type: 'checkout', payload: [1, 2] },
  });
  expect(arrayPayload.status, 'POST /events with an array as payload (it must be a JSON object)').toBe(400);
});

check('events-insert', async () => {
  const service = await ServiceInstance.start();
  const event = { customerId: 4242, type: 'checkout', payload: { cart: 'c-17', items: 3 } };
  const created = await requestJson(service.url, '/events', { method: 'POST', body: event });
  expect(created.status, 'POST /events of a valid event').toBe(201);
  const id = (created.body as { id?: unknown })?.id;
  expect(typeof id, 'POST /events answers { id: <number> }').toBe('number');
  const stored = await withGradeDatabase(
    async (db) => (await db.query('SELECT customer_id, type, payload FROM events WHERE id = $1', [id])).rows,
  );
  expect(stored, `the event with id ${id} is stored as sent`).toEqual([{ customer_id: '4242', type: 'checkout', payload: event.payload }]);
  expect(
    (await requestJson(service.url, '/events', { method: 'POST', body: { type: 'x' } })).status,
    'POST /events without customerId',
  ).toBe(400);
});
