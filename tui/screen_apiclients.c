/*
 * screen_apiclients.c - Marketplace API credentials of the reseller
 * (apiclient_list): `n` creates one (apiclient_create; its secret is
 * shown once, in a notice, and stored only hashed), `d` revokes one
 * (asks first), `f` shows the revoked ones too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "apiclient.h"
#include "str.h"
#include "screens.h"

struct apiclients {
	struct ui_listscreen  ls;
	struct apiclient_list page;
};

enum col { COL_NAME, COL_CLIENT_ID, COL_CREATED, COL_BY, COL_LAST_USED, COL_STATUS, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_NAME]      = { "Name", 0, 0, 0, 0 },
	[COL_CLIENT_ID] = { "Client id", 24, 0, 0, 0 },
	[COL_CREATED]   = { "Created", 16, 0, 0, 0 },
	[COL_BY]        = { "By", 12, 0, 0, 0 },
	[COL_LAST_USED] = { "Last used", 16, 0, 0, 0 },
	[COL_STATUS]    = { "Status", 8, 0, 0, 0 },
};

static const char *const sort_names[APICLIENT_SORT__MAX] = { "newest", "name" };
static const char *const filter_names[] = { "valid", "with revoked" };

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct apiclient_query aq = { UI_LIST_QUERY(q), .include_revoked = q->filter == 1 };

	return apiclient_list(ls->ui->db, ls->ui->actor, &aq, &((struct apiclients *)ls)->page);
}

UI_PAGE_FREE_FN(free_page, apiclient_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct apiclient *c = &((struct apiclients *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_NAME:      snprintf(buf, sz, "%s", c->name); break;
	case COL_CLIENT_ID: snprintf(buf, sz, "%s", c->client_id); break;
	case COL_CREATED:   snprintf(buf, sz, "%.16s", c->created_at); break;
	case COL_BY:        snprintf(buf, sz, "%s", c->created_by[0] ? c->created_by : "-"); break;
	case COL_LAST_USED: snprintf(buf, sz, "%.16s", c->last_used_at[0] ? c->last_used_at : "never"); break;
	case COL_STATUS:    snprintf(buf, sz, "%s", c->revoked_at[0] ? "revoked" : "valid"); break;
	case COL__MAX:      break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_ADD,     { 'n', 'a' }, "n", "New",    "create a credential; its secret is shown once" },
	{ UA_REMOVE,  { 'd' },      "d", "Revoke", "revoke the credential at once (asks first)" },
	{ UA_FILTER,  { 'f' },      "f", "Revoked", "show only valid credentials, or the revoked ones too" },
	{ UA_SEARCH,  { '/' },      "/", NULL,     "search names and client ids" },
	{ UA_SORT,    { 's' },      "s", NULL,     "sort by newest, name" },
	{ UA_REFRESH, { 'r' },      "r", NULL,     "reload from the database" },
	LIST_KEYS,
};

static int
v_name(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(!str_text_valid(v, 1, 100, 0), msg, sz,
	    "1 to 100 characters, e.g. the back-office system that uses it.");
}

static const struct ui_field create_fields[] = {
	{ "Name", UI_FIELD_TEXT, 100, NULL, v_name, "what uses it, e.g. \"Accounting sync\"", NULL },
};

static enum core_err
create_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	char id[APICLIENT_ID_SZ], secret[APICLIENT_SECRET_SZ], msg[1024];
	enum core_err er;

	(void)arg;
	if ((er = apiclient_create(f->ui->db, f->ui->actor, ui_form_value(f, 0), id, secret, NULL, why)) != CORE_OK) {
		*field = er == CORE_INVALID ? 0 : -1;
		return er;
	}
	snprintf(msg, sizeof(msg), "Credential \"%.100s\" created.\n\nClient id:\n  %s\nSecret:\n  %s\n\n"
	    "Copy the secret now: it is stored only hashed and is never\nshown again. Revoke the credential if it leaks.",
	    ui_form_value(f, 0), id, secret);
	ui_status(f->ui, "Created the credential %s.", id);
	ui_push(f->ui, ui_notice_new(f->ui, "API credential", msg));
	memset(secret, 0, sizeof(secret));
	memset(msg, 0, sizeof(msg));
	return CORE_OK;
}

struct revoke {
	int64_t id;
	char    client_id[APICLIENT_ID_SZ];
};

static enum core_err
revoke_yes(struct ui *ui, void *arg, char *why)
{
	struct revoke *r = arg;
	enum core_err er;

	if ((er = apiclient_revoke(ui->db, ui->actor, r->id, why)) == CORE_OK)
		ui_status(ui, "Revoked %s: requests with it are refused from now on.", r->client_id);
	return er;
}

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	struct apiclients *st = (struct apiclients *)ls;
	const struct apiclient *c;
	struct revoke *r;
	struct screen *f;
	enum core_err er;
	char msg[1024];

	if (act != UA_ADD && act != UA_REMOVE)
		return UI_IGNORED;
	if ((er = actor_may(ls->ui->actor, ACT_API_CLIENTS)) != CORE_OK) {
		ui_refused(ls->ui, er, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (act == UA_ADD) {
		if ((f = ui_form_new(ls->ui, "New API credential", create_fields, 1, create_submit, NULL, NULL)) != NULL)
			ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	}
	if (row < 0) {
		ui_error(ls->ui, "No credential selected.");
		return UI_HANDLED | UI_REDRAW;
	}
	c = &st->page.items[row];
	if (c->revoked_at[0]) {
		ui_error(ls->ui, "%s is already revoked.", c->client_id);
		return UI_HANDLED | UI_REDRAW;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return UI_HANDLED;
	r->id = c->id;
	snprintf(r->client_id, sizeof(r->client_id), "%s", c->client_id);
	snprintf(msg, sizeof(msg), "Revoke \"%s\" (%s)?\n\nEvery request with it is refused from now on.\n"
	    "This cannot be undone: make a new one instead.", c->name, c->client_id);
	ui_push(ls->ui, ui_confirm_new(ls->ui, "Revoke API credential", msg, revoke_yes, r, free));
	return UI_HANDLED | UI_REDRAW;
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "apiclients", UI_ACTIONS(keys) },
	.src = { UI_COLUMNS(cols), UI_SORTS(sort_names), UI_FILTERS(filter_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct apiclients, page, free_page),
	.fetch = fetch,
	.title = "Marketplace API credentials",
	.act = act,
};

struct screen *
screen_apiclients_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}
