/*
 * stale.h - public pages served in their version from before a
 * distributor-wide change while the new one is rendered in the
 * background, in order of traffic; the state of one worker process.
 *
 * A change to a product's price or text bumps the version of every
 * storefront that lists it (core/catalog.c), and with it every cached
 * page of those storefronts: without this, each of them is rendered on
 * the next request of a visitor who waits for it.  Instead, for a public
 * page (reply.c: cacheable, not personal, GET) whose storefront moved
 * from the version it was last rendered in only by distributor-wide
 * bumps (storefronts.wide_version moved by as much as version: no
 * change of the storefront's own, and no visitor's write in between),
 * the page of the previous version is sent, and the page is queued to be
 * rendered again.  The worker renders queued pages between its poll
 * rounds (stale_next), the page of the storefront with the most hits
 * first.  A page is served stale for at most max_ms from the first
 * request that found it stale; after that it is rendered on the request
 * again.  Every window is measured; a line is logged per catch-up
 * (pages, longest window, the bound, pages rendered on request after it).
 *
 * Personal pages never come here, and neither does any request of a
 * page while it is being rendered again (stale_replaying).
 *
 * One process, one thread: no locking.
 */
#ifndef SHELF_STALE_H
#define SHELF_STALE_H

#include <stdint.h>

#define STALE_PAGES   4096	/* pages whose latest rendered version is remembered */
#define STALE_BUCKETS 8192	/* hash buckets over their keys, a power of two */
#define STALE_HITS    8192	/* storefronts whose hits are counted (direct-mapped by reseller id) */
#define STALE_ENV_MAX 8		/* FastCGI parameters a re-render replays */

/* A page (a cache key without the version) and the version it was last rendered in. */
struct stale_page {
	char         *base;		/* malloc'd; NULL: free */
	char         *key;		/* malloc'd: the cache key of that version */
	int64_t       reseller_id, version, wide;
	double        since;		/* ms (monotonic) a newer version was first asked for; 0: current */
	char         *env;		/* queued: the request to replay, "NAME=value\0"... "\0"; NULL: not queued */
	unsigned long used;		/* LRU clock */
	int           next;		/* 1 + the next page in its bucket; 0 at the end */
};

struct stale_hits {
	int64_t       reseller_id;	/* 0: empty */
	unsigned long hits;
};

struct stale {
	struct stale_page pages[STALE_PAGES];
	int               buckets[STALE_BUCKETS];
	struct stale_hits hits[STALE_HITS];
	unsigned long     clock;
	int               max_ms;	/* the bound of a stale window; 0: never serve stale */
	int               queued;	/* pages with env */
	int               replaying;	/* 1 + the page stale_next handed out, while it is rendered */
	char             *envp[STALE_ENV_MAX + 1];	/* the replayed request's environment, in env: */
	char             *env;		/* a copy of its page's env, freed by stale_next_done */
	/* the current catch-up, for its log line */
	int               caught, late;
	double            longest;
};

/* stale_init - s empty (it is large: static or heap storage), windows of at most max_ms; stale_done frees it. */
void stale_init(struct stale *s, int max_ms);
void stale_done(struct stale *s);

/* stale_hit - one request for a public page of reseller_id's storefront (not counted while replaying). */
void stale_hit(struct stale *s, int64_t reseller_id);

/*
 * stale_serve - the cache key of the page base may be sent under instead
 * of rendering it in (version, wide) of reseller_id's storefront, or
 * NULL: when the version remembered is older only by distributor-wide
 * bumps, within the window, and not while replaying.  The first such
 * call starts the page's window and queues it with the request's
 * environment envp (GET, no cookies: its parameters that name the page).
 * The key is borrowed until the next call; the caller checks that the
 * cache still holds it.
 */
const char *stale_serve(struct stale *s, const char *base, int64_t reseller_id, int64_t version, int64_t wide,
    char *const *envp);

/*
 * stale_rendered - page base was rendered and cached under key in
 * (version, wide): the version to serve from now on.  Ends its window
 * (measured) and takes it off the queue.
 */
void stale_rendered(struct stale *s, const char *base, const char *key, int64_t reseller_id, int64_t version,
    int64_t wide);

/* stale_pending - pages queued to be rendered again. */
int stale_pending(const struct stale *s);

/*
 * stale_next - the environment of the queued page of the most visited
 * storefront, to hand to server_handle (borrowed until stale_next_done),
 * or NULL when none is queued.  Until stale_next_done, s is replaying:
 * no stale page is served, no hit counted.
 */
char **stale_next(struct stale *s);

/* stale_next_done - the page stale_next gave out was answered; off the queue even when it failed. */
void stale_next_done(struct stale *s);

#endif
