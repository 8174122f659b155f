/*
 * screen_reseller.c - one reseller for the distributor: details,
 * storefront, customers and MRR, and its edition history; `u`/`d`
 * upgrade and downgrade it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "money.h"
#include "screens.h"
#include "storefront.h"

struct detail {
	int64_t         id;
	struct reseller r;
	int             loaded;
	struct ui_view  view;
};

static const struct ui_binding keys[] = {
	{ UA_UPGRADE,   { 'u' }, "u", "Upgrade",   "upgrade to Standard or Professional (creates the storefront)" },
	{ UA_DOWNGRADE, { 'd' }, "d", "Downgrade", "downgrade to a lower edition (the storefront goes offline)" },
	{ UA_REFRESH,   { 'r' }, "r", NULL,        "reload from the database" },
	LIST_KEYS,
};

static void
load(struct screen *s)
{
	struct detail *st = s->priv;
	struct edition_change_list h;
	char money[64], url[600];
	enum core_err er;
	size_t i;

	ui_view_clear(&st->view);
	if ((er = reseller_get(s->ui->db, s->ui->actor, st->id, &st->r)) != CORE_OK) {
		st->loaded = 0;
		ui_refused(s->ui, er, NULL);
		ui_view_add(&st->view, "This reseller cannot be shown: %s.", core_strerror(er));
		return;
	}
	st->loaded = 1;
	edition_url(s->ui, &st->r, url, sizeof(url));
	ui_view_add(&st->view, "  Name         %s", st->r.name);
	ui_view_add(&st->view, "  E-mail       %s", st->r.email);
	ui_view_add(&st->view, "  Edition      %s", reseller_edition_label(st->r.edition));
	ui_view_add(&st->view, "  Status       %s", reseller_status_name(st->r.status));
	if (url[0] == '\0')
		ui_view_add(&st->view, "  Storefront   none yet (an upgrade creates it)");
	else if (!storefront_online(st->r.edition, st->r.status))
		ui_view_add(&st->view, "  Storefront   %s (offline, data kept)", url);
	else
		ui_view_add(&st->view, "  Storefront   %s", url);
	ui_view_add(&st->view, "  Customers    %lld", (long long)st->r.customers);
	ui_view_add(&st->view, "  MRR          %s", money_format(st->r.mrr, st->r.currency, money, sizeof(money)));
	ui_view_add(&st->view, "  Created      %s", st->r.created_at);
	ui_view_add(&st->view, "%s", "");
	ui_view_add(&st->view, "Edition history");
	if (reseller_edition_history(s->ui->db, s->ui->actor, st->id, &h) != CORE_OK) {
		ui_view_add(&st->view, "  (cannot be read)");
		return;
	}
	if (h.count == 0)
		ui_view_add(&st->view, "  no changes since the reseller was created");
	for (i = 0; i < h.count; i++)
		ui_view_add(&st->view, "  %.16s  %-12s -> %-12s  by %s%s%s", h.items[i].changed_at,
		    reseller_edition_label(h.items[i].from), reseller_edition_label(h.items[i].to),
		    h.items[i].operator_login[0] ? h.items[i].operator_login : "the system",
		    h.items[i].note[0] ? "  " : "", h.items[i].note);
	reseller_edition_history_free(&h);
}

static int
handle_key(struct screen *s, int key)
{
	struct detail *st = s->priv;
	enum ui_act act = ui_action(keys, sizeof(keys) / sizeof(keys[0]), key);

	switch (act) {
	case UA_UPGRADE:
	case UA_DOWNGRADE:
		if (st->loaded)
			edition_begin(s->ui, &st->r, act == UA_UPGRADE);
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

	if (act == UA_UPGRADE || act == UA_DOWNGRADE)
		return st->loaded && edition_offers(s->ui, &st->r, act == UA_UPGRADE);
	return 1;
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
		snprintf(buf, sz, "Reseller: %s", st->r.name);
	else
		snprintf(buf, sz, "Reseller #%lld", (long long)st->id);
}

static void
destroy(struct screen *s)
{
	struct detail *st = s->priv;

	ui_view_clear(&st->view);
	free(st);
}

static const struct screen_ops ops = {
	.name = "reseller",
	.offers = offers,
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(keys[0]),
	.enter = enter,
	.draw = draw,
	.handle_key = handle_key,
	.title = title,
	.free = destroy,
};

struct screen *
screen_reseller_new(struct ui *ui, int64_t id)
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
