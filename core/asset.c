/* asset.c - reading the assets (one-time purchases) of customers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asset.h"
#include "str.h"

#define SCOPE_SQL ACTOR_SCOPE_SQL(s)
#define SCOPE_T ACTOR_SCOPE_T
#define SCOPE_ARGS ACTOR_SCOPE_ARGS

enum {
	ASSET_LIST,
	ASSET_COUNT,
	ASSET__MAX
};

/* s is the asset row (the scope macro's alias); keyed by (reseller_id, customer_id) */
static const char *const sql[ASSET__MAX] = {
	[ASSET_LIST] =
	    "SELECT s.id, s.reseller_id, s.customer_id, c.name, s.product_id, p.name, p.sku, p.manufacturer,"
	    " s.quantity, s.unit_price, s.unit_cost, r.currency, COALESCE(s.serial, ''),"
	    " DATE_FORMAT(s.purchased_at, '%Y-%m-%d %H:%i:%s'), COALESCE(o.id, 0), COALESCE(o.number, '')"
	    " FROM assets s JOIN resellers r ON r.id = s.reseller_id"
	    " JOIN customers c ON c.reseller_id = s.reseller_id AND c.id = s.customer_id"
	    " JOIN products p ON p.id = s.product_id"
	    " LEFT JOIN order_lines ol ON ol.id = s.order_line_id"
	    " LEFT JOIN orders o ON o.id = ol.order_id"
	    " WHERE" SCOPE_SQL
	    " ORDER BY s.purchased_at DESC, s.id DESC LIMIT ? OFFSET ?",
	[ASSET_COUNT] =
	    "SELECT COUNT(*) FROM assets s JOIN resellers r ON r.id = s.reseller_id WHERE" SCOPE_SQL,
};

static const struct db_table table = { DB_MOD_ASSET, sql, ASSET__MAX };

DB_LIST_FREE_FN(asset_list_free, asset_list)

/* fill - one row of ASSET_LIST. */
#define COL(type, member) DB_COL(type, struct asset, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	COL(INT, customer_id),
	COL(STR, customer_name),
	COL(INT, product_id),
	COL(STR, product_name),
	COL(STR, sku),
	COL(STR, manufacturer),
	COL(INT, quantity),
	COL(INT, unit_price),
	COL(INT, unit_cost),
	COL(STR, currency),
	COL(STR, serial),
	COL(STR, purchased_at),
	COL(INT, order_id),
	COL(STR, order_number),
};
#undef COL

DB_FILL_INTO_FN(fill, cols)

enum core_err
asset_list(struct db *db, const struct actor *a, int64_t customer_id, int limit, int64_t offset,
    struct asset_list *out)
{
	struct actor_scope s;
	struct db_rows rows;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_scope(a, ACT_SUBSCRIPTION_MANAGE, 0, customer_id, &s)) != CORE_OK)
		return er;
	er = db_list(db, &table, &(struct db_list){ ASSET_COUNT, ASSET_LIST, NULL, offset, limit, ASSET_LIST_MAX,
	    sizeof(*out->items), fill }, &rows, SCOPE_T, SCOPE_ARGS(s));
	DB_ROWS_MOVE(out, rows);
	return er;
}
