#include <stdlib.h>
#include <string.h>
#include "names.h"
#include "outbox.h"
#include "str.h"

enum { OUTBOX_INSERT, OUTBOX_DUE, OUTBOX_LEASE, OUTBOX_SENT, OUTBOX_FAILED, OUTBOX_THEME, OUTBOX_ANY_DUE,
	OUTBOX_STMT__MAX };

static const char *const sql[OUTBOX_STMT__MAX] = {
	[OUTBOX_INSERT] = "INSERT INTO outbox (kind, reseller_id, payload) VALUES (?, ?, ?)",
	[OUTBOX_DUE] = "SELECT id, reseller_id, attempts, payload FROM outbox"
	    " WHERE status = 'pending' AND kind = ? AND next_attempt_at <= NOW()"
	    " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
	[OUTBOX_LEASE] = "UPDATE outbox SET attempts = attempts + 1,"
	    " next_attempt_at = NOW() + INTERVAL ? SECOND WHERE id = ?",
	[OUTBOX_SENT] = "UPDATE outbox SET status = 'sent', sent_at = NOW(), last_error = NULL"
	    " WHERE id = ? AND status = 'pending'",
	[OUTBOX_FAILED] = "UPDATE outbox SET status = ?, next_attempt_at = NOW() + INTERVAL ? SECOND,"
	    " last_error = ? WHERE id = ? AND status = 'pending'",
	[OUTBOX_THEME] = "SELECT theme FROM storefronts WHERE reseller_id = ?",
	[OUTBOX_ANY_DUE] = "SELECT 1 FROM outbox WHERE status = 'pending' AND next_attempt_at <= NOW() LIMIT 1",
};

static const struct db_table table = { DB_MOD_OUTBOX, sql, OUTBOX_STMT__MAX };

static const char *const kinds[OUTBOX__MAX] = {
	[OUTBOX_EMAIL] = "email",
	[OUTBOX_WEBHOOK] = "webhook",
	[OUTBOX_PROVISION] = "provision",
};

enum core_err
outbox_enqueue(struct db *db, enum outbox_kind kind, int64_t reseller_id, const json_t *payload, int64_t *id)
{
	char *text;
	enum core_err er;

	if (kind < 0 || kind >= OUTBOX__MAX || payload == NULL)
		return CORE_INVALID;
	if ((text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)
		return CORE_ENOMEM;
	er = db_exec(db, &table, OUTBOX_INSERT, NULL, "sIs", kinds[kind], reseller_id, text);
	free(text);
	if (er == CORE_OK && id != NULL)
		*id = (int64_t)db_insert_id(db);
	return er;
}

enum core_err
outbox_email(struct db *db, int64_t reseller_id, const char *to, const char *subject,
    const char *template_name, const json_t *data)
{
	json_t *p;
	enum core_err er;

	p = json_pack("{s:s, s:s, s:s, s:O?}", "to", to, "subject", subject,
	    "template", template_name, "data", (json_t *)data);
	if (p == NULL)
		return CORE_ENOMEM;
	er = outbox_enqueue(db, OUTBOX_EMAIL, reseller_id, p, NULL);
	json_decref(p);
	return er;
}

struct claim_args {
	enum outbox_kind    kind;
	int                 max;
	struct outbox_item *items;
	int                 n;
};

static enum core_err
claim_txn(struct db *db, void *arg)
{
	struct claim_args *x = arg;
	struct db_res *r;
	enum core_err er;
	int i;

	/* a retried transaction starts again from nothing */
	outbox_items_free(x->items, x->n);
	x->n = 0;
	if ((er = db_query(db, &table, OUTBOX_DUE, &r, "si", kinds[x->kind], (int64_t)x->max)) != CORE_OK)
		return er;
	while (x->n < x->max && db_res_next(r)) {
		struct outbox_item *it = &x->items[x->n];

		it->id = db_res_int(r, 0);
		it->reseller_id = db_res_int(r, 1);
		it->attempts = (int)db_res_int(r, 2) + 1;
		if ((it->payload = db_res_strdup(r, 3)) == NULL) {
			db_res_free(r);
			return CORE_ENOMEM;
		}
		x->n++;
	}
	db_res_free(r);
	for (i = 0; i < x->n; i++)
		if ((er = db_exec(db, &table, OUTBOX_LEASE, NULL, "ii", (int64_t)db_config(db)->outbox_lease_seconds,
		    x->items[i].id)) != CORE_OK)
			return er;
	return CORE_OK;
}

enum core_err
outbox_claim(struct db *db, enum outbox_kind kind, int max, struct outbox_item *items, int *n)
{
	struct claim_args x = { kind, max, items, 0 };
	enum core_err er;

	*n = 0;
	if (kind < 0 || kind >= OUTBOX__MAX || max < 1 || max > 100 || items == NULL)
		return CORE_INVALID;
	if ((er = db_txn(db, claim_txn, &x)) != CORE_OK) {
		outbox_items_free(items, x.n);
		return er;
	}
	*n = x.n;
	return CORE_OK;
}

enum core_err
outbox_any_due(struct db *db, int *any)
{
	struct db_res *r;
	enum core_err er;

	*any = 0;
	if ((er = db_query(db, &table, OUTBOX_ANY_DUE, &r, "")) != CORE_OK)
		return er;
	*any = db_res_next(r);
	db_res_free(r);
	return CORE_OK;
}

void
outbox_items_free(struct outbox_item *items, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(items[i].payload);
		memset(&items[i], 0, sizeof(items[i]));
	}
}

enum core_err
outbox_sent(struct db *db, int64_t id)
{
	return db_exec(db, &table, OUTBOX_SENT, NULL, "i", id);
}

enum core_err
outbox_failed(struct db *db, int64_t id, const char *error, int delay_seconds, int give_up)
{
	char cut[1001];

	str_copy(cut, sizeof(cut), error != NULL ? error : "");
	return db_exec(db, &table, OUTBOX_FAILED, NULL, "sisi", give_up ? "failed" : "pending",
	    (int64_t)delay_seconds, cut, id);
}

int
outbox_backoff(int base, int attempts, unsigned random)
{
	long d = base > 0 ? base : 1;
	int i;

	for (i = 1; i < attempts && d < OUTBOX_BACKOFF_MAX; i++)
		d *= 2;
	if (d > OUTBOX_BACKOFF_MAX)
		d = OUTBOX_BACKOFF_MAX;
	return (int)(d + random % (unsigned long)(d / 4 + 1));
}

enum core_err
outbox_theme(struct db *db, int64_t reseller_id, char *name, size_t sz)
{
	struct db_res *r;
	enum core_err er;

	name[0] = '\0';
	if (reseller_id == 0)
		return CORE_OK;
	if ((er = db_query(db, &table, OUTBOX_THEME, &r, "i", reseller_id)) != CORE_OK)
		return er;
	if (db_res_next(r))
		str_copy(name, sz, db_res_str(r, 0));
	db_res_free(r);
	return CORE_OK;
}

NAMES_FN_NAME(outbox_kind_name, enum outbox_kind, kinds, OUTBOX__MAX, "unknown")
NAMES_FN_PARSE(outbox_kind_parse, kinds, OUTBOX__MAX)
