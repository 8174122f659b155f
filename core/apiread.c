/* apiread.c - the Marketplace API's reads; see apiread.h. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "apiread.h"
#include "money.h"

#define TS(col) "DATE_FORMAT(" col ", '%Y-%m-%dT%H:%i:%sZ')"
#define DAY(col) "DATE_FORMAT(" col ", '%Y-%m-%d')"

/*
 * A list with the bearer token checked in the same statement (apiread.h,
 * apiread_list_as): the token, its credential and reseller are joined in
 * front of the rows (each one row by a unique key: the plan stays the
 * list's own), under the conditions of apitoken_check, so an invalid
 * token gives no row.  params: token hash, reseller, scope bit, then the
 * list's own.  No row is also an empty page: the caller then checks the
 * token in full.
 */
#define AUTH_FROM \
	" FROM api_tokens t JOIN api_clients k ON k.id = t.api_client_id JOIN resellers rr ON rr.id = k.reseller_id"
#define AUTH_WHERE \
	" t.token_hash = ? AND t.expires_at > NOW() AND k.revoked_at IS NULL" \
	" AND rr.edition IN ('standard', 'professional') AND rr.status = 'active' AND k.reseller_id = ?" \
	" AND ((k.scopes + 0) & ?) <> 0"

/* Each resource: its JSON object, its FROM with the tenant, and its filters; params after the tenant. */
#define CUSTOMER_JSON \
	"JSON_OBJECT('id', c.id, 'name', c.name, 'email', c.email, 'phone', c.phone, 'address', c.address," \
	" 'country', c.country, 'tax_id', c.tax_id, 'contact_name', c.contact_name, 'active', c.active = 1," \
	" 'approval_required', c.approval_required = 1, 'created_at', " TS("c.created_at") "," \
	" 'updated_at', " TS("c.updated_at") ")"
/* the same members as plain columns, for lists: made into JSON here (row_json), cheaper than in the server */
#define CUSTOMER_COLS \
	"c.name, c.email, c.phone, c.address, c.country, c.tax_id, c.contact_name, c.active = 1," \
	" c.approval_required = 1, " TS("c.created_at") ", " TS("c.updated_at")
#define CUSTOMER_FROM " FROM customers c WHERE c.reseller_id = ?"
#define CUSTOMER_FROM_AS AUTH_FROM " JOIN customers c ON c.reseller_id = k.reseller_id WHERE" AUTH_WHERE " AND c.reseller_id = ?"

#define USER_JSON \
	"JSON_OBJECT('id', u.id, 'customer_id', u.customer_id, 'email', u.email, 'name', u.name, 'role', u.role," \
	" 'active', u.active = 1, 'created_at', " TS("u.created_at") ", 'last_login_at', " TS("u.last_login_at") ")"
#define USER_FROM " FROM storefront_users u WHERE u.reseller_id = ? AND u.customer_id = ?"

#define CONTACT_JSON \
	"JSON_OBJECT('id', k.id, 'customer_id', k.customer_id, 'name', k.name, 'email', k.email, 'phone', k.phone," \
	" 'role', k.role, 'status', k.status, 'invited_at', " TS("k.invited_at") ", 'disabled_at', " TS("k.disabled_at") "," \
	" 'created_at', " TS("k.created_at") ", 'updated_at', " TS("k.updated_at") ")"
#define CONTACT_FROM " FROM customer_contacts k WHERE k.reseller_id = ? AND k.customer_id = ?"

#define ORDER_JSON \
	"JSON_OBJECT('id', o.id, 'number', o.number, 'customer_id', o.customer_id, 'status', o.status," \
	" 'currency', o.currency, 'total_price', o.total_price, 'total_cost', o.total_cost," \
	" 'placed_via', o.placed_via, 'reference', o.customer_reference, 'reject_reason', o.reject_reason," \
	" 'failure_reason', o.failure_reason, 'decided_at', " TS("o.decided_at") "," \
	" 'created_at', " TS("o.created_at") ", 'updated_at', " TS("o.updated_at") ")"
#define ORDER_COLS \
	"o.number, o.customer_id, o.status, o.currency, o.total_price, o.total_cost, o.placed_via," \
	" o.customer_reference, o.reject_reason, o.failure_reason, " TS("o.decided_at") ", " TS("o.created_at") "," \
	" " TS("o.updated_at")
#define ORDER_FROM " FROM orders o WHERE o.reseller_id = ?"
#define ORDER_FROM_AS AUTH_FROM " JOIN orders o ON o.reseller_id = k.reseller_id WHERE" AUTH_WHERE " AND o.reseller_id = ?"
#define ORDER_LINES \
	"(SELECT JSON_ARRAYAGG(JSON_OBJECT('line_no', l.line_no, 'product_id', l.product_id, 'sku', p.sku," \
	" 'name', p.name, 'quantity', l.quantity, 'unit_price', l.unit_price, 'unit_cost', l.unit_cost," \
	" 'markup_bp', l.markup_bp, 'line_price', l.line_price, 'line_cost', l.line_cost, 'trial', l.is_trial = 1)" \
	" ORDER BY l.line_no) FROM order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = o.id)"

#define SUB_JSON \
	"JSON_OBJECT('id', s.id, 'customer_id', s.customer_id, 'product_id', s.product_id, 'sku', p.sku," \
	" 'product_name', p.name, 'status', s.status, 'quantity', s.quantity, 'pending_quantity', s.pending_quantity," \
	" 'billing_period', s.billing_period, 'currency', p.currency, 'unit_price', s.unit_price," \
	" 'unit_cost', s.unit_cost, 'markup_bp', s.markup_bp, 'start_date', " DAY("s.start_date") "," \
	" 'renewal_date', " DAY("s.renewal_date") ", 'trial_ends_on', " DAY("s.trial_ends_on") "," \
	" 'cancel_at_term_end', s.cancel_at_term_end = 1, 'created_at', " TS("s.created_at") "," \
	" 'updated_at', " TS("s.updated_at") ")"
#define SUB_FROM " FROM subscriptions s JOIN products p ON p.id = s.product_id WHERE s.reseller_id = ?"
#define SUB_FROM_AS AUTH_FROM " JOIN subscriptions s ON s.reseller_id = k.reseller_id JOIN products p ON p.id = s.product_id" \
	" WHERE" AUTH_WHERE " AND s.reseller_id = ?"

#define INVOICE_JSON \
	"JSON_OBJECT('id', i.id, 'number', i.number, 'kind', i.kind, 'status', i.status," \
	" 'issued_on', " DAY("i.issued_on") ", 'due_on', " DAY("i.due_on") "," \
	" 'period_start', " DAY("i.period_start") ", 'period_end', " DAY("i.period_end") "," \
	" 'currency', i.currency, 'total', i.total, 'created_at', " TS("i.created_at") ")"
#define INVOICE_FROM " FROM invoices i WHERE i.reseller_id = ?"
#define INVOICE_FROM_AS AUTH_FROM " JOIN invoices i ON i.reseller_id = k.reseller_id WHERE" AUTH_WHERE " AND i.reseller_id = ?"
#define INVOICE_LINES \
	"(SELECT JSON_ARRAYAGG(JSON_OBJECT('line_no', l.line_no, 'description', l.description," \
	" 'product_id', l.product_id, 'quantity', l.quantity, 'unit_amount', l.unit_amount, 'amount', l.amount)" \
	" ORDER BY l.line_no) FROM invoice_lines l WHERE l.invoice_id = i.id)"

/* products: columns, made into JSON here (the price is money_price's) */
#define PRODUCT_COLS \
	"p.id, p.sku, p.name, p.manufacturer, p.type, p.billing_period, p.currency, p.unit_cost," \
	" COALESCE(l.markup_bp, 0) AS m, COALESCE(l.listed, 0) AS ls, p.min_quantity, p.max_quantity, p.trial_days," \
	" p.unit_label"
#define PRODUCT_FROM \
	" FROM resellers r JOIN products p ON p.distributor_id = r.distributor_id AND p.active = 1" \
	" LEFT JOIN listings l ON l.reseller_id = r.id AND l.product_id = p.id WHERE r.id = ?"
#define PRODUCT_FROM_AS AUTH_FROM " JOIN resellers r ON r.id = k.reseller_id" \
	" JOIN products p ON p.distributor_id = r.distributor_id AND p.active = 1" \
	" LEFT JOIN listings l ON l.reseller_id = r.id AND l.product_id = p.id WHERE" AUTH_WHERE " AND r.id = ?"

/* list filters: status, status, created, created, updated, updated, after, limit */
#define F_CREATED(col) " AND (? IS NULL OR " col " >= ?)"
#define F_UPDATED(col) F_CREATED(col)
#define F_AFTER(col) " AND " col " > ? ORDER BY " col " LIMIT ?"

enum {
	RD_CUSTOMER_LIST,
	RD_CUSTOMER_GET,
	RD_USER_LIST,
	RD_USER_GET,
	RD_ORDER_LIST,
	RD_ORDER_GET,
	RD_SUB_LIST,
	RD_SUB_GET,
	RD_INVOICE_LIST,
	RD_INVOICE_GET,
	RD_PRODUCT_LIST,
	RD_PRODUCT_GET,
	RD_USAGE_SUB,
	RD_USAGE,
	RD_CUSTOMER_LIST_AS,
	RD_ORDER_LIST_AS,
	RD_SUB_LIST_AS,
	RD_INVOICE_LIST_AS,
	RD_PRODUCT_LIST_AS,
	RD_CONTACT_LIST,
	RD_CONTACT_GET,
	RD__MAX
};

#define CUSTOMER_LIST_SQL(from) "SELECT c.id, " CUSTOMER_COLS from \
	" AND (? IS NULL OR c.active = (? = 'active'))" F_CREATED("c.created_at") F_UPDATED("c.updated_at") F_AFTER("c.id")
#define ORDER_LIST_SQL(from) "SELECT o.id, " ORDER_COLS from \
	" AND (? IS NULL OR o.status = ?) AND (? = 0 OR o.customer_id = ?)" \
	F_CREATED("o.created_at") F_UPDATED("o.updated_at") F_AFTER("o.id")
#define SUB_LIST_SQL(from) "SELECT s.id, " SUB_JSON " AS j" from \
	" AND (? IS NULL OR s.status = ?) AND (? = 0 OR s.customer_id = ?)" \
	F_CREATED("s.created_at") F_UPDATED("s.updated_at") F_AFTER("s.id")
#define INVOICE_LIST_SQL(from) "SELECT i.id, " INVOICE_JSON " AS j" from \
	" AND (? IS NULL OR i.status = ?)" F_CREATED("i.created_at") F_AFTER("i.id")
#define PRODUCT_LIST_SQL(from) "SELECT " PRODUCT_COLS from \
	" AND (? IS NULL OR COALESCE(l.listed, 0) = (? = 'listed'))" F_AFTER("p.id")
static const char *const sql[RD__MAX] = {
	/* reseller, status x2, created x2, updated x2, after, limit */
	[RD_CUSTOMER_LIST] = CUSTOMER_LIST_SQL(CUSTOMER_FROM),
	[RD_CUSTOMER_GET] = "SELECT c.id, " CUSTOMER_JSON CUSTOMER_FROM " AND c.id = ?",
	/* reseller, customer, status x2, created x2, after, limit */
	[RD_USER_LIST] = "SELECT u.id, " USER_JSON USER_FROM
	    " AND (? IS NULL OR u.active = (? = 'active'))" F_CREATED("u.created_at") F_AFTER("u.id"),
	[RD_USER_GET] = "SELECT u.id, " USER_JSON USER_FROM " AND u.id = ?",
	/* reseller, status x2, customer x2, created x2, updated x2, after, limit */
	[RD_ORDER_LIST] = ORDER_LIST_SQL(ORDER_FROM),
	[RD_ORDER_GET] = "SELECT o.id, " ORDER_JSON ", COALESCE(" ORDER_LINES ", '[]')" ORDER_FROM " AND o.id = ?",
	[RD_SUB_LIST] = SUB_LIST_SQL(SUB_FROM),
	[RD_SUB_GET] = "SELECT s.id, " SUB_JSON SUB_FROM " AND s.id = ?",
	/* reseller, status x2, created x2, after, limit */
	[RD_INVOICE_LIST] = INVOICE_LIST_SQL(INVOICE_FROM),
	[RD_INVOICE_GET] = "SELECT i.id, " INVOICE_JSON ", COALESCE(" INVOICE_LINES ", '[]')" INVOICE_FROM
	    " AND i.id = ?",
	/* reseller, status x2, after, limit */
	[RD_PRODUCT_LIST] = PRODUCT_LIST_SQL(PRODUCT_FROM),
	[RD_PRODUCT_GET] = "SELECT " PRODUCT_COLS PRODUCT_FROM " AND p.id = ?",
	[RD_USAGE_SUB] = "SELECT id FROM subscriptions WHERE reseller_id = ? AND id = ?",
	[RD_USAGE] =
	    "SELECT JSON_OBJECT('month', DATE_FORMAT(month, '%Y-%m'), 'service', service, 'meter', meter, 'unit', unit,"
	    " 'quantity', CAST(quantity AS CHAR), 'cost', cost, 'price', price)"
	    " FROM usage_monthly WHERE reseller_id = ? AND subscription_id = ? AND (? IS NULL OR month = ?)"
	    " ORDER BY month, service, meter",
	[RD_CUSTOMER_LIST_AS] = CUSTOMER_LIST_SQL(CUSTOMER_FROM_AS),
	[RD_ORDER_LIST_AS] = ORDER_LIST_SQL(ORDER_FROM_AS),
	[RD_SUB_LIST_AS] = SUB_LIST_SQL(SUB_FROM_AS),
	[RD_INVOICE_LIST_AS] = INVOICE_LIST_SQL(INVOICE_FROM_AS),
	[RD_PRODUCT_LIST_AS] = PRODUCT_LIST_SQL(PRODUCT_FROM_AS),
	/* reseller, customer, status x2, created x2, after, limit */
	[RD_CONTACT_LIST] = "SELECT k.id, " CONTACT_JSON CONTACT_FROM
	    " AND (? IS NULL OR k.status = ?)" F_CREATED("k.created_at") F_AFTER("k.id"),
	[RD_CONTACT_GET] = "SELECT k.id, " CONTACT_JSON CONTACT_FROM " AND k.id = ?",
};

static const struct db_table table = { DB_MOD_API_READ, sql, RD__MAX };

static const char *const st_active[] = { "active", "inactive", NULL };
static const char *const st_order[] = { "pending_approval", "approved", "provisioning", "completed", "failed",
	"rejected", "cancelled", NULL };
static const char *const st_sub[] = { "trial", "active", "suspended", "cancelled", "expired", NULL };
static const char *const st_invoice[] = { "open", "paid", "void", NULL };
static const char *const st_product[] = { "listed", "unlisted", NULL };
static const char *const st_contact[] = { "active", "disabled", NULL };

/*
 * The members of a list row selected as plain columns (CUSTOMER_COLS,
 * ORDER_COLS), in order after the id, which is the first member too:
 * row_json writes the object the JSON_OBJECT of the resource's single
 * read gives (same members, order and values).
 */
enum jtype { JT_INT, JT_STR, JT_BOOL };	/* JT_STR: NULL is null (timestamps come as text) */

struct jcol {
	const char *name;
	enum jtype  type;
};

static const struct jcol customer_cols[] = {
	{ "name", JT_STR }, { "email", JT_STR }, { "phone", JT_STR }, { "address", JT_STR }, { "country", JT_STR },
	{ "tax_id", JT_STR }, { "contact_name", JT_STR }, { "active", JT_BOOL }, { "approval_required", JT_BOOL },
	{ "created_at", JT_STR }, { "updated_at", JT_STR }, { NULL, JT_INT },
};

static const struct jcol order_cols[] = {
	{ "number", JT_STR }, { "customer_id", JT_INT }, { "status", JT_STR }, { "currency", JT_STR },
	{ "total_price", JT_INT }, { "total_cost", JT_INT }, { "placed_via", JT_STR }, { "reference", JT_STR },
	{ "reject_reason", JT_STR }, { "failure_reason", JT_STR }, { "decided_at", JT_STR }, { "created_at", JT_STR },
	{ "updated_at", JT_STR }, { NULL, JT_INT },
};

/* json_str - s (len bytes of UTF-8, as the database keeps it) as a JSON string appended to out. */
static enum core_err
json_str(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, from = 0;
	char esc[7];

	buf_putc(out, '"');
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		buf_append(out, s + from, i - from);
		from = i + 1;
		if (ch == '"' || ch == '\\') {
			esc[0] = '\\', esc[1] = (char)ch;
			buf_append(out, esc, 2);
		} else {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[ch >> 4], esc[5] = hex[ch & 15];
			buf_append(out, esc, 6);
		}
	}
	buf_append(out, s + from, len - from);
	return buf_putc(out, '"');
}

/* row_json - the current row as {"id": column 0, then cols[] from column 1} appended to out. */
static enum core_err
row_json(struct db_res *r, const struct jcol *cols, struct buf *out)
{
	enum core_err er;
	int k;

	buf_printf(out, "{\"id\": %lld", (long long)db_res_int(r, 0));
	for (k = 0; cols[k].name != NULL; k++) {
		buf_printf(out, ", \"%s\": ", cols[k].name);
		if (db_res_isnull(r, k + 1))
			buf_puts(out, "null");
		else if (cols[k].type == JT_INT)
			buf_printf(out, "%lld", (long long)db_res_int(r, k + 1));
		else if (cols[k].type == JT_BOOL)
			buf_puts(out, db_res_int(r, k + 1) ? "true" : "false");
		else
			json_str(out, db_res_str(r, k + 1), db_res_len(r, k + 1));
	}
	if ((er = buf_putc(out, '}')) != CORE_OK)
		return er;
	return CORE_OK;
}

static const struct {
	unsigned           filters;
	const char *const *statuses;
	int                list, get, list_as;	/* list_as: -1 when there is none */
	const struct jcol *cols;		/* the list's plain columns, NULL: column 1 is the row's JSON */
} res_def[APIRES__MAX] = {
	[APIRES_CUSTOMERS] = { APIREAD_F_STATUS | APIREAD_F_CREATED | APIREAD_F_UPDATED, st_active,
		RD_CUSTOMER_LIST, RD_CUSTOMER_GET, RD_CUSTOMER_LIST_AS, customer_cols },
	[APIRES_USERS] = { APIREAD_F_STATUS | APIREAD_F_CREATED, st_active, RD_USER_LIST, RD_USER_GET, -1 },
	[APIRES_ORDERS] = { APIREAD_F_STATUS | APIREAD_F_CUSTOMER | APIREAD_F_CREATED | APIREAD_F_UPDATED,
		st_order, RD_ORDER_LIST, RD_ORDER_GET, RD_ORDER_LIST_AS, order_cols },
	[APIRES_SUBSCRIPTIONS] = { APIREAD_F_STATUS | APIREAD_F_CUSTOMER | APIREAD_F_CREATED | APIREAD_F_UPDATED,
		st_sub, RD_SUB_LIST, RD_SUB_GET, RD_SUB_LIST_AS },
	[APIRES_INVOICES] = { APIREAD_F_STATUS | APIREAD_F_CREATED, st_invoice, RD_INVOICE_LIST, RD_INVOICE_GET,
		RD_INVOICE_LIST_AS },
	[APIRES_PRODUCTS] = { APIREAD_F_STATUS, st_product, RD_PRODUCT_LIST, RD_PRODUCT_GET, RD_PRODUCT_LIST_AS },
	[APIRES_CONTACTS] = { APIREAD_F_STATUS | APIREAD_F_CREATED, st_contact, RD_CONTACT_LIST, RD_CONTACT_GET, -1 },
};

unsigned
apiread_filters(enum apires res)
{
	return res >= 0 && res < APIRES__MAX ? res_def[res].filters : 0;
}

const char *const *
apiread_statuses(enum apires res)
{
	static const char *const none[] = { NULL };

	return res >= 0 && res < APIRES__MAX ? res_def[res].statuses : none;
}

/* product_json - the current row of a product statement as a JSON object appended to out. */
static enum core_err
product_json(struct db_res *r, struct buf *out)
{
	int64_t cost = db_res_int(r, 7), price;
	int32_t markup = (int32_t)db_res_int(r, 8);
	enum core_err er;
	json_t *o;
	char *s;

	if ((er = money_price(cost, markup, &price)) != CORE_OK)
		return er;
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:i, s:I, s:b, s:I, s:o, s:o, s:s}",
	    "id", (json_int_t)db_res_int(r, 0), "sku", db_res_str(r, 1), "name", db_res_str(r, 2),
	    "manufacturer", db_res_str(r, 3), "type", db_res_str(r, 4), "billing_period", db_res_str(r, 5),
	    "currency", db_res_str(r, 6), "cost", (json_int_t)cost, "markup_bp", (int)markup,
	    "price", (json_int_t)price, "listed", db_res_int(r, 9) != 0, "min_quantity", (json_int_t)db_res_int(r, 10),
	    "max_quantity", db_res_isnull(r, 11) ? json_null() : json_integer(db_res_int(r, 11)),
	    "trial_days", db_res_isnull(r, 12) ? json_null() : json_integer(db_res_int(r, 12)),
	    "unit_label", db_res_str(r, 13));
	if (o == NULL || (s = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		return CORE_ENOMEM;
	}
	json_decref(o);
	er = buf_puts(out, s);
	free(s);
	return er;
}

enum core_err
apiread_list(struct db *db, int64_t reseller_id, enum apires res, const struct apiread_query *q,
    struct buf *out, int64_t *next)
{
	return apiread_list_as(db, NULL, 0, reseller_id, res, q, out, next);
}

/* PARAMS - the list's own parameters after the types prefix pre and its values (args...) */
#define RUN(pre, t, ...) (token_hash != NULL ? \
	db_query(db, &table, stmt, &r, pre t, token_hash, reseller_id, (int64_t)scope_mask, __VA_ARGS__) : \
	db_query(db, &table, stmt, &r, t, __VA_ARGS__))

enum core_err
apiread_list_as(struct db *db, const char *token_hash, unsigned scope_mask, int64_t reseller_id, enum apires res,
    const struct apiread_query *q, struct buf *out, int64_t *next)
{
	int64_t lim, last = 0, n = 0;
	struct db_res *r;
	enum core_err er;
	int stmt, rows = 0;
	size_t start = out->len;

	*next = 0;
	if (res < 0 || res >= APIRES__MAX || q->limit < 1 || q->limit > APIREAD_LIMIT_MAX || q->after < 0)
		return CORE_INVALID;
	if (token_hash != NULL && res_def[res].list_as < 0)
		return CORE_INVALID;
	stmt = token_hash != NULL ? res_def[res].list_as : res_def[res].list;
	lim = (int64_t)q->limit + 1;	/* one more: is there a next page? */
	switch (res) {
	case APIRES_CUSTOMERS:
		er = RUN("sii", "issssssii", reseller_id, q->status, q->status,
		    q->created_since, q->created_since, q->updated_since, q->updated_since, q->after, lim);
		break;
	case APIRES_USERS:
	case APIRES_CONTACTS:
		er = db_query(db, &table, stmt, &r, "iissssii", reseller_id, q->customer, q->status, q->status,
		    q->created_since, q->created_since, q->after, lim);
		break;
	case APIRES_ORDERS:
	case APIRES_SUBSCRIPTIONS:
		er = RUN("sii", "issiissssii", reseller_id, q->status, q->status, q->customer,
		    q->customer, q->created_since, q->created_since, q->updated_since, q->updated_since, q->after, lim);
		break;
	case APIRES_INVOICES:
		er = RUN("sii", "issssii", reseller_id, q->status, q->status,
		    q->created_since, q->created_since, q->after, lim);
		break;
	case APIRES_PRODUCTS:
		er = RUN("sii", "issii", reseller_id, q->status, q->status, q->after, lim);
		break;
	default:
		return CORE_INVALID;
	}
	if (er != CORE_OK)
		return er;
	buf_putc(out, '[');
	while (db_res_next(r)) {
		rows++;
		if (++n > q->limit) {
			*next = last;
			break;
		}
		if (n > 1)
			buf_putc(out, ',');
		last = db_res_int(r, 0);
		if (res == APIRES_PRODUCTS) {
			if ((er = product_json(r, out)) != CORE_OK)
				break;
		} else if (res_def[res].cols != NULL) {
			if ((er = row_json(r, res_def[res].cols, out)) != CORE_OK)
				break;
		} else
			buf_append(out, db_res_str(r, 1), db_res_len(r, 1));
	}
	db_res_free(r);
	if (er != CORE_OK)
		return er;
	if (token_hash != NULL && rows == 0) {
		/* the token is not (or no longer) good for this, or the page is empty: the caller checks */
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
		return CORE_FORBIDDEN;
	}
	return buf_putc(out, ']');
}
#undef RUN

enum core_err
apiread_get(struct db *db, int64_t reseller_id, enum apires res, int64_t customer, int64_t id, struct buf *out)
{
	struct db_res *r;
	enum core_err er;
	size_t len;

	if (res < 0 || res >= APIRES__MAX)
		return CORE_INVALID;
	if (id <= 0)
		return CORE_NOTFOUND;
	if (res == APIRES_USERS || res == APIRES_CONTACTS)
		er = db_query(db, &table, res_def[res].get, &r, "iii", reseller_id, customer, id);
	else
		er = db_query(db, &table, res_def[res].get, &r, "ii", reseller_id, id);
	if (er != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	if (res == APIRES_PRODUCTS) {
		er = product_json(r, out);
	} else if (res == APIRES_ORDERS || res == APIRES_INVOICES) {
		/* the object without its closing brace, then its lines */
		len = db_res_len(r, 1);
		buf_append(out, db_res_str(r, 1), len > 0 ? len - 1 : 0);
		buf_puts(out, ", \"lines\": ");
		buf_append(out, db_res_str(r, 2), db_res_len(r, 2));
		er = buf_putc(out, '}');
	} else {
		er = buf_append(out, db_res_str(r, 1), db_res_len(r, 1));
	}
	db_res_free(r);
	return er;
}

enum core_err
apiread_usage(struct db *db, int64_t reseller_id, int64_t id, const char *month, struct buf *out)
{
	struct db_res *r;
	enum core_err er;
	int64_t found;
	int n = 0;

	if ((er = db_query_int(db, &table, RD_USAGE_SUB, &found, "ii", reseller_id, id)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, RD_USAGE, &r, "iiss", reseller_id, id, month, month)) != CORE_OK)
		return er;
	buf_putc(out, '[');
	while (db_res_next(r)) {
		if (n++ > 0)
			buf_putc(out, ',');
		buf_append(out, db_res_str(r, 0), db_res_len(r, 0));
	}
	db_res_free(r);
	return buf_putc(out, ']');
}
