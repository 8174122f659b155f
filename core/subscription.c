/*
 * subscription.c - reading subscriptions and the customer's changes to
 * them; renewals for the worker.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "fulfil.h"
#include "money.h"
#include "order.h"
#include "subscription.h"
#include "str.h"
#include "webhook.h"

#define SCOPE_SQL ACTOR_SCOPE_SQL(s)
#define SCOPE_T ACTOR_SCOPE_T
#define SCOPE_ARGS ACTOR_SCOPE_ARGS

#define SUB_COLS "SELECT " SUBSCRIPTION_SQL_COLS " FROM " SUBSCRIPTION_SQL_JOINS

#define LIST_WHERE \
	" WHERE" SCOPE_SQL " AND (? IS NULL OR s.status = ?) AND (? IS NULL OR p.type = ?)" \
	" AND (? IS NULL OR p.name LIKE ? ESCAPE '!')"
#define LIST_T SCOPE_T "ssssCC"

enum {
	SUB_GET,
	SUB_LIST_PRODUCT,
	SUB_LIST_RENEWAL,
	SUB_LIST_NEWEST,
	SUB_LIST_COUNT,
	SUB_LOCK,
	SUB_PRODUCT,
	SUB_ASSIGNED,
	SUB_SET_QTY,
	SUB_SET_PENDING,
	SUB_SET_CANCEL,
	SUB_UPGRADE,
	SUB_DUE_IDS,
	SUB_DUE_LOCK,
	SUB_EXPIRE,
	SUB_END_TERM,
	SUB_RENEW,
	SUB_QTY_HISTORY,
	SUB__MAX
};

#define DUE_COND \
	" ((s.status = 'active' AND s.renewal_date <= ?) OR (s.status = 'trial' AND s.trial_ends_on <= ?))"

static const char *const sql[SUB__MAX] = {
	[SUB_GET] = SUB_COLS " WHERE s.id = ? AND" SCOPE_SQL,
	[SUB_LIST_PRODUCT] = SUB_COLS LIST_WHERE " ORDER BY p.name, s.id LIMIT ? OFFSET ?",
	[SUB_LIST_RENEWAL] = SUB_COLS LIST_WHERE " ORDER BY s.renewal_date, s.id LIMIT ? OFFSET ?",
	[SUB_LIST_NEWEST] = SUB_COLS LIST_WHERE " ORDER BY s.id DESC LIMIT ? OFFSET ?",
	[SUB_LIST_COUNT] =
	    "SELECT COUNT(*) FROM subscriptions s JOIN resellers r ON r.id = s.reseller_id"
	    " JOIN products p ON p.id = s.product_id" LIST_WHERE,
	/* only the subscription row is locked; the product is read without a lock */
	[SUB_LOCK] =
	    "SELECT id, status, quantity, COALESCE(pending_quantity, 0), cancel_at_term_end, product_id,"
	    " billing_period, renewal_date, COALESCE(trial_ends_on, '')"
	    " FROM subscriptions WHERE id = ? AND reseller_id = ? AND customer_id = ? FOR UPDATE",
	[SUB_PRODUCT] =
	    "SELECT name, type, min_quantity, COALESCE(max_quantity, 0) FROM products WHERE id = ?",
	[SUB_ASSIGNED] = "SELECT COUNT(*) FROM m365_assignments WHERE subscription_id = ?",
	[SUB_SET_QTY] =
	    "UPDATE subscriptions SET quantity = ?, pending_quantity = NULL WHERE id = ? AND reseller_id = ?",
	[SUB_SET_PENDING] =
	    "UPDATE subscriptions SET pending_quantity = ? WHERE id = ? AND reseller_id = ?",
	[SUB_SET_CANCEL] =
	    "UPDATE subscriptions SET cancel_at_term_end = 1 WHERE id = ? AND reseller_id = ?",
	[SUB_UPGRADE] =
	    "UPDATE subscriptions SET status = 'active', trial_ends_on = NULL, start_date = CURDATE(),"
	    " renewal_date = CURDATE() + INTERVAL " PERIOD_SQL_MONTHS("billing_period") " MONTH"
	    " WHERE id = ? AND reseller_id = ? AND status = 'trial'",
	[SUB_DUE_IDS] =
	    "SELECT s.id FROM subscriptions s WHERE" DUE_COND
	    " AND (? = 0 OR s.reseller_id IN (SELECT id FROM resellers WHERE distributor_id = ?))"
	    " ORDER BY s.id LIMIT 200",
	/* re-checks the due condition under the lock; JSON_TABLE rows are not lockable, so only subscriptions are */
	[SUB_DUE_LOCK] =
	    "SELECT s.id, s.reseller_id, s.status, s.quantity, COALESCE(s.pending_quantity, 0),"
	    " s.cancel_at_term_end, s.renewal_date,"
	    " (SELECT COUNT(*) FROM m365_assignments ma WHERE ma.subscription_id = s.id)"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) AS j"
	    " JOIN subscriptions s ON s.id = j.id WHERE" DUE_COND " ORDER BY s.id FOR UPDATE",
	[SUB_EXPIRE] =
	    "UPDATE subscriptions SET status = 'expired' WHERE id = ? AND reseller_id = ? AND status = 'trial'",
	[SUB_END_TERM] =
	    "UPDATE subscriptions SET status = 'cancelled', pending_quantity = NULL"
	    " WHERE id = ? AND reseller_id = ? AND status = 'active'",
	/* one period on, anchored on start_date so 31 Jan -> 28 Feb -> 31 Mar */
	[SUB_RENEW] =
	    "UPDATE subscriptions SET quantity = ?, pending_quantity = NULL,"
	    " renewal_date = start_date + INTERVAL (PERIOD_DIFF(DATE_FORMAT(renewal_date, '%Y%m'),"
	    "   DATE_FORMAT(start_date, '%Y%m')) + " PERIOD_SQL_MONTHS("billing_period") ") MONTH"
	    " WHERE id = ? AND reseller_id = ? AND status = 'active'",
	/*
	 * The subscription's quantity and unit cost as they are now hold from
	 * day ? (NULL: today) on (sql/011_subscription_quantities.sql).
	 */
	[SUB_QTY_HISTORY] =
	    "INSERT INTO subscription_quantities (subscription_id, effective_from, quantity, unit_cost)"
	    " SELECT id, COALESCE(?, CURDATE()), quantity, unit_cost FROM subscriptions WHERE id = ? AND reseller_id = ?"
	    " ON DUPLICATE KEY UPDATE quantity = VALUES(quantity), unit_cost = VALUES(unit_cost)",
};

static const struct db_table table = { DB_MOD_SUBSCRIPTION, sql, SUB__MAX };

static const int list_stmt[SUB_SORT__MAX] = {
	[SUB_SORT_PRODUCT] = SUB_LIST_PRODUCT,
	[SUB_SORT_RENEWAL] = SUB_LIST_RENEWAL,
	[SUB_SORT_NEWEST] = SUB_LIST_NEWEST,
};

static const char *const status_names[SUB_STATUS__MAX] = { SUBSCRIPTION_STATUSES(NAMES_NAME) };
static const char *const status_labels[SUB_STATUS__MAX] = { SUBSCRIPTION_STATUSES(NAMES_LABEL) };

NAMES_FN_NAME(subscription_status_name, enum subscription_status, status_names, SUB_STATUS__MAX, "unknown")
NAMES_FN_NAME(subscription_status_label, enum subscription_status, status_labels, SUB_STATUS__MAX, "Unknown")
NAMES_FN_PARSE(subscription_status_parse, status_names, SUB_STATUS__MAX)

DB_LIST_FREE_FN(subscription_list_free, subscription_list)

/* vendor_parse - the status of a subscription's last fulfilment task as where it stands with the vendor. */
static int
vendor_parse(const char *task_status)
{
	int st = fulfil_status_parse(task_status);

	return st == FULFIL_QUEUED || st == FULFIL_WAITING ? SUB_VENDOR_PENDING :
	    st == FULFIL_FAILED ? SUB_VENDOR_FAILED : SUB_VENDOR_SYNCED;
}

#define COL(type, member) DB_COL(type, struct subscription, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	COL(INT, customer_id),
	COL(STR, customer_name),
	COL(INT, product_id),
	COL(STR, product_name),
	COL(STR, sku),
	COL(STR, manufacturer),
	COL(STR, product_type),
	COL(STR, unit_label),
	COL(INT, quantity),
	COL(INT, pending_quantity),
	DB_COL_ENUM(struct subscription, status, subscription_status_parse, SUB_SUSPENDED),
	COL(INT, unit_price),
	COL(INT, unit_cost),
	COL(INT, markup_bp),
	DB_COL_ENUM(struct subscription, billing_period, period_parse, PERIOD_MONTHLY),
	COL(STR, start_date),
	COL(STR, renewal_date),
	COL(STR, trial_ends_on),
	COL(BOOL, cancel_at_term_end),
	COL(STR, currency),
	COL(INT, min_quantity),
	COL(INT, max_quantity),
	COL(INT, assigned),
	COL(INT, order_id),
	COL(STR, order_number),
	DB_COL_ENUM(struct subscription, vendor, vendor_parse, SUB_VENDOR_SYNCED),
	COL(STR, vendor_error),
};
#undef COL

DB_FILL_FN(fill, struct subscription, cols)

enum core_err
subscription_fill_row(struct db_res *res, struct subscription *out)
{
	return fill(res, out);
}

enum core_err
subscription_get(struct db *db, const struct actor *a, int64_t id, struct subscription *out)
{
	struct actor_scope s;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_scope(a, ACT_SUBSCRIPTION_MANAGE, 1, 0, &s)) != CORE_OK)
		return er;
	return db_row(db, &table, SUB_GET, fill, out, "i" SCOPE_T, id, SCOPE_ARGS(s));
}

enum core_err
subscription_list(struct db *db, const struct actor *a, const struct subscription_filter *f,
    const struct db_page *pg, struct subscription_list *out)
{
	struct subscription_filter none = { -1, 0, NULL, NULL, SUB_SORT_PRODUCT };
	struct actor_scope s;
	struct db_rows rows;
	const char *status = NULL;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if (f == NULL)
		f = &none;
	if ((er = actor_scope(a, ACT_SUBSCRIPTION_MANAGE, 1, f->customer_id, &s)) != CORE_OK)
		return er;
	if (f->sort < 0 || f->sort >= SUB_SORT__MAX || f->status >= SUB_STATUS__MAX)
		return CORE_INVALID;
	if (f->status >= 0)
		status = status_names[f->status];
	er = db_list(db, &table, &(struct db_list){ SUB_LIST_COUNT, list_stmt[f->sort], f->search,
	    pg ? pg->offset : 0, pg ? pg->limit : 0, SUBSCRIPTION_LIST_MAX, sizeof(*out->items), fill },
	    &rows, LIST_T, SCOPE_ARGS(s), status, status, f->product_type, f->product_type);
	DB_ROWS_MOVE(out, rows);
	return er;
}

/* ---- the customer's changes ------------------------------------------ */

enum change { CH_QUANTITY, CH_CANCEL, CH_UPGRADE };

struct change_args {
	const struct actor *a;
	int64_t             id;
	enum change         what;
	int32_t             qty;
	char               *why;
};

struct locked {
	int     status;
	int32_t quantity, pending;
	int     cancel_at_term_end;
	int64_t product_id;
	enum period billing_period;
	char    renewal_date[11], trial_ends_on[11];
	char    name[201], type[12];
	int32_t min_q, max_q;
};

#define COL(type, member) DB_COL(type, struct locked, member)
static const struct db_col locked_cols[] = {
	DB_COL_SKIP,
	DB_COL_ENUM(struct locked, status, subscription_status_parse, -1),
	COL(INT, quantity),
	COL(INT, pending),
	COL(BOOL, cancel_at_term_end),
	COL(INT, product_id),
	DB_COL_ENUM(struct locked, billing_period, period_parse, PERIOD_MONTHLY),
	COL(STR, renewal_date),
	COL(STR, trial_ends_on),
};
#undef COL

DB_FILL_INTO_FN(fill_locked, locked_cols)

#define COL(type, member) DB_COL(type, struct locked, member)
static const struct db_col product_cols[] = {
	COL(STR, name),
	COL(STR, type),
	COL(INT, min_q),
	COL(INT, max_q),
};
#undef COL

DB_FILL_INTO_FN(fill_product, product_cols)

/* lock_sub - lock a's subscription id and read it with its product's rules into *l. */
static enum core_err
lock_sub(struct db *db, const struct actor *a, int64_t id, struct locked *l, char *why)
{
	enum core_err er;

	memset(l, 0, sizeof(*l));
	er = db_row(db, &table, SUB_LOCK, fill_locked, l, "iii", id, a->reseller_id, a->customer_id);
	if (er == CORE_NOTFOUND)
		core_say(why, "The subscription was not found.");
	if (er != CORE_OK)
		return er;
	er = db_row(db, &table, SUB_PRODUCT, fill_product, l, "i", l->product_id);
	return er == CORE_NOTFOUND ? CORE_OK : er;
}

static json_t *
state_json(const struct locked *l)
{
	return json_pack("{s:s, s:i, s:i, s:b, s:s, s:s}", "status", subscription_status_name(l->status),
	    "quantity", (int)l->quantity, "pending_quantity", (int)l->pending,
	    "cancel_at_term_end", l->cancel_at_term_end, "renewal_date", l->renewal_date,
	    "trial_ends_on", l->trial_ends_on);
}

static enum core_err
change_txn(struct db *db, void *arg)
{
	struct change_args *c = arg;
	const struct actor *a = c->a;
	struct locked l, now;
	const char *action = NULL;
	/*
	 * What the vendor is told now: an increase and a trial conversion
	 * take effect at once.  A decrease and a cancellation take effect at
	 * the end of the term, and the daily pass tells the vendor then
	 * (subscription_renew_due), so they are not told twice.
	 */
	int tell = -1;
	int32_t tell_qty = 0;
	int64_t assigned = 0;
	enum core_err er;

	if ((er = lock_sub(db, a, c->id, &l, c->why)) != CORE_OK)
		return er;
	switch (c->what) {
	case CH_QUANTITY:
		action = "subscription.change_quantity";
		if (l.status != SUB_ACTIVE) {
			core_say(c->why, "Only an active subscription can change its quantity.");
			return CORE_CONFLICT;
		}
		if (strcmp(l.type, "usage") == 0) {
			core_say(c->why, "A usage plan has no quantity to change.");
			return CORE_CONFLICT;
		}
		if (l.cancel_at_term_end) {
			core_say(c->why, "%s is cancelled and ends on %s; its quantity cannot change.", l.name,
			    l.renewal_date);
			return CORE_CONFLICT;
		}
		if (c->qty < l.min_q || (l.max_q > 0 && c->qty > l.max_q)) {
			if (l.max_q > 0)
				core_say(c->why, "The quantity of %s must be between %d and %d.", l.name,
				    (int)l.min_q, (int)l.max_q);
			else
				core_say(c->why, "The quantity of %s must be at least %d.", l.name, (int)l.min_q);
			return CORE_INVALID;
		}
		if ((er = db_query_int(db, &table, SUB_ASSIGNED, &assigned, "i", c->id)) != CORE_OK)
			return er;
		if (c->qty < assigned) {
			core_say(c->why, "%lld licences of %s are assigned to users; unassign some before reducing to %d.",
			    (long long)assigned, l.name, (int)c->qty);
			return CORE_CONFLICT;
		}
		if (c->qty > l.quantity) {
			er = db_exec(db, &table, SUB_SET_QTY, NULL, "iii", (int64_t)c->qty, c->id, a->reseller_id);
			if (er == CORE_OK)	/* an increase takes effect today */
				er = db_exec(db, &table, SUB_QTY_HISTORY, NULL, "sii", (const char *)NULL, c->id,
				    a->reseller_id);
			tell = FULFIL_QUANTITY;
			tell_qty = c->qty;
		} else if (c->qty < l.quantity)
			er = db_exec(db, &table, SUB_SET_PENDING, NULL, "Iii", (int64_t)c->qty, c->id, a->reseller_id);
		else if (l.pending != 0)
			er = db_exec(db, &table, SUB_SET_PENDING, NULL, "Iii", (int64_t)0, c->id, a->reseller_id);
		else
			return CORE_OK;	/* nothing to change */
		break;
	case CH_CANCEL:
		action = "subscription.cancel_at_term_end";
		if (l.status != SUB_ACTIVE) {
			core_say(c->why, "Only an active subscription can be cancelled.");
			return CORE_CONFLICT;
		}
		if (l.cancel_at_term_end) {
			core_say(c->why, "%s is already set to end on %s.", l.name, l.renewal_date);
			return CORE_CONFLICT;
		}
		er = db_exec(db, &table, SUB_SET_CANCEL, NULL, "ii", c->id, a->reseller_id);
		break;
	case CH_UPGRADE:
		action = "subscription.upgrade_trial";
		if (l.status != SUB_TRIAL) {
			core_say(c->why, "%s is not a trial.", l.name);
			return CORE_CONFLICT;
		}
		er = db_exec(db, &table, SUB_UPGRADE, NULL, "ii", c->id, a->reseller_id);
		if (er == CORE_OK)	/* billed from today, the new start */
			er = db_exec(db, &table, SUB_QTY_HISTORY, NULL, "sii", (const char *)NULL, c->id, a->reseller_id);
		tell = FULFIL_CONVERT;
		break;
	}
	if (er != CORE_OK || (tell >= 0 && (er = fulfil_change(db, c->id, (enum fulfil_action)tell, tell_qty, 0)) != CORE_OK))
		return er;
	if ((er = lock_sub(db, a, c->id, &now, NULL)) != CORE_OK)
		return er;
	if ((er = webhook_emit(db, a->reseller_id, WEBHOOK_SUBSCRIPTION_CHANGED, json_pack("{s:I, s:s, s:o, s:o}", "id", (json_int_t)c->id, "change", action + sizeof("subscription.") - 1, "previous", state_json(&l), "current", state_json(&now)))) != CORE_OK)
		return er;
	return audit_change(db, a, a->reseller_id, action, "subscription", c->id, state_json(&l), state_json(&now));
}

static enum core_err
change(struct db *db, const struct actor *a, int64_t id, enum change what, int32_t qty, char *why)
{
	enum core_err er;

	if ((er = actor_may(a, ACT_SUBSCRIPTION_MANAGE)) != CORE_OK) {
		core_say(why, "Only a customer's users can change its subscriptions.");
		return er;
	}
	if (what == CH_QUANTITY && (qty < 1 || qty > ORDER_QTY_MAX)) {
		core_say(why, "The quantity must be between 1 and %d.", ORDER_QTY_MAX);
		return CORE_INVALID;
	}
	if (id <= 0) {
		core_say(why, "The subscription was not found.");
		return CORE_NOTFOUND;
	}
	return db_txn(db, change_txn, &(struct change_args){ a, id, what, qty, why });
}

enum core_err
subscription_change_quantity(struct db *db, const struct actor *a, int64_t id, int32_t new_qty, char *why)
{
	return change(db, a, id, CH_QUANTITY, new_qty, why);
}

enum core_err
subscription_cancel_at_term_end(struct db *db, const struct actor *a, int64_t id, char *why)
{
	return change(db, a, id, CH_CANCEL, 0, why);
}

enum core_err
subscription_upgrade_trial(struct db *db, const struct actor *a, int64_t id, char *why)
{
	return change(db, a, id, CH_UPGRADE, 0, why);
}

enum core_err
subscription_request_trial(struct db *db, const struct actor *a, int64_t product_id, int64_t *order_id,
    char *why)
{
	struct order_line_input line = { product_id, 1, 1 };
	enum core_err er;

	if ((er = actor_may(a, ACT_ORDER_PLACE)) != CORE_OK) {
		if (why)
			snprintf(why, CORE_WHY, "Only a customer's users can ask for a trial.");
		return er;
	}
	return order_place(db, a, &line, 1, NULL, order_id, why);
}

/* ---- renewals --------------------------------------------------------- */

struct due {
	int64_t id, reseller_id, assigned;
	int     status, cancel;
	int32_t quantity, pending;
	char    renewal_date[11];
};

#define COL(type, member) DB_COL(type, struct due, member)
static const struct db_col due_cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	DB_COL_ENUM(struct due, status, subscription_status_parse, -1),
	COL(INT, quantity),
	COL(INT, pending),
	COL(BOOL, cancel),
	COL(STR, renewal_date),
	COL(INT, assigned),
};
#undef COL

DB_FILL_INTO_FN(fill_due, due_cols)

static enum core_err
renew_txn(struct db *db, void *arg)
{
	struct subscription_batch *r = arg;
	const struct actor *a = r->a;
	struct db_res *res = NULL;
	struct db_rows due;
	json_t *ids = NULL;
	char *text = NULL;
	size_t i;
	int64_t d = a->distributor_id > 0 ? a->distributor_id : 0;
	enum core_err er;

	memset(&r->by, 0, sizeof(r->by));
	r->picked = 0;
	if ((er = db_query(db, &table, SUB_DUE_IDS, &res, "ssii", r->today, r->today, d, d)) != CORE_OK)
		return er;
	if ((ids = json_array()) == NULL) {
		db_res_free(res);
		return CORE_ENOMEM;
	}
	while (db_res_next(res))
		json_array_append_new(ids, json_integer(db_res_int(res, 0)));
	db_res_free(res);
	r->picked = (int64_t)json_array_size(ids);
	if (r->picked == 0) {
		json_decref(ids);
		return CORE_OK;
	}
	text = json_dumps(ids, JSON_COMPACT);
	json_decref(ids);
	if (text == NULL)
		return CORE_ENOMEM;
	er = db_all(db, &table, SUB_DUE_LOCK, sizeof(struct due), fill_due, &due, "sss", text, r->today, r->today);
	free(text);
	for (i = 0; i < due.n && er == CORE_OK; i++) {
		struct due *u = (struct due *)due.items + i;
		const char *action;
		int32_t q = u->quantity;
		int64_t *count;

		if (u->status == SUB_TRIAL) {
			action = "subscription.expire";
			count = &r->by.expired;
			er = db_exec(db, &table, SUB_EXPIRE, NULL, "ii", u->id, u->reseller_id);
			if (er == CORE_OK)
				er = fulfil_change(db, u->id, FULFIL_CANCEL, 0, 0);
		} else if (u->cancel) {
			action = "subscription.end_term";
			count = &r->by.ended;
			er = db_exec(db, &table, SUB_END_TERM, NULL, "ii", u->id, u->reseller_id);
			if (er == CORE_OK)
				er = fulfil_change(db, u->id, FULFIL_CANCEL, 0, 0);
		} else {
			action = "subscription.renew";
			count = &r->by.renewed;
			if (u->pending > 0)
				q = u->pending > u->assigned ? u->pending : (int32_t)u->assigned;
			if (q > u->quantity)
				q = u->quantity;
			er = db_exec(db, &table, SUB_RENEW, NULL, "iii", (int64_t)q, u->id, u->reseller_id);
			if (er == CORE_OK && q != u->quantity) {
				r->by.decreased++;
				/* the decrease holds from the day the term renewed, however late the pass runs */
				er = db_exec(db, &table, SUB_QTY_HISTORY, NULL, "sii", u->renewal_date, u->id,
				    u->reseller_id);
				if (er == CORE_OK)
					er = fulfil_change(db, u->id, FULFIL_QUANTITY, q, 0);
			}
		}
		if (er != CORE_OK || (er = webhook_emit(db, u->reseller_id, WEBHOOK_SUBSCRIPTION_CHANGED, json_pack("{s:I, s:s, s:{s:s, s:i}, s:{s:s, s:i, s:s}}", "id", (json_int_t)u->id, "change", action + sizeof("subscription.") - 1, "previous", "status", subscription_status_name(u->status), "quantity", (int)u->quantity, "current", "status", u->status == SUB_TRIAL ? "expired" : u->cancel ? "cancelled" : "active", "quantity", (int)q, "date", r->today))) != CORE_OK)
			break;
		er = audit_change(db, a, u->reseller_id, action, "subscription", u->id,
		    json_pack("{s:s, s:i, s:i, s:s}", "status", subscription_status_name(u->status),
		    "quantity", (int)u->quantity, "pending_quantity", (int)u->pending,
		    "renewal_date", u->renewal_date),
		    json_pack("{s:s, s:i, s:s}", "status",
		    u->status == SUB_TRIAL ? "expired" : u->cancel ? "cancelled" : "active",
		    "quantity", (int)q, "date", r->today));
		(*count)++;
	}
	free(due.items);
	return er;
}

static int
date_ok(const char *s)
{
	int i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

enum core_err
subscription_batches(struct db *db, const struct actor *a, const char *today,
    enum core_err (*txn)(struct db *, void *), int64_t full, int rounds, int64_t *done,
    struct subscription_renewals *by)
{
	struct subscription_batch b;
	enum core_err er;
	int i;

	*done = 0;
	if (by)
		memset(by, 0, sizeof(*by));
	if ((er = actor_may(a, ACT_SYSTEM)) != CORE_OK)
		return er;
	if (!date_ok(today))
		return CORE_INVALID;
	for (i = 0; i < rounds; i++) {
		memset(&b, 0, sizeof(b));
		b.a = a;
		b.today = today;
		if ((er = db_txn(db, txn, &b)) != CORE_OK)
			return er;
		*done += b.done;
		if (by) {
			by->renewed += b.by.renewed;
			by->decreased += b.by.decreased;
			by->ended += b.by.ended;
			by->expired += b.by.expired;
		}
		if (b.picked < full)
			break;
	}
	return CORE_OK;
}

enum core_err
subscription_renew_due(struct db *db, const struct actor *a, const char *today, struct subscription_renewals *by)
{
	struct subscription_renewals total;
	int64_t n;
	enum core_err er;

	/* each round renews at most 200 and moves each one period on; a row far behind comes back */
	er = subscription_batches(db, a, today, renew_txn, 1, 100000, &n, &total);
	if (by)
		*by = total;
	return er;
}

/* ---- templates -------------------------------------------------------- */

json_t *
subscription_to_json(const struct subscription *s)
{
	char price[48];
	int64_t amount = 0;
	int usage = strcmp(s->product_type, "usage") == 0;

	if (usage)
		snprintf(price, sizeof(price), "Usage");
	else if (money_mul(s->unit_price, s->quantity, &amount) == CORE_OK)
		money_format(amount, s->currency, price, sizeof(price));
	else
		price[0] = '\0';
	/* cancelled at term end: renewal_date is the day it ends, and nothing about it changes any more */
	int ending = s->status == SUB_ACTIVE && s->cancel_at_term_end;

	return json_pack("{s:I, s:s, s:s, s:s, s:i, s:i, s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s,"
	    " s:b, s:s, s:b, s:b, s:b, s:b, s:i, s:i, s:b, s:b, s:b, s:i, s:I, s:s, s:b, s:b, s:s}",
	    "id", (json_int_t)s->id, "name", s->product_name, "manufacturer", s->manufacturer,
	    "sku", s->sku, "quantity", (int)s->quantity, "pending_quantity", (int)s->pending_quantity,
	    "has_pending", s->pending_quantity > 0,
	    "status", subscription_status_name(s->status), "status_label", subscription_status_label(s->status),
	    "billing_period", period_label(s->billing_period),
	    "price", price, "period_label", usage ? "" : period_suffix(s->billing_period),
	    "start_date", s->start_date, "renewal_date", s->renewal_date,
	    "is_trial", s->status == SUB_TRIAL, "trial_ends", s->trial_ends_on,
	    "can_convert", s->status == SUB_TRIAL,
	    "is_m365", strcmp(s->product_type, "license") == 0 && strcmp(s->manufacturer, "Microsoft") == 0,
	    "is_azure", usage,
	    "can_change_quantity", s->status == SUB_ACTIVE && !usage && !ending,
	    "min_quantity", (int)(s->assigned > s->min_quantity ? s->assigned : s->min_quantity),
	    "max_quantity", (int)(s->max_quantity > 0 ? s->max_quantity : ORDER_QTY_MAX),
	    "can_cancel", s->status == SUB_ACTIVE && !s->cancel_at_term_end,
	    "cancel_at_term_end", s->cancel_at_term_end, "ending", ending,
	    "assigned", (int)s->assigned, "order_id", (json_int_t)s->order_id, "order_number", s->order_number,
	    "vendor_pending", s->vendor == SUB_VENDOR_PENDING, "vendor_failed", s->vendor == SUB_VENDOR_FAILED,
	    "vendor_error", s->vendor_error);
}
