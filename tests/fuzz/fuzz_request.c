/*
 * fuzz_request.c - a whole storefront request as libfcgi hands it over
 * (fcgi/request.c): the FastCGI parameters, then routing, the cart cookie
 * and the form body.
 *
 * Input: "NAME=value" lines (the FastCGI environment, as nginx's
 * fastcgi_params send it), then an empty line and the body, e.g.
 *   REQUEST_METHOD=POST\nREQUEST_URI=/s/demo/cart?x=1\nHTTP_HOST=a.example\n
 *   CONTENT_TYPE=application/x-www-form-urlencoded\n\nqty=2&id=7
 * Contracts checked: a request that parses has a UTF-8 path starting with
 * '/' within HTTP_MAX_PATH, a lower-case host without port, an authority
 * that starts with that host, at most HTTP_MAX_PARAMS query fields found
 * again by request_param; a declared body length is within
 * HTTP_MAX_BODY; a parsed form has at most HTTP_MAX_PARAMS fields; the
 * route's rest points into the path and starts with '/'; a cart that
 * parses formats and parses back to itself.
 */
#include "fuzz.h"
#include "cart.h"
#include "request.h"
#include "route.h"
#include "str.h"

#define ENV_MAX 64

static void
check_parsed(struct request *req)
{
	const char *c;
	size_t i, hl = strlen(req->host);

	FUZZ_CHECK(req->path != NULL && req->path[0] == '/');
	FUZZ_CHECK(strlen(req->path) <= HTTP_MAX_PATH + 1);
	FUZZ_CHECK(str_utf8_valid(req->path, strlen(req->path)));
	for (c = req->host; *c; c++)
		FUZZ_CHECK(!(*c >= 'A' && *c <= 'Z') && *c != ':' && *c != '/' && (unsigned char)*c > ' ');
	FUZZ_CHECK(hl < sizeof(req->host));
	if (req->authority[0] != '\0')
		FUZZ_CHECK(strncmp(req->authority, req->host, hl) == 0 &&
		    (req->authority[hl] == '\0' || req->authority[hl] == ':'));
	if (hl == 0)
		FUZZ_CHECK(req->authority[0] == '\0');
	FUZZ_CHECK(req->query.n <= HTTP_MAX_PARAMS && req->cookies.n <= HTTP_MAX_PARAMS);
	for (i = 0; i < req->query.n; i++)
		FUZZ_CHECK(request_param(req, req->query.v[i].name) != NULL);
	for (i = 0; i < req->cookies.n; i++)
		FUZZ_CHECK(request_cookie(req, req->cookies.v[i].name) != NULL);
	FUZZ_CHECK(req->method >= HTTP_GET && req->method <= HTTP_OTHER);
}

static void
check_route(const struct request *req)
{
	struct route r;
	static const char *const bases[] = { "", "shop.example", "example.com" };
	size_t b;

	for (b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
		memset(&r, 0, sizeof(r));
		route_parse(&r, req->host, req->path, bases[b]);
		FUZZ_CHECK(r.rest != NULL && r.rest[0] == '/');
		FUZZ_CHECK(r.key[sizeof(r.key) - 1] == '\0' || strlen(r.key) < sizeof(r.key));
		if (r.kind == ROUTE_PATH_SLUG || r.kind == ROUTE_HOST_SLUG)
			FUZZ_CHECK(http_is_slug(r.key, ROUTE_SLUG_MAX));
		if (r.kind == ROUTE_NONE)
			FUZZ_CHECK(r.rest == req->path);
	}
}

static void
check_cart(const char *cookie)
{
	struct cart c, c2;
	struct buf out = { 0 };
	size_t i;

	if (cart_parse(&c, cookie) != 0) {
		FUZZ_CHECK(c.n == 0);
		return;
	}
	FUZZ_CHECK(c.n <= CART_LINES_MAX);
	for (i = 0; i < c.n; i++)
		FUZZ_CHECK(c.lines[i].quantity >= 1 && c.lines[i].quantity <= CART_QTY_MAX &&
		    c.lines[i].product_id > 0);
	cart_format(&c, &out);
	FUZZ_CHECK(cart_parse(&c2, out.len ? out.data : "") == 0);
	FUZZ_CHECK(c2.n == c.n);
	for (i = 0; i < c.n; i++)
		FUZZ_CHECK(c2.lines[i].product_id == c.lines[i].product_id &&
		    c2.lines[i].quantity == c.lines[i].quantity);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size), *env[ENV_MAX + 1], *p = text, *nl;
	const char *body = "";
	size_t nenv = 0, blen = 0, n;
	struct request req;
	int rc;

	/* the environment: lines up to the first empty one; the body after it */
	while ((size_t)(p - text) < size) {
		if ((nl = memchr(p, '\n', size - (size_t)(p - text))) == NULL) {
			if (nenv < ENV_MAX)
				env[nenv++] = p;
			break;
		}
		*nl = '\0';
		if (nl == p) {
			body = nl + 1;
			blen = size - (size_t)(body - text);
			break;
		}
		if (nenv < ENV_MAX)
			env[nenv++] = p;
		p = nl + 1;
	}
	env[nenv] = NULL;

	request_init(&req, NULL, NULL);
	rc = request_parse(&req, env);
	FUZZ_CHECK(rc == HTTP_OK || rc == HTTP_BAD || rc == HTTP_TOO_BIG);
	if (rc == HTTP_OK) {
		check_parsed(&req);
		check_route(&req);
		check_cart(request_cookie(&req, cart_cookie_name(req.https)));
		if (request_body_length(&req, &n) == HTTP_OK)
			FUZZ_CHECK(n <= HTTP_MAX_BODY);
		rc = request_parse_form(&req, body, blen);
		FUZZ_CHECK(rc == HTTP_OK || rc == HTTP_BAD || rc == HTTP_TOO_BIG || rc == 415);
		if (rc == HTTP_OK)
			FUZZ_CHECK(req.form.n <= HTTP_MAX_PARAMS);
		else
			FUZZ_CHECK(req.form.n == 0);
		(void)request_method_ok(&req, 1u << HTTP_GET | 1u << HTTP_POST);
		(void)http_etag_match(req.if_none_match, "\"abc\"");
	}
	request_free(&req);
	free(text);
	return 0;
}
