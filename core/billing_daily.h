/*
 * billing_daily.h - the daily billing pass: what has to happen once a
 * day, for a date, run by the worker and by `shelf billing daily`.
 *
 * For a date D ("YYYY-MM-DD") the pass runs, in this order and each in
 * transactions of its own (batches):
 *   1. renewals (subscription_renew_due): every subscription due on or
 *      before D renews (a scheduled decrease applies), ends (cancelled
 *      at term end) or, a trial, expires; the vendor is told of each
 *      through a fulfilment task in the transaction of the change;
 *   2. trial reminders (subscription_trial_reminders): trials ending on
 *      D + 7 get their e-mail, once a trial;
 *   3. overdue: every open invoice with due_on < D and no overdue_since
 *      gets overdue_since = due_on + 1 day, an audit row and the e-mail
 *      "invoice_overdue" to the reseller, in one transaction per batch
 *      of BILLING_DAILY_BATCH;
 *   4. purge (session_purge_counts): sessions and reset links past
 *      expiry, by the database's NOW() (not D: a pass for a future date
 *      never ends a live session).
 * Every step is idempotent for a date: a second run finds nothing to do.
 * Days missed are caught up by a run for a later date (renewals period
 * by period, overdue invoices), except trial reminders, which are only
 * for D + 7 (a missed reminder is not sent late).
 *
 * The run is recorded in billing_runs (sql/008): a run claims the row of
 * D, refreshes its heartbeat after each step with the counts so far, and
 * sets finished_at at the end.  A finished date is not run again: the
 * result is what that run did (already = 1).  A claim whose heartbeat
 * is younger than BILLING_DAILY_LEASE_SECONDS belongs to another worker:
 * CORE_CONFLICT, nothing done.  An older one was a crash and is resumed:
 * its counts so far are kept and added to.
 */
#ifndef SHELF_BILLING_DAILY_H
#define SHELF_BILLING_DAILY_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"

#define BILLING_DAILY_BATCH 200			/* overdue invoices per transaction */
#define BILLING_DAILY_LEASE_SECONDS 900		/* a claim older than this is a crashed run */

/*
 * X(symbol, key in billing_runs.counts, separator before it in the
 * summary (NULL: not in the summary), text for 1, text for other counts)
 */
#define BILLING_DAILY_COUNTS(X) \
	X(BD_RENEWED,   "renewed",         "",      "%lld renewed",               "%lld renewed") \
	X(BD_DECREASED, "decreased",       NULL,    "",                           "") \
	X(BD_ENDED,     "ended",           ", ",    "%lld cancelled at term end", "%lld cancelled at term end") \
	X(BD_EXPIRED,   "trials_expired",  ", ",    "%lld trial expired",         "%lld trials expired") \
	X(BD_REMINDED,  "trial_reminders", ", ",    "%lld trial reminder",        "%lld trial reminders") \
	X(BD_OVERDUE,   "overdue",         ", ",    "%lld invoice overdue",       "%lld invoices overdue") \
	X(BD_SESSIONS,  "sessions",        ", ",    "%lld session",               "%lld sessions") \
	X(BD_RESETS,    "reset_tokens",    " and ", "%lld reset token purged",    "%lld reset tokens purged")

#define BILLING_DAILY_SYM(sym, key, sep, one, many) sym,
enum billing_daily_count {
	BILLING_DAILY_COUNTS(BILLING_DAILY_SYM)
	BD__MAX
};
#undef BILLING_DAILY_SYM

struct billing_daily_result {
	char    date[11];		/* the date the pass ran for */
	int64_t n[BD__MAX];		/* what it did (enum billing_daily_count) */
	int     already;		/* 1: the date had run before; n is what that run did */
	char    finished_at[20];	/* when already: when that run finished ("YYYY-MM-DD HH:MM:SS"), else "" */
};

/*
 * billing_daily - run the pass for date as described above.  The system
 * only (ACT_SYSTEM, distributor_id 0: the pass is for every distributor;
 * else CORE_FORBIDDEN).  CORE_INVALID for a date that is not a real
 * "YYYY-MM-DD"; CORE_CONFLICT when another run holds the date.  *out
 * (not NULL) is filled also after an error: the counts of the steps
 * that completed.
 */
enum core_err billing_daily(struct db *db, const struct actor *a, const char *date,
    struct billing_daily_result *out);

/* billing_daily_date_ok - 1 when s is a real calendar date "YYYY-MM-DD" (years 2000..2199), else 0. */
int billing_daily_date_ok(const char *s);

/* billing_daily_today - today's date by the database's clock (db_now, UTC) into out (11 bytes). */
void billing_daily_today(const struct db *db, char out[11]);

/*
 * billing_daily_summary - "2026-12-02: 3 renewed, 1 cancelled at term
 * end, ..." into buf (sz bytes, always terminated); returns buf.
 */
char *billing_daily_summary(const struct billing_daily_result *r, char *buf, size_t sz);

#endif
