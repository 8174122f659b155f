/*
 * screen_order.c - one order: customer, who placed it (with the
 * customer's reference and notes), status and
 * decision, the lines with unit price, cost and markup captured at
 * ordering, totals and margin.  `a` approves, `r` rejects, as in the
 * queue.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "money.h"
#include "order.h"
#include "screens.h"

struct detail {
	struct ui_viewscreen vs;
	struct order         o;
};

static const struct ui_binding keys[] = {
	{ UA_APPROVE, { 'a' }, "a", "Approve", "approve the order (asks first); it is queued for fulfilment, the customer e-mailed" },
	{ UA_REJECT,  { 'r' }, "r", "Reject",  "reject the order with a reason the customer sees" },
	{ UA_REFRESH, { 'R' }, "R", NULL,      "reload from the database" },
	LIST_KEYS,
};

static enum core_err
load(struct ui_viewscreen *vs, char *why)
{
	struct detail *st = (struct detail *)vs;
	struct ui_view *v = &vs->view;
	char a[48], b[48], c[48], pct[16], fit[256], ra[64], rb[64], rc[64];
	int64_t margin;
	enum core_err er;
	size_t i;

	(void)why;
	order_free(&st->o);
	memset(&st->o, 0, sizeof(st->o));
	if ((er = order_get(vs->ui->db, vs->ui->actor, vs->id, &st->o)) != CORE_OK)
		return er;
	ui_view_add(v, "  Customer        %s", st->o.customer_name);
	ui_view_add(v, "  Placed          %s by %s (%s)", st->o.created_at,
	    st->o.placed_by_name[0] ? st->o.placed_by_name : "-", st->o.placed_via);
	ui_view_add(v, "  Status          %s", order_status_label(st->o.status));
	if (st->o.decided_at[0])
		ui_view_add(v, "  Decided         %s", st->o.decided_at);
	if (st->o.reject_reason[0])
		ui_view_add(v, "  Reject reason   %s", st->o.reject_reason);
	if (st->o.failure_reason[0])
		ui_view_add(v, "  Failure         %s", st->o.failure_reason);
	if (st->o.customer_reference[0])
		ui_view_add(v, "  Reference       %s", st->o.customer_reference);
	/* the customer's notes, line by line (the view sanitizes each line) */
	for (const char *p = st->o.customer_note, *first = p; p != NULL && *p;) {
		size_t n = strcspn(p, "\r\n");

		ui_view_add(v, "  %-15s %.*s", p == first ? "Notes" : "", (int)n, p);
		p += n;
		if (*p == '\r')
			p++;
		if (*p == '\n')
			p++;
	}
	ui_view_add(v, "%s", "");
	ui_view_add(v, "  %-3s %-38s %5s %11s %11s %8s %12s", "#", "Product", "Qty", "Unit cost", "Unit price",
	    "Markup", "Line total");
	for (i = 0; i < st->o.nlines; i++) {
		const struct order_line *l = &st->o.lines[i];

		ui_view_add(v, "  %-3d %s %5d %s %s %8s %s%s", (int)l->line_no, ui_fit(fit, sizeof(fit), l->product_name, 38),
		    (int)l->quantity, ui_right(ra, sizeof(ra), money_format(l->unit_cost, st->o.currency, a, sizeof(a)), 11),
		    ui_right(rb, sizeof(rb), money_format(l->unit_price, st->o.currency, b, sizeof(b)), 11),
		    money_format_markup(l->markup_bp, pct, sizeof(pct)),
		    ui_right(rc, sizeof(rc), money_format(l->line_price, st->o.currency, c, sizeof(c)), 12),
		    l->is_trial ? "  (trial)" : "");
	}
	ui_view_add(v, "%s", "");
	margin = st->o.total_price - st->o.total_cost;
	ui_view_add(v, "  Total %s   cost %s   margin %s", money_format(st->o.total_price, st->o.currency, a, sizeof(a)),
	    money_format(st->o.total_cost, st->o.currency, b, sizeof(b)), money_format(margin, st->o.currency, c, sizeof(c)));
	return CORE_OK;
}

static int
act(struct ui_viewscreen *vs, enum ui_act act)
{
	struct detail *st = (struct detail *)vs;

	if (act != UA_APPROVE && act != UA_REJECT)
		return UI_IGNORED;
	if (vs->loaded)
		screen_orders_decide(vs->ui, vs->id, st->o.number, st->o.status, act == UA_APPROVE);
	return UI_HANDLED | UI_REDRAW;
}

static int
offers(struct screen *s, enum ui_act act)
{
	struct detail *st = s->priv;

	if (act != UA_APPROVE && act != UA_REJECT)
		return 1;
	return st->vs.loaded && order_may(s->ui->actor, st->o.number, st->o.status,
	    act == UA_APPROVE ? ORDER_EV_APPROVE : ORDER_EV_REJECT, NULL) == CORE_OK;
}

static void
title(struct ui_viewscreen *vs, char *buf, size_t sz)
{
	struct detail *st = (struct detail *)vs;

	snprintf(buf, sz, "Order %s · %s", st->o.number, order_status_label(st->o.status));
}

static void
done(struct ui_viewscreen *vs)
{
	order_free(&((struct detail *)vs)->o);
}

static const struct ui_viewscreen_def def = {
	.ops = { UI_VIEWSCREEN_OPS, .name = "order", UI_ACTIONS(keys), .offers = offers },
	.size = sizeof(struct detail),
	.kind = "Order",
	.what = "This order",
	.load = load,
	.title = title,
	.act = act,
	.done = done,
};

struct screen *
screen_order_new(struct ui *ui, int64_t id)
{
	return ui_viewscreen_new(ui, &def, id);
}
