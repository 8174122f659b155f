/*
 * reply.h - how a rendered body leaves: the ETag and 304 of public
 * pages, the worker's rendered-page cache (req->cache), the CSRF
 * placeholder of cached forms replaced by the browser's token, and the
 * Cache-Control that says who may keep the reply.  Every page body goes
 * through reply_send, error pages included; it renders nothing and
 * calls no page.
 */
#ifndef SHELF_REPLY_H
#define SHELF_REPLY_H

#include <stddef.h>
#include "csrf.h"
#include "request.h"

/*
 * reply_cache_begin - for a cacheable page, before any database work
 * beyond the storefront lookup: compute the cache key and ETag from the
 * storefront, its version, the theme fingerprint, skin, year, path and
 * the values of the query parameters named in params (space-separated,
 * the ones the page reads; any other parameter is left out, so it can
 * neither miss the cache nor fill it); answer 304 when If-None-Match
 * matches, or the cached copy when there is one.  Returns 1 when it
 * replied, else 0 (req->cache_key is set and reply_send will store the
 * page).
 */
int reply_cache_begin(struct request *req, const char *params);

/*
 * reply_send - reply with body (len bytes of ctype) and status: a
 * cacheable page (reply_cache_begin ran) answering 200 gets its ETag,
 * "public, no-cache" and a place in the page cache; anything else
 * "no-store" ("private, no-store" when personal).  Every
 * CSRF_PLACEHOLDER in body is replaced by the browser's token
 * (reply_csrf); a page holding one is "private" from then on.
 */
void reply_send(struct request *req, int status, const char *ctype, const char *body, size_t len);

/*
 * reply_csrf - the token of this browser into tok: its cookie when well
 * formed, else a new one, set as a cookie on the reply (SameSite=Lax,
 * HttpOnly, a year; Secure under https).  "" when the system has no
 * randomness.
 */
void reply_csrf(struct request *req, char tok[CSRF_TOKEN_LEN + 1]);

#endif
