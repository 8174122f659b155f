/*
 * order.h - orders of a customer: lines of product x quantity with the
 * price and cost captured at the time of ordering, and the order's life.
 *
 * State machine (one table in order.c, from-state x event -> to-state,
 * and the action a role needs to fire the event):
 *
 *   pending_approval --approve (reseller admin)--> approved (queues provision)
 *   pending_approval --reject  (reseller admin)--> rejected (reason 1..500)
 *   pending_approval --cancel  (storefront user of the customer)--> cancelled
 *   approved      --start_provisioning (system)--> provisioning
 *   provisioning  --complete (system)-----------> completed (subscriptions, assets)
 *   provisioning  --fail     (system)-----------> failed
 *
 * Any other (state, event) pair is CORE_CONFLICT with a why such as
 * "Order SO-000012 is already approved." and changes nothing.
 *
 * E-mails (order_mail.h): the one function that changes an order's
 * status queues, in the same transaction, the e-mail of the state
 * entered: approved, rejected (with the reason), completed and failed
 * (with the reason; the reseller too) go to the customer.  order_place
 * queues the reseller's "awaits your approval" for a pending_approval
 * order.  So every path into those states (order_approve, order_reject,
 * order_advance, order_fail) sends exactly one e-mail, and a rolled
 * back change sends none: callers, the fulfilment code among them, need
 * not and should not queue these e-mails themselves (order_mail_event
 * would ignore the second call for the same order and kind anyway).
 *
 * Prices: unit_price = money_price(unit_cost, markup_bp) from the
 * product's current cost and the listing's current markup, line_price =
 * unit_price x quantity, totals = sum of lines.  Everything is an exact
 * integer count of minor units, so a total always equals the sum of the
 * lines shown.  Trial lines (is_trial) carry the prices that apply once
 * the trial converts (the schema's contract for order_lines) but are not
 * charged: the order totals sum only the non-trial lines.
 *
 * Who sees what (reads): a storefront user its own customer's orders, a
 * reseller admin its reseller's, support and distributor admins the
 * orders of their distributor's resellers, the system any (confined to
 * a->distributor_id when that is set).  An id outside that scope is
 * CORE_NOTFOUND, exactly like an id that does not exist.
 */
#ifndef SHELF_ORDER_H
#define SHELF_ORDER_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"
#include "period.h"
#include "names.h"

#define ORDER_LINES_MAX   100	/* lines of one order (after merging) */
#define ORDER_QTY_MAX     10000	/* quantity of one line */
#define ORDER_TOKEN_MAX   64	/* orders.order_token */
#define ORDER_REASON_MAX  500	/* reject / failure reason, characters */
#define ORDER_LIST_MAX    500	/* page size cap */
#define ORDER_REFERENCE_MAX 64	/* orders.customer_reference, characters */
#define ORDER_NOTE_MAX    1000	/* orders.customer_note, characters */

/*
 * The columns of an order row (no lines) in the order order_fill_row
 * reads them, over ORDER_SQL_JOINS (orders o, resellers r, customers c,
 * storefront_users u): for a module that reads orders in a statement of
 * its own (core/account_view.c) without a second copy of them.
 * ORDER_SQL_OPEN: an order not yet done (order_open_count).
 */
#define ORDER_SQL_COLS \
	"o.id, o.reseller_id, o.customer_id, c.name, o.number, o.status, o.currency," \
	" o.total_price, o.total_cost, o.placed_by_user_id, COALESCE(u.name, ''), o.placed_via," \
	" COALESCE(o.reject_reason, ''), COALESCE(o.failure_reason, ''), o.decided_by_operator_id," \
	" COALESCE(DATE_FORMAT(o.decided_at, '%Y-%m-%d %H:%i:%s'), '')," \
	" DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s')," \
	" (SELECT COUNT(*) FROM order_lines ol WHERE ol.order_id = o.id), COALESCE(o.customer_reference, '')"
#define ORDER_SQL_NCOLS 19
#define ORDER_SQL_JOINS \
	"orders o JOIN resellers r ON r.id = o.reseller_id" \
	" JOIN customers c ON c.reseller_id = o.reseller_id AND c.id = o.customer_id" \
	" LEFT JOIN storefront_users u ON u.id = o.placed_by_user_id"
#define ORDER_SQL_OPEN "o.status IN ('pending_approval', 'approved', 'provisioning')"

/* X(symbol, orders.status, label for customers, phrase: "Order SO-1 is <phrase>") */
#define ORDER_STATUSES(X) \
	X(ORDER_PENDING_APPROVAL, "pending_approval", "Awaiting approval", "awaiting approval") \
	X(ORDER_APPROVED,         "approved",         "Approved",          "approved") \
	X(ORDER_PROVISIONING,     "provisioning",     "Provisioning",      "being provisioned") \
	X(ORDER_COMPLETED,        "completed",        "Completed",         "completed") \
	X(ORDER_FAILED,           "failed",           "Failed",            "failed") \
	X(ORDER_REJECTED,         "rejected",         "Rejected",          "rejected") \
	X(ORDER_CANCELLED,        "cancelled",        "Cancelled",         "cancelled")

enum order_status {
	ORDER_STATUSES(NAMES_SYM)
	ORDER_STATUS__MAX
};

enum order_event {
	ORDER_EV_APPROVE,
	ORDER_EV_REJECT,
	ORDER_EV_CANCEL,
	ORDER_EV_START_PROVISIONING,
	ORDER_EV_COMPLETE,
	ORDER_EV_FAIL,
	ORDER_EV__MAX
};

/* One line the customer asks for. */
struct order_line_input {
	int64_t product_id;
	int32_t quantity;	/* 1..ORDER_QTY_MAX and within the product's min/max */
	int     is_trial;	/* a free trial of a product with trial_days */
};

struct order_line {
	int64_t id;
	int32_t line_no;
	int64_t product_id;
	char    product_name[201];
	char    sku[65];
	char    type[12];		/* license, usage, software, service */
	enum period billing_period;
	int32_t quantity;
	int64_t unit_price;
	int64_t unit_cost;
	int32_t markup_bp;
	int64_t line_price;
	int64_t line_cost;
	int     is_trial;
	int     fulfil_status;	/* enum fulfil_status of the line's provision task; -1 before there is one */
	char  **keys;		/* order_get: the licence keys given to the line (malloc'd, order_free), else NULL */
	size_t  nkeys;
};

struct order {
	int64_t            id;
	int64_t            reseller_id;
	int64_t            customer_id;
	char               customer_name[201];
	char               number[33];
	enum order_status  status;
	char               currency[4];
	int64_t            total_price;
	int64_t            total_cost;
	int64_t            placed_by_user_id;	/* 0 when not placed by a storefront user */
	char               placed_by_name[201];	/* "" when unknown */
	char               placed_via[12];
	char               reject_reason[501];
	char               failure_reason[501];
	int64_t            decided_by_operator_id;	/* 0: none */
	char               decided_at[20];	/* "YYYY-MM-DD HH:MM:SS" UTC or "" */
	char               created_at[20];	/* "YYYY-MM-DD HH:MM:SS" UTC */
	int32_t            item_count;	/* number of lines */
	char               customer_reference[ORDER_REFERENCE_MAX * 4 + 1];	/* the customer's "Your reference", "" for none */
	char              *customer_note;	/* the customer's notes, malloc'd; order_get only, NULL for none */
	struct order_line *lines;	/* order_get only; NULL in lists */
	size_t             nlines;
};

/* order_free - release o->lines and o->customer_note (not o itself); NULL is fine. */
void order_free(struct order *o);

enum order_sort {
	ORDER_SORT_NEWEST,	/* created_at descending (default) */
	ORDER_SORT_OLDEST,
	ORDER_SORT_NUMBER,	/* order number ascending */
	ORDER_SORT_TOTAL,	/* total price descending */
	ORDER_SORT__MAX
};

struct order_filter {
	int             status;		/* enum order_status, or -1 for any */
	int64_t         customer_id;	/* 0: any; honoured for reseller admins and support only */
	const char     *search;		/* NULL/"": none; number prefix or customer name contains */
	enum order_sort sort;
};

/* A page of orders (DB_LIST); lines are not loaded. */
DB_LIST(order_list, struct order);

/* order_list_free - release l->items; NULL is fine. */
void order_list_free(struct order_list *l);

/* order_status_name - "pending_approval", ...; never NULL. */
const char *order_status_name(enum order_status s);

/* order_status_label - "Awaiting approval", "Approved", ...; never NULL. */
const char *order_status_label(enum order_status s);

/* order_status_parse - the status named, or -1. */
int order_status_parse(const char *name);

/*
 * order_place - a storefront user (ACT_ORDER_PLACE) orders lines for its
 * customer (customer and reseller come from a).  One transaction: locks
 * the customer row and the reseller's order_seq, checks every product is
 * listed by the reseller and active, merges duplicate product lines,
 * captures cost and markup, numbers the order "SO-nnnnnn", stores it as
 * pending_approval (customer needs approval: then queues the reseller's
 * e-mail, order_mail.h) or approved (then queues an outbox 'provision'
 * row {order_id}), and writes the audit row.
 *
 * order_token (may be NULL: no replay protection) is the one-time form
 * token, at most ORDER_TOKEN_MAX bytes: a second call with the same token
 * places nothing and returns the first order's id with CORE_OK, also when
 * the two calls race on different connections.
 *
 * Trial lines: the product must have trial_days, the customer must never
 * have had a trial of it (an order with a trial line of it that was not
 * rejected or cancelled) nor a subscription of it; the quantity is raised
 * to the product's minimum.  See subscription_request_trial.
 *
 * Errors (why filled): CORE_FORBIDDEN (role, inactive customer, reseller
 * without storefront), CORE_NOTFOUND (product unknown or not listed),
 * CORE_INVALID (no lines, bad quantity, token, trial of a product without
 * trial), CORE_CONFLICT (second trial), CORE_RANGE (amount overflow).
 * *order_id is set on CORE_OK only.
 */
enum core_err order_place(struct db *db, const struct actor *a,
    const struct order_line_input *lines, size_t n, const char *order_token,
    int64_t *order_id, char *why);

/*
 * order_place_noted - order_place with the customer's words from the
 * checkout: reference ("Your reference", one line, at most
 * ORDER_REFERENCE_MAX characters) into orders.customer_reference, note
 * (at most ORDER_NOTE_MAX characters, line breaks kept) into
 * orders.customer_note.  Both borrowed, trimmed; NULL or only white space
 * stores NULL.  Too long, a control character (a line break in the
 * reference) or bad UTF-8 is CORE_INVALID with why, before anything is
 * written.  A replayed token answers with the first order, its words
 * unchanged.  order_place is this with both NULL.
 */
enum core_err order_place_noted(struct db *db, const struct actor *a,
    const struct order_line_input *lines, size_t n, const char *order_token,
    const char *reference, const char *note, int64_t *order_id, char *why);

struct checkout_grant;

/*
 * order_place_checkout - order_place_noted for the storefront's checkout,
 * where token is one the server issued (checkout.h): it is redeemed in
 * the order's transaction and must have been issued to grant's session
 * for grant's cart; otherwise nothing is placed and CORE_CONFLICT says
 * the form expired.  The same token again answers with its order, as for
 * order_place.
 */
enum core_err order_place_checkout(struct db *db, const struct actor *a,
    const struct order_line_input *lines, size_t n, const char *token, const struct checkout_grant *grant,
    const char *reference, const char *note, int64_t *order_id, char *why);

/* order_approve - reseller admin: pending_approval -> approved, queues provisioning and the customer's e-mail. */
enum core_err order_approve(struct db *db, const struct actor *a, int64_t order_id, char *why);

/*
 * order_reject - reseller admin: pending_approval -> rejected; reason 1..500
 * characters (CORE_INVALID); the customer is e-mailed the reason.
 */
enum core_err order_reject(struct db *db, const struct actor *a, int64_t order_id,
    const char *reason, char *why);

/* order_cancel - storefront user of the order's customer: pending_approval -> cancelled. */
enum core_err order_cancel(struct db *db, const struct actor *a, int64_t order_id, char *why);

/*
 * order_may - could a fire ev on an order (number, for why) in state
 * from?  The same role check and state table as order_advance, without
 * the database: for offering only the actions that would be accepted
 * (the TUI's footer).  CORE_FORBIDDEN, CORE_CONFLICT ("Order SO-1 is
 * already approved.") or CORE_INVALID, with why (may be NULL).  The
 * state may have changed since it was read: the change itself checks
 * again.
 */
enum core_err order_may(const struct actor *a, const char *number, enum order_status from,
    enum order_event ev, char *why);

/*
 * order_advance - fire event ev as a.  Each event needs its action
 * (approve/reject: ACT_ORDER_DECIDE, cancel: ACT_ORDER_PLACE,
 * start_provisioning/complete/fail: ACT_SYSTEM).  The system events are
 * the worker's: complete creates, in the same transaction, one
 * subscription per recurring line (monthly/annual; active, or trial with
 * trial_ends_on = today + trial_days; start today, renewal today + 1
 * month / 1 year, or the trial's end for a trial) and one asset per
 * one_time line.  reject uses order_reject (its reason is required); fail
 * records no reason here (order_fail gives one).
 * Errors: CORE_FORBIDDEN, CORE_NOTFOUND, CORE_CONFLICT (illegal
 * transition: nothing changes), CORE_INVALID.
 */
enum core_err order_advance(struct db *db, const struct actor *a, int64_t order_id,
    enum order_event ev, char *why);

/* order_fail - system: provisioning -> failed with a reason (NULL: none), kept in failure_reason. */
enum core_err order_fail(struct db *db, const struct actor *a, int64_t order_id,
    const char *reason, char *why);

/*
 * order_step - fire ev (not reject) as a inside the caller's open
 * transaction (db_txn): the same state table, role check, effects
 * (complete: subscriptions and assets) and audit row as order_advance;
 * for fail, reason (NULL: none) is kept in failure_reason, cut to
 * ORDER_REASON_MAX bytes.  For core modules that change an order together
 * with rows of their own (fulfil.c), so the rules live only here.
 * CORE_CONFLICT (illegal transition) and CORE_NOTFOUND write nothing;
 * CORE_INVALID outside a transaction.
 */
enum core_err order_step(struct db *db, const struct actor *a, int64_t order_id, enum order_event ev,
    const char *reason, char *why);

/*
 * order_get - one order with its lines into *out (caller calls
 * order_free).  CORE_NOTFOUND when it does not exist or is outside a's
 * scope; CORE_FORBIDDEN for a role that cannot read orders.
 */
enum core_err order_get(struct db *db, const struct actor *a, int64_t order_id, struct order *out);

/*
 * order_fill_row - the current row of res, ORDER_SQL_COLS from its first
 * column, into *out (zeroed first; no lines).  CORE_ENOMEM, CORE_DB when
 * the row has too few columns.
 */
struct db_res;
enum core_err order_fill_row(struct db_res *res, struct order *out);

/*
 * order_list - a page of orders in a's scope matching f (NULL: all,
 * newest first) into *out (caller calls order_list_free).  pg NULL: the
 * first 50.  Lines are not loaded; item_count says how many there are.
 */
enum core_err order_list(struct db *db, const struct actor *a, const struct order_filter *f,
    const struct db_page *pg, struct order_list *out);

/* order_pending_count - orders awaiting approval in a's scope. */
enum core_err order_pending_count(struct db *db, const struct actor *a, int64_t *n);

/* order_open_count - orders in a's scope not yet done: awaiting approval, approved or provisioning. */
enum core_err order_open_count(struct db *db, const struct actor *a, int64_t *n);

/*
 * order_to_json - the order for templates (new reference; NULL on ENOMEM):
 * id, number, status, status_label, date, placed_by, total (formatted),
 * total_minor, currency, item_count, can_cancel, reject_reason,
 * reference and notes (the customer's; absent when none), and
 * lines [{line_no, product_id, name, sku, quantity, unit_price,
 * line_total (formatted), period_label, is_trial, fulfil_status and
 * fulfil_label (the line's provision task: "queued"/"Queued", ...; ""
 * before there is one), keys (the licence keys given to the line, []),
 * has_keys}].  Costs are left out:
 * they are the reseller's business, not the customer's.
 */
json_t *order_to_json(const struct order *o);

#endif
