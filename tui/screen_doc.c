/*
 * screen_doc.c - everything about one account, read-only: the
 * inspector's document (inspect_get) drawn as text, scrollable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "screens.h"

struct docview {
	enum inspect_kind kind;
	int64_t           id;
	char              title[256];
	struct ui_view    view;
	int               width;
};

static const struct ui_binding keys[] = {
	{ UA_CHANGE,    { 'e', 'a', 'x' }, "e/a/x", NULL,
	  "edit, add, delete: refused, the inspector is read-only (support staff have read-only access)" },
	{ UA_UPGRADE,   { 'u' }, "u", NULL, "upgrade this reseller (distributor admins only)" },
	{ UA_DOWNGRADE, { 'd' }, "d", NULL, "downgrade this reseller (distributor admins only)" },
	{ UA_REFRESH,   { 'r' }, "r", NULL, "reload from the database" },
	LIST_KEYS,
};

static void
load(struct screen *s, int width)
{
	struct docview *st = s->priv;
	struct inspect_doc d;
	char **lines;
	enum core_err er;
	int n;

	er = inspect_get(s->ui->db, s->ui->actor, st->kind, st->id, s->ui->cfg ? s->ui->cfg->public_url : NULL, &d);
	if (er != CORE_OK) {
		inspect_doc_free(&d);
		ui_view_clear(&st->view);
		ui_view_add(&st->view, "This %s cannot be shown: %s.", inspect_kind_name(st->kind), core_strerror(er));
		ui_refused(s->ui, er, NULL);
		return;
	}
	ui_sanitize(st->title, sizeof(st->title), d.title);
	n = doc_lines(&d, width, &lines);
	/* the title bar shows the document's title: skip its first line */
	if (n > 0) {
		free(lines[0]);
		memmove(lines, lines + 1, sizeof(*lines) * (size_t)(n - 1));
		n--;
	}
	ui_view_take(&st->view, lines, n);
	st->width = width;
	inspect_doc_free(&d);
}

static int
handle_key(struct screen *s, int key)
{
	struct docview *st = s->priv;
	enum ui_act act = ui_screen_action(s, key);

	switch (act) {
	case UA_UPGRADE:
	case UA_DOWNGRADE:
	case UA_CHANGE:
		screen_inspect_change(s->ui, &st->kind, st->id, act);
		return UI_HANDLED | UI_REDRAW;
	case UA_REFRESH:
		load(s, st->width);
		return UI_HANDLED | UI_REDRAW;
	default:
		return ui_view_key(&st->view, act);
	}
}

static void
enter(struct screen *s)
{
	load(s, s->ui->cols);
}

static void
draw(struct screen *s, WINDOW *w)
{
	struct docview *st = s->priv;
	int h, wd;

	getmaxyx(w, h, wd);
	if (wd != st->width)
		load(s, wd);
	st->view.height = h;
	ui_view_draw(w, st->view.lines, st->view.n, st->view.top, 0, h, wd);
}

static void
title(struct screen *s, char *buf, size_t sz)
{
	struct docview *st = s->priv;

	snprintf(buf, sz, "%s", st->title[0] ? st->title : inspect_kind_name(st->kind));
}

static void
destroy(struct screen *s)
{
	struct docview *st = s->priv;

	ui_view_clear(&st->view);
}

static const struct screen_ops ops = {
	.name = "doc",
	.offers = screen_inspect_offers,
	UI_ACTIONS(keys),
	.enter = enter,
	.draw = draw,
	.handle_key = handle_key,
	.title = title,
	.free = destroy,
};

struct screen *
screen_doc_new(struct ui *ui, enum inspect_kind kind, int64_t id)
{
	struct screen *s = ui_screen_make(ui, &ops, sizeof(struct docview));
	struct docview *st;

	if (s == NULL)
		return NULL;
	st = s->priv;
	st->kind = kind;
	st->id = id;
	return s;
}
