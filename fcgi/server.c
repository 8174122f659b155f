/*
 * server.c - the worker loop and the page table.
 *
 * Per request: one struct request is made at the top of the loop,
 * parsed, routed to a storefront (one indexed query, which also gives
 * the version the page cache keys on), matched against the page table,
 * checked (method, body), and handed to its page; freed at the bottom.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcgiapp.h>
#include "db.h"
#include "page.h"
#include "render.h"
#include "server.h"
#include "storefront.h"

#define GET  (1u << HTTP_GET)
#define POST (1u << HTTP_POST)

#define PAGE_F_STOREFRONT 0x1	/* answers only inside a storefront */
#define PAGE_F_GLOBAL     0x2	/* answers only outside one (health checks) */
#define PAGE_F_CACHE      0x4	/* public: ETag, 304 and the rendered-page cache */
#define PAGE_F_ARG        0x8	/* pattern is a prefix that captures one path segment */

static const struct page_def {
	const char *pattern;	/* the path inside the storefront (or the whole path, global) */
	unsigned    methods;	/* GET also allows HEAD */
	unsigned    flags;
	page_fn     fn;
} pages[PAGE__MAX] = {
	[PAGE_LIVEZ]          = { "/livez", GET, PAGE_F_GLOBAL, page_livez },
	[PAGE_READYZ]         = { "/readyz", GET, PAGE_F_GLOBAL, page_readyz },
	[PAGE_HOME]           = { "/", GET, PAGE_F_STOREFRONT | PAGE_F_CACHE, page_home },
	[PAGE_CATALOG]        = { "/catalog", GET, PAGE_F_STOREFRONT | PAGE_F_CACHE, page_catalog },
	[PAGE_CATEGORY]       = { "/category/", GET, PAGE_F_STOREFRONT | PAGE_F_CACHE | PAGE_F_ARG, page_category },
	[PAGE_PRODUCT]        = { "/products/", GET, PAGE_F_STOREFRONT | PAGE_F_CACHE | PAGE_F_ARG, page_product },
	[PAGE_CATALOG_ALIAS]  = { "/products", GET, PAGE_F_STOREFRONT, page_catalog_alias },
	[PAGE_CATEGORY_ALIAS] = { "/categories/", GET, PAGE_F_STOREFRONT | PAGE_F_ARG, page_category_alias },
	[PAGE_CONTACT]        = { "/contact", GET | POST, PAGE_F_STOREFRONT | PAGE_F_CACHE, page_contact },
	[PAGE_CONTACT_SENT]   = { "/contact/sent", GET, PAGE_F_STOREFRONT | PAGE_F_CACHE, page_contact_sent },
	[PAGE_SITEMAP]        = { "/sitemap.xml", GET, PAGE_F_STOREFRONT | PAGE_F_CACHE, page_sitemap },
	[PAGE_ROBOTS]         = { "/robots.txt", GET, PAGE_F_STOREFRONT | PAGE_F_CACHE, page_robots },
};

/* SIGTERM is blocked except while the worker waits in ppoll, so it never cuts a request short. */
static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* match - the page for path (storefront or global), its captured segment in *arg. */
static int
match(const char *path, unsigned scope, const char **arg)
{
	int i;
	size_t n;

	for (i = 0; i < PAGE__MAX; i++) {
		if (!(pages[i].flags & scope))
			continue;
		if (pages[i].flags & PAGE_F_ARG) {
			n = strlen(pages[i].pattern);
			if (strncmp(path, pages[i].pattern, n) == 0 && path[n] != '\0' &&
			    strchr(path + n, '/') == NULL) {
				*arg = path + n;
				return i;
			}
		} else if (strcmp(path, pages[i].pattern) == 0) {
			*arg = "";
			return i;
		}
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

/*
 * lookup - the online storefront of the route into req->sf->  A row read
 * before for the same route key is reused when its version is still the
 * current one: a primary-key read of one integer instead of the full
 * row (the joined reseller and distributor, the sections JSON), which
 * is most of the cost of a cached page.
 */
static enum core_err
lookup(struct request *req)
{
	struct server *srv = req->srv;
	struct server_sf *slot = NULL, *lru = &srv->sfs[0];
	char key[sizeof(srv->sfs[0].key)];
	int64_t version;
	enum core_err er;
	size_t i;

	snprintf(key, sizeof(key), "%c:%s", req->route.kind == ROUTE_PATH_SLUG ? 's' : 'h',
	    req->route.kind == ROUTE_PATH_SLUG ? req->route.key : req->host);
	for (i = 0; i < SERVER_SF_SLOTS; i++) {
		if (srv->sfs[i].key[0] != '\0' && strcmp(srv->sfs[i].key, key) == 0) {
			slot = &srv->sfs[i];
			break;
		}
		if (srv->sfs[i].used < lru->used)
			lru = &srv->sfs[i];
	}
	if (slot != NULL) {
		if (srv->round != 0 && slot->checked == srv->round)
			goto found;
		er = storefront_version(srv->db, slot->sf->reseller_id, &version);
		if (er == CORE_OK && version == slot->sf->version) {
			slot->checked = srv->round;
			goto found;
		}
		if (er != CORE_OK && er != CORE_NOTFOUND)
			return er;
	} else {
		slot = lru;
		if (slot->sf == NULL && (slot->sf = malloc(sizeof(*slot->sf))) == NULL)
			return CORE_ENOMEM;
		snprintf(slot->key, sizeof(slot->key), "%s", key);
	}
	if (req->route.kind == ROUTE_PATH_SLUG)
		er = storefront_by_slug(srv->db, req->route.key, slot->sf);
	else
		er = storefront_by_domain(srv->db, req->host, slot->sf);
	if (er != CORE_OK) {		/* gone: renamed, downgraded, domain moved; or never there */
		slot->key[0] = '\0';
		slot->used = 0;
		return er;
	}
	slot->checked = srv->round;
found:
	slot->used = ++srv->clock;
	req->sf = slot->sf;
	return CORE_OK;
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
	time_t now = time(NULL);
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
		if ((p = match(req->path, PAGE_F_GLOBAL, &arg)) < 0) {
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
		if ((p = match(req->route.rest, PAGE_F_STOREFRONT, &arg)) < 0) {
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
	if ((pages[p].flags & PAGE_F_CACHE) && render_cache_begin(req))
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

void
server_close(struct server *srv)
{
	size_t i;

	for (i = 0; i < SERVER_SF_SLOTS; i++)
		free(srv->sfs[i].sf);
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
#define SERVER_CONNS 64

static void
serve(struct server *srv, struct request *req, FCGX_Request *fr)
{
	if (srv->db == NULL) {
		char msg[512];

		db_open(&srv->cfg, &srv->db, msg, sizeof(msg));
	}
	request_init(req, srv, fr->out);
	server_handle(req, fr->envp, fr->in);
	request_free(req);
	FCGX_Finish_r(fr);
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
		if (++srv.round == 0)
			srv.round = 1;
		for (i = 0; i < n; i++)
			/* a kept connection: its next request, or its end; the listener: a new connection */
			if ((pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) && FCGX_Accept_r(&conns[slot[i]]) >= 0)
				serve(&srv, req, &conns[slot[i]]);
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
		if (++srv.round == 0)
			srv.round = 1;
		for (i = 0; i < n; i++)
			if ((pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) && FCGX_Accept_r(&conns[slot[i]]) >= 0)
				serve(&srv, req, &conns[slot[i]]);
	}
	free(req);
	server_close(&srv);
	return 0;
}
