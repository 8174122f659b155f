-- 001_schema.sql: the Shelf data model (MariaDB 10.11, InnoDB, utf8mb4).
--
-- Conventions
--   * Every id is BIGINT UNSIGNED AUTO_INCREMENT.
--   * Money is BIGINT minor units (cents) in the currency of the account or
--     order it belongs to (CHAR(3) ISO-4217, upper case). Never FLOAT/DOUBLE.
--   * Markup is INT basis points: 1250 = 12.50 %. Price = cost +
--     round_half_up(cost * markup_bp / 10000), which for non-negative integers
--     is cost + (cost * markup_bp + 5000) DIV 10000.
--   * Times are UTC (core sets time_zone = '+00:00' on every connection).
--   * Tenant data carries reseller_id, and every index a list uses starts
--     with it. Child rows that name a customer or subscription reference it
--     through (reseller_id, id) so a row can never point into another tenant.
--   * Constraint names are chk_<table>_<what>, foreign keys fk_<table>_<what>,
--     so core can map error 4025 / 1452 / 1062 to a message.
--   * Deleting business rows is RESTRICTed (deactivate instead), only
--     dependent plumbing (sessions, resets, assignments, tags) CASCADEs.
--
-- Tables are created in dependency order. The schema_migrations bookkeeping
-- table belongs to the migrate command, not to this file.

-- A distributor: the top of the tree, owns the catalog and bills resellers.
CREATE TABLE distributors (
  id                     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  name                   VARCHAR(200)    NOT NULL,
  slug                   VARCHAR(63)     NOT NULL,
  currency               CHAR(3)         NOT NULL,
  email                  VARCHAR(254)    NOT NULL,
  storefront_base_domain VARCHAR(253)    NULL,
  created_at             DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_distributors_slug (slug),
  CONSTRAINT chk_distributors_slug     CHECK (slug REGEXP '^(?-i)[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
  CONSTRAINT chk_distributors_currency CHECK (currency REGEXP '^(?-i)[A-Z]{3}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A reseller: buys from one distributor, edition decides what it may do
-- (standard and professional have a storefront, self-service and API).
-- order_seq is the last order number handed out (core: SELECT ... FOR UPDATE,
-- then order_seq = order_seq + 1, number = CONCAT('SO-', LPAD(order_seq, 6, '0'))).
CREATE TABLE resellers (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  distributor_id BIGINT UNSIGNED NOT NULL,
  name           VARCHAR(200)    NOT NULL,
  email          VARCHAR(254)    NOT NULL,
  phone          VARCHAR(40)     NULL,
  address        VARCHAR(500)    NULL,
  country        CHAR(2)         NULL,
  tax_id         VARCHAR(32)     NULL,
  edition        ENUM('basic','standard','professional') NOT NULL DEFAULT 'basic',
  status         ENUM('active','suspended') NOT NULL DEFAULT 'active',
  currency       CHAR(3)         NOT NULL,
  credit_limit   BIGINT          NOT NULL DEFAULT 0,
  order_seq      BIGINT UNSIGNED NOT NULL DEFAULT 0,
  created_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY ix_resellers_edition (distributor_id, edition, name),
  KEY ix_resellers_name (distributor_id, name),
  KEY ix_resellers_email (distributor_id, email),
  CONSTRAINT fk_resellers_distributor FOREIGN KEY (distributor_id) REFERENCES distributors (id),
  CONSTRAINT chk_resellers_currency     CHECK (currency REGEXP '^(?-i)[A-Z]{3}$'),
  CONSTRAINT chk_resellers_country      CHECK (country IS NULL OR country REGEXP '^(?-i)[A-Z]{2}$'),
  CONSTRAINT chk_resellers_credit_limit CHECK (credit_limit >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An operator: a person using the TUI over SSH. login is the Unix account
-- name (or --operator NAME). A reseller_admin belongs to exactly one
-- reseller, distributor admins and support staff to none.
CREATE TABLE operators (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  login          VARCHAR(64)     NOT NULL,
  display_name   VARCHAR(200)    NOT NULL,
  email          VARCHAR(254)    NULL,
  role           ENUM('distributor_admin','reseller_admin','support') NOT NULL,
  distributor_id BIGINT UNSIGNED NOT NULL,
  reseller_id    BIGINT UNSIGNED NULL,
  active         TINYINT(1)      NOT NULL DEFAULT 1,
  created_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_operators_login (login),
  KEY ix_operators_distributor (distributor_id, role),
  KEY ix_operators_reseller (reseller_id),
  CONSTRAINT fk_operators_distributor FOREIGN KEY (distributor_id) REFERENCES distributors (id),
  CONSTRAINT fk_operators_reseller    FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_operators_role_reseller CHECK ((role = 'reseller_admin') = (reseller_id IS NOT NULL)),
  CONSTRAINT chk_operators_active        CHECK (active IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An edition change of a reseller (upgrade or downgrade): who, when, from, to.
-- operator_id is NULL when the system (or a migration) made the change.
CREATE TABLE edition_changes (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id  BIGINT UNSIGNED NOT NULL,
  from_edition ENUM('basic','standard','professional') NOT NULL,
  to_edition   ENUM('basic','standard','professional') NOT NULL,
  operator_id  BIGINT UNSIGNED NULL,
  changed_at   DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  note         VARCHAR(500)    NULL,
  PRIMARY KEY (id),
  KEY ix_edition_changes_reseller (reseller_id, changed_at),
  KEY ix_edition_changes_at (changed_at),
  KEY ix_edition_changes_operator (operator_id),
  CONSTRAINT fk_edition_changes_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT fk_edition_changes_operator FOREIGN KEY (operator_id) REFERENCES operators (id),
  CONSTRAINT chk_edition_changes_differ CHECK (from_edition <> to_edition)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A reseller’s storefront settings: URL, branding, homepage, contact page.
-- The row survives a downgrade, the storefront is online only while the
-- reseller’s edition is standard or professional. version is bumped on every
-- catalog, listing, markup or settings change and is part of cache keys.
-- sections is the homepage: a JSON array of objects, each with a "type"
-- (hero, featured_products, category_grid, text, image_text, logo_strip)
-- and that type’s fields.
CREATE TABLE storefronts (
  reseller_id          BIGINT UNSIGNED NOT NULL,
  slug                 VARCHAR(63)     NOT NULL,
  custom_domain        VARCHAR(253)    NULL,
  company_name         VARCHAR(200)    NOT NULL,
  analytics_id         VARCHAR(32)     NULL,
  theme                VARCHAR(32)     NOT NULL DEFAULT 'classic',
  skin                 VARCHAR(32)     NOT NULL DEFAULT 'parchment',
  logo_url             VARCHAR(500)    NULL,
  sections             JSON            NOT NULL DEFAULT '[]',
  meta_title           VARCHAR(200)    NULL,
  meta_description     VARCHAR(300)    NULL,
  contact_email        VARCHAR(254)    NULL,
  contact_phone        VARCHAR(40)     NULL,
  contact_address      VARCHAR(500)    NULL,
  contact_intro        TEXT            NULL,
  contact_form_enabled TINYINT(1)      NOT NULL DEFAULT 1,
  version              BIGINT UNSIGNED NOT NULL DEFAULT 1,
  created_at           DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at           DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (reseller_id),
  UNIQUE KEY uq_storefronts_slug (slug),
  UNIQUE KEY uq_storefronts_custom_domain (custom_domain),
  CONSTRAINT fk_storefronts_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_storefronts_slug CHECK (slug REGEXP '^(?-i)[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
  CONSTRAINT chk_storefronts_custom_domain CHECK (custom_domain IS NULL OR
      custom_domain REGEXP '^(?-i)([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,63}$'),
  CONSTRAINT chk_storefronts_analytics CHECK (analytics_id IS NULL OR analytics_id REGEXP '^(?-i)G-[A-Z0-9]+$'),
  CONSTRAINT chk_storefronts_theme CHECK (theme REGEXP '^(?-i)[a-z0-9_-]+$'),
  CONSTRAINT chk_storefronts_skin  CHECK (skin REGEXP '^(?-i)[a-z0-9_-]+$'),
  CONSTRAINT chk_storefronts_sections CHECK (JSON_VALID(sections) AND JSON_TYPE(sections) = 'ARRAY'),
  CONSTRAINT chk_storefronts_contact_form CHECK (contact_form_enabled IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A storefront slug a reseller used before a rename: /old-slug/... answers
-- 301 to the current slug. A slug is either live or a redirect, never both
-- (core checks storefronts.slug before inserting here and deletes the
-- redirect when a reseller takes its old slug back).
CREATE TABLE storefront_slug_redirects (
  old_slug    VARCHAR(63)     NOT NULL,
  reseller_id BIGINT UNSIGNED NOT NULL,
  created_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (old_slug),
  KEY ix_storefront_slug_redirects_reseller (reseller_id),
  CONSTRAINT fk_storefront_slug_redirects_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A category (tag) of the distributor’s catalog.
CREATE TABLE categories (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  distributor_id BIGINT UNSIGNED NOT NULL,
  name           VARCHAR(100)    NOT NULL,
  slug           VARCHAR(100)    NOT NULL,
  position       INT             NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_categories_slug (distributor_id, slug),
  KEY ix_categories_position (distributor_id, position, name),
  CONSTRAINT fk_categories_distributor FOREIGN KEY (distributor_id) REFERENCES distributors (id),
  CONSTRAINT chk_categories_slug CHECK (slug REGEXP '^(?-i)[a-z0-9]([a-z0-9-]*[a-z0-9])?$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A product of the distributor’s catalog with its unit cost to resellers.
-- type: license (per-seat subscription), usage (pay-as-you-go plan such as
-- Azure), software (perpetual or term software), service (professional
-- services). connector picks the provisioning back end of the worker.
CREATE TABLE products (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  distributor_id    BIGINT UNSIGNED NOT NULL,
  sku               VARCHAR(64)     NOT NULL,
  name              VARCHAR(200)    NOT NULL,
  slug              VARCHAR(200)    NOT NULL,
  manufacturer      VARCHAR(64)     NOT NULL,
  type              ENUM('license','usage','software','service') NOT NULL,
  billing_period    ENUM('monthly','annual','one_time') NOT NULL,
  unit_cost         BIGINT          NOT NULL,
  currency          CHAR(3)         NOT NULL,
  unit_label        VARCHAR(32)     NOT NULL DEFAULT 'licence',
  min_quantity      INT             NOT NULL DEFAULT 1,
  max_quantity      INT             NULL,
  trial_days        INT             NULL,
  short_description VARCHAR(300)    NULL,
  description       TEXT            NULL,
  image_url         VARCHAR(500)    NULL,
  connector         ENUM('microsoft','google','acronis','manual') NOT NULL DEFAULT 'manual',
  active            TINYINT(1)      NOT NULL DEFAULT 1,
  created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_products_slug (distributor_id, slug),
  UNIQUE KEY uq_products_sku (distributor_id, sku),
  KEY ix_products_name (distributor_id, name),
  KEY ix_products_manufacturer (distributor_id, manufacturer, name),
  KEY ix_products_type (distributor_id, type, name),
  CONSTRAINT fk_products_distributor FOREIGN KEY (distributor_id) REFERENCES distributors (id),
  CONSTRAINT chk_products_slug      CHECK (slug REGEXP '^(?-i)[a-z0-9]([a-z0-9-]*[a-z0-9])?$'),
  CONSTRAINT chk_products_unit_cost CHECK (unit_cost >= 0),
  CONSTRAINT chk_products_currency  CHECK (currency REGEXP '^(?-i)[A-Z]{3}$'),
  CONSTRAINT chk_products_trial     CHECK (trial_days IS NULL OR trial_days > 0),
  CONSTRAINT chk_products_trial_recurring CHECK (trial_days IS NULL OR billing_period <> 'one_time'),
  CONSTRAINT chk_products_quantity  CHECK (min_quantity > 0 AND (max_quantity IS NULL OR max_quantity >= min_quantity)),
  CONSTRAINT chk_products_active    CHECK (active IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A product slug used before a rename: answers 301 to the product’s page.
CREATE TABLE product_slug_redirects (
  distributor_id BIGINT UNSIGNED NOT NULL,
  old_slug       VARCHAR(200)    NOT NULL,
  product_id     BIGINT UNSIGNED NOT NULL,
  created_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (distributor_id, old_slug),
  KEY ix_product_slug_redirects_product (product_id),
  CONSTRAINT fk_product_slug_redirects_distributor FOREIGN KEY (distributor_id) REFERENCES distributors (id),
  CONSTRAINT fk_product_slug_redirects_product FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A product’s membership of a category (a product has zero or more tags).
CREATE TABLE product_categories (
  product_id  BIGINT UNSIGNED NOT NULL,
  category_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (product_id, category_id),
  KEY ix_product_categories_category (category_id, product_id),
  CONSTRAINT fk_product_categories_product  FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE CASCADE,
  CONSTRAINT fk_product_categories_category FOREIGN KEY (category_id) REFERENCES categories (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A reseller’s listing decision for one product of its distributor: listed
-- on the storefront (listed = 1) or unlisted with its markup remembered
-- (listed = 0). No row means never listed, markup 0. featured marks the
-- products the reseller wants highlighted.
CREATE TABLE listings (
  reseller_id BIGINT UNSIGNED NOT NULL,
  product_id  BIGINT UNSIGNED NOT NULL,
  listed      TINYINT(1)      NOT NULL DEFAULT 1,
  markup_bp   INT             NOT NULL DEFAULT 0,
  featured    TINYINT(1)      NOT NULL DEFAULT 0,
  listed_at   DATETIME        NULL,
  updated_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (reseller_id, product_id),
  KEY ix_listings_listed (reseller_id, listed, product_id),
  KEY ix_listings_product (product_id),
  CONSTRAINT fk_listings_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT fk_listings_product  FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT chk_listings_markup  CHECK (markup_bp >= 0 AND markup_bp <= 100000),
  CONSTRAINT chk_listings_listed  CHECK (listed IN (0, 1) AND featured IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An end customer of one reseller. approval_required: its storefront
-- orders wait in pending_approval until the reseller decides.
CREATE TABLE customers (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id       BIGINT UNSIGNED NOT NULL,
  name              VARCHAR(200)    NOT NULL,
  email             VARCHAR(254)    NOT NULL,
  phone             VARCHAR(40)     NULL,
  address           VARCHAR(500)    NULL,
  country           CHAR(2)         NULL,
  tax_id            VARCHAR(32)     NULL,
  contact_name      VARCHAR(200)    NULL,
  active            TINYINT(1)      NOT NULL DEFAULT 1,
  approval_required TINYINT(1)      NOT NULL DEFAULT 0,
  created_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at        DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_customers_tenant (reseller_id, id),
  KEY ix_customers_name (reseller_id, name),
  KEY ix_customers_active (reseller_id, active),
  KEY ix_customers_email (reseller_id, email),
  CONSTRAINT fk_customers_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_customers_country CHECK (country IS NULL OR country REGEXP '^(?-i)[A-Z]{2}$'),
  CONSTRAINT chk_customers_flags   CHECK (active IN (0, 1) AND approval_required IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A storefront login of one of a customer’s people. password_hash is a
-- crypt(3) string (yescrypt "$y$..."). locked_until is set after too many
-- failed logins. E-mail is unique within the reseller’s storefront.
CREATE TABLE storefront_users (
  id                   BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id          BIGINT UNSIGNED NOT NULL,
  customer_id          BIGINT UNSIGNED NOT NULL,
  email                VARCHAR(254)    NOT NULL,
  name                 VARCHAR(200)    NOT NULL,
  password_hash        VARCHAR(255)    NOT NULL,
  role                 ENUM('owner','member') NOT NULL DEFAULT 'member',
  active               TINYINT(1)      NOT NULL DEFAULT 1,
  must_change_password TINYINT(1)      NOT NULL DEFAULT 0,
  failed_logins        INT             NOT NULL DEFAULT 0,
  locked_until         DATETIME        NULL,
  created_at           DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_login_at        DATETIME        NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_storefront_users_email (reseller_id, email),
  KEY ix_storefront_users_customer (reseller_id, customer_id),
  CONSTRAINT fk_storefront_users_customer FOREIGN KEY (reseller_id, customer_id) REFERENCES customers (reseller_id, id),
  CONSTRAINT fk_storefront_users_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_storefront_users_flags  CHECK (active IN (0, 1) AND must_change_password IN (0, 1)),
  CONSTRAINT chk_storefront_users_failed CHECK (failed_logins >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A storefront login session. The cookie holds a random token, the table
-- only its SHA-256. reseller_id and customer_id are copied from the user
-- at login so every request knows its tenant without a join.
CREATE TABLE sessions (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  token_hash   BINARY(32)      NOT NULL,
  user_id      BIGINT UNSIGNED NOT NULL,
  reseller_id  BIGINT UNSIGNED NOT NULL,
  customer_id  BIGINT UNSIGNED NOT NULL,
  csrf_token   CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  client_ip    VARCHAR(45)     NULL,
  user_agent   VARCHAR(255)    NULL,
  created_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_seen_at DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at   DATETIME        NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_sessions_token (token_hash),
  KEY ix_sessions_user (user_id),
  KEY ix_sessions_expires (expires_at),
  KEY ix_sessions_reseller (reseller_id, customer_id),
  CONSTRAINT fk_sessions_user     FOREIGN KEY (user_id) REFERENCES storefront_users (id) ON DELETE CASCADE,
  CONSTRAINT fk_sessions_customer FOREIGN KEY (reseller_id, customer_id) REFERENCES customers (reseller_id, id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A password-reset token (SHA-256 of the token mailed to the user), usable once.
CREATE TABLE password_resets (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  token_hash BINARY(32)      NOT NULL,
  user_id    BIGINT UNSIGNED NOT NULL,
  created_at DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at DATETIME        NOT NULL,
  used_at    DATETIME        NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_password_resets_token (token_hash),
  KEY ix_password_resets_user (user_id, created_at),
  KEY ix_password_resets_expires (expires_at),
  CONSTRAINT fk_password_resets_user FOREIGN KEY (user_id) REFERENCES storefront_users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An order of a customer: its lines carry price and cost at ordering time.
-- pending_approval (customer flag set) or approved, then provisioning,
-- completed or failed, or rejected / cancelled. order_token is the one-time
-- token of the checkout form: a replayed POST hits the unique key.
-- number is unique per reseller (see resellers.order_seq).
CREATE TABLE orders (
  id                     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id            BIGINT UNSIGNED NOT NULL,
  customer_id            BIGINT UNSIGNED NOT NULL,
  number                 VARCHAR(32)     NOT NULL,
  status                 ENUM('pending_approval','approved','provisioning','completed','failed','rejected','cancelled') NOT NULL,
  currency               CHAR(3)         NOT NULL,
  total_price            BIGINT          NOT NULL DEFAULT 0,
  total_cost             BIGINT          NOT NULL DEFAULT 0,
  placed_by_user_id      BIGINT UNSIGNED NULL,
  placed_via             ENUM('storefront','admin','api') NOT NULL DEFAULT 'storefront',
  order_token            VARCHAR(64)     NULL,
  customer_note          VARCHAR(1000)   NULL,
  reject_reason          VARCHAR(500)    NULL,
  failure_reason         VARCHAR(500)    NULL,
  decided_by_operator_id BIGINT UNSIGNED NULL,
  decided_at             DATETIME        NULL,
  created_at             DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  updated_at             DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_orders_number (reseller_id, number),
  UNIQUE KEY uq_orders_token (reseller_id, order_token),
  KEY ix_orders_status (reseller_id, status, created_at),
  KEY ix_orders_customer (reseller_id, customer_id, created_at),
  KEY ix_orders_created (reseller_id, created_at),
  KEY ix_orders_placed_by (placed_by_user_id),
  KEY ix_orders_decided_by (decided_by_operator_id),
  CONSTRAINT fk_orders_reseller    FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT fk_orders_customer    FOREIGN KEY (reseller_id, customer_id) REFERENCES customers (reseller_id, id),
  CONSTRAINT fk_orders_placed_by   FOREIGN KEY (placed_by_user_id) REFERENCES storefront_users (id),
  CONSTRAINT fk_orders_decided_by  FOREIGN KEY (decided_by_operator_id) REFERENCES operators (id),
  CONSTRAINT chk_orders_currency   CHECK (currency REGEXP '^(?-i)[A-Z]{3}$'),
  CONSTRAINT chk_orders_totals     CHECK (total_price >= 0 AND total_cost >= 0 AND total_price >= total_cost),
  CONSTRAINT chk_orders_rejected   CHECK (status <> 'rejected' OR decided_at IS NOT NULL)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A line of an order: product x quantity at the price and cost of the
-- moment. unit_price = unit_cost + round_half_up(unit_cost * markup_bp /
-- 10000), line_* = unit_* x quantity, all enforced here. A trial line
-- (is_trial = 1) carries the prices that apply once the trial converts.
CREATE TABLE order_lines (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  order_id   BIGINT UNSIGNED NOT NULL,
  line_no    INT             NOT NULL,
  product_id BIGINT UNSIGNED NOT NULL,
  quantity   INT             NOT NULL,
  unit_price BIGINT          NOT NULL,
  unit_cost  BIGINT          NOT NULL,
  markup_bp  INT             NOT NULL DEFAULT 0,
  line_price BIGINT          NOT NULL,
  line_cost  BIGINT          NOT NULL,
  is_trial   TINYINT(1)      NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_order_lines_no (order_id, line_no),
  KEY ix_order_lines_product (product_id),
  CONSTRAINT fk_order_lines_order   FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT fk_order_lines_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT chk_order_lines_line_no  CHECK (line_no > 0),
  CONSTRAINT chk_order_lines_quantity CHECK (quantity > 0),
  CONSTRAINT chk_order_lines_amounts  CHECK (unit_price >= 0 AND unit_cost >= 0 AND line_price >= 0 AND line_cost >= 0),
  CONSTRAINT chk_order_lines_markup   CHECK (markup_bp >= 0 AND markup_bp <= 100000),
  CONSTRAINT chk_order_lines_price    CHECK (unit_price = unit_cost + (unit_cost * markup_bp + 5000) DIV 10000),
  CONSTRAINT chk_order_lines_totals   CHECK (line_price = unit_price * quantity AND line_cost = unit_cost * quantity),
  CONSTRAINT chk_order_lines_trial    CHECK (is_trial IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A subscription of a customer to a recurring product: what a completed
-- order line of a license/usage (or recurring software/service) product
-- becomes. pending_quantity is a decrease that takes effect at renewal.
-- unit_price / unit_cost are per licence per billing period, for a usage
-- plan they are 0 and markup_bp prices the consumption (usage_records).
CREATE TABLE subscriptions (
  id                 BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id        BIGINT UNSIGNED NOT NULL,
  customer_id        BIGINT UNSIGNED NOT NULL,
  product_id         BIGINT UNSIGNED NOT NULL,
  order_line_id      BIGINT UNSIGNED NULL,
  quantity           INT             NOT NULL,
  pending_quantity   INT             NULL,
  status             ENUM('trial','active','suspended','cancelled','expired') NOT NULL,
  unit_price         BIGINT          NOT NULL,
  unit_cost          BIGINT          NOT NULL,
  markup_bp          INT             NOT NULL DEFAULT 0,
  billing_period     ENUM('monthly','annual') NOT NULL,
  start_date         DATE            NOT NULL,
  renewal_date       DATE            NOT NULL,
  trial_ends_on      DATE            NULL,
  cancel_at_term_end TINYINT(1)      NOT NULL DEFAULT 0,
  external_ref       VARCHAR(128)    NULL,
  created_at         DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at         DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_subscriptions_tenant (reseller_id, id),
  KEY ix_subscriptions_customer (reseller_id, customer_id, status),
  KEY ix_subscriptions_status (reseller_id, status, product_id),
  KEY ix_subscriptions_product (reseller_id, product_id),
  KEY ix_subscriptions_renewal (status, renewal_date),
  KEY ix_subscriptions_product_fk (product_id),
  KEY ix_subscriptions_order_line (order_line_id),
  CONSTRAINT fk_subscriptions_reseller   FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT fk_subscriptions_customer   FOREIGN KEY (reseller_id, customer_id) REFERENCES customers (reseller_id, id),
  CONSTRAINT fk_subscriptions_product    FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT fk_subscriptions_order_line FOREIGN KEY (order_line_id) REFERENCES order_lines (id),
  CONSTRAINT chk_subscriptions_quantity  CHECK (quantity > 0),
  CONSTRAINT chk_subscriptions_pending   CHECK (pending_quantity IS NULL OR (pending_quantity > 0 AND pending_quantity < quantity)),
  CONSTRAINT chk_subscriptions_amounts   CHECK (unit_price >= 0 AND unit_cost >= 0 AND unit_price >= unit_cost),
  CONSTRAINT chk_subscriptions_markup    CHECK (markup_bp >= 0 AND markup_bp <= 100000),
  CONSTRAINT chk_subscriptions_dates     CHECK (renewal_date >= start_date),
  CONSTRAINT chk_subscriptions_trial     CHECK (status <> 'trial' OR trial_ends_on IS NOT NULL),
  CONSTRAINT chk_subscriptions_cancel    CHECK (cancel_at_term_end IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An asset: what a one-time purchase (software licence, service) becomes.
CREATE TABLE assets (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id   BIGINT UNSIGNED NOT NULL,
  customer_id   BIGINT UNSIGNED NOT NULL,
  product_id    BIGINT UNSIGNED NOT NULL,
  order_line_id BIGINT UNSIGNED NULL,
  quantity      INT             NOT NULL,
  unit_price    BIGINT          NOT NULL,
  unit_cost     BIGINT          NOT NULL,
  serial        VARCHAR(128)    NULL,
  purchased_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY ix_assets_customer (reseller_id, customer_id),
  KEY ix_assets_product (product_id),
  KEY ix_assets_order_line (order_line_id),
  CONSTRAINT fk_assets_customer   FOREIGN KEY (reseller_id, customer_id) REFERENCES customers (reseller_id, id),
  CONSTRAINT fk_assets_product    FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT fk_assets_order_line FOREIGN KEY (order_line_id) REFERENCES order_lines (id),
  CONSTRAINT chk_assets_quantity  CHECK (quantity > 0),
  CONSTRAINT chk_assets_amounts   CHECK (unit_price >= 0 AND unit_cost >= 0 AND unit_price >= unit_cost)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One day of metered consumption of one meter of a usage subscription
-- (Azure plan). cost is the reseller’s cost for the row in minor units,
-- price what the customer is charged (cost plus the subscription’s markup,
-- rated when the row is imported). customer_id is copied from the subscription.
CREATE TABLE usage_records (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id     BIGINT UNSIGNED NOT NULL,
  customer_id     BIGINT UNSIGNED NOT NULL,
  subscription_id BIGINT UNSIGNED NOT NULL,
  usage_date      DATE            NOT NULL,
  service         VARCHAR(64)     NOT NULL,
  meter           VARCHAR(128)    NOT NULL,
  region          VARCHAR(32)     NULL,
  quantity        DECIMAL(18,6)   NOT NULL,
  unit            VARCHAR(32)     NOT NULL,
  cost            BIGINT          NOT NULL,
  price           BIGINT          NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY ix_usage_records_subscription (reseller_id, subscription_id, usage_date),
  KEY ix_usage_records_date (reseller_id, usage_date),
  CONSTRAINT fk_usage_records_subscription FOREIGN KEY (reseller_id, subscription_id) REFERENCES subscriptions (reseller_id, id),
  CONSTRAINT chk_usage_records_quantity CHECK (quantity >= 0),
  CONSTRAINT chk_usage_records_amounts  CHECK (cost >= 0 AND price >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A Microsoft 365 user of a customer’s tenant, managed from the storefront.
CREATE TABLE m365_users (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id  BIGINT UNSIGNED NOT NULL,
  customer_id  BIGINT UNSIGNED NOT NULL,
  upn          VARCHAR(255)    NOT NULL,
  display_name VARCHAR(200)    NOT NULL,
  enabled      TINYINT(1)      NOT NULL DEFAULT 1,
  created_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at   DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_m365_users_upn (customer_id, upn),
  KEY ix_m365_users_customer (reseller_id, customer_id),
  CONSTRAINT fk_m365_users_customer FOREIGN KEY (reseller_id, customer_id) REFERENCES customers (reseller_id, id),
  CONSTRAINT chk_m365_users_enabled CHECK (enabled IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A licence of a subscription assigned to a Microsoft 365 user. Core keeps
-- the count per subscription <= subscriptions.quantity (locking the
-- subscription row) and the user and subscription of the same customer.
CREATE TABLE m365_assignments (
  m365_user_id    BIGINT UNSIGNED NOT NULL,
  subscription_id BIGINT UNSIGNED NOT NULL,
  assigned_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (m365_user_id, subscription_id),
  KEY ix_m365_assignments_subscription (subscription_id),
  CONSTRAINT fk_m365_assignments_user         FOREIGN KEY (m365_user_id) REFERENCES m365_users (id) ON DELETE CASCADE,
  CONSTRAINT fk_m365_assignments_subscription FOREIGN KEY (subscription_id) REFERENCES subscriptions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An invoice of the distributor to a reseller: what the reseller owes.
-- total is the sum of its lines, in the reseller’s currency. Overdue =
-- status 'open' and due_on before today.
CREATE TABLE invoices (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  distributor_id BIGINT UNSIGNED NOT NULL,
  reseller_id    BIGINT UNSIGNED NOT NULL,
  number         VARCHAR(32)     NOT NULL,
  issued_on      DATE            NOT NULL,
  due_on         DATE            NOT NULL,
  period_start   DATE            NULL,
  period_end     DATE            NULL,
  currency       CHAR(3)         NOT NULL,
  total          BIGINT          NOT NULL DEFAULT 0,
  status         ENUM('open','paid','void') NOT NULL DEFAULT 'open',
  created_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_invoices_number (number),
  KEY ix_invoices_status (reseller_id, status, due_on),
  KEY ix_invoices_issued (reseller_id, issued_on),
  KEY ix_invoices_distributor (distributor_id, status, due_on),
  CONSTRAINT fk_invoices_distributor FOREIGN KEY (distributor_id) REFERENCES distributors (id),
  CONSTRAINT fk_invoices_reseller    FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_invoices_currency   CHECK (currency REGEXP '^(?-i)[A-Z]{3}$'),
  CONSTRAINT chk_invoices_total      CHECK (total >= 0),
  CONSTRAINT chk_invoices_dates      CHECK (due_on >= issued_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A line of an invoice: amount = quantity x unit_amount.
CREATE TABLE invoice_lines (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  invoice_id  BIGINT UNSIGNED NOT NULL,
  line_no     INT             NOT NULL,
  description VARCHAR(300)    NOT NULL,
  product_id  BIGINT UNSIGNED NULL,
  quantity    INT             NOT NULL DEFAULT 1,
  unit_amount BIGINT          NOT NULL,
  amount      BIGINT          NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_invoice_lines_no (invoice_id, line_no),
  KEY ix_invoice_lines_product (product_id),
  CONSTRAINT fk_invoice_lines_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE CASCADE,
  CONSTRAINT fk_invoice_lines_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT chk_invoice_lines_quantity CHECK (quantity > 0),
  CONSTRAINT chk_invoice_lines_amounts  CHECK (unit_amount >= 0 AND amount = quantity * unit_amount)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A payment received from a reseller, optionally against one invoice.
-- Account balance = open invoice totals - unapplied payments (see core).
CREATE TABLE payments (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id BIGINT UNSIGNED NOT NULL,
  invoice_id  BIGINT UNSIGNED NULL,
  amount      BIGINT          NOT NULL,
  currency    CHAR(3)         NOT NULL,
  paid_on     DATE            NOT NULL,
  method      ENUM('bank_transfer','card','direct_debit','credit_note','other') NOT NULL DEFAULT 'bank_transfer',
  reference   VARCHAR(100)    NULL,
  created_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY ix_payments_paid (reseller_id, paid_on),
  KEY ix_payments_invoice (invoice_id),
  CONSTRAINT fk_payments_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT fk_payments_invoice  FOREIGN KEY (invoice_id) REFERENCES invoices (id),
  CONSTRAINT chk_payments_amount   CHECK (amount > 0),
  CONSTRAINT chk_payments_currency CHECK (currency REGEXP '^(?-i)[A-Z]{3}$')
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A message sent through a storefront’s contact form to the reseller.
CREATE TABLE contact_messages (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id BIGINT UNSIGNED NOT NULL,
  customer_id BIGINT UNSIGNED NULL,
  name        VARCHAR(200)    NOT NULL,
  email       VARCHAR(254)    NOT NULL,
  phone       VARCHAR(40)     NULL,
  subject     VARCHAR(200)    NOT NULL,
  body        TEXT            NOT NULL,
  client_ip   VARCHAR(45)     NULL,
  created_at  DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  read_at     DATETIME        NULL,
  PRIMARY KEY (id),
  KEY ix_contact_messages_unread (reseller_id, read_at, created_at),
  KEY ix_contact_messages_created (reseller_id, created_at),
  KEY ix_contact_messages_customer (reseller_id, customer_id),
  CONSTRAINT fk_contact_messages_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT fk_contact_messages_customer FOREIGN KEY (reseller_id, customer_id) REFERENCES customers (reseller_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A Marketplace API credential of a reseller. The secret is shown once and
-- stored as a crypt(3) hash. A revoked credential stays for the audit trail.
CREATE TABLE api_clients (
  id                     BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reseller_id            BIGINT UNSIGNED NOT NULL,
  client_id              VARCHAR(64)     NOT NULL,
  secret_hash            VARCHAR(255)    NOT NULL,
  name                   VARCHAR(100)    NOT NULL,
  created_by_operator_id BIGINT UNSIGNED NULL,
  created_at             DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_used_at           DATETIME        NULL,
  revoked_at             DATETIME        NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_api_clients_client_id (client_id),
  KEY ix_api_clients_reseller (reseller_id),
  KEY ix_api_clients_operator (created_by_operator_id),
  CONSTRAINT fk_api_clients_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT fk_api_clients_operator FOREIGN KEY (created_by_operator_id) REFERENCES operators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A side effect to perform after a transaction commits (e-mail, webhook,
-- provisioning call), written in the same transaction as the change and
-- carried out by the worker with retries (next_attempt_at backs off).
CREATE TABLE outbox (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  kind            ENUM('email','webhook','provision') NOT NULL,
  reseller_id     BIGINT UNSIGNED NULL,
  payload         JSON            NOT NULL,
  status          ENUM('pending','sent','failed') NOT NULL DEFAULT 'pending',
  attempts        INT             NOT NULL DEFAULT 0,
  next_attempt_at DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  created_at      DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sent_at         DATETIME        NULL,
  last_error      VARCHAR(1000)   NULL,
  PRIMARY KEY (id),
  KEY ix_outbox_due (status, next_attempt_at),
  KEY ix_outbox_reseller (reseller_id, created_at),
  CONSTRAINT fk_outbox_reseller  FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_outbox_payload  CHECK (JSON_VALID(payload)),
  CONSTRAINT chk_outbox_attempts CHECK (attempts >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One change made by a person (operator, storefront user), the API or the
-- system: who, when, what, and the entity before and after as JSON.
-- Append-only: no foreign keys, so history outlives the rows it describes.
CREATE TABLE audit_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  at          DATETIME(6)     NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  actor_kind  ENUM('operator','storefront_user','system','api') NOT NULL,
  actor_id    BIGINT UNSIGNED NULL,
  actor_name  VARCHAR(254)    NOT NULL,
  reseller_id BIGINT UNSIGNED NULL,
  action      VARCHAR(64)     NOT NULL,
  entity      VARCHAR(32)     NOT NULL,
  entity_id   BIGINT UNSIGNED NULL,
  client_ip   VARCHAR(45)     NULL,
  before_json JSON            NULL,
  after_json  JSON            NULL,
  PRIMARY KEY (id),
  KEY ix_audit_log_reseller (reseller_id, at),
  KEY ix_audit_log_entity (entity, entity_id),
  KEY ix_audit_log_at (at),
  CONSTRAINT chk_audit_log_before CHECK (before_json IS NULL OR JSON_VALID(before_json)),
  CONSTRAINT chk_audit_log_after  CHECK (after_json IS NULL OR JSON_VALID(after_json))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A fixed-window counter for throttling (login attempts, contact form,
-- password resets). bucket is e.g. 'login:ip:203.0.113.7' or
-- 'contact:r42:ip:...'. Rows older than their window are garbage.
CREATE TABLE rate_limits (
  bucket       VARCHAR(191) NOT NULL,
  window_start DATETIME     NOT NULL,
  hits         INT          NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket),
  KEY ix_rate_limits_window (window_start),
  CONSTRAINT chk_rate_limits_hits CHECK (hits >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
