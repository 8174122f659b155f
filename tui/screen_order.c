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
	int64_t        id;
	struct order   o;
	int            loaded;
	struct ui_view view;
};

static const struct ui_binding keys[] = {
	{ UA_APPROVE, { 'a' }, "a", "Approve", "approve the order (asks first); it is then provisioned" },
	{ UA_REJECT,  { 'r' }, "r", "Reject",  "reject the order with a reason the customer sees" },
	{ UA_REFRESH, { 'R' }, "R", NULL,      "reload from the database" },
	LIST_KEYS,
};

static void
load(struct screen *s)
{
	struct detail *st = s->priv;
	struct ui_view *v = &st->view;
	char a[48], b[48], c[48], pct[16], fit[256], ra[64], rb[64], rc[64];
	int64_t margin;
	enum core_err er;
	size_t i;

	ui_view_clear(v);
	order_free(&st->o);
	memset(&st->o, 0, sizeof(st->o));
	if ((er = order_get(s->ui->db, s->ui->actor, st->id, &st->o)) != CORE_OK) {
		st->loaded = 0;
		ui_refused(s->ui, er, NULL);
		ui_view_add(v, "This order cannot be shown: %s.", core_strerror(er));
		return;
	}
	st->loaded = 1;
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
}

static int
handle_key(struct screen *s, int key)
{
	struct detail *st = s->priv;
	enum ui_act act = ui_action(keys, sizeof(keys) / sizeof(keys[0]), key);

	switch (act) {
	case UA_APPROVE:
	case UA_REJECT:
		if (st->loaded)
			screen_orders_decide(s->ui, st->id, st->o.number, st->o.status, act == UA_APPROVE);
		return UI_HANDLED | UI_REDRAW;
	case UA_REFRESH:
		load(s);
		return UI_HANDLED | UI_REDRAW;
	default:
		return ui_view_key(&st->view, act);
	}
}

static int
offers(struct screen *s, enum ui_act act)
{
	struct detail *st = s->priv;

	if (act != UA_APPROVE && act != UA_REJECT)
		return 1;
	return st->loaded && order_may(s->ui->actor, st->o.number, st->o.status,
	    act == UA_APPROVE ? ORDER_EV_APPROVE : ORDER_EV_REJECT, NULL) == CORE_OK;
}

static void
enter(struct screen *s)
{
	load(s);
}

static void
draw(struct screen *s, WINDOW *w)
{
	struct detail *st = s->priv;
	int h, wd;

	getmaxyx(w, h, wd);
	st->view.height = h - 1;
	ui_view_draw(w, st->view.lines, st->view.n, st->view.top, 1, h - 1, wd);
}

static void
title(struct screen *s, char *buf, size_t sz)
{
	struct detail *st = s->priv;

	if (st->loaded)
		snprintf(buf, sz, "Order %s · %s", st->o.number, order_status_label(st->o.status));
	else
		snprintf(buf, sz, "Order #%lld", (long long)st->id);
}

static void
destroy(struct screen *s)
{
	struct detail *st = s->priv;

	order_free(&st->o);
	ui_view_clear(&st->view);
	free(st);
}

static struct ui_view *
view_of(struct screen *s)
{
	return &((struct detail *)s->priv)->view;
}

static const struct screen_ops ops = {
	.name = "order",
	.offers = offers,
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(keys[0]),
	.enter = enter,
	.draw = draw,
	.handle_key = handle_key,
	.title = title,
	.free = destroy,
	.view = view_of,
};

struct screen *
screen_order_new(struct ui *ui, int64_t id)
{
	struct detail *st = calloc(1, sizeof(*st));
	struct screen *s;

	if (st == NULL)
		return NULL;
	st->id = id;
	if ((s = ui_screen_new(ui, &ops, st)) == NULL)
		free(st);
	return s;
}
