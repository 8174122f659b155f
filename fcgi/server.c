/*
 * server.c - the worker loop and the page table.
 *
 * Per poll round: the requests that arrived are read, the versions of
 * the storefronts they name are read in one query (prefetch), then each
 * is answered.  Per request: one struct request is made, parsed, routed
 * to a storefront (a remembered row whose version is still current, or
 * one indexed query), matched against the page table, checked (method,
 * body), and handed to its page; freed at the bottom.
 */
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcgiapp.h>
#include "auth.h"
#include "cart.h"
#include "db.h"
#include "page.h"
#include "render.h"
#include "server.h"
#include "storefront.h"

#define SERVER_CONNS 64		/* kept nginx connections per worker (see server_worker) */

#define GET  (1u << HTTP_GET)
#define POST (1u << HTTP_POST)

#define PAGE_F_STOREFRONT 0x01	/* answers only inside a storefront */
#define PAGE_F_GLOBAL     0x02	/* answers only outside one (health checks) */
#define PAGE_F_CACHE      0x04	/* public: ETag, 304 and the rendered-page cache (unless personal) */
#define PAGE_F_PRIVATE    0x08	/* personal: private, no-store, never in the page cache */
#define PAGE_F_LOGIN      0x10	/* a signed-in storefront user only (implies private); POSTs need the session's token */
#define PAGE_F_OWN_CSRF   0x20	/* the handler checks the CSRF token of its POSTs itself */

#define SF    PAGE_F_STOREFRONT
#define PRIV  (PAGE_F_STOREFRONT | PAGE_F_PRIVATE)
#define LOGIN (PAGE_F_STOREFRONT | PAGE_F_PRIVATE | PAGE_F_LOGIN)

/*
 * Patterns are paths inside the storefront (or whole paths, global);
 * a '*' stands for one non-empty path segment, handed to the page as arg.
 */
static const struct page_def {
	const char *pattern;
	unsigned    methods;	/* GET also allows HEAD */
	unsigned    flags;
	page_fn     fn;
	const char *login_next;	/* where a signed-out POST goes after the login (inside the storefront) */
} pages[PAGE__MAX] = {
	[PAGE_LIVEZ]          = { "/livez", GET, PAGE_F_GLOBAL, page_livez, NULL },
	[PAGE_READYZ]         = { "/readyz", GET, PAGE_F_GLOBAL, page_readyz, NULL },
	[PAGE_HOME]           = { "/", GET, SF | PAGE_F_CACHE, page_home, NULL },
	[PAGE_CATALOG]        = { "/catalog", GET, SF | PAGE_F_CACHE, page_catalog, NULL },
	[PAGE_CATEGORY]       = { "/category/*", GET, SF | PAGE_F_CACHE, page_category, NULL },
	[PAGE_PRODUCT]        = { "/products/*", GET, SF | PAGE_F_CACHE, page_product, NULL },
	[PAGE_CATALOG_ALIAS]  = { "/products", GET, SF, page_catalog_alias, NULL },
	[PAGE_CATEGORY_ALIAS] = { "/categories/*", GET, SF, page_category_alias, NULL },
	[PAGE_CONTACT]        = { "/contact", GET | POST, SF | PAGE_F_CACHE | PAGE_F_OWN_CSRF, page_contact, NULL },
	[PAGE_CONTACT_SENT]   = { "/contact/sent", GET, SF | PAGE_F_CACHE, page_contact_sent, NULL },
	[PAGE_SITEMAP]        = { "/sitemap.xml", GET, SF | PAGE_F_CACHE, page_sitemap, NULL },
	[PAGE_ROBOTS]         = { "/robots.txt", GET, SF | PAGE_F_CACHE, page_robots, NULL },
	[PAGE_LOGIN]          = { "/login", GET | POST, PRIV, page_login, NULL },
	[PAGE_LOGOUT]         = { "/logout", POST, PRIV, page_logout, NULL },
	[PAGE_RESET_REQUEST]  = { "/reset-password", GET | POST, PRIV, page_reset_request, NULL },
	[PAGE_RESET]          = { "/reset", GET | POST, PRIV, page_reset, NULL },
	[PAGE_CART]           = { "/cart", GET, PRIV, page_cart, NULL },
	[PAGE_CART_ADD]       = { "/cart/add", POST, PRIV, page_cart_add, NULL },
	[PAGE_CART_UPDATE]    = { "/cart/update", POST, PRIV, page_cart_update, NULL },
	[PAGE_CART_REMOVE]    = { "/cart/remove", POST, PRIV, page_cart_remove, NULL },
	[PAGE_CHECKOUT]       = { "/checkout", POST, LOGIN, page_checkout, "/cart" },
	[PAGE_ACCOUNT]        = { "/account", GET, LOGIN, page_account, NULL },
	[PAGE_ORDERS]         = { "/account/orders", GET, LOGIN, page_orders, NULL },
	[PAGE_ORDER]          = { "/account/orders/*", GET, LOGIN, page_order, NULL },
	[PAGE_ORDER_CANCEL]   = { "/account/orders/*/cancel", POST, LOGIN, page_order_cancel, "/account/orders" },
	[PAGE_SUBSCRIPTIONS]  = { "/account/subscriptions", GET, LOGIN, page_subscriptions, NULL },
	[PAGE_ASSETS]         = { "/account/assets", GET, LOGIN, page_assets, NULL },
	[PAGE_SUBSCRIPTION]   = { "/account/subscriptions/*", GET, LOGIN, page_subscription, NULL },
	[PAGE_SUB_QUANTITY]   = { "/account/subscriptions/*/quantity", POST, LOGIN, page_sub_quantity, "/account/subscriptions" },
	[PAGE_SUB_CANCEL]     = { "/account/subscriptions/*/cancel", POST, LOGIN, page_sub_cancel, "/account/subscriptions" },
	[PAGE_SUB_CONVERT]    = { "/account/subscriptions/*/convert", POST, LOGIN, page_sub_convert, "/account/subscriptions" },
	[PAGE_TRIAL]          = { "/trials", POST, LOGIN, page_trial, "/catalog" },
	[PAGE_USAGE_INDEX]    = { "/account/usage", GET, LOGIN, page_usage_index, NULL },
	[PAGE_USAGE]          = { "/account/subscriptions/*/usage", GET, LOGIN, page_usage, NULL },
	[PAGE_USAGE_SVG]      = { "/account/subscriptions/*/usage.svg", GET, LOGIN, page_usage_svg, NULL },
	[PAGE_M365]           = { "/account/m365", GET | POST, LOGIN, page_m365, "/account/m365" },
	[PAGE_M365_USER]      = { "/account/m365/users/*", GET | POST, LOGIN, page_m365_user, "/account/m365" },
	[PAGE_M365_ENABLE]    = { "/account/m365/enable", POST, LOGIN, page_m365_enable, "/account/m365" },
	[PAGE_M365_ASSIGN]    = { "/account/m365/assign", POST, LOGIN, page_m365_assign, "/account/m365" },
	[PAGE_M365_UNASSIGN]  = { "/account/m365/unassign", POST, LOGIN, page_m365_unassign, "/account/m365" },
	[PAGE_PROFILE]        = { "/account/profile", GET | POST, LOGIN, page_profile, "/account/profile" },
	[PAGE_PASSWORD]       = { "/account/password", POST, LOGIN, page_password, "/account/profile" },
	[PAGE_USERS_INVITE]   = { "/account/users", POST, LOGIN, page_users_invite, "/account/profile" },
	[PAGE_USER_ACTIVE]    = { "/account/users/*/active", POST, LOGIN, page_user_active, "/account/profile" },
};

/* SIGTERM is blocked except while the worker waits in ppoll, so it never cuts a request short. */
static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* pattern_match - path against pattern; a '*' takes one non-empty segment, put in *arg. */
static int
pattern_match(const char *pattern, const char *path, const char **arg)
{
	const char *p = pattern, *q = path;

	*arg = "";
	while (*p) {
		if (*p == '*') {
			if (*q == '\0' || *q == '/')
				return 0;
			*arg = q;
			while (*q && *q != '/')
				q++;
			p++;
			continue;
		}
		if (*p++ != *q++)
			return 0;
	}
	return *q == '\0';
}

/* match - the page for path (storefront or global), its captured segment in *arg (borrowed from path, NUL-terminated). */
static int
match(struct request *req, const char *path, unsigned scope, const char **arg)
{
	const char *slash;
	int i;

	for (i = 0; i < PAGE__MAX; i++) {
		if (!(pages[i].flags & scope) || !pattern_match(pages[i].pattern, path, arg))
			continue;
		if (**arg && (slash = strchr(*arg, '/')) != NULL) {
			size_t n = (size_t)(slash - *arg);

			if (n >= sizeof(req->arg))
				return -1;
			memcpy(req->arg, *arg, n);
			req->arg[n] = '\0';
			*arg = req->arg;
		}
		return i;
	}
	return -1;
}

/* The scheme and authority of links made for this request, when no storefront says otherwise. */
static void
set_origin(struct request *req)
{
	const char *scheme = (req->srv && req->srv->cfg.https) || req->https ? "https" : "http";

	if (req->authority[0])
		snprintf(req->origin, sizeof(req->origin), "%s://%s", scheme, req->authority);
	else if (req->srv && req->srv->cfg.public_url[0])
		snprintf(req->origin, sizeof(req->origin), "%s", req->srv->cfg.public_url);
	else
		snprintf(req->origin, sizeof(req->origin), "%s://localhost", scheme);
}

static void
use_theme(struct request *req, const char *name, const char *skin)
{
	req->theme = req->srv ? theme_find(&req->srv->themes, name) : NULL;
	snprintf(req->skin, sizeof(req->skin), "%s", req->theme ? theme_skin(req->theme, skin) : "default");
}

/* slot_key - the key of the storefront slot a route names: "s:slug" (path routing) or "h:host". */
static void
slot_key(char *out, size_t n, const struct route *route, const char *host)
{
	snprintf(out, n, "%c:%s", route->kind == ROUTE_PATH_SLUG ? 's' : 'h',
	    route->kind == ROUTE_PATH_SLUG ? route->key : host);
}

/* bucket - the hash bucket of a slot key. */
static size_t
bucket(const char *key)
{
	return (size_t)theme_fnv(THEME_FNV_INIT, key, strlen(key)) & (SERVER_SF_BUCKETS - 1);
}

/* slot_find - the slot remembered under key, or NULL. */
static struct server_sf *
slot_find(struct server *srv, const char *key)
{
	int i;

	for (i = srv->buckets[bucket(key)]; i != 0; i = srv->sfs[i - 1].next)
		if (strcmp(srv->sfs[i - 1].key, key) == 0)
			return &srv->sfs[i - 1];
	return NULL;
}

/* slot_drop - forget what slot holds: out of its bucket, row freed, free for another key. */
static void
slot_drop(struct server *srv, struct server_sf *slot)
{
	int *p, self = (int)(slot - srv->sfs) + 1;

	if (slot->key[0] != '\0') {
		for (p = &srv->buckets[bucket(slot->key)]; *p != 0 && *p != self; p = &srv->sfs[*p - 1].next)
			;
		if (*p == self)
			*p = slot->next;
	}
	free(slot->sf);
	slot->sf = NULL;
	slot->key[0] = '\0';
	slot->next = 0;
	slot->used = 0;
}

/* slot_keep - slot holds a copy of row under key from now on (slot is free). */
static enum core_err
slot_keep(struct server *srv, struct server_sf *slot, const char *key, const struct storefront *row)
{
	size_t b = bucket(key);

	if ((slot->sf = storefront_copy(row)) == NULL)
		return CORE_ENOMEM;
	snprintf(slot->key, sizeof(slot->key), "%s", key);
	slot->next = srv->buckets[b];
	srv->buckets[b] = (int)(slot - srv->sfs) + 1;
	slot->latest = row->version;
	slot->checked = srv->round;
	return CORE_OK;
}

/*
 * lookup - the online storefront of the route into req->sf.  A row read
 * before for the same route key is reused when its version is still the
 * current one: a primary-key read of one integer instead of the full
 * row (the joined reseller and distributor, the sections JSON), which
 * is most of the cost of a cached page.  The version read in this round
 * (by prefetch or an earlier request) is used when there is one.
 */
static enum core_err
lookup(struct request *req)
{
	struct server *srv = req->srv;
	struct server_sf *slot;
	char key[sizeof(srv->sfs[0].key)];
	int64_t version;
	enum core_err er;
	size_t i;

	slot_key(key, sizeof(key), &req->route, req->host);
	if ((slot = slot_find(srv, key)) != NULL) {
		if (srv->round == 0 || slot->checked != srv->round) {
			if ((er = storefront_version(srv->db, slot->sf->reseller_id, &version)) == CORE_NOTFOUND)
				version = -1;
			else if (er != CORE_OK)
				return er;
			slot->latest = version;
			slot->checked = srv->round;
		}
		if (slot->latest == slot->sf->version)
			goto found;
		slot_drop(srv, slot);		/* changed: read again below */
	} else {
		for (slot = &srv->sfs[0], i = 1; i < SERVER_SF_SLOTS && slot->sf != NULL; i++)
			if (srv->sfs[i].sf == NULL || srv->sfs[i].used < slot->used)
				slot = &srv->sfs[i];
		slot_drop(srv, slot);
	}
	if (srv->scratch == NULL && (srv->scratch = malloc(sizeof(*srv->scratch))) == NULL)
		return CORE_ENOMEM;
	if (req->route.kind == ROUTE_PATH_SLUG)
		er = storefront_by_slug(srv->db, req->route.key, srv->scratch);
	else
		er = storefront_by_domain(srv->db, req->host, srv->scratch);
	/* not found: renamed, downgraded, domain moved, or never there; the slot stays free */
	if (er != CORE_OK || (er = slot_keep(srv, slot, key, srv->scratch)) != CORE_OK)
		return er;
found:
	slot->used = ++srv->clock;
	req->sf = slot->sf;
	return CORE_OK;
}

/*
 * prefetch - before a batch of requests is answered (one poll round):
 * the versions of the remembered storefronts they route to, in one
 * query.  Each request of the batch had arrived before the query is
 * sent, so its answer holds for all of them: a change committed before
 * a request came still shows in its reply.  Routing here is a light
 * copy of the real one (raw path, nothing decoded); a request it routes
 * elsewhere is checked again by lookup, never answered from an old
 * version.
 */
static void
prefetch(struct server *srv, FCGX_Request *const *batch, int n)
{
	int64_t ids[SERVER_CONNS + 1], versions[SERVER_CONNS + 1];
	struct server_sf *slots[SERVER_CONNS + 1], *slot;
	char host[REQUEST_HOST_MAX], path[HTTP_MAX_PATH + 1], key[sizeof(srv->sfs[0].key)];
	const char *uri;
	struct route route;
	size_t len;
	int i, j, k = 0;

	if (srv->db == NULL || n < 2)
		return;		/* one request: lookup reads its version itself */
	for (i = 0; i < n && k < SERVER_CONNS + 1; i++) {
		route_host_normalize(FCGX_GetParam("HTTP_HOST", batch[i]->envp), host, sizeof(host));
		if ((uri = FCGX_GetParam("REQUEST_URI", batch[i]->envp)) == NULL ||
		    (len = strcspn(uri, "?")) > HTTP_MAX_PATH)
			continue;
		memcpy(path, uri, len);
		path[len] = '\0';
		route_parse(&route, host, path, srv->cfg.base_domain);
		if (route.kind == ROUTE_NONE)
			continue;
		slot_key(key, sizeof(key), &route, host);
		if ((slot = slot_find(srv, key)) == NULL || slot->checked == srv->round)
			continue;
		for (j = 0; j < k && slots[j] != slot; j++)
			;
		if (j == k) {
			slots[k] = slot;
			ids[k++] = slot->sf->reseller_id;
		}
	}
	if (k < 2 || storefront_versions(srv->db, ids, (size_t)k, versions) != CORE_OK)
		return;		/* one storefront, or the database failed: lookup reads (and reports) */
	for (j = 0; j < k; j++) {
		slots[j]->latest = versions[j];
		slots[j]->checked = srv->round;
	}
}

/*
 * storefront_load_or_404 - the online storefront of the route into
 * req->sf, or the reply: 301 for a renamed slug, 404 for none, 503 when
 * the database is away.  Returns 0 when found.
 */
static int
storefront_load_or_404(struct request *req)
{
	struct server *srv = req->srv;
	char newslug[STOREFRONT_SLUG_SZ];
	struct buf loc = { 0 };
	enum core_err er;

	if (srv->db == NULL) {
		page_error(req, 503);
		return -1;
	}
	if ((er = lookup(req)) == CORE_OK)
		return 0;
	if (er != CORE_NOTFOUND) {
		fprintf(stderr, "shelf-fcgi: storefront %s: %s: %s\n", req->route.key, core_strerror(er),
		    db_error(srv->db));
		page_error(req, er == CORE_DBCONN ? 503 : 500);
		return -1;
	}
	if (req->route.kind != ROUTE_DOMAIN &&
	    storefront_redirect_slug(srv->db, req->route.key, newslug) == CORE_OK) {
		if (req->route.kind == ROUTE_PATH_SLUG)
			buf_printf(&loc, "/s/%s%s", newslug, req->route.rest);
		else {
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

void
server_handle(struct request *req, char **envp, FCGX_Stream *in)
{
	const char *arg = "";
	time_t now = db_now(req->srv->db);
	struct tm tm;
	int rc, p;

	gmtime_r(&now, &tm);
	req->year = tm.tm_year + 1900;
	rc = request_parse(req, envp);
	set_origin(req);
	use_theme(req, THEME_DEFAULT, NULL);
	if (rc != HTTP_OK) {
		page_error(req, rc);
		return;
	}
	route_parse(&req->route, req->host, req->path, req->srv->cfg.base_domain);

	if (req->route.kind == ROUTE_NONE) {
		if ((p = match(req, req->path, PAGE_F_GLOBAL, &arg)) < 0) {
			page_error(req, 404);
			return;
		}
	} else {
		if (storefront_load_or_404(req) != 0)
			return;
		if (req->route.kind == ROUTE_PATH_SLUG) {
			snprintf(req->base_path, sizeof(req->base_path), "/s/%s", req->sf->slug);
			if (req->srv->cfg.public_url[0])
				snprintf(req->origin, sizeof(req->origin), "%s", req->srv->cfg.public_url);
		}
		use_theme(req, req->sf->theme, req->sf->skin);
		if (req->route.bare) {
			char loc[sizeof(req->base_path) + 1];

			snprintf(loc, sizeof(loc), "%s/", req->base_path);
			request_redirect(req, 301, loc);
			return;
		}
		if ((p = match(req, req->route.rest, PAGE_F_STOREFRONT, &arg)) < 0) {
			page_error(req, 404);
			return;
		}
	}
	if ((rc = request_method_ok(req, pages[p].methods)) != HTTP_OK) {
		request_header(req, "Allow: %s", request_allow_header(pages[p].methods));
		page_error(req, rc);
		return;
	}
	if (req->method == HTTP_POST && read_form_or_error(req, in) != 0)
		return;
	if (req->sf != NULL) {
		/* a signed-in visitor or one with a cart sees a page of its own: the header says so */
		auth_load(req);
		if (pages[p].flags & PAGE_F_PRIVATE)
			req->personal = 1;
		if (request_cookie(req, cart_cookie_name(req->srv->cfg.https)) != NULL)
			req->personal = 1;
	}
	if ((pages[p].flags & PAGE_F_LOGIN) && !req->logged_in) {
		auth_redirect_login(req, pages[p].login_next ? pages[p].login_next : "/account");
		return;
	}
	if ((pages[p].flags & PAGE_F_LOGIN) && req->must_change_password && p != PAGE_PROFILE && p != PAGE_PASSWORD) {
		char loc[sizeof(req->base_path) + 64];

		snprintf(loc, sizeof(loc), "%s/account/profile?flash=must_change", req->base_path);
		request_redirect(req, req->method == HTTP_POST ? 303 : 302, loc);
		return;
	}
	if (req->method == HTTP_POST && !(pages[p].flags & PAGE_F_OWN_CSRF) &&
	    !auth_csrf_ok(req, (pages[p].flags & PAGE_F_LOGIN) != 0)) {
		fprintf(stderr, "shelf-fcgi: POST %s without a valid CSRF token from %s: refused\n", req->path,
		    req->remote_addr);
		page_error(req, 403);
		return;
	}
	if ((pages[p].flags & PAGE_F_CACHE) && !req->personal && render_cache_begin(req))
		return;
	pages[p].fn(req, arg);
	if (!req->replied) {
		fprintf(stderr, "shelf-fcgi: page %d gave no reply for %s\n", p, req->path);
		page_error(req, 500);
	}
}

enum core_err
server_open(struct server *srv, const struct config *cfg, char *msg, size_t msgsz)
{
	enum core_err er;
	char dbmsg[512];

	memset(srv, 0, sizeof(*srv));
	srv->cfg = *cfg;
	if ((er = theme_load_all(&srv->themes, cfg->themes_dir, msg, msgsz)) != CORE_OK)
		return er;
	if ((srv->cache = cache_new(SERVER_CACHE_ENTRIES, SERVER_CACHE_BYTES)) == NULL) {
		snprintf(msg, msgsz, "out of memory");
		return CORE_ENOMEM;
	}
	if (db_open(cfg, &srv->db, dbmsg, sizeof(dbmsg)) != CORE_OK)
		fprintf(stderr, "shelf-fcgi[%d]: %s (will retry per request)\n", (int)getpid(), dbmsg);
	return CORE_OK;
}

const struct category_list *
server_categories(struct server *srv, const struct storefront *sf)
{
	struct server_nav *e = &srv->navs[(uint64_t)sf->reseller_id % SERVER_NAV_ENTRIES];

	if (e->reseller_id == sf->reseller_id && e->version == sf->version)
		return &e->list;
	category_list_free(&e->list);
	e->reseller_id = 0;
	if (srv->db == NULL || catalog_storefront_categories(srv->db, sf->reseller_id, &e->list) != CORE_OK) {
		category_list_free(&e->list);
		return NULL;
	}
	e->reseller_id = sf->reseller_id;
	e->version = sf->version;
	return &e->list;
}

void
server_close(struct server *srv)
{
	size_t i;

	for (i = 0; i < SERVER_NAV_ENTRIES; i++)
		category_list_free(&srv->navs[i].list);
	for (i = 0; i < SERVER_SF_SLOTS; i++)
		free(srv->sfs[i].sf);
	free(srv->scratch);
	db_close(srv->db);
	cache_free(srv->cache);
	themes_free(&srv->themes);
	memset(srv, 0, sizeof(*srv));
}

/*
 * The connections of one worker.  nginx keeps its upstream connections
 * open (upstream keepalive, fastcgi_keep_conn), and libfcgi serves a
 * kept connection until nginx closes it; a worker that waited on one
 * connection would strand the requests nginx sends on the others.  So
 * each worker holds up to SERVER_CONNS connections, each with its own
 * FCGX_Request, and polls them all plus the listening socket (made
 * non-blocking: a connection another worker took first is no error),
 * answering one request at a time.  ipcFd is read (never written) to
 * poll a kept connection: libfcgi has no accessor for it.
 */
static void
serve(struct server *srv, struct request *req, FCGX_Request *fr)
{
	request_init(req, srv, fr);
	server_handle(req, fr->envp, fr->in);
	request_free(req);
	FCGX_Finish_r(fr);
}

/*
 * round_serve - one poll round: read the request of every connection poll
 * found ready (a kept connection's next one, or a new connection's
 * first), read the versions they need in one query (prefetch), then
 * answer them one by one.
 */
static void
round_serve(struct server *srv, struct request *req, FCGX_Request *conns, const struct pollfd *pfd,
    const int *slot, int n)
{
	FCGX_Request *batch[SERVER_CONNS + 1];
	int i, k = 0;

	if (++srv->round == 0)
		srv->round = 1;
	if (srv->db == NULL) {
		char msg[512];

		db_open(&srv->cfg, &srv->db, msg, sizeof(msg));
	}
	for (i = 0; i < n; i++)
		if ((pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) && FCGX_Accept_r(&conns[slot[i]]) >= 0)
			batch[k++] = &conns[slot[i]];
	prefetch(srv, batch, k);
	for (i = 0; i < k; i++)
		serve(srv, req, batch[i]);
}

/* poll_set - the kept connections (and the listener when listen and a slot is free) into pfd/slot. */
static int
poll_set(FCGX_Request *conns, int sock, int listen, struct pollfd *pfd, int *slot)
{
	int i, n = 0, free_slot = -1;

	for (i = 0; i < SERVER_CONNS; i++) {
		if (conns[i].ipcFd >= 0) {
			pfd[n].fd = conns[i].ipcFd;
			pfd[n].events = POLLIN;
			pfd[n].revents = 0;
			slot[n++] = i;
		} else if (free_slot < 0)
			free_slot = i;
	}
	if (listen && free_slot >= 0) {
		pfd[n].fd = sock;
		pfd[n].events = POLLIN;
		pfd[n].revents = 0;
		slot[n++] = free_slot;
	}
	return n;
}

int
server_worker(const struct config *cfg, int sock)
{
	static struct server srv;
	static FCGX_Request conns[SERVER_CONNS];
	struct pollfd pfd[SERVER_CONNS + 1];
	int slot[SERVER_CONNS + 1];
	struct request *req;
	struct sigaction sa;
	sigset_t term, waiting;
	char msg[1024];
	int i, n, fl, rounds;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &waiting);
	sigdelset(&waiting, SIGTERM);
	/*
	 * libfcgi allocates and frees its buffers (some 25 KB) for every
	 * request; with glibc's defaults the freed top of the heap goes back
	 * to the kernel and is faulted in again by the next request.  A worker
	 * keeps its heap: memory it held once it will hold again.
	 */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_TOP_PAD, 1 << 20);
	if (server_open(&srv, cfg, msg, sizeof(msg)) != CORE_OK) {
		fprintf(stderr, "shelf-fcgi[%d]: %s\n", (int)getpid(), msg);
		return 1;
	}
	/* one request at a time; its struct is big (the storefront row), so it lives on the heap */
	if ((req = malloc(sizeof(*req))) == NULL)
		return 1;
	if ((fl = fcntl(sock, F_GETFL)) < 0 || fcntl(sock, F_SETFL, fl | O_NONBLOCK) < 0)
		return 1;
	FCGX_Init();
	for (i = 0; i < SERVER_CONNS; i++)
		if (FCGX_InitRequest(&conns[i], sock, 0) != 0)
			return 1;
	while (!stopping) {
		n = poll_set(conns, sock, 1, pfd, slot);
		if (ppoll(pfd, (nfds_t)n, NULL, &waiting) < 0)
			continue;	/* EINTR: SIGTERM */
		round_serve(&srv, req, conns, pfd, slot, n);
	}
	/*
	 * Stopping: no new connections; answer what nginx has already sent on
	 * the kept ones (for a short while), so a reload loses no request
	 * that reached us.  One it sends after we exit is retried by nginx on
	 * a new connection when it is idempotent.
	 */
	for (rounds = 0; rounds < 20; rounds++) {
		n = poll_set(conns, sock, 0, pfd, slot);
		if (n == 0 || poll(pfd, (nfds_t)n, 10) <= 0)
			break;
		round_serve(&srv, req, conns, pfd, slot, n);
	}
	free(req);
	server_close(&srv);
	return 0;
}
