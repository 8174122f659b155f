/*
 * screen_resellers.c - the distributor's resellers: name, edition,
 * status, storefront URL, customers, MRR.  One page at a time from
 * reseller_list; `/` narrows it as you type, `e` cycles the edition
 * shown, `s` the sort; `u`/`d` upgrade and downgrade the one under the
 * cursor, Enter opens it.
 */
#include <stdio.h>
#include <stdlib.h>
#include "money.h"
#include "screens.h"

struct resellers {
	struct ui_listscreen ls;
	struct reseller_list page;
};

enum col { COL_NAME, COL_EDITION, COL_STATUS, COL_STOREFRONT, COL_CUSTOMERS, COL_MRR, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_NAME]       = { "Name", 0, 0, 0, 0 },
	[COL_EDITION]    = { "Edition", 12, 0, 0, 0 },
	[COL_STATUS]     = { "Status", 9, 0, 0, 0 },
	[COL_STOREFRONT] = { "Storefront", 0, 0, 0, 0 },
	[COL_CUSTOMERS]  = { "Customers", 9, 1, 0, 0 },
	[COL_MRR]        = { "MRR", 12, 1, 0, 0 },
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
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct reseller_query rq = { UI_LIST_QUERY(q), .edition = q->filter - 1,
		/* numbers and dates read best biggest/newest first */
		.desc = q->sort == RESELLER_SORT_CREATED || q->sort == RESELLER_SORT_CUSTOMERS ||
		    q->sort == RESELLER_SORT_MRR,
		.defer_figures = 1 };	/* see idle(): names first, sums when typing pauses */

	return reseller_list(ls->ui->db, ls->ui->actor, &rq, &((struct resellers *)ls)->page);
}

UI_PAGE_FREE_FN(free_page, reseller_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct resellers *st = ctx;
	const struct reseller *r = &st->page.items[row];

	switch ((enum col)col) {
	case COL_NAME:
		snprintf(buf, sz, "%s", r->name);
		break;
	case COL_EDITION:
		snprintf(buf, sz, "%s", reseller_edition_label(r->edition));
		break;
	case COL_STATUS:
		snprintf(buf, sz, "%s", reseller_status_name(r->status));
		break;
	case COL_STOREFRONT:
		edition_live_url(st->ls.ui, r, buf, sz);
		break;
	case COL_CUSTOMERS:
		if (st->page.figures)
			snprintf(buf, sz, "%lld", (long long)r->customers);
		else
			snprintf(buf, sz, "\xe2\x80\xa6");
		break;
	case COL_MRR:
		if (st->page.figures)
			money_format(r->mrr, r->currency, buf, sz);
		else
			snprintf(buf, sz, "\xe2\x80\xa6");
		break;
	case COL__MAX:
		break;
	}
}

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
	int r = ui_list_row(&st->ls.list);

	return r < 0 ? NULL : &st->page.items[r];
}

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	const struct reseller *r = row < 0 ? NULL : &((struct resellers *)ls)->page.items[row];

	switch (act) {
	case UA_OPEN:
		if (r != NULL)
			ui_push(ls->ui, screen_reseller_new(ls->ui, r->id));
		return UI_HANDLED | UI_REDRAW;
	case UA_UPGRADE:
	case UA_DOWNGRADE:
		if (r == NULL)
			ui_error(ls->ui, "No reseller selected.");
		else
			edition_begin(ls->ui, r, act == UA_UPGRADE);
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

/* idle - the page's customers and MRR, once no key is waiting. */
static int
idle(struct screen *s)
{
	struct resellers *st = s->priv;

	if (st->page.figures || st->page.n == 0)
		return 0;
	if (reseller_list_figures(s->ui->db, s->ui->actor, &st->page) != CORE_OK)
		st->page.figures = 1;	/* shown as 0 rather than retried on every pause */
	return UI_REDRAW;
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "resellers", UI_ACTIONS(keys),
		.offers = offers, .idle = idle },
	.src = { UI_COLUMNS(cols), UI_SORTS(sort_names), UI_FILTERS(filter_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct resellers, page, free_page),
	.fetch = fetch,
	.title = "Resellers",
	.act = act,
};

struct screen *
screen_resellers_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}

struct ui_list *
screen_resellers_list(struct screen *s)
{
	return s && s->ops == &def.ops ? &((struct resellers *)s->priv)->ls.list : NULL;
}
