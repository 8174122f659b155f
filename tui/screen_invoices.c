/*
 * screen_invoices.c - the invoices of one reseller: the reseller admin's
 * Invoices tab (its own), and the distributor admin's from the reseller
 * screen (`i`).  The balance and what is overdue at the top
 * (invoice_balance), the list newest first (invoice_list: credit notes
 * too), Enter its lines (invoice_lines) and what settled it: payments and
 * credit notes, or for a credit note the invoice it credits
 * (invoice_settlements), `x` a CSV export of the list, `p` a payment the
 * distributor received and `c` a credit note of the invoice under the
 * cursor (distributor admins only: invoice_payment_record and
 * invoice_credit_note decide, as for `shelf billing payment|credit-note`;
 * the keys are offered to them alone, support reads).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "invoice.h"
#include "money.h"
#include "report.h"
#include "reseller.h"
#include "screens.h"

struct invoices {
	struct ui_listscreen ls;
	struct invoice_list  page;
	int64_t              reseller_id;	/* 0: the actor's own (a reseller admin) */
	int64_t              balance, overdue, count;
	int                  head_ok;
	char                 currency[4];
};

enum col { COL_NUMBER, COL_KIND, COL_ISSUED, COL_DUE, COL_TOTAL, COL_PAID, COL_OUTSTANDING, COL_STATUS, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_NUMBER]      = { "Number", 16, 0, 0, 0 },
	[COL_KIND]        = { "Kind", 7, 0, 0, 1 },
	[COL_ISSUED]      = { "Issued", 10, 0, 0, 0 },
	[COL_DUE]         = { "Due", 10, 0, 0, 0 },
	[COL_TOTAL]       = { "Total", 12, 1, 0, 0 },
	[COL_PAID]        = { "Paid", 12, 1, 0, 2 },
	[COL_OUTSTANDING] = { "Outstanding", 12, 1, 0, 0 },
	[COL_STATUS]      = { "Status", 0, 0, 0, 0 },
};

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct invoices *st = (struct invoices *)ls;

	return invoice_list(ls->ui->db, ls->ui->actor, st->reseller_id, q->limit, q->offset, &st->page);
}

UI_PAGE_FREE_FN(free_page, invoice_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct invoice *v = &((struct invoices *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_NUMBER:      snprintf(buf, sz, "%s", v->number); break;
	case COL_KIND:        snprintf(buf, sz, "%s", v->credit_note ? "Credit" : "Invoice"); break;
	case COL_ISSUED:      snprintf(buf, sz, "%s", v->issued_on); break;
	case COL_DUE:         snprintf(buf, sz, "%s", v->due_on); break;
	case COL_TOTAL:       money_format(v->total, v->currency, buf, sz); break;
	case COL_PAID:        money_format(v->paid, v->currency, buf, sz); break;
	case COL_OUTSTANDING: money_format(v->outstanding, v->currency, buf, sz); break;
	case COL_STATUS:
		snprintf(buf, sz, "%s%s", invoice_status_name(v->status), v->overdue ? ", overdue" : "");
		break;
	case COL__MAX: break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_OPEN,    { UI_ENTER, UK(KEY_ENTER), UK(KEY_RIGHT) }, "Enter", "Lines", "show the invoice's lines" },
	{ UA_ADD,     { 'p' }, "p", "Payment", "record a payment received from the reseller" },
	{ UA_CHANGE,  { 'c' }, "c", "Credit",  "correct the invoice by a credit note" },
	{ UA_EXPORT,  { 'x' }, "x", "Export",  "export the invoices to a CSV file" },
	{ UA_REFRESH, { 'r' }, "r", NULL,      "reload from the database" },
	LIST_KEYS,
};

/* ---- one invoice's lines ---------------------------------------------- */

struct lines {
	struct ui_viewscreen vs;
	int64_t              reseller_id;
	struct invoice       inv;
};

static const struct ui_binding line_keys[] = {
	LIST_KEYS,
};

/* load_settlements - the payments and credit notes under the lines (a credit note: what it credits). */
static enum core_err
load_settlements(struct ui_viewscreen *vs, struct lines *st)
{
	struct invoice_settlement_list l;
	char a[48];
	enum core_err er;
	size_t i;

	if ((er = invoice_settlements(vs->ui->db, vs->ui->actor, st->reseller_id, vs->id, &l)) != CORE_OK)
		return er;
	ui_view_add(&vs->view, "%s", "");
	if (st->inv.credit_note) {
		for (i = 0; i < l.n; i++)
			ui_view_add(&vs->view, "  Credits invoice %s: %s", l.items[i].ref, l.items[i].note);
		invoice_settlement_list_free(&l);
		return CORE_OK;
	}
	ui_view_add(&vs->view, "  Payments and credit notes");
	for (i = 0; i < l.n; i++) {
		const struct invoice_settlement *x = &l.items[i];

		money_format(x->amount, st->inv.currency, a, sizeof(a));
		if (x->kind == INVOICE_SETTLEMENT_PAYMENT)
			ui_view_add(&vs->view, "  %s  payment      %12s  %s%s%s", x->on, a, x->ref,
			    x->note[0] ? ", " : "", x->note);
		else
			ui_view_add(&vs->view, "  %s  credit note  %12s  %s: %s", x->on, a, x->ref, x->note);
	}
	if (l.n == 0)
		ui_view_add(&vs->view, "  none");
	invoice_settlement_list_free(&l);
	return CORE_OK;
}

static enum core_err
load_lines(struct ui_viewscreen *vs, char *why)
{
	struct lines *st = (struct lines *)vs;
	struct invoice_line_list l;
	char a[48], b[48], c[48];
	enum core_err er;
	size_t i;

	(void)why;
	if ((er = invoice_lines(vs->ui->db, vs->ui->actor, st->reseller_id, vs->id, &l)) != CORE_OK)
		return er;
	ui_view_add(&vs->view, "  Issued %s   Due %s   Period %s .. %s", st->inv.issued_on, st->inv.due_on,
	    st->inv.period_start[0] ? st->inv.period_start : "-", st->inv.period_end[0] ? st->inv.period_end : "-");
	ui_view_add(&vs->view, "  Total %s   Paid %s   Outstanding %s   %s%s",
	    money_format(st->inv.total, st->inv.currency, a, sizeof(a)),
	    money_format(st->inv.paid, st->inv.currency, b, sizeof(b)),
	    money_format(st->inv.outstanding, st->inv.currency, c, sizeof(c)), invoice_status_name(st->inv.status),
	    st->inv.overdue ? ", overdue" : "");
	ui_view_add(&vs->view, "%s", "");
	for (i = 0; i < l.n; i++)
		ui_view_add(&vs->view, "  %3d  %-60.60s %5lld x %10s = %12s", l.items[i].line_no, l.items[i].description,
		    (long long)l.items[i].quantity, money_format(l.items[i].unit_amount, st->inv.currency, a, sizeof(a)),
		    money_format(l.items[i].amount, st->inv.currency, b, sizeof(b)));
	if (l.n == 0)
		ui_view_add(&vs->view, "  no lines");
	invoice_line_list_free(&l);
	return load_settlements(vs, st);
}

static void
lines_title(struct ui_viewscreen *vs, char *buf, size_t sz)
{
	struct lines *st = (struct lines *)vs;

	snprintf(buf, sz, "%s %s", st->inv.credit_note ? "Credit note" : "Invoice", st->inv.number);
}

static const struct ui_viewscreen_def lines_def = {
	.ops = { UI_VIEWSCREEN_OPS, .name = "invoice", UI_ACTIONS(line_keys) },
	.size = sizeof(struct lines),
	.kind = "Invoice",
	.what = "This invoice",
	.load = load_lines,
	.title = lines_title,
};

/* ---- export ------------------------------------------------------------ */

static int
validate_path(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	return ui_invalid_if(v[0] == '\0', msg, sz, "Name the file to write.");
}

static const struct ui_field export_fields[] = {
	{ "File", UI_FIELD_TEXT, 1000, NULL, validate_path, "CSV, replaced if it exists; relative to where shelf started", NULL },
};

/*
 * export_submit - every invoice of the reseller, page by page, as CSV
 * (RFC 4180 line ends; amounts in minor units; no cell holds text a
 * spreadsheet could take for a formula: numbers, dates and codes only).
 */
static enum core_err
export_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	int64_t rid = *(int64_t *)arg;
	struct invoice_list l;
	char abs[UI_FIELD + 4096];
	enum core_err er = CORE_OK;
	FILE *out;
	long n = 0;
	int off = 0;
	size_t i;

	if ((out = fopen(ui_form_value(f, 0), "w")) == NULL) {
		*field = 0;
		snprintf(why, CORE_WHY, "Cannot write %s.", ui_form_value(f, 0));
		return CORE_IO;
	}
	fputs("number,kind,issued_on,due_on,period_start,period_end,currency,total,paid,outstanding,status,overdue\r\n",
	    out);
	do {
		if ((er = invoice_list(f->ui->db, f->ui->actor, rid, INVOICE_LIST_MAX, off, &l)) != CORE_OK)
			break;
		for (i = 0; i < l.n; i++, n++)
			fprintf(out, "%s,%s,%s,%s,%s,%s,%s,%lld,%lld,%lld,%s,%d\r\n", l.items[i].number,
			    l.items[i].credit_note ? "credit_note" : "invoice", l.items[i].issued_on, l.items[i].due_on,
			    l.items[i].period_start, l.items[i].period_end, l.items[i].currency,
			    (long long)l.items[i].total, (long long)l.items[i].paid, (long long)l.items[i].outstanding,
			    invoice_status_name(l.items[i].status), l.items[i].overdue);
		off += (int)l.n;
		i = l.n;
		invoice_list_free(&l);
	} while (i == INVOICE_LIST_MAX);
	if (fclose(out) != 0 && er == CORE_OK)
		er = CORE_IO;
	if (er != CORE_OK) {
		snprintf(why, CORE_WHY, "The export failed: %s.", core_strerror(er));
		return er;
	}
	ui_status(f->ui, "Exported %ld invoice%s to %s", n, n == 1 ? "" : "s",
	    report_abs_path(ui_form_value(f, 0), abs, sizeof(abs)));
	return CORE_OK;
}

static void
export_begin(struct invoices *st)
{
	struct ui *ui = st->ls.ui;
	int64_t *rid = malloc(sizeof(*rid));
	struct screen *s;
	char path[UI_FIELD], name[64];

	if (rid == NULL)
		return;
	*rid = st->reseller_id;
	if ((s = ui_form_new(ui, "Export the invoices as CSV", export_fields, 1, export_submit, rid, free)) == NULL)
		return;
	snprintf(name, sizeof(name), "invoices-%lld.csv", (long long)(st->reseller_id ? st->reseller_id
	    : ui->actor->reseller_id));
	ui_form_set(ui_form_of(s), 0, report_abs_path(name, path, sizeof(path)));
	ui_push(ui, s);
}

/* ---- a payment ------------------------------------------------------- */

static const char *const method_choices[] = { "bank_transfer", "card", "direct_debit", "other", NULL };

enum { PF_AMOUNT, PF_INVOICE, PF_DATE, PF_METHOD, PF_REFERENCE, PF__MAX };

static int
validate_amount(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	/* the currency's decimals are checked on submit (pay_submit) */
	return ui_invalid_if(v[0] == '\0' || strspn(v, "0123456789.") != strlen(v), msg, sz,
	    "An amount like 123.45.");
}

static const struct ui_field pay_fields[PF__MAX] = {
	[PF_AMOUNT]    = { "Amount", UI_FIELD_TEXT, 20, NULL, validate_amount, "received, e.g. 123.45", NULL },
	[PF_INVOICE]   = { "Invoice", UI_FIELD_TEXT, 32, NULL, NULL, "its number; empty: on account", NULL },
	[PF_DATE]      = { "Paid on", UI_FIELD_TEXT, 10, NULL, NULL, "YYYY-MM-DD; empty: today", NULL },
	[PF_METHOD]    = { "Method", UI_FIELD_CHOICE, 0, method_choices, NULL, NULL, NULL },
	[PF_REFERENCE] = { "Reference", UI_FIELD_TEXT, 100, NULL, NULL, "the bank's reference, optional", NULL },
};

struct pay_ctx {
	int64_t reseller_id;
	char    currency[4];
};

static enum core_err
pay_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct pay_ctx *x = arg;
	struct invoice_payment p;
	enum core_err er;
	char amt[48];

	memset(&p, 0, sizeof(p));
	p.reseller_id = x->reseller_id;
	p.currency = x->currency;
	if (money_parse_amount(ui_form_value(f, PF_AMOUNT), x->currency, &p.amount) != CORE_OK || p.amount <= 0) {
		*field = PF_AMOUNT;
		snprintf(why, CORE_WHY, "Not an amount in %s.", x->currency);
		return CORE_INVALID;
	}
	p.invoice_number = ui_form_value(f, PF_INVOICE);
	p.paid_on = ui_form_value(f, PF_DATE);
	p.method = ui_form_value(f, PF_METHOD);
	p.reference = ui_form_value(f, PF_REFERENCE)[0] ? ui_form_value(f, PF_REFERENCE) : NULL;
	if ((er = invoice_payment_record(f->ui->db, f->ui->actor, &p, NULL)) != CORE_OK) {
		*field = er == CORE_NOTFOUND || er == CORE_CONFLICT ? PF_INVOICE : PF_AMOUNT;
		snprintf(why, CORE_WHY, "%s", er == CORE_NOTFOUND ? "No such invoice of this reseller."
		    : er == CORE_CONFLICT ? "That invoice is void or a credit note."
		    : er == CORE_INVALID ? "Check the amount, the date (YYYY-MM-DD) and the reference."
		    : core_strerror(er));
		return er;
	}
	ui_status(f->ui, "Payment of %s recorded", money_format(p.amount, x->currency, amt, sizeof(amt)));
	return CORE_OK;
}

static void
pay_begin(struct invoices *st, int row)
{
	struct ui *ui = st->ls.ui;
	struct pay_ctx *x = calloc(1, sizeof(*x));
	struct reseller r;
	struct screen *s;

	if (x == NULL)
		return;
	if (reseller_get(ui->db, ui->actor, st->reseller_id, &r) != CORE_OK) {
		free(x);
		ui_error(ui, "The reseller cannot be read.");
		return;
	}
	x->reseller_id = st->reseller_id;
	memcpy(x->currency, r.currency, sizeof(x->currency));
	if ((s = ui_form_new(ui, "Record a payment received", pay_fields, PF__MAX, pay_submit, x, free)) == NULL)
		return;
	if (row >= 0 && !st->page.items[row].credit_note)
		ui_form_set(ui_form_of(s), PF_INVOICE, st->page.items[row].number);
	ui_push(ui, s);
}

/* ---- a credit note ----------------------------------------------------- */

enum { CF_AMOUNT, CF_REASON, CF__MAX };

static int
validate_reason(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	return ui_invalid_if(v[0] == '\0', msg, sz, "Say why: the reason is the credit note's line.");
}

static const struct ui_field credit_fields[CF__MAX] = {
	[CF_AMOUNT] = { "Amount", UI_FIELD_TEXT, 20, NULL, validate_amount, "to credit, e.g. 123.45", NULL },
	[CF_REASON] = { "Reason", UI_FIELD_TEXT, 300, NULL, validate_reason, "the credit note's one line", NULL },
};

struct credit_ctx {
	int64_t invoice_id;
	char    number[33];
	char    currency[4];
};

static enum core_err
credit_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct credit_ctx *x = arg;
	struct invoice_ref cn;
	int64_t amount = 0, id = 0;
	enum core_err er;
	char amt[48];

	if (money_parse_amount(ui_form_value(f, CF_AMOUNT), x->currency, &amount) != CORE_OK || amount <= 0) {
		*field = CF_AMOUNT;
		snprintf(why, CORE_WHY, "Not an amount in %s.", x->currency);
		return CORE_INVALID;
	}
	if ((er = invoice_credit_note(f->ui->db, f->ui->actor, x->invoice_id, amount, ui_form_value(f, CF_REASON),
	    &id)) != CORE_OK) {
		*field = CF_AMOUNT;
		snprintf(why, CORE_WHY, "%s", er == CORE_INVALID ? "More than the invoice has left to credit, or a"
		    " reason longer than 300 characters." : er == CORE_CONFLICT ? "That invoice is void or a credit note."
		    : er == CORE_NOTFOUND ? "No such invoice of your distributor."
		    : er == CORE_FORBIDDEN ? "Credit notes are issued by a distributor admin." : core_strerror(er));
		return er;
	}
	money_format(amount, x->currency, amt, sizeof(amt));
	if (invoice_find(f->ui->db, f->ui->actor, NULL, id, &cn) == CORE_OK)
		ui_status(f->ui, "Credit note %s of %s issued for %s", cn.number, amt, x->number);
	else
		ui_status(f->ui, "Credit note of %s issued for %s", amt, x->number);
	return CORE_OK;
}

/* credit_begin - the credit note dialog for row's invoice; refusals on the status line. */
static void
credit_begin(struct invoices *st, int row)
{
	struct ui *ui = st->ls.ui;
	const struct invoice *v;
	struct credit_ctx *x;
	struct screen *s;
	char title[96];

	if (actor_may(ui->actor, ACT_INVOICE_ISSUE) != CORE_OK || st->reseller_id == 0) {
		ui_error(ui, "Credit notes are issued by the distributor admin.");
		return;
	}
	if (row < 0) {
		ui_error(ui, "No invoice here.");
		return;
	}
	v = &st->page.items[row];
	if (v->credit_note) {
		ui_error(ui, "%s is a credit note; credit the invoice it corrects.", v->number);
		return;
	}
	if (v->status == INVOICE_VOID) {
		ui_error(ui, "%s is void.", v->number);
		return;
	}
	if ((x = calloc(1, sizeof(*x))) == NULL)
		return;
	x->invoice_id = v->id;
	memcpy(x->number, v->number, sizeof(x->number));
	memcpy(x->currency, v->currency, sizeof(x->currency));
	snprintf(title, sizeof(title), "Credit note for %s", v->number);
	if ((s = ui_form_new(ui, title, credit_fields, CF__MAX, credit_submit, x, free)) == NULL)
		return;
	ui_push(ui, s);
}

/* ---- the list -------------------------------------------------------- */

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	struct invoices *st = (struct invoices *)ls;
	struct screen *s;

	switch (act) {
	case UA_OPEN:
		if (row < 0) {
			ui_error(ls->ui, "No invoice here.");
			return UI_HANDLED | UI_REDRAW;
		}
		if ((s = ui_viewscreen_new(ls->ui, &lines_def, st->page.items[row].id)) != NULL) {
			((struct lines *)s->priv)->reseller_id = st->reseller_id;
			((struct lines *)s->priv)->inv = st->page.items[row];
			ui_push(ls->ui, s);
		}
		return UI_HANDLED | UI_REDRAW;
	case UA_EXPORT:
		export_begin(st);
		return UI_HANDLED | UI_REDRAW;
	case UA_ADD:
		if (actor_may(ls->ui->actor, ACT_PAYMENT_RECORD) != CORE_OK || st->reseller_id == 0)
			ui_error(ls->ui, "Payments are recorded by the distributor.");
		else
			pay_begin(st, row);
		return UI_HANDLED | UI_REDRAW;
	case UA_CHANGE:
		credit_begin(st, row);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static int
offers(struct screen *s, enum ui_act act)
{
	struct invoices *st = s->priv;

	if (act == UA_ADD)
		return actor_may(s->ui->actor, ACT_PAYMENT_RECORD) == CORE_OK && st->reseller_id != 0;
	if (act == UA_CHANGE)
		return actor_may(s->ui->actor, ACT_INVOICE_ISSUE) == CORE_OK && st->reseller_id != 0;
	return 1;
}

static void
load_head(struct ui_listscreen *ls)
{
	struct invoices *st = (struct invoices *)ls;

	st->head_ok = invoice_balance(ls->ui->db, ls->ui->actor, st->reseller_id, &st->balance, &st->overdue,
	    &st->count) == CORE_OK;
}

static void
draw_head(struct ui_listscreen *ls, WINDOW *w, int width)
{
	struct invoices *st = (struct invoices *)ls;
	const char *cur = st->page.n > 0 ? st->page.items[0].currency : "EUR";
	char line[256], b[48], o[48];

	(void)width;
	if (!st->head_ok)
		snprintf(line, sizeof(line), "Balance and overdue cannot be read.");
	else
		snprintf(line, sizeof(line), "Balance %s   Overdue %s in %lld invoice%s",
		    money_format(st->balance, cur, b, sizeof(b)), money_format(st->overdue, cur, o, sizeof(o)),
		    (long long)st->count, st->count == 1 ? "" : "s");
	mvwaddstr(w, 0, 0, line);
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "invoices", UI_ACTIONS(keys), .offers = offers },
	.src = { UI_COLUMNS(cols), .cell = cell },
	UI_LISTSCREEN_STATE(struct invoices, page, free_page),
	.fetch = fetch,
	.title = "Invoices from the distributor",
	.head = 2,
	.draw_head = draw_head,
	.load_head = load_head,
	.act = act,
};

struct screen *
screen_invoices_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}

struct screen *
screen_invoices_of(struct ui *ui, int64_t reseller_id)
{
	struct screen *s = ui_listscreen_new(ui, &def);

	if (s != NULL)
		((struct invoices *)s->priv)->reseller_id = reseller_id;
	return s;
}
