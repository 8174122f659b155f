-- 019_cold.sql: which of a storefront's version bumps came from a change
-- that touches many storefronts at once (a product's price or text for
-- every shop listing it: core/catalog.c), so shelf-fcgi may keep serving
-- a public page of the version before such a change while it renders the
-- new one in the background (fcgi/stale.h).  wide_version is bumped in
-- the same statement as version by those changes only: between two
-- versions of a storefront, every bump was distributor-wide exactly when
-- both columns moved by the same amount.
ALTER TABLE storefronts ADD COLUMN wide_version BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER version;
