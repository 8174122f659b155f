/*
 * ui_listscreen.c - the base of the list screens: one page of a core
 * list under an optional head (figures, tags), with the list's keys
 * (navigation, search, sort, filter, reload) taken here and the rest
 * handed to the screen's act.  A screen declares a struct
 * ui_listscreen_def; everything in this file is the same for all.
 */
#include <stdio.h>
#include <stdlib.h>
#include "ui.h"

/* the title bar, the status line, the footer, and the list's own header and summary */
#define CHROME_ROWS 6

static void *
at(struct ui_listscreen *ls, size_t offset)
{
	return (char *)ls + offset;
}

static enum core_err
fetch(void *ctx, const struct ui_list_query *q, int *total, char *why)
{
	struct ui_listscreen *ls = ctx;
	const struct ui_listscreen_page *p = &ls->def->page;
	enum core_err er;

	(void)why;
	p->free(at(ls, p->at));
	er = ls->def->fetch(ls, q);
	*total = (int)*(int64_t *)at(ls, p->total);
	return er;
}

static int
rows(void *ctx)
{
	struct ui_listscreen *ls = ctx;

	return (int)*(size_t *)at(ls, ls->def->page.n);
}

struct screen *
ui_listscreen_new(struct ui *ui, const struct ui_listscreen_def *def)
{
	struct screen *s = ui_screen_make(ui, &def->ops, def->size);
	struct ui_listscreen *ls;

	if (s == NULL)
		return NULL;
	ls = s->priv;
	ls->ui = ui;
	ls->def = def;
	ls->src = def->src;
	ls->src.fetch = fetch;
	ls->src.rows = rows;
	ui_list_init(&ls->list, &ls->src, ls, ui->rows - CHROME_ROWS - def->head);
	return s;
}

static void
reload(struct ui_listscreen *ls)
{
	if (ui_list_reload(&ls->list) != CORE_OK)
		ui_refused(ls->ui, ls->list.err, ls->list.why);
}

/* enter - back from a detail or a dialog: what the list shows may have changed. */
void
ui_listscreen_enter(struct screen *s)
{
	struct ui_listscreen *ls = s->priv;

	if (ls->def->load_head)
		ls->def->load_head(ls);
	reload(ls);
}

void
ui_listscreen_draw(struct screen *s, WINDOW *w)
{
	struct ui_listscreen *ls = s->priv;
	int h, wd;

	getmaxyx(w, h, wd);
	if (ls->def->draw_head)
		ls->def->draw_head(ls, w, wd);
	ui_list_draw(&ls->list, w, ls->def->head, 0, h - ls->def->head, wd);
}

int
ui_listscreen_key(struct screen *s, int key)
{
	struct ui_listscreen *ls = s->priv;
	enum ui_act act = ui_screen_action(s, key);
	int flags;

	/* a reload reads the head's figures again too */
	if (act == UA_REFRESH && !ls->list.searching && ls->def->load_head)
		ls->def->load_head(ls);
	if ((flags = ui_list_key(&ls->list, act, key)) != UI_IGNORED) {
		if (ls->list.err != CORE_OK)
			ui_refused(s->ui, ls->list.err, ls->list.why);
		return flags;
	}
	return ls->def->act ? ls->def->act(ls, act, ui_list_row(&ls->list)) : UI_IGNORED;
}

void
ui_listscreen_title(struct screen *s, char *buf, size_t sz)
{
	struct ui_listscreen *ls = s->priv;

	if (ls->def->title_fn)
		ls->def->title_fn(ls, buf, sz);
	else
		snprintf(buf, sz, "%s", ls->def->title ? ls->def->title : s->ops->name);
}

int
ui_listscreen_footer(struct screen *s, char *buf, size_t sz)
{
	return ui_list_footer(&((struct ui_listscreen *)s->priv)->list, buf, sz);
}

void
ui_listscreen_free(struct screen *s)
{
	struct ui_listscreen *ls = s->priv;

	ls->def->page.free(at(ls, ls->def->page.at));
	if (ls->def->done)
		ls->def->done(ls);
}

struct ui_list *
ui_listscreen_list(struct screen *s)
{
	return &((struct ui_listscreen *)s->priv)->list;
}
