-- 014_api.sql: the Marketplace API (issue 16): bearer tokens, scopes,
-- idempotent order creation, each credential's rate, and the indexes of
-- its lists.  (The token buckets themselves live in each shelf-fcgi
-- worker's memory, core/apirate.h.)
--
-- * api_clients.scopes: what a credential may do, one "resource:read" or
--   "resource:write" per element, chosen in the TUI.  Credentials made
--   before this migration keep every scope they could use then.
-- * api_tokens: a bearer token of a credential, stored as the SHA-256 of
--   the token (hex); valid until expires_at.  Revoking the credential
--   refuses its tokens at once: every check joins api_clients.
-- * api_idempotency: one row per (reseller, Idempotency-Key) of POST
--   /orders: the SHA-256 of the request body, 'in_flight' while the first
--   request runs, then the status and body of its answer, replayed for the
--   same key and body.
ALTER TABLE api_clients
  ADD COLUMN scopes SET('customers:read','customers:write','orders:read','orders:write',
    'subscriptions:read','subscriptions:write','invoices:read','products:read','products:write')
    NOT NULL DEFAULT 'customers:read,customers:write,orders:read,orders:write,subscriptions:read,subscriptions:write,invoices:read,products:read,products:write'
    AFTER name,
  ADD COLUMN rate_burst INT NULL AFTER scopes,
  ADD COLUMN rate_per_sec INT NULL AFTER rate_burst,
  ADD CONSTRAINT chk_api_clients_rate CHECK ((rate_burst IS NULL OR rate_burst > 0) AND (rate_per_sec IS NULL OR rate_per_sec > 0));

CREATE TABLE api_tokens (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  api_client_id BIGINT UNSIGNED NOT NULL,
  reseller_id   BIGINT UNSIGNED NOT NULL,
  token_hash    CHAR(64)        NOT NULL,
  created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at    DATETIME        NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_api_tokens_hash (token_hash),
  KEY ix_api_tokens_client (api_client_id, expires_at),
  KEY ix_api_tokens_expires (expires_at),
  CONSTRAINT fk_api_tokens_client   FOREIGN KEY (api_client_id) REFERENCES api_clients (id),
  CONSTRAINT fk_api_tokens_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_api_tokens_hash    CHECK (token_hash REGEXP '^(?-i)[0-9a-f]{64}$')
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

CREATE TABLE api_idempotency (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id   BIGINT UNSIGNED NOT NULL,
  idem_key      VARCHAR(255)    NOT NULL,
  request_hash  CHAR(64)        NOT NULL,
  state         ENUM('in_flight','done') NOT NULL DEFAULT 'in_flight',
  status        INT             NULL,
  response      MEDIUMTEXT      NULL,
  created_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at    DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_api_idempotency_key (reseller_id, idem_key),
  KEY ix_api_idempotency_created (created_at),
  CONSTRAINT fk_api_idempotency_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The API's lists walk a reseller's rows in id order (the cursor is the
-- last id), filtered by status, customer and created/updated times:
-- (reseller_id, id) for the walk where the schema has none yet, and
-- (reseller_id, updated_at, id) for the "changed since" polls of a sync.
ALTER TABLE customers ADD KEY ix_customers_api_updated (reseller_id, updated_at, id);
ALTER TABLE orders ADD KEY ix_orders_api (reseller_id, id),
  ADD KEY ix_orders_api_updated (reseller_id, updated_at, id);
ALTER TABLE subscriptions ADD KEY ix_subscriptions_api_updated (reseller_id, updated_at, id);
ALTER TABLE invoices ADD KEY ix_invoices_api (reseller_id, id);
ALTER TABLE storefront_users ADD KEY ix_storefront_users_api (reseller_id, customer_id, id);
