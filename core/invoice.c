#include <stdlib.h>
#include <string.h>
#include "invoice.h"
#include "str.h"

enum {
	INV_RESELLER,
	INV_BALANCE,
	INV_COUNT,
	INV_LIST,
	INV_LINES,
	INV_SETTLEMENTS,
	INV__MAX
};

/*
 * payments and credit notes applied, per invoice of one reseller (two ?:
 * the reseller); a credit note counts as paid in full (it owes nothing)
 */
#define PAID \
	" LEFT JOIN (SELECT invoice_id, SUM(amount) AS paid FROM (" \
	"  SELECT invoice_id, amount FROM payments WHERE reseller_id = ? AND invoice_id IS NOT NULL" \
	"  UNION ALL SELECT credits_invoice_id, total FROM invoices" \
	"  WHERE reseller_id = ? AND kind = 'credit_note' AND status <> 'void') x" \
	" GROUP BY invoice_id) p ON p.invoice_id = i.id"

static const char *const sql[INV__MAX] = {
	[INV_RESELLER] = "SELECT COUNT(*) FROM resellers WHERE id = ? AND distributor_id = ?",
	[INV_BALANCE] =
	    "SELECT COALESCE(SUM(i.total - COALESCE(p.paid, 0)), 0),"
	    " COALESCE(SUM(CASE WHEN i.due_on < UTC_DATE() THEN i.total - COALESCE(p.paid, 0) END), 0),"
	    " COUNT(CASE WHEN i.due_on < UTC_DATE() THEN 1 END)"
	    " FROM invoices i" PAID
	    " WHERE i.reseller_id = ? AND i.distributor_id = ? AND i.status = 'open' AND i.kind = 'invoice'",
	/* the parameters of INV_LIST without its page (db_list) */
	[INV_COUNT] = "SELECT COUNT(*) FROM invoices i" PAID " WHERE i.reseller_id = ? AND i.distributor_id = ?",
	[INV_LIST] =
	    "SELECT i.id, i.reseller_id, i.number, i.issued_on, i.due_on, i.period_start, i.period_end,"
	    " i.currency, i.total, IF(i.kind = 'credit_note', i.total, COALESCE(p.paid, 0)), i.status,"
	    " i.status = 'open' AND i.kind = 'invoice' AND i.due_on < UTC_DATE(), i.kind = 'credit_note'"
	    " FROM invoices i" PAID
	    " WHERE i.reseller_id = ? AND i.distributor_id = ?"
	    " ORDER BY i.issued_on DESC, i.id DESC LIMIT ? OFFSET ?",
	[INV_LINES] =
	    "SELECT l.line_no, l.description, l.quantity, l.unit_amount, l.amount FROM invoice_lines l"
	    " JOIN invoices i ON i.id = l.invoice_id"
	    " WHERE l.invoice_id = ? AND i.reseller_id = ? AND i.distributor_id = ? ORDER BY l.line_no",
	/* ? x3 each part: the invoice, the reseller, the distributor */
	[INV_SETTLEMENTS] =
	    "SELECT 'payment', p.paid_on, p.amount, p.method, COALESCE(p.reference, ''), p.id"
	    " FROM payments p JOIN invoices i ON i.id = p.invoice_id"
	    " WHERE p.invoice_id = ? AND i.reseller_id = ? AND i.distributor_id = ?"
	    " UNION ALL SELECT 'credit_note', c.issued_on, c.total, c.number, COALESCE(c.reason, ''), c.id"
	    " FROM invoices c JOIN invoices i ON i.id = c.credits_invoice_id"
	    " WHERE c.credits_invoice_id = ? AND c.kind = 'credit_note' AND c.status <> 'void'"
	    " AND i.reseller_id = ? AND i.distributor_id = ?"
	    " UNION ALL SELECT 'credits', c.issued_on, c.total, i.number, COALESCE(c.reason, ''), i.id"
	    " FROM invoices c JOIN invoices i ON i.id = c.credits_invoice_id"
	    " WHERE c.id = ? AND c.kind = 'credit_note' AND c.reseller_id = ? AND c.distributor_id = ?"
	    " ORDER BY 2, 6",
};

static const struct db_table table = { DB_MOD_INVOICE, sql, INV__MAX };

static const char *const status_names[INVOICE_STATUS__MAX] = { INVOICE_STATUSES(NAMES_NAME) };

NAMES_FN_NAME(invoice_status_name, enum invoice_status, status_names, INVOICE_STATUS__MAX, "unknown")

/*
 * tenant - which reseller the actor may read: distributor admins and
 * support (ACT_RESELLER_READ) any of their distributor's, given by
 * reseller_id; a reseller admin (ACT_INVOICE_READ) only its own.
 */
static enum core_err
tenant(struct db *db, const struct actor *a, int64_t reseller_id, int64_t *rid)
{
	enum core_err er;
	int64_t n = 0;

	if (actor_may(a, ACT_RESELLER_READ) == CORE_OK) {
		if ((er = db_query_int(db, &table, INV_RESELLER, &n, "ii", reseller_id, a->distributor_id)) != CORE_OK)
			return er;
		if (n == 0)
			return CORE_NOTFOUND;
		*rid = reseller_id;
		return CORE_OK;
	}
	if ((er = actor_may(a, ACT_INVOICE_READ)) != CORE_OK)
		return er;
	*rid = a->reseller_id;
	return CORE_OK;
}

enum core_err
invoice_balance(struct db *db, const struct actor *a, int64_t reseller_id, int64_t *balance,
    int64_t *overdue, int64_t *overdue_count)
{
	struct db_res *r = NULL;
	enum core_err er;
	int64_t rid = 0;

	if ((er = tenant(db, a, reseller_id, &rid)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, INV_BALANCE, &r, "iiii", rid, rid, rid, a->distributor_id)) != CORE_OK)
		return er;
	if (db_res_next(r)) {
		*balance = db_res_int(r, 0);
		*overdue = db_res_int(r, 1);
		*overdue_count = db_res_int(r, 2);
	} else
		er = CORE_DB;
	db_res_free(r);
	return er;
}

static NAMES_FN_PARSE(status_parse, status_names, INVOICE_STATUS__MAX)

#define COL(type, member) DB_COL(type, struct invoice, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	COL(STR, number),
	COL(STR, issued_on),
	COL(STR, due_on),
	COL(STR, period_start),
	COL(STR, period_end),
	COL(STR, currency),
	COL(INT, total),
	COL(INT, paid),
	DB_COL_ENUM(struct invoice, status, status_parse, INVOICE_OPEN),
	COL(BOOL, overdue),
	COL(BOOL, credit_note),
};
#undef COL

static enum core_err
fill(struct db_res *r, void *item)
{
	struct invoice *i = item;
	enum core_err er = db_res_fill(r, cols, DB_NCOLS(cols), i);

	i->outstanding = i->total - i->paid;
	return er;
}

enum core_err
invoice_list(struct db *db, const struct actor *a, int64_t reseller_id, int limit, int offset,
    struct invoice_list *out)
{
	struct db_rows rows;
	enum core_err er;
	int64_t rid = 0;

	memset(out, 0, sizeof(*out));
	if ((er = tenant(db, a, reseller_id, &rid)) != CORE_OK)
		return er;
	if (limit < 1 || limit > INVOICE_LIST_MAX)
		limit = 50;
	er = db_list(db, &table, &(struct db_list){ INV_COUNT, INV_LIST, NULL, offset < 0 ? 0 : offset, limit,
	    INVOICE_LIST_MAX, sizeof(*out->items), fill }, &rows, "iiii", rid, rid, rid, a->distributor_id);
	DB_ROWS_MOVE(out, rows);
	return er;
}

DB_LIST_FREE_FN(invoice_list_free, invoice_list)

#define LCOL(type, member) DB_COL(type, struct invoice_line, member)
static const struct db_col line_cols[] = {
	LCOL(INT, line_no),
	LCOL(STR, description),
	LCOL(INT, quantity),
	LCOL(INT, unit_amount),
	LCOL(INT, amount),
};
#undef LCOL
DB_FILL_FN(fill_line, struct invoice_line, line_cols)

enum core_err
invoice_lines(struct db *db, const struct actor *a, int64_t reseller_id, int64_t invoice_id,
    struct invoice_line_list *out)
{
	struct db_rows rows;
	enum core_err er;
	int64_t rid = 0;

	memset(out, 0, sizeof(*out));
	if ((er = tenant(db, a, reseller_id, &rid)) != CORE_OK)
		return er;
	er = db_all(db, &table, INV_LINES, sizeof(*out->items), fill_line, &rows, "iii", invoice_id, rid,
	    a->distributor_id);
	DB_ROWS_MOVE(out, rows);
	return er;
}

DB_LIST_FREE_FN(invoice_line_list_free, invoice_line_list)

json_t *
invoice_to_json(const struct invoice *i)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:b}",
	    "id", (json_int_t)i->id, "reseller_id", (json_int_t)i->reseller_id, "number", i->number,
	    "issued_on", i->issued_on, "due_on", i->due_on, "period_start", i->period_start,
	    "period_end", i->period_end, "currency", i->currency, "total", (json_int_t)i->total,
	    "paid", (json_int_t)i->paid, "outstanding", (json_int_t)i->outstanding,
	    "status", invoice_status_name(i->status), "overdue", i->overdue);
}

static const char *const settlement_names[INVOICE_SETTLEMENT__MAX] = { "payment", "credit_note", "credits" };

static NAMES_FN_PARSE(settlement_parse, settlement_names, INVOICE_SETTLEMENT__MAX)

#define SCOL(type, member) DB_COL(type, struct invoice_settlement, member)
static const struct db_col settlement_cols[] = {
	DB_COL_ENUM(struct invoice_settlement, kind, settlement_parse, INVOICE_SETTLEMENT_PAYMENT),
	SCOL(STR, on),
	SCOL(INT, amount),
	SCOL(STR, ref),
	SCOL(STR, note),
	SCOL(INT, other_id),
};
#undef SCOL
DB_FILL_FN(fill_settlement, struct invoice_settlement, settlement_cols)

enum core_err
invoice_settlements(struct db *db, const struct actor *a, int64_t reseller_id, int64_t invoice_id,
    struct invoice_settlement_list *out)
{
	struct db_rows rows;
	enum core_err er;
	int64_t rid = 0;

	memset(out, 0, sizeof(*out));
	if ((er = tenant(db, a, reseller_id, &rid)) != CORE_OK)
		return er;
	er = db_all(db, &table, INV_SETTLEMENTS, sizeof(*out->items), fill_settlement, &rows, "iiiiiiiii",
	    invoice_id, rid, a->distributor_id, invoice_id, rid, a->distributor_id, invoice_id, rid,
	    a->distributor_id);
	DB_ROWS_MOVE(out, rows);
	return er;
}

DB_LIST_FREE_FN(invoice_settlement_list_free, invoice_settlement_list)
