/*
 * screen_apiclients.c - Marketplace API credentials of the reseller
 * (apiclient_list): `n` creates one with its scopes (read, or read
 * and write, per resource: apiclient_create_scoped; its secret is shown
 * once, in a notice, and stored only hashed), `e` changes a
 * credential's scopes (apiclient_set_scopes: its tokens carry the new
 * ones from their next request), `d` revokes one (asks first; its
 * tokens are refused at once), `f` shows the revoked ones too, `w`
 * opens the webhook endpoints (screen_webhooks.c).
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

enum col { COL_NAME, COL_CLIENT_ID, COL_CREATED, COL_BY, COL_LAST_USED, COL_SCOPES, COL_STATUS, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_NAME]      = { "Name", 0, 0, 0, 0 },
	[COL_CLIENT_ID] = { "Client id", 24, 0, 0, 0 },
	[COL_CREATED]   = { "Created", 16, 0, 0, 0 },
	[COL_BY]        = { "By", 12, 0, 0, 0 },
	[COL_LAST_USED] = { "Last used", 16, 0, 0, 0 },
	[COL_SCOPES]    = { "Scopes", 10, 0, 0, 0 },
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

/*
 * The scope fields of the forms: one choice per resource, in this
 * order, of what its tokens may do there.  Choice 0 is the whole of it,
 * the default of a new credential.
 */
enum { SR_CUSTOMERS, SR_ORDERS, SR_SUBSCRIPTIONS, SR_INVOICES, SR_PRODUCTS, SR_WEBHOOKS, SR__MAX };

static const char *const rw_choices[] = { "read and write", "read", "none", NULL };
static const char *const r_choices[] = { "read", "none", NULL };

static const struct {
	const char *label;
	int         read, write;	/* enum apiscope; write -1: read only */
} scope_rows[SR__MAX] = {
	[SR_CUSTOMERS] = { "Customers", APISCOPE_CUSTOMERS_READ, APISCOPE_CUSTOMERS_WRITE },
	[SR_ORDERS] = { "Orders", APISCOPE_ORDERS_READ, APISCOPE_ORDERS_WRITE },
	[SR_SUBSCRIPTIONS] = { "Subscriptions", APISCOPE_SUBSCRIPTIONS_READ, APISCOPE_SUBSCRIPTIONS_WRITE },
	[SR_INVOICES] = { "Invoices", APISCOPE_INVOICES_READ, -1 },
	[SR_PRODUCTS] = { "Products, markups", APISCOPE_PRODUCTS_READ, APISCOPE_PRODUCTS_WRITE },
	[SR_WEBHOOKS] = { "Webhooks", APISCOPE_WEBHOOKS_READ, APISCOPE_WEBHOOKS_WRITE },
};

#define SCOPE_FIELD(label, choices) { label, UI_FIELD_CHOICE, 0, choices, NULL, NULL, NULL }
#define SCOPE_FIELDS \
	SCOPE_FIELD("Customers", rw_choices), SCOPE_FIELD("Orders", rw_choices), \
	SCOPE_FIELD("Subscriptions", rw_choices), SCOPE_FIELD("Invoices", r_choices), \
	SCOPE_FIELD("Products, markups", rw_choices), SCOPE_FIELD("Webhooks", rw_choices)

/* scopes_of - the mask chosen in the form's scope fields, which start at field first. */
static unsigned
scopes_of(const struct ui_form *f, int first)
{
	unsigned m = 0;
	int i;

	for (i = 0; i < SR__MAX; i++) {
		const char *v = ui_form_value(f, first + i);

		if (strcmp(v, "none") != 0)
			m |= 1u << scope_rows[i].read;
		if (strcmp(v, "read and write") == 0 && scope_rows[i].write >= 0)
			m |= 1u << scope_rows[i].write;
	}
	return m;
}

/* scopes_set - prefill the form's scope fields (from field first) with mask. */
static void
scopes_set(struct ui_form *f, int first, unsigned mask)
{
	int i;

	for (i = 0; i < SR__MAX; i++) {
		int r = (mask >> scope_rows[i].read) & 1, w = scope_rows[i].write >= 0 && ((mask >> scope_rows[i].write) & 1);

		ui_form_set(f, first + i, !r ? "none" : w ? "read and write" : "read");
	}
}

/* scopes_label - a short word for the column: all, read, or how many scopes. */
static void
scopes_label(unsigned mask, char *buf, size_t sz)
{
	unsigned reads = 0;
	int i, n = 0;

	for (i = 0; i < SR__MAX; i++)
		reads |= 1u << scope_rows[i].read;
	for (i = 0; i < APISCOPE__MAX; i++)
		n += (mask >> i) & 1;
	if (mask == APISCOPE_ALL)
		snprintf(buf, sz, "all");
	else if (mask == reads)
		snprintf(buf, sz, "read");
	else
		snprintf(buf, sz, "%d of %d", n, APISCOPE__MAX);
}

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
	case COL_SCOPES:    scopes_label(c->scopes, buf, sz); break;
	case COL_STATUS:    snprintf(buf, sz, "%s", c->revoked_at[0] ? "revoked" : "valid"); break;
	case COL__MAX:      break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_ADD,     { 'n', 'a' }, "n", "New",    "create a credential; its secret is shown once" },
	{ UA_EDIT,    { 'e' },      "e", "Scopes", "change what the credential may read and write" },
	{ UA_REMOVE,  { 'd' },      "d", "Revoke", "revoke the credential at once (asks first)" },
	{ UA_FILTER,  { 'f' },      "f", "Revoked", "show only valid credentials, or the revoked ones too" },
	{ UA_VIEW,    { 'w' },      "w", "Webhooks", "the reseller's webhook endpoints and their delivery logs" },
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
	SCOPE_FIELDS,
};

static const struct ui_field scope_fields[] = {
	SCOPE_FIELDS,
};

static enum core_err
create_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	char id[APICLIENT_ID_SZ], secret[APICLIENT_SECRET_SZ], msg[1024];
	enum core_err er;

	(void)arg;
	if ((er = apiclient_create_scoped(f->ui->db, f->ui->actor, ui_form_value(f, 0), scopes_of(f, 1), id, secret,
	    NULL, why)) != CORE_OK) {
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
scopes_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct revoke *r = arg;
	enum core_err er;

	if ((er = apiclient_set_scopes(f->ui->db, f->ui->actor, r->id, scopes_of(f, 0), why)) != CORE_OK) {
		*field = -1;
		return er;
	}
	ui_status(f->ui, "Scopes of %s changed: its tokens carry them from their next request.", r->client_id);
	return CORE_OK;
}

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

	if (act == UA_VIEW) {
		if ((f = screen_webhooks_new(ls->ui)) != NULL)
			ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	}
	if (act != UA_ADD && act != UA_REMOVE && act != UA_EDIT)
		return UI_IGNORED;
	if ((er = actor_may(ls->ui->actor, ACT_API_CLIENTS)) != CORE_OK) {
		ui_refused(ls->ui, er, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (act == UA_ADD) {
		if ((f = ui_form_new(ls->ui, "New API credential", create_fields, 1 + SR__MAX, create_submit, NULL,
		    NULL)) != NULL)
			ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	}
	if (row < 0) {
		ui_error(ls->ui, "No credential selected.");
		return UI_HANDLED | UI_REDRAW;
	}
	c = &st->page.items[row];
	if (c->revoked_at[0]) {
		ui_error(ls->ui, act == UA_EDIT ? "%s is revoked: it has no scopes to change." : "%s is already revoked.",
		    c->client_id);
		return UI_HANDLED | UI_REDRAW;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return UI_HANDLED;
	r->id = c->id;
	snprintf(r->client_id, sizeof(r->client_id), "%s", c->client_id);
	if (act == UA_EDIT) {
		snprintf(msg, sizeof(msg), "Scopes of %s", c->client_id);
		if ((f = ui_form_new(ls->ui, msg, scope_fields, SR__MAX, scopes_submit, r, free)) == NULL) {
			free(r);
			return UI_HANDLED;
		}
		scopes_set(ui_form_of(f), 0, c->scopes);
		ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	}
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
