-- 011_subscription_quantities.sql: what a subscription's quantity (and
-- unit cost) was on each day, so that the monthly invoice run prorates
-- changes within a month (core/invoice_run.h), and the recurring part of
-- each reseller's MRR kept as subscriptions change, for the reseller list.
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
-- * reseller_mrr: per reseller, the recurring part of its MRR as
--   core/mrr.h defines it, SUM(MRR_SQL_SUB) over its active
--   subscriptions: quantity x unit_price, annual ones
--   (quantity x unit_price + 6) DIV 12.  Kept by the triggers below in
--   the transaction of every insert, update or delete of a subscription,
--   whoever makes it (core, the seeds, a fixture, the mariadb client), so
--   the reseller list reads one row per reseller instead of summing
--   thousands of subscriptions (dataset L: 170,000 for the heaviest page).
--   A reseller without a row has 0.  The usage part stays in
--   usage_monthly_totals.  tests/test_mrr.c checks it against the
--   definition on the demo, a fixture and after core's changes.
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

CREATE TABLE reseller_mrr (
  reseller_id BIGINT UNSIGNED NOT NULL,
  amount      BIGINT          NOT NULL DEFAULT 0,
  PRIMARY KEY (reseller_id),
  CONSTRAINT fk_reseller_mrr_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO reseller_mrr (reseller_id, amount)
SELECT reseller_id, SUM(CASE billing_period WHEN 'monthly' THEN quantity * unit_price
                        WHEN 'annual' THEN (quantity * unit_price + 6) DIV 12 ELSE 0 END)
  FROM subscriptions WHERE status = 'active' GROUP BY reseller_id;

-- a row's part: IF(status = 'active', CASE billing_period ... END, 0) of OLD or NEW
CREATE TRIGGER trg_subscriptions_mrr_insert AFTER INSERT ON subscriptions FOR EACH ROW
  INSERT INTO reseller_mrr (reseller_id, amount)
  SELECT NEW.reseller_id, CASE NEW.billing_period WHEN 'monthly' THEN NEW.quantity * NEW.unit_price
                          WHEN 'annual' THEN (NEW.quantity * NEW.unit_price + 6) DIV 12 ELSE 0 END
    FROM DUAL WHERE NEW.status = 'active'
  ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount);

-- an update that changes the part: the old one out, the new one in (two
-- triggers, so a row that changed reseller moves its part too); others
-- (renewal dates, references, reminders) write nothing
CREATE TRIGGER trg_subscriptions_mrr_update_out AFTER UPDATE ON subscriptions FOR EACH ROW
  INSERT INTO reseller_mrr (reseller_id, amount)
  SELECT OLD.reseller_id, -(CASE OLD.billing_period WHEN 'monthly' THEN OLD.quantity * OLD.unit_price
                            WHEN 'annual' THEN (OLD.quantity * OLD.unit_price + 6) DIV 12 ELSE 0 END)
    FROM DUAL WHERE OLD.status = 'active'
     AND (NEW.status, NEW.quantity, NEW.unit_price, NEW.billing_period, NEW.reseller_id)
      <> (OLD.status, OLD.quantity, OLD.unit_price, OLD.billing_period, OLD.reseller_id)
  ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount);

CREATE TRIGGER trg_subscriptions_mrr_update_in AFTER UPDATE ON subscriptions FOR EACH ROW FOLLOWS trg_subscriptions_mrr_update_out
  INSERT INTO reseller_mrr (reseller_id, amount)
  SELECT NEW.reseller_id, CASE NEW.billing_period WHEN 'monthly' THEN NEW.quantity * NEW.unit_price
                          WHEN 'annual' THEN (NEW.quantity * NEW.unit_price + 6) DIV 12 ELSE 0 END
    FROM DUAL WHERE NEW.status = 'active'
     AND (NEW.status, NEW.quantity, NEW.unit_price, NEW.billing_period, NEW.reseller_id)
      <> (OLD.status, OLD.quantity, OLD.unit_price, OLD.billing_period, OLD.reseller_id)
  ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount);

CREATE TRIGGER trg_subscriptions_mrr_delete AFTER DELETE ON subscriptions FOR EACH ROW
  INSERT INTO reseller_mrr (reseller_id, amount)
  SELECT OLD.reseller_id, -(CASE OLD.billing_period WHEN 'monthly' THEN OLD.quantity * OLD.unit_price
                            WHEN 'annual' THEN (OLD.quantity * OLD.unit_price + 6) DIV 12 ELSE 0 END)
    FROM DUAL WHERE OLD.status = 'active'
  ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount);
