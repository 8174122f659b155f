-- 004_billing_period_enum.sql: one billing period type.  products kept
-- ENUM('monthly','annual','one_time') while subscriptions had their own
-- ENUM('monthly','annual'); every billing_period column is now the same
-- ENUM as products (core/period.h names its values), and a subscription
-- still cannot be one-time: a one-time purchase becomes an asset.
-- Appending a value to an ENUM keeps every stored value: no row changes.
ALTER TABLE subscriptions
  MODIFY billing_period ENUM('monthly','annual','one_time') NOT NULL,
  ADD CONSTRAINT chk_subscriptions_recurring CHECK (billing_period <> 'one_time');
