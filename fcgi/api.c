/*
 * api.c - the Marketplace API's way of a request (api.h): the route
 * table, authentication, the rate limit, the body, and the replies every
 * handler shares.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <jansson.h>
#include "api.h"
#include "apirate.h"
#include "apiread.h"
#include "db.h"
#include "digest.h"
#include "http.h"
#include "server.h"
#include "str.h"
#include "theme.h"

enum api_method { AM_GET, AM_HEAD, AM_POST, AM_PUT, AM_PATCH, AM_DELETE, AM_OTHER, AM__MAX };

static const char *const method_names[AM__MAX] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OTHER" };

#define R_NOAUTH 0x01	/* no bearer token (the token endpoint, the document) */
#define R_JSON   0x02	/* the body is a JSON object */
#define R_FORM   0x04	/* the body is application/x-www-form-urlencoded */
#define R_NOBODY 0x08	/* a POST without a body */
#define R_LIST   0x10	/* a list that checks a known token in its own statement (apiread_list_as) */

/*
 * The routes.  A pattern is the path after API_PREFIX; "{id}" matches
 * one segment (the handler reads it from c->ids).  scope is the
 * enum apiscope the token needs, -1 for none.
 */
static const struct api_route {
	const char     *pattern;
	enum api_method method;
	int             scope;
	unsigned        flags;
	void          (*fn)(struct apicall *c);
} routes[] = {
	{ "/oauth/token", AM_POST, -1, R_NOAUTH | R_FORM, api_token },
	{ "/openapi.json", AM_GET, -1, R_NOAUTH, api_openapi },
	{ "/customers", AM_GET, APISCOPE_CUSTOMERS_READ, R_LIST, api_customers_list },
	{ "/customers", AM_POST, APISCOPE_CUSTOMERS_WRITE, R_JSON, api_customers_create },
	{ "/customers/{id}", AM_GET, APISCOPE_CUSTOMERS_READ, 0, api_customer_get },
	{ "/customers/{id}", AM_PATCH, APISCOPE_CUSTOMERS_WRITE, R_JSON, api_customer_update },
	{ "/customers/{id}/users", AM_GET, APISCOPE_CUSTOMERS_READ, 0, api_users_list },
	{ "/customers/{id}/users", AM_POST, APISCOPE_CUSTOMERS_WRITE, R_JSON, api_users_invite },
	{ "/customers/{id}/users/{id}", AM_GET, APISCOPE_CUSTOMERS_READ, 0, api_user_get },
	{ "/customers/{id}/users/{id}", AM_PATCH, APISCOPE_CUSTOMERS_WRITE, R_JSON, api_user_update },
	{ "/orders", AM_GET, APISCOPE_ORDERS_READ, R_LIST, api_orders_list },
	{ "/orders", AM_POST, APISCOPE_ORDERS_WRITE, R_JSON, api_orders_create },
	{ "/orders/{id}", AM_GET, APISCOPE_ORDERS_READ, 0, api_order_get },
	{ "/subscriptions", AM_GET, APISCOPE_SUBSCRIPTIONS_READ, R_LIST, api_subs_list },
	{ "/subscriptions/{id}", AM_GET, APISCOPE_SUBSCRIPTIONS_READ, 0, api_sub_get },
	{ "/subscriptions/{id}", AM_PATCH, APISCOPE_SUBSCRIPTIONS_WRITE, R_JSON, api_sub_update },
	{ "/subscriptions/{id}/cancel", AM_POST, APISCOPE_SUBSCRIPTIONS_WRITE, R_NOBODY, api_sub_cancel },
	{ "/subscriptions/{id}/usage", AM_GET, APISCOPE_SUBSCRIPTIONS_READ, 0, api_sub_usage },
	{ "/invoices", AM_GET, APISCOPE_INVOICES_READ, R_LIST, api_invoices_list },
	{ "/invoices/{id}", AM_GET, APISCOPE_INVOICES_READ, 0, api_invoice_get },
	{ "/balance", AM_GET, APISCOPE_INVOICES_READ, 0, api_balance },
	{ "/products", AM_GET, APISCOPE_PRODUCTS_READ, R_LIST, api_products_list },
	{ "/products/{id}", AM_GET, APISCOPE_PRODUCTS_READ, 0, api_product_get },
	{ "/products/{id}/markup", AM_PUT, APISCOPE_PRODUCTS_WRITE, R_JSON, api_product_markup },
	{ "/markups", AM_POST, APISCOPE_PRODUCTS_WRITE, R_JSON, api_markups },
	{ "/webhooks", AM_GET, APISCOPE_WEBHOOKS_READ, 0, api_webhooks_list },
	{ "/webhooks", AM_POST, APISCOPE_WEBHOOKS_WRITE, R_JSON, api_webhooks_create },
	{ "/webhooks/{id}", AM_GET, APISCOPE_WEBHOOKS_READ, 0, api_webhook_get },
	{ "/webhooks/{id}", AM_PATCH, APISCOPE_WEBHOOKS_WRITE, R_JSON, api_webhook_update },
	{ "/webhooks/{id}", AM_DELETE, APISCOPE_WEBHOOKS_WRITE, 0, api_webhook_delete },
	{ "/webhooks/{id}/deliveries", AM_GET, APISCOPE_WEBHOOKS_READ, 0, api_webhook_deliveries },
	{ "/customers/{id}/contacts", AM_GET, APISCOPE_CUSTOMERS_READ, 0, api_contacts_list },
	{ "/customers/{id}/contacts", AM_POST, APISCOPE_CUSTOMERS_WRITE, R_JSON, api_contacts_invite },
	{ "/customers/{id}/contacts/{id}", AM_GET, APISCOPE_CUSTOMERS_READ, 0, api_contact_get },
	{ "/customers/{id}/contacts/{id}/disable", AM_POST, APISCOPE_CUSTOMERS_WRITE, R_NOBODY, api_contact_disable },
};

#define NROUTES (sizeof(routes) / sizeof(routes[0]))

int
api_is_path(const char *path)
{
	return path != NULL && (strcmp(path, "/api") == 0 || strncmp(path, "/api/", 5) == 0);
}

/* The request headers the API reads beyond request_parse's, from one pass over envp. */
enum hdr { H_METHOD, H_AUTH, H_IDEM, H_IF_MATCH, H__MAX };

static void
scan(char **envp, const char *v[H__MAX])
{
	static const char *const names[H__MAX] = { "REQUEST_METHOD=", "HTTP_AUTHORIZATION=",
		"HTTP_IDEMPOTENCY_KEY=", "HTTP_IF_MATCH=" };
	int i;

	for (i = 0; i < H__MAX; i++)
		v[i] = NULL;
	for (; envp != NULL && *envp != NULL; envp++)
		for (i = 0; i < H__MAX; i++)
			if (v[i] == NULL && strncmp(*envp, names[i], strlen(names[i])) == 0)
				v[i] = *envp + strlen(names[i]);
}

static enum api_method
method_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < AM_OTHER; i++)
		if (strcmp(s, method_names[i]) == 0)
			return (enum api_method)i;
	return AM_OTHER;
}

/*
 * match - whether path (after the prefix) fits pattern; ids[] get the
 * {id} segments copied into idbuf (2 x 24 bytes).
 */
static int
match(const char *pattern, const char *path, char idbuf[2][24], const char *ids[2])
{
	const char *p = pattern, *s = path;
	int k = 0;
	size_t n;

	while (*p && *s) {
		if (strncmp(p, "{id}", 4) == 0) {
			n = strcspn(s, "/");
			if (n == 0 || n >= 24 || k >= 2)
				return 0;
			memcpy(idbuf[k], s, n);
			idbuf[k][n] = '\0';
			ids[k] = idbuf[k];
			k++;
			p += 4;
			s += n;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

/* problem_new - the problem document; a detail that is NULL, "" or not UTF-8 is left out.  NULL on ENOMEM. */
static json_t *
problem_new(int status, const char *type, const char *title, const char *detail)
{
	char uri[160];
	json_t *o;

	snprintf(uri, sizeof(uri), "%s%s", API_PROBLEM_BASE, type);
	if ((o = json_pack("{s:s, s:s, s:i}", "type", uri, "title", title, "status", status)) == NULL)
		return NULL;
	if (detail != NULL && detail[0] != '\0')
		json_object_set_new(o, "detail", json_string(detail));	/* NULL (not UTF-8): not set */
	return o;
}

static void
problem_send(struct request *req, int status, json_t *o)
{
	char *s;

	if (o == NULL || (s = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		request_header(req, "Cache-Control: no-store");
		static const char fallback[] =
		    "{\"type\":\"" API_PROBLEM_BASE "internal\",\"title\":\"Internal error\",\"status\":500}";

		request_reply(req, 500, "application/problem+json", fallback, sizeof(fallback) - 1);
		return;
	}
	json_decref(o);
	request_header(req, "Cache-Control: no-store");
	request_reply(req, status, "application/problem+json", s, strlen(s));
	free(s);
}

void
api_problem(struct request *req, int status, const char *type, const char *title, const char *detail)
{
	problem_send(req, status, problem_new(status, type, title, detail));
}

void
api_invalid(struct request *req, json_t *errors)
{
	json_t *o = problem_new(422, "validation", "The request has invalid fields", NULL);

	if (o != NULL)
		json_object_set_new(o, "errors", errors ? errors : json_array());
	else
		json_decref(errors);
	problem_send(req, 422, o);
}

void
api_field_error(json_t **errors, const char *field, const char *message)
{
	if (*errors == NULL)
		*errors = json_array();
	json_array_append_new(*errors, json_pack("{s:s, s:s}", "field", field, "message", message));
}

int
api_core_problem(enum core_err er, const char **type, const char **title)
{
	switch (er) {
	case CORE_NOTFOUND:
		*type = "not-found", *title = "Not found";
		return 404;
	case CORE_FORBIDDEN:
		*type = "forbidden", *title = "Forbidden";
		return 403;
	case CORE_CONFLICT:
		*type = "conflict", *title = "Conflict with the current state";
		return 409;
	case CORE_INVALID:
	case CORE_RANGE:
		*type = "unprocessable", *title = "The request cannot be carried out";
		return 422;
	case CORE_DBCONN:
		*type = "unavailable", *title = "Service unavailable";
		return 503;
	default:
		*type = "internal", *title = "Internal error";
		return 500;
	}
}

char *
api_problem_dump(int status, const char *type, const char *title, const char *detail)
{
	json_t *o = problem_new(status, type, title, detail);
	char *s;

	s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return s;
}

void
api_problem_core(struct apicall *c, enum core_err er, const char *why, const char *what)
{
	const char *type, *title;
	char detail[CORE_WHY + 64];
	int status = api_core_problem(er, &type, &title);

	if (status >= 500)
		fprintf(stderr, "shelf-fcgi: api %s: %s: %s\n", c->req->path, core_strerror(er),
		    c->req->db ? db_error(c->req->db) : "");
	if (status == 404 && (why == NULL || !why[0])) {
		snprintf(detail, sizeof(detail), "There is no such %s.", what);
		why = detail;
	}
	if (status == 503)
		why = "Try again in a moment.";
	if (status == 500)
		why = NULL;
	api_problem(c->req, status, type, title, why);
}

void
api_json(struct request *req, int status, const char *body, size_t len)
{
	request_header(req, "Cache-Control: no-store");
	request_reply(req, status, "application/json", body, len);
}

void
api_json_obj(struct request *req, int status, json_t *o)
{
	char *s;

	if (o == NULL || (s = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		api_problem(req, 500, "internal", "Internal error", NULL);
		return;
	}
	json_decref(o);
	api_json(req, status, s, strlen(s));
	free(s);
}

void
api_etag(const struct buf *body, char etag[API_ETAG_SZ])
{
	snprintf(etag, API_ETAG_SZ, "\"%016llx\"", theme_fnv(THEME_FNV_INIT, body->data, body->len));
}

void
api_resource(struct apicall *c, const struct buf *body)
{
	char etag[API_ETAG_SZ];

	api_etag(body, etag);
	request_header(c->req, "ETag: %s", etag);
	if (http_etag_match(c->if_none_match, etag)) {
		request_header(c->req, "Cache-Control: private, no-cache");
		request_not_modified(c->req);
		return;
	}
	request_header(c->req, "Cache-Control: private, no-cache");
	request_reply(c->req, 200, "application/json", body->data, body->len);
}

int64_t
api_id(const char *s)
{
	int64_t v = 0;
	size_t i;

	if (s == NULL || s[0] == '\0' || s[0] == '0')
		return 0;
	for (i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || i >= 18)
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

const char *
api_str(const struct apicall *c, const char *name)
{
	json_t *v = c->json ? json_object_get(c->json, name) : NULL;

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int
api_has(const struct apicall *c, const char *name)
{
	return c->json != NULL && json_object_get(c->json, name) != NULL;
}

int
api_fields(struct apicall *c, const struct api_field *f, size_t n)
{
	json_t *errors = NULL, *v;
	const char *key;
	char msg[160];
	size_t i, len;
	int64_t iv;

	if (!json_is_object(c->json)) {
		api_problem(c->req, 400, "malformed-body", "The body is not a JSON object", NULL);
		return -1;
	}
	json_object_foreach(c->json, key, v) {
		for (i = 0; i < n && strcmp(f[i].name, key) != 0; i++)
			;
		if (i == n)
			api_field_error(&errors, key, "This field is not known.");
	}
	for (i = 0; i < n; i++) {
		v = json_object_get(c->json, f[i].name);
		if (v == NULL) {
			if (f[i].required)
				api_field_error(&errors, f[i].name, "This field is required.");
			continue;
		}
		switch (f[i].type) {
		case API_FT_STRING:
			if (json_is_null(v) && f[i].nullable)
				break;
			if (!json_is_string(v)) {
				api_field_error(&errors, f[i].name, "This field must be a string.");
				break;
			}
			len = str_utf8_len(json_string_value(v));
			if ((int64_t)len < f[i].min || (int64_t)len > f[i].max) {
				snprintf(msg, sizeof(msg), "This field must be %lld to %lld characters long.",
				    (long long)f[i].min, (long long)f[i].max);
				api_field_error(&errors, f[i].name, msg);
			} else if (f[i].valid != NULL && !(len == 0 && f[i].min == 0) && !f[i].valid(json_string_value(v)))
				api_field_error(&errors, f[i].name, f[i].invalid);
			break;
		case API_FT_INT:
			if (!json_is_integer(v)) {
				api_field_error(&errors, f[i].name, "This field must be an integer.");
				break;
			}
			iv = json_integer_value(v);
			if (iv < f[i].min || iv > f[i].max) {
				snprintf(msg, sizeof(msg), "This field must be between %lld and %lld.",
				    (long long)f[i].min, (long long)f[i].max);
				api_field_error(&errors, f[i].name, msg);
			}
			break;
		case API_FT_BOOL:
			if (!json_is_boolean(v))
				api_field_error(&errors, f[i].name, "This field must be true or false.");
			break;
		case API_FT_ARRAY:
			if (!json_is_array(v)) {
				api_field_error(&errors, f[i].name, "This field must be an array.");
				break;
			}
			if ((int64_t)json_array_size(v) < f[i].min || (int64_t)json_array_size(v) > f[i].max) {
				snprintf(msg, sizeof(msg), "This field must have %lld to %lld elements.",
				    (long long)f[i].min, (long long)f[i].max);
				api_field_error(&errors, f[i].name, msg);
			}
			break;
		}
	}
	if (errors != NULL) {
		api_invalid(c->req, errors);
		return -1;
	}
	return 0;
}

/*
 * rate_config - the bucket of a client without one of its own
 * (api_clients.rate_burst, rate_per_sec): burst and refill per second,
 * API_RATE_* or SHELF_API_RATE_BURST / SHELF_API_RATE_PER_SEC of the
 * environment, read once.
 */
static void
rate_config(int64_t *burst, double *per_sec)
{
	static int64_t b;
	static double r;
	const char *v;

	if (b == 0) {
		b = API_RATE_BURST;
		r = API_RATE_PER_SEC;
		if ((v = getenv("SHELF_API_RATE_BURST")) != NULL && atoll(v) > 0)
			b = atoll(v);
		if ((v = getenv("SHELF_API_RATE_PER_SEC")) != NULL && strtod(v, NULL) > 0)
			r = strtod(v, NULL);
	}
	*burst = b;
	*per_sec = r;
}

/*
 * The tokens this worker has checked in full lately.  A list route
 * (R_LIST) trusts an entry for the credential's rate bucket and its
 * scopes only as far as its own statement checks the token again
 * (apiread_list_as), so a revoked credential is refused on its next
 * request there too; every other route checks in full each time.
 */
#define TOKEN_CACHE_SLOTS 256
#define TOKEN_CACHE_US    (30 * 1000000LL)

struct token_entry {
	char           hash[65];
	struct apiauth auth;
	int64_t        checked_us;
};

static struct token_entry token_cache[TOKEN_CACHE_SLOTS];

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static struct token_entry *
token_slot(const char *hash)
{
	return &token_cache[(unsigned)str_hexval(hash[0]) << 4 | (unsigned)str_hexval(hash[1])];
}

static void
token_remember(const char *hash, const struct apiauth *auth)
{
	struct token_entry *e = token_slot(hash);

	memcpy(e->hash, hash, sizeof(e->hash));
	e->auth = *auth;
	e->checked_us = now_us();
}

static void
token_forget(const char *hash)
{
	struct token_entry *e = token_slot(hash);

	if (strcmp(e->hash, hash) == 0)
		memset(e, 0, sizeof(*e));
}

/*
 * The list pages this worker answered in its current poll round
 * (sfcache.h's round: every request of a round had arrived when the
 * round began).  The same list asked again in the same round, with the
 * same bearer token and the same path and query, gets the same page
 * without the database: the statement that made it checked the token
 * under apitoken_check's conditions and read the rows after this request
 * had arrived, so the answer is as current, and the token as checked, as
 * if they had run again (a credential revoked before the request came is
 * refused).  Any other API request this worker serves (a change) empties
 * the memo; outside the worker loop (round 0) nothing is kept.  The
 * rate bucket is taken for every request all the same.
 */
#define LIST_MEMO_SLOTS 8

struct list_memo {
	unsigned long           round;	/* 0: empty */
	char                    hash[65];
	const struct api_route *rt;
	char                   *key;	/* path '?' raw query, malloc'd */
	struct apiauth          auth;
	struct buf              body;
	char                   *link;	/* the Link header's value, malloc'd, or NULL */
};

static struct list_memo list_memo[LIST_MEMO_SLOTS];

static unsigned long
memo_round(const struct request *req)
{
	return req->srv != NULL ? req->srv->sfc.round : 0;
}

static void
memo_clear(void)
{
	size_t i;

	for (i = 0; i < LIST_MEMO_SLOTS; i++) {
		free(list_memo[i].key);
		free(list_memo[i].link);
		buf_free(&list_memo[i].body);
		memset(&list_memo[i], 0, sizeof(list_memo[i]));
	}
}

/* memo_find - the page kept this round for c's token, route and key, or NULL. */
static const struct list_memo *
memo_find(const struct apicall *c)
{
	unsigned long round = memo_round(c->req);
	size_t i;

	if (round == 0 || c->memo_key == NULL)
		return NULL;
	for (i = 0; i < LIST_MEMO_SLOTS; i++) {
		const struct list_memo *m = &list_memo[i];

		if (m->round == round && m->rt == c->memo_route && strcmp(m->hash, c->token_hash) == 0 &&
		    strcmp(m->key, c->memo_key) == 0)
			return m;
	}
	return NULL;
}

/* memo_put - keep c's list page (body, Link value or NULL) for the rest of the round; best effort. */
static void
memo_put(const struct apicall *c, const struct buf *body, const char *link)
{
	unsigned long round = memo_round(c->req);
	struct list_memo *m = NULL;
	size_t i;

	if (round == 0 || c->memo_key == NULL)
		return;
	for (i = 0; i < LIST_MEMO_SLOTS && m == NULL; i++)
		if (list_memo[i].round != round)
			m = &list_memo[i];
	if (m == NULL)
		return;		/* full for this round */
	free(m->key);
	free(m->link);
	buf_free(&m->body);
	memset(m, 0, sizeof(*m));
	if ((m->key = strdup(c->memo_key)) == NULL || (link != NULL && (m->link = strdup(link)) == NULL) ||
	    buf_append(&m->body, body->data, body->len) != CORE_OK) {
		free(m->key);
		free(m->link);
		buf_free(&m->body);
		memset(m, 0, sizeof(*m));
		return;
	}
	memcpy(m->hash, c->token_hash, sizeof(m->hash));
	m->rt = c->memo_route;
	m->auth = c->auth;
	m->round = round;
}

static int
refuse_token(struct apicall *c)
{
	request_header(c->req, "WWW-Authenticate: Bearer realm=\"shelf\", error=\"invalid_token\"");
	api_problem(c->req, 401, "invalid-token", "The token is not valid",
	    "The token is unknown, expired or revoked, or its reseller has no API access.");
	return -1;
}

/* scope_ok - c->auth has the route's scope, or the 403 reply (-1). */
static int
scope_ok(struct apicall *c)
{
	char d[96];

	if (c->scope < 0 || (c->auth.scopes & (1u << c->scope)))
		return 0;
	snprintf(d, sizeof(d), "This credential lacks the scope %s.", apiscope_name((enum apiscope)c->scope));
	request_header(c->req, "WWW-Authenticate: Bearer realm=\"shelf\", error=\"insufficient_scope\", scope=\"%s\"",
	    apiscope_name((enum apiscope)c->scope));
	api_problem(c->req, 403, "insufficient-scope", "Insufficient scope", d);
	return -1;
}

/* check_token - the full check of c's token (apitoken_check) into c->auth, remembered; or the reply (-1). */
static int
check_token(struct apicall *c, const char *tok)
{
	enum core_err er;

	c->deferred = 0;
	if ((er = apitoken_check(c->req->db, tok, &c->auth)) != CORE_OK) {
		token_forget(c->token_hash);
		if (er != CORE_NOTFOUND) {
			api_problem_core(c, er, NULL, "token");
			return -1;
		}
		return refuse_token(c);
	}
	token_remember(c->token_hash, &c->auth);
	return 0;
}

/* authenticate - the bearer token into c->auth, or the 401 / 403 / 503 reply (-1). */
static int
authenticate(struct apicall *c, const char *authz, const struct api_route *rt)
{
	const struct token_entry *e;
	const char *tok;
	size_t i;

	c->scope = rt->scope;
	if (authz == NULL || strncasecmp(authz, "Bearer ", 7) != 0) {
		request_header(c->req, "WWW-Authenticate: Bearer realm=\"shelf\"");
		api_problem(c->req, 401, "unauthorized", "Authentication required",
		    "Send a bearer token from POST " API_PREFIX "/oauth/token.");
		return -1;
	}
	for (tok = authz + 7; *tok == ' '; tok++)
		;
	for (i = 0; tok[i] && i < APITOKEN_SZ; i++)
		if (str_hexval(tok[i]) < 0 || (tok[i] >= 'A' && tok[i] <= 'F'))
			break;
	if (i != APITOKEN_SZ - 1 || tok[i] != '\0' ||
	    digest_sha256_hex(tok, APITOKEN_SZ - 1, c->token_hash) != CORE_OK)
		return refuse_token(c);
	e = token_slot(c->token_hash);
	if ((c->memo = memo_find(c)) != NULL)
		c->auth = ((const struct list_memo *)c->memo)->auth;
	else if ((rt->flags & R_LIST) && strcmp(e->hash, c->token_hash) == 0 && now_us() - e->checked_us < TOKEN_CACHE_US &&
	    (c->scope < 0 || (e->auth.scopes & (1u << c->scope)))) {
		c->auth = e->auth;
		c->deferred = 1;
	} else if (check_token(c, tok) != 0)
		return -1;
	apitoken_actor(&c->auth, 0, &c->actor);
	str_copy(c->actor.client_ip, sizeof(c->actor.client_ip), c->req->remote_addr);
	return scope_ok(c);
}

/* The host's buckets (api_rate_share), or NULL: this process's own, below. */
static struct apirate_shared *shared_buckets;

int
api_rate_share(void)
{
	if (shared_buckets == NULL)
		shared_buckets = apirate_shared_new();
	return shared_buckets != NULL ? 0 : -1;
}

int
api_rate(struct apicall *c)
{
	static struct apirate_table buckets;	/* without api_rate_share: this process's own */
	struct apirate rl;
	int64_t burst;
	double per_sec;

	rate_config(&burst, &per_sec);
	if (c->auth.rate_burst > 0)
		burst = c->auth.rate_burst;
	if (c->auth.rate_per_sec > 0)
		per_sec = (double)c->auth.rate_per_sec;
	if (shared_buckets != NULL)
		apirate_shared_take(shared_buckets, c->auth.client_row, burst, per_sec, now_us(), &rl);
	else
		apirate_take(&buckets, c->auth.client_row, burst, per_sec, now_us(), &rl);
	request_header(c->req, "RateLimit-Limit: %lld", (long long)rl.limit);
	request_header(c->req, "RateLimit-Remaining: %lld", (long long)rl.remaining);
	request_header(c->req, "RateLimit-Reset: %lld", (long long)rl.reset);
	request_header(c->req, "RateLimit-Policy: %lld;w=%lld", (long long)rl.limit,
	    (long long)(per_sec > 0 ? (int64_t)((double)rl.limit / per_sec) : 0));
	if (!rl.allowed) {
		request_header(c->req, "Retry-After: %lld", (long long)rl.retry_after);
		api_problem(c->req, 429, "rate-limited", "Too many requests",
		    "This client has used its requests for now; retry after the seconds in Retry-After.");
		return -1;
	}
	return 0;
}

static int
ctype_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	return ct != NULL && strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* read_body - the body into c (checked against the route's flags), or the error reply (-1). */
static int
read_body(struct apicall *c, FCGX_Stream *in, const struct api_route *rt, struct buf *b)
{
	const char *p = c->req->content_length;
	json_error_t jerr;
	size_t n = 0, got = 0;
	int r;

	for (; p != NULL && *p; p++) {
		if (*p < '0' || *p > '9') {
			api_problem(c->req, 400, "bad-request", "Bad request", "Content-Length is not a number.");
			return -1;
		}
		n = n * 10 + (size_t)(*p - '0');
		if (n > API_MAX_BODY) {
			api_problem(c->req, 413, "body-too-large", "The body is too large",
			    "A request body may have at most 65536 bytes.");
			return -1;
		}
	}
	if (buf_reserve(b, n + 1) != CORE_OK) {
		api_problem(c->req, 500, "internal", "Internal error", NULL);
		return -1;
	}
	while (in != NULL && got < n && (r = FCGX_GetStr(b->data + got, (int)(n - got), in)) > 0)
		got += (size_t)r;
	if (got != n) {
		api_problem(c->req, 400, "bad-request", "Bad request", "The body is shorter than its Content-Length.");
		return -1;
	}
	b->len = n;
	b->data[n] = '\0';
	c->body = b->data;
	c->body_len = n;
	if (rt->flags & R_NOBODY) {
		if (n > 0) {
			api_problem(c->req, 415, "unsupported-media-type", "Unsupported media type",
			    "This request takes no body.");
			return -1;
		}
		return 0;
	}
	if (rt->flags & R_FORM) {
		if (!ctype_is(c->req->content_type, "application/x-www-form-urlencoded")) {
			api_problem(c->req, 415, "unsupported-media-type", "Unsupported media type",
			    "Send application/x-www-form-urlencoded.");
			return -1;
		}
		if ((r = http_params_parse(&c->req->form, b->data, n)) != HTTP_OK) {
			api_problem(c->req, r == HTTP_TOO_BIG ? 413 : 400, r == HTTP_TOO_BIG ? "body-too-large" :
			    "malformed-body", "The form cannot be read", NULL);
			return -1;
		}
		return 0;
	}
	if (rt->flags & R_JSON) {
		if (!ctype_is(c->req->content_type, "application/json")) {
			api_problem(c->req, 415, "unsupported-media-type", "Unsupported media type",
			    "Send application/json.");
			return -1;
		}
		c->json = json_loadb(b->data, n, JSON_REJECT_DUPLICATES, &jerr);
		if (c->json == NULL) {
			char d[220];

			snprintf(d, sizeof(d), "The body is not valid JSON (line %d, column %d): %s", jerr.line,
			    jerr.column, jerr.text);
			api_problem(c->req, 400, "malformed-body", "Malformed JSON", d);
			return -1;
		}
		if (!json_is_object(c->json)) {
			api_problem(c->req, 400, "malformed-body", "The body is not a JSON object", NULL);
			return -1;
		}
	}
	return 0;
}

void
api_handle(struct request *req, char **envp, FCGX_Stream *in)
{
	const char *hv[H__MAX], *rest;
	char idbuf[2][24], allow[64] = "";
	const struct api_route *rt = NULL;
	struct apicall c;
	struct buf body = { 0 }, memo_key = { 0 };
	enum api_method m;
	size_t i, plen = strlen(API_PREFIX);
	int any = 0;

	memset(&c, 0, sizeof(c));
	c.req = req;
	c.body = "";
	c.if_none_match = req->if_none_match;
	scan(envp, hv);
	m = method_parse(hv[H_METHOD]);
	c.idempotency_key = hv[H_IDEM];
	c.authorization = hv[H_AUTH];
	c.if_match = hv[H_IF_MATCH];
	if (strncmp(req->path, API_PREFIX, plen) != 0 || (req->path[plen] != '/' && req->path[plen] != '\0')) {
		api_problem(req, 404, "not-found", "Not found", "The API lives under " API_PREFIX "/.");
		return;
	}
	rest = req->path + plen;
	for (i = 0; i < NROUTES; i++) {
		const char *ids[2] = { NULL, NULL };

		if (!match(routes[i].pattern, rest, idbuf, ids))
			continue;
		if (!any || strstr(allow, method_names[routes[i].method]) == NULL) {
			snprintf(allow + strlen(allow), sizeof(allow) - strlen(allow), "%s%s%s", any ? ", " : "",
			    method_names[routes[i].method], routes[i].method == AM_GET ? ", HEAD" : "");
			any = 1;
		}
		if (routes[i].method == m || (m == AM_HEAD && routes[i].method == AM_GET)) {
			rt = &routes[i];
			c.ids[0] = ids[0];
			c.ids[1] = ids[1];
			break;
		}
	}
	if (!any) {
		api_problem(req, 404, "not-found", "Not found", "There is no such path in the API.");
		return;
	}
	if (rt == NULL) {
		/* finish the Allow list: the later routes of the same path */
		for (; i < NROUTES; i++) {
			const char *ids[2];

			if (match(routes[i].pattern, rest, idbuf, ids) && strstr(allow, method_names[routes[i].method]) == NULL)
				snprintf(allow + strlen(allow), sizeof(allow) - strlen(allow), ", %s",
				    method_names[routes[i].method]);
		}
		request_header(req, "Allow: %s", allow);
		api_problem(req, 405, "method-not-allowed", "Method not allowed", NULL);
		return;
	}
	if (req->db == NULL && !(rt->fn == api_openapi)) {
		api_problem(req, 503, "unavailable", "Service unavailable", "Try again in a moment.");
		return;
	}
	if (m != AM_GET && m != AM_HEAD)
		memo_clear();
	else if ((rt->flags & R_LIST) && memo_round(req) != 0 &&
	    buf_printf(&memo_key, "%s%s?%s", req->origin, req->path, req->query_raw ? req->query_raw : "") == CORE_OK) {
		c.memo_key = memo_key.data;
		c.memo_route = rt;
	}
	if (!(rt->flags & R_NOAUTH) && (authenticate(&c, hv[H_AUTH], rt) != 0 || api_rate(&c) != 0))
		goto out;
	if (c.memo != NULL) {
		const struct list_memo *lm = c.memo;

		if (lm->link != NULL)
			request_header(req, "Link: %s", lm->link);
		request_header(req, "Cache-Control: private, no-store");
		request_reply(req, 200, "application/json", lm->body.data, lm->body.len);
		goto out;
	}
	if ((m == AM_POST || m == AM_PUT || m == AM_PATCH) && read_body(&c, in, rt, &body) != 0)
		goto out;
	c.body = body.data ? body.data : "";
	rt->fn(&c);
	if (!req->replied) {
		fprintf(stderr, "shelf-fcgi: api handler gave no reply for %s\n", req->path);
		api_problem(req, 500, "internal", "Internal error", NULL);
	}
out:
	json_decref(c.json);
	buf_free(&body);
	buf_free(&memo_key);
}

/* ---- lists ---- */

/* since - a created_since / updated_since value (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ) as SQL text, or -1. */
static int
since(const char *v, char out[20])
{
	int y, mo, d, h = 0, mi = 0, s = 0, n = 0;
	size_t len = strlen(v);

	if (len == 10 && sscanf(v, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10)
		;
	else if (len == 20 && sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &s, &n) == 6 && n == 20)
		;
	else
		return -1;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    s < 0 || s > 59 ||
	    v[4] != '-' || v[7] != '-')
		return -1;
	snprintf(out, 20, "%04d-%02d-%02d %02d:%02d:%02d", y % 10000, mo % 100, d % 100, h % 100, mi % 100, s % 100);
	return 0;
}

static int
bad_param(struct apicall *c, const char *name, const char *why)
{
	char d[200];

	snprintf(d, sizeof(d), "Query parameter %s: %s", name, why);
	api_problem(c->req, 400, "invalid-parameter", "Invalid query parameter", d);
	return -1;
}

void
api_list(struct apicall *c, int res, int64_t customer)
{
	static const char *const known[] = { "limit", "cursor", "status", "customer", "created_since",
		"updated_since", NULL };
	struct apiread_query q = { NULL, 0, NULL, NULL, 0, APIREAD_LIMIT_DEFAULT };
	unsigned fl = apiread_filters((enum apires)res);
	const char *const *st;
	char cs[20], us[20], d[160];
	struct buf out = { 0 };
	const char *v;
	enum core_err er;
	int64_t next = 0;
	size_t i, k;

	for (i = 0; i < c->req->query.n; i++) {
		const char *name = c->req->query.v[i].name;

		for (k = 0; known[k] != NULL && strcmp(known[k], name) != 0; k++)
			;
		if (known[k] == NULL) {
			bad_param(c, name, "not known.");
			return;
		}
	}
	if ((v = request_param(c->req, "limit")) != NULL) {
		int64_t l = api_id(v);

		if (l < 1 || l > APIREAD_LIMIT_MAX) {
			bad_param(c, "limit", "must be an integer from 1 to 200.");
			return;
		}
		q.limit = (int)l;
	}
	if ((v = request_param(c->req, "cursor")) != NULL && (q.after = api_id(v)) <= 0) {
		bad_param(c, "cursor", "is not a cursor this API gave.");
		return;
	}
	if ((v = request_param(c->req, "status")) != NULL) {
		if (!(fl & APIREAD_F_STATUS)) {
			bad_param(c, "status", "this list has no status filter.");
			return;
		}
		for (st = apiread_statuses((enum apires)res); *st != NULL && strcmp(*st, v) != 0; st++)
			;
		if (*st == NULL) {
			snprintf(d, sizeof(d), "must be one of");
			for (st = apiread_statuses((enum apires)res); *st != NULL; st++)
				snprintf(d + strlen(d), sizeof(d) - strlen(d), " %s", *st);
			snprintf(d + strlen(d), sizeof(d) - strlen(d), ".");
			bad_param(c, "status", d);
			return;
		}
		q.status = v;
	}
	if ((v = request_param(c->req, "customer")) != NULL) {
		if (!(fl & APIREAD_F_CUSTOMER)) {
			bad_param(c, "customer", "this list has no customer filter.");
			return;
		}
		if ((q.customer = api_id(v)) <= 0) {
			bad_param(c, "customer", "must be a customer id.");
			return;
		}
	}
	if ((v = request_param(c->req, "created_since")) != NULL) {
		if (!(fl & APIREAD_F_CREATED)) {
			bad_param(c, "created_since", "this list has no created_since filter.");
			return;
		}
		if (since(v, cs) != 0) {
			bad_param(c, "created_since", "must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.");
			return;
		}
		q.created_since = cs;
	}
	if ((v = request_param(c->req, "updated_since")) != NULL) {
		if (!(fl & APIREAD_F_UPDATED)) {
			bad_param(c, "updated_since", "this list has no updated_since filter.");
			return;
		}
		if (since(v, us) != 0) {
			bad_param(c, "updated_since", "must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.");
			return;
		}
		q.updated_since = us;
	}
	if (customer > 0)
		q.customer = customer;
	buf_puts(&out, "{\"data\":");
	if (c->deferred) {
		er = apiread_list_as(c->req->db, c->token_hash, 1u << c->scope, c->auth.reseller_id, (enum apires)res, &q,
		    &out, &next);
		if (er == CORE_FORBIDDEN) {
			/* no longer what it was: the full check says why, or finds it good (its scopes changed) */
			buf_free(&out);
			if (check_token(c, c->authorization + 7 + strspn(c->authorization + 7, " ")) != 0 || scope_ok(c) != 0)
				return;
			buf_puts(&out, "{\"data\":");
			er = apiread_list(c->req->db, c->auth.reseller_id, (enum apires)res, &q, &out, &next);
		}
	} else
		er = apiread_list(c->req->db, c->auth.reseller_id, (enum apires)res, &q, &out, &next);
	if (er != CORE_OK) {
		buf_free(&out);
		api_problem_core(c, er, NULL, "list");
		return;
	}
	if (next > 0) {
		buf_printf(&out, ",\"next_cursor\":\"%lld\"}", (long long)next);
		/* the same query with the next cursor */
		struct buf link = { 0 };

		buf_printf(&link, "<%s%s?", c->req->origin, c->req->path);
		for (i = 0; i < c->req->query.n; i++)
			if (strcmp(c->req->query.v[i].name, "cursor") != 0)
				buf_printf(&link, "%s=%s&", c->req->query.v[i].name, c->req->query.v[i].value);
		buf_printf(&link, "cursor=%lld>; rel=\"next\"", (long long)next);
		if (strpbrk(buf_cstr(&link), "\r\n") == NULL) {
			request_header(c->req, "Link: %s", buf_cstr(&link));
			memo_put(c, &out, buf_cstr(&link));
		}
		buf_free(&link);
	} else {
		buf_puts(&out, ",\"next_cursor\":null}");
		memo_put(c, &out, NULL);
	}
	request_header(c->req, "Cache-Control: private, no-store");
	request_reply(c->req, 200, "application/json", out.data, out.len);
	buf_free(&out);
}
