-- 016_webhooks.sql: the Marketplace API's webhooks (issue 16 section 7).
--
-- * webhook_endpoints: a reseller's receiver of events.  url is where the
--   worker POSTs (https; plain http to a loopback address only where the
--   configuration allows it, core/webhook.h); secret is the Standard
--   Webhooks signing secret, "whsec_" and the base64 of 24 random bytes,
--   kept readable because the worker signs with it (shown once at
--   creation and on an explicit rotate or show); events is the set of
--   event types sent to it.  enabled = 0 with disabled_reason and
--   disabled_at: switched off by its reseller, or by the worker after
--   failures (the consecutive failed attempts, 0 after any success)
--   reached webhook_disable_after.
-- * webhook_deliveries: one row per attempt, the endpoint's delivery log:
--   the message id (msg_..., the same on every retry of one event), its
--   event type, the attempt number, the HTTP status (NULL when none came)
--   or the error, and how long it took.
-- * api_clients.scopes gains webhooks:read and webhooks:write at the end
--   (the SET's numeric value is core/apitoken.h's mask, bit by bit), and
--   new credentials get them by default; credentials made before keep
--   the scopes they had.
CREATE TABLE webhook_endpoints (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id     BIGINT UNSIGNED NOT NULL,
  url             VARCHAR(2000)   NOT NULL,
  description     VARCHAR(200)    NOT NULL DEFAULT '',
  secret          VARCHAR(64)     NOT NULL,
  events          SET('order.created','order.status_changed','subscription.changed','invoice.issued',
                      'customer.created') NOT NULL,
  enabled         TINYINT(1)      NOT NULL DEFAULT 1,
  disabled_reason VARCHAR(500)    NULL,
  disabled_at     DATETIME        NULL,
  failures        INT             NOT NULL DEFAULT 0,
  created_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY ix_webhook_endpoints_reseller (reseller_id, id),
  CONSTRAINT fk_webhook_endpoints_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_webhook_endpoints_enabled CHECK (enabled IN (0, 1)),
  CONSTRAINT chk_webhook_endpoints_secret  CHECK (secret LIKE 'whsec\_%'),
  CONSTRAINT chk_webhook_endpoints_events  CHECK (events <> ''),
  CONSTRAINT chk_webhook_endpoints_failures CHECK (failures >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE webhook_deliveries (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  endpoint_id  BIGINT UNSIGNED NOT NULL,
  reseller_id  BIGINT UNSIGNED NOT NULL,
  outbox_id    BIGINT UNSIGNED NULL,
  msg_id       VARCHAR(64)     NOT NULL,
  event_type   VARCHAR(40)     NOT NULL,
  attempt      INT             NOT NULL,
  http_status  INT             NULL,
  error        VARCHAR(500)    NULL,
  duration_ms  INT             NOT NULL DEFAULT 0,
  created_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY ix_webhook_deliveries_endpoint (endpoint_id, id),
  KEY ix_webhook_deliveries_reseller (reseller_id, id),
  KEY ix_webhook_deliveries_msg (msg_id),
  CONSTRAINT fk_webhook_deliveries_endpoint FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id)
    ON DELETE CASCADE,
  CONSTRAINT fk_webhook_deliveries_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_webhook_deliveries_attempt CHECK (attempt >= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE api_clients
  MODIFY COLUMN scopes SET('customers:read','customers:write','orders:read','orders:write',
    'subscriptions:read','subscriptions:write','invoices:read','products:read','products:write',
    'webhooks:read','webhooks:write')
    NOT NULL DEFAULT 'customers:read,customers:write,orders:read,orders:write,subscriptions:read,subscriptions:write,invoices:read,products:read,products:write,webhooks:read,webhooks:write';
