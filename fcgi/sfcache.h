/*
 * sfcache.h - the storefront cache of one worker: the storefront rows
 * last read for each route key (slug or host), reused while their
 * version is current, the versions of a poll round's storefronts read
 * in one query (prefetch), and each storefront's categories for the
 * nav, kept per version.
 *
 * A row is used again only after its version was read in the same poll
 * round and is still the same: every change of what a storefront shows,
 * an edition change included, bumps the version (core/storefront.h,
 * core/reseller.h).  One process, one thread: no locking.
 */
#ifndef SHELF_SFCACHE_H
#define SHELF_SFCACHE_H

#include <stdint.h>
#include <fcgiapp.h>
#include "catalog.h"
#include "db.h"
#include "err.h"
#include "request.h"
#include "route.h"
#include "storefront.h"

#define SFCACHE_SLOTS      4096	/* storefront rows remembered per process */
#define SFCACHE_BUCKETS    8192	/* hash buckets over their keys, a power of two */
#define SFCACHE_NAV        1024	/* storefronts whose category lists are kept (direct-mapped) */
#define SFCACHE_BATCH_MAX  65	/* requests of one poll round sfcache_prefetch looks at */

/*
 * A storefront row as last read for a route key, packed: the bytes of a
 * storefront_copy with runs of zero bytes counted, not kept (most of a
 * row's 27 KB are the unused ends of its text fields; packed, about one
 * KB and its sections).  Unpacked into the cache's scratch row when
 * asked for.
 */
struct sfcache_slot {
	char               key[REQUEST_HOST_MAX + 2];	/* "s:slug" or "h:host"; "" when free */
	unsigned char     *packed;			/* malloc'd; NULL when free */
	size_t             packed_len;
	int64_t            reseller_id, version, wide;	/* of the row packed (version, wide_version: as last read) */
	unsigned long      used;			/* LRU clock */
	unsigned long      checked;			/* the poll round latest was read in */
	int64_t            latest, latest_wide;		/* the versions read then (-1: no storefront now) */
	int                next;			/* 1 + the next slot in its bucket; 0 at the end */
};

/* The categories of a storefront with their listed product counts, as of one version of it. */
struct sfcache_nav {
	int64_t              reseller_id;	/* 0: empty */
	int64_t              version;
	struct category_list list;
};

struct sfcache {
	struct sfcache_slot slots[SFCACHE_SLOTS];
	int                 buckets[SFCACHE_BUCKETS];	/* 1 + the first slot of each; 0: empty */
	struct storefront  *scratch;	/* a whole row to read into and unpack into (malloc'd on first use) */
	int                 unpacked;	/* 1 + the slot whose row scratch holds; 0: none */
	struct sfcache_nav  navs[SFCACHE_NAV];
	unsigned long       clock;
	/*
	 * The worker loop's poll round, 0 outside it.  Every request answered
	 * in a round had arrived when the round's poll returned, so a version
	 * read during the round is read after each of them arrived: the
	 * other requests of the round may use it too (a change still shows
	 * on the next request), one query instead of several under load.
	 */
	unsigned long       round;
};

/* sfcache_init - c empty (it is large: embed it in static or heap storage); sfcache_done frees the rows kept. */
void sfcache_init(struct sfcache *c);
void sfcache_done(struct sfcache *c);

/*
 * sfcache_round - a new poll round begins (the worker loop): versions
 * read before are read again when used.  Before the first call (tests,
 * server_handle alone) every lookup reads the version.
 */
void sfcache_round(struct sfcache *c);

/*
 * sfcache_lookup - the online storefront of route (host: the request's
 * host, for domain routes) into *out, borrowed until the next lookup
 * (the cache's one scratch row).
 * A row read before for the same route key is reused when its version
 * is still the current one: a primary-key read of one integer instead
 * of the full row (the joined reseller and distributor, the sections
 * JSON), which is most of the cost of a cached page; the version read
 * in this round (by prefetch or an earlier request) is used when there
 * is one.  CORE_NOTFOUND when no online storefront answers to it, else
 * the database's error.
 */
enum core_err sfcache_lookup(struct sfcache *c, struct db *db, const struct route *route, const char *host,
    const struct storefront **out);

/*
 * sfcache_prefetch - before the n (<= SFCACHE_BATCH_MAX) requests of a
 * poll round are answered: the versions of the remembered storefronts
 * they route to, in one query.  Each request had arrived before the
 * query is sent, so its answer holds for all of them: a change
 * committed before a request came still shows in its reply.  Routing
 * here is a light copy of the real one (raw path, nothing decoded); a
 * request it routes elsewhere is checked again by sfcache_lookup, never
 * answered from an old version.  A failure leaves it to the lookups.
 */
void sfcache_prefetch(struct sfcache *c, struct db *db, const char *base_domain, FCGX_Request *const *batch,
    int n);

/*
 * sfcache_categories - the categories of storefront sf that hold listed
 * products, with their counts (catalog_storefront_categories): every
 * page's navigation shows them.  Read once per version of sf (listing,
 * catalog and settings changes bump it) and kept; NULL when the
 * database fails (db may be NULL).  Borrowed until the next call.
 */
const struct category_list *sfcache_categories(struct sfcache *c, struct db *db, const struct storefront *sf);

#endif
