/*
 * outbox_list.c - the operators' view of the outbox: lists, counts, one
 * row, retry now.  The scope rule is in outbox_list.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "audit.h"
#include "outbox_list.h"
#include "str.h"

/* a row's reseller is the actor's distributor's, or it has none */
#define SCOPE_FROM " FROM outbox o LEFT JOIN resellers r ON r.id = o.reseller_id"
#define SCOPE_WHERE " WHERE (o.reseller_id IS NULL OR r.distributor_id = ?)"
#define LIST_WHERE SCOPE_WHERE " AND (? IS NULL OR o.status = ?)"
#define TIME(c) "COALESCE(DATE_FORMAT(" c ", '%Y-%m-%d %H:%i:%s'), '')"

/* the columns fill() reads, in order; the payload's fields by JSON_VALUE */
#define ROW_SELECT \
	"SELECT o.id, o.kind, o.status, COALESCE(o.reseller_id, 0), COALESCE(r.name, '')," \
	" COALESCE(JSON_VALUE(o.payload, '$.to'), JSON_VALUE(o.payload, '$.url'), we.url, '')," \
	" COALESCE(JSON_VALUE(o.payload, '$.subject'), JSON_VALUE(o.payload, '$.event')," \
	"   JSON_VALUE(o.payload, '$.event.type'), '')," \
	" COALESCE(JSON_VALUE(o.payload, '$.order_id'), 0), COALESCE(ord.number, '')," \
	" o.attempts, " TIME("o.next_attempt_at") ", " TIME("o.created_at") ", " TIME("o.sent_at") "," \
	" COALESCE(o.last_error, '')"
/* a provisioning row's order, a webhook row's endpoint (core/webhook.h), when they are the row's reseller's */
#define ROW_FROM SCOPE_FROM \
	" LEFT JOIN orders ord ON ord.id = JSON_VALUE(o.payload, '$.order_id') AND ord.reseller_id = o.reseller_id" \
	" LEFT JOIN webhook_endpoints we ON we.id = JSON_VALUE(o.payload, '$.endpoint_id') AND we.reseller_id = o.reseller_id"

enum {
	OL_LIST,
	OL_COUNT,
	OL_COUNTS,
	OL_GET,
	OL_LOCK,
	OL_RESELLER,
	OL_RETRY,
	OL__MAX
};

static const char *const sql[OL__MAX] = {
	[OL_LIST] = ROW_SELECT ROW_FROM LIST_WHERE " ORDER BY o.created_at DESC, o.id DESC LIMIT ? OFFSET ?",
	[OL_COUNT] = "SELECT COUNT(*)" SCOPE_FROM LIST_WHERE,
	[OL_COUNTS] = "SELECT o.status, COUNT(*)" SCOPE_FROM SCOPE_WHERE " GROUP BY o.status",
	[OL_GET] = ROW_SELECT ", o.payload" ROW_FROM SCOPE_WHERE " AND o.id = ?",
	[OL_LOCK] =
	    "SELECT status, attempts, COALESCE(reseller_id, 0), " TIME("next_attempt_at")
	    " FROM outbox WHERE id = ? FOR UPDATE",
	[OL_RESELLER] = "SELECT distributor_id FROM resellers WHERE id = ?",
	/* attempts first: MariaDB assigns left to right, so status is still the old one there */
	[OL_RETRY] =
	    "UPDATE outbox SET attempts = IF(status = 'failed', 0, attempts), status = 'pending',"
	    " next_attempt_at = NOW() WHERE id = ? AND status IN ('pending', 'failed')",
};

static const struct db_table table = { DB_MOD_OUTBOX_LIST, sql, OL__MAX };

static const char *const status_names[OUTBOX_STATUS__MAX] = { OUTBOX_STATUSES(NAMES_NAME) };
static const char *const status_labels[OUTBOX_STATUS__MAX] = { OUTBOX_STATUSES(NAMES_LABEL) };
static const char *const kind_labels[OUTBOX__MAX] = {
	[OUTBOX_EMAIL] = "E-mail",
	[OUTBOX_WEBHOOK] = "Webhook",
	[OUTBOX_PROVISION] = "Provision",
};

NAMES_FN_NAME(outbox_status_name, enum outbox_status, status_names, OUTBOX_STATUS__MAX, "unknown")
NAMES_FN_NAME(outbox_status_label, enum outbox_status, status_labels, OUTBOX_STATUS__MAX, "Unknown")
NAMES_FN_PARSE(outbox_status_parse, status_names, OUTBOX_STATUS__MAX)
NAMES_FN_NAME(outbox_kind_label, enum outbox_kind, kind_labels, OUTBOX__MAX, "Unknown")

DB_LIST_FREE_FN(outbox_rows_free, outbox_rows)

static enum core_err
fill(struct db_res *r, void *item)
{
	struct outbox_row *o = item;
	int k = outbox_kind_parse(db_res_str(r, 1)), s = outbox_status_parse(db_res_str(r, 2));
	char *q;

	o->id = db_res_int(r, 0);
	o->kind = k < 0 ? OUTBOX_EMAIL : (enum outbox_kind)k;
	o->status = s < 0 ? OUTBOX_PENDING : (enum outbox_status)s;
	o->reseller_id = db_res_int(r, 3);
	str_copy(o->reseller_name, sizeof(o->reseller_name), db_res_str(r, 4));
	o->order_id = db_res_int(r, 7);
	if (o->kind == OUTBOX_PROVISION) {
		/* the payload's to and subject mean nothing here: the order says what it is */
		if (db_res_str(r, 8)[0])
			snprintf(o->about, sizeof(o->about), "Order %s", db_res_str(r, 8));
		else if (o->order_id > 0)
			snprintf(o->about, sizeof(o->about), "Order #%lld", (long long)o->order_id);
	} else {
		str_copy(o->to, sizeof(o->to), db_res_str(r, 5));
		/* a webhook's query string may hold its key */
		if (o->kind == OUTBOX_WEBHOOK && (q = strchr(o->to, '?')) != NULL)
			snprintf(q, sizeof(o->to) - (size_t)(q - o->to), "?…");
		str_copy(o->about, sizeof(o->about), db_res_str(r, 6));
	}
	o->attempts = (int32_t)db_res_int(r, 9);
	str_copy(o->next_attempt_at, sizeof(o->next_attempt_at), db_res_str(r, 10));
	str_copy(o->created_at, sizeof(o->created_at), db_res_str(r, 11));
	str_copy(o->sent_at, sizeof(o->sent_at), db_res_str(r, 12));
	str_copy(o->last_error, sizeof(o->last_error), db_res_str(r, 13));
	return CORE_OK;
}

enum core_err
outbox_list(struct db *db, const struct actor *a, int status, int64_t offset, int limit,
    struct outbox_rows *out)
{
	const char *st = NULL;
	struct db_rows rows;
	enum core_err er;
	int64_t d;

	memset(out, 0, sizeof(*out));
	if ((er = actor_distributor(a, ACT_OUTBOX_READ, &d)) != CORE_OK)
		return er;
	if (status < -1 || status >= OUTBOX_STATUS__MAX)
		return CORE_INVALID;
	if (status >= 0)
		st = status_names[status];
	er = db_list(db, &table, &(struct db_list){ OL_COUNT, OL_LIST, NULL, offset, limit, OUTBOX_LIST_MAX,
	    sizeof(*out->items), fill }, &rows, "iss", d, st, st);
	DB_ROWS_MOVE(out, rows);
	return er;
}

enum core_err
outbox_counts(struct db *db, const struct actor *a, int64_t n[OUTBOX_STATUS__MAX])
{
	enum core_err er;
	int64_t d;

	memset(n, 0, sizeof(*n) * OUTBOX_STATUS__MAX);
	if ((er = actor_distributor(a, ACT_OUTBOX_READ, &d)) != CORE_OK)
		return er;
	return db_counts(db, &table, OL_COUNTS, outbox_status_parse, n, OUTBOX_STATUS__MAX, "i", d);
}

/* the keys whose values sign someone in or open an account: never shown */
static const char *const secret_keys[] = { "link", "token", "password", "secret", "api_key" };

/* hide - replace in j, at any depth, what outbox_list.h says operators never see. */
static void
hide(json_t *j)
{
	const char *k, *q;
	json_t *v;
	size_t i;

	if (json_is_object(j)) {
		json_object_foreach(j, k, v) {
			if (names_find(secret_keys, (int)(sizeof(secret_keys) / sizeof(secret_keys[0])), k) >= 0)
				json_object_set_new(j, k, json_string("(hidden)"));
			else
				hide(v);
		}
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			hide(v);
	} else if (json_is_string(j) && (q = strstr(json_string_value(j), "token=")) != NULL) {
		char *cut = strndup(json_string_value(j), (size_t)(q - json_string_value(j)) + 6);

		if (cut != NULL) {
			char buf[2048];

			snprintf(buf, sizeof(buf), "%s(hidden)", cut);
			json_string_set(j, buf);
			free(cut);
		}
	}
}

static enum core_err
fill_full(struct db_res *r, void *item)
{
	struct outbox_row *o = item;
	json_t *j;

	fill(r, o);
	if ((j = json_loads(db_res_str(r, 14), 0, NULL)) == NULL)
		o->payload = strdup("(not valid JSON)");
	else {
		hide(j);
		o->payload = json_dumps(j, JSON_INDENT(4) | JSON_PRESERVE_ORDER);
		json_decref(j);
	}
	return o->payload == NULL ? CORE_ENOMEM : CORE_OK;
}

enum core_err
outbox_get(struct db *db, const struct actor *a, int64_t id, struct outbox_row *out)
{
	enum core_err er;
	int64_t d;

	memset(out, 0, sizeof(*out));
	if ((er = actor_distributor(a, ACT_OUTBOX_READ, &d)) != CORE_OK)
		return er;
	return db_row(db, &table, OL_GET, fill_full, out, "ii", d, id);
}

void
outbox_row_done(struct outbox_row *r)
{
	if (r == NULL)
		return;
	free(r->payload);
	r->payload = NULL;
}

static enum core_err
retry_txn(struct db *db, void *arg)
{
	struct actor_change *c = arg;
	char status[16], due[20];
	struct db_res *r;
	enum core_err er;
	int64_t reseller_id, d = 0, attempts;

	if ((er = db_query(db, &table, OL_LOCK, &r, "i", c->id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		core_say(c->why, "There is no outbox row #%lld.", (long long)c->id);
		return CORE_NOTFOUND;
	}
	str_copy(status, sizeof(status), db_res_str(r, 0));
	attempts = db_res_int(r, 1);
	reseller_id = db_res_int(r, 2);
	str_copy(due, sizeof(due), db_res_str(r, 3));
	db_res_free(r);
	/* another distributor's row reads as no row at all */
	if (reseller_id > 0) {
		er = db_query_int(db, &table, OL_RESELLER, &d, "i", reseller_id);
		if (er != CORE_OK && er != CORE_NOTFOUND)
			return er;
		if (er == CORE_NOTFOUND || d != c->a->distributor_id) {
			core_say(c->why, "There is no outbox row #%lld.", (long long)c->id);
			return CORE_NOTFOUND;
		}
	}
	if (strcmp(status, "sent") == 0) {
		core_say(c->why, "Outbox row #%lld was already sent: there is nothing to retry.", (long long)c->id);
		return CORE_CONFLICT;
	}
	if ((er = db_exec(db, &table, OL_RETRY, NULL, "i", c->id)) != CORE_OK)
		return er;
	return audit_change(db, c->a, reseller_id, "outbox.retry", "outbox", c->id,
	    json_pack("{s:s, s:I, s:s}", "status", status, "attempts", (json_int_t)attempts, "next_attempt_at", due),
	    json_pack("{s:s, s:I, s:s}", "status", "pending",
		"attempts", (json_int_t)(strcmp(status, "failed") == 0 ? 0 : attempts), "next_attempt_at", "now"));
}

enum core_err
outbox_retry(struct db *db, const struct actor *a, int64_t id, char *why)
{
	enum core_err er;
	int64_t d;

	if ((er = actor_distributor(a, ACT_OUTBOX_RETRY, &d)) != CORE_OK) {
		core_say(why, "Only the distributor's administrators can retry outbox rows.");
		return er;
	}
	if (id <= 0) {
		core_say(why, "There is no outbox row #%lld.", (long long)id);
		return CORE_NOTFOUND;
	}
	return db_txn(db, retry_txn, &(struct actor_change){ a, id, why });
}
