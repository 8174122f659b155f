/*
 * screen_vendor.c - the Vendor screen, titled with the distributor's
 * name: vendor statistics (available, listed, unlisted), category tags
 * to filter by (`c`/`C`), the Listed and Unlisted tabs (`t`), a search
 * box above the table (`/`), and the reseller's decisions: `l` lists or
 * unlists, `m` sets the markup of the product under the cursor or of
 * the rows marked with Space.  The markup is a percentage with two
 * decimals, never below zero (money_parse_markup); the confirmation
 * shows each product's cost beside its new sale price (listing_preview)
 * before listing_markup runs.  Every change is core's: listing_set and
 * listing_markup check the role and the tenant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "listing.h"
#include "money.h"
#include "screens.h"
#include "storefront.h"

#define PREVIEW_LINES 8		/* products named in a confirmation; the rest are counted */

struct vendor {
	struct ui_listscreen  ls;
	struct product_list   page;
	enum catalog_tab      tab;
	struct category_list  cats;
	int                   cat;		/* 0: all, else cats.items[cat - 1] */
	int64_t               available, listed, unlisted;
	int64_t              *marks;		/* product ids marked with Space */
	size_t                nmarks, capmarks;
	char                  distributor[STOREFRONT_TEXT_SZ(200)];
	char                  currency[4];
};

/* the name first; at 80 columns category and SKU give way */
enum col { COL_MARK, COL_SKU, COL_PRODUCT, COL_CATEGORY, COL_COST, COL_MARKUP, COL_PRICE, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_MARK]     = { "", 1, 0, 0, 0 },
	[COL_SKU]      = { "SKU", 14, 0, 12, 2 },
	[COL_PRODUCT]  = { "Product", 0, 0, 35, 0 },
	[COL_CATEGORY] = { "Category", 14, 0, 10, 3 },
	[COL_COST]     = { "Cost", 11, 1, 0, 0 },
	[COL_MARKUP]   = { "Markup", 8, 1, 0, 0 },
	[COL_PRICE]    = { "Price", 11, 1, 0, 0 },
};

static const char *const sort_names[CATALOG_SORT__MAX] = {
	[CATALOG_SORT_NAME] = "name",
	[CATALOG_SORT_PRICE_ASC] = "price, lowest first",
	[CATALOG_SORT_PRICE_DESC] = "price, highest first",
	[CATALOG_SORT_MANUFACTURER] = "manufacturer",
	[CATALOG_SORT_COST] = "cost",
};

static int
marked(const struct vendor *st, int64_t id)
{
	size_t i;

	for (i = 0; i < st->nmarks; i++)
		if (st->marks[i] == id)
			return 1;
	return 0;
}

static void
toggle_mark(struct vendor *st, int64_t id)
{
	size_t i;
	int64_t *nm;

	for (i = 0; i < st->nmarks; i++)
		if (st->marks[i] == id) {
			st->marks[i] = st->marks[--st->nmarks];
			return;
		}
	if (st->nmarks == st->capmarks) {
		size_t cap = st->capmarks ? st->capmarks * 2 : 16;

		if (cap > LISTING_BULK_MAX || (nm = realloc(st->marks, cap * sizeof(*nm))) == NULL) {
			ui_error(st->ls.ui, "At most %d products at a time.", LISTING_BULK_MAX);
			return;
		}
		st->marks = nm;
		st->capmarks = cap;
	}
	st->marks[st->nmarks++] = id;
}

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct vendor *st = (struct vendor *)ls;
	struct catalog_query cq = { UI_LIST_QUERY(q),
		.category = st->cat > 0 && (size_t)st->cat <= st->cats.n ? st->cats.items[st->cat - 1].slug : NULL };
	enum core_err er = catalog_vendor_list(ls->ui->db, ls->ui->actor, st->tab, &cq, &st->page);

	if (er == CORE_OK && st->page.n > 0)
		snprintf(st->currency, sizeof(st->currency), "%s", st->page.items[0].currency);
	return er;
}

UI_PAGE_FREE_FN(free_page, product_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct vendor *st = ctx;
	const struct product *p = &st->page.items[row];

	switch ((enum col)col) {
	case COL_MARK:     snprintf(buf, sz, "%s", marked(st, p->id) ? "*" : ""); break;
	case COL_SKU:      snprintf(buf, sz, "%s", p->sku); break;
	case COL_PRODUCT:  snprintf(buf, sz, "%s", p->name); break;
	case COL_CATEGORY: snprintf(buf, sz, "%s", p->ncategories ? p->category_names[0] : "-"); break;
	case COL_COST:     money_format(p->unit_cost, p->currency, buf, sz); break;
	case COL_MARKUP:   money_format_markup(p->markup_bp, buf, sz); break;
	case COL_PRICE:    money_format(p->price, p->currency, buf, sz); break;
	case COL__MAX:     break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_MARK,     { ' ' },  "Space", "Mark",    "mark or unmark the product (l and m then act on the marked ones)" },
	{ UA_LIST,     { 'l' },  "l",  "(Un)list", "list the product(s) on the storefront (Unlisted tab) or take them off (Listed tab)" },
	{ UA_MARKUP,   { 'm' },  "m",  "Markup",  "set the markup of the product(s): a percentage, two decimals, never below 0" },
	{ UA_VIEW,     { 't' },  "t",  "Listed/Unlisted", "switch between the Listed and the Unlisted tab" },
	{ UA_CATEGORY, { 'c' },  "c",  "Category", "next category tag (all, then each category)" },
	{ UA_CATEGORY_PREV, { 'C' }, "C", NULL,   "previous category tag" },
	{ UA_SEARCH,   { '/' },  "/",  "Search",  "search names, SKUs, manufacturers; narrows as you type" },
	{ UA_SORT,     { 's' },  "s",  NULL,      "sort by name, price, manufacturer, cost" },
	{ UA_TOGGLE,   { 'u' },  "u",  NULL,      "unmark every product" },
	{ UA_REFRESH,  { 'r' },  "r",  NULL,      "reload from the database" },
	LIST_NAV_KEYS,
};

static void
load_head(struct ui_listscreen *ls)
{
	struct vendor *st = (struct vendor *)ls;
	struct storefront *sf;
	enum core_err er;

	er = catalog_vendor_stats(ls->ui->db, ls->ui->actor, &st->available, &st->listed, &st->unlisted);
	if (er != CORE_OK)
		ui_refused(ls->ui, er, NULL);
	if (st->cats.items == NULL && catalog_categories(ls->ui->db, ls->ui->actor, &st->cats) != CORE_OK)
		memset(&st->cats, 0, sizeof(st->cats));
	if (st->distributor[0] == '\0' && (sf = malloc(sizeof(*sf))) != NULL) {
		if (storefront_get(ls->ui->db, ls->ui->actor, sf) == CORE_OK)
			snprintf(st->distributor, sizeof(st->distributor), "%s", sf->distributor_name);
		free(sf);
	}
}

/* targets - the marked products, or the one under the cursor; *n 0 when none. */
static int64_t *
targets(struct vendor *st, size_t *n)
{
	int64_t *ids;
	int r;

	*n = 0;
	if (st->nmarks > 0) {
		if ((ids = malloc(st->nmarks * sizeof(*ids))) == NULL)
			return NULL;
		memcpy(ids, st->marks, st->nmarks * sizeof(*ids));
		*n = st->nmarks;
		return ids;
	}
	if ((r = ui_list_row(&st->ls.list)) < 0 || (ids = malloc(sizeof(*ids))) == NULL)
		return NULL;
	ids[0] = st->page.items[r].id;
	*n = 1;
	return ids;
}

/* ---- list / unlist ------------------------------------------------- */

struct change {
	struct vendor *st;		/* the screen below the dialog: alive while the dialog is */
	int64_t       *ids;
	size_t         n;
	int            listed;
	int32_t        markup_bp;
	char           what[256];	/* "Microsoft 365 E3" or "3 products" */
};

static void
change_free(void *arg)
{
	struct change *c = arg;

	free(c->ids);
	free(c);
}

static void
clear_marks(struct vendor *st)
{
	st->nmarks = 0;
}

static enum core_err
list_yes(struct ui *ui, void *arg, char *why)
{
	struct change *c = arg;
	enum core_err er;

	if ((er = listing_set(ui->db, ui->actor, c->ids, c->n, c->listed, why)) != CORE_OK)
		return er;
	clear_marks(c->st);
	ui_status(ui, "%s %s: the storefront shows it on its next request.", c->listed ? "Listed" : "Unlisted", c->what);
	return CORE_OK;
}

/* name_of - the name of product id from the page, or "product #id". */
static void
name_of(struct vendor *st, int64_t id, char *buf, size_t sz)
{
	struct product p;
	size_t i;

	for (i = 0; i < st->page.n; i++)
		if (st->page.items[i].id == id) {
			snprintf(buf, sz, "%s", st->page.items[i].name);
			return;
		}
	memset(&p, 0, sizeof(p));
	if (catalog_product_get(st->ls.ui->db, st->ls.ui->actor, id, &p) == CORE_OK)
		snprintf(buf, sz, "%s", p.name);
	else
		snprintf(buf, sz, "product #%lld", (long long)id);
	product_done(&p);
}

static struct change *
change_new(struct vendor *st)
{
	struct change *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->st = st;
	if ((c->ids = targets(st, &c->n)) == NULL || c->n == 0) {
		free(c->ids);
		free(c);
		ui_error(st->ls.ui, "No product here: move to one, or mark some with Space.");
		return NULL;
	}
	if (c->n == 1)
		name_of(st, c->ids[0], c->what, sizeof(c->what));
	else
		snprintf(c->what, sizeof(c->what), "%zu products", c->n);
	return c;
}

static void
list_begin(struct vendor *st)
{
	struct change *c;
	char msg[1024], title[300];
	enum core_err er;

	if ((er = actor_may(st->ls.ui->actor, ACT_LISTING_WRITE)) != CORE_OK) {
		ui_refused(st->ls.ui, er, NULL);
		return;
	}
	if ((c = change_new(st)) == NULL)
		return;
	c->listed = st->tab == CATALOG_TAB_UNLISTED;
	if (c->listed)
		snprintf(msg, sizeof(msg), "List %s on your storefront?\n\nCustomers can order %s at the price shown here.",
		    c->what, c->n == 1 ? "it" : "them");
	else
		snprintf(msg, sizeof(msg), "Take %s off your storefront?\n\nCustomers can no longer order %s; "
		    "subscriptions\nalready sold are not affected.", c->what, c->n == 1 ? "it" : "them");
	snprintf(title, sizeof(title), "%s %s", c->listed ? "List" : "Unlist", c->what);
	ui_push(st->ls.ui, ui_confirm_new(st->ls.ui, title, msg, list_yes, c, change_free));
}

/* ---- markup -------------------------------------------------------- */

static int
v_markup(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	int32_t bp;

	(void)f;
	if (v[0] == '-') {
		snprintf(msg, sz, "A markup is never below 0%%: the price is never under cost.");
		return -1;
	}
	if (money_parse_markup(v, &bp) != CORE_OK) {
		snprintf(msg, sz, "A percentage like 12.50: 0 to %d, at most two decimals.", MONEY_MARKUP_MAX / 100);
		return -1;
	}
	return 0;
}

static const struct ui_field markup_fields[] = {
	{ "Markup %", UI_FIELD_TEXT, 8, NULL, v_markup, "e.g. 12.50; the sale price is cost + cost x markup", NULL },
};

static enum core_err
markup_yes(struct ui *ui, void *arg, char *why)
{
	struct change *c = arg;
	char pct[32];
	enum core_err er;

	if ((er = listing_markup(ui->db, ui->actor, c->ids, c->n, c->markup_bp, why)) != CORE_OK)
		return er;
	clear_marks(c->st);
	ui_status(ui, "Markup %s set on %s: the storefront shows the new prices on its next request.",
	    money_format_markup(c->markup_bp, pct, sizeof(pct)), c->what);
	return CORE_OK;
}

static enum core_err
markup_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct change *c = arg, *next;
	char msg[1024], title[300], pct[32], name[201], fit[256], cost[48], price[48], rcost[64], rprice[64];
	int64_t cst, prc;
	enum core_err er;
	size_t i, o;

	*field = 0;
	if ((er = money_parse_markup(ui_form_value(f, 0), &c->markup_bp)) != CORE_OK) {
		snprintf(why, CORE_WHY, "A percentage like 12.50, never below 0.");
		return er;
	}
	money_format_markup(c->markup_bp, pct, sizeof(pct));
	o = (size_t)snprintf(msg, sizeof(msg), "Set the markup of %s to %s?\n\n%-32s %11s    %11s\n", c->what, pct,
	    "Product", "Cost", "New price");
	for (i = 0; i < c->n && i < PREVIEW_LINES && o < sizeof(msg); i++) {
		er = listing_preview(f->ui->db, f->ui->actor, c->ids[i], c->markup_bp, &cst, &prc);
		if (er != CORE_OK)
			return er;
		name_of(c->st, c->ids[i], name, sizeof(name));
		money_format(cst, c->st->currency[0] ? c->st->currency : "EUR", cost, sizeof(cost));
		money_format(prc, c->st->currency[0] ? c->st->currency : "EUR", price, sizeof(price));
		o += (size_t)snprintf(msg + o, sizeof(msg) - o, "%s %s -> %s\n", ui_fit(fit, sizeof(fit), name, 32),
		    ui_right(rcost, sizeof(rcost), cost, 11), ui_right(rprice, sizeof(rprice), price, 11));
	}
	if (c->n > PREVIEW_LINES && o < sizeof(msg))
		snprintf(msg + o, sizeof(msg) - o, "... and %zu more\n", c->n - PREVIEW_LINES);
	if ((next = malloc(sizeof(*next))) == NULL)
		return CORE_ENOMEM;
	*next = *c;
	if ((next->ids = malloc(c->n * sizeof(*next->ids))) == NULL) {
		free(next);
		return CORE_ENOMEM;
	}
	memcpy(next->ids, c->ids, c->n * sizeof(*next->ids));
	snprintf(title, sizeof(title), "Markup of %s", c->what);
	return ui_push(f->ui, ui_confirm_new(f->ui, title, msg, markup_yes, next, change_free)) == 0 ? CORE_OK : CORE_ENOMEM;
}

static void
markup_begin(struct vendor *st)
{
	struct change *c;
	struct screen *s;
	char title[300], pct[32];
	enum core_err er;
	size_t i;

	if ((er = actor_may(st->ls.ui->actor, ACT_LISTING_WRITE)) != CORE_OK) {
		ui_refused(st->ls.ui, er, NULL);
		return;
	}
	if ((c = change_new(st)) == NULL)
		return;
	snprintf(title, sizeof(title), "Markup of %s", c->what);
	if ((s = ui_form_new(st->ls.ui, title, markup_fields, 1, markup_submit, c, change_free)) == NULL)
		return;
	/* one product: start from its markup */
	for (i = 0; c->n == 1 && i < st->page.n; i++)
		if (st->page.items[i].id == c->ids[0]) {
			money_format_markup(st->page.items[i].markup_bp, pct, sizeof(pct));
			pct[strcspn(pct, "%")] = '\0';
			ui_form_set(ui_form_of(s), 0, pct);
		}
	ui_push(st->ls.ui, s);
}

/* ---- the screen ---------------------------------------------------- */

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	struct vendor *st = (struct vendor *)ls;
	int n = (int)st->cats.n + 1;

	switch (act) {
	case UA_MARK:
		if (row >= 0) {
			toggle_mark(st, st->page.items[row].id);
			ui_list_key(&ls->list, UA_DOWN, ' ');
		}
		return UI_HANDLED | UI_REDRAW;
	case UA_LIST:
		list_begin(st);
		return UI_HANDLED | UI_REDRAW;
	case UA_MARKUP:
		markup_begin(st);
		return UI_HANDLED | UI_REDRAW;
	case UA_VIEW:
		st->tab = st->tab == CATALOG_TAB_LISTED ? CATALOG_TAB_UNLISTED : CATALOG_TAB_LISTED;
		clear_marks(st);	/* marks are for one action in one tab */
		ls->list.top = ls->list.cursor = 0;
		ui_list_reload(&ls->list);
		return UI_HANDLED | UI_REDRAW;
	case UA_CATEGORY:
	case UA_CATEGORY_PREV:
		st->cat = (st->cat + (act == UA_CATEGORY ? 1 : n - 1)) % n;
		ls->list.top = ls->list.cursor = 0;
		ui_list_reload(&ls->list);
		return UI_HANDLED | UI_REDRAW;
	case UA_TOGGLE:
		clear_marks(st);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

/* tag - one tag at x on line y; the current one [bracketed] and reversed; returns the next x. */
static int
tag(WINDOW *w, int y, int x, int width, const char *name, int current)
{
	char t[256];
	int tw;

	snprintf(t, sizeof(t), current ? "[%s]" : " %s ", name);
	tw = ui_width(t);
	if (x + tw > width)
		return width;
	ui_put(w, y, x, tw, t, current ? (int)A_REVERSE : 0);
	return x + tw + 1;
}

/* draw_head - the figures, the category tags, the two tabs and the search box. */
static void
draw_head(struct ui_listscreen *ls, WINDOW *w, int wd)
{
	struct vendor *st = (struct vendor *)ls;
	char line[512], clean[UI_SEARCH];
	int x, i, cur;

	snprintf(line, sizeof(line), "Products available %lld   Listed %lld   Unlisted %lld%s",
	    (long long)st->available, (long long)st->listed, (long long)st->unlisted, "");
	ui_put(w, 0, 0, wd, line, A_BOLD);
	if (st->nmarks > 0) {
		snprintf(line, sizeof(line), "%zu marked", st->nmarks);
		ui_put(w, 0, wd - ui_width(line), ui_width(line), line, ui_attr(UC_OK));
	}
	/* category tags: what `c` cycles through, the current one bracketed */
	ui_put(w, 1, 0, 9, "Category:", A_BOLD);
	x = 10;
	x = tag(w, 1, x, wd, "All", st->cat == 0);
	/* keep the current tag in view: start late enough that it fits */
	i = 0;
	if (st->cat > 0) {
		int need = 0, k;

		for (k = st->cat - 1; k >= 0; k--) {
			need += ui_width(st->cats.items[k].name) + 3;
			if (x + need > wd)
				break;
		}
		i = k + 1;
	}
	for (; (size_t)i < st->cats.n && x < wd; i++)
		x = tag(w, 1, x, wd, st->cats.items[i].name, st->cat == i + 1);
	/* the two tabs */
	x = 0;
	snprintf(line, sizeof(line), "Listed (%lld)", (long long)st->listed);
	x = tag(w, 2, x, wd, line, st->tab == CATALOG_TAB_LISTED);
	snprintf(line, sizeof(line), "Unlisted (%lld)", (long long)st->unlisted);
	x = tag(w, 2, x, wd, line, st->tab == CATALOG_TAB_UNLISTED);
	/* the search box */
	cur = ls->list.searching;
	snprintf(line, sizeof(line), "Search: %s%s", ui_sanitize(clean, sizeof(clean), ls->list.search),
	    cur ? "_" : ls->list.search[0] ? "" : "(press /)");
	ui_put(w, 3, 0, wd, line, cur ? ui_attr(UC_CURSOR) : 0);
}

static void
title(struct ui_listscreen *ls, char *buf, size_t sz)
{
	struct vendor *st = (struct vendor *)ls;

	if (st->distributor[0])
		snprintf(buf, sz, "Vendor: %s", st->distributor);
	else
		snprintf(buf, sz, "Vendor");
}

static void
done(struct ui_listscreen *ls)
{
	struct vendor *st = (struct vendor *)ls;

	category_list_free(&st->cats);
	free(st->marks);
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "vendor", UI_ACTIONS(keys) },
	.src = { UI_COLUMNS(cols), UI_SORTS(sort_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct vendor, page, free_page),
	.fetch = fetch,
	.title_fn = title,
	.head = 4,		/* the figures, tags, tabs and search lines */
	.draw_head = draw_head,
	.load_head = load_head,
	.act = act,
	.done = done,
};

struct screen *
screen_vendor_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}

size_t
screen_vendor_marked(struct screen *s)
{
	return s && s->ops == &def.ops ? ((struct vendor *)s->priv)->nmarks : 0;
}

int
screen_vendor_tab(struct screen *s)
{
	return s && s->ops == &def.ops ? (int)((struct vendor *)s->priv)->tab : -1;
}
