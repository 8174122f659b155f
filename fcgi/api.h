/*
 * api.h - the Marketplace API under /api/v1/ (issue 16), served by
 * shelf-fcgi on every host: the storefronts' and the distributor's API
 * host alike, since the tenant comes from the bearer token, never from
 * the host or the request.
 *
 * One table of routes (api.c) says for each path pattern and method the
 * handler and the scope it needs.  api_handle authenticates (bearer
 * token, apitoken.h), takes one request from the client's token bucket,
 * reads and checks the body (size, media type, JSON with
 * JSON_REJECT_DUPLICATES), and calls the handler with a struct apicall.
 * Every answer is JSON; every error is RFC 9457 application/problem+json
 * with a stable type URI (API_PROBLEM_BASE + name), written once by
 * api_problem*; no internals ever appear in one (the log gets them).
 */
#ifndef SHELF_API_H
#define SHELF_API_H

#include <jansson.h>
#include <fcgiapp.h>
#include "actor.h"
#include "apitoken.h"
#include "buf.h"
#include "err.h"
#include "request.h"

#define API_PREFIX       "/api/v1"
#define API_MAX_BODY     (64 * 1024)	/* bytes of a request body: 413 above */
#define API_PROBLEM_BASE "https://shelf.invalid/problems/"
#define API_RATE_BURST   300		/* default bucket size (SHELF_API_RATE_BURST) */
#define API_RATE_PER_SEC 10.0		/* default refill (SHELF_API_RATE_PER_SEC) */

/* One API request, as a handler sees it. */
struct apicall {
	struct request *req;
	struct apiauth  auth;		/* who: the token's credential and reseller */
	struct actor    actor;		/* the reseller's administrator, as the API (apitoken_actor) */
	const char     *ids[2];		/* the path's {id} segments, in order; borrowed */
	const char     *body;		/* the raw body (NUL-terminated), "" when none */
	size_t          body_len;
	json_t         *json;		/* the parsed body of a JSON request; borrowed; NULL when none */
	const char     *idempotency_key;	/* the header, or NULL */
	const char     *authorization;	/* the header, or NULL */
	char            token_hash[65];	/* the bearer token's SHA-256 in hex, "" before authentication */
	int             scope;		/* the route's enum apiscope, -1: none */
	int             deferred;	/* the token is known from before: a list checks it in its own statement */
	const char     *if_none_match;
	const char     *if_match;	/* the If-Match header, or NULL */
	const char     *memo_key;	/* a list's path and query, to keep its page for the poll round; NULL: not kept */
	const void     *memo_route;	/* the route of memo_key */
	const void     *memo;		/* the page kept this round that answers this request, or NULL (api.c) */
};

/*
 * api_is_path - whether path is the API's (/api/ and below): such a
 * request goes to api_handle, whatever the host.
 */
int api_is_path(const char *path);

/* api_handle - answer one API request (req parsed by request_parse; envp its FastCGI environment). */
void api_handle(struct request *req, char **envp, FCGX_Stream *in);

/*
 * api_problem - the one error reply: status, the type's name ("not-found"
 * -> API_PROBLEM_BASE "not-found"), a title and a detail (NULL: none).
 */
void api_problem(struct request *req, int status, const char *type, const char *title, const char *detail);

/* api_problem_core - the problem for core's er and why (CORE_NOTFOUND -> 404, ...); the detail is why. */
void api_problem_core(struct apicall *c, enum core_err er, const char *why, const char *what);

/*
 * api_core_problem - the status, type name and title of the problem that
 * answers core's er (CORE_NOTFOUND 404, CORE_FORBIDDEN 403, CORE_CONFLICT
 * 409, CORE_INVALID and CORE_RANGE 422, CORE_DBCONN 503, others 500).
 */
int api_core_problem(enum core_err er, const char **type, const char **title);

/* api_problem_dump - the problem document as JSON text (malloc'd; NULL on ENOMEM), for replies kept to replay. */
char *api_problem_dump(int status, const char *type, const char *title, const char *detail);

/*
 * api_invalid - 422 "validation" with errors, an array of
 * {"field", "message"} (stolen).
 */
void api_invalid(struct request *req, json_t *errors);

/* api_json - reply status with the JSON text of body (len bytes). */
void api_json(struct request *req, int status, const char *body, size_t len);

/* api_json_obj - reply status with o (stolen) as JSON. */
void api_json_obj(struct request *req, int status, json_t *o);

/* api_etag - the ETag of a resource's JSON text (a quoted strong validator) into etag. */
#define API_ETAG_SZ 24
void api_etag(const struct buf *body, char etag[API_ETAG_SZ]);

/* api_resource - reply 200 with one resource (JSON text), its ETag, or 304 when If-None-Match matches. */
void api_resource(struct apicall *c, const struct buf *body);

/*
 * api_rate_share - make the token buckets shared with the processes this
 * one forks afterwards (apirate_shared_new): shelf-fcgi's master calls it
 * before it starts its workers, so a client's limit holds for the host,
 * not per worker.  -1 when the shared memory cannot be had: each process
 * then keeps its own buckets (the caller says so).
 */
int api_rate_share(void);

/*
 * api_rate - take one request of c->auth's client from its token bucket
 * (apirate.h: the host's bucket of the client, api_rate_share):
 * the RateLimit-* headers always; the 429 reply with Retry-After and -1
 * when the bucket is empty.
 */
int api_rate(struct apicall *c);

/* api_id - the decimal id of a path segment, or 0 when it is not one (the route then answers 404). */
int64_t api_id(const char *s);

/*
 * Body fields: a table per request body says each member's type and
 * bounds; api_fields checks c->json against it, collecting one error per
 * bad member (unknown members too) into *errors.  Returns 0 when all is
 * well (errors untouched), -1 after replying 400 (not an object) or 422.
 */
enum api_ftype { API_FT_STRING, API_FT_INT, API_FT_BOOL, API_FT_ARRAY };
struct api_field {
	const char     *name;
	enum api_ftype  type;
	int             required;
	int64_t         min, max;	/* INT: value; STRING: characters; ARRAY: elements */
	int             nullable;	/* STRING: null accepted (clears) */
	int           (*valid)(const char *);	/* STRING: the value's form (NULL: any); "" passes when min is 0 */
	const char     *invalid;	/* the message when valid says no */
};
int api_fields(struct apicall *c, const struct api_field *f, size_t n);

/* api_field_error - append {"field": field, "message": message} to errors (created when *errors is NULL). */
void api_field_error(json_t **errors, const char *field, const char *message);

/* api_str - member name of c->json as a string; NULL when absent or null. */
const char *api_str(const struct apicall *c, const char *name);

/* api_has - whether c->json has member name (null included). */
int api_has(const struct apicall *c, const char *name);

/* The handlers (api_*.c), one per route of the table in api.c. */
void api_token(struct apicall *c);
void api_openapi(struct apicall *c);
void api_customers_list(struct apicall *c);
void api_customers_create(struct apicall *c);
void api_customer_get(struct apicall *c);
void api_customer_update(struct apicall *c);
void api_users_list(struct apicall *c);
void api_users_invite(struct apicall *c);
void api_user_get(struct apicall *c);
void api_user_update(struct apicall *c);
void api_orders_list(struct apicall *c);
void api_orders_create(struct apicall *c);
void api_order_get(struct apicall *c);
void api_subs_list(struct apicall *c);
void api_sub_get(struct apicall *c);
void api_sub_update(struct apicall *c);
void api_sub_cancel(struct apicall *c);
void api_sub_usage(struct apicall *c);
void api_invoices_list(struct apicall *c);
void api_invoice_get(struct apicall *c);
void api_balance(struct apicall *c);
void api_products_list(struct apicall *c);
void api_product_get(struct apicall *c);
void api_product_markup(struct apicall *c);
void api_markups(struct apicall *c);
void api_webhooks_list(struct apicall *c);
void api_webhooks_create(struct apicall *c);
void api_webhook_get(struct apicall *c);
void api_webhook_update(struct apicall *c);
void api_webhook_delete(struct apicall *c);
void api_webhook_deliveries(struct apicall *c);
void api_contacts_list(struct apicall *c);
void api_contacts_invite(struct apicall *c);
void api_contact_get(struct apicall *c);
void api_contact_disable(struct apicall *c);

/*
 * api_list - the list handler shared by every collection: reads limit,
 * cursor and the filters res accepts from the query string (400
 * "invalid-parameter" naming a bad or unsupported one), and replies
 * {"data": [...], "next_cursor": "..." | null} with a Link rel="next".
 * customer > 0 scopes a list of storefront users.
 */
struct apiread_query;
void api_list(struct apicall *c, int res, int64_t customer);

#endif
