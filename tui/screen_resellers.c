/*
 * screen_resellers.c - the distributor's resellers: name, edition,
 * status, storefront URL, customers, MRR.  One page at a time from
 * reseller_list; `/` narrows it as you type, `e` cycles the edition
 * shown, `s` the sort; `u`/`d` upgrade and downgrade the one under the
 * cursor, Enter opens it; `a` adds a reseller, `E` edits its record, `x`
 * suspends or resumes it (each asks; core decides, reseller.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "money.h"
#include "screens.h"
#include "str.h"

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
	{ UA_ADD,       { 'a' },  "a",  "Add",       "add a reseller (Basic edition; upgrade it to give it a storefront and an admin)" },
	{ UA_EDIT,      { 'E' },  "E",  "Edit",      "edit the reseller's name, e-mail, phone, address, country, tax id" },
	{ UA_ACTIVE,    { 'x' },  "x",  "Suspend/Resume", "suspend the reseller (storefront 503, operators and API refused) or resume it" },
	{ UA_REFRESH,   { 'r' },  "r",  NULL,        "reload from the database" },
	LIST_KEYS,
};

/* ---- add / edit ----------------------------------------------------- */

enum { K_NAME, K_EMAIL, K_PHONE, K_ADDRESS, K_COUNTRY, K_TAX, K_CURRENCY, K__MAX };

static int
v_currency(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	return ui_invalid_if(v[0] && (strlen(v) != 3 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3), msg, sz,
	    "An ISO 4217 code in capitals, e.g. EUR; empty: the distributor's.");
}

static const struct ui_field reseller_fields[K__MAX] = {
	[K_NAME]     = { "Name", UI_FIELD_TEXT, 200, NULL, ui_valid_name, NULL, NULL },
	[K_EMAIL]    = { "E-mail", UI_FIELD_TEXT, 254, NULL, ui_valid_email, "its notifications go there", NULL },
	[K_PHONE]    = { "Phone", UI_FIELD_TEXT, 40, NULL, NULL, NULL, NULL },
	[K_ADDRESS]  = { "Address", UI_FIELD_TEXT, 500, NULL, NULL, NULL, NULL },
	[K_COUNTRY]  = { "Country", UI_FIELD_LOOKUP, 60, NULL, ui_valid_country, "name or ISO code: Netherlands, NL",
	    ui_lookup_country },
	[K_TAX]      = { "Tax id", UI_FIELD_TEXT, 32, NULL, NULL, NULL, NULL },
	[K_CURRENCY] = { "Currency", UI_FIELD_TEXT, 3, NULL, v_currency, "empty: the distributor's; never changes", NULL },
};

static enum core_err
record_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	int64_t *id = arg, made = 0;
	struct reseller_fields in;
	enum core_err er;

	memset(&in, 0, sizeof(in));
	in.name = ui_form_value(f, K_NAME);
	in.email = ui_form_value(f, K_EMAIL);
	in.phone = ui_form_value(f, K_PHONE);
	in.address = ui_form_value(f, K_ADDRESS);
	in.country = ui_form_value(f, K_COUNTRY);
	in.tax_id = ui_form_value(f, K_TAX);
	if (*id == 0) {
		in.currency = ui_form_value(f, K_CURRENCY);
		er = reseller_add(f->ui->db, f->ui->actor, &in, &made, why);
	} else
		er = reseller_edit(f->ui->db, f->ui->actor, *id, &in, why);
	if (er == CORE_INVALID)
		*field = strstr(why, "mail") ? K_EMAIL : strstr(why, "hone") ? K_PHONE : strstr(why, "ountry") ? K_COUNTRY :
		    strstr(why, "ddress") ? K_ADDRESS : strstr(why, "ax") ? K_TAX : strstr(why, "urrency") ? K_CURRENCY :
		    K_NAME;
	if (er == CORE_OK && *id == 0)
		ui_status(f->ui, "Added %s (id %lld, Basic). Press u on it to upgrade it and create its admin.", in.name,
		    (long long)made);
	else if (er == CORE_OK)
		ui_status(f->ui, "Saved %s.", in.name);
	return er;
}

void
screen_resellers_edit(struct ui *ui, const struct reseller *r)
{
	struct reseller_details d;
	struct ui_form *f;
	struct screen *s;
	enum core_err er;
	char title[1024];
	int64_t *id;

	if ((er = actor_may(ui->actor, ACT_RESELLER_MANAGE)) != CORE_OK) {
		ui_refused(ui, er, "Only a distributor admin adds and edits resellers.");
		return;
	}
	if (r != NULL && (er = reseller_details(ui->db, ui->actor, r->id, &d)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		return;
	}
	if ((id = calloc(1, sizeof(*id))) == NULL)
		return;
	*id = r ? r->id : 0;
	snprintf(title, sizeof(title), r ? "Edit %s" : "Add a reseller", r ? r->name : "");
	if ((s = ui_form_new(ui, title, reseller_fields, r ? K_CURRENCY : K__MAX, record_submit, id, free)) == NULL) {
		free(id);
		return;
	}
	if (r != NULL) {
		f = ui_form_of(s);
		ui_form_set(f, K_NAME, r->name);
		ui_form_set(f, K_EMAIL, r->email);
		ui_form_set(f, K_PHONE, d.phone);
		ui_form_set(f, K_ADDRESS, d.address);
		ui_form_set(f, K_COUNTRY, d.country);
		ui_form_set(f, K_TAX, d.tax_id);
	}
	ui_push(ui, s);
}

/* ---- suspend / resume ----------------------------------------------- */

struct status_ctx {
	int64_t id;
	char    name[RESELLER_TEXT_SZ(200)];
	enum reseller_status to;
};

static enum core_err
status_yes(struct ui *ui, void *arg, char *why)
{
	struct status_ctx *c = arg;
	enum core_err er;

	if ((er = reseller_set_status(ui->db, ui->actor, c->id, c->to, NULL, why)) != CORE_OK)
		return er;
	if (c->to == RESELLER_SUSPENDED)
		ui_status(ui, "Suspended %s: its storefront answers 503, its operators and API clients are refused.",
		    c->name);
	else
		ui_status(ui, "Resumed %s: its storefront, operators and API clients work again.", c->name);
	return CORE_OK;
}

void
screen_resellers_status(struct ui *ui, const struct reseller *r)
{
	struct status_ctx *c;
	enum core_err er;
	char msg[2048], title[1024];

	if ((er = actor_may(ui->actor, ACT_RESELLER_MANAGE)) != CORE_OK) {
		ui_refused(ui, er, "Only a distributor admin suspends and resumes resellers.");
		return;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return;
	c->id = r->id;
	snprintf(c->name, sizeof(c->name), "%s", r->name);
	c->to = r->status == RESELLER_ACTIVE ? RESELLER_SUSPENDED : RESELLER_ACTIVE;
	if (c->to == RESELLER_SUSPENDED)
		snprintf(msg, sizeof(msg), "Suspend %s?\n\nIts storefront answers \"temporarily unavailable\",\n"
		    "its operators and API clients are refused at once.\nNothing is deleted; resume it with x.", r->name);
	else
		snprintf(msg, sizeof(msg), "Resume %s?\n\nIts storefront, operators and API clients\nwork again at once.",
		    r->name);
	snprintf(title, sizeof(title), "%s %s", c->to == RESELLER_SUSPENDED ? "Suspend" : "Resume", r->name);
	ui_push(ui, ui_confirm_new(ui, title, msg, status_yes, c, free));
}

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
	case UA_ADD:
		screen_resellers_edit(ls->ui, NULL);
		return UI_HANDLED | UI_REDRAW;
	case UA_EDIT:
	case UA_ACTIVE:
		if (r == NULL)
			ui_error(ls->ui, "No reseller selected.");
		else if (act == UA_EDIT)
			screen_resellers_edit(ls->ui, r);
		else
			screen_resellers_status(ls->ui, r);
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
	if (act == UA_ADD)
		return actor_may(s->ui->actor, ACT_RESELLER_MANAGE) == CORE_OK;
	if (act == UA_EDIT || act == UA_ACTIVE)
		return current(st) != NULL && actor_may(s->ui->actor, ACT_RESELLER_MANAGE) == CORE_OK;
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
