/*
 * invoice_run.h - the monthly run that issues the distributor's invoices
 * to its resellers (`shelf billing invoice --month YYYY-MM`, and the
 * worker for the month before, every day until it is done).
 *
 * One invoice per reseller and month (the period: the calendar month),
 * made in one transaction of its own, in the reseller's currency, at cost:
 *
 *   monthly subscription  a line "Product, Customer, November 2026" of
 *                         quantity x unit_cost when the subscription was
 *                         active the whole month at one quantity;
 *                         prorated by days otherwise: unit =
 *                         round_half_up(unit_cost x days / days_in_month)
 *                         (rounded once, per unit, so that the line's
 *                         amount = quantity x unit), with "(D of N days)"
 *                         in the description.  Days active = the days of
 *                         the month in [start_date, end), end =
 *                         renewal_date for a cancelled or expired
 *                         subscription (its term ran out then), else open
 *                         (a suspended one is billed: the distributor's
 *                         licences stay held).  When the quantity (or
 *                         unit cost) changed within those days, one line
 *                         per quantity history segment
 *                         (sql/011_subscription_quantities.sql), each
 *                         prorated by its own days and named by them:
 *                         "Product, Customer, 12 licences, 1–14 November
 *                         2026 (14 of 30 days)".  A subscription's first
 *                         history row holds from its start.
 *   annual subscription   quantity x unit_cost (the year's cost, at the
 *                         quantity and cost that hold on the anniversary), in the
 *                         month of its term's start or renewal: the month
 *                         of start_date's anniversary (the day clamped to
 *                         the month's last), when the subscription had
 *                         started by that day and, if cancelled or
 *                         expired, its renewal_date is after it.  Never
 *                         prorated.
 *   usage (Azure plan)    one line per subscription of a usage product:
 *                         "Azure plan consumption, Customer, November
 *                         2026", quantity 1, the month's usage at cost
 *                         from the rollup (usage_monthly.cost summed);
 *                         none when it is 0.
 * Trials are not billed; a licence line's product type is not 'usage'.
 *
 * issued_on is the run's day (db_now), due_on = issued_on + the
 * reseller's payment_terms_days; only a month that is over can be run
 * (CORE_INVALID otherwise).  A reseller with no line gets no invoice.
 * The number is INV-YYYY-NNNNNN, YYYY the issue year, from the
 * distributor's gap-free sequence (sql/009_invoices.sql); the invoice is
 * locked (issued, immutable) in the same transaction, and the e-mail
 * "invoice_issued" to the reseller's address is queued in it too.
 *
 * Idempotent: a reseller that already has the month's invoice is counted
 * as present and nothing is made (racing runs of one month included).
 *
 * Who may: a distributor admin (its distributor's resellers) or the
 * system (its distributor's, or every distributor's when its
 * distributor_id is 0): ACT_INVOICE_ISSUE.
 */
#ifndef SHELF_INVOICE_RUN_H
#define SHELF_INVOICE_RUN_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"

/* What became of one reseller in a run. */
enum invoice_run_outcome {
	INVOICE_RUN_ISSUED,	/* a new invoice, number and total below */
	INVOICE_RUN_PRESENT,	/* the month's invoice existed already (number and total are its) */
	INVOICE_RUN_NOTHING,	/* no line to bill */
};

struct invoice_run_item {
	int64_t reseller_id;
	int64_t invoice_id;	/* 0 for NOTHING */
	char    number[33];
	char    currency[4];
	int64_t total;
	int     lines;		/* ISSUED: how many lines */
	enum invoice_run_outcome outcome;
};

struct invoice_run_result {
	struct invoice_run_item *items;	/* n, the caller's: invoice_run_result_free */
	size_t  n;
	int     issued, present, nothing;
};

/*
 * invoice_run_month - the run for month "YYYY-MM", every reseller of the
 * actor's distributor (all distributors for a system actor with
 * distributor_id 0), each in its own transaction, by reseller id.
 * *res is filled as far as the run got, also on error (free it).
 * CORE_INVALID for a malformed month or one that is not over yet;
 * CORE_FORBIDDEN as above.
 */
enum core_err invoice_run_month(struct db *db, const struct actor *a, const char *month,
    struct invoice_run_result *res);

void invoice_run_result_free(struct invoice_run_result *res);

/*
 * invoice_run_month_ok - true when s is "YYYY-MM" with a month 01..12
 * (the CLI's check, before it opens the database).
 */
int invoice_run_month_ok(const char *s);

/*
 * invoice_run_number - inside the caller's transaction: the next number
 * of distributor d's series ("INV", "CN") for year, as "SERIES-YEAR-NNNNNN"
 * into out (at least 33 bytes).  The sequence row stays locked until the
 * transaction ends, so a rollback gives the number back: no gaps.
 */
enum core_err invoice_run_number(struct db *db, int64_t d, const char *series, int year, char *out, size_t n);

#endif
