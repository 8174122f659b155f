/*
 * screen_theme.c - the theme and skin picker: every skin of every
 * installed theme (theme_info.h), each with its key colours drawn as
 * swatches in the nearest terminal colour and as hex codes.  Enter asks
 * to confirm, then storefront_update_look saves theme and skin (the
 * homepage sections kept), which core checks against theme.json again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "screens.h"
#include "storefront.h"
#include "theme_info.h"

struct picker {
	struct ui         *ui;
	struct theme_info *themes;
	int                nthemes;
	int                n, cursor;		/* rows: every (theme, skin) */
	char               theme[33], skin[33];	/* the storefront's now */
};

static const struct ui_binding keys[] = {
	{ UA_OPEN, { UI_ENTER, UK(KEY_ENTER) }, "Enter", "Choose", "use this theme and skin (asks first)" },
	{ UA_UP,   { 'k', UK(KEY_UP) },   "k/Up",   NULL, "previous skin" },
	{ UA_DOWN, { 'j', UK(KEY_DOWN) }, "j/Down", NULL, "next skin" },
};

/* row - theme and skin of row i. */
static int
row(const struct picker *st, int i, const struct theme_info **t, const struct theme_skin **sk)
{
	int k;

	for (k = 0; k < st->nthemes; k++) {
		if (i < st->themes[k].nskins) {
			*t = &st->themes[k];
			*sk = &st->themes[k].skins[i];
			return 0;
		}
		i -= st->themes[k].nskins;
	}
	return -1;
}

struct choice {
	char theme[33], skin[33], label[200];
};

static enum core_err
choose_yes(struct ui *ui, void *arg, char *why)
{
	struct choice *c = arg;
	struct storefront *sf = malloc(sizeof(*sf));
	enum core_err er;

	if (sf == NULL)
		return CORE_ENOMEM;
	if ((er = storefront_get(ui->db, ui->actor, sf)) == CORE_OK)
		er = storefront_update_look(ui->db, ui->actor, ui->cfg ? ui->cfg->themes_dir : NULL, c->theme, c->skin,
		    sf->sections, why);
	free(sf);
	if (er == CORE_OK)
		ui_status(ui, "Theme and skin now %s: the storefront shows it on its next request.", c->label);
	return er;
}

static int
handle_key(struct screen *s, int key)
{
	struct picker *st = s->priv;
	const struct theme_info *t;
	const struct theme_skin *sk;
	struct choice *c;
	char msg[512];
	enum ui_act act = ui_screen_action(s, key);

	switch (act) {
	case UA_UP:
	case UA_DOWN:
		return ui_cursor_key(&st->cursor, st->n, act);
	case UA_OPEN:
		if (row(st, st->cursor, &t, &sk) != 0 || (c = calloc(1, sizeof(*c))) == NULL)
			return UI_HANDLED;
		snprintf(c->theme, sizeof(c->theme), "%s", t->name);
		snprintf(c->skin, sizeof(c->skin), "%s", sk->id);
		snprintf(c->label, sizeof(c->label), "%s / %s", t->label, sk->label);
		snprintf(msg, sizeof(msg), "Use the theme %s with the skin %s?\n\nThe homepage sections are kept.",
		    t->label, sk->label);
		ui_push(s->ui, ui_confirm_new(s->ui, "Theme and skin", msg, choose_yes, c, free));
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static void
draw(struct screen *s, WINDOW *w)
{
	struct picker *st = s->priv;
	const struct theme_info *t;
	const struct theme_skin *sk;
	char line[512], hex[16];
	int h, wd, i, c, y = 1, x;

	getmaxyx(w, h, wd);
	if (st->n == 0) {
		ui_put(w, 1, 2, wd - 4, "No themes found in the themes directory.", 0);
		return;
	}
	ui_put(w, 0, 2, wd - 4, "   Theme / skin              Colours: primary, accent, background, text", ui_attr(UC_HEADER));
	for (i = 0; i < st->n && y < h - 3; i++, y++) {
		int cur = i == st->cursor, now;

		if (row(st, i, &t, &sk) != 0)
			break;
		now = strcmp(t->name, st->theme) == 0 && strcmp(sk->id, st->skin) == 0;
		snprintf(line, sizeof(line), "%s %-11s %-13s", now ? "●" : " ", t->label, sk->label);
		ui_put(w, y, 2, 27, line, cur ? ui_attr(UC_CURSOR) : 0);
		x = 30;
		for (c = 0; c < sk->ncolors; c++, x += 11) {
			ui_put(w, y, x, 2, "██", ui_attr(UC_NORMAL) | ui_rgb_attr(sk->color[c]));
			snprintf(hex, sizeof(hex), "#%06x", sk->color[c]);
			ui_put(w, y, x + 3, 7, hex, 0);
		}
		ui_put(w, y, x, wd - x, now ? "(in use)" : sk->dark ? "dark" : "", ui_attr(UC_DIM));
	}
	if (row(st, st->cursor, &t, &sk) == 0) {
		snprintf(line, sizeof(line), "%s / %s: %s", t->label, sk->label, sk->description);
		ui_put(w, y + 1, 2, wd - 4, line, 0);
	}
}

static void
enter(struct screen *s)
{
	struct picker *st = s->priv;
	struct storefront *sf = malloc(sizeof(*sf));
	const struct theme_info *t;
	const struct theme_skin *sk;
	int i;

	if (sf && storefront_get(s->ui->db, s->ui->actor, sf) == CORE_OK) {
		snprintf(st->theme, sizeof(st->theme), "%s", sf->theme);
		snprintf(st->skin, sizeof(st->skin), "%s", sf->skin);
	}
	free(sf);
	for (i = 0; i < st->n; i++)
		if (row(st, i, &t, &sk) == 0 && strcmp(t->name, st->theme) == 0 && strcmp(sk->id, st->skin) == 0)
			st->cursor = i;
}

static void
destroy(struct screen *s)
{
	struct picker *st = s->priv;

	free(st->themes);
}

static const struct screen_ops ops = {
	.name = "theme",
	.caption = "Storefront settings · theme and skin",
	UI_ACTIONS(keys),
	.enter = enter,
	.draw = draw,
	.handle_key = handle_key,
	.free = destroy,
};

struct screen *
screen_theme_new(struct ui *ui)
{
	struct screen *s = ui_screen_make(ui, &ops, sizeof(struct picker));
	struct picker *st;
	int i;

	if (s == NULL)
		return NULL;
	st = s->priv;
	st->ui = ui;
	st->nthemes = theme_info_list(ui->cfg ? ui->cfg->themes_dir : NULL, &st->themes);
	for (i = 0; i < st->nthemes; i++)
		st->n += st->themes[i].nskins;
	return s;
}
