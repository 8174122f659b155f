/*
 * screen_home.c - a reseller admin's own reseller: edition, status,
 * storefront URL, customers, Monthly Run Rate and edition history, from
 * inspect_own_reseller (the tenant comes from the actor).  The reseller
 * admin's own screens (dashboard, vendor, customers, ...) come later.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "screens.h"

struct home {
	struct ui_view view;
	char           title[256];
};

static const struct ui_binding keys[] = {
	{ UA_REFRESH, { 'r' }, "r", "Reload", "reload from the database" },
	LIST_KEYS,
};

static void
load(struct screen *s)
{
	struct home *st = s->priv;
	struct inspect_doc d;
	char **lines;
	enum core_err er;
	int n;

	er = inspect_own_reseller(s->ui->db, s->ui->actor, s->ui->cfg ? s->ui->cfg->public_url : NULL, &d);
	if (er != CORE_OK) {
		inspect_doc_free(&d);
		ui_view_clear(&st->view);
		ui_view_add(&st->view, "Your reseller cannot be shown: %s.", core_strerror(er));
		ui_refused(s->ui, er, NULL);
		return;
	}
	ui_sanitize(st->title, sizeof(st->title), d.title);
	n = doc_lines(&d, s->ui->cols, &lines);
	if (n > 0) {
		free(lines[0]);
		memmove(lines, lines + 1, sizeof(*lines) * (size_t)(n - 1));
		n--;
	}
	ui_view_take(&st->view, lines, n);
	inspect_doc_free(&d);
}

static int
handle_key(struct screen *s, int key)
{
	struct home *st = s->priv;
	enum ui_act act = ui_action(keys, sizeof(keys) / sizeof(keys[0]), key);

	if (act == UA_REFRESH) {
		load(s);
		return UI_HANDLED | UI_REDRAW;
	}
	return ui_view_key(&st->view, act);
}

static void
enter(struct screen *s)
{
	load(s);
}

static void
draw(struct screen *s, WINDOW *w)
{
	struct home *st = s->priv;
	int h, wd;

	getmaxyx(w, h, wd);
	st->view.height = h;
	ui_view_draw(w, st->view.lines, st->view.n, st->view.top, 0, h, wd);
}

static void
title(struct screen *s, char *buf, size_t sz)
{
	struct home *st = s->priv;

	snprintf(buf, sz, "%s", st->title[0] ? st->title : "My reseller");
}

static void
destroy(struct screen *s)
{
	struct home *st = s->priv;

	ui_view_clear(&st->view);
	free(st);
}

static const struct screen_ops ops = {
	.name = "home",
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(keys[0]),
	.enter = enter,
	.draw = draw,
	.handle_key = handle_key,
	.title = title,
	.free = destroy,
};

struct screen *
screen_home_new(struct ui *ui)
{
	struct home *st = calloc(1, sizeof(*st));
	struct screen *s;

	if (st == NULL)
		return NULL;
	if ((s = ui_screen_new(ui, &ops, st)) == NULL)
		free(st);
	return s;
}
