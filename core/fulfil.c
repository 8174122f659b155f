/*
 * fulfil.c - fulfilment tasks (fulfil.h): starting an order's
 * provisioning, claiming due tasks for the worker, settling a task by
 * hand, and settling the task's order in the transaction that ends it.
 * The connectors live in keys.c (licence keys) and fulfil_http.c (the
 * signed POST); the order's states in order.c (order_step).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "fulfil.h"
#include "fulfil_impl.h"
#include "order.h"
#include "outbox.h"
#include "str.h"


enum {
	FF_INSERT_TASKS,
	FF_DUE,
	FF_LEASE,
	FF_GET,
	FF_TASK_ORDER,
	FF_LOCK_ORDER,
	FF_LOCK_TASK,
	FF_END,
	FF_WAIT,
	FF_OPEN_OF_ORDER,
	FF_FAIL_OTHERS,
	FF_SUB_REFS,
	FF_ASSET_REFS,
	FF__MAX
};

static const char *const sql[FF__MAX] = {
	/* one provision task per line, with the product's connector: manual waits for an operator */
	[FF_INSERT_TASKS] =
	    "INSERT INTO fulfilments (reseller_id, customer_id, action, connector, product_id, order_line_id,"
	    " quantity, status, next_attempt_at)"
	    " SELECT o.reseller_id, o.customer_id, 'provision', p.connector, ol.product_id, ol.id, ol.quantity,"
	    " IF(p.connector = 'manual', 'waiting', 'queued'), NOW()"
	    " FROM order_lines ol JOIN orders o ON o.id = ol.order_id JOIN products p ON p.id = ol.product_id"
	    " WHERE ol.order_id = ? ORDER BY ol.line_no",
	/* keys tasks are only provisioning (a key is given once); http tasks any action */
	[FF_DUE] =
	    "SELECT id FROM fulfilments WHERE status = 'queued' AND next_attempt_at <= NOW()"
	    " AND (connector = 'http' OR (connector = 'keys' AND action = 'provision'))"
	    " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
	[FF_LEASE] =
	    "UPDATE fulfilments SET attempts = attempts + 1, next_attempt_at = NOW() + INTERVAL ? SECOND"
	    " WHERE id = ? AND status = 'queued'",
	[FF_GET] = FULFIL_TASK_SELECT " WHERE f.id = ? AND (? = 0 OR r.distributor_id = ?)",
	[FF_TASK_ORDER] =
	    "SELECT COALESCE(ol.order_id, 0) FROM fulfilments f LEFT JOIN order_lines ol ON ol.id = f.order_line_id"
	    " WHERE f.id = ?",
	[FF_LOCK_ORDER] = "SELECT id FROM orders WHERE id = ? FOR UPDATE",
	/* the task row alone (a join would lock the product and the reseller too); its status is the latest */
	[FF_LOCK_TASK] = "SELECT status FROM fulfilments WHERE id = ? FOR UPDATE",
	[FF_END] =
	    "UPDATE fulfilments SET status = ?, vendor_ref = ?, error = ?, done_by_operator_id = ?, done_at = NOW()"
	    " WHERE id = ? AND status IN ('queued', 'waiting')",
	[FF_WAIT] =
	    "UPDATE fulfilments SET status = ?, next_attempt_at = NOW() + INTERVAL ? SECOND, error = ?"
	    " WHERE id = ? AND status IN ('queued', 'waiting')",
	/* a locking read: sees what the transactions before ours committed, not our snapshot */
	[FF_OPEN_OF_ORDER] =
	    "SELECT COALESCE(SUM(f.status <> 'done'), 0), COALESCE(SUM(f.status = 'failed'), 0), COUNT(*)"
	    " FROM fulfilments f JOIN order_lines ol ON ol.id = f.order_line_id"
	    " WHERE ol.order_id = ? LOCK IN SHARE MODE",
	[FF_FAIL_OTHERS] =
	    "UPDATE fulfilments f JOIN order_lines ol ON ol.id = f.order_line_id"
	    " SET f.status = 'failed', f.error = 'Not provisioned: the order failed.', f.done_at = NOW()"
	    " WHERE ol.order_id = ? AND f.status IN ('queued', 'waiting')",
	[FF_SUB_REFS] =
	    "UPDATE subscriptions s JOIN fulfilments f ON f.order_line_id = s.order_line_id"
	    " JOIN order_lines ol ON ol.id = s.order_line_id"
	    " SET s.external_ref = f.vendor_ref WHERE ol.order_id = ? AND f.status = 'done'",
	[FF_ASSET_REFS] =
	    "UPDATE assets a JOIN fulfilments f ON f.order_line_id = a.order_line_id"
	    " JOIN order_lines ol ON ol.id = a.order_line_id"
	    " SET a.serial = f.vendor_ref WHERE ol.order_id = ? AND f.status = 'done'",
};

static const struct db_table table = { DB_MOD_FULFIL, sql, FF__MAX };

static const char *const action_names[FULFIL_ACTION__MAX] = { FULFIL_ACTIONS(NAMES_NAME) };
static const char *const action_labels[FULFIL_ACTION__MAX] = { FULFIL_ACTIONS(NAMES_LABEL) };
static const char *const status_names[FULFIL_STATUS__MAX] = { FULFIL_STATUSES(NAMES_NAME) };
static const char *const status_labels[FULFIL_STATUS__MAX] = { FULFIL_STATUSES(NAMES_LABEL) };

NAMES_FN_NAME(fulfil_action_name, enum fulfil_action, action_names, FULFIL_ACTION__MAX, "unknown")
NAMES_FN_NAME(fulfil_action_label, enum fulfil_action, action_labels, FULFIL_ACTION__MAX, "Unknown")
NAMES_FN_NAME(fulfil_status_name, enum fulfil_status, status_names, FULFIL_STATUS__MAX, "unknown")
NAMES_FN_NAME(fulfil_status_label, enum fulfil_status, status_labels, FULFIL_STATUS__MAX, "Unknown")
NAMES_FN_PARSE(fulfil_status_parse, status_names, FULFIL_STATUS__MAX)

enum core_err
fulfil_task_fill(struct db_res *r, void *item)
{
	struct fulfil_task *t = item;
	int v;

	memset(t, 0, sizeof(*t));
	t->id = db_res_int(r, 0);
	t->reseller_id = db_res_int(r, 1);
	str_copy(t->reseller_name, sizeof(t->reseller_name), db_res_str(r, 2));
	t->customer_id = db_res_int(r, 3);
	str_copy(t->customer_name, sizeof(t->customer_name), db_res_str(r, 4));
	str_copy(t->customer_email, sizeof(t->customer_email), db_res_str(r, 5));
	v = names_find(action_names, FULFIL_ACTION__MAX, db_res_str(r, 6));
	t->action = v < 0 ? FULFIL_PROVISION : (enum fulfil_action)v;
	str_copy(t->connector, sizeof(t->connector), db_res_str(r, 7));
	v = fulfil_status_parse(db_res_str(r, 8));
	t->status = v < 0 ? FULFIL_FAILED : (enum fulfil_status)v;
	t->product_id = db_res_int(r, 9);
	str_copy(t->sku, sizeof(t->sku), db_res_str(r, 10));
	str_copy(t->product_name, sizeof(t->product_name), db_res_str(r, 11));
	t->order_id = db_res_int(r, 12);
	str_copy(t->order_number, sizeof(t->order_number), db_res_str(r, 13));
	t->order_line_id = db_res_int(r, 14);
	t->line_no = (int32_t)db_res_int(r, 15);
	t->subscription_id = db_res_int(r, 16);
	t->m365_user_id = db_res_int(r, 17);
	t->quantity = (int32_t)db_res_int(r, 18);
	t->attempts = (int32_t)db_res_int(r, 19);
	str_copy(t->vendor_ref, sizeof(t->vendor_ref), db_res_str(r, 20));
	str_copy(t->error, sizeof(t->error), db_res_str(r, 21));
	str_copy(t->created_at, sizeof(t->created_at), db_res_str(r, 22));
	str_copy(t->done_at, sizeof(t->done_at), db_res_str(r, 23));
	return CORE_OK;
}

/* ---- start ------------------------------------------------------------- */

struct start {
	const struct actor *a;
	int64_t             order_id, outbox_id;
	int                 started;
	char               *why;
};

static enum core_err
start_txn(struct db *db, void *arg)
{
	struct start *x = arg;
	enum core_err er;

	x->started = 0;
	er = order_step(db, x->a, x->order_id, ORDER_EV_START_PROVISIONING, NULL, x->why);
	if (er == CORE_OK) {
		if ((er = db_exec(db, &table, FF_INSERT_TASKS, NULL, "i", x->order_id)) != CORE_OK)
			return er;
		x->started = 1;
	} else if (er != CORE_CONFLICT && er != CORE_NOTFOUND)
		return er;
	/* started, or nothing to start any more: either way the row is done with */
	return outbox_sent(db, x->outbox_id);
}

enum core_err
fulfil_started(struct db *db, const struct actor *a, int64_t order_id, int64_t outbox_id, int *started,
    char *why)
{
	struct start x = { a, order_id, outbox_id, 0, why };
	enum core_err er;

	if (started != NULL)
		*started = 0;
	if ((er = actor_may(a, ACT_SYSTEM)) != CORE_OK) {
		core_say(why, "You are not allowed to do this.");
		return er;
	}
	if ((er = db_txn(db, start_txn, &x)) == CORE_OK && started != NULL)
		*started = x.started;
	return er;
}

enum core_err
fulfil_start(struct db *db, const struct actor *a, int64_t order_id, int64_t outbox_id, char *why)
{
	return fulfil_started(db, a, order_id, outbox_id, NULL, why);
}

/* ---- claim and read ---------------------------------------------------- */

struct claim {
	int64_t id;
};

static enum core_err
claim_txn(struct db *db, void *arg)
{
	struct claim *x = arg;
	enum core_err er;

	x->id = 0;
	er = db_query_int(db, &table, FF_DUE, &x->id, "");
	if (er == CORE_NOTFOUND)
		return CORE_OK;
	if (er != CORE_OK)
		return er;
	return db_exec(db, &table, FF_LEASE, NULL, "ii", (int64_t)db_config(db)->outbox_lease_seconds, x->id);
}

enum core_err
fulfil_claim(struct db *db, struct fulfil_task *t, int *found)
{
	struct claim x = { 0 };
	struct db_res *r;
	enum core_err er;

	*found = 0;
	memset(t, 0, sizeof(*t));
	if ((er = db_txn(db, claim_txn, &x)) != CORE_OK || x.id == 0)
		return er;
	if ((er = db_query(db, &table, FF_GET, &r, "iii", x.id, (int64_t)0, (int64_t)0)) != CORE_OK)
		return er;
	if (db_res_next(r)) {
		fulfil_task_fill(r, t);
		*found = 1;
	}
	db_res_free(r);
	return CORE_OK;
}

enum core_err
fulfil_get(struct db *db, const struct actor *a, int64_t id, struct fulfil_task *t)
{
	struct db_res *r;
	enum core_err er;
	int64_t d;

	memset(t, 0, sizeof(*t));
	if (actor_may(a, ACT_SYSTEM) != CORE_OK && (er = actor_may(a, ACT_OUTBOX_READ)) != CORE_OK)
		return er;
	d = a->distributor_id;
	if ((er = db_query(db, &table, FF_GET, &r, "iii", id, d, d)) != CORE_OK)
		return er;
	er = CORE_NOTFOUND;
	if (db_res_next(r)) {
		fulfil_task_fill(r, t);
		er = CORE_OK;
	}
	db_res_free(r);
	return er;
}

/* ---- ending a task, settling its order --------------------------------- */

/* lock_task - fulfil_lock, and the task's distributor into *dist. */
static enum core_err
lock_task(struct db *db, int64_t id, struct fulfil_task *t, int64_t *dist)
{
	struct db_res *r;
	enum core_err er;
	int64_t order_id = 0;
	int st = -1;

	if ((er = db_query_int(db, &table, FF_TASK_ORDER, &order_id, "i", id)) != CORE_OK)
		return er;
	if (order_id > 0 && (er = db_query_int(db, &table, FF_LOCK_ORDER, &order_id, "i", order_id)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, FF_LOCK_TASK, &r, "i", id)) != CORE_OK)
		return er;
	if (db_res_next(r))
		st = fulfil_status_parse(db_res_str(r, 0));
	db_res_free(r);
	if (st < 0)
		return CORE_NOTFOUND;
	/* the rest does not change once made: the transaction's snapshot is good enough */
	if ((er = db_query(db, &table, FF_GET, &r, "iii", id, (int64_t)0, (int64_t)0)) != CORE_OK)
		return er;
	er = CORE_NOTFOUND;
	if (db_res_next(r)) {
		fulfil_task_fill(r, t);
		if (dist != NULL)
			*dist = db_res_int(r, FULFIL_TASK_DISTRIBUTOR);
		t->status = (enum fulfil_status)st;
		er = CORE_OK;
	}
	db_res_free(r);
	return er;
}

enum core_err
fulfil_lock(struct db *db, int64_t id, struct fulfil_task *t)
{
	return lock_task(db, id, t, NULL);
}

/* cut - text (NULL: "") into dst (FULFIL_TEXT_MAX * 4 + 1 bytes), at most FULFIL_TEXT_MAX characters. */
static void
cut(char *dst, const char *text)
{
	str_copy(dst, FULFIL_TEXT_MAX * 4 + 1, text);
	if (str_utf8_len(dst) > FULFIL_TEXT_MAX)
		str_copy(dst, FULFIL_TEXT_MAX + 1, text);
}

/* settle - t's order after t ended: fail it, complete it, or leave it while tasks are open. */
static enum core_err
settle(struct db *db, const struct fulfil_task *t, enum fulfil_status st, const char *text, char *why)
{
	struct db_res *r;
	struct actor sys;
	char reason[sizeof(t->sku) + FULFIL_TEXT_MAX * 4 + 3];	/* order_step cuts it, whole characters */
	int64_t open, failed;
	enum core_err er;

	if (t->order_id == 0)
		return CORE_OK;		/* a subscription change: our records changed when it was asked */
	/* the order moves as the system: an operator settles a task, not the order's state */
	actor_system(&sys, 0);
	if (st == FULFIL_FAILED) {
		snprintf(reason, sizeof(reason), "%s: %s", t->sku, text);
		if ((er = db_exec(db, &table, FF_FAIL_OTHERS, NULL, "i", t->order_id)) != CORE_OK ||
		    (er = order_step(db, &sys, t->order_id, ORDER_EV_FAIL, reason, why)) != CORE_OK)
			return er;
		return CORE_OK;	/* order_step queued the failed e-mails (order.h) */
	}
	if ((er = db_query(db, &table, FF_OPEN_OF_ORDER, &r, "i", t->order_id)) != CORE_OK)
		return er;
	open = failed = 1;
	if (db_res_next(r)) {
		open = db_res_int(r, 0);
		failed = db_res_int(r, 1);
	}
	db_res_free(r);
	if (open > 0 || failed > 0)
		return CORE_OK;
	if ((er = order_step(db, &sys, t->order_id, ORDER_EV_COMPLETE, NULL, why)) != CORE_OK ||
	    (er = db_exec(db, &table, FF_SUB_REFS, NULL, "i", t->order_id)) != CORE_OK ||
	    (er = db_exec(db, &table, FF_ASSET_REFS, NULL, "i", t->order_id)) != CORE_OK)
		return er;
	return CORE_OK;	/* order_step queued the completed e-mail (order.h) */
}

enum core_err
fulfil_end(struct db *db, const struct actor *a, const struct fulfil_task *t, enum fulfil_status st,
    const char *text, int64_t op_id, char *why)
{
	char c[FULFIL_TEXT_MAX * 4 + 1];
	enum core_err er;
	uint64_t n = 0;

	(void)a;	/* the order moves as the system (settle); the task's hand is op_id */
	if (st != FULFIL_DONE && st != FULFIL_FAILED)
		return CORE_INVALID;
	cut(c, text);
	if (st == FULFIL_DONE && str_utf8_len(c) > FULFIL_REF_MAX)
		str_copy(c, FULFIL_REF_MAX + 1, text);
	er = db_exec(db, &table, FF_END, &n, "sssIi", status_names[st], st == FULFIL_DONE ? c : NULL,
	    st == FULFIL_FAILED ? c : NULL, op_id, t->id);
	if (er != CORE_OK)
		return er;
	if (n != 1) {
		core_say(why, "This task is already %s.", status_names[t->status]);
		return CORE_CONFLICT;
	}
	return settle(db, t, st, c, why);
}

enum core_err
fulfil_wait(struct db *db, const struct fulfil_task *t, enum fulfil_status st, int delay_seconds,
    const char *text)
{
	char c[FULFIL_TEXT_MAX * 4 + 1];

	if (st != FULFIL_WAITING && st != FULFIL_QUEUED)
		return CORE_INVALID;
	cut(c, text);
	return db_exec(db, &table, FF_WAIT, NULL, "sisi", status_names[st], (int64_t)delay_seconds,
	    text != NULL ? c : NULL, t->id);
}

/* ---- by hand ----------------------------------------------------------- */

struct mark {
	const struct actor *a;
	int64_t             id;
	int                 failed;
	const char         *text;
	char               *why;
};

static enum core_err
mark_txn(struct db *db, void *arg)
{
	struct mark *x = arg;
	struct fulfil_task t;
	int64_t dist = 0;
	enum core_err er;
	int system = actor_may(x->a, ACT_SYSTEM) == CORE_OK;

	if ((er = lock_task(db, x->id, &t, &dist)) != CORE_OK) {
		core_say(x->why, "The task was not found.");
		return er;
	}
	if (!system ? x->a->distributor_id != dist : x->a->distributor_id != 0 && x->a->distributor_id != dist) {
		core_say(x->why, "The task was not found.");
		return CORE_NOTFOUND;
	}
	if (!system && strcmp(t.connector, "manual") != 0) {
		core_say(x->why, "Only manual tasks are settled by hand; the worker settles %s tasks.", t.connector);
		return CORE_FORBIDDEN;
	}
	if (t.status == FULFIL_DONE || t.status == FULFIL_FAILED) {
		core_say(x->why, "This task is already %s.", status_names[t.status]);
		return CORE_CONFLICT;
	}
	if ((er = fulfil_end(db, x->a, &t, x->failed ? FULFIL_FAILED : FULFIL_DONE, x->text,
	    x->a->kind == ACTOR_OPERATOR ? x->a->id : 0, x->why)) != CORE_OK)
		return er;
	return audit_change(db, x->a, t.reseller_id, x->failed ? "fulfil.fail" : "fulfil.done", "fulfilment", t.id,
	    json_pack("{s:s, s:s}", "status", status_names[t.status], "order", t.order_number),
	    json_pack("{s:s, s:s}", "status", x->failed ? "failed" : "done",
	    x->failed ? "error" : "vendor_ref", x->text));
}

enum core_err
fulfil_mark(struct db *db, const struct actor *a, int64_t id, int failed, const char *text, char *why)
{
	enum core_err er;

	if (actor_may(a, ACT_SYSTEM) != CORE_OK && (er = actor_may(a, ACT_FULFIL)) != CORE_OK) {
		core_say(why, "You are not allowed to do this.");
		return er;
	}
	if (!failed && !str_text_valid(text, 1, FULFIL_REF_MAX, STR_TEXT_NOT_BLANK)) {
		core_say(why, "The vendor reference must be 1 to %d characters on one line.", FULFIL_REF_MAX);
		return CORE_INVALID;
	}
	if (failed && !str_text_valid(text, 1, FULFIL_TEXT_MAX, STR_TEXT_NOT_BLANK | STR_TEXT_LINES)) {
		core_say(why, "The reason must be 1 to %d characters.", FULFIL_TEXT_MAX);
		return CORE_INVALID;
	}
	if (id <= 0) {
		core_say(why, "The task was not found.");
		return CORE_NOTFOUND;
	}
	return db_txn(db, mark_txn, &(struct mark){ a, id, failed, text, why });
}
