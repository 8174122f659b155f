/*
 * page_profile.c - the signed-in user's own account, and for a
 * customer's owner the other storefront users of the same customer.
 *
 *   /account/profile          GET; POST name (the e-mail address is the
 *                             sign-in and is changed by the shop)
 *   /account/password         POST current_password, new_password, confirm_password:
 *                             every other session of the user ends
 *   /account/users            POST name, email, role (owner): an invitation e-mail
 *   /account/users/ID/active  POST active (owner): disabling ends the user's sessions
 */
#include <stdio.h>
#include <string.h>
#include "account.h"
#include "page.h"
#include "password.h"
#include "render.h"
#include "session.h"
#include "user.h"

#define TEAM_MAX 200

/* team - the owner's colleagues and the invitation form (form: its values and errors, stolen; may be NULL). */
static json_t *
team(struct request *req, json_t *form)
{
	struct user_query q = { .status = USER_ALL, .sort = USER_SORT_NAME, .limit = TEAM_MAX };
	struct user_list l = { 0 };
	json_t *t, *users;
	size_t i;

	if (req->actor.role != ROLE_CUSTOMER_OWNER || user_list(req->db, &req->actor, 0, &q, &l) != CORE_OK) {
		json_decref(form);
		return NULL;
	}
	users = json_array();
	for (i = 0; i < l.n; i++) {
		const struct user *u = &l.items[i];
		int self = u->id == req->actor.id;

		json_array_append_new(users, json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:b, s:o, s:s, s:s}",
		    "id", (json_int_t)u->id, "name", u->name, "email", u->email,
		    "role_label", u->role == ROLE_CUSTOMER_OWNER ? "Owner" : "Member",
		    "status_label", !u->active ? "Disabled" : !u->has_password ? "Invited" : u->locked ? "Locked" : "Active",
		    "is_self", self, "can_toggle", !self, "toggle_action", page_url(req, PAGE_USER_ACTIVE, u->id),
		    "toggle_value", u->active ? "0" : "1", "toggle_label", u->active ? "Disable" : "Enable"));
	}
	user_list_free(&l);
	t = form ? form : json_object();
	json_object_set_new(t, "users", users);
	json_object_set_new(t, "invite_action", page_url(req, PAGE_USERS_INVITE));
	return t;
}

/*
 * show - the profile page with status, an error flash (NULL: none), the
 * details form's values and errors (profile fields set on p, stolen;
 * NULL: from the database), and the invitation form (stolen; NULL).
 */
static void
show(struct request *req, int status, const char *error, json_t *p, json_t *invite)
{
	struct user u;
	json_t *ctx;
	enum core_err er;

	if ((er = user_get(req->db, &req->actor, req->actor.id, &u)) != CORE_OK) {
		json_decref(p);
		json_decref(invite);
		account_fail(req, er, "profile");
		return;
	}
	if ((ctx = account_context(req, "profile", "profile", "Profile & password")) == NULL) {
		json_decref(p);
		json_decref(invite);
		page_error(req, 500);
		return;
	}
	render_flash(ctx, "error", error);
	if (p == NULL)
		p = json_object();
	if (json_object_get(p, "name") == NULL)
		json_object_set_new(p, "name", json_string(u.name));
	json_object_set_new(p, "email", json_string(u.email));
	json_object_set_new(p, "action", page_url(req, PAGE_PROFILE));
	json_object_set_new(p, "password_action", page_url(req, PAGE_PASSWORD));
	json_object_set_new(p, "password_min_length", json_integer(PASSWORD_MIN));
	render_set(p, "team", team(req, invite));
	json_object_set_new(ctx, "profile", p);
	render_set(ctx, "nav.user.name", json_string(u.name));
	page_render(req, status, "profile", ctx);
}

void
page_profile(struct request *req, const char *arg)
{
	const char *name = request_field(req, "name"), *email = request_field(req, "email");
	char why[CORE_WHY] = "";
	struct user u;
	json_t *p;
	enum core_err er;

	(void)arg;
	if (req->method != HTTP_POST) {
		show(req, 200, NULL, NULL, NULL);
		return;
	}
	p = json_pack("{s:s}", "name", name ? name : "");
	if (email != NULL && user_get(req->db, &req->actor, req->actor.id, &u) == CORE_OK &&
	    strcasecmp(email, u.email) != 0) {
		json_object_set_new(p, "email_error", json_string(
		    "Your e-mail address is your sign-in; please contact us to change it."));
		show(req, 422, "Please correct the marked fields.", p, NULL);
		return;
	}
	er = user_update_profile(req->db, &req->actor, name ? name : "", why);
	if (er == CORE_INVALID) {
		json_object_set_new(p, "name_error", json_string(why));
		show(req, 422, "Please correct the marked fields.", p, NULL);
		return;
	}
	json_decref(p);
	account_done(req, er, "profile", PAGE_PROFILE, "?flash=profile");
}

void
page_password(struct request *req, const char *arg)
{
	const char *cur = request_field(req, "current_password"), *pw = request_field(req, "new_password");
	const char *confirm = request_field(req, "confirm_password");
	const char *field = NULL, *msg = NULL;
	char why[CORE_WHY] = "";
	enum core_err er = CORE_INVALID;

	(void)arg;
	if (cur == NULL || *cur == '\0')
		field = "current_password_error", msg = "Please enter your current password.";
	else if (pw == NULL || password_policy(pw, req->actor.name, why) != CORE_OK)
		field = "new_password_error", msg = why[0] ? why : "Please choose a new password.";
	else if (strcmp(pw, cur) == 0)
		field = "new_password_error", msg = "The new password must differ from the current one.";
	else if (confirm == NULL || strcmp(pw, confirm) != 0)
		field = "confirm_password_error", msg = "The two new passwords are not the same.";
	else if ((er = session_change_password(req->db, &req->actor, req->session_token, cur, pw, why)) ==
	    CORE_INVALID || er == CORE_CONFLICT)
		field = "current_password_error", msg = why;
	if (field != NULL) {
		show(req, account_status_of(er), "Your password was not changed.", json_pack("{s:s}", field, msg), NULL);
		return;
	}
	account_done(req, er, "password change", PAGE_PROFILE, "?flash=password");
}

void
page_users_invite(struct request *req, const char *arg)
{
	const char *name = request_field(req, "name"), *email = request_field(req, "email");
	const char *role = request_field(req, "role");
	char why[CORE_WHY] = "";
	json_t *form;
	enum core_err er;

	(void)arg;
	if (req->actor.role != ROLE_CUSTOMER_OWNER) {
		page_error(req, 403);
		return;
	}
	form = json_pack("{s:s, s:s}", "invite_name", name ? name : "", "invite_email", email ? email : "");
	er = user_create(req->db, &req->actor, 0, email ? email : "", name ? name : "",
	    role != NULL && strcmp(role, "owner") == 0 ? ROLE_CUSTOMER_OWNER : ROLE_CUSTOMER_MEMBER, USER_INVITE,
	    req->cfg->public_url[0] ? req->cfg->public_url : NULL, NULL, NULL, why);
	if (er == CORE_INVALID || er == CORE_CONFLICT) {
		json_object_set_new(form, strstr(why, "name") && !strstr(why, "mail") ? "invite_name_error" :
		    "invite_email_error", json_string(why));
		show(req, account_status_of(er), why, NULL, form);
		return;
	}
	json_decref(form);
	account_done(req, er, "invitation", PAGE_PROFILE, "?flash=invited#team-title");
}

void
page_user_active(struct request *req, const char *arg)
{
	char why[CORE_WHY] = "";
	enum core_err er;
	int64_t id;
	int on;

	if (account_id_or_404(req, arg, &id) != 0 || account_flag_or_400(req, "active", &on) != 0)
		return;
	er = user_set_active(req->db, &req->actor, id, on, why);
	if (er == CORE_CONFLICT || er == CORE_INVALID) {
		show(req, account_status_of(er), why, NULL, NULL);
		return;
	}
	account_done(req, er, "user active", PAGE_PROFILE, on ? "?flash=user_on#team-title" : "?flash=user_off#team-title");
}
