#include <stdio.h>
#include <string.h>
#include "auth.h"
#include "csrf.h"
#include "http.h"
#include "config.h"
#include "log.h"
#include "session.h"

static int
https_of(const struct request *req)
{
	return req->cfg != NULL && req->cfg->https;
}

void
auth_cookie_path(const struct request *req, char *out, size_t n)
{
	if (https_of(req) || req->base_path[0] == '\0')
		snprintf(out, n, "/");
	else
		snprintf(out, n, "%s/", req->base_path);
}

void
auth_set_cookie(struct request *req, const char *name, const char *value, long max_age)
{
	char path[sizeof(req->base_path) + 2], age[40] = "";

	auth_cookie_path(req, path, sizeof(path));
	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	request_header(req, "Set-Cookie: %s=%s; Path=%s%s; HttpOnly; SameSite=Lax%s", name, value, path, age,
	    https_of(req) ? "; Secure" : "");
}

void
auth_load(struct request *req)
{
	const char *name = session_cookie_name(https_of(req)), *tok = request_cookie(req, name);
	enum core_err er;

	if (tok == NULL || req->sf == NULL || req->db == NULL)
		return;
	er = session_check_versioned(req->db, req->sf->reseller_id, tok, &req->actor, req->session_csrf,
	    &req->must_change_password, &req->customer_version);
	if (er != CORE_OK) {
		memset(&req->actor, 0, sizeof(req->actor));
		req->session_csrf[0] = '\0';
		if (er == CORE_NOTFOUND)
			auth_set_cookie(req, name, "", 0);
		else
			log_say("shelf-fcgi: session check on %s: %s", req->sf->slug, core_strerror(er));
		return;
	}
	snprintf(req->actor.client_ip, sizeof(req->actor.client_ip), "%s", req->remote_addr);
	snprintf(req->session_token, sizeof(req->session_token), "%s", tok);
	req->logged_in = 1;
	req->personal = 1;
}

int
auth_csrf_ok(const struct request *req, int session_only)
{
	const char *field = request_field(req, "csrf_token");

	if (req->logged_in && csrf_equal(field, req->session_csrf))
		return 1;
	if (session_only)
		return 0;
	return csrf_equal(field, request_cookie(req, csrf_cookie_name(https_of(req))));
}

int
auth_safe_next(const struct request *req, const char *next, char *out, size_t n)
{
	size_t bl = strlen(req->base_path);
	struct buf b = { 0 };
	const char *p;

	page_path(&b, req, PAGE_ACCOUNT);
	snprintf(out, n, "%s", buf_cstr(&b));
	buf_free(&b);
	if (next == NULL || strlen(next) >= n || strlen(next) > 512)
		return 0;
	if (strncmp(next, req->base_path, bl) != 0 || next[bl] != '/')
		return 0;
	if (strstr(next, "//") != NULL || strstr(next, "/..") != NULL)
		return 0;
	for (p = next; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~%?=&+", *p) != NULL))
			return 0;
	snprintf(out, n, "%s", next);
	return 1;
}

void
auth_redirect_login(struct request *req, enum page fallback)
{
	struct buf next = { 0 }, loc = { 0 };

	if (req->method == HTTP_POST)
		page_path(&next, req, fallback);
	else {
		buf_printf(&next, "%s%s", req->base_path, req->route.rest);
		if (req->query_raw[0])
			buf_printf(&next, "?%s", req->query_raw);
	}
	page_path(&loc, req, PAGE_LOGIN);
	buf_puts(&loc, "?next=");
	http_urlencode(&loc, buf_cstr(&next));
	request_redirect(req, req->method == HTTP_POST ? 303 : 302, buf_cstr(&loc));
	buf_free(&next);
	buf_free(&loc);
}
