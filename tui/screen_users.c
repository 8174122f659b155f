/*
 * screen_users.c - the storefront users of one customer (user_list):
 * `n` creates one with an invitation e-mail or a one-time password
 * (shown once, in a notice, never again), `d` disables or enables one,
 * `p` sends a password-reset e-mail.  Each asks first where it matters;
 * core checks the role and that the customer is the reseller's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "screens.h"
#include "user.h"
#include "str.h"

struct users {
	struct ui_listscreen ls;
	struct user_list     page;
	int64_t              customer_id;
	char                 customer[201];
};

enum col { COL_EMAIL, COL_NAME, COL_ROLE, COL_STATUS, COL_LAST_LOGIN, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_EMAIL]      = { "E-mail", 0, 0, 0, 0 },
	[COL_NAME]       = { "Name", 0, 0, 0, 0 },
	[COL_ROLE]       = { "Role", 6, 0, 0, 0 },
	[COL_STATUS]     = { "Status", 8, 0, 0, 0 },
	[COL_LAST_LOGIN] = { "Last sign-in", 16, 0, 0, 0 },
};

static const char *const sort_names[USER_SORT__MAX] = { "e-mail", "name", "newest" };
static const char *const filter_names[] = { "all", "active", "disabled" };

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	struct users *st = (struct users *)ls;
	struct user_query uq = { UI_LIST_QUERY(q),
		.status = q->filter == 1 ? USER_ACTIVE : q->filter == 2 ? USER_INACTIVE : USER_ALL };

	return user_list(ls->ui->db, ls->ui->actor, st->customer_id, &uq, &st->page);
}

UI_PAGE_FREE_FN(free_page, user_list_free)

static const char *
status_of(const struct user *u)
{
	return !u->active ? "disabled" : u->locked ? "locked" : !u->has_password ? "invited" : "active";
}

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct user *u = &((struct users *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_EMAIL:      snprintf(buf, sz, "%s", u->email); break;
	case COL_NAME:       snprintf(buf, sz, "%s", u->name); break;
	case COL_ROLE:       snprintf(buf, sz, "%s", u->role == ROLE_CUSTOMER_OWNER ? "owner" : "member"); break;
	case COL_STATUS:     snprintf(buf, sz, "%s", status_of(u)); break;
	case COL_LAST_LOGIN: snprintf(buf, sz, "%.16s", u->last_login_at[0] ? u->last_login_at : "never"); break;
	case COL__MAX:       break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_ADD,      { 'n', 'a' }, "n", "New user", "create a storefront user: invitation e-mail or one-time password" },
	{ UA_ACTIVE,   { 'd' }, "d", "Disable/Enable", "disable the user (signs it out at once) or enable it again" },
	{ UA_PASSWORD, { 'p' }, "p", "Reset password", "e-mail the user a link to set a new password" },
	{ UA_SEARCH,   { '/' }, "/", "Search", "search e-mails and names" },
	{ UA_FILTER,   { 'f' }, "f", NULL,     "show all, active or disabled users" },
	{ UA_SORT,     { 's' }, "s", NULL,     "sort by e-mail, name, newest" },
	{ UA_REFRESH,  { 'r' }, "r", NULL,     "reload from the database" },
	LIST_KEYS,
};

/* ---- create -------------------------------------------------------- */

enum { U_EMAIL, U_NAME, U_ROLE, U_CRED, U__MAX };

static const char *const roles[] = { "member", "owner", NULL };
static const char *const creds[] = { "invitation e-mail", "one-time password", NULL };

static const struct ui_field user_fields[U__MAX] = {
	[U_EMAIL] = { "E-mail", UI_FIELD_TEXT, 254, NULL, ui_valid_email, "the user signs in with it" },
	[U_NAME]  = { "Name", UI_FIELD_TEXT, 200, NULL, ui_valid_name, NULL },
	[U_ROLE]  = { "Role", UI_FIELD_CHOICE, 0, roles, NULL, "an owner also manages the customer's users" },
	[U_CRED]  = { "First password", UI_FIELD_CHOICE, 0, creds, NULL, "an e-mailed link, or a password shown here once" },
};

struct create {
	int64_t customer_id;
	char    customer[201];
};

static enum core_err
user_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct create *c = arg;
	char otp[USER_OTP_SZ] = "", msg[1024];
	int otp_wanted = strcmp(ui_form_value(f, U_CRED), "one-time password") == 0;
	enum core_err er;

	er = user_create(f->ui->db, f->ui->actor, c->customer_id, ui_form_value(f, U_EMAIL), ui_form_value(f, U_NAME),
	    strcmp(ui_form_value(f, U_ROLE), "owner") == 0 ? ROLE_CUSTOMER_OWNER : ROLE_CUSTOMER_MEMBER,
	    otp_wanted ? USER_ONE_TIME_PASSWORD : USER_INVITE, f->ui->cfg ? f->ui->cfg->public_url : NULL,
	    otp_wanted ? otp : NULL, NULL, why);
	if (er == CORE_INVALID || er == CORE_CONFLICT)
		*field = strstr(why, "ame") && !strstr(why, "mail") ? U_NAME : U_EMAIL;
	if (er != CORE_OK)
		return er;
	if (!otp_wanted) {
		ui_status(f->ui, "Created %s: an invitation e-mail is on its way.", ui_form_value(f, U_EMAIL));
		return CORE_OK;
	}
	/* the one time it exists outside the user's head: a notice, not the status line */
	snprintf(msg, sizeof(msg), "Created %.254s for %.200s.\n\nOne-time password:\n\n    %s\n\n"
	    "Give it to the user; it is shown only now. The user must\nchoose a new password at the first sign-in.",
	    ui_form_value(f, U_EMAIL), c->customer, otp);
	ui_status(f->ui, "Created %s with a one-time password.", ui_form_value(f, U_EMAIL));
	ui_push(f->ui, ui_notice_new(f->ui, "One-time password", msg));
	memset(otp, 0, sizeof(otp));
	return CORE_OK;
}

/* ---- disable / enable, reset --------------------------------------- */

struct one {
	int64_t id;
	int     on;
	char    email[USER_EMAIL_SZ];
};

static enum core_err
active_yes(struct ui *ui, void *arg, char *why)
{
	struct one *o = arg;
	enum core_err er;

	if ((er = user_set_active(ui->db, ui->actor, o->id, o->on, why)) == CORE_OK)
		ui_status(ui, "%s is %s.", o->email, o->on ? "enabled again" : "disabled and signed out");
	return er;
}

static enum core_err
reset_yes(struct ui *ui, void *arg, char *why)
{
	struct one *o = arg;
	enum core_err er;

	if ((er = user_reset_password(ui->db, ui->actor, o->id, ui->cfg ? ui->cfg->public_url : NULL, why)) == CORE_OK)
		ui_status(ui, "A password-reset e-mail to %s is on its way.", o->email);
	return er;
}

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	struct users *st = (struct users *)ls;
	const struct user *u;
	struct create *c;
	struct screen *f;
	struct one *o;
	enum core_err er;
	char msg[800], title[300];

	if (act != UA_ADD && act != UA_ACTIVE && act != UA_PASSWORD)
		return UI_IGNORED;
	if ((er = actor_may(ls->ui->actor, ACT_CUSTOMER_WRITE)) != CORE_OK) {
		ui_refused(ls->ui, er, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (act == UA_ADD) {
		if ((c = calloc(1, sizeof(*c))) == NULL)
			return UI_HANDLED;
		c->customer_id = st->customer_id;
		snprintf(c->customer, sizeof(c->customer), "%s", st->customer);
		snprintf(title, sizeof(title), "New storefront user of %.200s", st->customer);
		if ((f = ui_form_new(ls->ui, title, user_fields, U__MAX, user_submit, c, free)) != NULL)
			ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	}
	if (row < 0) {
		ui_error(ls->ui, "No user selected.");
		return UI_HANDLED | UI_REDRAW;
	}
	u = &st->page.items[row];
	if ((o = calloc(1, sizeof(*o))) == NULL)
		return UI_HANDLED;
	o->id = u->id;
	o->on = !u->active;
	snprintf(o->email, sizeof(o->email), "%s", u->email);
	if (act == UA_ACTIVE) {
		snprintf(msg, sizeof(msg), o->on ? "Enable %s again?\n\nThe user can sign in to the storefront again." :
		    "Disable %s?\n\nThe user is signed out at once and can no longer sign in.", u->email);
		ui_push(ls->ui, ui_confirm_new(ls->ui, o->on ? "Enable user" : "Disable user", msg, active_yes, o, free));
	} else {
		snprintf(msg, sizeof(msg), "Send %s a link to set a new password?\n\n"
		    "The current password keeps working until the link is used.", u->email);
		ui_push(ls->ui, ui_confirm_new(ls->ui, "Reset password", msg, reset_yes, o, free));
	}
	return UI_HANDLED | UI_REDRAW;
}

static void
title(struct ui_listscreen *ls, char *buf, size_t sz)
{
	snprintf(buf, sz, "Storefront users of %s", ((struct users *)ls)->customer);
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "users", UI_ACTIONS(keys) },
	.src = { UI_COLUMNS(cols), UI_SORTS(sort_names), UI_FILTERS(filter_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct users, page, free_page),
	.fetch = fetch,
	.title_fn = title,
	.act = act,
};

struct screen *
screen_users_new(struct ui *ui, int64_t customer_id, const char *customer_name)
{
	struct screen *s = ui_listscreen_new(ui, &def);
	struct users *st;

	if (s == NULL)
		return NULL;
	st = s->priv;
	st->customer_id = customer_id;
	snprintf(st->customer, sizeof(st->customer), "%s", customer_name ? customer_name : "");
	return s;
}
