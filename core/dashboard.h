/*
 * dashboard.h - the reseller admin's first screen: what the reseller
 * pays, what it has sold, what it owes, and its product mix.
 *
 * Definitions (all amounts in the reseller's currency, minor units; "this
 * month" is the current UTC calendar month; "active" is status 'active':
 * trial, suspended, cancelled and expired subscriptions do not count):
 *   monthly_costs      what the reseller pays its distributor per month:
 *                      sum over active subscriptions of quantity x unit_cost,
 *                      annual ones normalised per subscription as
 *                      round_half_up(quantity x unit_cost / 12), plus the
 *                      cost of this month's usage (usage_records.cost,
 *                      summed by the monthly rollup usage_monthly)
 *                      (the cost-side twin of the MRR: mrr.h's
 *                      MRR_SQL_MONTHLY("unit_cost"))
 *   mrr                the reseller's Monthly Run Rate (mrr_reseller)
 *   subscriptions_sold count of active subscriptions
 *   licences_sold      sum of quantity of active subscriptions of
 *                      licence-type (products.type = 'license') products
 *   balance            sum over invoices with status 'open' of (total -
 *                      payments recorded against that invoice); payments
 *                      without an invoice are not counted.  Computed here
 *                      in the dashboard's own SQL, with the same definition
 *                      core/invoice.c's invoice_balance() is to use, so the
 *                      dashboard does not depend on that module.
 *   overdue_amount     the same sum restricted to open invoices whose
 *                      due_on is before today (UTC)
 *   overdue_invoices   how many such invoices
 *   top / mix          the 10 products with the most active subscriptions
 *                      (ties by product name, then id), and those 10
 *                      grouped by product type: count and share of the
 *                      10's subscriptions in basis points (rounded
 *                      half-up per type, so shares may sum to 10000 +- 2)
 *
 * Cost: a handful of statements, each on an index that starts with
 * reseller_id (subscriptions (reseller_id, status, product_id), the usage
 * rollup (reseller_id, month, cost, price), invoices (reseller_id, status,
 * due_on)).
 */
#ifndef SHELF_DASHBOARD_H
#define SHELF_DASHBOARD_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "catalog.h"
#include "db.h"
#include "err.h"

#define DASHBOARD_TOP 10

struct dashboard_product {
	int64_t           product_id;
	char              name[201];
	enum product_type type;
	int64_t           subscriptions;	/* active */
};

struct dashboard_type {
	enum product_type type;
	int64_t           subscriptions;	/* over the top products */
	int32_t           share_bp;		/* of the top products' subscriptions; 10000 = 100 % */
};

struct dashboard {
	char    currency[4];
	int64_t monthly_costs;
	int64_t mrr;			/* mrr.h */
	int64_t subscriptions_sold;
	int64_t licences_sold;
	int64_t balance;
	int64_t overdue_amount;
	int64_t overdue_invoices;
	size_t  ntop;
	struct dashboard_product top[DASHBOARD_TOP];	/* most subscribed first */
	size_t  ntypes;
	struct dashboard_type    mix[PRODUCT_TYPE__MAX];	/* types present in top, largest first */
};

/*
 * dashboard_get - the dashboard of a->reseller_id into caller storage.
 * Reseller admins only (ACT_DASHBOARD_READ; support, which has no
 * tenant, is refused).  CORE_FORBIDDEN, CORE_DB, CORE_RANGE
 * (a sum overflowed).
 */
enum core_err dashboard_get(struct db *db, const struct actor *a, struct dashboard *out);

#endif
