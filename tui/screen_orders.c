/*
 * screen_orders.c - the orders of the reseller's customers, first the
 * queue of those awaiting approval (`f` shows all): `a` approves (asks
 * first), `r` rejects with a reason (a form), Enter opens an order.
 * order_approve / order_reject check the role, the tenant and the
 * state; a refusal (e.g. already decided) comes back as core's why.
 */
#include <stdio.h>
#include <stdlib.h>
#include "str.h"
#include "money.h"
#include "order.h"
#include "screens.h"

struct orders {
	struct ui_listscreen ls;
	struct order_list    page;
};

enum col { COL_NUMBER, COL_PLACED, COL_CUSTOMER, COL_PLACED_BY, COL_ITEMS, COL_TOTAL, COL_STATUS, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_NUMBER]    = { "Order", 10, 0, 0, 0 },
	[COL_PLACED]    = { "Placed", 16, 0, 0, 0 },
	[COL_CUSTOMER]  = { "Customer", 0, 0, 0, 0 },
	[COL_PLACED_BY] = { "Placed by", 0, 0, 0, 0 },
	[COL_ITEMS]     = { "Items", 5, 1, 0, 0 },
	[COL_TOTAL]     = { "Total", 12, 1, 0, 0 },
	[COL_STATUS]    = { "Status", 17, 0, 0, 0 },
};

static const char *const sort_names[ORDER_SORT__MAX] = { "oldest", "newest", "number", "total" };
/* the queue is worked oldest first; the list's sort 0 maps to ORDER_SORT_OLDEST */
static const enum order_sort sorts[ORDER_SORT__MAX] = {
	ORDER_SORT_OLDEST, ORDER_SORT_NEWEST, ORDER_SORT_NUMBER, ORDER_SORT_TOTAL,
};
static const char *const filter_names[] = { "awaiting approval", "all orders" };

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct order_filter f = { .status = q->filter == 0 ? ORDER_PENDING_APPROVAL : -1, .search = q->search,
		.sort = sorts[q->sort] };
	struct db_page pg = { .offset = q->offset, .limit = q->limit };

	return order_list(ls->ui->db, ls->ui->actor, &f, &pg, &((struct orders *)ls)->page);
}

UI_PAGE_FREE_FN(free_page, order_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct order *o = &((struct orders *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_NUMBER:    snprintf(buf, sz, "%s", o->number); break;
	case COL_PLACED:    snprintf(buf, sz, "%.16s", o->created_at); break;
	case COL_CUSTOMER:  snprintf(buf, sz, "%s", o->customer_name); break;
	case COL_PLACED_BY: snprintf(buf, sz, "%s", o->placed_by_name[0] ? o->placed_by_name : "-"); break;
	case COL_ITEMS:     snprintf(buf, sz, "%d", (int)o->item_count); break;
	case COL_TOTAL:     money_format(o->total_price, o->currency, buf, sz); break;
	case COL_STATUS:    snprintf(buf, sz, "%s", order_status_label(o->status)); break;
	case COL__MAX:      break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_OPEN,    { UI_ENTER, UK(KEY_ENTER), UK(KEY_RIGHT) }, "Enter", "Open", "open the order: lines, prices, who placed it" },
	{ UA_APPROVE, { 'a' }, "a", "Approve", "approve the order (asks first); it is queued for fulfilment, the customer e-mailed" },
	{ UA_REJECT,  { 'r' }, "r", "Reject",  "reject the order with a reason the customer sees" },
	{ UA_FILTER,  { 'f' }, "f", "All/Queue", "show the approval queue or all orders" },
	{ UA_SEARCH,  { '/' }, "/", "Search",  "search order numbers and customer names" },
	{ UA_SORT,    { 's' }, "s", NULL,      "sort by oldest, newest, number, total" },
	{ UA_REFRESH, { 'R', UI_CTRL('r') }, "R", NULL, "reload from the database" },
	LIST_KEYS,
};

/* ---- approve / reject ---------------------------------------------- */

struct decide {
	int64_t id;
	char    number[33];
};

static enum core_err
approve_yes(struct ui *ui, void *arg, char *why)
{
	struct decide *d = arg;
	enum core_err er;

	if ((er = order_approve(ui->db, ui->actor, d->id, why)) == CORE_OK)
		ui_status(ui, "Order %s approved: queued for fulfilment; an e-mail to the customer is queued.", d->number);
	return er;
}

static int
v_reason(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	if (!str_text_valid(v, 1, ORDER_REASON_MAX, 0)) {
		snprintf(msg, sz, "The customer sees the reason: 1 to %d characters.", ORDER_REASON_MAX);
		return -1;
	}
	return 0;
}

static const struct ui_field reject_fields[] = {
	{ "Reason", UI_FIELD_TEXT, ORDER_REASON_MAX, NULL, v_reason, "shown to the customer with the order", NULL },
};

static enum core_err
reject_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct decide *d = arg;
	enum core_err er;

	if ((er = order_reject(f->ui->db, f->ui->actor, d->id, ui_form_value(f, 0), why)) == CORE_OK)
		ui_status(f->ui, "Order %s rejected; an e-mail with the reason to the customer is queued.", d->number);
	else if (er == CORE_INVALID)
		*field = 0;
	return er;
}

void
screen_orders_decide(struct ui *ui, int64_t id, const char *number, enum order_status status, int approve)
{
	struct decide *d;
	struct screen *s;
	char msg[512], title[128], why[CORE_WHY] = "";
	enum core_err er;

	/* core's role check and state table, before anything is asked */
	if ((er = order_may(ui->actor, number, status, approve ? ORDER_EV_APPROVE : ORDER_EV_REJECT, why)) != CORE_OK) {
		ui_refused(ui, er, why);
		return;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return;
	d->id = id;
	snprintf(d->number, sizeof(d->number), "%s", number);
	if (approve) {
		snprintf(msg, sizeof(msg), "Approve order %s?\n\nIt is queued for fulfilment, and the customer is e-mailed\n"
		    "that it is approved (and again when it is fulfilled).", number);
		snprintf(title, sizeof(title), "Approve %s", number);
		ui_push(ui, ui_confirm_new(ui, title, msg, approve_yes, d, free));
		return;
	}
	snprintf(title, sizeof(title), "Reject %s", number);
	if ((s = ui_form_new(ui, title, reject_fields, 1, reject_submit, d, free)) != NULL)
		ui_push(ui, s);
}

/* ---- the screen ---------------------------------------------------- */

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	struct orders *st = (struct orders *)ls;
	const struct order *o;

	if (act != UA_OPEN && act != UA_APPROVE && act != UA_REJECT)
		return UI_IGNORED;
	if (row < 0) {
		ui_error(ls->ui, ls->list.filter == 0 ? "No order waits for approval." : "No order selected.");
		return UI_HANDLED | UI_REDRAW;
	}
	o = &st->page.items[row];
	if (act == UA_OPEN)
		ui_push(ls->ui, screen_order_new(ls->ui, o->id));
	else
		screen_orders_decide(ls->ui, o->id, o->number, o->status, act == UA_APPROVE);
	return UI_HANDLED | UI_REDRAW;
}

static int
offers(struct screen *s, enum ui_act act)
{
	struct orders *st = s->priv;
	const struct order *o;
	int r;

	if (act != UA_APPROVE && act != UA_REJECT)
		return 1;
	if ((r = ui_list_row(&st->ls.list)) < 0)
		return 0;
	o = &st->page.items[r];
	return order_may(s->ui->actor, o->number, o->status,
	    act == UA_APPROVE ? ORDER_EV_APPROVE : ORDER_EV_REJECT, NULL) == CORE_OK;
}

static void
title(struct ui_listscreen *ls, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", ls->list.filter == 0 ? "Orders awaiting approval" : "Orders");
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "orders", UI_ACTIONS(keys), .offers = offers },
	.src = { UI_COLUMNS(cols), UI_SORTS(sort_names), UI_FILTERS(filter_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct orders, page, free_page),
	.fetch = fetch,
	.title_fn = title,
	.act = act,
};

struct screen *
screen_orders_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}
