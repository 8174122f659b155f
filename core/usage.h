/*
 * usage.h - consumption of a usage plan (Azure plan) subscription: a
 * month's charges by service and by meter, per day, the month-to-date
 * total and the month-end estimate, and a server-rendered SVG chart.
 *
 * Pricing: each usage row's cost (usage_records.cost, the reseller's
 * cost) is marked up with the subscription's markup captured when it was
 * ordered (subscriptions.markup_bp) -- the same rule as the customers'
 * MRR (MRR_SQL_USAGE_CHARGE in mrr.h), so the figures of the customer's
 * usage page and of the reseller's statistics agree.  A later listing
 * markup change does not reprice consumption already agreed.
 *
 * Rounding: the charge is rounded once per usage row (usage_records
 * row, e.g. one resource's meter on one day, as imported), as mrr.h's
 * MRR_SQL_USAGE_CHARGE.  Every other figure (per meter, per service, per
 * day, month total, the months list) is an exact sum of those rounded
 * amounts, so totals always equal the sum of the shown figures to the
 * cent, and a month's total equals its usage in the customer's MRR.
 * The months list reads the monthly rollup (usage_monthly); a month's
 * report reads that one subscription's rows.
 *
 * Scope: a storefront user sees only its customer's subscriptions
 * (ACT_SUBSCRIPTION_MANAGE), a reseller admin its reseller's
 * (ACT_CUSTOMER_READ), support/distributor admins their distributor's
 * (ACT_INSPECT); anything else CORE_NOTFOUND.  A subscription that is not
 * a usage plan is CORE_INVALID.  Costs are never returned: customers
 * see the reseller's prices only.
 */
#ifndef SHELF_USAGE_H
#define SHELF_USAGE_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "buf.h"
#include "db.h"

#define USAGE_DAYS_MAX 31

struct usage_meter {
	char    service[65];
	char    meter[129];
	char    unit[33];
	char    quantity[40];	/* decimal, trailing zeros trimmed ("744", "12.5") */
	int64_t price;		/* sum of the rounded daily amounts */
};

/* the month's charges of one resource group (Partner Center's ResourceGroup) */
struct usage_group {
	char    name[129];	/* "" for the rows without one */
	int64_t price;
};

struct usage_service {
	char    service[65];
	int64_t price;		/* sum of its meters */
	int     percent;	/* of the month's total, rounded; 0 when the total is 0 */
};

struct usage_report {
	int64_t               subscription_id;
	char                  product_name[201];
	char                  currency[4];
	int32_t               markup_bp;	/* the subscription's markup used */
	int                   year, month;
	int                   days_in_month;
	int                   days_elapsed;	/* days of the month up to today; all of it for a past month, 0 for a future one */
	int                   is_current;	/* the month is the current (UTC) month */
	int64_t               daily[USAGE_DAYS_MAX];	/* [0] is day 1; 0 for days without usage */
	struct usage_service *services;		/* malloc'd, by price descending */
	size_t                nservices;
	struct usage_meter   *meters;		/* malloc'd, by service then meter */
	size_t                nmeters;
	struct usage_group   *groups;		/* malloc'd, by price descending, then name; none when no row has a group */
	size_t                ngroups;
	int64_t               total;		/* month to date */
	int64_t               estimate;		/* month end: total / days_elapsed x days_in_month, half-up; past months: total */
};

/* usage_report_free - release services and meters (not r itself); NULL is fine. */
void usage_report_free(struct usage_report *r);

/*
 * usage_month - the report of subscription_id for year-month (1..12)
 * into *out (caller calls usage_report_free).  CORE_RANGE for a month
 * outside 2000-01..2100-12.  A future month gives an empty report.
 */
enum core_err usage_month(struct db *db, const struct actor *a, int64_t subscription_id,
    int year, int month, struct usage_report *out);

struct usage_month_total {
	int     year, month;
	int64_t total;
};

struct usage_month_list {
	struct usage_month_total *items;	/* malloc'd, newest first */
	size_t                    n;
	char                      currency[4];
};

/* usage_month_list_free - release l->items; NULL is fine. */
void usage_month_list_free(struct usage_month_list *l);

/* usage_months - the months having usage of subscription_id, newest first, with totals priced as usage_month. */
enum core_err usage_months(struct db *db, const struct actor *a, int64_t subscription_id,
    struct usage_month_list *out);

/*
 * usage_chart_svg - append to out an SVG bar chart of r's daily amounts:
 * role="img" with aria-label, <title> and <desc>, one bar per day (each
 * with its own <title>), y-axis amounts and x-axis day labels.  All text
 * is XML-escaped.  Needs no script and no external resource.
 */
enum core_err usage_chart_svg(const struct usage_report *r, struct buf *out);

/* usage_month_name - "January".."December"; "" outside 1..12. */
const char *usage_month_name(int month);

/*
 * usage_to_json - the report for templates (new reference): subscription_id,
 * name, period ("2025-03"), period_label ("March 2025"), total, forecast
 * and forecast_minor (the current month only: a past month has its
 * total), total_minor, is_current, empty, services [{name,
 * percent, cost}], rows [{service, meter, quantity, unit, cost}],
 * days [{day, amount}], has_groups, groups [{name, cost}] (name "" for
 * usage without a resource group).
 */
json_t *usage_to_json(const struct usage_report *r);

#endif
