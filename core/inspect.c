/*
 * inspect.c - the support inspector's documents: everything about one
 * reseller, customer, storefront user, order, subscription or invoice of
 * one distributor, read-only (the searches are inspect_find.c's).  See
 * inspect.h.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "inspect.h"
#include "money.h"
#include "mrr.h"
#include "storefront.h"
#include "str.h"

enum {
	G_BASE, G_RESELLER, G_CUSTOMER, G_USER, G_ORDER, G_SUB, G_INVOICE,
	L_EDITIONS, C_EDITIONS,
	L_R_CUSTOMERS, C_R_CUSTOMERS, L_R_ORDERS, C_R_ORDERS, L_R_SUBS, C_R_SUBS,
	L_R_INVOICES, C_R_INVOICES, L_R_AUDIT, C_R_AUDIT,
	L_C_USERS, C_C_USERS, L_C_ORDERS, C_C_ORDERS, L_C_SUBS, C_C_SUBS,
	L_E_AUDIT, C_E_AUDIT, L_U_AUDIT, C_U_AUDIT,
	L_O_LINES, C_O_LINES, L_I_LINES, C_I_LINES,
	INSPECT__STMTS
};

#define ROWS "10"	/* INSPECT_ROWS */

static const char *const sql[INSPECT__STMTS] = {
	[G_BASE] =
	    "SELECT COALESCE(storefront_base_domain, '') FROM distributors WHERE id = ?",
	[G_RESELLER] =
	    "SELECT r.id, r.name, r.email, COALESCE(r.phone, ''), COALESCE(r.address, ''),"
	    " COALESCE(r.country, ''), COALESCE(r.tax_id, ''), r.edition, r.status, r.currency,"
	    " r.credit_limit, r.created_at, COALESCE(s.slug, ''), COALESCE(s.custom_domain, ''),"
	    " COALESCE(d.storefront_base_domain, ''), COALESCE(s.theme, ''), COALESCE(s.skin, ''),"
	    " COALESCE(s.version, 0), s.reseller_id IS NOT NULL"
	    " FROM resellers r JOIN distributors d ON d.id = r.distributor_id"
	    " LEFT JOIN storefronts s ON s.reseller_id = r.id"
	    " WHERE r.id = ? AND r.distributor_id = ?",
	[G_CUSTOMER] =
	    "SELECT c.id, c.name, c.email, COALESCE(c.phone, ''), COALESCE(c.contact_name, ''),"
	    " COALESCE(c.country, ''), IF(c.active, 'yes', 'no'), IF(c.approval_required, 'yes', 'no'),"
	    " c.created_at, r.id, r.name, r.currency, COALESCE(c.address, ''), COALESCE(c.tax_id, '')"
	    " FROM customers c JOIN resellers r ON r.id = c.reseller_id"
	    " WHERE c.id = ? AND r.distributor_id = ?",
	[G_USER] =
	    "SELECT u.id, u.email, u.name, u.role, IF(u.active, 'yes', 'no'),"
	    " IF(u.must_change_password, 'yes', 'no'), u.failed_logins, COALESCE(u.locked_until, ''),"
	    " u.created_at, COALESCE(u.last_login_at, 'never'), c.id, c.name, r.id, r.name"
	    " FROM storefront_users u JOIN resellers r ON r.id = u.reseller_id"
	    " JOIN customers c ON c.reseller_id = u.reseller_id AND c.id = u.customer_id"
	    " WHERE u.id = ? AND r.distributor_id = ?",
	[G_ORDER] =
	    "SELECT o.id, o.number, o.status, o.currency, o.total_price, o.total_cost, o.placed_via,"
	    " COALESCE(u.email, ''), COALESCE(o.customer_note, ''), COALESCE(o.reject_reason, ''),"
	    " COALESCE(o.failure_reason, ''), COALESCE(op.login, ''), COALESCE(o.decided_at, ''),"
	    " o.created_at, c.id, c.name, r.id, r.name"
	    " FROM orders o JOIN resellers r ON r.id = o.reseller_id"
	    " JOIN customers c ON c.reseller_id = o.reseller_id AND c.id = o.customer_id"
	    " LEFT JOIN storefront_users u ON u.id = o.placed_by_user_id"
	    " LEFT JOIN operators op ON op.id = o.decided_by_operator_id"
	    " WHERE o.id = ? AND r.distributor_id = ?",
	[G_SUB] =
	    "SELECT s.id, p.name, p.sku, s.quantity, COALESCE(s.pending_quantity, ''), s.status,"
	    " s.unit_price, r.currency, s.billing_period, s.start_date, s.renewal_date,"
	    " COALESCE(s.trial_ends_on, ''), IF(s.cancel_at_term_end, 'yes', 'no'),"
	    " c.id, c.name, r.id, r.name, COALESCE(o.number, ''), s.markup_bp"
	    " FROM subscriptions s JOIN resellers r ON r.id = s.reseller_id"
	    " JOIN products p ON p.id = s.product_id"
	    " JOIN customers c ON c.reseller_id = s.reseller_id AND c.id = s.customer_id"
	    " LEFT JOIN order_lines l ON l.id = s.order_line_id"
	    " LEFT JOIN orders o ON o.id = l.order_id"
	    " WHERE s.id = ? AND r.distributor_id = ?",
	[G_INVOICE] =
	    "SELECT i.id, i.number, i.status, i.issued_on, i.due_on, COALESCE(i.period_start, ''),"
	    " COALESCE(i.period_end, ''), i.total, i.currency, r.id, r.name"
	    " FROM invoices i JOIN resellers r ON r.id = i.reseller_id"
	    " WHERE i.id = ? AND i.distributor_id = ?",

	[L_EDITIONS] =
	    "SELECT e.changed_at, e.from_edition, e.to_edition, COALESCE(o.login, 'system'), COALESCE(e.note, '')"
	    " FROM edition_changes e LEFT JOIN operators o ON o.id = e.operator_id"
	    " WHERE e.reseller_id = ? ORDER BY e.changed_at DESC, e.id DESC LIMIT " ROWS,
	[C_EDITIONS] = "SELECT COUNT(*) FROM edition_changes WHERE reseller_id = ?",
	[L_R_CUSTOMERS] =
	    "SELECT id, name, email, IF(active, 'active', 'inactive'), created_at"
	    " FROM customers WHERE reseller_id = ? ORDER BY id DESC LIMIT " ROWS,
	[C_R_CUSTOMERS] = "SELECT COUNT(*) FROM customers WHERE reseller_id = ?",
	[L_R_ORDERS] =
	    "SELECT o.number, c.name, o.status, o.total_price, o.currency, o.created_at"
	    " FROM orders o JOIN customers c ON c.reseller_id = o.reseller_id AND c.id = o.customer_id"
	    " WHERE o.reseller_id = ? ORDER BY o.created_at DESC, o.id DESC LIMIT " ROWS,
	[C_R_ORDERS] = "SELECT COUNT(*) FROM orders WHERE reseller_id = ?",
	[L_R_SUBS] =
	    "SELECT s.id, c.name, p.name, s.quantity, s.status, s.renewal_date"
	    " FROM subscriptions s JOIN customers c ON c.reseller_id = s.reseller_id AND c.id = s.customer_id"
	    " JOIN products p ON p.id = s.product_id"
	    " WHERE s.reseller_id = ? ORDER BY s.id DESC LIMIT " ROWS,
	[C_R_SUBS] = "SELECT COUNT(*) FROM subscriptions WHERE reseller_id = ?",
	[L_R_INVOICES] =
	    "SELECT number, issued_on, due_on, total, currency, status"
	    " FROM invoices WHERE reseller_id = ? ORDER BY issued_on DESC, id DESC LIMIT " ROWS,
	[C_R_INVOICES] = "SELECT COUNT(*) FROM invoices WHERE reseller_id = ?",
	[L_R_AUDIT] =
	    "SELECT at, actor_name, action, entity, COALESCE(entity_id, '')"
	    " FROM audit_log WHERE reseller_id = ? ORDER BY at DESC, id DESC LIMIT " ROWS,
	[C_R_AUDIT] = "SELECT COUNT(*) FROM audit_log WHERE reseller_id = ?",
	[L_C_USERS] =
	    "SELECT id, email, name, role, IF(active, 'active', 'inactive'), COALESCE(last_login_at, 'never')"
	    " FROM storefront_users WHERE reseller_id = ? AND customer_id = ? ORDER BY id LIMIT " ROWS,
	[C_C_USERS] = "SELECT COUNT(*) FROM storefront_users WHERE reseller_id = ? AND customer_id = ?",
	[L_C_ORDERS] =
	    "SELECT number, status, placed_via, total_price, currency, created_at"
	    " FROM orders WHERE reseller_id = ? AND customer_id = ? ORDER BY created_at DESC, id DESC LIMIT " ROWS,
	[C_C_ORDERS] = "SELECT COUNT(*) FROM orders WHERE reseller_id = ? AND customer_id = ?",
	[L_C_SUBS] =
	    "SELECT s.id, p.name, s.quantity, s.status, s.billing_period, s.renewal_date"
	    " FROM subscriptions s JOIN products p ON p.id = s.product_id"
	    " WHERE s.reseller_id = ? AND s.customer_id = ? ORDER BY s.id DESC LIMIT " ROWS,
	[C_C_SUBS] = "SELECT COUNT(*) FROM subscriptions WHERE reseller_id = ? AND customer_id = ?",
	[L_E_AUDIT] =
	    "SELECT at, actor_name, action, entity, COALESCE(entity_id, '')"
	    " FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY at DESC, id DESC LIMIT " ROWS,
	[C_E_AUDIT] = "SELECT COUNT(*) FROM audit_log WHERE entity = ? AND entity_id = ?",
	[L_U_AUDIT] =
	    "SELECT at, actor_name, action, entity, COALESCE(entity_id, '')"
	    " FROM audit_log WHERE reseller_id = ? AND actor_kind = 'storefront_user' AND actor_id = ?"
	    " ORDER BY at DESC, id DESC LIMIT " ROWS,
	[C_U_AUDIT] =
	    "SELECT COUNT(*) FROM audit_log WHERE reseller_id = ? AND actor_kind = 'storefront_user' AND actor_id = ?",
	[L_O_LINES] =
	    "SELECT l.line_no, p.sku, p.name, l.quantity, l.line_price, o.currency, IF(l.is_trial, 'trial', '')"
	    " FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id"
	    " WHERE l.order_id = ? ORDER BY l.line_no LIMIT " ROWS,
	[C_O_LINES] = "SELECT COUNT(*) FROM order_lines WHERE order_id = ?",
	[L_I_LINES] =
	    "SELECT l.line_no, l.description, l.quantity, l.amount, i.currency"
	    " FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
	    " WHERE l.invoice_id = ? ORDER BY l.line_no LIMIT " ROWS,
	[C_I_LINES] = "SELECT COUNT(*) FROM invoice_lines WHERE invoice_id = ?",
};

static const struct db_table table = { DB_MOD_INSPECT, sql, INSPECT__STMTS };

static const char *const kind_names[INSPECT__MAX] = { INSPECT_KINDS(NAMES_NAME) };
static const char *const kind_labels[INSPECT__MAX] = { INSPECT_KINDS(NAMES_LABEL) };

NAMES_FN_NAME(inspect_kind_name, enum inspect_kind, kind_names, INSPECT__MAX, "unknown")

/* ---- documents ----------------------------------------------------- */

static void
row_free(struct inspect_row *r)
{
	int c;

	for (c = 0; c < INSPECT_COLS; c++)
		free(r->cell[c]);
}

void
inspect_doc_free(struct inspect_doc *d)
{
	size_t s, r;

	if (d == NULL)
		return;
	for (s = 0; s < d->nsections; s++) {
		for (r = 0; r < d->sections[s].nrows; r++)
			row_free(&d->sections[s].rows[r]);
		free(d->sections[s].rows);
	}
	free(d->sections);
	d->sections = NULL;
	d->nsections = 0;
}

static struct inspect_section *
section(struct inspect_doc *d, const char *title, int ncols, const char *const *cols)
{
	struct inspect_section *n, *s;
	int c;

	if ((n = realloc(d->sections, sizeof(*n) * (d->nsections + 1))) == NULL)
		return NULL;
	d->sections = n;
	s = &n[d->nsections++];
	memset(s, 0, sizeof(*s));
	str_copy(s->title, sizeof(s->title), title);
	s->ncols = ncols;
	for (c = 0; c < ncols && c < INSPECT_COLS; c++)
		s->cols[c] = cols[c];
	return s;
}

/* add_row - a row of n cells (copied); CORE_ENOMEM on failure. */
static enum core_err
add_row(struct inspect_section *s, int n, const char *const *cells)
{
	struct inspect_row *rows, *r;
	int c;

	if ((rows = realloc(s->rows, sizeof(*rows) * (s->nrows + 1))) == NULL)
		return CORE_ENOMEM;
	s->rows = rows;
	r = &rows[s->nrows];
	memset(r, 0, sizeof(*r));
	for (c = 0; c < INSPECT_COLS; c++) {
		if ((r->cell[c] = strdup(c < n && cells[c] ? cells[c] : "")) == NULL) {
			row_free(r);
			return CORE_ENOMEM;
		}
	}
	s->nrows++;
	s->total = (int64_t)s->nrows;
	return CORE_OK;
}

static enum core_err
kv(struct inspect_section *s, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum core_err
kv(struct inspect_section *s, const char *label, const char *fmt, ...)
{
	char value[2048];
	const char *cells[2];
	va_list ap;

	if (s == NULL)
		return CORE_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	cells[0] = label;
	cells[1] = value;
	return add_row(s, 2, cells);
}

/*
 * doc_begin - d as the document of the kind's row id, titled by fmt;
 * returns its first section, the key/value one named by the kind's label.
 */
static struct inspect_section *
doc_begin(struct inspect_doc *d, enum inspect_kind kind, int64_t id, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static struct inspect_section *
doc_begin(struct inspect_doc *d, enum inspect_kind kind, int64_t id, const char *fmt, ...)
{
	va_list ap;

	d->kind = kind;
	d->id = id;
	va_start(ap, fmt);
	vsnprintf(d->title, sizeof(d->title), fmt, ap);
	va_end(ap);
	return section(d, kind_labels[kind], 0, NULL);
}

/*
 * table - a section from list statement `list` and its count `count`,
 * both taking the same one or two integer parameters.  fmt says how the
 * result's columns become cells: 's' text, 't' a time cut to minutes,
 * 'm' money (this column the amount, the next the currency).
 */
static enum core_err
table_section(struct db *db, struct inspect_doc *d, const char *title, int ncols,
    const char *const *cols, const char *fmt, int list, int count, int nparams, int64_t p1, int64_t p2)
{
	struct inspect_section *s;
	struct db_res *r = NULL;
	char cellbuf[INSPECT_COLS][1024];
	const char *cells[INSPECT_COLS];
	enum core_err er;
	int64_t total = 0;
	int c, col, i;

	if ((s = section(d, title, ncols, cols)) == NULL)
		return CORE_ENOMEM;
	er = nparams == 1 ? db_query(db, &table, list, &r, "i", p1) : db_query(db, &table, list, &r, "ii", p1, p2);
	if (er != CORE_OK)
		return er;
	while (db_res_next(r)) {
		for (c = 0, col = 0, i = 0; fmt[i] && c < INSPECT_COLS; i++, c++) {
			const char *v = db_res_str(r, col);

			if (fmt[i] == 'm') {
				money_format(db_res_int(r, col), db_res_str(r, col + 1), cellbuf[c], sizeof(cellbuf[c]));
				col += 2;
			} else {
				str_copy(cellbuf[c], fmt[i] == 't' && strlen(v) > 16 ? 17 : sizeof(cellbuf[c]), v);
				col++;
			}
			cells[c] = cellbuf[c];
		}
		if ((er = add_row(s, c, cells)) != CORE_OK) {
			db_res_free(r);
			return er;
		}
	}
	db_res_free(r);
	er = nparams == 1 ? db_query_int(db, &table, count, &total, "i", p1)
	    : db_query_int(db, &table, count, &total, "ii", p1, p2);
	if (er != CORE_OK)
		return er;
	s->total = total;
	return CORE_OK;
}

/* audit_section - the audit rows of an entity (entity, id). */
static enum core_err
audit_section(struct db *db, struct inspect_doc *d, const char *entity, int64_t id)
{
	static const char *const cols[] = { "When", "Who", "Action", "Entity", "Id" };
	struct inspect_section *s;
	struct db_res *r = NULL;
	const char *cells[5];
	char at[17];
	enum core_err er;
	int64_t total = 0;
	int c;

	if ((s = section(d, "Audit trail", 5, cols)) == NULL)
		return CORE_ENOMEM;
	if ((er = db_query(db, &table, L_E_AUDIT, &r, "si", entity, id)) != CORE_OK)
		return er;
	while (db_res_next(r)) {
		str_copy(at, sizeof(at), db_res_str(r, 0));
		cells[0] = at;
		for (c = 1; c < 5; c++)
			cells[c] = db_res_str(r, c);
		if ((er = add_row(s, 5, cells)) != CORE_OK) {
			db_res_free(r);
			return er;
		}
	}
	db_res_free(r);
	if ((er = db_query_int(db, &table, C_E_AUDIT, &total, "si", entity, id)) != CORE_OK)
		return er;
	s->total = total;
	return CORE_OK;
}

static const char *const COLS_AUDIT[] = { "When", "Who", "Action", "Entity", "Id" };
static const char *const COLS_EDITIONS[] = { "When", "From", "To", "Operator", "Note" };
static const char *const COLS_CUSTOMERS[] = { "Id", "Name", "E-mail", "Status", "Since" };
static const char *const COLS_R_ORDERS[] = { "Number", "Customer", "Status", "Total", "Placed" };
static const char *const COLS_R_SUBS[] = { "Id", "Customer", "Product", "Qty", "Status", "Renews" };
static const char *const COLS_INVOICES[] = { "Number", "Issued", "Due", "Total", "Status" };
static const char *const COLS_USERS[] = { "Id", "E-mail", "Name", "Role", "Status", "Last login" };
static const char *const COLS_C_ORDERS[] = { "Number", "Status", "Via", "Total", "Placed" };
static const char *const COLS_C_SUBS[] = { "Id", "Product", "Qty", "Status", "Period", "Renews" };
static const char *const COLS_O_LINES[] = { "Line", "SKU", "Product", "Qty", "Price", "Trial" };
static const char *const COLS_I_LINES[] = { "Line", "Description", "Qty", "Amount" };

/* edition_online - storefront_online for the edition and status as the database names them. */
static int
edition_online(const char *edition, const char *status)
{
	int e = reseller_edition_parse(edition);

	return e >= 0 && storefront_online((enum reseller_edition)e, reseller_status_of(status));
}

/* reseller_doc - the reseller's own sections (shared by support's and the reseller admin's view). */
static enum core_err
reseller_doc(struct db *db, int64_t distributor_id, int64_t id, const char *public_url,
    struct inspect_doc *d, int full)
{
	struct inspect_section *s;
	struct db_res *r = NULL;
	char name[INSPECT_TEXT], email[1020], phone[164], address[2004], country[3], tax[132];
	char edition[16], status[16], currency[4], created[20], slug[64], custom[254], base[254];
	char theme[33], skin[33], url[600], money[64];
	int64_t credit, version, mrr = 0, customers = 0;
	int has_sf, found;
	enum core_err er;

	if ((er = db_query(db, &table, G_RESELLER, &r, "ii", id, distributor_id)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0) {
		str_copy(name, sizeof(name), db_res_str(r, 1));
		str_copy(email, sizeof(email), db_res_str(r, 2));
		str_copy(phone, sizeof(phone), db_res_str(r, 3));
		str_copy(address, sizeof(address), db_res_str(r, 4));
		str_copy(country, sizeof(country), db_res_str(r, 5));
		str_copy(tax, sizeof(tax), db_res_str(r, 6));
		str_copy(edition, sizeof(edition), db_res_str(r, 7));
		str_copy(status, sizeof(status), db_res_str(r, 8));
		str_copy(currency, sizeof(currency), db_res_str(r, 9));
		credit = db_res_int(r, 10);
		str_copy(created, sizeof(created), db_res_str(r, 11));
		str_copy(slug, sizeof(slug), db_res_str(r, 12));
		str_copy(custom, sizeof(custom), db_res_str(r, 13));
		str_copy(base, sizeof(base), db_res_str(r, 14));
		str_copy(theme, sizeof(theme), db_res_str(r, 15));
		str_copy(skin, sizeof(skin), db_res_str(r, 16));
		version = db_res_int(r, 17);
		has_sf = (int)db_res_int(r, 18);
	}
	db_res_free(r);
	if (!found)
		return CORE_NOTFOUND;
	if ((er = mrr_reseller(db, id, &mrr)) != CORE_OK ||
	    (er = db_query_int(db, &table, C_R_CUSTOMERS, &customers, "i", id)) != CORE_OK)
		return er;
	s = doc_begin(d, INSPECT_RESELLER, id, "Reseller %s (#%lld)", name, (long long)id);
	if ((er = kv(s, "Id", "%lld", (long long)id)) != CORE_OK ||
	    (er = kv(s, "Name", "%s", name)) != CORE_OK ||
	    (er = kv(s, "E-mail", "%s", email)) != CORE_OK ||
	    (er = kv(s, "Phone", "%s", phone)) != CORE_OK ||
	    (er = kv(s, "Address", "%s", address)) != CORE_OK ||
	    (er = kv(s, "Country", "%s", country)) != CORE_OK ||
	    (er = kv(s, "Tax id", "%s", tax)) != CORE_OK ||
	    (er = kv(s, "Edition", "%s", edition)) != CORE_OK ||
	    (er = kv(s, "Status", "%s", status)) != CORE_OK ||
	    (er = kv(s, "Customers", "%lld", (long long)customers)) != CORE_OK ||
	    (er = kv(s, "MRR", "%s", money_format(mrr, currency, money, sizeof(money)))) != CORE_OK ||
	    (er = kv(s, "Credit limit", "%s", money_format(credit, currency, money, sizeof(money)))) != CORE_OK ||
	    (er = kv(s, "Created", "%s", created)) != CORE_OK)
		return er;
	s = section(d, "Storefront", 0, NULL);
	if (!has_sf) {
		if ((er = kv(s, "Storefront", "none (never upgraded)")) != CORE_OK)
			return er;
	} else {
		storefront_url(public_url, base, slug, custom[0] ? custom : NULL, url, sizeof(url));
		if ((er = kv(s, "URL", "%s", url)) != CORE_OK ||
		    (er = kv(s, "Online", "%s", edition_online(edition, status) ? "yes" :
		    "no (offline: Basic edition or suspended; its data is kept)")) != CORE_OK ||
		    (er = kv(s, "Slug", "%s", slug)) != CORE_OK ||
		    (er = kv(s, "Custom domain", "%s", custom[0] ? custom : "none")) != CORE_OK ||
		    (er = kv(s, "Theme", "%s / %s", theme, skin)) != CORE_OK ||
		    (er = kv(s, "Version", "%lld", (long long)version)) != CORE_OK)
			return er;
	}
	if ((er = table_section(db, d, "Edition history", 5, COLS_EDITIONS, "tssss", L_EDITIONS, C_EDITIONS,
	    1, id, 0)) != CORE_OK)
		return er;
	if (!full)
		return CORE_OK;
	if ((er = table_section(db, d, "Customers", 5, COLS_CUSTOMERS, "sssst", L_R_CUSTOMERS, C_R_CUSTOMERS,
	    1, id, 0)) != CORE_OK ||
	    (er = table_section(db, d, "Orders", 5, COLS_R_ORDERS, "sssmt", L_R_ORDERS, C_R_ORDERS,
	    1, id, 0)) != CORE_OK ||
	    (er = table_section(db, d, "Subscriptions", 6, COLS_R_SUBS, "ssssss", L_R_SUBS, C_R_SUBS,
	    1, id, 0)) != CORE_OK ||
	    (er = table_section(db, d, "Invoices", 5, COLS_INVOICES, "sssms", L_R_INVOICES, C_R_INVOICES,
	    1, id, 0)) != CORE_OK ||
	    (er = table_section(db, d, "Audit trail", 5, COLS_AUDIT, "tssss", L_R_AUDIT, C_R_AUDIT,
	    1, id, 0)) != CORE_OK)
		return er;
	return CORE_OK;
}

/*
 * DOC_FIELD - the size of one field of a document's row, as text.
 * doc_row - the one row of statement idx (params id, distributor_id),
 * its first n columns as text into f; CORE_NOTFOUND when there is none.
 * An integer column is read back with field_int.
 */
#define DOC_FIELD 1024

static enum core_err
doc_row(struct db *db, int idx, int64_t id, int64_t distributor_id, char (*f)[DOC_FIELD], int n)
{
	struct db_res *r = NULL;
	enum core_err er;
	int found, c;

	if ((er = db_query(db, &table, idx, &r, "ii", id, distributor_id)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0)
		for (c = 0; c < n; c++)
			str_copy(f[c], sizeof(f[c]), db_res_str(r, c));
	db_res_free(r);
	return found ? CORE_OK : CORE_NOTFOUND;
}

static int64_t
field_int(const char *f)
{
	return strtoll(f, NULL, 10);
}

static enum core_err
customer_doc(struct db *db, int64_t distributor_id, int64_t id, struct inspect_doc *d)
{
	struct inspect_section *s;
	char f[14][DOC_FIELD], money[64];
	int64_t rid = 0, mrr = 0;
	enum core_err er;

	if ((er = doc_row(db, G_CUSTOMER, id, distributor_id, f, 14)) != CORE_OK)
		return er;
	rid = field_int(f[9]);
	if ((er = mrr_customer(db, rid, id, &mrr)) != CORE_OK)
		return er;
	s = doc_begin(d, INSPECT_CUSTOMER, id, "Customer %.700s (#%lld) of %.700s", f[1], (long long)id, f[10]);
	if ((er = kv(s, "Id", "%s", f[0])) != CORE_OK ||
	    (er = kv(s, "Name", "%s", f[1])) != CORE_OK ||
	    (er = kv(s, "E-mail", "%s", f[2])) != CORE_OK ||
	    (er = kv(s, "Phone", "%s", f[3])) != CORE_OK ||
	    (er = kv(s, "Contact", "%s", f[4])) != CORE_OK ||
	    (er = kv(s, "Address", "%s", f[12])) != CORE_OK ||
	    (er = kv(s, "Country", "%s", f[5])) != CORE_OK ||
	    (er = kv(s, "Tax id", "%s", f[13])) != CORE_OK ||
	    (er = kv(s, "Active", "%s", f[6])) != CORE_OK ||
	    (er = kv(s, "Orders need approval", "%s", f[7])) != CORE_OK ||
	    (er = kv(s, "MRR", "%s", money_format(mrr, f[11], money, sizeof(money)))) != CORE_OK ||
	    (er = kv(s, "Created", "%s", f[8])) != CORE_OK ||
	    (er = kv(s, "Reseller", "%s (#%s)", f[10], f[9])) != CORE_OK)
		return er;
	if ((er = table_section(db, d, "Storefront users", 6, COLS_USERS, "ssssst", L_C_USERS, C_C_USERS,
	    2, rid, id)) != CORE_OK ||
	    (er = table_section(db, d, "Orders", 5, COLS_C_ORDERS, "sssmt", L_C_ORDERS, C_C_ORDERS,
	    2, rid, id)) != CORE_OK ||
	    (er = table_section(db, d, "Subscriptions", 6, COLS_C_SUBS, "ssssss", L_C_SUBS, C_C_SUBS,
	    2, rid, id)) != CORE_OK)
		return er;
	return audit_section(db, d, "customer", id);
}

static enum core_err
user_doc(struct db *db, int64_t distributor_id, int64_t id, struct inspect_doc *d)
{
	struct inspect_section *s;
	char f[14][DOC_FIELD];
	int64_t rid = 0;
	int c;
	enum core_err er;
	static const char *const labels[] = { "Id", "E-mail", "Name", "Role", "Active",
		"Must change password", "Failed logins", "Locked until", "Created", "Last login" };

	if ((er = doc_row(db, G_USER, id, distributor_id, f, 14)) != CORE_OK)
		return er;
	rid = field_int(f[12]);
	s = doc_begin(d, INSPECT_USER, id, "Storefront user %s (#%lld)", f[1], (long long)id);
	for (c = 0; c < 10; c++)
		if ((er = kv(s, labels[c], "%s", f[c][0] ? f[c] : "-")) != CORE_OK)
			return er;
	if ((er = kv(s, "Customer", "%s (#%s)", f[11], f[10])) != CORE_OK ||
	    (er = kv(s, "Reseller", "%s (#%s)", f[13], f[12])) != CORE_OK)
		return er;
	return table_section(db, d, "Audit trail (as actor)", 5, COLS_AUDIT, "tssss", L_U_AUDIT, C_U_AUDIT,
	    2, rid, id);
}

static enum core_err
order_doc(struct db *db, int64_t distributor_id, int64_t id, struct inspect_doc *d)
{
	struct inspect_section *s;
	char f[18][DOC_FIELD], money[64];
	int64_t price = 0, cost = 0;
	enum core_err er;

	if ((er = doc_row(db, G_ORDER, id, distributor_id, f, 18)) != CORE_OK)
		return er;
	price = field_int(f[4]);
	cost = field_int(f[5]);
	s = doc_begin(d, INSPECT_ORDER, id, "Order %.700s (#%lld) of %.700s", f[1], (long long)id, f[15]);
	if ((er = kv(s, "Number", "%s", f[1])) != CORE_OK ||
	    (er = kv(s, "Status", "%s", f[2])) != CORE_OK ||
	    (er = kv(s, "Total price", "%s", money_format(price, f[3], money, sizeof(money)))) != CORE_OK ||
	    (er = kv(s, "Total cost", "%s", money_format(cost, f[3], money, sizeof(money)))) != CORE_OK ||
	    (er = kv(s, "Placed via", "%s%s%s", f[6], f[7][0] ? " by " : "", f[7])) != CORE_OK ||
	    (er = kv(s, "Placed", "%.19s", f[13])) != CORE_OK ||
	    (er = kv(s, "Customer note", "%s", f[8][0] ? f[8] : "-")) != CORE_OK ||
	    (er = kv(s, "Decided", "%s%s%s", f[12][0] ? f[12] : "-", f[11][0] ? " by " : "", f[11])) != CORE_OK ||
	    (f[9][0] && (er = kv(s, "Reject reason", "%s", f[9])) != CORE_OK) ||
	    (f[10][0] && (er = kv(s, "Failure reason", "%s", f[10])) != CORE_OK) ||
	    (er = kv(s, "Customer", "%s (#%s)", f[15], f[14])) != CORE_OK ||
	    (er = kv(s, "Reseller", "%s (#%s)", f[17], f[16])) != CORE_OK)
		return er;
	if ((er = table_section(db, d, "Lines", 6, COLS_O_LINES, "ssssms", L_O_LINES, C_O_LINES,
	    1, id, 0)) != CORE_OK)
		return er;
	return audit_section(db, d, "order", id);
}

static enum core_err
sub_doc(struct db *db, int64_t distributor_id, int64_t id, struct inspect_doc *d)
{
	struct inspect_section *s;
	char f[19][DOC_FIELD], money[64], markup[32];
	int64_t price = 0, bp = 0;
	enum core_err er;

	if ((er = doc_row(db, G_SUB, id, distributor_id, f, 19)) != CORE_OK)
		return er;
	price = field_int(f[6]);
	bp = field_int(f[18]);
	s = doc_begin(d, INSPECT_SUBSCRIPTION, id, "Subscription #%lld: %.700s for %.700s", (long long)id, f[1], f[14]);
	if ((er = kv(s, "Id", "%s", f[0])) != CORE_OK ||
	    (er = kv(s, "Product", "%s (%s)", f[1], f[2])) != CORE_OK ||
	    (er = kv(s, "Quantity", "%s%s%s", f[3], f[4][0] ? ", at renewal " : "", f[4])) != CORE_OK ||
	    (er = kv(s, "Status", "%s", f[5])) != CORE_OK ||
	    (er = kv(s, "Unit price", "%s %s", money_format(price, f[7], money, sizeof(money)), f[8])) != CORE_OK ||
	    (er = kv(s, "Markup", "%s", money_format_markup((int32_t)bp, markup, sizeof(markup)))) != CORE_OK ||
	    (er = kv(s, "Started", "%s", f[9])) != CORE_OK ||
	    (er = kv(s, "Renews", "%s", f[10])) != CORE_OK ||
	    (er = kv(s, "Trial ends", "%s", f[11][0] ? f[11] : "-")) != CORE_OK ||
	    (er = kv(s, "Cancel at term end", "%s", f[12])) != CORE_OK ||
	    (er = kv(s, "Order", "%s", f[17][0] ? f[17] : "-")) != CORE_OK ||
	    (er = kv(s, "Customer", "%s (#%s)", f[14], f[13])) != CORE_OK ||
	    (er = kv(s, "Reseller", "%s (#%s)", f[16], f[15])) != CORE_OK)
		return er;
	return audit_section(db, d, "subscription", id);
}

static enum core_err
invoice_doc(struct db *db, int64_t distributor_id, int64_t id, struct inspect_doc *d)
{
	struct inspect_section *s;
	char f[11][DOC_FIELD], money[64];
	int64_t total = 0;
	enum core_err er;

	if ((er = doc_row(db, G_INVOICE, id, distributor_id, f, 11)) != CORE_OK)
		return er;
	total = field_int(f[7]);
	s = doc_begin(d, INSPECT_INVOICE, id, "Invoice %.700s (#%lld) to %.700s", f[1], (long long)id, f[10]);
	if ((er = kv(s, "Number", "%s", f[1])) != CORE_OK ||
	    (er = kv(s, "Status", "%s", f[2])) != CORE_OK ||
	    (er = kv(s, "Issued", "%s", f[3])) != CORE_OK ||
	    (er = kv(s, "Due", "%s", f[4])) != CORE_OK ||
	    (er = kv(s, "Period", "%s - %s", f[5][0] ? f[5] : "?", f[6][0] ? f[6] : "?")) != CORE_OK ||
	    (er = kv(s, "Total", "%s", money_format(total, f[8], money, sizeof(money)))) != CORE_OK ||
	    (er = kv(s, "Reseller", "%s (#%s)", f[10], f[9])) != CORE_OK)
		return er;
	if ((er = table_section(db, d, "Lines", 4, COLS_I_LINES, "sssm", L_I_LINES, C_I_LINES,
	    1, id, 0)) != CORE_OK)
		return er;
	return audit_section(db, d, "invoice", id);
}

enum core_err
inspect_get(struct db *db, const struct actor *a, enum inspect_kind kind, int64_t id,
    const char *public_url, struct inspect_doc *out)
{
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_INSPECT)) != CORE_OK)
		return er;
	switch (kind) {
	case INSPECT_RESELLER:
		return reseller_doc(db, a->distributor_id, id, public_url, out, 1);
	case INSPECT_CUSTOMER:
		return customer_doc(db, a->distributor_id, id, out);
	case INSPECT_USER:
		return user_doc(db, a->distributor_id, id, out);
	case INSPECT_ORDER:
		return order_doc(db, a->distributor_id, id, out);
	case INSPECT_SUBSCRIPTION:
		return sub_doc(db, a->distributor_id, id, out);
	case INSPECT_INVOICE:
		return invoice_doc(db, a->distributor_id, id, out);
	default:
		return CORE_INVALID;
	}
}

enum core_err
inspect_storefront_base(struct db *db, const struct actor *a, char *out, size_t n)
{
	struct db_res *r = NULL;
	enum core_err er;

	if (n > 0)
		out[0] = '\0';
	if (actor_may(a, ACT_RESELLER_READ) != CORE_OK && actor_may(a, ACT_INSPECT) != CORE_OK)
		return CORE_FORBIDDEN;
	if ((er = db_query(db, &table, G_BASE, &r, "i", a->distributor_id)) != CORE_OK)
		return er;
	if (db_res_next(r) && n > 0)
		str_copy(out, n, db_res_str(r, 0));
	db_res_free(r);
	return CORE_OK;
}

enum core_err
inspect_own_reseller(struct db *db, const struct actor *a, const char *public_url, struct inspect_doc *out)
{
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_CUSTOMER_READ)) != CORE_OK)
		return er;
	if (!actor_reseller_operator(a))
		return CORE_FORBIDDEN;
	return reseller_doc(db, a->distributor_id, a->reseller_id, public_url, out, 0);
}
