/*
 * fulfil_queue.c - the fulfilment queue as operators read it: a page of
 * tasks, their counts, and the keys products out of stock (fulfil.h).
 * The queue is the distributor's: every statement takes the actor's
 * distributor, through the task's reseller (or the product's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fulfil.h"
#include "fulfil_impl.h"
#include "str.h"

#define OPEN "f.status IN ('waiting', 'queued')"

#define TASK_WHERE \
	" WHERE r.distributor_id = ? AND (? IS NULL OR f.status = ?) AND (? = 0 OR " OPEN ")" \
	" AND (? IS NULL OR f.connector = ?)"
#define TASK_T "ississ"

enum {
	FQ_LIST,
	FQ_COUNT,
	FQ_COUNTS,
	FQ_STOCK,
	FQ__MAX
};

static const char *const sql[FQ__MAX] = {
	/* open first, waiting before queued, oldest first; then the settled, latest first */
	[FQ_LIST] = FULFIL_TASK_SELECT TASK_WHERE
	    " ORDER BY " OPEN " DESC, f.status <> 'waiting', IF(" OPEN ", f.created_at, NULL),"
	    " IF(" OPEN ", f.id, NULL), f.done_at DESC, f.id DESC LIMIT ? OFFSET ?",
	[FQ_COUNT] = "SELECT COUNT(*) FROM fulfilments f JOIN resellers r ON r.id = f.reseller_id" TASK_WHERE,
	[FQ_COUNTS] =
	    "SELECT f.status, COUNT(*) FROM fulfilments f JOIN resellers r ON r.id = f.reseller_id"
	    " WHERE r.distributor_id = ? GROUP BY f.status",
	[FQ_STOCK] =
	    "SELECT p.id, p.sku, p.name, COUNT(*) FROM fulfilments f JOIN products p ON p.id = f.product_id"
	    " WHERE p.distributor_id = ? AND f.status = 'waiting' AND f.connector = 'keys'"
	    " GROUP BY p.id, p.sku, p.name"
	    " HAVING (SELECT COUNT(*) FROM licence_keys k WHERE k.product_id = p.id AND k.order_line_id IS NULL)"
	    "  < MIN(f.quantity)"
	    " ORDER BY COUNT(*) DESC, p.sku",
};

static const struct db_table table = { DB_MOD_FULFIL_QUEUE, sql, FQ__MAX };

/* the connectors of products.connector (sql/005) */
static const char *const connectors[] = { "manual", "keys", "http" };

DB_LIST_FREE_FN(fulfil_task_list_free, fulfil_task_list)
DB_LIST_FREE_FN(fulfil_stock_list_free, fulfil_stock_list)

enum core_err
fulfil_list(struct db *db, const struct actor *a, const struct fulfil_filter *f,
    const struct db_page *pg, struct fulfil_task_list *out)
{
	struct fulfil_filter all = { FULFIL_LIST_ANY, NULL };
	const char *st = NULL, *conn = NULL;
	struct db_rows rows;
	enum core_err er;
	int64_t d;

	memset(out, 0, sizeof(*out));
	if ((er = actor_distributor(a, ACT_OUTBOX_READ, &d)) != CORE_OK)
		return er;
	if (f == NULL)
		f = &all;
	if (f->status < FULFIL_LIST_OPEN || f->status >= FULFIL_STATUS__MAX)
		return CORE_INVALID;
	if (f->status >= 0)
		st = fulfil_status_name((enum fulfil_status)f->status);
	if (f->connector != NULL && f->connector[0] != '\0') {
		if (names_find(connectors, (int)(sizeof(connectors) / sizeof(connectors[0])), f->connector) < 0)
			return CORE_INVALID;
		conn = f->connector;
	}
	er = db_list(db, &table, &(struct db_list){ FQ_COUNT, FQ_LIST, NULL, pg ? pg->offset : 0,
	    pg ? pg->limit : 0, FULFIL_LIST_MAX, sizeof(*out->items), fulfil_task_fill }, &rows, TASK_T,
	    d, st, st, (int64_t)(f->status == FULFIL_LIST_OPEN), conn, conn);
	DB_ROWS_MOVE(out, rows);
	return er;
}

enum core_err
fulfil_counts(struct db *db, const struct actor *a, int64_t n[FULFIL_STATUS__MAX])
{
	enum core_err er;
	int64_t d;

	memset(n, 0, sizeof(*n) * FULFIL_STATUS__MAX);
	if ((er = actor_distributor(a, ACT_OUTBOX_READ, &d)) != CORE_OK)
		return er;
	return db_counts(db, &table, FQ_COUNTS, fulfil_status_parse, n, FULFIL_STATUS__MAX, "i", d);
}

static enum core_err
fill_stock(struct db_res *r, void *item)
{
	struct fulfil_stock *s = item;

	s->product_id = db_res_int(r, 0);
	str_copy(s->sku, sizeof(s->sku), db_res_str(r, 1));
	str_copy(s->product_name, sizeof(s->product_name), db_res_str(r, 2));
	s->waiting = db_res_int(r, 3);
	return CORE_OK;
}

enum core_err
fulfil_stock_warnings(struct db *db, const struct actor *a, struct fulfil_stock_list *out)
{
	struct db_rows rows;
	enum core_err er;
	int64_t d;

	memset(out, 0, sizeof(*out));
	if ((er = actor_distributor(a, ACT_OUTBOX_READ, &d)) != CORE_OK)
		return er;
	er = db_all(db, &table, FQ_STOCK, sizeof(*out->items), fill_stock, &rows, "i", d);
	DB_ROWS_MOVE(out, rows);
	return er;
}
