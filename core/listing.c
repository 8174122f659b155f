#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "audit.h"
#include "buf.h"
#include "listing.h"
#include "money.h"

/*
 * Bulk changes are set-based: the ids travel as one JSON array parameter
 * and JSON_TABLE turns it into rows, so a change of 500 products is a
 * handful of statements, not a loop of them.
 */
#define IDS_TABLE "JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) AS j"

enum {
	LST_DISTRIBUTOR,
	LST_STATE,
	LST_LIST,
	LST_UNLIST,
	LST_MARKUP,
	LST_BUMP,
	LST_COST,
	LST__MAX
};

static const char *const sql[LST__MAX] = {
	[LST_DISTRIBUTOR] = "SELECT distributor_id FROM resellers WHERE id = ?",
	/*
	 * The products named (of the reseller's distributor only) and their
	 * listing, locked for the change; params ids, distributor, reseller.
	 * The resellers row is deliberately not joined here: FOR UPDATE would
	 * lock it too.
	 */
	[LST_STATE] =
	    "SELECT p.id, p.name, p.active, p.unit_cost, l.product_id IS NOT NULL, COALESCE(l.listed, 0),"
	    " COALESCE(l.markup_bp, 0)"
	    " FROM " IDS_TABLE
	    " JOIN products p ON p.id = j.id AND p.distributor_id = ?"
	    " LEFT JOIN listings l ON l.reseller_id = ? AND l.product_id = p.id"
	    " ORDER BY p.id FOR UPDATE",
	/* params: reseller, ids */
	[LST_LIST] =
	    "INSERT INTO listings (reseller_id, product_id, listed, markup_bp, listed_at)"
	    " SELECT ?, j.id, 1, 0, CURRENT_TIMESTAMP FROM " IDS_TABLE
	    " ON DUPLICATE KEY UPDATE listed_at = IF(listings.listed = 1, listings.listed_at, CURRENT_TIMESTAMP),"
	    " listed = 1",
	/* params: ids, reseller */
	[LST_UNLIST] =
	    "UPDATE listings l JOIN " IDS_TABLE " ON j.id = l.product_id"
	    " SET l.listed = 0 WHERE l.reseller_id = ?",
	/* params: reseller, markup, ids */
	[LST_MARKUP] =
	    "INSERT INTO listings (reseller_id, product_id, listed, markup_bp)"
	    " SELECT ?, j.id, 0, ? FROM " IDS_TABLE
	    " ON DUPLICATE KEY UPDATE markup_bp = VALUES(markup_bp)",
	[LST_BUMP] = "UPDATE storefronts SET version = version + 1 WHERE reseller_id = ?",
	[LST_COST] =
	    "SELECT p.unit_cost FROM resellers r JOIN products p ON p.distributor_id = r.distributor_id"
	    " WHERE r.id = ? AND p.id = ?",
};

static const struct db_table table = { DB_MOD_LISTING, sql, LST__MAX };

enum op { OP_LIST, OP_UNLIST, OP_MARKUP };

static const char *const op_action[] = {
	[OP_LIST] = "listing.list", [OP_UNLIST] = "listing.unlist", [OP_MARKUP] = "listing.markup",
};

struct change {
	const struct actor *a;
	enum op             op;
	int32_t             markup_bp;
	const char         *ids_json;	/* distinct ids as a JSON array */
	size_t              n;		/* how many distinct ids */
	int64_t             single;	/* the product when n == 1 */
	char               *why;
	int64_t             distributor_id;	/* of the actor's reseller, read in the transaction */
};

static void
why_set(char *why, const char *fmt, const char *arg)
{
	if (why != NULL)
		snprintf(why, CORE_WHY, fmt, arg ? arg : "");
}

static int
cmp_id(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

/* ids_json - the distinct positive ids as "[1,2,3]" (malloc'd) and their count; CORE_INVALID for an id <= 0. */
static enum core_err
ids_json(const int64_t *ids, size_t n, char **out, size_t *distinct, int64_t *first)
{
	struct buf b = { 0 };
	int64_t *s;
	size_t i, k = 0;
	enum core_err er = CORE_OK;

	*out = NULL;
	if ((s = malloc(n * sizeof(*s))) == NULL)
		return CORE_ENOMEM;
	memcpy(s, ids, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_id);
	if (s[0] <= 0) {
		free(s);
		return CORE_NOTFOUND;
	}
	er = buf_putc(&b, '[');
	for (i = 0; i < n && er == CORE_OK; i++) {
		if (i > 0 && s[i] == s[i - 1])
			continue;
		er = buf_printf(&b, "%s%lld", k ? "," : "", (long long)s[i]);
		k++;
	}
	if (er == CORE_OK)
		er = buf_putc(&b, ']');
	*first = s[0];
	free(s);
	if (er != CORE_OK) {
		buf_free(&b);
		return er;
	}
	*out = buf_detach(&b);
	*distinct = k;
	return CORE_OK;
}

/*
 * read_state - the products of the change with their listing, as the
 * audit JSON {"products": [...]}; checks on the first read (before) that
 * every id is in the catalog and that the change is allowed.
 */
static enum core_err
read_state(struct db *db, struct change *c, int check, json_t **out)
{
	struct db_res *r;
	json_t *arr = json_array(), *o;
	size_t found = 0;
	enum core_err er;
	int64_t price;

	*out = NULL;
	if (arr == NULL)
		return CORE_ENOMEM;
	if ((er = db_query(db, &table, LST_STATE, &r, "sii", c->ids_json, c->distributor_id,
	    c->a->reseller_id)) != CORE_OK) {
		json_decref(arr);
		return er;
	}
	while (db_res_next(r)) {
		found++;
		if (check && c->op == OP_LIST && db_res_int(r, 2) == 0) {
			why_set(c->why, "%.200s is no longer in the catalog and cannot be listed.", db_res_str(r, 1));
			er = CORE_CONFLICT;
			break;
		}
		if (check && c->op == OP_MARKUP &&
		    money_price(db_res_int(r, 3), c->markup_bp, &price) != CORE_OK) {
			why_set(c->why, "The price of %.200s would be too large at this markup.", db_res_str(r, 1));
			er = CORE_RANGE;
			break;
		}
		o = json_pack("{s:I, s:b, s:b, s:I}", "product_id", (json_int_t)db_res_int(r, 0),
		    "exists", (int)db_res_int(r, 4), "listed", (int)db_res_int(r, 5),
		    "markup_bp", (json_int_t)db_res_int(r, 6));
		if (o == NULL || json_array_append_new(arr, o) != 0) {
			er = CORE_ENOMEM;
			break;
		}
	}
	db_res_free(r);
	if (er == CORE_OK && found != c->n) {
		why_set(c->why, c->n == 1 ? "There is no such product in your distributor's catalog." :
		    "Some of the products are not in your distributor's catalog.", NULL);
		er = CORE_NOTFOUND;
	}
	if (er != CORE_OK || (*out = json_pack("{s:o}", "products", arr)) == NULL) {
		if (er == CORE_OK)
			er = CORE_ENOMEM;
		else
			json_decref(arr);
		return er;
	}
	return CORE_OK;
}

static enum core_err
change_txn(struct db *db, void *arg)
{
	struct change *c = arg;
	int64_t rid = c->a->reseller_id;
	json_t *before = NULL, *after = NULL;
	enum core_err er;

	if ((er = db_query_int(db, &table, LST_DISTRIBUTOR, &c->distributor_id, "i", rid)) != CORE_OK)
		return er == CORE_NOTFOUND ? CORE_FORBIDDEN : er;
	if ((er = read_state(db, c, 1, &before)) != CORE_OK)
		goto out;
	switch (c->op) {
	case OP_LIST:
		er = db_exec(db, &table, LST_LIST, NULL, "is", rid, c->ids_json);
		break;
	case OP_UNLIST:
		er = db_exec(db, &table, LST_UNLIST, NULL, "si", c->ids_json, rid);
		break;
	case OP_MARKUP:
		er = db_exec(db, &table, LST_MARKUP, NULL, "iis", rid, (int64_t)c->markup_bp, c->ids_json);
		break;
	}
	if (er != CORE_OK)
		goto out;
	if ((er = db_exec(db, &table, LST_BUMP, NULL, "i", rid)) != CORE_OK)
		goto out;
	if ((er = read_state(db, c, 0, &after)) != CORE_OK)
		goto out;
	er = audit_write(db, c->a, rid, op_action[c->op], "listing", c->n == 1 ? c->single : 0, before, after);
out:
	json_decref(before);
	json_decref(after);
	return er;
}

static enum core_err
change(struct db *db, const struct actor *a, const int64_t *ids, size_t n, enum op op, int32_t bp, char *why)
{
	struct change c = { a, op, bp, NULL, 0, 0, why, 0 };
	char *json = NULL;
	enum core_err er;

	if (why != NULL)
		why[0] = '\0';
	if (actor_may(a, ACT_LISTING_WRITE) != CORE_OK) {
		why_set(why, "Only the reseller's administrators can change what its storefront lists.", NULL);
		return CORE_FORBIDDEN;
	}
	if (op == OP_MARKUP && (bp < 0 || bp > MONEY_MARKUP_MAX)) {
		char max[32];

		money_format_markup(MONEY_MARKUP_MAX, max, sizeof(max));
		why_set(why, "The markup must be between 0.00%% and %s.", max);
		return CORE_INVALID;
	}
	if (ids == NULL || n == 0 || n > LISTING_BULK_MAX) {
		why_set(why, n == 0 ? "Choose at least one product." : "Choose at most 1000 products at a time.", NULL);
		return CORE_INVALID;
	}
	if ((er = ids_json(ids, n, &json, &c.n, &c.single)) != CORE_OK) {
		if (er == CORE_NOTFOUND)
			why_set(why, "There is no such product in your distributor's catalog.", NULL);
		return er;
	}
	c.ids_json = json;
	er = db_txn(db, change_txn, &c);
	free(json);
	return er;
}

enum core_err
listing_set(struct db *db, const struct actor *a, const int64_t *ids, size_t n, int listed, char *why)
{
	if (listed != 0 && listed != 1) {
		if (actor_may(a, ACT_LISTING_WRITE) != CORE_OK)
			return CORE_FORBIDDEN;
		why_set(why, "A product is either listed or not.", NULL);
		return CORE_INVALID;
	}
	return change(db, a, ids, n, listed ? OP_LIST : OP_UNLIST, 0, why);
}

enum core_err
listing_markup(struct db *db, const struct actor *a, const int64_t *ids, size_t n, int32_t markup_bp, char *why)
{
	return change(db, a, ids, n, OP_MARKUP, markup_bp, why);
}

enum core_err
listing_preview(struct db *db, const struct actor *a, int64_t product_id, int32_t markup_bp, int64_t *cost,
    int64_t *price)
{
	enum core_err er;

	*cost = *price = 0;
	if ((er = actor_may(a, ACT_LISTING_WRITE)) != CORE_OK)
		return er;
	if (markup_bp < 0 || markup_bp > MONEY_MARKUP_MAX)
		return CORE_INVALID;
	if ((er = db_query_int(db, &table, LST_COST, cost, "ii", a->reseller_id, product_id)) != CORE_OK)
		return er;
	return money_price(*cost, markup_bp, price);
}
