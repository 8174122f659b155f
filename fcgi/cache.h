/*
 * cache.h - the rendered-page cache of one worker process.
 *
 * Keys name everything a public page depends on: the storefront, its
 * version (bumped by core on every catalog, listing, markup or settings
 * change), the theme fingerprint, the skin and the normalised page URL.
 * A change therefore makes a new key on the very next request and the
 * stale entry is never looked at again; it ages out of the LRU.  Size is
 * bounded both in entries and in bytes of bodies.
 *
 * One process, one thread: no locking.
 */
#ifndef SHELF_CACHE_H
#define SHELF_CACHE_H

#include <stddef.h>
#include "err.h"

#define CACHE_CTYPE_MAX 64
#define CACHE_ETAG_MAX  80
#define CACHE_VARIANTS  3	/* the body, and other forms of it (encoding.h: gzip, br) */

struct cache;

struct cache_entry {
	int    status;
	char   ctype[CACHE_CTYPE_MAX];
	char   etag[CACHE_ETAG_MAX];
	char  *body;
	size_t len;
	int    flags;			/* the caller's facts about the body, kept with it */
	char  *variant[CACHE_VARIANTS];	/* [1..]: other forms of the body, NULL until attached */
	size_t variant_len[CACHE_VARIANTS];
};

/* cache_new - an empty cache of at most max_entries entries and max_bytes of bodies; NULL on ENOMEM. */
struct cache *cache_new(size_t max_entries, size_t max_bytes);

/* cache_free - release the cache and every entry; NULL is fine. */
void cache_free(struct cache *c);

/* cache_get - the entry under key or NULL; borrowed until the next cache_put or cache_free.  Marks it recently used. */
const struct cache_entry *cache_get(struct cache *c, const char *key);

/*
 * cache_put - store a copy of body under key (replacing an entry of the
 * same key), evicting the least recently used entries to make room.
 * A body larger than a quarter of max_bytes is not stored (CORE_RANGE).
 */
enum core_err cache_put(struct cache *c, const char *key, int status, const char *ctype,
    const char *etag, const char *body, size_t len, int flags);

/*
 * cache_attach - keep a copy of data as variant v (1..CACHE_VARIANTS-1) of
 * the entry under key, counted in its bytes (replacing one already
 * there).  CORE_NOTFOUND when the entry is gone, CORE_RANGE when the
 * cache cannot hold it without evicting the entry itself.  Entries
 * returned by cache_get stay valid.
 */
enum core_err cache_attach(struct cache *c, const char *key, int v, const char *data, size_t len);

/* cache_count / cache_bytes - entries and body bytes held (tests, logs). */
size_t cache_count(const struct cache *c);
size_t cache_bytes(const struct cache *c);

#endif
