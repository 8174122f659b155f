/*
 * screen_reseller.c - one reseller for the distributor: details,
 * storefront, customers and MRR, and its edition history; `u`/`d`
 * upgrade and downgrade it; `i` its invoices and payments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "money.h"
#include "screens.h"
#include "storefront.h"

struct detail {
	struct ui_viewscreen vs;
	struct reseller      r;
};

static const struct ui_binding keys[] = {
	{ UA_UPGRADE,   { 'u' }, "u", "Upgrade",   "upgrade to Standard or Professional (creates the storefront)" },
	{ UA_DOWNGRADE, { 'd' }, "d", "Downgrade", "downgrade to a lower edition (the storefront goes offline)" },
	{ UA_VIEW,      { 'i' }, "i", "Invoices",  "its invoices, balance and payments (record one with p)" },
	{ UA_REFRESH,   { 'r' }, "r", NULL,        "reload from the database" },
	LIST_KEYS,
};

static enum core_err
load(struct ui_viewscreen *vs, char *why)
{
	struct detail *st = (struct detail *)vs;
	struct ui_view *v = &vs->view;
	struct edition_change_list h;
	char money[64], url[600];
	enum core_err er;
	size_t i;

	(void)why;
	if ((er = reseller_get(vs->ui->db, vs->ui->actor, vs->id, &st->r)) != CORE_OK)
		return er;
	edition_url(vs->ui, &st->r, url, sizeof(url));
	ui_view_add(v, "  Name         %s", st->r.name);
	ui_view_add(v, "  E-mail       %s", st->r.email);
	ui_view_add(v, "  Edition      %s", reseller_edition_label(st->r.edition));
	ui_view_add(v, "  Status       %s", reseller_status_name(st->r.status));
	if (url[0] == '\0')
		ui_view_add(v, "  Storefront   none yet (an upgrade creates it)");
	else if (!storefront_online(st->r.edition, st->r.status))
		ui_view_add(v, "  Storefront   %s (offline, data kept)", url);
	else
		ui_view_add(v, "  Storefront   %s", url);
	ui_view_add(v, "  Customers    %lld", (long long)st->r.customers);
	ui_view_add(v, "  MRR          %s", money_format(st->r.mrr, st->r.currency, money, sizeof(money)));
	ui_view_add(v, "  Created      %s", st->r.created_at);
	ui_view_add(v, "%s", "");
	ui_view_add(v, "Edition history");
	if (reseller_edition_history(vs->ui->db, vs->ui->actor, vs->id, &h) != CORE_OK) {
		ui_view_add(v, "  (cannot be read)");
		return CORE_OK;
	}
	if (h.n == 0)
		ui_view_add(v, "  no changes since the reseller was created");
	for (i = 0; i < h.n; i++)
		ui_view_add(v, "  %.16s  %-12s -> %-12s  by %s%s%s", h.items[i].changed_at,
		    reseller_edition_label(h.items[i].from), reseller_edition_label(h.items[i].to),
		    h.items[i].operator_login[0] ? h.items[i].operator_login : "the system",
		    h.items[i].note[0] ? "  " : "", h.items[i].note);
	reseller_edition_history_free(&h);
	return CORE_OK;
}

static int
act(struct ui_viewscreen *vs, enum ui_act act)
{
	if (act == UA_VIEW) {
		ui_push(vs->ui, screen_invoices_of(vs->ui, vs->id));
		return UI_HANDLED | UI_REDRAW;
	}
	if (act != UA_UPGRADE && act != UA_DOWNGRADE)
		return UI_IGNORED;
	if (vs->loaded)
		edition_begin(vs->ui, &((struct detail *)vs)->r, act == UA_UPGRADE);
	return UI_HANDLED | UI_REDRAW;
}

static int
offers(struct screen *s, enum ui_act act)
{
	struct detail *st = s->priv;

	if (act == UA_UPGRADE || act == UA_DOWNGRADE)
		return st->vs.loaded && edition_offers(s->ui, &st->r, act == UA_UPGRADE);
	return 1;
}

static void
title(struct ui_viewscreen *vs, char *buf, size_t sz)
{
	snprintf(buf, sz, "Reseller: %s", ((struct detail *)vs)->r.name);
}

static const struct ui_viewscreen_def def = {
	.ops = { UI_VIEWSCREEN_OPS, .name = "reseller", UI_ACTIONS(keys), .offers = offers },
	.size = sizeof(struct detail),
	.kind = "Reseller",
	.what = "This reseller",
	.load = load,
	.title = title,
	.act = act,
};

struct screen *
screen_reseller_new(struct ui *ui, int64_t id)
{
	return ui_viewscreen_new(ui, &def, id);
}
