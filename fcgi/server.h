/*
 * server.h - the state one worker process keeps across requests
 * (configuration, one database connection, the themes with their
 * compiled templates, the rendered-page cache, the storefront cache)
 * and server_handle, the way of one request from the FastCGI
 * environment to its page: parse, route, storefront, page table,
 * checks, handler.
 *
 * Pages never include this header: what they need of the worker comes
 * with the request (request.h: db, cfg, cache, sf, theme, categories).
 */
#ifndef SHELF_SERVER_H
#define SHELF_SERVER_H

#include <fcgiapp.h>
#include "acache.h"
#include "cache.h"
#include "config.h"
#include "db.h"
#include "request.h"
#include "sfcache.h"
#include "stale.h"
#include "theme.h"

#define SERVER_CACHE_ENTRIES 2048
#define SERVER_CACHE_BYTES   ((size_t)64 << 20)

struct server {
	struct config    cfg;
	struct db       *db;		/* NULL while the database is unreachable */
	struct themes    themes;
	struct cache    *cache;
	struct sfcache   sfc;
	struct acache    acache;	/* the customer area's data, per customer version */
	struct stale     stale;		/* public pages kept past distributor-wide changes (stale.h) */
};

/*
 * server_open - fill srv for one worker: copy cfg, read the themes,
 * make the page cache and try the database (a failure there is not
 * fatal: it is retried per poll round).  CORE_CONFIG (themes missing) or
 * CORE_ENOMEM with a reason in msg.  server_close releases it all.
 */
enum core_err server_open(struct server *srv, const struct config *cfg, char *msg, size_t msgsz);
void server_close(struct server *srv);

/*
 * server_handle - answer one request: parse it from envp, read a form
 * body from in (NULL: none), route it, run its page and reply exactly
 * once.  req must be fresh from request_init on a server.
 */
void server_handle(struct request *req, char **envp, FCGX_Stream *in);

/*
 * Which requests read from the read replica (core/db.h, db_read_replica):
 * a GET or HEAD of a storefront page (not the API) from a visitor with no
 * session cookie, no cart cookie and no SERVER_RW_COOKIE -- what such a
 * page shows does not depend on anything this visitor wrote.  Every POST
 * answer sets SERVER_RW_COOKIE for db_read_max_lag + 1 seconds when a
 * replica is configured, so a visitor who just wrote (the contact form,
 * a failed sign-in) reads the primary until the replica has it too.
 * Everything else reads the primary: sign-in, account pages, cart,
 * checkout, every POST and the API.
 *
 * server_reads_replica - whether the request of envp is of the first
 * kind (https: the cookies' names, as cfg->https).
 */
#define SERVER_RW_COOKIE       "shelf_rw"
#define SERVER_RW_COOKIE_HTTPS "__Host-shelf_rw"
int server_reads_replica(char **envp, int https);

/*
 * server_rerender - render again, as an anonymous visitor's request
 * whose reply goes nowhere, the queued page (stale.h) of the most
 * visited storefront, so that the next request of it finds the new
 * version cached.  Returns 1 when it rendered one, 0 when none was
 * queued.  req is the worker's request storage.
 */
int server_rerender(struct server *srv, struct request *req);

#endif
