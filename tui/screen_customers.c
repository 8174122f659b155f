/*
 * screen_customers.c - My Customers: the figures (all customers,
 * transacting customers, monthly run rate; customer_stats), and the
 * list a page at a time (customer_list) with search (`/`), filters
 * (`f`: active, inactive, transacting, approval required) and sort.
 * Enter opens a customer; `a` adds, `e` edits, `A` turns "orders need
 * approval" on or off, `x` activates or deactivates, `u` opens its
 * storefront users.  The flag changes ask first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "customer.h"
#include "money.h"
#include "screens.h"
#include "storefront.h"
#include "str.h"

struct customers {
	struct ui_listscreen ls;
	struct customer_list page;
	int64_t              all, transacting, mrr;
	char                 currency[4];
};

enum col { COL_NAME, COL_EMAIL, COL_STATUS, COL_APPROVAL, COL_SUBS, COL_MRR, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_NAME]     = { "Name", 0, 0, 0, 0 },
	[COL_EMAIL]    = { "E-mail", 0, 0, 0, 0 },
	[COL_STATUS]   = { "Status", 8, 0, 0, 0 },
	[COL_APPROVAL] = { "Approval", 8, 0, 0, 0 },
	[COL_SUBS]     = { "Subs", 5, 1, 0, 0 },
	[COL_MRR]      = { "MRR", 12, 1, 0, 0 },
};

static const char *const sort_names[CUSTOMER_SORT__MAX] = { "name", "e-mail", "newest" };

enum { CF_ALL, CF_ACTIVE, CF_INACTIVE, CF_TRANSACTING, CF_APPROVAL, CF__MAX };
static const char *const filter_names[CF__MAX] = {
	"all", "active", "inactive", "transacting", "approval required",
};

const char *
tui_currency(struct ui *ui)
{
	struct storefront *sf;
	struct dashboard d;

	/* the storefront row is one primary-key read; the dashboard is the fallback */
	if (ui->currency[0] == '\0' && (sf = malloc(sizeof(*sf))) != NULL) {
		if (storefront_get(ui->db, ui->actor, sf) == CORE_OK)
			snprintf(ui->currency, sizeof(ui->currency), "%s", sf->currency);
		free(sf);
	}
	if (ui->currency[0] == '\0' && dashboard_get(ui->db, ui->actor, &d) == CORE_OK)
		snprintf(ui->currency, sizeof(ui->currency), "%s", d.currency);
	return ui->currency[0] ? ui->currency : "EUR";
}

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct customer_query cq = { UI_LIST_QUERY(q),
		.status = q->filter == CF_ACTIVE ? CUSTOMER_ACTIVE : q->filter == CF_INACTIVE ? CUSTOMER_INACTIVE : CUSTOMER_ALL,
		.transacting_only = q->filter == CF_TRANSACTING,
		.approval_only = q->filter == CF_APPROVAL };

	return customer_list(ls->ui->db, ls->ui->actor, 0, &cq, &((struct customers *)ls)->page);
}

UI_PAGE_FREE_FN(free_page, customer_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct customers *st = ctx;
	const struct customer *c = &st->page.items[row];

	switch ((enum col)col) {
	case COL_NAME:     snprintf(buf, sz, "%s", c->name); break;
	case COL_EMAIL:    snprintf(buf, sz, "%s", c->email); break;
	case COL_STATUS:   snprintf(buf, sz, "%s", c->active ? "active" : "inactive"); break;
	case COL_APPROVAL: snprintf(buf, sz, "%s", c->approval_required ? "required" : "-"); break;
	case COL_SUBS:     snprintf(buf, sz, "%lld", (long long)c->subscriptions); break;
	case COL_MRR:      money_format(c->mrr, st->currency, buf, sz); break;
	case COL__MAX:     break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_OPEN,    { UI_ENTER, UK(KEY_ENTER), UK(KEY_RIGHT) }, "Enter", "Open", "open the customer: details, orders, subscriptions, assets, users" },
	{ UA_SEARCH,  { '/' }, "/", "Search", "search names and e-mails; narrows as you type" },
	{ UA_FILTER,  { 'f' }, "f", "Filter", "show all, active, inactive, transacting, or approval-required customers" },
	{ UA_SORT,    { 's' }, "s", NULL,     "sort by name, e-mail, newest" },
	{ UA_ADD,     { 'a' }, "a", "Add",    "add a customer" },
	{ UA_EDIT,    { 'e' }, "e", "Edit",   "edit the customer's details" },
	{ UA_APPROVE, { 'A' }, "A", "Approval", "turn \"orders need approval\" on or off (asks first)" },
	{ UA_ACTIVE,  { 'x' }, "x", NULL,     "activate or deactivate the customer (asks first)" },
	{ UA_USERS,   { 'u' }, "u", "Users",  "the customer's storefront users: create, disable, reset password" },
	{ UA_REFRESH, { 'r' }, "r", NULL,     "reload from the database" },
	LIST_KEYS,
};

/* ---- add / edit ---------------------------------------------------- */

enum { K_NAME, K_EMAIL, K_CONTACT, K_PHONE, K_ADDRESS, K_COUNTRY, K_TAX, K_APPROVAL, K__MAX };

static const char *const yes_no[] = { "no", "yes", NULL };

static const struct ui_field customer_fields[K__MAX] = {
	[K_NAME]     = { "Name", UI_FIELD_TEXT, 200, NULL, ui_valid_name, NULL },
	[K_EMAIL]    = { "E-mail", UI_FIELD_TEXT, 254, NULL, ui_valid_email, NULL },
	[K_CONTACT]  = { "Contact person", UI_FIELD_TEXT, 200, NULL, NULL, NULL },
	[K_PHONE]    = { "Phone", UI_FIELD_TEXT, 40, NULL, NULL, NULL },
	[K_ADDRESS]  = { "Address", UI_FIELD_TEXT, 500, NULL, NULL, NULL },
	[K_COUNTRY]  = { "Country", UI_FIELD_LOOKUP, 60, NULL, ui_valid_country, "name or ISO code: Netherlands, NL",
	    ui_lookup_country },
	[K_TAX]      = { "Tax id", UI_FIELD_TEXT, 32, NULL, NULL, NULL },
	[K_APPROVAL] = { "Orders need approval", UI_FIELD_CHOICE, 0, yes_no, NULL, "Left/Right: no or yes" },
};

struct edit {
	int64_t id;
};

static enum core_err
customer_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct edit *e = arg;
	struct customer_input in;
	enum core_err er;
	int64_t id = 0;

	memset(&in, 0, sizeof(in));
	in.name = ui_form_value(f, K_NAME);
	in.email = ui_form_value(f, K_EMAIL);
	in.contact_name = ui_form_value(f, K_CONTACT);
	in.phone = ui_form_value(f, K_PHONE);
	in.address = ui_form_value(f, K_ADDRESS);
	in.country = ui_form_value(f, K_COUNTRY);
	in.tax_id = ui_form_value(f, K_TAX);
	in.approval_required = strcmp(ui_form_value(f, K_APPROVAL), "yes") == 0;
	if (e->id)
		er = customer_update(f->ui->db, f->ui->actor, e->id, &in, why);
	else
		er = customer_add(f->ui->db, f->ui->actor, &in, &id, why);
	if (er == CORE_INVALID || er == CORE_CONFLICT)
		*field = strstr(why, "mail") ? K_EMAIL : strstr(why, "hone") ? K_PHONE : strstr(why, "ountry") ? K_COUNTRY :
		    strstr(why, "ddress") ? K_ADDRESS : strstr(why, "ax") ? K_TAX : strstr(why, "ontact") ? K_CONTACT : K_NAME;
	if (er == CORE_OK)
		ui_status(f->ui, "%s %s.", e->id ? "Saved" : "Added", in.name);
	return er;
}

void
screen_customers_edit(struct ui *ui, int64_t id)
{
	struct customer c;
	struct edit *e;
	struct screen *s;
	struct ui_form *f;
	char title[300];
	enum core_err er;
	int n = id ? K__MAX - 1 : K__MAX;	/* the flag has its own key once the customer exists */

	if ((er = actor_may(ui->actor, ACT_CUSTOMER_WRITE)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		return;
	}
	if (id && (er = customer_get(ui->db, ui->actor, 0, id, &c)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		return;
	}
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return;
	e->id = id;
	snprintf(title, sizeof(title), id ? "Edit %.200s" : "Add a customer", id ? c.name : "");
	if ((s = ui_form_new(ui, title, customer_fields, n, customer_submit, e, free)) == NULL)
		return;
	f = ui_form_of(s);
	if (id) {
		ui_form_set(f, K_NAME, c.name);
		ui_form_set(f, K_EMAIL, c.email);
		ui_form_set(f, K_CONTACT, c.contact_name);
		ui_form_set(f, K_PHONE, c.phone);
		ui_form_set(f, K_ADDRESS, c.address);
		ui_form_set(f, K_COUNTRY, c.country);
		ui_form_set(f, K_TAX, c.tax_id);
	}
	ui_push(ui, s);
}

/* ---- the flags ----------------------------------------------------- */

struct flag {
	int64_t id;
	int     approval, on;
	char    name[201];
};

static enum core_err
flag_yes(struct ui *ui, void *arg, char *why)
{
	struct flag *fl = arg;
	enum core_err er;

	if (fl->approval)
		er = customer_set_approval(ui->db, ui->actor, fl->id, fl->on, why);
	else
		er = customer_set_active(ui->db, ui->actor, fl->id, fl->on, why);
	if (er != CORE_OK)
		return er;
	if (fl->approval)
		ui_status(ui, "%s: orders %s.", fl->name, fl->on ? "now wait for your approval" : "no longer need approval");
	else
		ui_status(ui, "%s is now %s.", fl->name, fl->on ? "active" : "inactive");
	return CORE_OK;
}

void
screen_customers_flag(struct ui *ui, int64_t id, const char *name, int approval, int on)
{
	struct flag *fl;
	char msg[800], title[300];
	enum core_err er;

	if ((er = actor_may(ui->actor, ACT_CUSTOMER_WRITE)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		return;
	}
	if ((fl = calloc(1, sizeof(*fl))) == NULL)
		return;
	fl->id = id;
	fl->approval = approval;
	fl->on = on;
	snprintf(fl->name, sizeof(fl->name), "%s", name);
	if (approval && on)
		snprintf(msg, sizeof(msg), "Require your approval of the orders of %s?\n\n"
		    "Its storefront orders then wait in the Orders tab until you\napprove or reject them.", name);
	else if (approval)
		snprintf(msg, sizeof(msg), "Stop requiring your approval of the orders of %s?\n\n"
		    "Its new storefront orders then go to fulfilment at once.", name);
	else if (on)
		snprintf(msg, sizeof(msg), "Activate %s?\n\nIts storefront users can sign in and order again.", name);
	else
		snprintf(msg, sizeof(msg), "Deactivate %s?\n\nIts storefront users can no longer order; its data is kept.", name);
	snprintf(title, sizeof(title), "%s", approval ? "Orders need approval" : on ? "Activate" : "Deactivate");
	ui_push(ui, ui_confirm_new(ui, title, msg, flag_yes, fl, free));
}

/* ---- the screen ---------------------------------------------------- */

static void
load_stats(struct ui_listscreen *ls)
{
	struct customers *st = (struct customers *)ls;
	enum core_err er;

	if ((er = customer_stats(ls->ui->db, ls->ui->actor, 0, &st->all, &st->transacting, &st->mrr)) != CORE_OK)
		ui_refused(ls->ui, er, NULL);
	snprintf(st->currency, sizeof(st->currency), "%s", tui_currency(ls->ui));
}

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	const struct customer *c = row >= 0 ? &((struct customers *)ls)->page.items[row] : NULL;

	switch (act) {
	case UA_ADD:
		screen_customers_edit(ls->ui, 0);
		return UI_HANDLED | UI_REDRAW;
	case UA_OPEN:
	case UA_EDIT:
	case UA_APPROVE:
	case UA_ACTIVE:
	case UA_USERS:
		if (c == NULL)
			ui_error(ls->ui, "No customer selected.");
		else if (act == UA_OPEN)
			ui_push(ls->ui, screen_customer_new(ls->ui, c->id));
		else if (act == UA_EDIT)
			screen_customers_edit(ls->ui, c->id);
		else if (act == UA_APPROVE)
			screen_customers_flag(ls->ui, c->id, c->name, 1, !c->approval_required);
		else if (act == UA_ACTIVE)
			screen_customers_flag(ls->ui, c->id, c->name, 0, !c->active);
		else
			ui_push(ls->ui, screen_users_new(ls->ui, c->id, c->name));
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static void
draw_stats(struct ui_listscreen *ls, WINDOW *w, int width)
{
	struct customers *st = (struct customers *)ls;
	char line[512], mrr[64];

	snprintf(line, sizeof(line), "All customers %lld   Transacting %lld   Monthly run rate %s",
	    (long long)st->all, (long long)st->transacting, money_format(st->mrr, st->currency, mrr, sizeof(mrr)));
	ui_put(w, 0, 0, width, line, A_BOLD);
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "customers", UI_ACTIONS(keys) },
	.src = { UI_COLUMNS(cols), UI_SORTS(sort_names), UI_FILTERS(filter_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct customers, page, free_page),
	.fetch = fetch,
	.title = "My Customers",
	.head = 2,
	.draw_head = draw_stats,
	.load_head = load_stats,
	.act = act,
};

struct screen *
screen_customers_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}
