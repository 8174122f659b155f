/*
 * screen_resellers.c - the distributor's resellers: name, edition,
 * status, storefront URL, customers, MRR.  One page at a time from
 * reseller_list; `/` narrows it as you type, `e` cycles the edition
 * shown, `s` the sort; `u`/`d` upgrade and downgrade the one under the
 * cursor, Enter opens it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "money.h"
#include "screens.h"

struct resellers {
	struct ui          *ui;
	struct ui_list      list;
	struct reseller_list page;
};

static const struct ui_column cols[] = {
	{ "Name", 0, 0, 0, 0 },
	{ "Edition", 12, 0, 0, 0 },
	{ "Status", 9, 0, 0, 0 },
	{ "Storefront", 0, 0, 0, 0 },
	{ "Customers", 9, 1, 0, 0 },
	{ "MRR", 12, 1, 0, 0 },
};

static const char *const sort_names[RESELLER_SORT__MAX] = {
	[RESELLER_SORT_NAME] = "name",
	[RESELLER_SORT_EDITION] = "edition",
	[RESELLER_SORT_CREATED] = "newest",
	[RESELLER_SORT_CUSTOMERS] = "customers",
	[RESELLER_SORT_MRR] = "MRR",
};

/* filter 0 is every edition, then one per enum reseller_edition */
static const char *const filter_names[] = { "all editions", "Basic", "Standard", "Professional" };

static enum core_err
fetch(void *ctx, const struct ui_list_query *q, int *total, char *why)
{
	struct resellers *st = ctx;
	struct reseller_query rq;
	enum core_err er;

	(void)why;
	reseller_list_free(&st->page);
	memset(&rq, 0, sizeof(rq));
	rq.search = q->search;
	rq.edition = q->filter - 1;
	rq.sort = (enum reseller_sort)q->sort;
	/* numbers and dates read best biggest/newest first */
	rq.desc = q->sort == RESELLER_SORT_CREATED || q->sort == RESELLER_SORT_CUSTOMERS ||
	    q->sort == RESELLER_SORT_MRR;
	rq.limit = q->limit;
	rq.offset = q->offset;
	rq.defer_figures = 1;	/* see idle(): names first, sums when typing pauses */
	er = reseller_list(st->ui->db, st->ui->actor, &rq, &st->page);
	*total = (int)st->page.total;
	return er;
}

static int
rows(void *ctx)
{
	struct resellers *st = ctx;

	return (int)st->page.count;
}

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct resellers *st = ctx;
	const struct reseller *r = &st->page.items[row];

	switch (col) {
	case 0:
		snprintf(buf, sz, "%s", r->name);
		break;
	case 1:
		snprintf(buf, sz, "%s", reseller_edition_label(r->edition));
		break;
	case 2:
		snprintf(buf, sz, "%s", reseller_status_name(r->status));
		break;
	case 3:
		edition_live_url(st->ui, r, buf, sz);
		break;
	case 4:
		if (st->page.figures)
			snprintf(buf, sz, "%lld", (long long)r->customers);
		else
			snprintf(buf, sz, "\xe2\x80\xa6");
		break;
	case 5:
		if (st->page.figures)
			money_format(r->mrr, r->currency, buf, sz);
		else
			snprintf(buf, sz, "\xe2\x80\xa6");
		break;
	}
}

static const struct ui_list_source source = {
	.cols = cols,
	.ncols = sizeof(cols) / sizeof(cols[0]),
	.sort_names = sort_names,
	.nsort = RESELLER_SORT__MAX,
	.filter_names = filter_names,
	.nfilter = 4,
	.fetch = fetch,
	.rows = rows,
	.cell = cell,
};

static const struct ui_binding keys[] = {
	{ UA_OPEN,      { UI_ENTER, UK(KEY_ENTER), UK(KEY_RIGHT) }, "Enter", "Open", "open the reseller: details, storefront, edition history" },
	{ UA_SEARCH,    { '/' },  "/",  "Search",    "search names and e-mails; the list narrows as you type" },
	{ UA_FILTER,    { 'e' },  "e",  "Edition",   "show one edition: all, Basic, Standard, Professional" },
	{ UA_SORT,      { 's' },  "s",  "Sort",      "sort by name, edition, newest, customers, MRR" },
	{ UA_UPGRADE,   { 'u' },  "u",  "Upgrade",   "upgrade to Standard or Professional (creates the storefront)" },
	{ UA_DOWNGRADE, { 'd' },  "d",  "Downgrade", "downgrade to a lower edition (the storefront goes offline)" },
	{ UA_REFRESH,   { 'r' },  "r",  NULL,        "reload from the database" },
	LIST_KEYS,
};

static const struct reseller *
current(struct resellers *st)
{
	int r = ui_list_row(&st->list);

	return r < 0 ? NULL : &st->page.items[r];
}

static int
handle_key(struct screen *s, int key)
{
	struct resellers *st = s->priv;
	enum ui_act act = ui_action(keys, sizeof(keys) / sizeof(keys[0]), key);
	const struct reseller *r;
	int flags;

	if ((flags = ui_list_key(&st->list, act, key)) != UI_IGNORED) {
		if (st->list.err != CORE_OK)
			ui_refused(s->ui, st->list.err, st->list.why);
		return flags;
	}
	switch (act) {
	case UA_OPEN:
		if ((r = current(st)) != NULL)
			ui_push(s->ui, screen_reseller_new(s->ui, r->id));
		return UI_HANDLED | UI_REDRAW;
	case UA_UPGRADE:
	case UA_DOWNGRADE:
		if ((r = current(st)) == NULL)
			ui_error(s->ui, "No reseller selected.");
		else
			edition_begin(s->ui, r, act == UA_UPGRADE);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static int
offers(struct screen *s, enum ui_act act)
{
	struct resellers *st = s->priv;

	if (act == UA_UPGRADE || act == UA_DOWNGRADE)
		return current(st) != NULL && edition_offers(s->ui, current(st), act == UA_UPGRADE);
	return 1;
}

static void
enter(struct screen *s)
{
	struct resellers *st = s->priv;

	/* back from a detail or a dialog: what we show may have changed */
	if (ui_list_reload(&st->list) != CORE_OK)
		ui_refused(s->ui, st->list.err, st->list.why);
}

static void
draw(struct screen *s, WINDOW *w)
{
	struct resellers *st = s->priv;
	int h, wd;

	getmaxyx(w, h, wd);
	ui_list_draw(&st->list, w, 0, 0, h, wd);
}

static int
footer(struct screen *s, char *buf, size_t sz)
{
	struct resellers *st = s->priv;

	return ui_list_footer(&st->list, buf, sz);
}

static void
title(struct screen *s, char *buf, size_t sz)
{
	(void)s;
	snprintf(buf, sz, "Resellers");
}

static void
destroy(struct screen *s)
{
	struct resellers *st = s->priv;

	reseller_list_free(&st->page);
	free(st);
}

/* idle - the page's customers and MRR, once no key is waiting. */
static int
idle(struct screen *s)
{
	struct resellers *st = s->priv;

	if (st->page.figures || st->page.count == 0)
		return 0;
	if (reseller_list_figures(st->ui->db, st->ui->actor, &st->page) != CORE_OK)
		st->page.figures = 1;	/* shown as 0 rather than retried on every pause */
	return UI_REDRAW;
}

static const struct screen_ops ops = {
	.name = "resellers",
	.offers = offers,
	.idle = idle,
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(keys[0]),
	.enter = enter,
	.draw = draw,
	.handle_key = handle_key,
	.title = title,
	.footer = footer,
	.free = destroy,
};

struct screen *
screen_resellers_new(struct ui *ui)
{
	struct resellers *st = calloc(1, sizeof(*st));
	struct screen *s;

	if (st == NULL)
		return NULL;
	st->ui = ui;
	/* the body is the terminal less 4 rows, less the header and summary */
	ui_list_init(&st->list, &source, st, ui->rows - 6);
	if ((s = ui_screen_new(ui, &ops, st)) == NULL)
		free(st);
	return s;
}

struct ui_list *
screen_resellers_list(struct screen *s)
{
	return s && s->ops == &ops ? &((struct resellers *)s->priv)->list : NULL;
}
