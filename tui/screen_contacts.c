/*
 * screen_contacts.c - the contact persons of one customer
 * (custcontact_list): `n` invites one (core queues the e-mail that tells
 * the person: the status line says it is queued, never that it was
 * sent), `d` disables one (asks first).  Core checks the role and that
 * the customer is the reseller's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "custcontact.h"
#include "screens.h"

struct contacts {
	struct ui_listscreen    ls;
	struct custcontact_list page;
	int64_t                 customer_id;
	char                    customer[201];
};

enum col { COL_NAME, COL_EMAIL, COL_ROLE, COL_PHONE, COL_STATUS, COL_INVITED, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_NAME]    = { "Name", 0, 0, 0, 0 },
	[COL_EMAIL]   = { "E-mail", 0, 0, 0, 0 },
	[COL_ROLE]    = { "Role", 9, 0, 0, 0 },
	[COL_PHONE]   = { "Phone", 16, 0, 0, 2 },
	[COL_STATUS]  = { "Status", 8, 0, 0, 0 },
	[COL_INVITED] = { "Invited", 10, 0, 0, 1 },
};

static const char *const sort_names[] = { "oldest" };
static const char *const filter_names[] = { "all", "active", "disabled" };

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct contacts *st = (struct contacts *)ls;
	struct custcontact_query cq = { q->filter == 1 ? 1 : q->filter == 2 ? 0 : -1, q->limit, q->offset };

	return custcontact_list(ls->ui->db, ls->ui->actor, 0, st->customer_id, &cq, &st->page);
}

UI_PAGE_FREE_FN(free_page, custcontact_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct custcontact *k = &((struct contacts *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_NAME:    snprintf(buf, sz, "%s", k->name); break;
	case COL_EMAIL:   snprintf(buf, sz, "%s", k->email); break;
	case COL_ROLE:    snprintf(buf, sz, "%s", custcontact_role_name((enum custcontact_role)k->role)); break;
	case COL_PHONE:   snprintf(buf, sz, "%s", k->phone[0] ? k->phone : "-"); break;
	case COL_STATUS:  snprintf(buf, sz, "%s", k->active ? "active" : "disabled"); break;
	case COL_INVITED: snprintf(buf, sz, "%.10s", k->invited_at); break;
	case COL__MAX:    break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_ADD,      { 'n', 'a' }, "n", "Invite", "invite a contact person: primary, billing or technical (an e-mail tells them)" },
	{ UA_ACTIVE,   { 'd' }, "d", "Disable", "disable the contact (invite the address again to make it active)" },
	{ UA_FILTER,   { 'f' }, "f", NULL,      "show all, active or disabled contacts" },
	{ UA_REFRESH,  { 'r' }, "r", NULL,      "reload from the database" },
	LIST_KEYS,
};

/* ---- invite -------------------------------------------------------- */

enum { K_NAME, K_EMAIL, K_PHONE, K_ROLE, K__MAX };

static const char *const roles[] = { "primary", "billing", "technical", NULL };

static const struct ui_field contact_fields[K__MAX] = {
	[K_NAME]  = { "Name", UI_FIELD_TEXT, CUSTCONTACT_NAME_MAX, NULL, ui_valid_name, NULL },
	[K_EMAIL] = { "E-mail", UI_FIELD_TEXT, CUSTCONTACT_EMAIL_MAX, NULL, ui_valid_email, "the invitation goes here" },
	[K_PHONE] = { "Phone", UI_FIELD_TEXT, CUSTCONTACT_PHONE_MAX, NULL, NULL, "optional" },
	[K_ROLE]  = { "Role", UI_FIELD_CHOICE, 0, roles, NULL, "what the reseller talks to this person about" },
};

static enum core_err
invite_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	int64_t *customer_id = arg;
	struct custcontact_input in = {
		ui_form_value(f, K_NAME), ui_form_value(f, K_EMAIL), ui_form_value(f, K_PHONE),
		(enum custcontact_role)custcontact_role_parse(ui_form_value(f, K_ROLE)),
	};
	enum core_err er;

	er = custcontact_invite(f->ui->db, f->ui->actor, *customer_id, &in, NULL, why);
	if (er == CORE_INVALID || er == CORE_CONFLICT)
		*field = strncmp(why, "name:", 5) == 0 ? K_NAME : strncmp(why, "phone:", 6) == 0 ? K_PHONE :
		    strncmp(why, "role:", 5) == 0 ? K_ROLE : K_EMAIL;
	if (er == CORE_OK)
		ui_status(f->ui, "Invited %s: the e-mail that tells them is queued.", in.email);
	return er;
}

/* ---- disable ------------------------------------------------------- */

struct one {
	int64_t customer_id, id;
	char    email[CUSTCONTACT_EMAIL_MAX + 1];
};

static enum core_err
disable_yes(struct ui *ui, void *arg, char *why)
{
	struct one *o = arg;
	enum core_err er;

	if ((er = custcontact_disable(ui->db, ui->actor, o->customer_id, o->id, why)) == CORE_OK)
		ui_status(ui, "%s is disabled.", o->email);
	return er;
}

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	struct contacts *st = (struct contacts *)ls;
	const struct custcontact *k;
	struct screen *f;
	struct one *o;
	int64_t *customer_id;
	enum core_err er;
	char msg[800], title[300];

	if (act != UA_ADD && act != UA_ACTIVE)
		return UI_IGNORED;
	if ((er = actor_may(ls->ui->actor, ACT_CUSTOMER_WRITE)) != CORE_OK) {
		ui_refused(ls->ui, er, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (act == UA_ADD) {
		if ((customer_id = malloc(sizeof(*customer_id))) == NULL)
			return UI_HANDLED;
		*customer_id = st->customer_id;
		snprintf(title, sizeof(title), "Invite a contact of %.200s", st->customer);
		if ((f = ui_form_new(ls->ui, title, contact_fields, K__MAX, invite_submit, customer_id, free)) != NULL)
			ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	}
	if (row < 0) {
		ui_error(ls->ui, "No contact selected.");
		return UI_HANDLED | UI_REDRAW;
	}
	k = &st->page.items[row];
	if (!k->active) {
		ui_status(ls->ui, "%s is disabled already; invite the address again to make it active.", k->email);
		return UI_HANDLED | UI_REDRAW;
	}
	if ((o = calloc(1, sizeof(*o))) == NULL)
		return UI_HANDLED;
	o->customer_id = st->customer_id;
	o->id = k->id;
	snprintf(o->email, sizeof(o->email), "%s", k->email);
	snprintf(msg, sizeof(msg), "Disable %s, the %s contact of %s?\n\nInvite the address again to make it active.",
	    k->email, custcontact_role_name((enum custcontact_role)k->role), st->customer);
	ui_push(ls->ui, ui_confirm_new(ls->ui, "Disable contact", msg, disable_yes, o, free));
	return UI_HANDLED | UI_REDRAW;
}

static void
title(struct ui_listscreen *ls, char *buf, size_t sz)
{
	snprintf(buf, sz, "Contacts of %s", ((struct contacts *)ls)->customer);
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "contacts", UI_ACTIONS(keys) },
	.src = { UI_COLUMNS(cols), UI_SORTS(sort_names), UI_FILTERS(filter_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct contacts, page, free_page),
	.fetch = fetch,
	.title_fn = title,
	.act = act,
};

struct screen *
screen_contacts_new(struct ui *ui, int64_t customer_id, const char *customer_name)
{
	struct screen *s = ui_listscreen_new(ui, &def);
	struct contacts *st;

	if (s == NULL)
		return NULL;
	st = s->priv;
	st->customer_id = customer_id;
	snprintf(st->customer, sizeof(st->customer), "%s", customer_name ? customer_name : "");
	return s;
}
