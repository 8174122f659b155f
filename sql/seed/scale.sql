-- scale.sql: a deterministic, parameterised scale dataset for Shelf.
--
-- Set the size in session variables, then source this file once, into a
-- migrated database (empty, or holding the demo data):
--
--   S: SET @resellers=100, @customers=10000, @subscriptions=40000,
--          @products=2000, @usage_rows=20000
--   L: SET @resellers=5000, @customers=500000, @subscriptions=2000000,
--          @products=20000, @usage_rows=10000000
--
--   mariadb DB -e 'SET @resellers=100, ...
--   SOURCE sql/seed/scale.sql'          (SOURCE must start its own line)
--
-- It turns foreign_key_checks and unique_checks off for the bulk inserts
-- (every reference is computed to exist) and restores them at the end.
-- A second run stops at the first statement (slug 'scale' exists).
--
-- Optional: @listings_per_reseller (default 200). Unset variables take the
-- S values. Limits: @resellers >= 3, @products >= 20, everything <= 10M
-- (the Sequence engine table seq_1_to_10000000 drives every INSERT ...
-- SELECT). Nothing is random: every value is arithmetic on the row number,
-- so a test can recompute any statistic with independent SQL. Ids are
-- explicit: base (MAX(id) before the load) + n, where n is the 1-based row
-- number below (invoice lines: 2 x (invoice n - 1) + line, payments: the
-- invoice n), except edition_changes and the one storefront user. Dates are
-- relative to T = the day of the load (CURRENT_DATE: the pinned clock when
-- one is set) and M0 = the first day of the month ten months before T's
-- month (month m below is M0 + m - 1 months). The big statements need no sort,
-- so the load writes next to nothing to tmpdir.
--
-- Rules (n = row number, R/C/S/P = @resellers/@customers/@subscriptions/@products,
-- W = LEAST(@listings_per_reseller, P), DIV = integer division):
--   distributor  'Scale Distribution', slug 'scale', EUR, 12 categories.
--   product p    t = p MOD 20: 0 usage/monthly (cost 0), 16 software/annual,
--                17 service/monthly, 18 software/one_time, 19 service/one_time,
--                else license, annual when p MOD 5 = 1, monthly otherwise.
--                h = (p * 7919) MOD 4850, cost: license monthly 150 + h,
--                license annual (150 + h) * 114 DIV 10, software annual
--                5000 + (p * 7919) MOD 45000, software one_time 10000 +
--                (p * 7919) MOD 190000, service one_time 5000 + (p * 7919) MOD
--                100000, service monthly 1000 + (p * 7919) MOD 4000.
--                trial_days 30 when p MOD 7 = 0 and not one_time.
--                manufacturer ELT(1 + p MOD 8, Microsoft, Google, Acronis,
--                Dropbox, Adobe, ESET, Zoom, Slack). Categories 1 + p MOD 12
--                and 1 + (p + 1 + p MOD 5) MOD 12.
--   reseller r   edition standard when r MOD 3 = 0, else professional when
--                r MOD 10 = 1, else basic. Standard and professional ones
--                have a storefront 'scale-r<r>' (theme modern when r MOD 4
--                = 0), an edition_changes row from basic, and listings.
--   markup       bp(r, p) = ((r * 7 + p * 13) MOD 41) * 100, 0..4000.
--   listing      for online r and k = 1..W: product 1 + (r * 37 + k - 1) MOD P,
--                listed unless k MOD 10 = 0, markup bp(r, p).
--   customer c   F = C DIV 10 (the "whale"): c <= F belongs to reseller 3,
--                else to 1 + (c - F - 1) * R DIV (C - F). Inactive when
--                c MOD 17 = 0, approval_required when c MOD 11 = 0.
--   subscription s  E = (C DIV 5) * 4 + LEAST(C MOD 5, 4), k = (s - 1) * E DIV S,
--                customer 1 + 5 * (k DIV 4) + k MOD 4 (customers with
--                c MOD 5 = 0 have none), reseller of that customer.
--                Product: q = 1 + (r * 37 + (s - 1) MOD W) MOD P, moved to
--                1 + (q + 1) MOD P when q MOD 20 is 18 or 19 (one_time).
--                status by s MOD 20: 0 trial, 1 suspended, 2-3 cancelled,
--                4 expired, else active. quantity 1 for usage products,
--                else 1 + (s * 31) MOD 50. unit_cost = product cost,
--                external_ref (usage products: the vendor reference the
--                usage import matches) MD5('scale-azure-plan-<s>') as a
--                GUID 8-4-4-4-12,
--                markup bp(r, p), unit_price = cost + (cost * bp + 5000) DIV 10000.
--                start T - 693 + (s * 13) MOD 690 days. renewal: live
--                (trial/active/suspended) T + s MOD 31 days (monthly)
--                or s MOD 365 days (annual), ended GREATEST(start,
--                T - 1 - s MOD 300 days).
--   usage        U = live subscriptions of usage products (product p MOD 20
--                = 0, status trial/active/suspended), numbered 1..U in
--                id order. per = CEIL(@usage_rows / U). Row u (1..@usage_rows)
--                goes to subscription 1 + (u - 1) DIV per, j = (u - 1) MOD per,
--                meter j MOD 6, usage_date T - 1 - (j DIV 6) days,
--                quantity (1 + (u * 7) MOD 50) / 10, cost 1 + (u * 13) MOD 2000,
--                price = cost + round_half_up(cost x subscription markup).
--   usage_monthly  the rollup of those rows (core/usage_import.h): per
--                subscription, month, service and meter, the sums of
--                quantity, cost and price; usage_monthly_totals its sums
--                per reseller and month.
--   invoices     3 per reseller, months m = 9, 10, 11 (issued on the first
--                of the three months before T's, due +30 days, numbered
--                SC-YYYYMM-r): m 11 open, m 10 open when r MOD 7 = 0,
--                m 9 open when r MOD 29 = 0, others paid in full 12
--                days after issue. Two lines: licences (1 + (r * 11 + m)
--                MOD 200) x (100 + (r * 7919 + m * 31) MOD 2900), Azure
--                1 x ((r * 104729 + m) MOD 50000), m = month number.
--   logins       operators scale-admin (distributor_admin) and scale-r3-admin
--                (reseller_admin of reseller 3), storefront user
--                buyer@scale-r3.example (customer 1, password demo-password-1).

SET @resellers     = COALESCE(@resellers, 100);
SET @customers     = COALESCE(@customers, 10000);
SET @subscriptions = COALESCE(@subscriptions, 40000);
SET @products      = COALESCE(@products, 2000);
SET @usage_rows    = COALESCE(@usage_rows, 20000);
SET @lpr           = LEAST(COALESCE(@listings_per_reseller, 200), @products);
SET @today         = CURRENT_DATE;
SET @m0            = DATE_FORMAT(@today, '%Y-%m-01') - INTERVAL 10 MONTH;
SET @t0            = @today - INTERVAL 693 DAY;

-- First, so that a second run stops here (duplicate slug) before anything else.
INSERT INTO distributors (name, slug, currency, email, storefront_base_domain, created_at)
VALUES ('Scale Distribution', 'scale', 'EUR', 'ops@scale-distribution.example', 'scale.shops.example', '2024-01-01 00:00:00');
SET @d = LAST_INSERT_ID();

SET @scale_old_fk = @@foreign_key_checks, @scale_old_uc = @@unique_checks;
SET foreign_key_checks = 0, unique_checks = 0;
SET @scale_old_tz = @@time_zone;
SET time_zone = '+00:00';

-- Base ids: the scale rows get base + n.
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @c0 FROM categories;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @p0 FROM products;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @r0 FROM resellers;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @cu0 FROM customers;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @s0 FROM subscriptions;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @i0 FROM invoices;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @o0 FROM operators;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @u0 FROM usage_records;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @il0 FROM invoice_lines;
SELECT CAST(COALESCE(MAX(id), 0) AS UNSIGNED) INTO @pm0 FROM payments;

-- Categories.
INSERT INTO categories (id, distributor_id, name, slug, position)
SELECT @c0 + seq, @d,
       ELT(seq, 'Productivity', 'Security', 'Backup', 'Collaboration', 'Infrastructure', 'Communication',
                'Services', 'Software', 'Email', 'Analytics', 'Devices', 'Training'),
       ELT(seq, 'productivity', 'security', 'backup', 'collaboration', 'infrastructure', 'communication',
                'services', 'software', 'email', 'analytics', 'devices', 'training'),
       seq * 10
  FROM seq_1_to_12;

-- Products.
INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,
                      currency, unit_label, trial_days, short_description, description, connector, active,
                      created_at, updated_at)
SELECT @p0 + x.p, @d, CONCAT('SC-', LPAD(x.p, 7, '0')),
       CONCAT(x.man, ' ', ELT(1 + MOD(x.p DIV 8, 10), 'Cloud', 'Business', 'Enterprise', 'Secure', 'Backup',
                              'Team', 'Pro', 'Mail', 'Data', 'Connect'),
              ' ', ELT(1 + MOD(x.p DIV 80, 6), 'Basic', 'Standard', 'Premium', 'Plus', 'Advanced', 'Essentials'),
              ' ', x.p),
       CONCAT('scale-product-', x.p), x.man, x.type, x.period,
       CASE WHEN x.type = 'usage' THEN 0
            WHEN x.type = 'license' AND x.period = 'monthly' THEN 150 + x.h
            WHEN x.type = 'license' THEN (150 + x.h) * 114 DIV 10
            WHEN x.type = 'software' AND x.period = 'annual' THEN 5000 + MOD(x.p * 7919, 45000)
            WHEN x.type = 'software' THEN 10000 + MOD(x.p * 7919, 190000)
            WHEN x.period = 'one_time' THEN 5000 + MOD(x.p * 7919, 100000)
            ELSE 1000 + MOD(x.p * 7919, 4000) END,
       'EUR',
       CASE x.type WHEN 'usage' THEN 'plan' WHEN 'service' THEN 'unit' ELSE 'user' END,
       IF(MOD(x.p, 7) = 0 AND x.period <> 'one_time', 30, NULL),
       CONCAT('Scale test product ', x.p, ' from ', x.man, '.'),
       CONCAT('Generated by scale.sql for load testing. Product ', x.p, ' is a ', x.type, ' product billed ',
              REPLACE(x.period, '_', '-'), '.'),
       CASE WHEN x.man IN ('Microsoft', 'Google', 'Acronis') THEN 'keys' ELSE 'manual' END,
       1, '2024-01-02 00:00:00', '2024-01-02 00:00:00'
  FROM (SELECT seq AS p, MOD(seq * 7919, 4850) AS h,
               ELT(1 + MOD(seq, 8), 'Microsoft', 'Google', 'Acronis', 'Dropbox', 'Adobe', 'ESET', 'Zoom', 'Slack') AS man,
               CASE MOD(seq, 20) WHEN 0 THEN 'usage' WHEN 16 THEN 'software' WHEN 17 THEN 'service'
                                 WHEN 18 THEN 'software' WHEN 19 THEN 'service' ELSE 'license' END AS type,
               CASE WHEN MOD(seq, 20) IN (18, 19) THEN 'one_time'
                    WHEN MOD(seq, 20) IN (0, 17) THEN 'monthly'
                    WHEN MOD(seq, 20) = 16 OR MOD(seq, 5) = 1 THEN 'annual'
                    ELSE 'monthly' END AS period
          FROM seq_1_to_10000000 WHERE seq <= @products) x
 ORDER BY x.p;

INSERT INTO product_categories (product_id, category_id)
SELECT @p0 + seq, @c0 + 1 + MOD(seq, 12) FROM seq_1_to_10000000 WHERE seq <= @products
UNION ALL
SELECT @p0 + seq, @c0 + 1 + MOD(seq + 1 + MOD(seq, 5), 12) FROM seq_1_to_10000000 WHERE seq <= @products;

-- Resellers.
INSERT INTO resellers (id, distributor_id, name, email, phone, address, country, edition, status, currency,
                       credit_limit, created_at, updated_at)
SELECT @r0 + seq, @d, CONCAT('Scale Reseller ', LPAD(seq, 5, '0')),
       CONCAT('office@scale-r', seq, '.example'), CONCAT('+31 20 ', LPAD(seq, 7, '0')),
       CONCAT(seq, ' Scale Street, Amsterdam'),
       ELT(1 + MOD(seq, 8), 'NL', 'DE', 'FR', 'BE', 'IE', 'ES', 'IT', 'AT'),
       CASE WHEN MOD(seq, 3) = 0 THEN 'standard' WHEN MOD(seq, 10) = 1 THEN 'professional' ELSE 'basic' END,
       IF(MOD(seq, 97) = 0, 'suspended', 'active'), 'EUR', 100000 * (1 + MOD(seq, 10)),
       DATE '2024-01-01' + INTERVAL MOD(seq, 600) DAY, DATE '2024-01-01' + INTERVAL MOD(seq, 600) DAY
  FROM seq_1_to_10000000 WHERE seq <= @resellers
 ORDER BY seq;

INSERT INTO edition_changes (reseller_id, from_edition, to_edition, operator_id, changed_at, note)
SELECT r.id, 'basic', r.edition, NULL, r.created_at + INTERVAL 90 DAY, 'scale.sql'
  FROM resellers r
 WHERE r.id > @r0 AND r.edition <> 'basic'
 ORDER BY r.id;

INSERT INTO storefronts (reseller_id, slug, company_name, theme, skin, sections, meta_description,
                         contact_email, contact_form_enabled, version, created_at, updated_at)
SELECT r.id, CONCAT('scale-r', r.id - @r0), r.name, IF(MOD(r.id - @r0, 4) = 0, 'modern', 'classic'), 'default',
       JSON_ARRAY(JSON_OBJECT('type', 'hero', 'title', r.name, 'subtitle', 'Cloud software for your business',
                              'cta_label', 'Browse the catalog', 'cta_url', '/products'),
                  JSON_OBJECT('type', 'category_grid', 'title', 'Categories',
                              'categories', JSON_ARRAY('productivity', 'security', 'backup', 'collaboration'))),
       CONCAT(r.name, ' sells cloud software.'), r.email, 1, 1, r.created_at + INTERVAL 90 DAY,
       r.created_at + INTERVAL 90 DAY
  FROM resellers r
 WHERE r.id > @r0 AND r.edition <> 'basic'
 ORDER BY r.id;

INSERT INTO operators (id, login, display_name, email, role, distributor_id, reseller_id, active, created_at)
VALUES (@o0 + 1, 'scale-admin', 'Scale Admin', 'admin@scale-distribution.example', 'distributor_admin', @d, NULL, 1, '2024-01-01 00:00:00'),
       (@o0 + 2, 'scale-r3-admin', 'Scale Reseller 3 Admin', 'admin@scale-r3.example', 'reseller_admin', @d, @r0 + 3, 1, '2024-01-01 00:00:00');

-- Listings of the online resellers: a window of W products each.
INSERT INTO listings (reseller_id, product_id, listed, markup_bp, featured, listed_at, updated_at)
SELECT x.rid, @p0 + x.p, IF(MOD(x.k, 10) = 0, 0, 1), MOD(x.rn * 7 + x.p * 13, 41) * 100, IF(x.k <= 6, 1, 0),
       '2025-06-01 00:00:00', '2025-06-01 00:00:00'
  FROM (SELECT r.id AS rid, r.id - @r0 AS rn, q.seq AS k, 1 + MOD((r.id - @r0) * 37 + q.seq - 1, @products) AS p
          FROM resellers r
          JOIN seq_1_to_10000000 q ON q.seq <= @lpr
         WHERE r.id > @r0 AND r.edition <> 'basic') x;

-- Customers.
SET @whale = @customers DIV 10;
INSERT INTO customers (id, reseller_id, name, email, phone, address, country, contact_name, active,
                       approval_required, created_at, updated_at)
SELECT @cu0 + seq,
       @r0 + IF(seq <= @whale, 3, 1 + (seq - @whale - 1) * @resellers DIV (@customers - @whale)),
       CONCAT(ELT(1 + MOD(seq, 10), 'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli',
                  'Soylent', 'Vandelay', 'Tyrell'), ' ',
              ELT(1 + MOD(seq DIV 10, 8), 'Logistics', 'Dental', 'Engineering', 'Bakery', 'Legal', 'Media',
                  'Travel', 'Consulting'), ' ', seq),
       CONCAT('it@c', seq, '.scale.example'), CONCAT('+49 30 ', LPAD(seq, 8, '0')),
       CONCAT(seq, ' Customer Road'), ELT(1 + MOD(seq, 8), 'NL', 'DE', 'FR', 'BE', 'IE', 'ES', 'IT', 'AT'),
       CONCAT('Contact ', seq), IF(MOD(seq, 17) = 0, 0, 1), IF(MOD(seq, 11) = 0, 1, 0),
       @t0 + INTERVAL MOD(seq, 600) DAY, @t0 + INTERVAL MOD(seq, 600) DAY
  FROM seq_1_to_10000000 WHERE seq <= @customers
 ORDER BY seq;

INSERT INTO storefront_users (reseller_id, customer_id, email, name, password_hash, role, active, created_at)
SELECT @r0 + 3, @cu0 + 1, 'buyer@scale-r3.example', 'Scale Buyer',
       '$y$j9T$4Z62ElflTuosSZiVdJONv0$mo3CEB/kTH9wqOkyQI00341vpQCpK3zzBAj.Eo1aE00', 'owner', 1, '2025-01-01 00:00:00'
  FROM DUAL WHERE @whale >= 1;

-- Subscriptions. Ids follow s, so they come grouped by reseller and customer
-- and every tenant-first index is filled almost in order. The rows come out
-- of the sequence in s order (no ORDER BY: a 2M-row sort costs more).
SET @eligible = (@customers DIV 5) * 4 + LEAST(MOD(@customers, 5), 4);
INSERT INTO subscriptions (id, reseller_id, customer_id, product_id, order_line_id, quantity, pending_quantity,
                           status, unit_price, unit_cost, markup_bp, billing_period, start_date, renewal_date,
                           trial_ends_on, cancel_at_term_end, external_ref, created_at, updated_at)
SELECT @s0 + y.s, @r0 + y.r, @cu0 + y.c, p.id, NULL,
       IF(p.type = 'usage', 1, 1 + MOD(y.s * 31, 50)), NULL, y.status,
       p.unit_cost + (p.unit_cost * MOD(y.r * 7 + y.p * 13, 41) * 100 + 5000) DIV 10000,
       p.unit_cost, MOD(y.r * 7 + y.p * 13, 41) * 100, p.billing_period, y.start_date,
       CASE WHEN y.status IN ('trial', 'active', 'suspended')
            THEN @today + INTERVAL MOD(y.s, IF(p.billing_period = 'annual', 365, 31)) DAY
            ELSE GREATEST(y.start_date, @today - INTERVAL 1 + MOD(y.s, 300) DAY) END,
       IF(y.status = 'trial', @today + INTERVAL MOD(y.s, 31) DAY, NULL),
       IF(y.status = 'active' AND MOD(y.s, 23) = 0, 1, 0),
       IF(p.type = 'usage', INSERT(INSERT(INSERT(INSERT(MD5(CONCAT('scale-azure-plan-', y.s)),
                                                        21, 0, '-'), 17, 0, '-'), 13, 0, '-'), 9, 0, '-'), NULL),
       y.start_date + INTERVAL 9 HOUR, y.start_date + INTERVAL 9 HOUR
  FROM (SELECT x.s, x.c, x.r,
               IF(MOD(x.q, 20) IN (18, 19), 1 + MOD(x.q + 1, @products), x.q) AS p,
               CASE WHEN MOD(x.s, 20) = 0 THEN 'trial' WHEN MOD(x.s, 20) = 1 THEN 'suspended'
                    WHEN MOD(x.s, 20) IN (2, 3) THEN 'cancelled' WHEN MOD(x.s, 20) = 4 THEN 'expired'
                    ELSE 'active' END AS status,
               @t0 + INTERVAL MOD(x.s * 13, 690) DAY AS start_date
          FROM (SELECT w.s, w.c, w.r, 1 + MOD(w.r * 37 + MOD(w.s - 1, @lpr), @products) AS q
                  FROM (SELECT v.s, v.c,
                               IF(v.c <= @whale, 3, 1 + (v.c - @whale - 1) * @resellers DIV (@customers - @whale)) AS r
                          FROM (SELECT seq AS s,
                                       1 + 5 * (((seq - 1) * @eligible DIV @subscriptions) DIV 4)
                                         + MOD((seq - 1) * @eligible DIV @subscriptions, 4) AS c
                                  FROM seq_1_to_10000000 WHERE seq <= @subscriptions) v) w) x) y
  JOIN products p ON p.id = @p0 + y.p;

-- Usage rows for the live subscriptions of usage products.
CREATE TEMPORARY TABLE scale_usage_subs (
  k               INT UNSIGNED    NOT NULL AUTO_INCREMENT PRIMARY KEY,
  subscription_id BIGINT UNSIGNED NOT NULL,
  reseller_id     BIGINT UNSIGNED NOT NULL,
  customer_id     BIGINT UNSIGNED NOT NULL,
  markup_bp       INT             NOT NULL
) ENGINE=InnoDB;

-- Usage products are those with p MOD 20 = 0. One INSERT ... SELECT in
-- primary key order numbers them 1..U (a fresh table, consecutive values).
INSERT INTO scale_usage_subs (subscription_id, reseller_id, customer_id, markup_bp)
SELECT s.id, s.reseller_id, s.customer_id, s.markup_bp
  FROM subscriptions s
 WHERE s.id > @s0 AND MOD(s.product_id - @p0, 20) = 0 AND s.status IN ('trial', 'active', 'suspended')
 ORDER BY s.id;

SELECT COUNT(*) INTO @usage_subs FROM scale_usage_subs;
SET @per = IF(@usage_subs > 0, CEIL(@usage_rows / @usage_subs), 1);

INSERT INTO usage_records (id, reseller_id, customer_id, subscription_id, usage_date, service, meter, region,
                           quantity, unit, cost, price)
SELECT @u0 + x.u, t.reseller_id, t.customer_id, t.subscription_id,
       @today - INTERVAL 1 + (x.j DIV 6) DAY,
       ELT(1 + MOD(x.j, 6), 'Virtual Machines', 'Storage', 'Bandwidth', 'SQL Database', 'Azure Monitor', 'App Service'),
       ELT(1 + MOD(x.j, 6), 'D2s v5 (Linux)', 'Hot LRS Data Stored', 'Standard Data Transfer Out',
           'vCore General Purpose Gen5', 'Analytics Logs Data Ingestion', 'P1 v3 App'),
       'westeurope',
       (1 + MOD(x.u * 7, 50)) / 10,
       ELT(1 + MOD(x.j, 6), 'Hours', 'GB/Month', 'GB', 'Hours', 'GB', 'Hours'),
       1 + MOD(x.u * 13, 2000),
       (1 + MOD(x.u * 13, 2000)) + ((1 + MOD(x.u * 13, 2000)) * t.markup_bp + 5000) DIV 10000
  FROM (SELECT seq AS u, 1 + (seq - 1) DIV @per AS k, MOD(seq - 1, @per) AS j
          FROM seq_1_to_10000000 WHERE seq <= @usage_rows) x
  JOIN scale_usage_subs t ON t.k = x.k;

DROP TEMPORARY TABLE scale_usage_subs;

-- The monthly rollup of the rows above, as core/usage_import.c keeps it
-- (price: the sum of the rows' charges, mrr.h's MRR_SQL_USAGE_CHARGE).
-- The usage rows lead (STRAIGHT_JOIN), each finding its subscription by
-- primary key: the other way round is a scan per subscription.
INSERT INTO usage_monthly (reseller_id, customer_id, subscription_id, month, service, meter, unit, quantity, cost, price)
SELECT s.reseller_id, s.customer_id, s.id, u.usage_date - INTERVAL (DAYOFMONTH(u.usage_date) - 1) DAY,
       u.service, u.meter, MAX(u.unit), SUM(u.quantity), SUM(u.cost),
       SUM(u.cost + (u.cost * s.markup_bp + 5000) DIV 10000)
  FROM usage_records u STRAIGHT_JOIN subscriptions s ON s.reseller_id = u.reseller_id AND s.id = u.subscription_id
 WHERE u.id > @u0
 GROUP BY s.reseller_id, s.customer_id, s.id, u.usage_date - INTERVAL (DAYOFMONTH(u.usage_date) - 1) DAY,
          u.service, u.meter;

INSERT INTO usage_monthly_totals (reseller_id, month, cost, price)
SELECT reseller_id, month, SUM(cost), SUM(price) FROM usage_monthly WHERE reseller_id > @r0
 GROUP BY reseller_id, month;

-- Invoices of the distributor to the scale resellers, with lines and payments.
INSERT INTO invoices (id, distributor_id, reseller_id, number, issued_on, due_on, period_start, period_end,
                      currency, total, status, created_at)
SELECT @i0 + (x.r - 1) * 3 + (x.m - 8), @d, @r0 + x.r, CONCAT('SC-', DATE_FORMAT(@m0 + INTERVAL (x.m - 1) MONTH, '%Y%m'), '-', LPAD(x.r, 6, '0')),
       @m0 + INTERVAL (x.m - 1) MONTH,
       @m0 + INTERVAL (x.m - 1) MONTH + INTERVAL 30 DAY,
       @m0 + INTERVAL (x.m - 2) MONTH,
       @m0 + INTERVAL (x.m - 1) MONTH - INTERVAL 1 DAY,
       'EUR', 0,
       CASE WHEN x.m = 11 THEN 'open'
            WHEN x.m = 10 AND MOD(x.r, 7) = 0 THEN 'open'
            WHEN x.m = 9 AND MOD(x.r, 29) = 0 THEN 'open'
            ELSE 'paid' END,
       @m0 + INTERVAL (x.m - 1) MONTH
  FROM (SELECT q.seq AS r, mo.seq AS m
          FROM seq_1_to_10000000 q JOIN seq_9_to_11 mo
         WHERE q.seq <= @resellers) x;

INSERT INTO invoice_lines (id, invoice_id, line_no, description, product_id, quantity, unit_amount, amount)
SELECT @il0 + (i.id - @i0 - 1) * 2 + l.seq, i.id, l.seq,
       IF(l.seq = 1, CONCAT('Licences ', DATE_FORMAT(i.period_start, '%M %Y')),
                     CONCAT('Azure consumption ', DATE_FORMAT(i.period_start, '%M %Y'))),
       NULL,
       IF(l.seq = 1, 1 + MOD((i.reseller_id - @r0) * 11 + i.m, 200), 1),
       IF(l.seq = 1, 100 + MOD((i.reseller_id - @r0) * 7919 + i.m * 31, 2900),
                     MOD((i.reseller_id - @r0) * 104729 + i.m, 50000)),
       IF(l.seq = 1, 1 + MOD((i.reseller_id - @r0) * 11 + i.m, 200), 1)
       * IF(l.seq = 1, 100 + MOD((i.reseller_id - @r0) * 7919 + i.m * 31, 2900),
                       MOD((i.reseller_id - @r0) * 104729 + i.m, 50000))
  FROM (SELECT id, reseller_id, period_start,
               PERIOD_DIFF(EXTRACT(YEAR_MONTH FROM issued_on), EXTRACT(YEAR_MONTH FROM @m0)) + 1 AS m
          FROM invoices WHERE id > @i0) i
  JOIN seq_1_to_2 l;

UPDATE invoices i
  JOIN (SELECT invoice_id, SUM(amount) AS total FROM invoice_lines WHERE invoice_id > @i0 GROUP BY invoice_id) t
    ON t.invoice_id = i.id
   SET i.total = t.total;

INSERT INTO payments (id, reseller_id, invoice_id, amount, currency, paid_on, method, reference, created_at)
SELECT @pm0 + (i.id - @i0), i.reseller_id, i.id, i.total, i.currency, i.issued_on + INTERVAL 12 DAY, 'bank_transfer',
       CONCAT('PAY-', i.number), i.issued_on + INTERVAL 12 DAY
  FROM invoices i
 WHERE i.id > @i0 AND i.status = 'paid';

SET foreign_key_checks = @scale_old_fk, unique_checks = @scale_old_uc;
SET time_zone = @scale_old_tz;
