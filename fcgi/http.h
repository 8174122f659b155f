/*
 * http.h - the pieces of an HTTP request that are parsed from bytes:
 * percent-decoding, query strings and urlencoded bodies, cookies,
 * If-None-Match; and percent-encoding for the URLs we build.
 *
 * Pure functions over strings (no libfcgi, no database), so they are
 * unit tested directly.  Decoding is strict: a '%' not followed by two
 * hex digits, a decoded NUL byte or bytes that are not UTF-8 make the
 * whole input malformed (HTTP 400); more than HTTP_MAX_PARAMS fields
 * make it too big (HTTP 413).  Limits on the raw sizes are the
 * caller's (request.c), so every limit is named in one place.
 */
#ifndef SHELF_HTTP_H
#define SHELF_HTTP_H

#include <stddef.h>
#include "buf.h"

#define HTTP_MAX_PARAMS	64		/* fields in a query string, form or cookie header */
#define HTTP_MAX_QUERY	2048		/* bytes of a query string */
#define HTTP_MAX_BODY	(16 * 1024)	/* bytes of a form body */
#define HTTP_MAX_COOKIE	4096		/* bytes of the Cookie header we look at */
#define HTTP_MAX_PATH	1024		/* bytes of the path */

/* Parse results are HTTP status codes: 0 is success. */
#define HTTP_OK		0
#define HTTP_BAD	400
#define HTTP_TOO_BIG	413

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_OTHER,
	HTTP__MAX
};

struct http_param {
	const char *name;	/* decoded, NUL-terminated, never NULL */
	const char *value;	/* decoded, "" when the field had no '=' */
};

/*
 * A list of decoded fields.  Names and values point into mem, one
 * allocation owned by the list.  A zeroed list is empty and valid;
 * release with http_params_free.
 */
struct http_params {
	struct http_param *v;
	size_t             n;
	char              *mem;
};

/* http_method_parse - GET, HEAD, POST or HTTP_OTHER (NULL too). */
enum http_method http_method_parse(const char *s);

/* http_method_name - "GET", "HEAD", "POST", "OTHER". */
const char *http_method_name(enum http_method m);

/*
 * http_decode - percent-decode s[0..len) in place; '+' becomes a space
 * when plus is set (forms and query strings, not paths).  The result is
 * NUL-terminated and its length stored in *outlen (may be NULL).
 * Returns HTTP_OK, or HTTP_BAD for a malformed escape, a NUL byte or
 * invalid UTF-8 (s is then garbage).
 */
int http_decode(char *s, size_t len, int plus, size_t *outlen);

/*
 * http_params_parse - parse "a=1&b=x+y&c" (a query string or an
 * application/x-www-form-urlencoded body, len bytes, need not be
 * NUL-terminated; NULL with len 0 is empty) into out, replacing what
 * it held.  Empty fields ("a=1&&b=2") are skipped.  Returns HTTP_OK,
 * HTTP_BAD (malformed encoding), HTTP_TOO_BIG (too many fields) or
 * -1 when out of memory; out is empty on failure.
 */
int http_params_parse(struct http_params *out, const char *s, size_t len);

/*
 * http_cookies_parse - parse a Cookie header ("a=1; b=2") into out.
 * Values are not decoded (cookies are opaque); pairs without '=' are
 * skipped rather than refused, since a browser sends other sites' junk
 * on a shared host.  Returns as http_params_parse.
 */
int http_cookies_parse(struct http_params *out, const char *s, size_t len);

/* http_params_get - the value of the first field called name, or NULL; borrowed. */
const char *http_params_get(const struct http_params *p, const char *name);

/* http_params_free - release the list and empty it; a zeroed list is fine. */
void http_params_free(struct http_params *p);

/*
 * http_etag_match - true when the If-None-Match header value inm
 * (NULL: false) names etag under the weak comparison of RFC 9110
 * (W/ prefixes ignored; "*" matches anything).  etag includes its quotes.
 */
int http_etag_match(const char *inm, const char *etag);

/* http_urlencode - append s percent-encoded for a query value or path segment (RFC 3986 unreserved kept). */
enum core_err http_urlencode(struct buf *b, const char *s);

/* http_is_slug - true when s looks like a slug: [a-z0-9-], 1..maxlen bytes, no leading/trailing '-'. */
int http_is_slug(const char *s, size_t maxlen);

#endif
