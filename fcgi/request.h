/*
 * request.h - one request: what came in, where it is routed, and the
 * one reply that goes out.
 *
 * A struct request is made at the top of the worker loop
 * (request_init + request_parse), handed to one page handler, and freed
 * at the bottom (request_free).  Nothing of a request outlives it; the
 * process-wide state it points to (configuration, database connection,
 * theme, page cache, the storefront row and its categories) is borrowed
 * from the worker (server.h) for the request's lifetime: a page reaches
 * all it needs through the request.
 *
 * Replies: every path through a handler ends in exactly one call of a
 * request_reply* / request_redirect / page_error function; after it
 * req->replied is set and further replies are ignored (and logged), so
 * an error is answered once, at the boundary.
 */
#ifndef SHELF_REQUEST_H
#define SHELF_REQUEST_H

#include <stddef.h>
#include <stdint.h>
#include <fcgiapp.h>
#include "actor.h"
#include "buf.h"
#include "http.h"
#include "route.h"
#include "storefront.h"

struct cache;
struct acache;
struct category_list;
struct config;
struct db;
struct server;
struct sfcache;
struct stale;
struct theme;

#define REQUEST_HOST_MAX 254

struct request {
	struct server     *srv;		/* borrowed: the worker; the dispatcher's (server.c), no page's */
	struct db         *db;		/* borrowed: the worker's connection; NULL while the database is away */
	const struct config *cfg;	/* borrowed: the worker's configuration; NULL in unit tests */
	struct cache      *cache;	/* borrowed: the rendered-page cache (reply.c); NULL: none */
	struct acache     *acache;	/* borrowed: the customer area's data cache (acache.h); NULL: none */
	struct stale      *stale;	/* borrowed: pages kept past distributor-wide changes (stale.h); NULL: none */
	struct sfcache    *sfc;		/* borrowed: the storefront cache, for the nav's categories (page.c); NULL: none */
	FCGX_Request      *fcgi;		/* the connection the reply goes out on; NULL: to captured (tests) */
	struct buf         captured;

	/* what came in */
	char             **envp;		/* borrowed: the FastCGI environment request_parse read */
	enum http_method   method;
	char               host[REQUEST_HOST_MAX];	/* lower case, no port; "" if absent or bad */
	char              *path;		/* decoded path, malloc'd, starts with '/' */
	const char        *query_raw;		/* borrowed from the environment; "" if none */
	struct http_params query;
	struct http_params form;		/* POST bodies only */
	struct http_params cookies;
	const char        *if_none_match;	/* borrowed; NULL if absent */
	const char        *accept_encoding;	/* borrowed; NULL if absent */
	const char        *remote_addr;		/* borrowed; "" if absent */
	const char        *content_type;	/* borrowed; NULL if absent */
	const char        *content_length;	/* borrowed; NULL if absent */
	int                https;		/* the client connection was TLS */

	/* where it goes (route.c, server.c) */
	struct route       route;
	char               arg[80];		/* the segment a '*' captured in the middle of a pattern */
	const struct storefront *sf;		/* borrowed from the server's storefront slots; NULL: none */
	const struct theme *theme;		/* the storefront's theme, or the default */
	const struct category_list *categories;	/* the storefront's categories for the nav (borrowed), read by page_context; NULL: none */
	char               base_path[80];	/* "/s/demo" in path routing, "" otherwise */
	char               origin[300];		/* "https://shop.example.com": scheme + host, no slash */
	char               authority[REQUEST_HOST_MAX + 8];	/* host[:port] as sent, validated; "" if bad */
	char               skin[33];		/* the storefront's skin if the theme has it, else its default */
	int                year;		/* UTC year now, for the footer (part of cache keys) */

	/* who asks (auth.c): the storefront user of the session cookie, before the handler runs */
	struct actor       actor;		/* zeroed when nobody is signed in */
	int                logged_in;
	int                must_change_password;
	char               session_token[65];	/* the cookie's token when it names a live session */
	char               session_csrf[65];	/* the session's CSRF token, put in every form */
	int64_t            customer_version;	/* the version of the customer's data, read with the session (acache.h) */
	int                personal;		/* the reply depends on the visitor: private, no-store, never in the page cache */

	/* the page cache (reply.c): set for cacheable pages before the handler runs */
	struct buf         cache_key;
	char               etag[40];
	int                encoding;		/* enum encoding the page cache answers in (reply.c) */

	/* the reply */
	struct buf         headers;		/* extra header lines, CRLF-terminated */
	int                status;		/* of the reply sent; 0 before */
	int                replied;
};

/*
 * request_init - an empty request on the worker srv (borrowing its
 * configuration, database and page cache; NULL: none, for tests)
 * replying on fcgi (NULL: capture, for tests).
 */
void request_init(struct request *req, struct server *srv, FCGX_Request *fcgi);

/* request_free - release everything the request owns; it is empty afterwards. */
void request_free(struct request *req);

/*
 * request_parse - read method, host, path, query string, cookies and the
 * request headers we use from the FastCGI environment envp (NULL-ended
 * "NAME=value" strings, as libfcgi gives).  Strings are borrowed from
 * envp, which must outlive the request.  Returns HTTP_OK, HTTP_BAD
 * (malformed path, query or cookie encoding), HTTP_TOO_BIG (path,
 * query or cookie over its limit) or 500 when out of memory.  The body
 * is read separately (request_parse_form).
 */
int request_parse(struct request *req, char **envp);

/*
 * request_body_length - the declared body length from CONTENT_LENGTH
 * into *n: HTTP_OK (0 when absent), HTTP_BAD when it is not a number,
 * HTTP_TOO_BIG when it passes HTTP_MAX_BODY.
 */
int request_body_length(const struct request *req, size_t *n);

/*
 * request_parse_form - parse body (len bytes) as the urlencoded form of
 * this request into req->form.  Returns HTTP_OK, HTTP_BAD (malformed),
 * HTTP_TOO_BIG, 415 when the Content-Type is not
 * application/x-www-form-urlencoded, or 500 when out of memory.
 */
int request_parse_form(struct request *req, const char *body, size_t len);

/*
 * request_method_ok - HTTP_OK when the request's method is in allowed
 * (a bit mask of 1 << enum http_method), else 405.  HEAD is allowed
 * wherever GET is.
 */
int request_method_ok(const struct request *req, unsigned allowed);

/* request_allow_header - "GET, HEAD" / "GET, HEAD, POST" for the Allow header of mask allowed. */
const char *request_allow_header(unsigned allowed);

/* request_param - a query-string value or NULL; borrowed. */
const char *request_param(const struct request *req, const char *name);

/* request_field - a form field or NULL; borrowed. */
const char *request_field(const struct request *req, const char *name);

/* request_cookie - a cookie value or NULL; borrowed. */
const char *request_cookie(const struct request *req, const char *name);

/* request_header - add one header line to the reply (no CR/LF allowed in it: dropped). */
void request_header(struct request *req, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * request_reply - send status, Content-Type ctype, the extra headers,
 * Content-Length and body (len bytes; not for HEAD).  The one way out
 * for a response body.
 */
void request_reply(struct request *req, int status, const char *ctype, const char *body, size_t len);

/* request_reply_text - request_reply with text/plain and a NUL-terminated body. */
void request_reply_text(struct request *req, int status, const char *body);

/* request_not_modified - 304 with the extra headers (ETag, Cache-Control) and no body. */
void request_not_modified(struct request *req);

/*
 * request_redirect - status (301, 302, 303) to location, which is a
 * path ("/s/demo/contact") or an absolute URL; paths are made absolute
 * with req->origin.
 */
void request_redirect(struct request *req, int status, const char *location);

/* request_reason - "OK", "Not Found", ... for a status code. */
const char *request_reason(int status);

#endif
