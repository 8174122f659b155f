-- 018_signin.sql: a version of each customer's data, for the customer
-- area of the storefront (issue 18).
--
-- customer_versions: per customer, a number that goes up in the
-- transaction of every change to what the customer's signed-in pages
-- show: its orders (and their lines), subscriptions (and their
-- Microsoft 365 assignments and vendor tasks), one-time purchases,
-- usage rollups, storefront users and the customer row itself.  Kept by
-- the triggers below, whoever writes (core, the worker, the seeds, a
-- fixture, the mariadb client), so no writer can forget it.  A customer
-- without a row is at version 0; the first change makes the row.
--
-- Readers: the session check (core/session.c) reads it with the
-- session, and shelf-fcgi keeps what a page of the customer area read
-- keyed by customer + this version (fcgi/acache.h), so a change shows on
-- the next request.  What the pages also show of the catalog (a
-- product's name) is covered by the storefront's version, and dates
-- (renewals due, this month's usage) by the day, both in the same keys.
CREATE TABLE customer_versions (
  reseller_id BIGINT UNSIGNED NOT NULL,
  customer_id BIGINT UNSIGNED NOT NULL,
  version     BIGINT UNSIGNED NOT NULL DEFAULT 1,
  PRIMARY KEY (reseller_id, customer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- orders
CREATE TRIGGER trg_orders_cv_insert AFTER INSERT ON orders FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_orders_cv_update AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_orders_cv_delete AFTER DELETE ON orders FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (OLD.reseller_id, OLD.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;

-- subscriptions
CREATE TRIGGER trg_subscriptions_cv_insert AFTER INSERT ON subscriptions FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_subscriptions_cv_update AFTER UPDATE ON subscriptions FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_subscriptions_cv_delete AFTER DELETE ON subscriptions FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (OLD.reseller_id, OLD.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;

-- assets
CREATE TRIGGER trg_assets_cv_insert AFTER INSERT ON assets FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_assets_cv_update AFTER UPDATE ON assets FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_assets_cv_delete AFTER DELETE ON assets FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (OLD.reseller_id, OLD.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;

-- usage_monthly
CREATE TRIGGER trg_usage_monthly_cv_insert AFTER INSERT ON usage_monthly FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_usage_monthly_cv_update AFTER UPDATE ON usage_monthly FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_usage_monthly_cv_delete AFTER DELETE ON usage_monthly FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (OLD.reseller_id, OLD.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;

-- fulfilments
CREATE TRIGGER trg_fulfilments_cv_insert AFTER INSERT ON fulfilments FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_fulfilments_cv_update AFTER UPDATE ON fulfilments FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_fulfilments_cv_delete AFTER DELETE ON fulfilments FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (OLD.reseller_id, OLD.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;

-- storefront_users
CREATE TRIGGER trg_storefront_users_cv_insert AFTER INSERT ON storefront_users FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_storefront_users_cv_update AFTER UPDATE ON storefront_users FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_storefront_users_cv_delete AFTER DELETE ON storefront_users FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (OLD.reseller_id, OLD.customer_id)
  ON DUPLICATE KEY UPDATE version = version + 1;

-- customers
CREATE TRIGGER trg_customers_cv_insert AFTER INSERT ON customers FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_customers_cv_update AFTER UPDATE ON customers FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (NEW.reseller_id, NEW.id)
  ON DUPLICATE KEY UPDATE version = version + 1;
CREATE TRIGGER trg_customers_cv_delete AFTER DELETE ON customers FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id) VALUES (OLD.reseller_id, OLD.id)
  ON DUPLICATE KEY UPDATE version = version + 1;

-- order_lines: of the customer of its order row
CREATE TRIGGER trg_order_lines_cv_insert AFTER INSERT ON order_lines FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id)
  SELECT reseller_id, customer_id FROM orders WHERE id = NEW.order_id
  ON DUPLICATE KEY UPDATE version = customer_versions.version + 1;
CREATE TRIGGER trg_order_lines_cv_update AFTER UPDATE ON order_lines FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id)
  SELECT reseller_id, customer_id FROM orders WHERE id = NEW.order_id
  ON DUPLICATE KEY UPDATE version = customer_versions.version + 1;
CREATE TRIGGER trg_order_lines_cv_delete AFTER DELETE ON order_lines FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id)
  SELECT reseller_id, customer_id FROM orders WHERE id = OLD.order_id
  ON DUPLICATE KEY UPDATE version = customer_versions.version + 1;

-- m365_assignments: of the customer of its subscription row
CREATE TRIGGER trg_m365_assignments_cv_insert AFTER INSERT ON m365_assignments FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id)
  SELECT reseller_id, customer_id FROM subscriptions WHERE id = NEW.subscription_id
  ON DUPLICATE KEY UPDATE version = customer_versions.version + 1;
CREATE TRIGGER trg_m365_assignments_cv_update AFTER UPDATE ON m365_assignments FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id)
  SELECT reseller_id, customer_id FROM subscriptions WHERE id = NEW.subscription_id
  ON DUPLICATE KEY UPDATE version = customer_versions.version + 1;
CREATE TRIGGER trg_m365_assignments_cv_delete AFTER DELETE ON m365_assignments FOR EACH ROW
  INSERT INTO customer_versions (reseller_id, customer_id)
  SELECT reseller_id, customer_id FROM subscriptions WHERE id = OLD.subscription_id
  ON DUPLICATE KEY UPDATE version = customer_versions.version + 1;
