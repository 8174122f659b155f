/*
 * order.c - placing orders and moving them through their states.
 *
 * The state machine is the table `next` (from-state x event -> to-state)
 * plus `event_action` (which action a role needs to fire the event);
 * order_transition is the only function that changes an order's status.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mysqld_error.h>
#include "audit.h"
#include "money.h"
#include "order.h"
#include "outbox.h"
#include "str.h"

/*
 * Read scope: (? = 0 OR r.distributor_id = ?) AND (? = 0 OR o.reseller_id
 * = ?) AND (? = 0 OR o.customer_id = ?), bound from struct actor_scope.  A
 * storefront user always has reseller and customer set, a reseller admin
 * the reseller, support the distributor (see actor_scope in actor.h).
 */
#define SCOPE_SQL ACTOR_SCOPE_SQL(o)
#define SCOPE_T ACTOR_SCOPE_T
#define SCOPE_ARGS ACTOR_SCOPE_ARGS

#define ORDER_SELECT \
	"SELECT o.id, o.reseller_id, o.customer_id, c.name, o.number, o.status, o.currency," \
	" o.total_price, o.total_cost, o.placed_by_user_id, COALESCE(u.name, ''), o.placed_via," \
	" COALESCE(o.reject_reason, ''), COALESCE(o.failure_reason, ''), o.decided_by_operator_id," \
	" COALESCE(DATE_FORMAT(o.decided_at, '%Y-%m-%d %H:%i:%s'), '')," \
	" DATE_FORMAT(o.created_at, '%Y-%m-%d %H:%i:%s')," \
	" (SELECT COUNT(*) FROM order_lines ol WHERE ol.order_id = o.id), COALESCE(o.customer_reference, '')"
#define ORDER_FROM \
	" FROM orders o JOIN resellers r ON r.id = o.reseller_id" \
	" JOIN customers c ON c.reseller_id = o.reseller_id AND c.id = o.customer_id" \
	" LEFT JOIN storefront_users u ON u.id = o.placed_by_user_id"
#define ORDER_COLS ORDER_SELECT ORDER_FROM

#define LIST_WHERE \
	" WHERE" SCOPE_SQL " AND (? IS NULL OR o.status = ?)" \
	" AND (? IS NULL OR o.number LIKE ? ESCAPE '!' OR c.name LIKE ? ESCAPE '!')"
#define LIST_T SCOPE_T "ssPPC"

enum {
	ORD_LOCK_CUSTOMER,
	ORD_TOKEN_FIND,
	ORD_LOCK_RESELLER,
	ORD_PRODUCTS,
	ORD_TRIAL_USED,
	ORD_BUMP_SEQ,
	ORD_INSERT,
	ORD_INSERT_LINES,
	ORD_LOCK_ORDER,
	ORD_RESELLER_DISTRIBUTOR,
	ORD_SET_STATUS,
	ORD_SUBS_FROM_LINES,
	ORD_ASSETS_FROM_LINES,
	ORD_GET,
	ORD_LINES,
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
	[ORD_LOCK_CUSTOMER] =
	    "SELECT active, approval_required FROM customers WHERE reseller_id = ? AND id = ? FOR UPDATE",
	/* a consistent read made after the customer lock: sees an order a
	 * concurrent submit of the same customer committed while we waited */
	[ORD_TOKEN_FIND] =
	    "SELECT id, customer_id FROM orders WHERE reseller_id = ? AND order_token = ?",
	[ORD_LOCK_RESELLER] =
	    "SELECT order_seq, currency, edition, status, distributor_id FROM resellers WHERE id = ? FOR UPDATE",
	[ORD_PRODUCTS] =
	    "SELECT j.pid, p.id, p.name, p.active, p.type, p.billing_period, p.unit_cost, p.currency,"
	    " COALESCE(p.trial_days, 0), p.min_quantity, COALESCE(p.max_quantity, 0),"
	    " COALESCE(l.listed, 0), COALESCE(l.markup_bp, 0)"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (pid BIGINT UNSIGNED PATH '$')) AS j"
	    " LEFT JOIN products p ON p.id = j.pid AND p.distributor_id = ?"
	    " LEFT JOIN listings l ON l.reseller_id = ? AND l.product_id = p.id",
	[ORD_TRIAL_USED] =
	    "SELECT j.pid FROM JSON_TABLE(?, '$[*]' COLUMNS (pid BIGINT UNSIGNED PATH '$')) AS j"
	    " WHERE EXISTS (SELECT 1 FROM orders o JOIN order_lines ol ON ol.order_id = o.id"
	    "   WHERE o.reseller_id = ? AND o.customer_id = ? AND ol.product_id = j.pid AND ol.is_trial = 1"
	    "   AND o.status NOT IN ('rejected', 'cancelled'))"
	    " OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.reseller_id = ? AND s.customer_id = ?"
	    "   AND s.product_id = j.pid)",
	[ORD_BUMP_SEQ] = "UPDATE resellers SET order_seq = ? WHERE id = ? AND order_seq = ?",
	[ORD_INSERT] =
	    "INSERT INTO orders (reseller_id, customer_id, number, status, currency, total_price, total_cost,"
	    " placed_by_user_id, placed_via, order_token, customer_reference, customer_note)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[ORD_INSERT_LINES] =
	    "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, unit_cost,"
	    " markup_bp, line_price, line_cost, is_trial)"
	    " SELECT ?, j.n, j.p, j.q, j.up, j.uc, j.bp, j.lp, j.lc, j.t FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    " n INT PATH '$.n', p BIGINT UNSIGNED PATH '$.p', q INT PATH '$.q', up BIGINT PATH '$.up',"
	    " uc BIGINT PATH '$.uc', bp INT PATH '$.bp', lp BIGINT PATH '$.lp', lc BIGINT PATH '$.lc',"
	    " t TINYINT PATH '$.t')) AS j",
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
	    "    CURDATE() + INTERVAL IF(p.billing_period = 'annual', 12, 1) MONTH),"
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
	    " ol.unit_price, ol.unit_cost, ol.markup_bp, ol.line_price, ol.line_cost, ol.is_trial"
	    " FROM order_lines ol JOIN orders o ON o.id = ol.order_id JOIN products p ON p.id = ol.product_id"
	    " WHERE ol.order_id = ? AND o.reseller_id = ? ORDER BY ol.line_no",
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
	    " WHERE o.status IN ('pending_approval', 'approved', 'provisioning') AND" SCOPE_SQL,
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
	if (o == NULL)
		return;
	free(o->lines);
	o->lines = NULL;
	o->nlines = 0;
	free(o->customer_note);
	o->customer_note = NULL;
}

void
order_list_free(struct order_list *l)
{
	if (l == NULL)
		return;
	free(l->items);
	l->items = NULL;
	l->n = 0;
	l->total = 0;
}

/* ---- placing ---------------------------------------------------------- */

struct pline {
	struct order_line_input in;
	int      found;
	char     name[201];
	int64_t  unit_cost;
	int32_t  markup_bp;
	int64_t  unit_price, line_price, line_cost;
};

struct place {
	const struct actor *a;
	struct pline       *lines;
	size_t              n;
	const char         *token;
	const char         *reference;	/* NULL: none; checked by note_text */
	const char         *note;	/* NULL: none; checked by note_text */
	int64_t             order_id;
	int                 dup_token;	/* the insert hit uq_orders_token */
	char               *why;
};

static json_t *
pid_array(const struct pline *l, size_t n, int trial_only)
{
	json_t *arr = json_array();
	size_t i;

	if (arr == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if ((!trial_only || l[i].in.is_trial) &&
		    json_array_append_new(arr, json_integer(l[i].in.product_id)) != 0) {
			json_decref(arr);
			return NULL;
		}
	return arr;
}

static enum core_err
dump(const json_t *j, char **out)
{
	*out = j ? json_dumps(j, JSON_COMPACT) : NULL;
	return *out ? CORE_OK : CORE_ENOMEM;
}

/* price_lines - read the products of p's lines and capture prices; checks listing, state, quantity. */
static enum core_err
price_lines(struct db *db, struct place *p, int64_t distributor_id, const char *currency)
{
	const struct actor *a = p->a;
	struct db_res *res = NULL;
	json_t *ids;
	char *text = NULL;
	enum core_err er;
	size_t i;

	if ((ids = pid_array(p->lines, p->n, 0)) == NULL)
		return CORE_ENOMEM;
	er = dump(ids, &text);
	json_decref(ids);
	if (er != CORE_OK)
		return er;
	er = db_query(db, &table, ORD_PRODUCTS, &res, "sii", text, distributor_id, a->reseller_id);
	free(text);
	if (er != CORE_OK)
		return er;
	for (i = 0; i < p->n; i++)
		p->lines[i].found = 0;
	while (db_res_next(res)) {
		int64_t pid = db_res_int(res, 0);
		struct pline *l = NULL;

		for (i = 0; i < p->n; i++)
			if (p->lines[i].in.product_id == pid && !p->lines[i].found)
				l = &p->lines[i];
		if (l == NULL)
			continue;
		l->found = 1;
		if (db_res_isnull(res, 1)) {
			core_say(p->why, "One of the products ordered does not exist.");
			er = CORE_NOTFOUND;
			break;
		}
		str_copy(l->name, sizeof(l->name), db_res_str(res, 2));
		if (db_res_int(res, 3) != 1 || db_res_int(res, 11) != 1) {
			core_say(p->why, "%s is not available in this shop.", l->name);
			er = CORE_NOTFOUND;
			break;
		}
		if (strcmp(db_res_str(res, 7), currency) != 0) {
			core_say(p->why, "%s cannot be ordered in %s.", l->name, currency);
			er = CORE_INVALID;
			break;
		}
		if (l->in.is_trial) {
			if (db_res_int(res, 8) <= 0) {
				core_say(p->why, "%s has no free trial.", l->name);
				er = CORE_INVALID;
				break;
			}
			if (l->in.quantity < db_res_int(res, 9))
				l->in.quantity = (int32_t)db_res_int(res, 9);
		}
		if (l->in.quantity < db_res_int(res, 9) ||
		    (db_res_int(res, 10) > 0 && l->in.quantity > db_res_int(res, 10))) {
			if (db_res_int(res, 10) > 0)
				core_say(p->why, "The quantity of %s must be between %lld and %lld.", l->name,
				    (long long)db_res_int(res, 9), (long long)db_res_int(res, 10));
			else
				core_say(p->why, "The quantity of %s must be at least %lld.", l->name,
				    (long long)db_res_int(res, 9));
			er = CORE_INVALID;
			break;
		}
		l->unit_cost = db_res_int(res, 6);
		l->markup_bp = (int32_t)db_res_int(res, 12);
		if ((er = money_price(l->unit_cost, l->markup_bp, &l->unit_price)) != CORE_OK ||
		    (er = money_mul(l->unit_price, l->in.quantity, &l->line_price)) != CORE_OK ||
		    (er = money_mul(l->unit_cost, l->in.quantity, &l->line_cost)) != CORE_OK) {
			core_say(p->why, "The amount of %s is too large.", l->name);
			break;
		}
	}
	db_res_free(res);
	if (er != CORE_OK)
		return er;
	for (i = 0; i < p->n; i++)
		if (!p->lines[i].found) {
			core_say(p->why, "One of the products ordered does not exist.");
			return CORE_NOTFOUND;
		}
	return CORE_OK;
}

/* check_trials - one trial per product per customer, ever (the customer row is locked). */
static enum core_err
check_trials(struct db *db, struct place *p)
{
	const struct actor *a = p->a;
	struct db_res *res = NULL;
	json_t *ids;
	char *text = NULL;
	enum core_err er;
	size_t i;

	if ((ids = pid_array(p->lines, p->n, 1)) == NULL)
		return CORE_ENOMEM;
	if (json_array_size(ids) == 0) {
		json_decref(ids);
		return CORE_OK;
	}
	er = dump(ids, &text);
	json_decref(ids);
	if (er != CORE_OK)
		return er;
	er = db_query(db, &table, ORD_TRIAL_USED, &res, "siiii", text, a->reseller_id, a->customer_id,
	    a->reseller_id, a->customer_id);
	free(text);
	if (er != CORE_OK)
		return er;
	if (db_res_next(res)) {
		int64_t pid = db_res_int(res, 0);

		for (i = 0; i < p->n; i++)
			if (p->lines[i].in.product_id == pid)
				core_say(p->why, "You have already had a trial or subscription of %s.", p->lines[i].name);
		er = CORE_CONFLICT;
	}
	db_res_free(res);
	return er;
}

static enum core_err
place_txn(struct db *db, void *arg)
{
	struct place *p = arg;
	const struct actor *a = p->a;
	struct db_res *res = NULL;
	char currency[4], number[33], *text = NULL;
	int64_t seq = 0, distributor_id = 0, total_price = 0, total_cost = 0, id;
	int approval = 0, ok_reseller;
	json_t *jl = NULL, *after = NULL, *payload = NULL;
	enum core_err er;
	size_t i;

	p->order_id = 0;
	p->dup_token = 0;
	if ((er = db_query(db, &table, ORD_LOCK_CUSTOMER, &res, "ii", a->reseller_id, a->customer_id)) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		core_say(p->why, "Your customer account was not found.");
		return CORE_NOTFOUND;
	}
	if (db_res_int(res, 0) != 1) {
		db_res_free(res);
		core_say(p->why, "Your customer account is inactive; please contact your reseller.");
		return CORE_FORBIDDEN;
	}
	approval = db_res_int(res, 1) == 1;
	db_res_free(res);

	if (p->token != NULL) {
		if ((er = db_query(db, &table, ORD_TOKEN_FIND, &res, "is", a->reseller_id, p->token)) != CORE_OK)
			return er;
		if (db_res_next(res)) {
			int same = db_res_int(res, 1) == a->customer_id;

			p->order_id = db_res_int(res, 0);
			db_res_free(res);
			if (!same) {
				p->order_id = 0;
				core_say(p->why, "This form was already used; please reload the page and try again.");
				return CORE_CONFLICT;
			}
			return CORE_OK;	/* replayed submit: the first order stands */
		}
		db_res_free(res);
	}

	if ((er = db_query(db, &table, ORD_LOCK_RESELLER, &res, "i", a->reseller_id)) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		return CORE_NOTFOUND;
	}
	seq = db_res_int(res, 0);
	str_copy(currency, sizeof(currency), db_res_str(res, 1));
	ok_reseller = strcmp(db_res_str(res, 2), "basic") != 0 && strcmp(db_res_str(res, 3), "active") == 0;
	distributor_id = db_res_int(res, 4);
	db_res_free(res);
	if (!ok_reseller) {
		core_say(p->why, "This shop does not take orders at the moment.");
		return CORE_FORBIDDEN;
	}

	if ((er = price_lines(db, p, distributor_id, currency)) != CORE_OK)
		return er;
	if ((er = check_trials(db, p)) != CORE_OK)
		return er;
	for (i = 0; i < p->n; i++) {
		if (p->lines[i].in.is_trial)
			continue;	/* nothing charged until the trial converts */
		if ((er = money_add(total_price, p->lines[i].line_price, &total_price)) != CORE_OK ||
		    (er = money_add(total_cost, p->lines[i].line_cost, &total_cost)) != CORE_OK) {
			core_say(p->why, "The order total is too large.");
			return er;
		}
	}

	seq++;
	snprintf(number, sizeof(number), "SO-%06lld", (long long)seq);
	if ((er = db_exec(db, &table, ORD_BUMP_SEQ, NULL, "iii", seq, a->reseller_id, seq - 1)) != CORE_OK)
		return er;
	er = db_exec(db, &table, ORD_INSERT, NULL, "iisssiiIssss", a->reseller_id, a->customer_id, number,
	    status_names[approval ? ORDER_PENDING_APPROVAL : ORDER_APPROVED], currency, total_price, total_cost,
	    a->kind == ACTOR_STOREFRONT_USER ? a->id : (int64_t)0,
	    a->kind == ACTOR_API ? "api" : a->kind == ACTOR_OPERATOR ? "admin" : "storefront", p->token,
	    p->reference, p->note);
	if (er != CORE_OK) {
		if (er == CORE_CONFLICT && p->token != NULL &&
		    (db_errno(db) == ER_DUP_ENTRY || db_errno(db) == ER_DUP_ENTRY_WITH_KEY_NAME) &&
		    strstr(db_error(db), "uq_orders_token") != NULL)
			p->dup_token = 1;
		return er;
	}
	id = (int64_t)db_insert_id(db);

	if ((jl = json_array()) == NULL)
		return CORE_ENOMEM;
	for (i = 0; i < p->n; i++) {
		const struct pline *l = &p->lines[i];

		if (json_array_append_new(jl, json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:i}",
		    "n", (json_int_t)(i + 1), "p", (json_int_t)l->in.product_id, "q", (json_int_t)l->in.quantity,
		    "up", (json_int_t)l->unit_price, "uc", (json_int_t)l->unit_cost,
		    "bp", (json_int_t)l->markup_bp, "lp", (json_int_t)l->line_price,
		    "lc", (json_int_t)l->line_cost, "t", l->in.is_trial ? 1 : 0)) != 0) {
			er = CORE_ENOMEM;
			goto out;
		}
	}
	if ((er = dump(jl, &text)) != CORE_OK)
		goto out;
	if ((er = db_exec(db, &table, ORD_INSERT_LINES, NULL, "is", id, text)) != CORE_OK)
		goto out;

	if (!approval) {
		if ((payload = json_pack("{s:I}", "order_id", (json_int_t)id)) == NULL) {
			er = CORE_ENOMEM;
			goto out;
		}
		if ((er = outbox_enqueue(db, OUTBOX_PROVISION, a->reseller_id, payload, NULL)) != CORE_OK)
			goto out;
	}
	after = json_pack("{s:s, s:s, s:I, s:I, s:s, s:O}", "number", number,
	    "status", status_names[approval ? ORDER_PENDING_APPROVAL : ORDER_APPROVED], "customer_id", (json_int_t)a->customer_id,
	    "total_price", (json_int_t)total_price, "currency", currency, "lines", jl);
	if (after == NULL) {
		er = CORE_ENOMEM;
		goto out;
	}
	if ((er = audit_write(db, a, a->reseller_id, "order.place", "order", id, NULL, after)) != CORE_OK)
		goto out;
	p->order_id = id;
out:
	free(text);
	json_decref(jl);
	json_decref(after);
	json_decref(payload);
	return er;
}

static int
token_ok(const char *t)
{
	size_t n = strlen(t);

	if (n == 0 || n > ORDER_TOKEN_MAX)
		return 0;
	for (; *t; t++)
		if ((unsigned char)*t <= ' ' || (unsigned char)*t >= 0x7f)
			return 0;
	return 1;
}

/*
 * note_text - the customer's text in, trimmed of surrounding white space,
 * into *out (malloc'd; NULL when in is NULL or only white space).  At
 * most max characters of valid UTF-8; multiline allows line breaks and
 * tabs, no other control characters are taken.  0, or -1 too long, -2 a
 * control character or bad UTF-8, -3 out of memory.
 */
static int
note_text(const char *in, size_t max, int multiline, char **out)
{
	const unsigned char *s, *e;
	long chars;

	*out = NULL;
	if (in == NULL)
		return 0;
	s = (const unsigned char *)in;
	while (*s && strchr(" \t\r\n", *s))
		s++;
	e = s + strlen((const char *)s);
	while (e > s && strchr(" \t\r\n", e[-1]))
		e--;
	if (e == s)
		return 0;
	if ((chars = str_utf8_chars((const char *)s, (size_t)(e - s), multiline ? STR_TEXT_LINES : 0)) < 0)
		return -2;
	if ((size_t)chars > max)
		return -1;
	if ((*out = strndup((const char *)s, (size_t)(e - s))) == NULL)
		return -3;
	return 0;
}

enum core_err
order_place(struct db *db, const struct actor *a, const struct order_line_input *lines, size_t n,
    const char *order_token, int64_t *order_id, char *why)
{
	return order_place_noted(db, a, lines, n, order_token, NULL, NULL, order_id, why);
}

enum core_err
order_place_noted(struct db *db, const struct actor *a, const struct order_line_input *lines, size_t n,
    const char *order_token, const char *reference, const char *note, int64_t *order_id, char *why)
{
	struct place p;
	struct pline *pl = NULL;
	char *ref = NULL, *text = NULL;
	size_t i, j, m = 0;
	enum core_err er;
	int rc;

	if ((er = actor_may(a, ACT_ORDER_PLACE)) != CORE_OK) {
		core_say(why, "Only a customer's users can place orders.");
		return er;
	}
	if (order_id == NULL)
		return CORE_INVALID;
	*order_id = 0;
	if (lines == NULL || n == 0) {
		core_say(why, "The order has no products.");
		return CORE_INVALID;
	}
	if (n > ORDER_LINES_MAX) {
		core_say(why, "An order can have at most %d products.", ORDER_LINES_MAX);
		return CORE_INVALID;
	}
	if (order_token != NULL && !token_ok(order_token)) {
		core_say(why, "The order form is invalid; please reload the page and try again.");
		return CORE_INVALID;
	}
	if ((rc = note_text(reference, ORDER_REFERENCE_MAX, 0, &ref)) != 0) {
		if (rc == -3)
			return CORE_ENOMEM;
		if (rc == -1)
			core_say(why, "Your reference can be at most %d characters long.", ORDER_REFERENCE_MAX);
		else
			core_say(why, "Your reference can only be one line of text.");
		return CORE_INVALID;
	}
	if ((rc = note_text(note, ORDER_NOTE_MAX, 1, &text)) != 0) {
		free(ref);
		if (rc == -3)
			return CORE_ENOMEM;
		if (rc == -1)
			core_say(why, "The notes can be at most %d characters long.", ORDER_NOTE_MAX);
		else
			core_say(why, "The notes contain characters that cannot be stored.");
		return CORE_INVALID;
	}
	if ((pl = calloc(n, sizeof(*pl))) == NULL) {
		free(ref);
		free(text);
		return CORE_ENOMEM;
	}
	/* merge lines of the same product (trial and paid kept apart, then refused together) */
	for (i = 0; i < n; i++) {
		if (lines[i].product_id <= 0) {
			core_say(why, "One of the products ordered does not exist.");
			er = CORE_NOTFOUND;
			goto out;
		}
		if (lines[i].quantity < 1 || lines[i].quantity > ORDER_QTY_MAX) {
			core_say(why, "Quantities must be between 1 and %d.", ORDER_QTY_MAX);
			er = CORE_INVALID;
			goto out;
		}
		for (j = 0; j < m; j++)
			if (pl[j].in.product_id == lines[i].product_id)
				break;
		if (j == m) {
			pl[m].in = lines[i];
			pl[m].in.is_trial = lines[i].is_trial ? 1 : 0;
			m++;
			continue;
		}
		if (pl[j].in.is_trial != (lines[i].is_trial ? 1 : 0)) {
			core_say(why, "A product cannot be ordered and tried in the same order.");
			er = CORE_INVALID;
			goto out;
		}
		pl[j].in.quantity += lines[i].quantity;
		if (pl[j].in.quantity > ORDER_QTY_MAX) {
			core_say(why, "Quantities must be between 1 and %d.", ORDER_QTY_MAX);
			er = CORE_INVALID;
			goto out;
		}
	}
	memset(&p, 0, sizeof(p));
	p.a = a;
	p.lines = pl;
	p.n = m;
	p.token = order_token;
	p.reference = ref;
	p.note = text;
	p.why = why;
	er = db_txn(db, place_txn, &p);
	if (er == CORE_CONFLICT && p.dup_token) {
		/* a concurrent submit of the same form won the race: answer with its order */
		struct db_res *res = NULL;

		if ((er = db_query(db, &table, ORD_TOKEN_FIND, &res, "is", a->reseller_id, order_token)) != CORE_OK)
			goto out;
		if (db_res_next(res) && db_res_int(res, 1) == a->customer_id) {
			p.order_id = db_res_int(res, 0);
			er = CORE_OK;
		} else {
			core_say(why, "This form was already used; please reload the page and try again.");
			er = CORE_CONFLICT;
		}
		db_res_free(res);
	}
	if (er == CORE_OK) {
		*order_id = p.order_id;
		if (why)
			why[0] = '\0';
	}
out:
	free(pl);
	free(ref);
	free(text);
	return er;
}

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
	json_t *before = NULL, *after = NULL, *payload = NULL;
	enum core_err er;
	uint64_t n = 0;

	/* the tenant comes from the actor: reseller admins their reseller, customers their customer */
	if (a->role == ROLE_RESELLER_ADMIN) {
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
	before = json_pack("{s:s, s:s, s:I}", "number", number, "status", status_names[from],
	    "customer_id", (json_int_t)customer_id);
	after = json_pack("{s:s, s:s, s:s?}", "number", number, "status", status_names[to],
	    "reason", t->reason);
	if (before == NULL || after == NULL)
		er = CORE_ENOMEM;
	else
		er = audit_write(db, a, reseller_id, events[t->ev].audit, "order", t->order_id, before, after);
	json_decref(before);
	json_decref(after);
	return er;
}

/* order_transition - the one way an order's status changes. */
static enum core_err
order_transition(struct db *db, const struct actor *a, int64_t order_id, enum order_event ev,
    const char *reason, char *why)
{
	struct trans t;
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
	memset(&t, 0, sizeof(t));
	t.a = a;
	t.order_id = order_id;
	t.ev = ev;
	t.reason = reason;
	t.why = why;
	return db_txn(db, trans_txn, &t);
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

static enum core_err
fill_order(struct db_res *res, void *item)
{
	struct order *o = item;
	int st;

	memset(o, 0, sizeof(*o));
	o->id = db_res_int(res, 0);
	o->reseller_id = db_res_int(res, 1);
	o->customer_id = db_res_int(res, 2);
	str_copy(o->customer_name, sizeof(o->customer_name), db_res_str(res, 3));
	str_copy(o->number, sizeof(o->number), db_res_str(res, 4));
	st = order_status_parse(db_res_str(res, 5));
	o->status = st < 0 ? ORDER_FAILED : (enum order_status)st;
	str_copy(o->currency, sizeof(o->currency), db_res_str(res, 6));
	o->total_price = db_res_int(res, 7);
	o->total_cost = db_res_int(res, 8);
	o->placed_by_user_id = db_res_int(res, 9);
	str_copy(o->placed_by_name, sizeof(o->placed_by_name), db_res_str(res, 10));
	str_copy(o->placed_via, sizeof(o->placed_via), db_res_str(res, 11));
	str_copy(o->reject_reason, sizeof(o->reject_reason), db_res_str(res, 12));
	str_copy(o->failure_reason, sizeof(o->failure_reason), db_res_str(res, 13));
	o->decided_by_operator_id = db_res_int(res, 14);
	str_copy(o->decided_at, sizeof(o->decided_at), db_res_str(res, 15));
	str_copy(o->created_at, sizeof(o->created_at), db_res_str(res, 16));
	o->item_count = (int32_t)db_res_int(res, 17);
	str_copy(o->customer_reference, sizeof(o->customer_reference), db_res_str(res, 18));
	return CORE_OK;
}

enum core_err
order_get(struct db *db, const struct actor *a, int64_t order_id, struct order *out)
{
	struct actor_scope s;
	struct db_res *res = NULL;
	struct order_line *lines = NULL;
	size_t n = 0, cap;
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
	if ((er = db_query(db, &table, ORD_LINES, &res, "ii", out->id, out->reseller_id)) != CORE_OK)
		return er;
	cap = db_res_rows(res);
	if (cap > 0 && (lines = calloc(cap, sizeof(*lines))) == NULL) {
		db_res_free(res);
		return CORE_ENOMEM;
	}
	while (n < cap && db_res_next(res)) {
		struct order_line *l = &lines[n++];

		l->id = db_res_int(res, 0);
		l->line_no = (int32_t)db_res_int(res, 1);
		l->product_id = db_res_int(res, 2);
		str_copy(l->product_name, sizeof(l->product_name), db_res_str(res, 3));
		str_copy(l->sku, sizeof(l->sku), db_res_str(res, 4));
		str_copy(l->type, sizeof(l->type), db_res_str(res, 5));
		str_copy(l->billing_period, sizeof(l->billing_period), db_res_str(res, 6));
		l->quantity = (int32_t)db_res_int(res, 7);
		l->unit_price = db_res_int(res, 8);
		l->unit_cost = db_res_int(res, 9);
		l->markup_bp = (int32_t)db_res_int(res, 10);
		l->line_price = db_res_int(res, 11);
		l->line_cost = db_res_int(res, 12);
		l->is_trial = db_res_int(res, 13) != 0;
	}
	db_res_free(res);
	out->lines = lines;
	out->nlines = n;
	return CORE_OK;
}

enum core_err
order_list(struct db *db, const struct actor *a, const struct order_filter *f,
    const struct order_page *pg, struct order_list *out)
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

static const char *
period_label(const char *billing_period)
{
	if (strcmp(billing_period, "monthly") == 0)
		return "/ month";
	if (strcmp(billing_period, "annual") == 0)
		return "/ year";
	return "";
}

json_t *
order_to_json(const struct order *o)
{
	json_t *j, *lines;
	char total[48], up[48], lt[48];
	size_t i;

	if ((lines = json_array()) == NULL)
		return NULL;
	for (i = 0; i < o->nlines; i++) {
		const struct order_line *l = &o->lines[i];

		money_format(l->unit_price, o->currency, up, sizeof(up));
		money_format(l->is_trial ? 0 : l->line_price, o->currency, lt, sizeof(lt));
		if (json_array_append_new(lines, json_pack("{s:i, s:I, s:s, s:s, s:i, s:s, s:s, s:s, s:b}",
		    "line_no", (int)l->line_no, "product_id", (json_int_t)l->product_id,
		    "name", l->product_name, "sku", l->sku, "quantity", (int)l->quantity,
		    "unit_price", up, "line_total", lt, "period_label", period_label(l->billing_period),
		    "is_trial", l->is_trial)) != 0) {
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
