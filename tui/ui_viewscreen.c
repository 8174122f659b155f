/*
 * ui_viewscreen.c - the base of the detail screens: lines of text read
 * through core (def->load), scrolled, reloaded with UA_REFRESH, the
 * screen's own actions first.  A screen declares a struct
 * ui_viewscreen_def; everything in this file is the same for all.
 */
#include <stdio.h>
#include <stdlib.h>
#include "ui.h"

struct screen *
ui_viewscreen_new(struct ui *ui, const struct ui_viewscreen_def *def, int64_t id)
{
	struct screen *s = ui_screen_make(ui, &def->ops, def->size);
	struct ui_viewscreen *vs;

	if (s == NULL)
		return NULL;
	vs = s->priv;
	vs->ui = ui;
	vs->def = def;
	vs->id = id;
	vs->loaded = def->load == NULL;	/* made by the constructor */
	return s;
}

void
ui_viewscreen_load(struct ui_viewscreen *vs)
{
	char why[CORE_WHY] = "";
	enum core_err er;

	if (vs->def->load == NULL)
		return;
	ui_view_clear(&vs->view);
	if ((er = vs->def->load(vs, why)) != CORE_OK) {
		vs->loaded = 0;
		ui_view_clear(&vs->view);
		ui_refused(vs->ui, er, NULL);
		ui_view_add(&vs->view, "%s cannot be shown: %s.", vs->def->what, why[0] ? why : core_strerror(er));
		return;
	}
	vs->loaded = 1;
}

void
ui_viewscreen_enter(struct screen *s)
{
	ui_viewscreen_load(s->priv);
}

void
ui_viewscreen_draw(struct screen *s, WINDOW *w)
{
	struct ui_viewscreen *vs = s->priv;
	int h, wd;

	getmaxyx(w, h, wd);
	vs->view.height = h - 1;
	ui_view_draw(w, vs->view.lines, vs->view.n, vs->view.top, 1, h - 1, wd);
}

int
ui_viewscreen_key(struct screen *s, int key)
{
	struct ui_viewscreen *vs = s->priv;
	enum ui_act act = ui_screen_action(s, key);
	int flags;

	if (act == UA_REFRESH && vs->def->load) {
		ui_viewscreen_load(vs);
		return UI_HANDLED | UI_REDRAW;
	}
	if (vs->def->act && (flags = vs->def->act(vs, act)) != UI_IGNORED)
		return flags;
	return ui_view_key(&vs->view, act);
}

void
ui_viewscreen_title(struct screen *s, char *buf, size_t sz)
{
	struct ui_viewscreen *vs = s->priv;

	if (vs->loaded && vs->def->title)
		vs->def->title(vs, buf, sz);
	else if (vs->id)
		snprintf(buf, sz, "%s #%lld", vs->def->kind, (long long)vs->id);
	else
		snprintf(buf, sz, "%s", vs->def->kind);
}

void
ui_viewscreen_free(struct screen *s)
{
	struct ui_viewscreen *vs = s->priv;

	if (vs->def->done)
		vs->def->done(vs);
	ui_view_clear(&vs->view);
}

struct ui_view *
ui_viewscreen_view(struct screen *s)
{
	return &((struct ui_viewscreen *)s->priv)->view;
}
