/*
 * order.c - orders after they are placed (order_place.c places them):
 * their states, reads and JSON.
 *
 * The state machine is the table `next` (from-state x event -> to-state)
 * plus `event_action` (which action a role needs to fire the event);
 * order_transition is the only function that changes an order's status,
 * and it queues the e-mail of the new state (status_mail) in the same
 * transaction.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mysqld_error.h>
#include "audit.h"
#include "fulfil.h"
#include "money.h"
#include "order.h"
#include "order_mail.h"
#include "outbox.h"
#include "str.h"
#include "webhook.h"

/*
 * Read scope: (? = 0 OR r.distributor_id = ?) AND (? = 0 OR o.reseller_id
 * = ?) AND (? = 0 OR o.customer_id = ?), bound from struct actor_scope.  A
 * storefront user always has reseller and customer set, a reseller admin
 * the reseller, support the distributor (see actor_scope in actor.h).
 */
#define SCOPE_SQL ACTOR_SCOPE_SQL(o)
#define SCOPE_T ACTOR_SCOPE_T
#define SCOPE_ARGS ACTOR_SCOPE_ARGS

#define ORDER_SELECT "SELECT " ORDER_SQL_COLS
#define ORDER_FROM " FROM " ORDER_SQL_JOINS
#define ORDER_COLS ORDER_SELECT ORDER_FROM

#define LIST_WHERE \
	" WHERE" SCOPE_SQL " AND (? IS NULL OR o.status = ?)" \
	" AND (? IS NULL OR o.number LIKE ? ESCAPE '!' OR c.name LIKE ? ESCAPE '!')"
#define LIST_T SCOPE_T "ssPPC"

enum {
	ORD_LOCK_ORDER,
	ORD_RESELLER_DISTRIBUTOR,
	ORD_SET_STATUS,
	ORD_SUBS_FROM_LINES,
	ORD_ASSETS_FROM_LINES,
	ORD_GET,
	ORD_LINES,
	ORD_LINE_KEYS,
	ORD_LIST_NEWEST,
	ORD_LIST_OLDEST,
	ORD_LIST_NUMBER,
	ORD_LIST_TOTAL,
	ORD_LIST_COUNT,
	ORD_PENDING_COUNT,
	ORD_OPEN_COUNT,
	ORD__MAX
};

static const char *const sql[ORD__MAX] = {
	[ORD_LOCK_ORDER] =
	    "SELECT id, status, number, reseller_id, customer_id FROM orders"
	    " WHERE id = ? AND (? = 0 OR reseller_id = ?) AND (? = 0 OR customer_id = ?) FOR UPDATE",
	[ORD_RESELLER_DISTRIBUTOR] = "SELECT distributor_id FROM resellers WHERE id = ?",
	[ORD_SET_STATUS] =
	    "UPDATE orders SET status = ?, decided_by_operator_id = COALESCE(?, decided_by_operator_id),"
	    " decided_at = IF(? = 1, NOW(), decided_at), reject_reason = COALESCE(?, reject_reason),"
	    " failure_reason = COALESCE(?, failure_reason) WHERE id = ? AND reseller_id = ? AND status = ?",
	[ORD_SUBS_FROM_LINES] =
	    "INSERT INTO subscriptions (reseller_id, customer_id, product_id, order_line_id, quantity, status,"
	    " unit_price, unit_cost, markup_bp, billing_period, start_date, renewal_date, trial_ends_on)"
	    " SELECT o.reseller_id, o.customer_id, ol.product_id, ol.id, ol.quantity,"
	    " IF(ol.is_trial = 1, 'trial', 'active'),"
	    " IF(p.type = 'usage', 0, ol.unit_price), IF(p.type = 'usage', 0, ol.unit_cost), ol.markup_bp,"
	    " p.billing_period, CURDATE(),"
	    " IF(ol.is_trial = 1, CURDATE() + INTERVAL COALESCE(p.trial_days, 30) DAY,"
	    "    CURDATE() + INTERVAL " PERIOD_SQL_MONTHS("p.billing_period") " MONTH),"
	    " IF(ol.is_trial = 1, CURDATE() + INTERVAL COALESCE(p.trial_days, 30) DAY, NULL)"
	    " FROM order_lines ol JOIN orders o ON o.id = ol.order_id JOIN products p ON p.id = ol.product_id"
	    " WHERE ol.order_id = ? AND o.reseller_id = ? AND p.billing_period IN ('monthly', 'annual')"
	    " ORDER BY ol.line_no",
	[ORD_ASSETS_FROM_LINES] =
	    "INSERT INTO assets (reseller_id, customer_id, product_id, order_line_id, quantity, unit_price, unit_cost)"
	    " SELECT o.reseller_id, o.customer_id, ol.product_id, ol.id, ol.quantity, ol.unit_price, ol.unit_cost"
	    " FROM order_lines ol JOIN orders o ON o.id = ol.order_id JOIN products p ON p.id = ol.product_id"
	    " WHERE ol.order_id = ? AND o.reseller_id = ? AND p.billing_period = 'one_time'"
	    " ORDER BY ol.line_no",
	/* the note only here: lists never show it */
	[ORD_GET] = ORDER_SELECT ", COALESCE(o.customer_note, '')" ORDER_FROM " WHERE o.id = ? AND" SCOPE_SQL,
	[ORD_LINES] =
	    "SELECT ol.id, ol.line_no, ol.product_id, p.name, p.sku, p.type, p.billing_period, ol.quantity,"
	    " ol.unit_price, ol.unit_cost, ol.markup_bp, ol.line_price, ol.line_cost, ol.is_trial,"
	    " COALESCE(f.status, '')"
	    " FROM order_lines ol JOIN orders o ON o.id = ol.order_id JOIN products p ON p.id = ol.product_id"
	    " LEFT JOIN fulfilments f ON f.order_line_id = ol.id"
	    " WHERE ol.order_id = ? AND o.reseller_id = ? ORDER BY ol.line_no",
	/* the licence keys given to the order's lines (sql/005), in the order they were taken */
	[ORD_LINE_KEYS] =
	    "SELECT k.order_line_id, k.licence_key FROM licence_keys k JOIN order_lines ol ON ol.id = k.order_line_id"
	    " WHERE ol.order_id = ? ORDER BY k.order_line_id, k.id",
	[ORD_LIST_NEWEST] = ORDER_COLS LIST_WHERE " ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?",
	[ORD_LIST_OLDEST] = ORDER_COLS LIST_WHERE " ORDER BY o.created_at, o.id LIMIT ? OFFSET ?",
	[ORD_LIST_NUMBER] = ORDER_COLS LIST_WHERE " ORDER BY o.number, o.id LIMIT ? OFFSET ?",
	[ORD_LIST_TOTAL] = ORDER_COLS LIST_WHERE " ORDER BY o.total_price DESC, o.id DESC LIMIT ? OFFSET ?",
	[ORD_LIST_COUNT] =
	    "SELECT COUNT(*) FROM orders o JOIN resellers r ON r.id = o.reseller_id"
	    " JOIN customers c ON c.reseller_id = o.reseller_id AND c.id = o.customer_id" LIST_WHERE,
	[ORD_PENDING_COUNT] =
	    "SELECT COUNT(*) FROM orders o JOIN resellers r ON r.id = o.reseller_id"
	    " WHERE o.status = 'pending_approval' AND" SCOPE_SQL,
	[ORD_OPEN_COUNT] =
	    "SELECT COUNT(*) FROM orders o JOIN resellers r ON r.id = o.reseller_id"
	    " WHERE " ORDER_SQL_OPEN " AND" SCOPE_SQL,
};

static const struct db_table table = { DB_MOD_ORDER, sql, ORD__MAX };

static const int list_stmt[ORDER_SORT__MAX] = {
	[ORDER_SORT_NEWEST] = ORD_LIST_NEWEST,
	[ORDER_SORT_OLDEST] = ORD_LIST_OLDEST,
	[ORDER_SORT_NUMBER] = ORD_LIST_NUMBER,
	[ORDER_SORT_TOTAL] = ORD_LIST_TOTAL,
};

#define PHRASE(sym, name, label, phrase) [sym] = phrase,
static const char *const status_names[ORDER_STATUS__MAX] = { ORDER_STATUSES(NAMES_NAME) };
static const char *const status_labels[ORDER_STATUS__MAX] = { ORDER_STATUSES(NAMES_LABEL) };
static const char *const status_phrases[ORDER_STATUS__MAX] = { ORDER_STATUSES(PHRASE) };
#undef PHRASE

#define NONE (-1)

/* The state machine: next[from][event] is the new state, NONE if the event is illegal there. */
static const int next[ORDER_STATUS__MAX][ORDER_EV__MAX] = {
	[ORDER_PENDING_APPROVAL] = {
		[ORDER_EV_APPROVE] = ORDER_APPROVED, [ORDER_EV_REJECT] = ORDER_REJECTED,
		[ORDER_EV_CANCEL] = ORDER_CANCELLED, [ORDER_EV_START_PROVISIONING] = NONE,
		[ORDER_EV_COMPLETE] = NONE, [ORDER_EV_FAIL] = NONE },
	[ORDER_APPROVED] = {
		[ORDER_EV_APPROVE] = NONE, [ORDER_EV_REJECT] = NONE, [ORDER_EV_CANCEL] = NONE,
		[ORDER_EV_START_PROVISIONING] = ORDER_PROVISIONING,
		[ORDER_EV_COMPLETE] = NONE, [ORDER_EV_FAIL] = NONE },
	[ORDER_PROVISIONING] = {
		[ORDER_EV_APPROVE] = NONE, [ORDER_EV_REJECT] = NONE, [ORDER_EV_CANCEL] = NONE,
		[ORDER_EV_START_PROVISIONING] = NONE,
		[ORDER_EV_COMPLETE] = ORDER_COMPLETED, [ORDER_EV_FAIL] = ORDER_FAILED },
	[ORDER_COMPLETED] = { NONE, NONE, NONE, NONE, NONE, NONE },
	[ORDER_FAILED]    = { NONE, NONE, NONE, NONE, NONE, NONE },
	[ORDER_REJECTED]  = { NONE, NONE, NONE, NONE, NONE, NONE },
	[ORDER_CANCELLED] = { NONE, NONE, NONE, NONE, NONE, NONE },
};

/* Per event: who may fire it, its audit name, the past participle for messages, and whether it is a decision. */
static const struct {
	enum action act;
	const char *audit;
	const char *done;
	int         decision;	/* records decided_at (and the operator) */
} events[ORDER_EV__MAX] = {
	[ORDER_EV_APPROVE]            = { ACT_ORDER_DECIDE, "order.approve", "approved", 1 },
	[ORDER_EV_REJECT]             = { ACT_ORDER_DECIDE, "order.reject", "rejected", 1 },
	[ORDER_EV_CANCEL]             = { ACT_ORDER_PLACE, "order.cancel", "cancelled", 1 },
	[ORDER_EV_START_PROVISIONING] = { ACT_SYSTEM, "order.start_provisioning", "provisioned", 0 },
	[ORDER_EV_COMPLETE]           = { ACT_SYSTEM, "order.complete", "completed", 0 },
	[ORDER_EV_FAIL]               = { ACT_SYSTEM, "order.fail", "marked as failed", 0 },
};

/* The e-mail an order entering a state sends (order_mail.h), NONE for none. */
static const int status_mail[ORDER_STATUS__MAX] = {
	[ORDER_PENDING_APPROVAL] = NONE,	/* order_place sends it: orders are born there */
	[ORDER_APPROVED]         = ORDER_MAIL_APPROVED,
	[ORDER_PROVISIONING]     = NONE,
	[ORDER_COMPLETED]        = ORDER_MAIL_COMPLETED,
	[ORDER_FAILED]           = ORDER_MAIL_FAILED,
	[ORDER_REJECTED]         = ORDER_MAIL_REJECTED,
	[ORDER_CANCELLED]        = NONE,	/* the customer did it */
};

/* illegal - why event ev cannot fire on order number in state from. */
static void
illegal(const char *number, enum order_status from, enum order_event ev, char *why)
{
	if ((int)from == next[ORDER_PENDING_APPROVAL][ev] ||
	    (ev == ORDER_EV_START_PROVISIONING && from == ORDER_PROVISIONING) ||
	    (ev == ORDER_EV_COMPLETE && from == ORDER_COMPLETED) ||
	    (ev == ORDER_EV_FAIL && from == ORDER_FAILED))
		core_say(why, "Order %s is already %s.", number, status_phrases[from]);
	else
		core_say(why, "Order %s is %s, so it cannot be %s.", number, status_phrases[from],
		    events[ev].done);
}

enum core_err
order_may(const struct actor *a, const char *number, enum order_status from, enum order_event ev, char *why)
{
	enum core_err er;

	if (ev < 0 || ev >= ORDER_EV__MAX || from < 0 || from >= ORDER_STATUS__MAX)
		return CORE_INVALID;
	if ((er = actor_may(a, events[ev].act)) != CORE_OK) {
		core_say(why, "You are not allowed to do this.");
		return er;
	}
	if (next[from][ev] == NONE) {
		illegal(number ? number : "", from, ev, why);
		return CORE_CONFLICT;
	}
	return CORE_OK;
}

NAMES_FN_NAME(order_status_name, enum order_status, status_names, ORDER_STATUS__MAX, "unknown")
NAMES_FN_NAME(order_status_label, enum order_status, status_labels, ORDER_STATUS__MAX, "Unknown")
NAMES_FN_PARSE(order_status_parse, status_names, ORDER_STATUS__MAX)

void
order_free(struct order *o)
{
	size_t i, k;

	if (o == NULL)
		return;
	for (i = 0; o->lines != NULL && i < o->nlines; i++) {
		for (k = 0; k < o->lines[i].nkeys; k++)
			free(o->lines[i].keys[k]);
		free(o->lines[i].keys);
	}
	free(o->lines);
	o->lines = NULL;
	o->nlines = 0;
	free(o->customer_note);
	o->customer_note = NULL;
}

DB_LIST_FREE_FN(order_list_free, order_list)

/* ---- state changes ---------------------------------------------------- */

struct trans {
	const struct actor *a;
	int64_t             order_id;
	enum order_event    ev;
	const char         *reason;
	char               *why;
};

static enum core_err
trans_txn(struct db *db, void *arg)
{
	struct trans *t = arg;
	const struct actor *a = t->a;
	struct db_res *res = NULL;
	int64_t reseller_id, customer_id, d = 0, rs = 0, cs = 0;
	char number[33];
	int from, to;
	json_t *payload = NULL;
	enum core_err er;
	uint64_t n = 0;

	/* the tenant comes from the actor: reseller admins their reseller, customers their customer */
	if (actor_reseller_operator(a)) {
		rs = a->reseller_id;
	} else if (a->role == ROLE_CUSTOMER_OWNER || a->role == ROLE_CUSTOMER_MEMBER) {
		rs = a->reseller_id;
		cs = a->customer_id;
	}
	if ((er = db_query(db, &table, ORD_LOCK_ORDER, &res, "iiiii", t->order_id, rs, rs, cs, cs)) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		core_say(t->why, "The order was not found.");
		return CORE_NOTFOUND;
	}
	from = order_status_parse(db_res_str(res, 1));
	str_copy(number, sizeof(number), db_res_str(res, 2));
	reseller_id = db_res_int(res, 3);
	customer_id = db_res_int(res, 4);
	db_res_free(res);
	if (rs == 0 && a->distributor_id > 0) {
		/* the system confined to a distributor */
		if ((er = db_query_int(db, &table, ORD_RESELLER_DISTRIBUTOR, &d, "i", reseller_id)) != CORE_OK)
			return er;
		if (d != a->distributor_id) {
			core_say(t->why, "The order was not found.");
			return CORE_NOTFOUND;
		}
	}
	if (from < 0)
		return CORE_DB;
	to = next[from][t->ev];
	if (to == NONE) {
		illegal(number, (enum order_status)from, t->ev, t->why);
		return CORE_CONFLICT;
	}
	er = db_exec(db, &table, ORD_SET_STATUS, &n, "sIissiis", status_names[to],
	    events[t->ev].decision && a->kind == ACTOR_OPERATOR ? a->id : (int64_t)0,
	    (int64_t)events[t->ev].decision,
	    t->ev == ORDER_EV_REJECT ? t->reason : NULL,
	    t->ev == ORDER_EV_FAIL ? t->reason : NULL,
	    t->order_id, reseller_id, status_names[from]);
	if (er != CORE_OK)
		return er;
	if (n != 1)
		return CORE_DEADLOCK;	/* cannot happen under the row lock; retry to be safe */

	if (to == ORDER_APPROVED) {
		if ((payload = json_pack("{s:I}", "order_id", (json_int_t)t->order_id)) == NULL)
			return CORE_ENOMEM;
		er = outbox_enqueue(db, OUTBOX_PROVISION, reseller_id, payload, NULL);
		json_decref(payload);
		if (er != CORE_OK)
			return er;
	} else if (to == ORDER_COMPLETED) {
		if ((er = db_exec(db, &table, ORD_SUBS_FROM_LINES, NULL, "ii", t->order_id, reseller_id)) != CORE_OK ||
		    (er = db_exec(db, &table, ORD_ASSETS_FROM_LINES, NULL, "ii", t->order_id, reseller_id)) != CORE_OK)
			return er;
	}
	if (status_mail[to] != NONE &&
	    (er = order_mail_event(db, t->order_id, (enum order_mail_kind)status_mail[to])) != CORE_OK)
		return er;
	if ((er = webhook_emit(db, reseller_id, WEBHOOK_ORDER_STATUS_CHANGED, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s?}", "id", (json_int_t)t->order_id, "number", number, "customer_id", (json_int_t)customer_id, "previous_status", status_names[from], "status", status_names[to], "reason", t->reason))) != CORE_OK)
		return er;
	return audit_change(db, a, reseller_id, events[t->ev].audit, "order", t->order_id,
	    json_pack("{s:s, s:s, s:I}", "number", number, "status", status_names[from],
	    "customer_id", (json_int_t)customer_id),
	    json_pack("{s:s, s:s, s:s?}", "number", number, "status", status_names[to], "reason", t->reason));
}

/* order_transition - the one way an order's status changes. */
static enum core_err
order_transition(struct db *db, const struct actor *a, int64_t order_id, enum order_event ev,
    const char *reason, char *why)
{
	enum core_err er;

	if (ev < 0 || ev >= ORDER_EV__MAX)
		return CORE_INVALID;
	if ((er = actor_may(a, events[ev].act)) != CORE_OK) {
		core_say(why, "You are not allowed to do this.");
		return er;
	}
	if (ev == ORDER_EV_REJECT) {
		size_t chars = str_utf8_len(reason);

		if (reason == NULL || strspn(reason, " \t\r\n") == strlen(reason)) {
			core_say(why, "Please give a reason for the rejection.");
			return CORE_INVALID;
		}
		if (chars > ORDER_REASON_MAX) {
			core_say(why, "The reason can be at most %d characters long.", ORDER_REASON_MAX);
			return CORE_INVALID;
		}
	}
	if (ev == ORDER_EV_FAIL && reason != NULL && strlen(reason) > ORDER_REASON_MAX)
		reason = NULL;	/* the worker's detail is for logs; never refuse a failure for its length */
	if (order_id <= 0) {
		core_say(why, "The order was not found.");
		return CORE_NOTFOUND;
	}
	return db_txn(db, trans_txn, &(struct trans){ a, order_id, ev, reason, why });
}

enum core_err
order_step(struct db *db, const struct actor *a, int64_t order_id, enum order_event ev, const char *reason,
    char *why)
{
	char cut[ORDER_REASON_MAX + 1];
	enum core_err er;

	if (ev < 0 || ev >= ORDER_EV__MAX || ev == ORDER_EV_REJECT || !db_in_txn(db))
		return CORE_INVALID;
	if ((er = actor_may(a, events[ev].act)) != CORE_OK) {
		core_say(why, "You are not allowed to do this.");
		return er;
	}
	if (ev == ORDER_EV_FAIL && reason != NULL) {
		str_copy(cut, sizeof(cut), reason);	/* bytes <= characters: never too long */
		reason = cut;
	} else
		reason = NULL;
	return trans_txn(db, &(struct trans){ a, order_id, ev, reason, why });
}

enum core_err
order_approve(struct db *db, const struct actor *a, int64_t order_id, char *why)
{
	return order_transition(db, a, order_id, ORDER_EV_APPROVE, NULL, why);
}

enum core_err
order_reject(struct db *db, const struct actor *a, int64_t order_id, const char *reason, char *why)
{
	return order_transition(db, a, order_id, ORDER_EV_REJECT, reason, why);
}

enum core_err
order_cancel(struct db *db, const struct actor *a, int64_t order_id, char *why)
{
	return order_transition(db, a, order_id, ORDER_EV_CANCEL, NULL, why);
}

enum core_err
order_advance(struct db *db, const struct actor *a, int64_t order_id, enum order_event ev, char *why)
{
	return order_transition(db, a, order_id, ev, NULL, why);
}

enum core_err
order_fail(struct db *db, const struct actor *a, int64_t order_id, const char *reason, char *why)
{
	return order_transition(db, a, order_id, ORDER_EV_FAIL, reason, why);
}

/* ---- reads ------------------------------------------------------------ */

#define COL(type, member) DB_COL(type, struct order, member)
static const struct db_col order_cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	COL(INT, customer_id),
	COL(STR, customer_name),
	COL(STR, number),
	DB_COL_ENUM(struct order, status, order_status_parse, ORDER_FAILED),
	COL(STR, currency),
	COL(INT, total_price),
	COL(INT, total_cost),
	COL(INT, placed_by_user_id),
	COL(STR, placed_by_name),
	COL(STR, placed_via),
	COL(STR, reject_reason),
	COL(STR, failure_reason),
	COL(INT, decided_by_operator_id),
	COL(STR, decided_at),
	COL(STR, created_at),
	COL(INT, item_count),
	COL(STR, customer_reference),
};
#undef COL

DB_FILL_FN(fill_order, struct order, order_cols)

enum core_err
order_fill_row(struct db_res *res, struct order *out)
{
	return fill_order(res, out);
}

#define COL(type, member) DB_COL(type, struct order_line, member)
static const struct db_col line_cols[] = {
	COL(INT, id),
	COL(INT, line_no),
	COL(INT, product_id),
	COL(STR, product_name),
	COL(STR, sku),
	COL(STR, type),
	DB_COL_ENUM(struct order_line, billing_period, period_parse, PERIOD_MONTHLY),
	COL(INT, quantity),
	COL(INT, unit_price),
	COL(INT, unit_cost),
	COL(INT, markup_bp),
	COL(INT, line_price),
	COL(INT, line_cost),
	COL(BOOL, is_trial),
	DB_COL_ENUM(struct order_line, fulfil_status, fulfil_status_parse, -1),	/* -1: no task yet */
};
#undef COL

DB_FILL_INTO_FN(fill_line, line_cols)

/* add_keys - the licence keys of o's lines (ORD_LINE_KEYS) onto the lines. */
static enum core_err
add_keys(struct db *db, struct order *o)
{
	struct db_res *res;
	struct order_line *l;
	enum core_err er;
	char **grown;
	size_t i;

	if ((er = db_query(db, &table, ORD_LINE_KEYS, &res, "i", o->id)) != CORE_OK)
		return er;
	while (er == CORE_OK && db_res_next(res)) {
		for (i = 0, l = NULL; i < o->nlines && l == NULL; i++)
			if (o->lines[i].id == db_res_int(res, 0))
				l = &o->lines[i];
		if (l == NULL)
			continue;	/* cannot happen: the keys are of these lines */
		if ((grown = realloc(l->keys, (l->nkeys + 1) * sizeof(*grown))) == NULL) {
			er = CORE_ENOMEM;
			break;
		}
		l->keys = grown;
		if ((l->keys[l->nkeys] = db_res_strdup(res, 1)) == NULL)
			er = CORE_ENOMEM;
		else
			l->nkeys++;
	}
	db_res_free(res);
	return er;
}

enum core_err
order_get(struct db *db, const struct actor *a, int64_t order_id, struct order *out)
{
	struct actor_scope s;
	struct db_res *res = NULL;
	struct db_rows rows;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_scope(a, ACT_ORDER_PLACE, 1, 0, &s)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, ORD_GET, &res, "i" SCOPE_T, order_id, SCOPE_ARGS(s))) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		return CORE_NOTFOUND;
	}
	fill_order(res, out);
	if (db_res_str(res, 19)[0] != '\0' && (out->customer_note = strdup(db_res_str(res, 19))) == NULL) {
		db_res_free(res);
		return CORE_ENOMEM;
	}
	db_res_free(res);
	er = db_all(db, &table, ORD_LINES, sizeof(*out->lines), fill_line, &rows, "ii", out->id, out->reseller_id);
	out->lines = rows.items;
	out->nlines = rows.n;
	if (er == CORE_OK)
		er = add_keys(db, out);
	return er;
}

enum core_err
order_list(struct db *db, const struct actor *a, const struct order_filter *f,
    const struct db_page *pg, struct order_list *out)
{
	struct order_filter none = { -1, 0, NULL, ORDER_SORT_NEWEST };
	struct actor_scope s;
	struct db_rows rows;
	const char *status = NULL;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if (f == NULL)
		f = &none;
	if ((er = actor_scope(a, ACT_ORDER_PLACE, 1, f->customer_id, &s)) != CORE_OK)
		return er;
	if (f->sort < 0 || f->sort >= ORDER_SORT__MAX)
		return CORE_INVALID;
	if (f->status >= ORDER_STATUS__MAX)
		return CORE_INVALID;
	if (f->status >= 0)
		status = status_names[f->status];
	er = db_list(db, &table, &(struct db_list){ ORD_LIST_COUNT, list_stmt[f->sort], f->search,
	    pg ? pg->offset : 0, pg ? pg->limit : 0, ORDER_LIST_MAX, sizeof(*out->items), fill_order },
	    &rows, LIST_T, SCOPE_ARGS(s), status, status);
	DB_ROWS_MOVE(out, rows);
	return er;
}

/* count - statement idx (taking the scope) in a's scope into *n. */
static enum core_err
count(struct db *db, const struct actor *a, int idx, int64_t *n)
{
	struct actor_scope s;
	enum core_err er;

	*n = 0;
	if ((er = actor_scope(a, ACT_ORDER_PLACE, 1, 0, &s)) != CORE_OK)
		return er;
	return db_query_int(db, &table, idx, n, SCOPE_T, SCOPE_ARGS(s));
}

enum core_err
order_pending_count(struct db *db, const struct actor *a, int64_t *n)
{
	return count(db, a, ORD_PENDING_COUNT, n);
}

enum core_err
order_open_count(struct db *db, const struct actor *a, int64_t *n)
{
	return count(db, a, ORD_OPEN_COUNT, n);
}

json_t *
order_to_json(const struct order *o)
{
	json_t *j, *lines, *keys, *line;
	char total[48], up[48], lt[48];
	size_t i, k;

	if ((lines = json_array()) == NULL)
		return NULL;
	for (i = 0; i < o->nlines; i++) {
		const struct order_line *l = &o->lines[i];

		money_format(l->unit_price, o->currency, up, sizeof(up));
		money_format(l->is_trial ? 0 : l->line_price, o->currency, lt, sizeof(lt));
		if ((keys = json_array()) == NULL) {
			json_decref(lines);
			return NULL;
		}
		for (k = 0; k < l->nkeys; k++)
			json_array_append_new(keys, json_string(l->keys[k]));
		line = json_pack("{s:i, s:I, s:s, s:s, s:i, s:s, s:s, s:s, s:b, s:s, s:s, s:o}",
		    "line_no", (int)l->line_no, "product_id", (json_int_t)l->product_id,
		    "name", l->product_name, "sku", l->sku, "quantity", (int)l->quantity,
		    "unit_price", up, "line_total", lt, "period_label",
		    period_recurring(l->billing_period) ? period_suffix(l->billing_period) : "",
		    "is_trial", l->is_trial,
		    "fulfil_status", l->fulfil_status < 0 ? "" : fulfil_status_name(l->fulfil_status),
		    "fulfil_label", l->fulfil_status < 0 ? "" : fulfil_status_label(l->fulfil_status),
		    "keys", keys);
		if (line != NULL)
			json_object_set_new(line, "has_keys", json_boolean(l->nkeys > 0));
		if (json_array_append_new(lines, line) != 0) {
			json_decref(lines);
			return NULL;
		}
	}
	money_format(o->total_price, o->currency, total, sizeof(total));
	j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:i, s:b, s:s, s:o}",
	    "id", (json_int_t)o->id, "number", o->number, "status", order_status_name(o->status),
	    "status_label", order_status_label(o->status), "date", o->created_at,
	    "placed_by", o->placed_by_name, "total", total, "total_minor", (json_int_t)o->total_price,
	    "currency", o->currency, "item_count", (int)o->item_count,
	    "can_cancel", o->status == ORDER_PENDING_APPROVAL, "reject_reason", o->reject_reason,
	    "lines", lines);
	if (j != NULL && o->customer_reference[0] != '\0')
		json_object_set_new(j, "reference", json_string(o->customer_reference));
	if (j != NULL && o->customer_note != NULL)
		json_object_set_new(j, "notes", json_string(o->customer_note));
	return j;
}
