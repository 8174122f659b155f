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
#include "contact.h"
#include "country.h"
#include "customer.h"
#include "money.h"
#include "screens.h"
#include "storefront.h"
#include "str.h"

struct customers {
	struct ui           *ui;
	struct ui_list       list;
	struct customer_list page;
	int64_t              all, transacting, mrr;
	char                 currency[4];
};

static const struct ui_column cols[] = {
	{ "Name", 0, 0, 0, 0 },
	{ "E-mail", 0, 0, 0, 0 },
	{ "Status", 8, 0, 0, 0 },
	{ "Approval", 8, 0, 0, 0 },
	{ "Subs", 5, 1, 0, 0 },
	{ "MRR", 12, 1, 0, 0 },
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
fetch(void *ctx, const struct ui_list_query *q, int *total, char *why)
{
	struct customers *st = ctx;
	struct customer_query cq;
	enum core_err er;

	(void)why;
	customer_list_free(&st->page);
	memset(&cq, 0, sizeof(cq));
	cq.search = q->search;
	cq.status = q->filter == CF_ACTIVE ? CUSTOMER_ACTIVE : q->filter == CF_INACTIVE ? CUSTOMER_INACTIVE : CUSTOMER_ALL;
	cq.transacting_only = q->filter == CF_TRANSACTING;
	cq.approval_only = q->filter == CF_APPROVAL;
	cq.sort = (enum customer_sort)q->sort;
	cq.limit = q->limit;
	cq.offset = q->offset;
	er = customer_list(st->ui->db, st->ui->actor, 0, &cq, &st->page);
	*total = (int)st->page.total;
	return er;
}

static int
rows(void *ctx)
{
	return (int)((struct customers *)ctx)->page.n;
}

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct customers *st = ctx;
	const struct customer *c = &st->page.items[row];

	switch (col) {
	case 0: snprintf(buf, sz, "%s", c->name); break;
	case 1: snprintf(buf, sz, "%s", c->email); break;
	case 2: snprintf(buf, sz, "%s", c->active ? "active" : "inactive"); break;
	case 3: snprintf(buf, sz, "%s", c->approval_required ? "required" : "-"); break;
	case 4: snprintf(buf, sz, "%lld", (long long)c->subscriptions); break;
	case 5: money_format(c->mrr, st->currency, buf, sz); break;
	}
}

static const struct ui_list_source source = {
	.cols = cols,
	.ncols = sizeof(cols) / sizeof(cols[0]),
	.sort_names = sort_names,
	.nsort = CUSTOMER_SORT__MAX,
	.filter_names = filter_names,
	.nfilter = CF__MAX,
	.fetch = fetch,
	.rows = rows,
	.cell = cell,
};

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

#define COUNTRY_MATCHES 32	/* the matches Left/Right walk ("s" has more) */

enum { K_NAME, K_EMAIL, K_CONTACT, K_PHONE, K_ADDRESS, K_COUNTRY, K_TAX, K_APPROVAL, K__MAX };

static const char *const yes_no[] = { "no", "yes", NULL };

static int
v_name(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	if (!str_text_valid(v, 1, 200, 0)) {
		snprintf(msg, sz, "1 to 200 characters.");
		return -1;
	}
	return 0;
}

static int
v_email(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	if (!contact_email_valid(v)) {
		snprintf(msg, sz, "An e-mail address like name@example.com.");
		return -1;
	}
	return 0;
}

/* v_country - the value is the match's code; core's table says whether it is one. */
static int
v_country(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	if (v[0] && !country_valid(v)) {
		snprintf(msg, sz, "No country matches '%.60s': type its name or its two-letter code.", v);
		return -1;
	}
	return 0;
}

/* country_lookup - the LOOKUP field's table: core's countries, best match first. */
static int
country_lookup(const char *query, int n, char *value, size_t vsz, char *label, size_t lsz)
{
	const struct country *c[COUNTRY_MATCHES];
	size_t found = country_search(query, c, COUNTRY_MATCHES);

	if (found > COUNTRY_MATCHES)
		found = COUNTRY_MATCHES;
	if (n >= 0 && (size_t)n < found) {
		if (value)
			snprintf(value, vsz, "%s", c[n]->code);
		if (label)
			snprintf(label, lsz, "%s  %s", c[n]->code, c[n]->name);
	}
	return (int)found;
}

static const struct ui_field customer_fields[K__MAX] = {
	[K_NAME]     = { "Name", UI_FIELD_TEXT, 200, NULL, v_name, NULL },
	[K_EMAIL]    = { "E-mail", UI_FIELD_TEXT, 254, NULL, v_email, NULL },
	[K_CONTACT]  = { "Contact person", UI_FIELD_TEXT, 200, NULL, NULL, NULL },
	[K_PHONE]    = { "Phone", UI_FIELD_TEXT, 40, NULL, NULL, NULL },
	[K_ADDRESS]  = { "Address", UI_FIELD_TEXT, 500, NULL, NULL, NULL },
	[K_COUNTRY]  = { "Country", UI_FIELD_LOOKUP, 60, NULL, v_country, "name or ISO code: Netherlands, NL",
	    country_lookup },
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
customer_edit_begin(struct ui *ui, int64_t id)
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
customer_flag_begin(struct ui *ui, int64_t id, const char *name, int approval, int on)
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
		    "Its new storefront orders are then provisioned at once.", name);
	else if (on)
		snprintf(msg, sizeof(msg), "Activate %s?\n\nIts storefront users can sign in and order again.", name);
	else
		snprintf(msg, sizeof(msg), "Deactivate %s?\n\nIts storefront users can no longer order; its data is kept.", name);
	snprintf(title, sizeof(title), "%s", approval ? "Orders need approval" : on ? "Activate" : "Deactivate");
	ui_push(ui, ui_confirm_new(ui, title, msg, flag_yes, fl, free));
}

/* ---- the screen ---------------------------------------------------- */

static void
load_stats(struct customers *st)
{
	enum core_err er;

	if ((er = customer_stats(st->ui->db, st->ui->actor, 0, &st->all, &st->transacting, &st->mrr)) != CORE_OK)
		ui_refused(st->ui, er, NULL);
	snprintf(st->currency, sizeof(st->currency), "%s", tui_currency(st->ui));
}

static int
handle_key(struct screen *s, int key)
{
	struct customers *st = s->priv;
	enum ui_act act = ui_action(keys, sizeof(keys) / sizeof(keys[0]), key);
	const struct customer *c;
	int r, flags;

	if ((flags = ui_list_key(&st->list, act, key)) != UI_IGNORED) {
		if (st->list.err != CORE_OK)
			ui_refused(s->ui, st->list.err, st->list.why);
		return flags;
	}
	r = ui_list_row(&st->list);
	c = r >= 0 ? &st->page.items[r] : NULL;
	switch (act) {
	case UA_ADD:
		customer_edit_begin(s->ui, 0);
		return UI_HANDLED | UI_REDRAW;
	case UA_OPEN:
	case UA_EDIT:
	case UA_APPROVE:
	case UA_ACTIVE:
	case UA_USERS:
		if (c == NULL)
			ui_error(s->ui, "No customer selected.");
		else if (act == UA_OPEN)
			ui_push(s->ui, screen_customer_new(s->ui, c->id));
		else if (act == UA_EDIT)
			customer_edit_begin(s->ui, c->id);
		else if (act == UA_APPROVE)
			customer_flag_begin(s->ui, c->id, c->name, 1, !c->approval_required);
		else if (act == UA_ACTIVE)
			customer_flag_begin(s->ui, c->id, c->name, 0, !c->active);
		else
			ui_push(s->ui, screen_users_new(s->ui, c->id, c->name));
		return UI_HANDLED | UI_REDRAW;
	case UA_REFRESH:
		load_stats(st);
		ui_list_reload(&st->list);
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static void
enter(struct screen *s)
{
	struct customers *st = s->priv;

	load_stats(st);
	if (ui_list_reload(&st->list) != CORE_OK)
		ui_refused(s->ui, st->list.err, st->list.why);
}

static void
draw(struct screen *s, WINDOW *w)
{
	struct customers *st = s->priv;
	char line[512], mrr[64], fit[1024];
	int h, wd;

	getmaxyx(w, h, wd);
	snprintf(line, sizeof(line), "All customers %lld   Transacting %lld   Monthly run rate %s",
	    (long long)st->all, (long long)st->transacting, money_format(st->mrr, st->currency, mrr, sizeof(mrr)));
	wattron(w, A_BOLD);
	mvwaddstr(w, 0, 0, ui_fit(fit, sizeof(fit), line, wd));
	wattroff(w, A_BOLD);
	ui_list_draw(&st->list, w, 2, 0, h - 2, wd);
}

static int
footer(struct screen *s, char *buf, size_t sz)
{
	return ui_list_footer(&((struct customers *)s->priv)->list, buf, sz);
}

static void
title(struct screen *s, char *buf, size_t sz)
{
	(void)s;
	snprintf(buf, sz, "My Customers");
}

static void
destroy(struct screen *s)
{
	struct customers *st = s->priv;

	customer_list_free(&st->page);
	free(st);
}

static struct ui_list *
list_of(struct screen *s)
{
	return &((struct customers *)s->priv)->list;
}

static const struct screen_ops ops = {
	.name = "customers",
	.keys = keys,
	.nkeys = sizeof(keys) / sizeof(keys[0]),
	.enter = enter,
	.draw = draw,
	.handle_key = handle_key,
	.title = title,
	.footer = footer,
	.free = destroy,
	.list = list_of,
};

struct screen *
screen_customers_new(struct ui *ui)
{
	struct customers *st = calloc(1, sizeof(*st));
	struct screen *s;

	if (st == NULL)
		return NULL;
	st->ui = ui;
	ui_list_init(&st->list, &source, st, ui->rows - 8);
	if ((s = ui_screen_new(ui, &ops, st)) == NULL)
		free(st);
	return s;
}
