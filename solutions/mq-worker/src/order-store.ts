// Orders in Postgres. The primary key on order_id is the inbox: an order is recorded once, whatever
// the number of deliveries.
import pg from 'pg';
import type { OrderPlaced } from './order-message.ts';
import type { Charge } from './payment-client.ts';

export class OrderStore {
  readonly #pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.#pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  }

  /** Creates the table if it is missing (safe to run from several workers at once). */
  async migrate(): Promise<void> {
    await this.#pool.query(`CREATE TABLE IF NOT EXISTS orders (
      order_id text PRIMARY KEY,
      customer_id text NOT NULL,
      amount_cents integer NOT NULL,
      currency text NOT NULL,
      payment_status text NOT NULL,
      charge_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now()
    )`).catch(async (error: { code?: string }) => {
      if (error.code !== '23505' && error.code !== '42P07') throw error; // a concurrent CREATE won
    });
  }

  async has(orderId: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query('SELECT 1 FROM orders WHERE order_id = $1', [orderId]);
    return (rowCount ?? 0) > 0;
  }

  /** Records the order and its payment; false when it was already recorded. */
  async record(order: OrderPlaced, charge: Charge): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      `INSERT INTO orders (order_id, customer_id, amount_cents, currency, payment_status, charge_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id) DO NOTHING`,
      [order.orderId, order.customerId, order.amountCents, order.currency, charge.status, charge.chargeId],
    );
    return (rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
