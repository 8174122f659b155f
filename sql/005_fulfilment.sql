-- 005_fulfilment.sql: what happens after the click.
--
-- A product names the connector that fulfils it:
--   manual  an operator of the distributor does it by hand, from the
--           fulfilment queue of the admin TUI, and records the vendor's
--           reference (or fails it with a reason);
--   keys    licence keys from a stock the distributor imports
--           (`shelf keys import`); each key goes to exactly one line;
--   http    a signed JSON POST to the distributor's fulfilment endpoint
--           (config fulfil_url / fulfil_secret).
-- The vendor names of before (microsoft, google, acronis) were the
-- vendor's API, reached through the distributor's endpoint: they become
-- http.  Widen, convert, then narrow, so no stored value is lost.
ALTER TABLE products
  MODIFY connector ENUM('microsoft','google','acronis','manual','keys','http') NOT NULL DEFAULT 'manual';
UPDATE products SET connector = 'http' WHERE connector IN ('microsoft','google','acronis');
ALTER TABLE products
  MODIFY connector ENUM('manual','keys','http') NOT NULL DEFAULT 'manual';

-- One unit of connector work: provisioning an order line, or telling the
-- vendor of a change to a subscription (quantity, cancellation, trial
-- conversion, a Microsoft 365 licence assigned or removed).
--   queued   due for the worker (keys, http) at next_attempt_at;
--   waiting  needs someone: a manual task in the operator's queue, or a
--            keys task whose stock ran out (an import queues it again);
--   done     the connector confirmed; vendor_ref is the vendor's id;
--   failed   for good; error says why.
-- The worker claims queued rows with FOR UPDATE SKIP LOCKED and a lease
-- (attempts counted, next_attempt_at moved ahead), like the outbox.
-- quantity is the line's quantity (provision) or the new quantity
-- (quantity change).  The subscription change itself is applied to our
-- records at once; the task says whether the vendor has it yet.
CREATE TABLE fulfilments (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id         BIGINT UNSIGNED NOT NULL,
  customer_id         BIGINT UNSIGNED NOT NULL,
  action              ENUM('provision','quantity','cancel','convert','assign','unassign') NOT NULL,
  connector           ENUM('manual','keys','http') NOT NULL,
  product_id          BIGINT UNSIGNED NOT NULL,
  order_line_id       BIGINT UNSIGNED NULL,
  subscription_id     BIGINT UNSIGNED NULL,
  m365_user_id        BIGINT UNSIGNED NULL,
  quantity            INT             NULL,
  status              ENUM('queued','waiting','done','failed') NOT NULL,
  attempts            INT             NOT NULL DEFAULT 0,
  next_attempt_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  vendor_ref          VARCHAR(128)    NULL,
  error               VARCHAR(500)    NULL,
  done_by_operator_id BIGINT UNSIGNED NULL,
  created_at          DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  done_at             DATETIME        NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_fulfilments_line (order_line_id),
  KEY ix_fulfilments_due (status, next_attempt_at),
  KEY ix_fulfilments_queue (status, connector, created_at),
  KEY ix_fulfilments_reseller (reseller_id, created_at),
  KEY ix_fulfilments_subscription (subscription_id, status),
  KEY ix_fulfilments_product (product_id, status),
  KEY ix_fulfilments_customer (reseller_id, customer_id),
  KEY ix_fulfilments_operator (done_by_operator_id),
  CONSTRAINT fk_fulfilments_customer     FOREIGN KEY (reseller_id, customer_id) REFERENCES customers (reseller_id, id),
  CONSTRAINT fk_fulfilments_product      FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT fk_fulfilments_line         FOREIGN KEY (order_line_id) REFERENCES order_lines (id),
  CONSTRAINT fk_fulfilments_subscription FOREIGN KEY (subscription_id) REFERENCES subscriptions (id),
  CONSTRAINT fk_fulfilments_operator     FOREIGN KEY (done_by_operator_id) REFERENCES operators (id),
  CONSTRAINT chk_fulfilments_target CHECK ((action = 'provision') = (order_line_id IS NOT NULL)
                                       AND (action = 'provision' OR subscription_id IS NOT NULL)),
  CONSTRAINT chk_fulfilments_user     CHECK ((action IN ('assign','unassign')) = (m365_user_id IS NOT NULL)),
  CONSTRAINT chk_fulfilments_quantity CHECK (quantity IS NULL OR quantity > 0),
  CONSTRAINT chk_fulfilments_attempts CHECK (attempts >= 0),
  CONSTRAINT chk_fulfilments_done     CHECK ((status IN ('done','failed')) = (done_at IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A licence key of a keys product, imported by the distributor.  Free
-- while order_line_id is NULL; given to exactly one order line (the
-- unique key on the value keeps a key from being imported twice).
CREATE TABLE licence_keys (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  product_id    BIGINT UNSIGNED NOT NULL,
  licence_key   VARCHAR(255)    NOT NULL,
  order_line_id BIGINT UNSIGNED NULL,
  imported_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  assigned_at   DATETIME        NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_licence_keys_value (product_id, licence_key),
  KEY ix_licence_keys_free (product_id, order_line_id, id),
  KEY ix_licence_keys_line (order_line_id),
  CONSTRAINT fk_licence_keys_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT fk_licence_keys_line    FOREIGN KEY (order_line_id) REFERENCES order_lines (id),
  CONSTRAINT chk_licence_keys_assigned CHECK ((order_line_id IS NULL) = (assigned_at IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The day a trial's "ends in 7 days" e-mail was queued: once a trial.
ALTER TABLE subscriptions ADD COLUMN trial_reminded_on DATE NULL AFTER trial_ends_on;
