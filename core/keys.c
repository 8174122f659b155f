/*
 * keys.c - licence keys (keys.h): the keys connector, the import and
 * the stock report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "audit.h"
#include "keys.h"
#include "str.h"

enum {
	KEY_FREE,
	KEY_TAKE,
	KEY_PRODUCT,
	KEY_EXISTS,
	KEY_INSERT,
	KEY_REQUEUE,
	KEY_FREE_COUNT,
	KEY_STOCK,
	KEY__MAX
};

static const char *const sql[KEY__MAX] = {
	/*
	 * Plain FOR UPDATE, lowest id first: a second worker after the same
	 * keys waits, then reads the latest rows and passes over the taken
	 * ones (SKIP LOCKED would pass over keys another worker may yet
	 * give back, and leave a line waiting with keys in stock).
	 */
	[KEY_FREE] =
	    "SELECT id, licence_key FROM licence_keys WHERE product_id = ? AND order_line_id IS NULL"
	    " ORDER BY id LIMIT ? FOR UPDATE",
	[KEY_TAKE] =
	    "UPDATE licence_keys SET order_line_id = ?, assigned_at = NOW() WHERE id = ? AND order_line_id IS NULL",
	[KEY_PRODUCT] =
	    "SELECT id, sku, connector FROM products WHERE (id = ? OR sku = ?) AND (? = 0 OR distributor_id = ?)"
	    " ORDER BY sku = ? DESC, id LIMIT 1",
	[KEY_EXISTS] = "SELECT COUNT(*) FROM licence_keys WHERE product_id = ? AND licence_key = ?",
	[KEY_INSERT] = "INSERT INTO licence_keys (product_id, licence_key) VALUES (?, ?)",
	[KEY_REQUEUE] =
	    "UPDATE fulfilments SET status = 'queued', next_attempt_at = NOW(), error = NULL"
	    " WHERE product_id = ? AND connector = 'keys' AND status = 'waiting'",
	[KEY_FREE_COUNT] = "SELECT COUNT(*) FROM licence_keys WHERE product_id = ? AND order_line_id IS NULL",
	[KEY_STOCK] =
	    "SELECT p.id, p.sku, p.name,"
	    " (SELECT COUNT(*) FROM licence_keys k WHERE k.product_id = p.id AND k.order_line_id IS NULL),"
	    " (SELECT COUNT(*) FROM licence_keys k WHERE k.product_id = p.id AND k.order_line_id IS NOT NULL),"
	    " (SELECT COUNT(*) FROM fulfilments f WHERE f.product_id = p.id AND f.connector = 'keys'"
	    "  AND f.status = 'waiting')"
	    " FROM products p WHERE p.connector = 'keys' AND (? = 0 OR p.distributor_id = ?) ORDER BY p.sku, p.id",
};

static const struct db_table table = { DB_MOD_KEYS, sql, KEY__MAX };

DB_LIST_FREE_FN(keys_stock_list_free, keys_stock_list)

/* ---- the connector ----------------------------------------------------- */

struct assign {
	const struct actor *a;
	int64_t             id;
	enum fulfil_status  result;
	char               *why;
};

static enum core_err
assign_txn(struct db *db, void *arg)
{
	struct assign *x = arg;
	struct fulfil_task t;
	struct db_res *r;
	int64_t *ids;
	char first[KEYS_KEY_MAX * 4 + 1] = "", msg[FULFIL_TEXT_MAX + 1];
	enum core_err er;
	int64_t i, n = 0;
	uint64_t done;

	if ((er = fulfil_lock(db, x->id, &t)) != CORE_OK)
		return er;
	x->result = t.status;
	if (t.status != FULFIL_QUEUED || strcmp(t.connector, "keys") != 0 || t.order_line_id == 0 ||
	    t.quantity < 1) {
		core_say(x->why, "Task %lld is not a queued keys provision task.", (long long)t.id);
		return CORE_CONFLICT;
	}
	if ((ids = calloc((size_t)t.quantity, sizeof(*ids))) == NULL)
		return CORE_ENOMEM;
	if ((er = db_query(db, &table, KEY_FREE, &r, "ii", t.product_id, (int64_t)t.quantity)) != CORE_OK)
		goto out;
	while (n < t.quantity && db_res_next(r)) {
		ids[n] = db_res_int(r, 0);
		if (n++ == 0)
			str_copy(first, sizeof(first), db_res_str(r, 1));
	}
	db_res_free(r);
	if (n < t.quantity) {
		snprintf(msg, sizeof(msg), "No licence keys in stock for SKU %s (%d needed, %lld free).", t.sku,
		    (int)t.quantity, (long long)n);
		x->result = FULFIL_WAITING;
		er = fulfil_wait(db, &t, FULFIL_WAITING, 0, msg);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((er = db_exec(db, &table, KEY_TAKE, &done, "ii", t.order_line_id, ids[i])) != CORE_OK)
			goto out;
		if (done != 1) {
			er = CORE_DEADLOCK;	/* cannot happen under the row lock; retry to be safe */
			goto out;
		}
	}
	x->result = FULFIL_DONE;
	er = fulfil_end(db, x->a, &t, FULFIL_DONE, first, 0, x->why);
out:
	free(ids);
	return er;
}

enum core_err
keys_assign(struct db *db, const struct actor *a, int64_t id, enum fulfil_status *result, char *why)
{
	struct assign x = { a, id, FULFIL_QUEUED, why };
	enum core_err er;

	if ((er = actor_may(a, ACT_SYSTEM)) != CORE_OK) {
		core_say(why, "You are not allowed to do this.");
		return er;
	}
	er = db_txn(db, assign_txn, &x);
	if (result != NULL)
		*result = x.result;
	return er;
}

/* ---- import ------------------------------------------------------------ */

struct import {
	const struct actor         *a;
	const char                 *product, *text;
	size_t                      len;
	struct keys_import_result  *r;
	char                       *why;
};

/* keys_next - see keys.h. */
int
keys_next(const char *text, size_t len, size_t *pos, int *line, const char **key, size_t *klen)
{
	while (*pos < len) {
		size_t b = *pos, e;

		while (*pos < len && text[*pos] != '\n')
			(*pos)++;
		e = *pos;
		if (*pos < len)
			(*pos)++;
		(*line)++;
		while (b < e && (text[b] == ' ' || text[b] == '\t'))
			b++;
		while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
			e--;
		if (b == e || text[b] == '#')
			continue;
		*key = text + b;
		*klen = e - b;
		return 1;
	}
	return 0;
}

/* keys_check_text - see keys.h. */
enum core_err
keys_check_text(const char *text, size_t len, char *why)
{
	const char *key;
	size_t pos = 0, klen;
	int line = 0, n = 0;
	long chars;

	while (keys_next(text, len, &pos, &line, &key, &klen)) {
		chars = str_utf8_chars(key, klen, 0);
		if (chars < 0) {
			core_say(why, "Line %d: not a licence key (bad UTF-8 or a control character).", line);
			return CORE_INVALID;
		}
		if (chars > KEYS_KEY_MAX) {
			core_say(why, "Line %d: a licence key can be at most %d characters long.", line, KEYS_KEY_MAX);
			return CORE_INVALID;
		}
		n++;
	}
	if (n == 0) {
		core_say(why, "There is no licence key in the file (one key per line; # starts a comment).");
		return CORE_INVALID;
	}
	return CORE_OK;
}

static enum core_err
import_txn(struct db *db, void *arg)
{
	struct import *x = arg;
	struct keys_import_result *r = x->r;
	struct db_res *res;
	char key[KEYS_KEY_MAX * 4 + 1], connector[16] = "";
	const char *k;
	size_t pos = 0, klen;
	int64_t id = 0, d = x->a->distributor_id, exists;
	int line = 0;
	uint64_t n = 0;
	enum core_err er;

	memset(r, 0, sizeof(*r));	/* a retried transaction starts again */
	if (str_parse_id(x->product, &id) != 0)
		id = 0;
	if ((er = db_query(db, &table, KEY_PRODUCT, &res, "isiis", id, x->product, d, d, x->product)) != CORE_OK)
		return er;
	if (db_res_next(res)) {
		r->product_id = db_res_int(res, 0);
		str_copy(r->sku, sizeof(r->sku), db_res_str(res, 1));
		str_copy(connector, sizeof(connector), db_res_str(res, 2));
	}
	db_res_free(res);
	if (r->product_id == 0) {
		core_say(x->why, "No product with the SKU or id '%s'.", x->product);
		return CORE_NOTFOUND;
	}
	if (strcmp(connector, "keys") != 0) {
		core_say(x->why, "%s is not fulfilled with licence keys (its connector is %s).", r->sku, connector);
		return CORE_INVALID;
	}
	while (keys_next(x->text, x->len, &pos, &line, &k, &klen)) {
		memcpy(key, k, klen);	/* checked: at most KEYS_KEY_MAX characters */
		key[klen] = '\0';
		if ((er = db_query_int(db, &table, KEY_EXISTS, &exists, "is", r->product_id, key)) != CORE_OK)
			return er;
		if (exists > 0) {
			if (r->duplicates < KEYS_DUPS_SHOWN)
				r->dup_lines[r->duplicates] = line;
			r->duplicates++;
			continue;
		}
		if ((er = db_exec(db, &table, KEY_INSERT, NULL, "is", r->product_id, key)) != CORE_OK)
			return er;
		r->imported++;
	}
	if ((er = db_exec(db, &table, KEY_REQUEUE, &n, "i", r->product_id)) != CORE_OK ||
	    (er = db_query_int(db, &table, KEY_FREE_COUNT, &r->free, "i", r->product_id)) != CORE_OK)
		return er;
	r->requeued = (int64_t)n;
	return audit_change(db, x->a, 0, "keys.import", "product", r->product_id,
	    json_pack("{s:s}", "sku", r->sku),
	    json_pack("{s:s, s:i, s:i, s:I, s:I}", "sku", r->sku, "imported", r->imported,
	    "duplicates", r->duplicates, "free", (json_int_t)r->free, "requeued", (json_int_t)r->requeued));
}

enum core_err
keys_import(struct db *db, const struct actor *a, const char *product, const char *text, size_t len,
    struct keys_import_result *r, char *why)
{
	struct import x = { a, product, text, len, r, why };
	enum core_err er;

	memset(r, 0, sizeof(*r));
	if ((er = actor_may(a, ACT_FULFIL)) != CORE_OK) {
		core_say(why, "You are not allowed to import licence keys.");
		return er;
	}
	if (product == NULL || product[0] == '\0' || text == NULL) {
		core_say(why, "Name the product (SKU or id) and give the keys.");
		return CORE_INVALID;
	}
	if ((er = keys_check_text(text, len, why)) != CORE_OK)
		return er;
	return db_txn(db, import_txn, &x);
}

/* ---- stock ------------------------------------------------------------- */

static enum core_err
fill_stock(struct db_res *res, void *item)
{
	struct keys_stock *s = item;

	s->product_id = db_res_int(res, 0);
	str_copy(s->sku, sizeof(s->sku), db_res_str(res, 1));
	str_copy(s->name, sizeof(s->name), db_res_str(res, 2));
	s->free = db_res_int(res, 3);
	s->assigned = db_res_int(res, 4);
	s->waiting = db_res_int(res, 5);
	return CORE_OK;
}

enum core_err
keys_stock(struct db *db, const struct actor *a, struct keys_stock_list *out)
{
	struct db_rows rows;
	enum core_err er;
	int64_t d = a->distributor_id;

	memset(out, 0, sizeof(*out));
	if (actor_may(a, ACT_FULFIL) != CORE_OK && (er = actor_may(a, ACT_OUTBOX_READ)) != CORE_OK)
		return er;
	er = db_all(db, &table, KEY_STOCK, sizeof(*out->items), fill_stock, &rows, "ii", d, d);
	DB_ROWS_MOVE(out, rows);
	return er;
}
