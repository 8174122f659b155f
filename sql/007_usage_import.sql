-- 007_usage_import.sql: Azure usage from Microsoft Partner Center's daily
-- rated usage file (`shelf usage import`), and the monthly rollup every
-- list and summary reads instead of the raw rows.

-- A usage row knows where it came from: the vendor's meter id, the
-- resource group and resource URI, the import batch that added it, and
-- line_key, the first 16 bytes of the SHA-256 of the row's natural key
-- (core/usage_import.h: vendor subscription, entitlement, meter id,
-- resource URI or group).  A second import of the same row meets the
-- unique key and is skipped.  Rows made otherwise (the demo and scale
-- seeds) have no key: NULLs never collide.
ALTER TABLE usage_records
  ADD COLUMN meter_id       VARCHAR(64)     NULL AFTER meter,
  ADD COLUMN resource_group VARCHAR(128)    NULL AFTER region,
  ADD COLUMN resource_uri   VARCHAR(1024)   NULL AFTER resource_group,
  ADD COLUMN import_id      BIGINT UNSIGNED NULL,
  ADD COLUMN line_key       BINARY(16)      NULL,
  ADD UNIQUE KEY uq_usage_records_line (subscription_id, usage_date, line_key),
  ADD KEY ix_usage_records_import (import_id);

-- One committed batch of an import (a few thousand rows of the file, one
-- transaction): which file, which lines, who, and what became of them.
-- A failure mid-file leaves whole batches; running the file again
-- completes it, the rows already present being skipped.
CREATE TABLE usage_imports (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  distributor_id BIGINT UNSIGNED NOT NULL,
  operator_id    BIGINT UNSIGNED NULL,
  file_name      VARCHAR(255)    NOT NULL,
  first_line     INT             NOT NULL,
  last_line      INT             NOT NULL,
  imported       INT             NOT NULL DEFAULT 0,
  present        INT             NOT NULL DEFAULT 0,
  rejected       INT             NOT NULL DEFAULT 0,
  created_at     DATETIME        NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY ix_usage_imports_distributor (distributor_id, created_at),
  CONSTRAINT fk_usage_imports_distributor FOREIGN KEY (distributor_id) REFERENCES distributors (id),
  CONSTRAINT fk_usage_imports_operator FOREIGN KEY (operator_id) REFERENCES operators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The monthly rollup: per subscription, month (its first day), service
-- and meter, the sums of the usage rows of that month.  price is the sum
-- of the rows' charges as core/mrr.h defines them (MRR_SQL_USAGE_CHARGE:
-- rounded per row).  Kept in the transaction that adds the rows
-- (usage_import, usage_rollup_rebuild); the dashboard, MRR, the customer
-- and reseller lists and the months of the usage page read it, never
-- the raw rows.
CREATE TABLE usage_monthly (
  reseller_id     BIGINT UNSIGNED NOT NULL,
  customer_id     BIGINT UNSIGNED NOT NULL,
  subscription_id BIGINT UNSIGNED NOT NULL,
  month           DATE            NOT NULL,
  service         VARCHAR(64)     NOT NULL,
  meter           VARCHAR(128)    NOT NULL,
  unit            VARCHAR(32)     NOT NULL,
  quantity        DECIMAL(24,6)   NOT NULL,
  cost            BIGINT          NOT NULL,
  price           BIGINT          NOT NULL,
  PRIMARY KEY (subscription_id, month, service, meter),
  KEY ix_usage_monthly_reseller (reseller_id, month, cost, price),
  KEY ix_usage_monthly_customer (reseller_id, customer_id, month),
  CONSTRAINT fk_usage_monthly_subscription FOREIGN KEY (reseller_id, subscription_id) REFERENCES subscriptions (reseller_id, id),
  CONSTRAINT chk_usage_monthly_month CHECK (DAYOFMONTH(month) = 1),
  CONSTRAINT chk_usage_monthly_amounts CHECK (cost >= 0 AND price >= 0 AND quantity >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The rollup's totals per reseller and month: what the reseller list,
-- the reseller's MRR and the dashboard read (one row, however many
-- subscriptions).  Kept with usage_monthly, in the same transactions.
CREATE TABLE usage_monthly_totals (
  reseller_id BIGINT UNSIGNED NOT NULL,
  month       DATE            NOT NULL,
  cost        BIGINT          NOT NULL,
  price       BIGINT          NOT NULL,
  PRIMARY KEY (reseller_id, month),
  CONSTRAINT fk_usage_monthly_totals_reseller FOREIGN KEY (reseller_id) REFERENCES resellers (id),
  CONSTRAINT chk_usage_monthly_totals_month CHECK (DAYOFMONTH(month) = 1),
  CONSTRAINT chk_usage_monthly_totals_amounts CHECK (cost >= 0 AND price >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
