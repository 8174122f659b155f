-- 015_checkout_tokens.sql: checkout tokens the server issues (core/checkout.h).
--
-- The cart page of a signed-in buyer carries one; placing the order
-- deletes it in the order's transaction, so a token places at most one
-- order, only for the session it was issued to and only for the cart it
-- was issued for (cart_digest).  The order keeps it as orders.order_token:
-- the same form submitted twice answers with the same order.  A session's
-- tokens go with the session (ON DELETE CASCADE) and live
-- CHECKOUT_TOKEN_SECONDS.
CREATE TABLE checkout_tokens (
  token_hash  BINARY(32)      NOT NULL,
  session_id  BIGINT UNSIGNED NOT NULL,
  cart_digest BINARY(32)      NOT NULL,
  created_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (token_hash),
  KEY ix_checkout_tokens_session (session_id, created_at),
  CONSTRAINT fk_checkout_tokens_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
