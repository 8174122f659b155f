/*
 * server.c - the way of one request (server.h).
 *
 * One struct request, made by the worker loop (worker.c), is parsed
 * (request.c), routed to a storefront (route.c, then the storefront
 * cache: a remembered row whose version is still current, or one
 * indexed query), matched against the page table (page.c), checked
 * (method, body, sign-in, CSRF), answered from the page cache when it
 * can be (reply.c), and handed to its page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcgiapp.h>
#include "api.h"
#include "auth.h"
#include "cart.h"
#include "db.h"
#include "log.h"
#include "page.h"
#include "reply.h"
#include "reseller.h"
#include "server.h"
#include "session.h"
#include "storefront.h"

/* The scheme and authority of links made for this request, when no storefront says otherwise. */
static void
set_origin(struct request *req)
{
	const char *scheme = (req->cfg && req->cfg->https) || req->https ? "https" : "http";

	if (req->authority[0])
		snprintf(req->origin, sizeof(req->origin), "%s://%s", scheme, req->authority);
	else if (req->cfg && req->cfg->public_url[0])
		snprintf(req->origin, sizeof(req->origin), "%s", req->cfg->public_url);
	else
		snprintf(req->origin, sizeof(req->origin), "%s://localhost", scheme);
}

static void
use_theme(struct request *req, const char *name, const char *skin)
{
	req->theme = req->srv ? theme_find(&req->srv->themes, name) : NULL;
	snprintf(req->skin, sizeof(req->skin), "%s", req->theme ? theme_skin(req->theme, skin) : "default");
}

/*
 * storefront_load_or_404 - the online storefront of the route into
 * req->sf (with its nav categories), or the reply: 301 for a renamed
 * slug, 404 for none, 503 when the database is away.  Returns 0 when
 * found.
 */
static int
storefront_load_or_404(struct request *req)
{
	struct server *srv = req->srv;
	char newslug[STOREFRONT_SLUG_SZ];
	struct buf loc = { 0 };
	enum core_err er;

	if (req->db == NULL) {
		page_error(req, 503);
		return -1;
	}
	/* the nav's categories are read by the page that is made (page_context), not for one the cache answers */
	if ((er = sfcache_lookup(&srv->sfc, req->db, &req->route, req->host, &req->sf)) == CORE_OK)
		return 0;
	if (er != CORE_NOTFOUND) {
		log_say("shelf-fcgi: storefront %s: %s: %s", req->route.key, core_strerror(er),
		    db_error(req->db));
		page_error(req, er == CORE_DBCONN ? 503 : 500);
		return -1;
	}
	/* a suspended reseller's shop: its own theme's 503, never cached (reseller.h) */
	{
		char theme[33], skin[33], company[RESELLER_TEXT_SZ(200)];

		er = reseller_suspended_storefront(req->db, req->route.kind == ROUTE_DOMAIN ? req->host : req->route.key,
		    req->route.kind == ROUTE_DOMAIN, theme, skin, company);
		if (er == CORE_OK) {
			use_theme(req, theme, skin);
			page_unavailable(req, company);
			return -1;
		}
	}
	if (req->route.kind != ROUTE_DOMAIN &&
	    storefront_redirect_slug(req->db, req->route.key, newslug) == CORE_OK) {
		if (req->route.kind == ROUTE_PATH_SLUG) {
			route_base_path(&loc, newslug);
			buf_puts(&loc, req->route.rest);
		} else {
			const char *dot = strchr(req->authority, '.');

			buf_printf(&loc, "%s://%s%s%s", strncmp(req->origin, "https:", 6) == 0 ? "https" : "http",
			    newslug, dot ? dot : "", req->route.rest);
		}
		/* rest is a decoded path: only plain ones go into a Location header */
		if (strpbrk(loc.data, "\r\n \"<>") == NULL) {
			request_redirect(req, 301, loc.data);
			buf_free(&loc);
			return -1;
		}
	}
	buf_free(&loc);
	page_error(req, 404);
	return -1;
}

/* read_form_or_error - read and parse the POST body; replies and returns -1 on a bad one. */
static int
read_form_or_error(struct request *req, FCGX_Stream *in)
{
	size_t n, got = 0;
	char *body;
	int rc, r;

	if ((rc = request_body_length(req, &n)) != HTTP_OK) {
		page_error(req, rc);
		return -1;
	}
	if ((body = malloc(n + 1)) == NULL) {
		page_error(req, 500);
		return -1;
	}
	while (in != NULL && got < n && (r = FCGX_GetStr(body + got, (int)(n - got), in)) > 0)
		got += (size_t)r;
	if (got != n) {
		free(body);
		page_error(req, HTTP_BAD);
		return -1;
	}
	rc = request_parse_form(req, body, n);
	free(body);
	if (rc != HTTP_OK) {
		page_error(req, rc < 0 ? 500 : rc);
		return -1;
	}
	return 0;
}

/* route_or_reply - the page of the request (storefront loaded, base path, theme), or -1 when it replied. */
static int
route_or_reply(struct request *req, const char **arg)
{
	int p;

	route_parse(&req->route, req->host, req->path, req->cfg->base_domain);
	if (req->route.kind == ROUTE_NONE) {
		if ((p = page_match(req->path, PAGE_F_GLOBAL, req->arg, sizeof(req->arg), arg)) < 0)
			page_error(req, 404);
		return p;
	}
	if (storefront_load_or_404(req) != 0)
		return -1;
	if (req->route.kind == ROUTE_PATH_SLUG) {
		struct buf b = { 0 };

		route_base_path(&b, req->sf->slug);
		snprintf(req->base_path, sizeof(req->base_path), "%s", buf_cstr(&b));
		buf_free(&b);
		if (req->cfg->public_url[0])
			snprintf(req->origin, sizeof(req->origin), "%s", req->cfg->public_url);
	}
	use_theme(req, req->sf->theme, req->sf->skin);
	if (req->route.bare) {
		page_redirect(req, 301, PAGE_HOME, NULL);
		return -1;
	}
	if ((p = page_match(req->route.rest, PAGE_F_STOREFRONT, req->arg, sizeof(req->arg), arg)) < 0)
		page_error(req, 404);
	return p;
}

void
server_handle(struct request *req, char **envp, FCGX_Stream *in)
{
	const struct page_def *pd;
	const char *arg = "";
	time_t now = db_now(req->db);
	struct tm tm;
	int rc, p;

	gmtime_r(&now, &tm);
	req->year = tm.tm_year + 1900;
	rc = request_parse(req, envp);
	set_origin(req);
	use_theme(req, THEME_DEFAULT, NULL);
	/* the Marketplace API answers on every host, in JSON, before any storefront routing */
	if (req->path != NULL && api_is_path(req->path)) {
		if (rc != HTTP_OK)
			api_problem(req, rc, rc == HTTP_TOO_BIG ? "too-large" : "bad-request",
			    rc == HTTP_TOO_BIG ? "The request is too large" : "Bad request", NULL);
		else
			api_handle(req, envp, in);
		return;
	}
	if (rc != HTTP_OK) {
		page_error(req, rc);
		return;
	}
	if ((p = route_or_reply(req, &arg)) < 0)
		return;
	pd = page_def((enum page)p);
	if ((rc = request_method_ok(req, pd->methods)) != HTTP_OK) {
		request_header(req, "Allow: %s", request_allow_header(pd->methods));
		page_error(req, rc);
		return;
	}
	if (req->method == HTTP_POST && read_form_or_error(req, in) != 0)
		return;
	if (req->method == HTTP_POST && (req->cfg->db_read_socket[0] || req->cfg->db_read_host[0]))
		auth_set_cookie(req, req->cfg->https ? SERVER_RW_COOKIE_HTTPS : SERVER_RW_COOKIE, "1",
		    (long)req->cfg->db_read_max_lag + 1);
	if (req->sf != NULL) {
		/* a signed-in visitor or one with a cart sees a page of its own: the header says so */
		auth_load(req);
		if (pd->flags & PAGE_F_PRIVATE)
			req->personal = 1;
		if (request_cookie(req, cart_cookie_name(req->cfg->https)) != NULL)
			req->personal = 1;
	}
	if ((pd->flags & PAGE_F_LOGIN) && !req->logged_in) {
		auth_redirect_login(req, pd->login_next != PAGE_LIVEZ ? pd->login_next : PAGE_ACCOUNT);
		return;
	}
	if ((pd->flags & PAGE_F_LOGIN) && req->must_change_password && p != PAGE_PROFILE && p != PAGE_PASSWORD) {
		page_redirect(req, req->method == HTTP_POST ? 303 : 302, PAGE_PROFILE, "?flash=must_change");
		return;
	}
	if (req->method == HTTP_POST && !(pd->flags & PAGE_F_OWN_CSRF) &&
	    !auth_csrf_ok(req, (pd->flags & PAGE_F_LOGIN) != 0)) {
		log_say("shelf-fcgi: POST %s without a valid CSRF token from %s: refused", req->path,
		    req->remote_addr);
		page_error(req, 403);
		return;
	}
	if ((pd->flags & PAGE_F_CACHE) && !req->personal && reply_cache_begin(req, page_cache_params((enum page)p)))
		return;
	pd->fn(req, arg);
	if (!req->replied) {
		log_say("shelf-fcgi: page %d gave no reply for %s", p, req->path);
		page_error(req, 500);
	}
}

int
server_reads_replica(char **envp, int https)
{
	const char *m = FCGX_GetParam("REQUEST_METHOD", envp), *uri = FCGX_GetParam("REQUEST_URI", envp);
	const char *cookie = FCGX_GetParam("HTTP_COOKIE", envp);
	struct http_params c = { 0 };
	int ok;

	if (m == NULL || (strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0) || uri == NULL ||
	    strncmp(uri, "/api", 4) == 0)
		return 0;
	if (cookie == NULL || *cookie == '\0')
		return 1;
	if (http_cookies_parse(&c, cookie, strlen(cookie)) != HTTP_OK) {
		http_params_free(&c);
		return 0;
	}
	ok = http_params_get(&c, session_cookie_name(https)) == NULL &&
	    http_params_get(&c, cart_cookie_name(https)) == NULL &&
	    http_params_get(&c, https ? SERVER_RW_COOKIE_HTTPS : SERVER_RW_COOKIE) == NULL;
	http_params_free(&c);
	return ok;
}

int
server_rerender(struct server *srv, struct request *req)
{
	char **envp = stale_next(&srv->stale);

	if (envp == NULL)
		return 0;
	/* versions read now, not those of the last round (without rounds, every lookup reads its own) */
	if (srv->sfc.round != 0)
		sfcache_round(&srv->sfc);
	request_init(req, srv, NULL);
	server_handle(req, envp, NULL);
	request_free(req);
	stale_next_done(&srv->stale);
	return 1;
}

enum core_err
server_open(struct server *srv, const struct config *cfg, char *msg, size_t msgsz)
{
	enum core_err er;
	char dbmsg[512];

	memset(srv, 0, sizeof(*srv));
	srv->cfg = *cfg;
	sfcache_init(&srv->sfc);
	acache_init(&srv->acache);
	stale_init(&srv->stale, cfg->stale_max_ms);
	if ((er = theme_load_all(&srv->themes, cfg->themes_dir, msg, msgsz)) != CORE_OK)
		return er;
	if ((srv->cache = cache_new(SERVER_CACHE_ENTRIES, SERVER_CACHE_BYTES)) == NULL) {
		snprintf(msg, msgsz, "out of memory");
		return CORE_ENOMEM;
	}
	if (db_open(cfg, &srv->db, dbmsg, sizeof(dbmsg)) != CORE_OK)
		log_say("shelf-fcgi[%d]: %s (will retry per request)", (int)getpid(), dbmsg);
	return CORE_OK;
}

void
server_close(struct server *srv)
{
	sfcache_done(&srv->sfc);
	acache_done(&srv->acache);
	stale_done(&srv->stale);
	db_close(srv->db);
	cache_free(srv->cache);
	themes_free(&srv->themes);
	memset(srv, 0, sizeof(*srv));
}
