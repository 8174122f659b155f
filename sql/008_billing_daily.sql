-- 008_billing_daily.sql: the daily billing pass (core/billing_daily.h).

-- The day an open invoice was first found past its due date by the
-- daily pass: set once (due_on + 1 day, also when the pass catches up
-- missed days), audited, and the reseller e-mailed in the same
-- transaction.  The dashboard's overdue figure still reads due_on
-- (core/invoice.h), so it holds on a day the pass has not run yet.
ALTER TABLE invoices
  ADD COLUMN overdue_since DATE NULL AFTER status,
  ADD KEY ix_invoices_overdue (status, overdue_since, due_on);

-- One row per day the pass ran for.  started_at/heartbeat_at: claimed
-- by a worker (or `shelf billing daily`), refreshed after each step; a
-- claim whose heartbeat is older than the lease (BILLING_DAILY_LEASE_SECONDS)
-- was a crash and is taken over: every step is idempotent for a date.
-- finished_at set: the day is done, counts holds what it did.
CREATE TABLE billing_runs (
  run_date     DATE     NOT NULL,
  started_at   DATETIME NULL,
  heartbeat_at DATETIME NULL,
  finished_at  DATETIME NULL,
  counts       JSON     NULL,
  PRIMARY KEY (run_date),
  CONSTRAINT chk_billing_runs_counts CHECK (counts IS NULL OR JSON_VALID(counts))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
