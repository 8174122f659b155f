-- 003_order_customer_reference.sql: the customer's own reference for an
-- order ("Your reference" at checkout: a purchase order number, a cost
-- centre), next to orders.customer_note (the checkout's "Notes").  Both
-- are the customer's words: shown back on the order page and to the
-- reseller, never interpreted.  NULL when the customer gave none.
ALTER TABLE orders ADD COLUMN customer_reference VARCHAR(64) NULL AFTER order_token;
