/*
 * route.h - which storefront a request is for, from its Host and path.
 *
 * Three ways, tried in this order:
 *   1. path prefix /s/SLUG/...  (development, distributors without
 *      wildcard DNS); links inside pages keep the prefix;
 *   2. Host SLUG.<base_domain>  (one label in front of the configured
 *      base domain);
 *   3. Host is anything else with a dot that is not an IP address nor
 *      the base domain itself: a candidate custom domain.
 * Pure string work: the database lookups are the storefront cache's (sfcache.c).
 */
#ifndef SHELF_ROUTE_H
#define SHELF_ROUTE_H

#include <stddef.h>
#include "buf.h"

#define ROUTE_SLUG_MAX 63
#define ROUTE_KEY_MAX  253

enum route_kind {
	ROUTE_NONE,		/* no storefront: global paths (/livez) or 404 */
	ROUTE_PATH_SLUG,	/* /s/SLUG/... */
	ROUTE_HOST_SLUG,	/* SLUG.<base_domain> */
	ROUTE_DOMAIN,		/* custom domain */
};

struct route {
	enum route_kind kind;
	char        key[ROUTE_KEY_MAX + 1];	/* the slug or the domain */
	const char *rest;	/* path inside the storefront, starts with '/'; points into the path given */
	int         bare;	/* "/s/SLUG" without the trailing slash: redirect to add it */
};

/*
 * route_parse - fill r from host (lower case, no port; may be "") and
 * path (decoded, starts with '/'), with base_domain from the
 * configuration (may be "").  r->rest borrows path.  A /s/ prefix whose
 * slug is not a valid slug gives ROUTE_NONE with rest = path.
 */
void route_parse(struct route *r, const char *host, const char *path, const char *base_domain);

/* route_base_path - append the path prefix of storefront slug in path routing ("/s/demo") to b. */
void route_base_path(struct buf *b, const char *slug);

/*
 * route_host_normalize - copy the Host header value into out (size n):
 * lower case, port and a trailing dot removed.  "" when the value is
 * absent, too long or has characters a host name cannot have.
 */
void route_host_normalize(const char *value, char *out, size_t n);

#endif
