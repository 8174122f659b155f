-- 011_subscription_quantities.sql: what a subscription's quantity (and
-- unit cost) was on each day, so that the monthly invoice run prorates
-- changes within a month (core/invoice_run.h), and a covering index for
-- the reseller list's MRR.
--
-- * subscription_quantities: one row per change, effective_from the first
--   day the quantity and unit cost apply; a row holds until the next
--   row's day.  Two changes on one day leave one row (the later one).
--   Writers: the insert trigger below (every new subscription, whoever
--   inserts it: order completion, seeds, fixtures), and core in the
--   transaction of the change: an increase applied (today), a scheduled
--   decrease applied at renewal (the renewal day), a trial converted
--   (today, the new start).  The first row of a subscription is from its
--   start_date; rows are never updated by anything but a same-day change.
-- * ix_subscriptions_mrr: the reseller list's MRR sums quantity x price
--   of a reseller's active subscriptions (core/mrr.h); with every column
--   the sum reads in the index, it never visits the rows.
CREATE TABLE subscription_quantities (
  subscription_id BIGINT UNSIGNED NOT NULL,
  effective_from  DATE            NOT NULL,
  quantity        INT             NOT NULL,
  unit_cost       BIGINT          NOT NULL,
  created_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (subscription_id, effective_from),
  CONSTRAINT fk_subscription_quantities_sub FOREIGN KEY (subscription_id) REFERENCES subscriptions (id)
    ON DELETE CASCADE,
  CONSTRAINT chk_subscription_quantities CHECK (quantity > 0 AND unit_cost >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO subscription_quantities (subscription_id, effective_from, quantity, unit_cost)
SELECT id, start_date, quantity, unit_cost FROM subscriptions;

CREATE TRIGGER trg_subscriptions_quantity_start AFTER INSERT ON subscriptions FOR EACH ROW
  INSERT INTO subscription_quantities (subscription_id, effective_from, quantity, unit_cost)
  VALUES (NEW.id, NEW.start_date, NEW.quantity, NEW.unit_cost);

ALTER TABLE subscriptions
  ADD KEY ix_subscriptions_mrr (reseller_id, status, billing_period, quantity, unit_price);
