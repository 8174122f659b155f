/*
 * subscription.h - what a completed order line of a recurring product
 * becomes: a quantity of licences with a status (trial, active,
 * suspended, cancelled, expired) and a renewal date.
 *
 * Subscriptions are made by order.c when an order completes; this module
 * reads them and lets the customer change them:
 *  - a quantity increase applies now; a decrease is scheduled
 *    (pending_quantity) and applied at renewal_date by
 *    subscription_renew_due; never below the licences assigned to
 *    Microsoft 365 users;
 *  - cancel at term end: the subscription stays active until renewal_date,
 *    then subscription_renew_due cancels it;
 *  - a trial converts to active (trial_ends_on cleared, a new term from
 *    today), or expires at trial_ends_on;
 *  - a trial is requested as an order with one trial line (see
 *    order_place): one trial per product per customer, ever;
 *  - 7 days before a trial ends the customer is e-mailed once
 *    (subscription_trial_reminders, in subscription_remind.c).
 *
 * Scope of reads: as orders (storefront users their customer, reseller
 * admins their reseller, support/distributor admins their distributor,
 * the system all or a->distributor_id); outside it CORE_NOTFOUND.
 */
#ifndef SHELF_SUBSCRIPTION_H
#define SHELF_SUBSCRIPTION_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"
#include "period.h"
#include "names.h"

#define SUBSCRIPTION_LIST_MAX 500

/*
 * The columns of a subscription row in the order subscription_fill_row
 * reads them, over SUBSCRIPTION_SQL_JOINS (subscriptions s, resellers r,
 * customers c, products p, order_lines ol, orders o, fulfilments lf): for
 * a module that reads subscriptions in a statement of its own
 * (core/account_view.c) without a second copy of them.
 */
#define SUBSCRIPTION_SQL_COLS \
	"s.id, s.reseller_id, s.customer_id, c.name, s.product_id, p.name, p.sku, p.manufacturer," \
	" p.type, p.unit_label, s.quantity, COALESCE(s.pending_quantity, 0), s.status, s.unit_price," \
	" s.unit_cost, s.markup_bp, s.billing_period, s.start_date, s.renewal_date," \
	" COALESCE(s.trial_ends_on, ''), s.cancel_at_term_end, r.currency, p.min_quantity," \
	" COALESCE(p.max_quantity, 0)," \
	" (SELECT COUNT(*) FROM m365_assignments ma WHERE ma.subscription_id = s.id)," \
	" COALESCE(o.id, 0), COALESCE(o.number, '')," \
	" COALESCE(lf.status, ''), COALESCE(lf.error, '')"
#define SUBSCRIPTION_SQL_NCOLS 29
#define SUBSCRIPTION_SQL_JOINS \
	"subscriptions s JOIN resellers r ON r.id = s.reseller_id" \
	" JOIN customers c ON c.reseller_id = s.reseller_id AND c.id = s.customer_id" \
	" JOIN products p ON p.id = s.product_id" \
	" LEFT JOIN order_lines ol ON ol.id = s.order_line_id" \
	" LEFT JOIN orders o ON o.id = ol.order_id" \
	" LEFT JOIN fulfilments lf ON lf.id = (SELECT MAX(f.id) FROM fulfilments f WHERE f.subscription_id = s.id)"

/* X(symbol, subscriptions.status, label) */
#define SUBSCRIPTION_STATUSES(X) \
	X(SUB_TRIAL,     "trial",     "Trial") \
	X(SUB_ACTIVE,    "active",    "Active") \
	X(SUB_SUSPENDED, "suspended", "Suspended") \
	X(SUB_CANCELLED, "cancelled", "Cancelled") \
	X(SUB_EXPIRED,   "expired",   "Expired")

enum subscription_status {
	SUBSCRIPTION_STATUSES(NAMES_SYM)
	SUB_STATUS__MAX
};

/* Where the last change of a subscription stands with the vendor. */
enum sub_vendor {
	SUB_VENDOR_SYNCED,	/* no change, or the connector confirmed the last one */
	SUB_VENDOR_PENDING,	/* the last change is queued or waits in the fulfilment queue */
	SUB_VENDOR_FAILED,	/* the vendor refused the last change: vendor_error */
};

struct subscription {
	int64_t                  id;
	int64_t                  reseller_id;
	int64_t                  customer_id;
	char                     customer_name[201];
	int64_t                  product_id;
	char                     product_name[201];
	char                     sku[65];
	char                     manufacturer[65];
	char                     product_type[12];	/* license, usage, software, service */
	char                     unit_label[33];
	int32_t                  quantity;
	int32_t                  pending_quantity;	/* scheduled decrease, 0: none */
	enum subscription_status status;
	int64_t                  unit_price;	/* per licence per period; 0 for usage plans */
	int64_t                  unit_cost;
	int32_t                  markup_bp;
	enum period              billing_period;	/* monthly or annual */
	char                     start_date[11];	/* YYYY-MM-DD */
	char                     renewal_date[11];	/* YYYY-MM-DD: next renewal (or end of term) */
	char                     trial_ends_on[11];	/* YYYY-MM-DD or "" */
	int                      cancel_at_term_end;
	char                     currency[4];
	int32_t                  min_quantity;	/* the product's */
	int32_t                  max_quantity;	/* the product's, 0: no maximum */
	int32_t                  assigned;	/* Microsoft 365 licence assignments */
	int64_t                  order_id;	/* the order it came from, 0 if none */
	char                     order_number[33];
	enum sub_vendor          vendor;	/* whether the vendor has its last change (core/fulfil.h) */
	char                     vendor_error[501];	/* why the vendor refused it, when SUB_VENDOR_FAILED */
};

enum subscription_sort {
	SUB_SORT_PRODUCT,	/* product name (default) */
	SUB_SORT_RENEWAL,	/* next renewal first */
	SUB_SORT_NEWEST,
	SUB_SORT__MAX
};

struct subscription_filter {
	int                    status;		/* enum subscription_status or -1 */
	int64_t                customer_id;	/* 0: any; honoured for reseller admins and support only */
	const char            *product_type;	/* NULL: any; "license", "usage", ... */
	const char            *search;		/* NULL/"": none; product name contains */
	enum subscription_sort sort;
};

DB_LIST(subscription_list, struct subscription);

/* subscription_list_free - release l->items; NULL is fine. */
void subscription_list_free(struct subscription_list *l);

/* subscription_status_name - "trial", ...; never NULL. */
const char *subscription_status_name(enum subscription_status s);
/* subscription_status_label - "Trial", "Active", ...; never NULL. */
const char *subscription_status_label(enum subscription_status s);
/* subscription_status_parse - the status named, or -1. */
int subscription_status_parse(const char *name);

/*
 * subscription_fill_row - the current row of res, SUBSCRIPTION_SQL_COLS
 * from its first column, into *out (zeroed first).  CORE_DB when the row
 * has too few columns.
 */
struct db_res;
enum core_err subscription_fill_row(struct db_res *res, struct subscription *out);

/* subscription_list - a page of subscriptions in a's scope matching f (NULL: all) into *out. */
enum core_err subscription_list(struct db *db, const struct actor *a,
    const struct subscription_filter *f, const struct db_page *pg,
    struct subscription_list *out);

/* subscription_get - one subscription into *out; CORE_NOTFOUND outside a's scope. */
enum core_err subscription_get(struct db *db, const struct actor *a, int64_t id, struct subscription *out);

/*
 * subscription_change_quantity - storefront user (ACT_SUBSCRIPTION_MANAGE)
 * of the subscription's customer.  Only active subscriptions of
 * licence-counted products.  new_qty > quantity: applied now (a scheduled
 * decrease is dropped); new_qty < quantity: scheduled as pending_quantity
 * for renewal_date; new_qty == quantity: drops a scheduled decrease.
 * Refused (CORE_CONFLICT + why) below the number of Microsoft 365
 * assignments and for a subscription cancelled at term end (it ends on
 * renewal_date: "X is cancelled and ends on YYYY-MM-DD; its quantity
 * cannot change."); CORE_INVALID outside 1..10000 or the product's min/max.
 */
enum core_err subscription_change_quantity(struct db *db, const struct actor *a, int64_t id,
    int32_t new_qty, char *why);

/* subscription_cancel_at_term_end - storefront user: an active subscription ends at renewal_date. */
enum core_err subscription_cancel_at_term_end(struct db *db, const struct actor *a, int64_t id, char *why);

/*
 * subscription_upgrade_trial - storefront user: trial -> active,
 * trial_ends_on cleared, a new term starts today (start_date today,
 * renewal today + 1 month / 1 year).  CORE_CONFLICT when not a trial.
 */
enum core_err subscription_upgrade_trial(struct db *db, const struct actor *a, int64_t id, char *why);

/*
 * subscription_request_trial - storefront user: place an order with one
 * trial line of product_id (quantity: the product's minimum) through
 * order_place, with all its checks: listed by the reseller, has
 * trial_days, the customer never had a trial or subscription of it
 * (CORE_CONFLICT + why on the second request), approval when the customer
 * needs it.  The trial line carries the prices that apply after
 * conversion; the order's totals (what is charged now) do not include it.
 * *order_id gets the new order.
 */
enum core_err subscription_request_trial(struct db *db, const struct actor *a, int64_t product_id,
    int64_t *order_id, char *why);

/* What one subscription_renew_due did. */
struct subscription_renewals {
	int64_t renewed;	/* active ones moved one period on (a decrease applied or not) */
	int64_t decreased;	/* of those, the ones whose quantity changed */
	int64_t ended;		/* cancelled at term end */
	int64_t expired;	/* trials that ended unconverted */
};

/*
 * One batch of a daily job (subscription_batches): the job's transaction
 * gets it with a and today set, the rest 0, and sets picked to the rows
 * it took, done to the ones it acted on and, for renewals, by to what
 * each change was (a retried transaction starts again from 0).
 */
struct subscription_batch {
	const struct actor          *a;
	const char                  *today;
	int64_t                      picked;
	int64_t                      done;
	struct subscription_renewals by;
};

/*
 * subscription_batches - the loop of the daily jobs (renewals, trial
 * reminders): checks a is ACT_SYSTEM (else CORE_FORBIDDEN) and today is
 * "YYYY-MM-DD" (else CORE_INVALID), then runs txn in one transaction per
 * batch until a batch picks fewer than full rows, at most rounds batches.
 * *done (not NULL) gets the sum of the batches' done and *by (may be
 * NULL) the sum of their by, also of those committed before an error.
 */
enum core_err subscription_batches(struct db *db, const struct actor *a, const char *today,
    enum core_err (*txn)(struct db *, void *), int64_t full, int rounds, int64_t *done,
    struct subscription_renewals *by);

/*
 * subscription_renew_due - system (ACT_SYSTEM): for every subscription
 * (of a->distributor_id's resellers, or all when it is 0) due on or
 * before today ("YYYY-MM-DD"): active ones with cancel_at_term_end become
 * cancelled; other active ones renew: a scheduled decrease applies (never
 * below the licences assigned: the quantity becomes the larger of the
 * two) and renewal_date moves one period on (anchored on start_date);
 * trials whose trial_ends_on has come expire.  A subscription several
 * periods behind renews once per period (each with its audit row) until
 * its renewal_date is after today; only the first of those can apply a
 * decrease.  The vendor is told in the transaction of the change
 * (fulfil_change): FULFIL_QUANTITY with the new quantity when a renewal
 * changed it, FULFIL_CANCEL for a term-end cancellation and for an
 * expired trial (a keys product has no vendor: no task).  Batches of 200
 * per transaction, each change audited.  Running it again for the same
 * day finds nothing due and changes nothing.  *by (may be NULL) counts
 * the changes, also when a later batch failed.
 */
enum core_err subscription_renew_due(struct db *db, const struct actor *a, const char *today,
    struct subscription_renewals *by);

/*
 * subscription_trial_reminders - system (ACT_SYSTEM): for every trial
 * (of a->distributor_id's resellers, or all when it is 0) whose
 * trial_ends_on is today ("YYYY-MM-DD") + 7 days and that was not
 * reminded yet: queue the e-mail "trial_ending" to the customer (the
 * storefront user who asked for the trial while active, else the
 * customer's address; data: product_name, quantity, trial_ends, price
 * and period_label after conversion, is_usage, days_left, customer_name,
 * company_name, subscription_url and storefront_url, null without a
 * storefront) and set trial_reminded_on = today, in one transaction per
 * batch of 100.  Each trial once, also with several workers at once:
 * rows are locked FOR UPDATE SKIP LOCKED and the mark is guarded by
 * trial_reminded_on IS NULL.  A day missed (no worker ran) is not made
 * up.  *queued (may be NULL) counts the e-mails queued.  CORE_FORBIDDEN
 * for another role, CORE_INVALID for a bad date.
 */
enum core_err subscription_trial_reminders(struct db *db, const struct actor *a, const char *today,
    int *queued);

/*
 * subscription_to_json - the subscription for templates (new reference):
 * id, name, manufacturer, sku, quantity, pending_quantity, has_pending,
 * status, status_label, billing_period, price (quantity x unit price,
 * formatted; "Usage" for usage plans), period_label, start_date,
 * renewal_date, is_trial, trial_ends, can_convert, is_m365, is_azure,
 * can_change_quantity (false once cancelled at term end), min_quantity,
 * max_quantity, can_cancel, cancel_at_term_end, ending (active and
 * cancelled at term end: renewal_date is the day it ends, not a renewal),
 * assigned, order_id, order_number.
 */
json_t *subscription_to_json(const struct subscription *s);

#endif
