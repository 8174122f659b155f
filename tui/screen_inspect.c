/*
 * screen_inspect.c - support's finder: type a name, e-mail, id, order
 * or invoice number, Enter searches every reseller of the distributor
 * (inspect_find), Enter on a hit opens everything about it.  Read-only:
 * change keys are answered with a refusal, and core refuses anyway.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "screens.h"

struct finder {
	struct ui          *ui;
	char                query[INSPECT_QUERY_MAX + 1];
	char                ran[INSPECT_QUERY_MAX + 1];	/* the query the hits are for */
	int                 editing;
	struct inspect_hits hits;
	int                 searched;
	struct ui_list      list;
};

static const struct ui_column cols[] = {
	{ "Kind", 15, 0, 0, 0 },
	{ "Id", 8, 1, 0, 0 },
	{ "Name / number", 0, 0, 0, 0 },
	{ "Details", 0, 0, 0, 0 },
	{ "Reseller", 24, 0, 0, 0 },
};

/* The hits are at most INSPECT_FIND_MAX rows, fetched on Enter; pages are slices. */
static enum core_err
fetch(void *ctx, const struct ui_list_query *q, int *total, char *why)
{
	struct finder *st = ctx;

	(void)q;
	(void)why;
	*total = (int)st->hits.count;
	return CORE_OK;
}

static int
rows(void *ctx)
{
	struct finder *st = ctx;
	int n = (int)st->hits.count - st->list.top;

	return n < 0 ? 0 : n < st->list.height ? n : st->list.height;
}

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct finder *st = ctx;
	const struct inspect_hit *h = &st->hits.items[st->list.top + row];

	switch (col) {
	case 0: snprintf(buf, sz, "%s", inspect_kind_name(h->kind)); break;
	case 1: snprintf(buf, sz, "%lld", (long long)h->id); break;
	case 2: snprintf(buf, sz, "%s", h->label); break;
	case 3: snprintf(buf, sz, "%s", h->detail); break;
	case 4: snprintf(buf, sz, "%s", h->reseller_name); break;
	}
}

static const struct ui_list_source source = {
	UI_COLUMNS(cols),
	.fetch = fetch,
	.rows = rows,
	.cell = cell,
};

static const struct ui_binding keys[] = {
	{ UA_SEARCH, { '/' }, "/", "Find", "type a name, e-mail, id, order or invoice number; Enter searches" },
	{ UA_OPEN,   { UI_ENTER, UK(KEY_ENTER), UK(KEY_RIGHT) }, "Enter", "Open", "show everything about the account" },
	{ UA_CHANGE, { 'e', 'a', 'x' }, "e/a/x", NULL,
	  "edit, add, delete: refused, the inspector is read-only (support staff have read-only access)" },
	{ UA_UPGRADE,   { 'u' }, "u", NULL, "upgrade the reseller (distributor admins only)" },
	{ UA_DOWNGRADE, { 'd' }, "d", NULL, "downgrade the reseller (distributor admins only)" },
	LIST_KEYS,
};

static void
run(struct finder *st)
{
	enum core_err er;

	inspect_hits_free(&st->hits);
	snprintf(st->ran, sizeof(st->ran), "%s", st->query);
	st->searched = 1;
	er = inspect_find(st->ui->db, st->ui->actor, st->query, INSPECT_FIND_MAX, &st->hits);
	if (er == CORE_INVALID)
		ui_error(st->ui, "Type something to find: a name, an e-mail, an id or a number.");
	else if (er != CORE_OK)
		ui_refused(st->ui, er, NULL);
	else
		ui_status(st->ui, "%zu match%s for \"%s\"%s.", st->hits.count, st->hits.count == 1 ? "" : "es",
		    st->query, st->hits.count >= INSPECT_FIND_MAX ? " (the first ones: be more precise)" : "");
	st->list.top = st->list.cursor = 0;
	ui_list_reload(&st->list);
}

void
screen_inspect_change(struct ui *ui, const enum inspect_kind *kind, int64_t id, enum ui_act act)
{
	struct reseller r;
	enum core_err er;

	if (act != UA_CHANGE && kind && *kind == INSPECT_RESELLER) {
		/* the same flow as the reseller list: core decides who may */
		if ((er = reseller_get(ui->db, ui->actor, id, &r)) != CORE_OK)
			ui_refused(ui, er, NULL);
		else
			edition_begin(ui, &r, act == UA_UPGRADE);
		return;
	}
	ui_refused(ui, CORE_FORBIDDEN, ui->actor && ui->actor->role == ROLE_SUPPORT ? NULL :
	    "The inspector is read-only: make changes from the other tabs.");
}

static int
edit_key(struct finder *st, int key)
{
	switch (key) {
	case UI_ENTER:
	case UK(KEY_ENTER):
		st->editing = 0;
		run(st);
		return UI_HANDLED | UI_REDRAW;
	case UI_ESC:
		st->editing = 0;
		snprintf(st->query, sizeof(st->query), "%s", st->ran);
		return UI_HANDLED | UI_REDRAW;
	case UK(KEY_BACKSPACE):
	case 127:
	case '\b':
		ui_utf8_backspace(st->query);
		return UI_HANDLED | UI_REDRAW;
	case UI_CTRL('u'):
		st->query[0] = '\0';
		return UI_HANDLED | UI_REDRAW;
	case UI_TAB:
	case UK(KEY_BTAB):
	case UK(KEY_F(1)):
	case UK(KEY_F(10)):
		return UI_IGNORED;	/* tabs, help and quit still work while typing */
	default:
		if (key >= 0x20 && key < 0x110000)
			ui_utf8_append(st->query, sizeof(st->query), key);
		return UI_HANDLED | UI_REDRAW;
	}
}

static int
handle_key(struct screen *s, int key)
{
	struct finder *st = s->priv;
	enum ui_act act;
	int r;

	if (st->editing)
		return edit_key(st, key);
	act = ui_screen_action(s, key);
	r = ui_list_row(&st->list);
	switch (act) {
	case UA_SEARCH:
		st->editing = 1;
		return UI_HANDLED | UI_REDRAW;
	case UA_OPEN:
		if (r >= 0)
			ui_push(s->ui, screen_doc_new(s->ui, st->hits.items[st->list.top + r].kind,
			    st->hits.items[st->list.top + r].id));
		return UI_HANDLED | UI_REDRAW;
	case UA_CHANGE:
	case UA_UPGRADE:
	case UA_DOWNGRADE:
		screen_inspect_change(s->ui, r >= 0 ? &st->hits.items[st->list.top + r].kind : NULL,
		    r >= 0 ? st->hits.items[st->list.top + r].id : 0, act);
		return UI_HANDLED | UI_REDRAW;
	default:
		return ui_list_key(&st->list, act, key);
	}
}

static void
draw(struct screen *s, WINDOW *w)
{
	struct finder *st = s->priv;
	char line[512], fit[512], q[INSPECT_QUERY_MAX + 1];
	int h, wd;

	getmaxyx(w, h, wd);
	snprintf(line, sizeof(line), "Find: %s%s", ui_sanitize(q, sizeof(q), st->query), st->editing ? "_" : "");
	wattron(w, st->editing ? ui_attr(UC_CURSOR) : (int)A_BOLD);
	mvwaddstr(w, 0, 0, ui_fit(fit, sizeof(fit), line, wd));
	wattroff(w, st->editing ? ui_attr(UC_CURSOR) : (int)A_BOLD);
	if (!st->searched) {
		mvwaddstr(w, 2, 0, "Find any account of the distributor: a reseller, customer or storefront user");
		mvwaddstr(w, 3, 0, "by name or e-mail, an order or invoice by number, anything by its id.");
		mvwaddstr(w, 4, 0, "Everything is shown read-only.");
		return;
	}
	ui_list_draw(&st->list, w, 2, 0, h - 2, wd);
}

static int
footer(struct screen *s, char *buf, size_t sz)
{
	struct finder *st = s->priv;

	if (!st->editing)
		return 0;
	snprintf(buf, sz, "Type what to find   Enter search   Esc cancel   C-u clear");
	return 1;
}

static void
destroy(struct screen *s)
{
	struct finder *st = s->priv;

	inspect_hits_free(&st->hits);
}

int
screen_inspect_offers(struct screen *s, enum ui_act act)
{
	if (act == UA_UPGRADE || act == UA_DOWNGRADE)
		return edition_offers(s->ui, NULL, act == UA_UPGRADE);
	return 1;
}

static const struct screen_ops ops = {
	.name = "inspect",
	.caption = "Inspector (read-only)",
	.offers = screen_inspect_offers,
	UI_ACTIONS(keys),
	.draw = draw,
	.handle_key = handle_key,
	.footer = footer,
	.free = destroy,
};

struct screen *
screen_inspect_new(struct ui *ui)
{
	struct screen *s = ui_screen_make(ui, &ops, sizeof(struct finder));
	struct finder *st;

	if (s == NULL)
		return NULL;
	st = s->priv;
	st->ui = ui;
	st->editing = 1;	/* the finder opens ready to type */
	ui_list_init(&st->list, &source, st, ui->rows - 8);
	return s;
}
