/*
 * mrr.h - the Monthly Run Rate (MRR): THE definition, and the one place
 * that computes it.  The Customers screen (core/customer.c), the
 * Resellers list (core/reseller.c), the dashboard (core/dashboard.c),
 * the inspector (core/inspect.c) and the storefront's account page
 * ("monthly spend", fcgi/page_account.c) all take their figure from the
 * functions or the SQL fragments below, so they cannot disagree.
 *
 * DESIGN.md: monthly-normalised revenue of active subscriptions (annual /
 * 12) plus the current month's usage charges.  Revenue for the reseller
 * is the price the customer pays:
 *
 *   MRR(customer C) =
 *     sum over subscriptions s of C with s.status = 'active' of
 *       s.billing_period = 'monthly': s.quantity * s.unit_price
 *       s.billing_period = 'annual' : round_half_up(s.quantity * s.unit_price / 12),
 *                                     i.e. (s.quantity * s.unit_price + 6) DIV 12,
 *                                     rounded per subscription
 *   + sum over usage_records u of subscriptions s of C (any status of s)
 *     with u.usage_date in the current UTC calendar month of
 *       u.cost + round_half_up(u.cost * s.markup_bp / 10000)
 *       (= money_price(u.cost, s.markup_bp), rounded per record; it equals
 *        u.price when the record was rated at import with the same markup)
 *
 *   That usage sum is read from the monthly rollup (usage_monthly, see
 *   usage_import.h), whose price column is the sum of exactly these
 *   per-record charges (MRR_SQL_USAGE_CHARGE, applied when the rollup is
 *   kept): sum of m.price over the rollup rows m of C of the current
 *   month (MRR_SQL_ROLLUP_THIS_MONTH); for a whole reseller, the one row
 *   of usage_monthly_totals of the month (the same sum, kept with it).
 *   Never from the raw rows.
 *
 *   Trial, suspended, cancelled and expired subscriptions add no
 *   recurring amount (their usage of this month does); assets
 *   (one-time purchases) add nothing.  "Current month" is
 *   [first day of UTC_DATE()'s month, first day of the next month).
 *   MRR(reseller R) = sum of MRR(C) over R's customers (active or not)
 *                   = the same sums over all of R's subscriptions and usage.
 *   Its recurring part (the first sum over all of R's subscriptions) is
 *   also kept in reseller_mrr.amount by the triggers of
 *   sql/011_subscription_quantities.sql, in the transaction of each
 *   change of a subscription: the reseller list reads that row.
 *   Money is in the reseller's currency, minor units.
 *
 * The cost-side twin (what the reseller pays its distributor per month,
 * the dashboard's monthly costs) normalises unit_cost the same way:
 * MRR_SQL_MONTHLY("unit_cost").
 */
#ifndef SHELF_MRR_H
#define SHELF_MRR_H

#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "err.h"

/* First day of the current UTC month, as a DATE. */
#define MRR_SQL_MONTH_START "(UTC_DATE() - INTERVAL (DAYOFMONTH(UTC_DATE()) - 1) DAY)"
/* True when the DATE column col lies in the current UTC month. */
#define MRR_SQL_THIS_MONTH(col) \
	"(" col " >= " MRR_SQL_MONTH_START " AND " col " < " MRR_SQL_MONTH_START " + INTERVAL 1 MONTH)"
/*
 * Monthly amount of column amount ("unit_price" or "unit_cost") of one
 * subscription row aliased s; apply to status = 'active' rows only.
 */
#define MRR_SQL_MONTHLY(amount) \
	"(CASE s.billing_period WHEN 'monthly' THEN s.quantity * s." amount \
	" WHEN 'annual' THEN (s.quantity * s." amount " + 6) DIV 12 ELSE 0 END)"
/* Monthly revenue of one subscription row aliased s (status = 'active' rows only). */
#define MRR_SQL_SUB MRR_SQL_MONTHLY("unit_price")
/*
 * Charge of one usage record aliased u of its subscription aliased s:
 * what usage_monthly.price sums (usage_import.c keeps the rollup with it).
 */
#define MRR_SQL_USAGE_CHARGE "(u.cost + (u.cost * s.markup_bp + 5000) DIV 10000)"
/* True when the rollup row aliased m is of the current UTC month. */
#define MRR_SQL_ROLLUP_THIS_MONTH(m) "(" m ".month = " MRR_SQL_MONTH_START ")"
/*
 * MRR(customer) as one SQL expression, from the rollup; its parameters:
 * reseller, customer, reseller, customer.  mrr_customer runs it; a
 * statement that reads more than the figure embeds it (core/account_view.c).
 */
#define MRR_SQL_CUSTOMER \
	"((SELECT COALESCE(SUM(" MRR_SQL_SUB "), 0) FROM subscriptions s" \
	"   WHERE s.reseller_id = ? AND s.customer_id = ? AND s.status = 'active')" \
	" + (SELECT COALESCE(SUM(m.price), 0) FROM usage_monthly m" \
	"   WHERE m.reseller_id = ? AND m.customer_id = ? AND " MRR_SQL_ROLLUP_THIS_MONTH("m") "))"

/*
 * mrr_reseller - *out = MRR(reseller reseller_id).  The caller has
 * already decided that its actor may read that reseller (this is core's
 * internal entry; it checks nothing).  CORE_DB.
 */
enum core_err mrr_reseller(struct db *db, int64_t reseller_id, int64_t *out);

/*
 * mrr_customer - *out = MRR(customer customer_id of reseller_id); 0 for
 * a customer id not of that reseller.  Internal like mrr_reseller.
 */
enum core_err mrr_customer(struct db *db, int64_t reseller_id, int64_t customer_id, int64_t *out);

/*
 * mrr_account - *out = the MRR of a storefront user's own customer:
 * what that customer pays per month ("monthly spend" on the account
 * page).  CORE_FORBIDDEN for any other actor.
 */
enum core_err mrr_account(struct db *db, const struct actor *a, int64_t *out);

#endif
