/*
 * account_view.c - the customer area's pages, one statement each (see
 * account_view.h).
 *
 * Shape of the statements: a one-row derived table h (the navigation,
 * and what a page shows once: figures, renewals, assets) LEFT JOINed to
 * the page's list, so a customer with no orders still gets one row, with
 * NULLs for the order (id 0: no item).  A list's total is a window count
 * over the matched rows (taken before LIMIT), and a JSON array that h
 * holds is sent on the first row of the page only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "account_view.h"
#include "mrr.h"

/* the navigation's two flags as columns nav_usage, nav_m365; params: reseller, customer (twice) */
#define NAV_SQL \
	"EXISTS (SELECT 1 FROM subscriptions ns JOIN products np ON np.id = ns.product_id" \
	"  WHERE ns.reseller_id = ? AND ns.customer_id = ? AND np.type = 'usage') AS nav_usage," \
	" EXISTS (SELECT 1 FROM subscriptions ns JOIN products np ON np.id = ns.product_id" \
	"  WHERE ns.reseller_id = ? AND ns.customer_id = ? AND np.type = 'license'" \
	"  AND ns.status IN ('active', 'trial')) AS nav_m365"
#define NAV_T "iiii"
#define NAV_ARGS(a) (a)->reseller_id, (a)->customer_id, (a)->reseller_id, (a)->customer_id

#define ORDERS_NEWEST "o.created_at DESC, o.id DESC"
#define STR_(x) #x
#define STR(x)  STR_(x)

enum {
	AV_NAV,
	AV_OVERVIEW,
	AV_ORDERS,
	AV_SUBSCRIPTIONS,
	AV__MAX
};

static const char *const sql[AV__MAX] = {
	[AV_NAV] = "SELECT " NAV_SQL,
	/*
	 * params: nav; MRR (reseller, customer, reseller, customer); renewals
	 * (reseller, customer, horizon); user (id, reseller, customer); orders
	 * (reseller, customer)
	 */
	[AV_OVERVIEW] =
	    "SELECT " ORDER_SQL_COLS ", h.user_name, h.company, h.active_subs, h.licences, h.open_orders,"
	    " h.spend, h.nav_usage, h.nav_m365,"
	    " IF(ROW_NUMBER() OVER (ORDER BY " ORDERS_NEWEST ") = 1, h.renewals, NULL)"
	    " FROM (SELECT u.name AS user_name, c.name AS company,"
	    "  (SELECT COUNT(*) FROM subscriptions s"
	    "    WHERE s.reseller_id = u.reseller_id AND s.customer_id = u.customer_id AND s.status = 'active')"
	    "    AS active_subs,"
	    "  (SELECT COALESCE(SUM(s.quantity), 0) FROM subscriptions s JOIN products p ON p.id = s.product_id"
	    "    WHERE s.reseller_id = u.reseller_id AND s.customer_id = u.customer_id AND s.status = 'active'"
	    "    AND p.type = 'license') AS licences,"
	    "  (SELECT COUNT(*) FROM orders o"
	    "    WHERE o.reseller_id = u.reseller_id AND o.customer_id = u.customer_id AND " ORDER_SQL_OPEN ")"
	    "    AS open_orders, "
	    NAV_SQL ", "
	    MRR_SQL_CUSTOMER " AS spend,"
	    "  (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', s.id, 'name', p.name, 'quantity', s.quantity,"
	    "     'renewal_date', DATE_FORMAT(s.renewal_date, '%Y-%m-%d')) ORDER BY s.renewal_date, s.id)"
	    "    FROM subscriptions s JOIN products p ON p.id = s.product_id"
	    "    WHERE s.reseller_id = ? AND s.customer_id = ? AND s.status = 'active'"
	    "    AND s.cancel_at_term_end = 0 AND s.renewal_date <= ?) AS renewals"
	    "  FROM storefront_users u JOIN customers c ON c.reseller_id = u.reseller_id AND c.id = u.customer_id"
	    "  WHERE u.id = ? AND u.reseller_id = ? AND u.customer_id = ?) h"
	    " LEFT JOIN (" ORDER_SQL_JOINS ") ON o.reseller_id = ? AND o.customer_id = ?"
	    " ORDER BY " ORDERS_NEWEST " LIMIT " STR(ACCOUNT_RECENT_ORDERS),
	/* params: nav; reseller, customer, limit, offset */
	[AV_ORDERS] =
	    "SELECT " ORDER_SQL_COLS ", COUNT(o.id) OVER (), h.nav_usage, h.nav_m365"
	    " FROM (SELECT " NAV_SQL ") h"
	    " LEFT JOIN (" ORDER_SQL_JOINS ") ON o.reseller_id = ? AND o.customer_id = ?"
	    " ORDER BY " ORDERS_NEWEST " LIMIT ? OFFSET ?",
	/* params: nav; assets (reseller, customer); offset; reseller, customer, limit, offset */
	[AV_SUBSCRIPTIONS] =
	    "SELECT " SUBSCRIPTION_SQL_COLS ", COUNT(s.id) OVER (), h.nav_usage, h.nav_m365,"
	    " IF(ROW_NUMBER() OVER (ORDER BY p.name, s.id) = ? + 1, h.assets, NULL)"
	    " FROM (SELECT " NAV_SQL ","
	    "  (SELECT JSON_ARRAYAGG(JSON_OBJECT('name', ap.name, 'sku', ap.sku, 'quantity', a.quantity,"
	    "     'unit_price', a.unit_price, 'currency', ar.currency,"
	    "     'purchased_at', DATE_FORMAT(a.purchased_at, '%Y-%m-%d %H:%i:%s'),"
	    "     'order_id', COALESCE(ao.id, 0), 'order_number', COALESCE(ao.number, ''))"
	    "     ORDER BY a.purchased_at DESC, a.id DESC LIMIT " STR(ACCOUNT_ASSETS_MAX) ")"
	    "    FROM assets a JOIN resellers ar ON ar.id = a.reseller_id JOIN products ap ON ap.id = a.product_id"
	    "    LEFT JOIN order_lines aol ON aol.id = a.order_line_id LEFT JOIN orders ao ON ao.id = aol.order_id"
	    "    WHERE a.reseller_id = ? AND a.customer_id = ?) AS assets) h"
	    " LEFT JOIN (" SUBSCRIPTION_SQL_JOINS ") ON s.reseller_id = ? AND s.customer_id = ?"
	    " ORDER BY p.name, s.id LIMIT ? OFFSET ?",
};

static const struct db_table table = { DB_MOD_ACCOUNT_VIEW, sql, AV__MAX };

/* own - CORE_OK when a is a storefront user of a customer allowed action act (its own data). */
static enum core_err
own(const struct actor *a, enum action act)
{
	struct actor_scope s;
	enum core_err er;

	if (a == NULL || a->kind != ACTOR_STOREFRONT_USER || a->reseller_id <= 0 || a->customer_id <= 0)
		return CORE_FORBIDDEN;
	if ((er = actor_scope(a, act, 1, 0, &s)) != CORE_OK)
		return er;
	return s.reseller_id == a->reseller_id && s.customer_id == a->customer_id ? CORE_OK : CORE_FORBIDDEN;
}

/* nav_at - the navigation's two columns of res from col. */
static void
nav_at(struct db_res *res, int col, struct account_nav *nav)
{
	nav->show_usage = db_res_int(res, col) != 0;
	nav->show_m365 = db_res_int(res, col + 1) != 0;
}

/* json_at - column col of res, a JSON array or NULL, as a new array (empty for NULL); NULL on a bad one. */
static json_t *
json_at(struct db_res *res, int col)
{
	json_t *j;

	if (db_res_isnull(res, col))
		return json_array();
	j = json_loads(db_res_str(res, col), 0, NULL);
	if (j != NULL && !json_is_array(j)) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

/*
 * grow - items (n of size bytes, malloc'd or NULL) with room for one
 * more, zeroed: the new array, or NULL on ENOMEM (items untouched).
 */
static void *
grow(void *items, size_t n, size_t size)
{
	char *p = realloc(items, (n + 1) * size);

	if (p != NULL)
		memset(p + n * size, 0, size);
	return p;
}

enum core_err
account_nav_get(struct db *db, const struct actor *a, struct account_nav *out)
{
	struct db_res *res;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = own(a, ACT_SUBSCRIPTION_MANAGE)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, AV_NAV, &res, NAV_T, NAV_ARGS(a))) != CORE_OK)
		return er;
	if (db_res_next(res))
		nav_at(res, 0, out);
	db_res_free(res);
	return CORE_OK;
}

void
account_overview_free(struct account_overview *o)
{
	if (o == NULL)
		return;
	order_list_free(&o->recent);
	json_decref(o->renewals);
	memset(o, 0, sizeof(*o));
}

enum core_err
account_view_overview(struct db *db, const struct actor *a, const char *horizon, struct account_overview *out)
{
	const int h = ORDER_SQL_NCOLS;
	struct db_res *res;
	struct order *o;
	enum core_err er;
	int first = 1;

	memset(out, 0, sizeof(*out));
	if ((er = own(a, ACT_ACCOUNT_SELF)) != CORE_OK || (er = own(a, ACT_ORDER_PLACE)) != CORE_OK ||
	    (er = own(a, ACT_SUBSCRIPTION_MANAGE)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, AV_OVERVIEW, &res, NAV_T "iiii" "iis" "iii" "ii", NAV_ARGS(a),
	    a->reseller_id, a->customer_id, a->reseller_id, a->customer_id,
	    a->reseller_id, a->customer_id, horizon,
	    a->id, a->reseller_id, a->customer_id,
	    a->reseller_id, a->customer_id)) != CORE_OK)
		return er;
	while (er == CORE_OK && db_res_next(res)) {
		if (first) {
			snprintf(out->user_name, sizeof(out->user_name), "%s", db_res_str(res, h));
			snprintf(out->company, sizeof(out->company), "%s", db_res_str(res, h + 1));
			out->active_subscriptions = db_res_int(res, h + 2);
			out->licences = db_res_int(res, h + 3);
			out->open_orders = db_res_int(res, h + 4);
			out->monthly_spend = db_res_int(res, h + 5);
			nav_at(res, h + 6, &out->nav);
			if ((out->renewals = json_at(res, h + 8)) == NULL)
				er = CORE_DB;
			first = 0;
		}
		if (er != CORE_OK || db_res_isnull(res, 0))
			continue;
		if ((o = grow(out->recent.items, out->recent.n, sizeof(*o))) == NULL)
			er = CORE_ENOMEM;
		else if ((er = order_fill_row(res, &(out->recent.items = o)[out->recent.n])) == CORE_OK)
			out->recent.n++;
	}
	db_res_free(res);
	if (er == CORE_OK && first)
		er = CORE_NOTFOUND;
	out->recent.total = (int64_t)out->recent.n;
	return er;
}

/* page_bounds - the LIMIT and OFFSET of pg (NULL: the first 50) for a list of at most max. */
static enum core_err
page_bounds(const struct db_page *pg, int64_t max, int64_t *limit, int64_t *offset)
{
	return db_page_bounds(pg ? pg->offset : 0, pg ? pg->limit : 0, max, limit, offset);
}

enum core_err
account_view_orders(struct db *db, const struct actor *a, const struct db_page *pg, struct order_list *out,
    struct account_nav *nav)
{
	const int t = ORDER_SQL_NCOLS;
	int64_t limit, offset;
	struct db_res *res;
	struct order *o;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	memset(nav, 0, sizeof(*nav));
	if ((er = own(a, ACT_ORDER_PLACE)) != CORE_OK || (er = own(a, ACT_SUBSCRIPTION_MANAGE)) != CORE_OK ||
	    (er = page_bounds(pg, ORDER_LIST_MAX, &limit, &offset)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, AV_ORDERS, &res, NAV_T "iiii", NAV_ARGS(a), a->reseller_id, a->customer_id,
	    limit, offset)) != CORE_OK)
		return er;
	while (er == CORE_OK && db_res_next(res)) {
		out->total = db_res_int(res, t);
		nav_at(res, t + 1, nav);
		if (db_res_isnull(res, 0))
			continue;
		if ((o = grow(out->items, out->n, sizeof(*o))) == NULL)
			er = CORE_ENOMEM;
		else if ((er = order_fill_row(res, &(out->items = o)[out->n])) == CORE_OK)
			out->n++;
	}
	db_res_free(res);
	return er;
}

enum core_err
account_view_subscriptions(struct db *db, const struct actor *a, const struct db_page *pg,
    struct subscription_list *out, json_t **assets, struct account_nav *nav)
{
	const int t = SUBSCRIPTION_SQL_NCOLS;
	int64_t limit, offset;
	struct db_res *res;
	struct subscription *s;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	memset(nav, 0, sizeof(*nav));
	*assets = NULL;
	if ((er = own(a, ACT_SUBSCRIPTION_MANAGE)) != CORE_OK ||
	    (er = page_bounds(pg, SUBSCRIPTION_LIST_MAX, &limit, &offset)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, AV_SUBSCRIPTIONS, &res, "i" NAV_T "ii" "iiii", offset, NAV_ARGS(a),
	    a->reseller_id, a->customer_id, a->reseller_id, a->customer_id, limit, offset)) != CORE_OK)
		return er;
	while (er == CORE_OK && db_res_next(res)) {
		out->total = db_res_int(res, t);
		nav_at(res, t + 1, nav);
		if (*assets == NULL && !db_res_isnull(res, t + 3) && (*assets = json_at(res, t + 3)) == NULL)
			er = CORE_DB;
		if (er != CORE_OK || db_res_isnull(res, 0))
			continue;
		if ((s = grow(out->items, out->n, sizeof(*s))) == NULL)
			er = CORE_ENOMEM;
		else if ((er = subscription_fill_row(res, &(out->items = s)[out->n])) == CORE_OK)
			out->n++;
	}
	db_res_free(res);
	if (er == CORE_OK && *assets == NULL && (*assets = json_array()) == NULL)
		er = CORE_ENOMEM;
	return er;
}
