/*
 * page_login.c - signing in and out, and the forgotten-password links.
 *
 *   /login           GET the form; POST e-mail + password: core checks,
 *                    throttles and answers alike for unknown e-mails; a
 *                    new session cookie, then 303 to a safe ?next= path
 *   /logout          POST: the session is deleted in the database and
 *                    the cookie cleared
 *   /reset-password  GET the form; POST an e-mail: a link is queued (or
 *                    not: the answer is the same either way)
 *   /reset?token=    GET the set-password form; POST the new password:
 *                    the link is used up
 *
 * All personal (never cached).  The forms of a signed-out visitor carry
 * the double-submit token (csrf.h), checked by server.c.
 */
#include <stdio.h>
#include <string.h>
#include "account.h"
#include "auth.h"
#include "page.h"
#include "password.h"
#include "render.h"
#include "session.h"

/* show - the login template titled title with obj (stolen) as its key; a noindex page with ?flash=. */
static void
show(struct request *req, int status, const char *title, const char *key, json_t *obj)
{
	json_t *ctx = page_context(req, "login");

	if (ctx == NULL) {
		json_decref(obj);
		page_error(req, 500);
		return;
	}
	render_meta(ctx, req, title, title, NULL, NULL);
	render_set(ctx, "page.robots", json_string("noindex"));
	account_flash_param(req, ctx);
	json_object_set_new(ctx, key, obj);
	page_render(req, status, "login", ctx);
}

static void
show_login(struct request *req, int status, const char *email, const char *error)
{
	json_t *login = json_object();
	char next[600];

	json_object_set_new(login, "action", page_url(req, PAGE_LOGIN));
	if (email != NULL && *email)
		json_object_set_new(login, "email", json_string(email));
	if (error != NULL)
		json_object_set_new(login, "error", json_string(error));
	if (auth_safe_next(req, req->method == HTTP_POST ? request_field(req, "next") : request_param(req, "next"),
	    next, sizeof(next)))
		json_object_set_new(login, "next", json_string(next));
	json_object_set_new(login, "reset_url", page_url(req, PAGE_RESET_REQUEST));
	show(req, status, "Log in", "login", login);
}

void
page_login(struct request *req, const char *arg)
{
	const char *email = request_field(req, "email"), *password = request_field(req, "password");
	struct session_new s;
	char why[CORE_WHY] = "", next[600];
	enum core_err er;

	(void)arg;
	if (req->method != HTTP_POST) {
		if (req->logged_in) {
			auth_safe_next(req, request_param(req, "next"), next, sizeof(next));
			request_redirect(req, 302, next);
			return;
		}
		show_login(req, 200, NULL, NULL);
		return;
	}
	er = session_signin(req->db, req->sf->reseller_id, email ? email : "", password ? password : "",
	    req->remote_addr, &s, why);
	if (er == CORE_INVALID || er == CORE_CONFLICT) {
		show_login(req, er == CORE_CONFLICT ? 429 : 401, email, why[0] ? why : SESSION_MSG_BAD_LOGIN);
		return;
	}
	if (er != CORE_OK) {
		account_fail(req, er, "sign-in");
		return;
	}
	/* a new token at every sign-in; the old cookie, if any, is simply replaced */
	auth_set_cookie(req, session_cookie_name(req->cfg->https), s.token, -1);
	if (s.must_change_password) {
		memset(&s, 0, sizeof(s));
		page_redirect(req, 303, PAGE_PROFILE, "?flash=must_change");
		return;
	}
	auth_safe_next(req, request_field(req, "next"), next, sizeof(next));
	memset(&s, 0, sizeof(s));
	request_redirect(req, 303, next);
}

void
page_logout(struct request *req, const char *arg)
{
	enum core_err er;

	(void)arg;
	if (req->logged_in && (er = session_logout(req->db, req->session_token)) != CORE_OK &&
	    er != CORE_NOTFOUND) {
		account_fail(req, er, "sign-out");
		return;
	}
	auth_set_cookie(req, session_cookie_name(req->cfg->https), "", 0);
	account_redirect(req, PAGE_LOGIN, "?flash=logged_out");
}

static void
show_reset(struct request *req, int status, json_t *reset, const char *title)
{
	json_object_set_new(reset, "heading", json_string(title));
	json_object_set_new(reset, "login_url", page_url(req, PAGE_LOGIN));
	show(req, status, title, "reset", reset);
}

void
page_reset_request(struct request *req, const char *arg)
{
	const char *email = request_field(req, "email");
	json_t *reset = json_object();
	char why[CORE_WHY] = "", base[1024];
	enum core_err er;

	(void)arg;
	json_object_set_new(reset, "action", page_url(req, PAGE_RESET_REQUEST));
	if (req->method != HTTP_POST) {
		json_object_set_new(reset, "intro", json_string(
		    "Enter the e-mail address you sign in with. We will send you a link to choose a new password."));
		json_object_set_new(reset, "request_form", json_true());
		show_reset(req, 200, reset, "Forgotten password");
		return;
	}
	/* the storefront's address by the rule every e-mail follows, not the one this request came by */
	storefront_url(req->cfg->public_url, req->sf->base_domain, req->sf->slug, req->sf->custom_domain,
	    base, sizeof(base));
	er = session_password_reset_request(req->db, req->sf->reseller_id, email ? email : "",
	    req->remote_addr, base, why);
	if (er == CORE_CONFLICT || er == CORE_INVALID) {
		json_object_set_new(reset, "error", json_string(why[0] ? why : "Please try again later."));
		json_object_set_new(reset, "request_form", json_true());
		json_object_set_new(reset, "email", json_string(email ? email : ""));
		show_reset(req, er == CORE_CONFLICT ? 429 : 422, reset, "Forgotten password");
		return;
	}
	if (er != CORE_OK) {
		json_decref(reset);
		account_fail(req, er, "password reset request");
		return;
	}
	json_object_set_new(reset, "sent", json_string(
	    "If an account uses this address, a link to choose a new password is on its way to it. The link works once, for one hour."));
	show_reset(req, 200, reset, "Check your e-mail");
}

void
page_reset(struct request *req, const char *arg)
{
	const char *token = req->method == HTTP_POST ? request_field(req, "token") : request_param(req, "token");
	const char *pw = request_field(req, "new_password"), *confirm = request_field(req, "confirm_password");
	char email[256] = "", why[CORE_WHY] = "";
	json_t *reset = json_object();
	enum core_err er;

	(void)arg;
	json_object_set_new(reset, "action", page_url(req, PAGE_RESET));
	if (token == NULL || !password_token_valid(token) ||
	    (er = session_reset_valid(req->db, req->sf->reseller_id, token, email)) == CORE_NOTFOUND) {
		json_object_set_new(reset, "error", json_string(SESSION_MSG_DEAD_LINK));
		show_reset(req, 410, reset, "Choose a new password");
		return;
	}
	if (er != CORE_OK) {
		json_decref(reset);
		account_fail(req, er, "password reset link");
		return;
	}
	json_object_set_new(reset, "password_form", json_true());
	json_object_set_new(reset, "token", json_string(token));
	json_object_set_new(reset, "email", json_string(email));
	json_object_set_new(reset, "password_min_length", json_integer(PASSWORD_MIN));
	if (req->method != HTTP_POST) {
		show_reset(req, 200, reset, "Choose a new password");
		return;
	}
	if (pw == NULL || confirm == NULL || strcmp(pw, confirm) != 0) {
		json_object_set_new(reset, "new_password_error", json_string("The two passwords are not the same."));
		show_reset(req, 422, reset, "Choose a new password");
		return;
	}
	er = session_password_reset(req->db, req->sf->reseller_id, token, pw, why);
	if (er == CORE_INVALID) {
		json_object_set_new(reset, "new_password_error", json_string(why));
		show_reset(req, 422, reset, "Choose a new password");
		return;
	}
	if (er == CORE_NOTFOUND) {
		json_object_del(reset, "password_form");
		json_object_set_new(reset, "error", json_string(why[0] ? why : SESSION_MSG_DEAD_LINK));
		show_reset(req, 410, reset, "Choose a new password");
		return;
	}
	json_decref(reset);
	if (er != CORE_OK) {
		account_fail(req, er, "password reset");
		return;
	}
	/* every session of the user died with the reset, this browser's too */
	if (req->logged_in)
		auth_set_cookie(req, session_cookie_name(req->cfg->https), "", 0);
	account_redirect(req, PAGE_LOGIN, "?flash=reset_done");
}
