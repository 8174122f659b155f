-- 002_dashboard_indexes.sql: covering indexes for the reseller dashboard
-- and the MRR columns of the reseller and customer lists.
--
-- The dashboard sums quantity x unit_cost over a reseller's active
-- subscriptions, MRR sums quantity x unit_price, both with this month's
-- usage.  With these columns in the index, a reseller with 100,000
-- subscriptions is summed from the index alone instead of one row lookup
-- per subscription.
ALTER TABLE subscriptions DROP KEY ix_subscriptions_status,
  ADD KEY ix_subscriptions_status (reseller_id, status, product_id, billing_period, quantity, unit_cost, unit_price);

ALTER TABLE usage_records ADD KEY ix_usage_records_cost (reseller_id, usage_date, cost);
