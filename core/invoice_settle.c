/*
 * invoice_settle.c - what settles an issued invoice: credit notes and the
 * reseller's payments (invoice.h has the contracts and invoice.h's
 * definitions of paid and outstanding hold here too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "audit.h"
#include "invoice.h"
#include "invoice_run.h"
#include "str.h"

enum {
	IS_INVOICE_LOCK,
	IS_OWED,
	IS_MARK_PAID,
	IS_CN_INSERT,
	IS_CN_LINE,
	IS_ISSUE,
	IS_RESELLER,
	IS_BY_NUMBER,
	IS_PAY_INSERT,
	IS_FIND,
	IS__MAX
};

static const char *const sql[IS__MAX] = {
	[IS_INVOICE_LOCK] =
	    "SELECT i.id, i.reseller_id, i.distributor_id, i.kind, i.status, i.total, i.currency,"
	    " COALESCE((SELECT SUM(c.total) FROM invoices c WHERE c.credits_invoice_id = i.id"
	    "  AND c.kind = 'credit_note' AND c.status <> 'void'), 0)"
	    " FROM invoices i WHERE i.id = ? AND i.distributor_id = ? FOR UPDATE",
	/* outstanding(i), as invoice.h defines it */
	[IS_OWED] =
	    "SELECT i.total - COALESCE((SELECT SUM(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0)"
	    " - COALESCE((SELECT SUM(c.total) FROM invoices c WHERE c.credits_invoice_id = i.id"
	    "  AND c.kind = 'credit_note' AND c.status <> 'void'), 0)"
	    " FROM invoices i WHERE i.id = ?",
	[IS_MARK_PAID] = "UPDATE invoices SET status = 'paid' WHERE id = ? AND status = 'open'",
	[IS_CN_INSERT] =
	    "INSERT INTO invoices (distributor_id, reseller_id, number, kind, credits_invoice_id, issued_on, due_on,"
	    " currency, total, status, reason) VALUES (?, ?, ?, 'credit_note', ?, ?, ?, ?, ?, 'open', ?)",
	[IS_CN_LINE] =
	    "INSERT INTO invoice_lines (invoice_id, line_no, description, quantity, unit_amount, amount)"
	    " VALUES (?, 1, ?, 1, ?, ?)",
	[IS_ISSUE] = "UPDATE invoices SET locked = 1 WHERE id = ?",
	[IS_RESELLER] = "SELECT currency FROM resellers WHERE id = ? AND distributor_id = ? FOR UPDATE",
	[IS_BY_NUMBER] =
	    "SELECT id, kind, status FROM invoices WHERE reseller_id = ? AND distributor_id = ? AND number = ?"
	    " FOR UPDATE",
	[IS_FIND] = "SELECT id, number, currency FROM invoices WHERE distributor_id = ? AND (id = ? OR number = ?)",
	[IS_PAY_INSERT] =
	    "INSERT INTO payments (reseller_id, invoice_id, amount, currency, paid_on, method, reference)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)",
};

static const struct db_table table = { DB_MOD_INVOICE_SETTLE, sql, IS__MAX };

/* payments.method values */
static const char *const methods[] = { "bank_transfer", "card", "direct_debit", "credit_note", "other" };

static void
today(struct db *db, char *out)
{
	time_t now = db_now(db);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* settle - mark invoice id paid when nothing is left to pay (inside the caller's transaction). */
static enum core_err
settle(struct db *db, int64_t id)
{
	enum core_err er;
	int64_t owed = 0;

	if ((er = db_query_int(db, &table, IS_OWED, &owed, "i", id)) != CORE_OK)
		return er;
	return owed <= 0 ? db_exec(db, &table, IS_MARK_PAID, NULL, "i", id) : CORE_OK;
}

struct cn {
	const struct actor *a;
	int64_t invoice_id, amount, id;
	const char *reason;
};

static enum core_err
cn_txn(struct db *db, void *arg)
{
	struct cn *x = arg;
	struct db_res *r = NULL;
	char number[33], day[11], currency[4], desc[301];
	int64_t rid, d, total, credited;
	int bad;
	enum core_err er;

	if ((er = db_query(db, &table, IS_INVOICE_LOCK, &r, "ii", x->invoice_id, x->a->distributor_id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	rid = db_res_int(r, 1);
	d = db_res_int(r, 2);
	bad = strcmp(db_res_str(r, 3), "invoice") != 0 || strcmp(db_res_str(r, 4), "void") == 0;
	total = db_res_int(r, 5);
	str_copy(currency, sizeof(currency), db_res_str(r, 6));
	credited = db_res_int(r, 7);
	db_res_free(r);
	if (bad)
		return CORE_CONFLICT;
	if (x->amount > total - credited)
		return CORE_INVALID;
	today(db, day);
	if ((er = invoice_run_number(db, d, "CN", atoi(day), number, sizeof(number))) != CORE_OK)
		return er;
	if ((er = db_exec(db, &table, IS_CN_INSERT, NULL, "iisisssis", d, rid, number, x->invoice_id, day, day,
	    currency, x->amount, x->reason)) != CORE_OK)
		return er;
	x->id = (int64_t)db_insert_id(db);
	snprintf(desc, sizeof(desc), "Credit: %s", x->reason);
	if ((er = db_exec(db, &table, IS_CN_LINE, NULL, "isii", x->id, desc, x->amount, x->amount)) != CORE_OK)
		return er;
	if ((er = db_exec(db, &table, IS_ISSUE, NULL, "i", x->id)) != CORE_OK)
		return er;
	if ((er = settle(db, x->invoice_id)) != CORE_OK)
		return er;
	return audit_change(db, x->a, rid, "invoice.credit_note", "invoice", x->id, json_object(),
	    json_pack("{s:s, s:I, s:I, s:s}", "number", number, "credits_invoice_id", (json_int_t)x->invoice_id,
	    "amount", (json_int_t)x->amount, "reason", x->reason));
}

enum core_err
invoice_credit_note(struct db *db, const struct actor *a, int64_t invoice_id, int64_t amount, const char *reason,
    int64_t *cn_id)
{
	struct cn x = { a, invoice_id, amount, 0, reason };
	enum core_err er;

	if ((er = actor_may(a, ACT_INVOICE_ISSUE)) != CORE_OK)
		return er;
	if (amount <= 0 || reason == NULL || reason[0] == '\0' || strlen(reason) > 290)
		return CORE_INVALID;
	if ((er = db_txn(db, cn_txn, &x)) == CORE_OK && cn_id != NULL)
		*cn_id = x.id;
	return er;
}

struct pay {
	const struct actor *a;
	const struct invoice_payment *p;
	const char *paid_on, *method;
	int64_t id;
};

static enum core_err
pay_txn(struct db *db, void *arg)
{
	struct pay *x = arg;
	const struct invoice_payment *p = x->p;
	struct db_res *r = NULL;
	char currency[4] = "";
	int64_t inv = 0;
	int bad = 0;
	enum core_err er;

	if ((er = db_query(db, &table, IS_RESELLER, &r, "ii", p->reseller_id, x->a->distributor_id)) != CORE_OK)
		return er;
	if (db_res_next(r))
		str_copy(currency, sizeof(currency), db_res_str(r, 0));
	db_res_free(r);
	if (currency[0] == '\0')
		return CORE_NOTFOUND;
	if (strcmp(currency, p->currency) != 0)
		return CORE_INVALID;
	if (p->invoice_number != NULL && p->invoice_number[0] != '\0') {
		if ((er = db_query(db, &table, IS_BY_NUMBER, &r, "iis", p->reseller_id, x->a->distributor_id,
		    p->invoice_number)) != CORE_OK)
			return er;
		if (db_res_next(r)) {
			inv = db_res_int(r, 0);
			bad = strcmp(db_res_str(r, 1), "invoice") != 0 || strcmp(db_res_str(r, 2), "void") == 0;
		}
		db_res_free(r);
		if (inv == 0)
			return CORE_NOTFOUND;
		if (bad)
			return CORE_CONFLICT;
	}
	if ((er = db_exec(db, &table, IS_PAY_INSERT, NULL, "iIissss", p->reseller_id, inv, p->amount, p->currency,
	    x->paid_on, x->method, p->reference)) != CORE_OK)
		return er;
	x->id = (int64_t)db_insert_id(db);
	if (inv != 0 && (er = settle(db, inv)) != CORE_OK)
		return er;
	return audit_change(db, x->a, p->reseller_id, "payment.record", "payment", x->id, json_object(),
	    json_pack("{s:I, s:I, s:s, s:s, s:s}", "amount", (json_int_t)p->amount, "invoice_id", (json_int_t)inv,
	    "currency", p->currency, "paid_on", x->paid_on, "method", x->method));
}

/* date_ok - "YYYY-MM-DD" digits with a month 01..12 and a day 01..31. */
static int
date_ok(const char *s)
{
	int i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	i = atoi(s + 5);
	return i >= 1 && i <= 12 && atoi(s + 8) >= 1 && atoi(s + 8) <= 31;
}

enum core_err
invoice_payment_record(struct db *db, const struct actor *a, const struct invoice_payment *p, int64_t *payment_id)
{
	struct pay x = { a, p, NULL, NULL, 0 };
	char day[11];
	size_t i;
	enum core_err er;

	if ((er = actor_may(a, ACT_PAYMENT_RECORD)) != CORE_OK)
		return er;
	if (p->amount <= 0 || p->currency == NULL || strlen(p->currency) != 3 ||
	    (p->reference != NULL && strlen(p->reference) > 100))
		return CORE_INVALID;
	x.method = p->method != NULL && p->method[0] != '\0' ? p->method : "bank_transfer";
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]) && strcmp(methods[i], x.method) != 0; i++)
		;
	if (i == sizeof(methods) / sizeof(methods[0]))
		return CORE_INVALID;
	if (p->paid_on != NULL && p->paid_on[0] != '\0') {
		if (!date_ok(p->paid_on))
			return CORE_INVALID;
		x.paid_on = p->paid_on;
	} else {
		today(db, day);
		x.paid_on = day;
	}
	if ((er = db_txn(db, pay_txn, &x)) == CORE_OK && payment_id != NULL)
		*payment_id = x.id;
	return er;
}

enum core_err
invoice_find(struct db *db, const struct actor *a, const char *number, int64_t id, struct invoice_ref *out)
{
	struct db_res *r = NULL;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_INVOICE_ISSUE)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, IS_FIND, &r, "iis", a->distributor_id, id, number ? number : "")) != CORE_OK)
		return er;
	if (db_res_next(r)) {
		out->id = db_res_int(r, 0);
		str_copy(out->number, sizeof(out->number), db_res_str(r, 1));
		str_copy(out->currency, sizeof(out->currency), db_res_str(r, 2));
	}
	db_res_free(r);
	return out->id > 0 ? CORE_OK : CORE_NOTFOUND;
}
