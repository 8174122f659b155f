/*
 * pagestore.h - rendered public pages kept in files as well, so that a
 * worker that starts (a restart, a deploy, another worker) finds the
 * pages of the current versions made and compressed, instead of making
 * each again while its visitors wait.
 *
 * One file per page (a cache key without its version, reply.c), named by
 * the hash of that and holding the whole key it was made under, so a
 * page is kept in one file whatever its versions and is used only under
 * the very key it was made for: a new version is a miss, as in the
 * cache.  Written to a temporary name and renamed, so a reader sees a
 * whole file or the one before; workers share the directory.  Only what
 * reply.c caches comes here (public pages, never a personal one).
 *
 * Directory: config page_dir ("": no store).
 */
#ifndef SHELF_PAGESTORE_H
#define SHELF_PAGESTORE_H

#include <stddef.h>
#include "buf.h"
#include "err.h"

#define PAGESTORE_VARIANTS 3	/* as cache.h: the body, then its other codings */

struct pagestore_page {
	int    status;
	int    flags;
	char   ctype[64];
	struct buf part[PAGESTORE_VARIANTS];	/* [0]: the body; [v]: coding v, empty when not kept */
};

/*
 * pagestore_save - page p, made under key, into the file of base in dir.
 * Errors are the caller's to log or not (a store that cannot be written
 * only costs renders): CORE_IO.
 */
enum core_err pagestore_save(const char *dir, const char *base, const char *key, const struct pagestore_page *p);

/*
 * pagestore_load - the page made under key, from the file of base in
 * dir, into *p (zeroed first; pagestore_page_free it).  CORE_NOTFOUND
 * when there is none or it was made under another key, CORE_IO for a
 * file that cannot be read or is not whole.
 */
enum core_err pagestore_load(const char *dir, const char *base, const char *key, struct pagestore_page *p);

/* pagestore_page_free - release p's buffers; p zeroed. */
void pagestore_page_free(struct pagestore_page *p);

#endif
