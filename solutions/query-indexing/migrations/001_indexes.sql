-- One index per slow path, shaped like the query it serves (equality columns first, then the order).

-- A customer's orders in one status, newest first: the whole WHERE and ORDER BY in index order,
-- so LIMIT stops after `limit` entries.
CREATE INDEX orders_customer_status_created ON orders (customer_id, status, created_at DESC, id DESC);

-- The dashboard: a customer's most recent orders whatever their status.
CREATE INDEX orders_customer_created ON orders (customer_id, created_at DESC, id DESC);

-- Top products over a period: the orders of the period by range (their items come by primary key);
-- and the order listing, page after page, from the last row's (created_at, id) on, read backwards.
CREATE INDEX orders_created ON orders (created_at, id);

-- Case-insensitive e-mail lookup: the index holds the same expression the query compares.
CREATE INDEX customers_email_lower ON customers (lower(email));

-- Prefix search in byte order (the database's collation is "C"): a range scan that is already sorted.
CREATE INDEX products_name ON products (name, id);
