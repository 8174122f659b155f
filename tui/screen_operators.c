/*
 * screen_operators.c - the Operators tab: the TUI logins a distributor
 * admin (all of its distributor) or a reseller admin (its own reseller's)
 * sees, from operator_list.  `a` adds one (login, name, e-mail, role, and
 * for a distributor admin the reseller of a reseller role), `d` disables
 * the one under the cursor (asks first; its TUI ends on its next
 * keystroke).  Core decides who may manage whom (core/operator.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "operator.h"
#include "str.h"
#include "screens.h"

struct operators {
	struct ui_listscreen ls;
	struct operator_list page;
};

enum col { COL_LOGIN, COL_NAME, COL_ROLE, COL_RESELLER, COL_EMAIL, COL_ACTIVE, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_LOGIN]    = { "Login", 18, 0, 12, 0 },
	[COL_NAME]     = { "Name", 0, 0, 16, 0 },
	[COL_ROLE]     = { "Role", 17, 0, 14, 0 },
	[COL_RESELLER] = { "Reseller", 20, 0, 12, 2 },
	[COL_EMAIL]    = { "E-mail", 28, 0, 14, 1 },
	[COL_ACTIVE]   = { "Active", 6, 0, 0, 0 },
};

static const char *const sort_names[] = { "role" };

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	return operator_list(ls->ui->db, ls->ui->actor, q->limit, q->offset, &((struct operators *)ls)->page);
}

UI_PAGE_FREE_FN(free_page, operator_list_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	const struct operator *o = &((struct operators *)ctx)->page.items[row];

	switch ((enum col)col) {
	case COL_LOGIN:    snprintf(buf, sz, "%s", o->login); break;
	case COL_NAME:     snprintf(buf, sz, "%s", o->display_name); break;
	case COL_ROLE:     snprintf(buf, sz, "%s", operator_role_label(o->role)); break;
	case COL_RESELLER: snprintf(buf, sz, "%s", o->reseller_name[0] ? o->reseller_name : "-"); break;
	case COL_EMAIL:    snprintf(buf, sz, "%s", o->email[0] ? o->email : "-"); break;
	case COL_ACTIVE:   snprintf(buf, sz, "%s", o->active ? "yes" : "no"); break;
	case COL__MAX:     break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_ADD,     { 'a', 'n' }, "a", "Add",     "add an operator: login, name, e-mail, role" },
	{ UA_REMOVE,  { 'd' },      "d", "Disable", "disable the operator (asks first); refused from their next keystroke" },
	{ UA_REFRESH, { 'r' },      "r", NULL,      "reload from the database" },
	LIST_KEYS,
};

/* ---- add ------------------------------------------------------------ */

enum { F_LOGIN, F_NAME, F_EMAIL, F_ROLE, F_RESELLER, F__MAX };

/* the roles offered: a distributor admin's, a reseller admin's */
static const char *const roles_distributor[] = { "reseller_admin", "reseller_staff", "distributor_admin", "support", NULL };
static const char *const roles_reseller[] = { "reseller_admin", "reseller_staff", NULL };

static int
v_login(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	return ui_invalid_if(!operator_login_valid(v), msg, sz,
	    "1 to 32 of a-z, 0-9, '.', '_', '-'; the first a letter or digit.");
}

static int
v_reseller(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	int64_t id;
	int reseller_role = strncmp(ui_form_value(f, F_ROLE), "reseller_", 9) == 0;

	if (!reseller_role)
		return ui_invalid_if(v[0] != '\0', msg, sz, "Only reseller roles belong to a reseller: leave it empty.");
	return ui_invalid_if(str_parse_id(v, &id) != 0, msg, sz, "The reseller's id (see the Resellers tab).");
}

#define F_COMMON \
	[F_LOGIN] = { "Login", UI_FIELD_TEXT, 32, NULL, v_login, "the SSH gateway's --operator name", NULL }, \
	[F_NAME]  = { "Name", UI_FIELD_TEXT, 200, NULL, ui_valid_name, NULL, NULL }, \
	[F_EMAIL] = { "E-mail", UI_FIELD_TEXT, 254, NULL, ui_valid_email, NULL, NULL }

static const struct ui_field fields_distributor[F__MAX] = {
	F_COMMON,
	[F_ROLE]     = { "Role", UI_FIELD_CHOICE, 0, roles_distributor, NULL, "Left/Right; reseller_staff is read-only", NULL },
	[F_RESELLER] = { "Reseller id", UI_FIELD_TEXT, 20, NULL, v_reseller, "for reseller roles", NULL },
};
static const struct ui_field fields_reseller[F_RESELLER] = {
	F_COMMON,
	[F_ROLE] = { "Role", UI_FIELD_CHOICE, 0, roles_reseller, NULL, "Left/Right; reseller_staff is read-only", NULL },
};

static enum core_err
add_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct operator_new n = { 0 };
	enum core_err er;
	int role;

	(void)arg;
	n.login = ui_form_value(f, F_LOGIN);
	n.display_name = ui_form_value(f, F_NAME);
	n.email = ui_form_value(f, F_EMAIL);
	if ((role = actor_role_parse(ui_form_value(f, F_ROLE))) < 0)
		return CORE_INVALID;
	n.role = (enum actor_role)role;
	if (f->nfields > F_RESELLER && ui_form_value(f, F_RESELLER)[0] &&
	    str_parse_id(ui_form_value(f, F_RESELLER), &n.reseller_id) != 0)
		return CORE_INVALID;
	if ((er = operator_add(f->ui->db, f->ui->actor, &n, NULL, why)) != CORE_OK) {
		*field = strstr(why, "login") ? F_LOGIN : strstr(why, "mail") ? F_EMAIL : strstr(why, "name") ? F_NAME :
		    strstr(why, "reseller") && f->nfields > F_RESELLER ? F_RESELLER : -1;
		return er;
	}
	ui_status(f->ui, "Added %s (%s). Add their SSH key: shelf operator add --ssh-key prints the line.",
	    n.login, operator_role_label(n.role));
	return CORE_OK;
}

/* ---- disable -------------------------------------------------------- */

static enum core_err
disable_yes(struct ui *ui, void *arg, char *why)
{
	const char *login = arg;
	enum core_err er;

	if ((er = operator_disable(ui->db, ui->actor, login, NULL, why)) == CORE_OK)
		ui_status(ui, "Disabled %s: refused from their next keystroke.", login);
	return er;
}

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	const struct operator *o;
	struct screen *f;
	enum core_err er;
	char msg[1024], *login;
	int dist;

	if (act != UA_ADD && act != UA_REMOVE)
		return UI_IGNORED;
	if ((er = actor_may(ls->ui->actor, ACT_OPERATOR_MANAGE)) != CORE_OK) {
		ui_refused(ls->ui, er, NULL);
		return UI_HANDLED | UI_REDRAW;
	}
	if (act == UA_ADD) {
		dist = ls->ui->actor->role == ROLE_DISTRIBUTOR_ADMIN;
		f = ui_form_new(ls->ui, "Add an operator", dist ? fields_distributor : fields_reseller,
		    dist ? F__MAX : F_RESELLER, add_submit, NULL, NULL);
		if (f != NULL)
			ui_push(ls->ui, f);
		return UI_HANDLED | UI_REDRAW;
	}
	if (row < 0) {
		ui_error(ls->ui, "No operator selected.");
		return UI_HANDLED | UI_REDRAW;
	}
	o = &((struct operators *)ls)->page.items[row];
	if (!o->active) {
		ui_error(ls->ui, "%s is already disabled.", o->login);
		return UI_HANDLED | UI_REDRAW;
	}
	if ((login = strdup(o->login)) == NULL)
		return UI_HANDLED;
	snprintf(msg, sizeof(msg), "Disable %s (%s, %s)?\n\nTheir TUI session ends on their next keystroke\n"
	    "and they cannot log in again. Nothing else is deleted.", o->login, o->display_name,
	    operator_role_label(o->role));
	ui_push(ls->ui, ui_confirm_new(ls->ui, "Disable operator", msg, disable_yes, login, free));
	return UI_HANDLED | UI_REDRAW;
}

static int
offers(struct screen *s, enum ui_act act)
{
	if (act == UA_ADD || act == UA_REMOVE)
		return actor_may(s->ui->actor, ACT_OPERATOR_MANAGE) == CORE_OK;
	return 1;
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "operators", UI_ACTIONS(keys), .offers = offers },
	.src = { UI_COLUMNS(cols), UI_SORTS(sort_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct operators, page, free_page),
	.fetch = fetch,
	.title = "Operators: who works in this TUI",
	.act = act,
};

struct screen *
screen_operators_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}
