// The orders API, apart from listening, so that tests can call it in-process (test/app.test.ts, with
// supertest). It returns the right answers, slowly: make it fast with migrations (indexes) and better queries,
// keeping every response exactly as it is.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type pg from 'pg';
import { BadRequest, decodeCursor, encodeCursor, limit, oneOf, positiveId, timestamp } from './http-input.ts';

const statuses = ['pending', 'paid', 'shipped', 'cancelled', 'refunded'] as const;
const day = 24 * 60 * 60 * 1000;

/** The express app, answering from the database `pool` reaches. */
export function createApp(pool: pg.Pool): Express {
  const app = express();
  app.use(express.json());

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });

  // A customer's orders in one status and a time range [from, to), newest first, ties by id descending.
  app.get('/customers/:id/orders', async (req, res) => {
    const customerId = positiveId(req.params.id, 'id');
    const status = oneOf(req.query.status, 'status', statuses);
    const from = timestamp(req.query.from, 'from');
    const to = timestamp(req.query.to, 'to');
    const n = limit(req.query.limit, 20, 100);
    const { rows } = await pool.query(
      `SELECT id, status, created_at FROM orders
        WHERE customer_id = $1 AND status = $2 AND created_at >= $3 AND created_at < $4
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [customerId, status, from, to, n],
    );
    res.json({ orders: rows.map((r) => ({ id: Number(r.id), status: r.status, createdAt: r.created_at.toISOString() })) });
  });

  // A customer by e-mail address, whatever the letter case of the address asked for.
  app.get('/customers/by-email/:email', async (req, res) => {
    const { rows } = await pool.query('SELECT id, email, name FROM customers WHERE lower(email) = lower($1)', [req.params.email]);
    if (rows.length === 0) {
      res.status(404).json({ error: 'no customer with this e-mail address' });
      return;
    }
    res.json({ id: Number(rows[0].id), email: rows[0].email, name: rows[0].name });
  });

  // Products whose name starts with a prefix (case-sensitive), by name then id.
  app.get('/products/search', async (req, res) => {
    const prefix = req.query.prefix;
    if (typeof prefix !== 'string' || !/^[A-Za-z0-9 ]{1,50}$/.test(prefix)) throw new BadRequest('prefix must be 1 to 50 letters, digits or spaces');
    const n = limit(req.query.limit, 20, 100);
    const { rows } = await pool.query(
      `SELECT id, name, price_cents FROM products WHERE substr(name, 1, length($1)) = $1 ORDER BY name, id LIMIT $2`,
      [prefix, n],
    );
    res.json({ products: rows.map((r) => ({ id: Number(r.id), name: r.name, priceCents: r.price_cents })) });
  });

  // Best-selling products by revenue over [from, to) (paid and shipped orders), at most 7 days.
  app.get('/products/top', async (req, res) => {
    const from = timestamp(req.query.from, 'from');
    const to = timestamp(req.query.to, 'to');
    if (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > 7 * day) throw new BadRequest('the period [from, to) must be non-empty and at most 7 days');
    const n = limit(req.query.limit, 10, 50);
    const { rows } = await pool.query(
      `SELECT i.product_id, sum(i.quantity * i.unit_price_cents)::bigint AS revenue, sum(i.quantity)::bigint AS units
         FROM order_items i JOIN orders o ON o.id = i.order_id
        WHERE date_trunc('minute', o.created_at) >= $1 AND date_trunc('minute', o.created_at) < $2 AND o.status IN ('paid', 'shipped')
        GROUP BY i.product_id
        ORDER BY revenue DESC, i.product_id
        LIMIT $3`,
      [from, to, n],
    );
    res.json({ products: rows.map((r) => ({ productId: Number(r.product_id), revenueCents: Number(r.revenue), unitsSold: Number(r.units) })) });
  });

  // A customer with their 10 most recent orders (newest first, ties by id descending), each with its item count and total.
  app.get('/customers/:id/dashboard', async (req, res) => {
    const customerId = positiveId(req.params.id, 'id');
    const customer = await pool.query('SELECT id, email, name FROM customers WHERE id = $1', [customerId]);
    if (customer.rows.length === 0) {
      res.status(404).json({ error: 'no such customer' });
      return;
    }
    const orders = await pool.query('SELECT id, status, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT 10', [customerId]);
    const recentOrders = [];
    for (const order of orders.rows) {
      const items = await pool.query('SELECT count(*)::int AS n, coalesce(sum(quantity * unit_price_cents), 0)::bigint AS total FROM order_items WHERE order_id = $1', [order.id]);
      recentOrders.push({ id: Number(order.id), status: order.status, createdAt: order.created_at.toISOString(), itemCount: items.rows[0].n, totalCents: Number(items.rows[0].total) });
    }
    const c = customer.rows[0];
    res.json({ customer: { id: Number(c.id), email: c.email, name: c.name }, recentOrders });
  });

  // All orders, newest first (ties by id descending), a page at a time: pass a page's nextCursor as
  // `cursor` to get the next page; nextCursor is null on the last page.
  app.get('/orders', async (req, res) => {
    const n = limit(req.query.limit, 50, 100);
    const offset = req.query.cursor === undefined ? 0 : Number(decodeCursor(req.query.cursor).offset);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new BadRequest('cursor is not one this service returned');
    const { rows } = await pool.query('SELECT id, customer_id, status, created_at FROM orders ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2', [n, offset]);
    res.json({
      orders: rows.map((r) => ({ id: Number(r.id), customerId: Number(r.customer_id), status: r.status, createdAt: r.created_at.toISOString() })),
      nextCursor: rows.length < n ? null : encodeCursor({ offset: offset + n }),
    });
  });

  // Records an event; the events table takes a steady stream of these.
  app.post('/events', async (req, res) => {
    const body = req.body as { customerId?: unknown; type?: unknown; payload?: unknown } | undefined;
    const customerId = positiveId(String(body?.customerId ?? ''), 'customerId');
    if (typeof body?.type !== 'string' || body.type.length === 0 || body.type.length > 50) throw new BadRequest('type must be a string of 1 to 50 characters');
    const payload = body.payload ?? {};
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new BadRequest('payload must be a JSON object');
    const { rows } = await pool.query('INSERT INTO events (customer_id, type, payload) VALUES ($1, $2, $3) RETURNING id', [customerId, body.type, payload]);
    res.status(201).json({ id: Number(rows[0].id) });
  });

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof BadRequest) {
      res.status(400).json({ error: error.message });
      return;
    }
    console.error(error);
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}
