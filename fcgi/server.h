/*
 * server.h - the FastCGI worker: the process-wide state every request
 * borrows (configuration, one database connection, the themes with
 * their compiled templates, the rendered-page cache) and the loop that
 * answers requests.
 */
#ifndef SHELF_SERVER_H
#define SHELF_SERVER_H

#include <fcgiapp.h>
#include "cache.h"
#include "catalog.h"
#include "config.h"
#include "db.h"
#include "request.h"
#include "theme.h"

#define SERVER_CACHE_ENTRIES 2048
#define SERVER_CACHE_BYTES   ((size_t)64 << 20)
#define SERVER_SF_SLOTS      4096	/* storefront rows remembered per process */
#define SERVER_SF_BUCKETS    8192	/* hash buckets over their keys, a power of two */
#define SERVER_NAV_ENTRIES   1024	/* storefronts whose category lists are kept (direct-mapped) */

/*
 * A storefront row as last read for a route key (slug or host), kept as
 * a storefront_copy (a few KB).  It is used again only after its version
 * was read in the same poll round and is still the same: every change of
 * what a storefront shows, an edition change included, bumps the
 * version (core/storefront.h, core/reseller.h).
 */
struct server_sf {
	char               key[REQUEST_HOST_MAX + 2];	/* "s:slug" or "h:host"; "" when free */
	struct storefront *sf;				/* storefront_copy; NULL when free */
	unsigned long      used;			/* LRU clock */
	unsigned long      checked;			/* the poll round latest was read in */
	int64_t            latest;			/* the version read then (-1: no storefront now) */
	int                next;			/* 1 + the next slot in its bucket; 0 at the end */
};

/* The categories of a storefront with their listed product counts, as of one version of it. */
struct server_nav {
	int64_t              reseller_id;	/* 0: empty */
	int64_t              version;
	struct category_list list;
};

struct server {
	struct config    cfg;
	struct db       *db;		/* NULL while the database is unreachable */
	struct themes    themes;
	struct cache    *cache;
	struct server_sf sfs[SERVER_SF_SLOTS];
	int              buckets[SERVER_SF_BUCKETS];	/* 1 + the first slot of each; 0: empty */
	struct storefront *scratch;	/* a whole row to read into (malloc'd on first use) */
	struct server_nav navs[SERVER_NAV_ENTRIES];
	unsigned long    clock;
	/*
	 * The worker loop's poll round, 0 outside it.  Every request answered
	 * in a round had arrived when the round's poll returned, so a version
	 * read during the round is read after each of them arrived: the
	 * other requests of the round may use it too (a change still shows
	 * on the next request), one query instead of several under load.
	 */
	unsigned long    round;
};

/*
 * server_open - fill srv for one worker: copy cfg, read the themes,
 * make the page cache and try the database (a failure there is not
 * fatal: it is retried per request).  CORE_CONFIG (themes missing) or
 * CORE_ENOMEM with a reason in msg.  server_close releases it all.
 */
enum core_err server_open(struct server *srv, const struct config *cfg, char *msg, size_t msgsz);
void server_close(struct server *srv);

/*
 * server_categories - the categories of storefront sf that hold listed
 * products, with their counts (catalog_storefront_categories): every
 * page's navigation shows them.  Read once per version of sf (listing,
 * catalog and settings changes bump it) and kept; NULL when the
 * database fails.  Borrowed until the next call.
 */
const struct category_list *server_categories(struct server *srv, const struct storefront *sf);

/*
 * server_handle - answer one request: parse it from envp, read a form
 * body from in (NULL: none), route it, run its page and reply exactly
 * once.  req must be fresh from request_init.
 */
void server_handle(struct request *req, char **envp, FCGX_Stream *in);

/*
 * server_worker - accept and answer requests on the listening socket
 * sock until asked to stop (SIGTERM: the request in flight finishes
 * first).  Returns the process exit status.
 */
int server_worker(const struct config *cfg, int sock);

#endif
