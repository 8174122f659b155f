/*
 * screen_fulfil.c - the Fulfilment tab of the Outbox screen: the
 * distributor's fulfilment queue (fulfil_list), open tasks first, those
 * waiting for a person before the worker's; `v` shows open, one status
 * or all.  The line under the tabs names the keys products whose stock
 * ran out while tasks wait (fulfil_stock_warnings).  `d` marks a manual
 * task done with the vendor's reference, `f` failed with a reason
 * (forms; fulfil_mark checks the role and the state and settles the
 * task's order).  Enter shows a task in full.  Support only reads.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fulfil.h"
#include "screens.h"
#include "str.h"

struct fulfil {
	struct ui_listscreen     ls;
	struct fulfil_task_list  page;
	int64_t                  counts[OUTBOX_TAB__MAX];
	struct fulfil_stock_list stock;
};

/* at 80 columns Created goes first, then the customer, then the order */
enum col { COL_ID, COL_CREATED, COL_STATUS, COL_ACTION, COL_VIA, COL_RESELLER, COL_CUSTOMER, COL_PRODUCT,
	COL_QTY, COL_ORDER, COL_NOTE, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_ID]       = { "#", 6, 1, 0, 0 },
	[COL_CREATED]  = { "Created", 16, 0, 0, 4 },
	[COL_STATUS]   = { "Status", 7, 0, 0, 0 },
	[COL_ACTION]   = { "Action", 15, 0, 9, 0 },
	[COL_VIA]      = { "Via", 6, 0, 0, 0 },
	[COL_RESELLER] = { "Reseller", 0, 0, 10, 0 },
	[COL_CUSTOMER] = { "Customer", 0, 0, 10, 3 },
	[COL_PRODUCT]  = { "Product", 0, 0, 11, 0 },
	[COL_QTY]      = { "Qty", 4, 1, 0, 0 },
	[COL_ORDER]    = { "Order", 9, 0, 0, 2 },
	[COL_NOTE]     = { "Ref/error", 0, 0, 10, 0 },
};

/* what `v` cycles through, and the filter each means */
static const char *const filter_names[] = { "open", "waiting", "queued", "done", "failed", "all" };
static const int filter_status[] = {
	FULFIL_LIST_OPEN, FULFIL_WAITING, FULFIL_QUEUED, FULFIL_DONE, FULFIL_FAILED, FULFIL_LIST_ANY,
};

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct fulfil_filter f = { filter_status[q->filter], NULL };
	struct db_page pg = { q->offset, q->limit };

	return fulfil_list(ls->ui->db, ls->ui->actor, &f, &pg, &((struct fulfil *)ls)->page);
}

UI_PAGE_FREE_FN(free_page, fulfil_task_list_free)

static int
settled(const struct fulfil_task *t)
{
	return t->status == FULFIL_DONE || t->status == FULFIL_FAILED;
}

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct fulfil_task *t = &((struct fulfil *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_ID:       snprintf(buf, sz, "%lld", (long long)t->id); break;
	case COL_CREATED:  snprintf(buf, sz, "%.16s", t->created_at); break;
	case COL_STATUS:   snprintf(buf, sz, "%s", fulfil_status_label(t->status)); break;
	case COL_ACTION:   snprintf(buf, sz, "%s", fulfil_action_label(t->action)); break;
	case COL_VIA:      snprintf(buf, sz, "%s", t->connector); break;
	case COL_RESELLER: snprintf(buf, sz, "%s", t->reseller_name); break;
	case COL_CUSTOMER: snprintf(buf, sz, "%s", t->customer_name); break;
	case COL_PRODUCT:  snprintf(buf, sz, "%s", t->product_name); break;
	case COL_QTY:      snprintf(buf, sz, t->quantity ? "%d" : "", (int)t->quantity); break;
	case COL_ORDER:    snprintf(buf, sz, "%s", t->order_number[0] ? t->order_number : "-"); break;
	case COL_NOTE:     snprintf(buf, sz, "%s", t->status == FULFIL_DONE ? t->vendor_ref : t->error); break;
	case COL__MAX:     break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_OPEN,      { UI_ENTER, UK(KEY_ENTER), UK(KEY_RIGHT) }, "Enter", "Open", "the task in full" },
	{ UA_DONE,      { 'd' }, "d", "Done", "mark the manual task done, with the vendor's reference" },
	{ UA_FAIL,      { 'f' }, "f", "Failed", "mark the manual task failed, with a reason (its order fails)" },
	{ UA_FILTER,    { 'v' }, "v", "Show", "show open, waiting, queued, done, failed or all tasks" },
	{ UA_VIEW,      { 't' }, "t", "Next tab", "next tab: Pending, Failed, Sent, Fulfilment" },
	{ UA_VIEW_PREV, { 'T' }, "T", NULL, "previous tab" },
	{ UA_REFRESH,   { 'R', UI_CTRL('r') }, "R", NULL, "reload from the database" },
	LIST_KEYS,
};

/* ---- done / failed -------------------------------------------------- */

struct mark {
	int64_t id;
	int     failed;
};

static int
v_ref(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	return ui_invalid_if(!str_text_valid(v, 1, 128, 0), msg, sz, "The vendor's reference: 1 to 128 characters.");
}

static int
v_reason(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	return ui_invalid_if(!str_text_valid(v, 1, 500, 0), msg, sz, "Say why: 1 to 500 characters.");
}

static const struct ui_field done_fields[] = {
	{ "Vendor reference", UI_FIELD_TEXT, 128, NULL, v_ref, "the vendor's id of what was done", NULL },
};
static const struct ui_field fail_fields[] = {
	{ "Reason", UI_FIELD_TEXT, 500, NULL, v_reason, "kept with the task; the order fails", NULL },
};

static enum core_err
mark_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct mark *m = arg;
	enum core_err er;

	er = fulfil_mark(f->ui->db, f->ui->actor, m->id, m->failed, ui_form_value(f, 0), why);
	if (er == CORE_OK && m->failed)
		ui_status(f->ui, "Task #%lld marked failed.", (long long)m->id);
	else if (er == CORE_OK)
		ui_status(f->ui, "Task #%lld marked done (vendor reference %s).", (long long)m->id, ui_form_value(f, 0));
	else if (er == CORE_INVALID)
		*field = 0;
	return er;
}

/* mark_begin - the done (failed = 0) or failed form for task t, or the refusal at once. */
static void
mark_begin(struct ui *ui, const struct fulfil_task *t, int failed)
{
	char title[64];
	struct mark *m;
	struct screen *s;
	enum core_err er;

	if ((er = actor_may(ui->actor, ACT_FULFIL)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		return;
	}
	if (settled(t)) {
		ui_error(ui, "Task #%lld is already %s.", (long long)t->id, fulfil_status_name(t->status));
		return;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return;
	m->id = t->id;
	m->failed = failed;
	snprintf(title, sizeof(title), "Mark task #%lld %s", (long long)t->id, failed ? "failed" : "done");
	if ((s = ui_form_new(ui, title, failed ? fail_fields : done_fields, 1, mark_submit, m, free)) != NULL)
		ui_push(ui, s);
	else
		free(m);
}

/* ---- one task ------------------------------------------------------- */

struct task {
	struct ui_viewscreen vs;
	char                 title[128];
};

static const struct ui_binding task_keys[] = {
	LIST_KEYS,
};

static void
task_title(struct ui_viewscreen *vs, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s", ((struct task *)vs)->title);
}

/* the lines are made when the task is opened (open_task): no load */
static const struct ui_viewscreen_def task_def = {
	.ops = { UI_VIEWSCREEN_OPS, .name = "fulfil_task", UI_ACTIONS(task_keys) },
	.size = sizeof(struct task),
	.kind = "Task",
	.title = task_title,
};

static void
open_task(struct ui *ui, const struct fulfil_task *t)
{
	struct screen *s = ui_viewscreen_new(ui, &task_def, t->id);
	struct ui_view *v;
	struct task *k;

	if (s == NULL)
		return;
	k = s->priv;
	v = &k->vs.view;
	snprintf(k->title, sizeof(k->title), "Task #%lld · %s · %s", (long long)t->id, fulfil_action_label(t->action),
	    fulfil_status_label(t->status));
	ui_view_add(v, "  Status        %s", fulfil_status_label(t->status));
	ui_view_add(v, "  Action        %s", fulfil_action_label(t->action));
	ui_view_add(v, "  Connector     %s", t->connector);
	ui_view_add(v, "  Reseller      %s", t->reseller_name);
	ui_view_add(v, "  Customer      %s", t->customer_name);
	ui_view_add(v, "  Product       %s  %s", t->sku, t->product_name);
	if (t->quantity)
		ui_view_add(v, "  Quantity      %d", (int)t->quantity);
	if (t->order_id)
		ui_view_add(v, "  Order         %s", t->order_number[0] ? t->order_number : "-");
	if (t->subscription_id)
		ui_view_add(v, "  Subscription  #%lld", (long long)t->subscription_id);
	if (t->m365_user_id)
		ui_view_add(v, "  M365 user     #%lld", (long long)t->m365_user_id);
	ui_view_add(v, "  Attempts      %d", (int)t->attempts);
	ui_view_add(v, "  Created       %s", t->created_at);
	ui_view_add(v, "  Settled       %s", t->done_at[0] ? t->done_at : "- (open)");
	if (t->vendor_ref[0])
		ui_view_add(v, "  Vendor ref    %s", t->vendor_ref);
	if (t->error[0]) {
		ui_view_add(v, "%s", "");
		ui_view_add(v, "  Error");
		ui_view_wrap(v, t->error, ui->cols - 4);
	}
	ui_push(ui, s);
}

/* ---- the queue ------------------------------------------------------ */

static void
load_head(struct ui_listscreen *ls)
{
	struct fulfil *st = (struct fulfil *)ls;

	screen_outbox_counts(ls->ui, st->counts);
	fulfil_stock_list_free(&st->stock);
	if (fulfil_stock_warnings(ls->ui->db, ls->ui->actor, &st->stock) != CORE_OK)
		fulfil_stock_list_free(&st->stock);
}

/* draw_head - the tabs, and the keys products out of stock while tasks wait. */
static void
draw_head(struct ui_listscreen *ls, WINDOW *w, int wd)
{
	struct fulfil *st = (struct fulfil *)ls;
	char line[512];
	size_t i;
	int n = 0;

	screen_outbox_tabs_draw(w, 0, wd, OUTBOX_TAB_FULFIL, st->counts);
	if (st->stock.n == 0)
		return;
	n = snprintf(line, sizeof(line), "Out of licence keys:");
	for (i = 0; i < st->stock.n && n > 0 && (size_t)n < sizeof(line); i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, "%s %s (%lld waiting)", i ? "," : "",
		    st->stock.items[i].sku, (long long)st->stock.items[i].waiting);
	ui_put(w, 1, 0, wd, line, ui_attr(UC_ERROR));
}

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	struct fulfil *st = (struct fulfil *)ls;

	switch (act) {
	case UA_VIEW:
	case UA_VIEW_PREV:
		return screen_outbox_switch(ls->ui, OUTBOX_TAB_FULFIL, act);
	case UA_OPEN:
	case UA_DONE:
	case UA_FAIL:
		if (row < 0)
			ui_error(ls->ui, "No task here.");
		else if (act == UA_OPEN)
			open_task(ls->ui, &st->page.items[row]);
		else
			mark_begin(ls->ui, &st->page.items[row], act == UA_FAIL);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

/* offers - d and f for an open manual task, to a role that may settle it (core's actor_may). */
static int
offers(struct screen *s, enum ui_act act)
{
	struct fulfil *st = s->priv;
	const struct fulfil_task *t;
	int r;

	if (act != UA_DONE && act != UA_FAIL)
		return 1;
	if ((r = ui_list_row(&st->ls.list)) < 0 || actor_may(s->ui->actor, ACT_FULFIL) != CORE_OK)
		return 0;
	t = &st->page.items[r];
	return !settled(t) && strcmp(t->connector, "manual") == 0;
}

static void
title(struct ui_listscreen *ls, char *buf, size_t sz)
{
	(void)ls;
	snprintf(buf, sz, "Fulfilment queue · open tasks first");
}

static void
done(struct ui_listscreen *ls)
{
	fulfil_stock_list_free(&((struct fulfil *)ls)->stock);
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "fulfil", UI_ACTIONS(keys), .offers = offers },
	.src = { UI_COLUMNS(cols), UI_FILTERS(filter_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct fulfil, page, free_page),
	.fetch = fetch,
	.title_fn = title,
	.head = 2,
	.draw_head = draw_head,
	.load_head = load_head,
	.act = act,
	.done = done,
};

struct screen *
screen_fulfil_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}
