/*
 * inspect_find.c - the support inspector's searches: any account of the
 * distributor by name, e-mail, number or id (inspect_find), and the
 * distributor's catalog read-only (inspect_products).  The documents
 * about one account are inspect.c's.  See inspect.h.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "inspect.h"
#include "str.h"

enum {
	F_RESELLER, F_CUSTOMER, F_USER, F_ORDER_NUMBER, F_INVOICE_NUMBER,
	F_RESELLER_ID, F_CUSTOMER_ID, F_USER_ID, F_ORDER_ID, F_SUB_ID, F_INVOICE_ID,
	P_BY_NAME, P_BY_MANUFACTURER, P_BY_COST, P_COUNT,
	FIND__STMTS
};

static const char *const sql[FIND__STMTS] = {
	[F_RESELLER] =
	    "SELECT r.id, r.id, r.name, CONCAT(r.edition, ' · ', r.status, ' · ', r.email), r.name"
	    " FROM resellers r WHERE r.distributor_id = ? AND (r.name LIKE ? ESCAPE '!' OR r.email LIKE ? ESCAPE '!')"
	    " ORDER BY r.name, r.id LIMIT ?",
	/* two index ranges (name, e-mail) per reseller, not one scan of every customer */
	[F_CUSTOMER] =
	    "SELECT * FROM ("
	    "(SELECT c.id, c.reseller_id, c.name, CONCAT(c.email, IF(c.active, '', ' · inactive')), r.name AS rn"
	    " FROM resellers r JOIN customers c ON c.reseller_id = r.id"
	    " WHERE r.distributor_id = ? AND c.name LIKE ? ESCAPE '!' LIMIT 100)"
	    " UNION "
	    "(SELECT c.id, c.reseller_id, c.name, CONCAT(c.email, IF(c.active, '', ' · inactive')), r.name"
	    " FROM resellers r JOIN customers c ON c.reseller_id = r.id"
	    " WHERE r.distributor_id = ? AND c.email LIKE ? ESCAPE '!' LIMIT 100)) x"
	    " ORDER BY 3, 1 LIMIT ?",
	[F_USER] =
	    "SELECT u.id, u.reseller_id, u.email, CONCAT(u.name, ' · ', c.name), r.name"
	    " FROM resellers r JOIN storefront_users u ON u.reseller_id = r.id"
	    " JOIN customers c ON c.reseller_id = u.reseller_id AND c.id = u.customer_id"
	    " WHERE r.distributor_id = ? AND u.email LIKE ? ESCAPE '!'"
	    " ORDER BY u.email, u.id LIMIT ?",
	[F_ORDER_NUMBER] =
	    "SELECT o.id, o.reseller_id, o.number, CONCAT(o.status, ' · ', c.name), r.name"
	    " FROM resellers r JOIN orders o ON o.reseller_id = r.id AND o.number = ?"
	    " JOIN customers c ON c.reseller_id = o.reseller_id AND c.id = o.customer_id"
	    " WHERE r.distributor_id = ? ORDER BY r.name LIMIT ?",
	[F_INVOICE_NUMBER] =
	    "SELECT i.id, i.reseller_id, i.number, CONCAT(i.status, ' · due ', i.due_on), r.name"
	    " FROM invoices i JOIN resellers r ON r.id = i.reseller_id"
	    " WHERE i.number = ? AND i.distributor_id = ? AND r.distributor_id = i.distributor_id LIMIT ?",
	[F_RESELLER_ID] =
	    "SELECT r.id, r.id, r.name, CONCAT(r.edition, ' · ', r.status, ' · ', r.email), r.name"
	    " FROM resellers r WHERE r.id = ? AND r.distributor_id = ? LIMIT ?",
	[F_CUSTOMER_ID] =
	    "SELECT c.id, c.reseller_id, c.name, c.email, r.name"
	    " FROM customers c JOIN resellers r ON r.id = c.reseller_id"
	    " WHERE c.id = ? AND r.distributor_id = ? LIMIT ?",
	[F_USER_ID] =
	    "SELECT u.id, u.reseller_id, u.email, u.name, r.name"
	    " FROM storefront_users u JOIN resellers r ON r.id = u.reseller_id"
	    " WHERE u.id = ? AND r.distributor_id = ? LIMIT ?",
	[F_ORDER_ID] =
	    "SELECT o.id, o.reseller_id, o.number, o.status, r.name"
	    " FROM orders o JOIN resellers r ON r.id = o.reseller_id"
	    " WHERE o.id = ? AND r.distributor_id = ? LIMIT ?",
	[F_SUB_ID] =
	    "SELECT s.id, s.reseller_id, CONCAT('subscription ', s.id, ' · ', p.name),"
	    " CONCAT(s.status, ' · ', s.quantity, ' × ', c.name), r.name"
	    " FROM subscriptions s JOIN resellers r ON r.id = s.reseller_id"
	    " JOIN products p ON p.id = s.product_id"
	    " JOIN customers c ON c.reseller_id = s.reseller_id AND c.id = s.customer_id"
	    " WHERE s.id = ? AND r.distributor_id = ? LIMIT ?",
	[F_INVOICE_ID] =
	    "SELECT i.id, i.reseller_id, i.number, i.status, r.name"
	    " FROM invoices i JOIN resellers r ON r.id = i.reseller_id"
	    " WHERE i.id = ? AND i.distributor_id = ? LIMIT ?",

#define P_COLUMNS \
	"SELECT p.id, p.sku, p.name, p.manufacturer, p.type, p.billing_period, p.unit_cost, p.currency," \
	" COALESCE(p.trial_days, 0), p.connector, p.active," \
	" COALESCE((SELECT GROUP_CONCAT(c.name ORDER BY c.position, c.name SEPARATOR ', ')" \
	" FROM product_categories pc JOIN categories c ON c.id = pc.category_id" \
	" WHERE pc.product_id = p.id), '')" \
	" FROM products p WHERE p.distributor_id = ?" \
	" AND (? IS NULL OR p.name LIKE ? ESCAPE '!' OR p.sku LIKE ? ESCAPE '!' OR p.manufacturer LIKE ? ESCAPE '!')"
	[P_BY_NAME] = P_COLUMNS " ORDER BY p.name, p.id LIMIT ? OFFSET ?",
	[P_BY_MANUFACTURER] = P_COLUMNS " ORDER BY p.manufacturer, p.name, p.id LIMIT ? OFFSET ?",
	[P_BY_COST] = P_COLUMNS " ORDER BY p.unit_cost, p.name, p.id LIMIT ? OFFSET ?",
	[P_COUNT] =
	    "SELECT COUNT(*) FROM products p WHERE p.distributor_id = ?"
	    " AND (? IS NULL OR p.name LIKE ? ESCAPE '!' OR p.sku LIKE ? ESCAPE '!' OR p.manufacturer LIKE ? ESCAPE '!')",
};

static const struct db_table table = { DB_MOD_INSPECT_FIND, sql, FIND__STMTS };

/* ---- find ---------------------------------------------------------- */

DB_LIST_FREE_FN(inspect_hits_free, inspect_hits)

static enum core_err
collect(struct db *db, int stmt, enum inspect_kind kind, struct inspect_hits *out, size_t cap,
    const char *types, ...)
{
	struct db_res *r = NULL;
	enum core_err er;
	va_list ap;
	size_t i;
	int dup;

	/* db_query takes varargs, not a va_list: the statements here have fixed shapes */
	va_start(ap, types);
	if (strcmp(types, "isisi") == 0) {
		int64_t d1 = va_arg(ap, int64_t);
		const char *s1 = va_arg(ap, const char *);
		int64_t d2 = va_arg(ap, int64_t);
		const char *s2 = va_arg(ap, const char *);
		int64_t lim = va_arg(ap, int64_t);
		er = db_query(db, &table, stmt, &r, "isisi", d1, s1, d2, s2, lim);
	} else if (strcmp(types, "isi") == 0) {
		int64_t d = va_arg(ap, int64_t);
		const char *s1 = va_arg(ap, const char *);
		int64_t lim = va_arg(ap, int64_t);
		er = db_query(db, &table, stmt, &r, "isi", d, s1, lim);
	} else if (strcmp(types, "issi") == 0) {
		int64_t d = va_arg(ap, int64_t);
		const char *s1 = va_arg(ap, const char *);
		const char *s2 = va_arg(ap, const char *);
		int64_t lim = va_arg(ap, int64_t);
		er = db_query(db, &table, stmt, &r, "issi", d, s1, s2, lim);
	} else if (strcmp(types, "sii") == 0) {
		const char *s1 = va_arg(ap, const char *);
		int64_t d = va_arg(ap, int64_t);
		int64_t lim = va_arg(ap, int64_t);
		er = db_query(db, &table, stmt, &r, "sii", s1, d, lim);
	} else {
		int64_t id = va_arg(ap, int64_t);
		int64_t d = va_arg(ap, int64_t);
		int64_t lim = va_arg(ap, int64_t);
		er = db_query(db, &table, stmt, &r, "iii", id, d, lim);
	}
	va_end(ap);
	if (er != CORE_OK)
		return er;
	while (out->count < cap && db_res_next(r)) {
		struct inspect_hit *h = &out->items[out->count];

		memset(h, 0, sizeof(*h));
		h->kind = kind;
		h->id = db_res_int(r, 0);
		for (dup = 0, i = 0; i < out->count; i++)
			if (out->items[i].kind == kind && out->items[i].id == h->id)
				dup = 1;
		if (dup)
			continue;
		h->reseller_id = db_res_int(r, 1);
		str_copy(h->label, sizeof(h->label), db_res_str(r, 2));
		str_copy(h->detail, sizeof(h->detail), db_res_str(r, 3));
		str_copy(h->reseller_name, sizeof(h->reseller_name), db_res_str(r, 4));
		out->count++;
	}
	db_res_free(r);
	return CORE_OK;
}

enum core_err
inspect_find(struct db *db, const struct actor *a, const char *query, int limit, struct inspect_hits *out)
{
	char q[INSPECT_QUERY_MAX + 1], *contains = NULL, *prefix = NULL;
	enum core_err er;
	size_t len, cap;
	int64_t id = 0, d, lim;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_INSPECT)) != CORE_OK)
		return er;
	if (query == NULL)
		return CORE_INVALID;
	while (*query == ' ' || *query == '\t' || *query == '#')
		query++;
	len = strlen(query);
	while (len > 0 && (query[len - 1] == ' ' || query[len - 1] == '\t'))
		len--;
	if (len == 0 || len > INSPECT_QUERY_MAX)
		return CORE_INVALID;
	memcpy(q, query, len);
	q[len] = '\0';
	cap = limit < 1 || limit > INSPECT_FIND_MAX ? INSPECT_FIND_MAX : (size_t)limit;
	if ((out->items = calloc(cap, sizeof(*out->items))) == NULL)
		return CORE_ENOMEM;
	d = a->distributor_id;
	lim = (int64_t)cap;
	if (str_parse_id(q, &id) == 0) {
		static const struct { int stmt; enum inspect_kind kind; } by_id[] = {
			{ F_RESELLER_ID, INSPECT_RESELLER }, { F_CUSTOMER_ID, INSPECT_CUSTOMER },
			{ F_USER_ID, INSPECT_USER }, { F_ORDER_ID, INSPECT_ORDER },
			{ F_SUB_ID, INSPECT_SUBSCRIPTION }, { F_INVOICE_ID, INSPECT_INVOICE },
		};
		size_t i;

		for (i = 0; i < sizeof(by_id) / sizeof(by_id[0]); i++)
			if ((er = collect(db, by_id[i].stmt, by_id[i].kind, out, cap, "iii", id, d, lim)) != CORE_OK)
				return er;
	}
	if ((er = collect(db, F_ORDER_NUMBER, INSPECT_ORDER, out, cap, "sii", q, d, lim)) != CORE_OK ||
	    (er = collect(db, F_INVOICE_NUMBER, INSPECT_INVOICE, out, cap, "sii", q, d, lim)) != CORE_OK)
		return er;
	if ((er = str_like_search(q, &prefix, &contains)) != CORE_OK)
		return er;
	if ((er = collect(db, F_RESELLER, INSPECT_RESELLER, out, cap, "issi", d, contains, prefix, lim)) == CORE_OK &&
	    (er = collect(db, F_CUSTOMER, INSPECT_CUSTOMER, out, cap, "isisi", d, prefix, d, prefix, lim)) == CORE_OK)
		er = collect(db, F_USER, INSPECT_USER, out, cap, "isi", d, prefix, lim);
	free(prefix);
	free(contains);
	return er;
}

/* ---- the distributor's catalog ----------------------------------------- */

DB_LIST_FREE_FN(inspect_products_free, inspect_products)

/* fill_product - one row of a P_BY_* statement. */
#define COL(type, member) DB_COL(type, struct inspect_product, member)
static const struct db_col product_cols[] = {
	COL(INT, id),
	COL(STR, sku),
	COL(STR, name),
	COL(STR, manufacturer),
	COL(STR, type),
	COL(STR, period),
	COL(INT, unit_cost),
	COL(STR, currency),
	COL(INT, trial_days),
	COL(STR, connector),
	COL(INT, active),
	COL(STR, categories),
};
#undef COL

DB_FILL_INTO_FN(fill_product, product_cols)

enum core_err
inspect_products(struct db *db, const struct actor *a, const char *search, int sort, int limit,
    int offset, struct inspect_products *out)
{
	static const int stmt[INSPECT_PSORT__MAX] = { P_BY_NAME, P_BY_MANUFACTURER, P_BY_COST };
	struct db_rows rows;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_INSPECT)) != CORE_OK)
		return er;
	if (sort < 0 || sort >= INSPECT_PSORT__MAX || (search != NULL && strlen(search) > INSPECT_QUERY_MAX))
		return CORE_INVALID;
	er = db_list(db, &table, &(struct db_list){ P_COUNT, stmt[sort], search, offset < 0 ? 0 : offset,
	    limit < 1 || limit > 500 ? 50 : limit, 500, sizeof(*out->items), fill_product }, &rows,
	    "iCCCC", a->distributor_id);
	DB_ROWS_MOVE(out, rows);
	return er;
}
