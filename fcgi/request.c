#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "log.h"
#include "request.h"
#include "server.h"
#include "wire.h"

void
request_init(struct request *req, struct server *srv, FCGX_Request *fcgi)
{
	memset(req, 0, sizeof(*req));
	req->srv = srv;
	if (srv != NULL) {
		req->db = srv->db;
		req->cfg = &srv->cfg;
		req->cache = srv->cache;
		req->acache = &srv->acache;
		req->stale = &srv->stale;
		req->sfc = &srv->sfc;
	}
	req->fcgi = fcgi;
	req->query_raw = "";
	req->remote_addr = "";
	req->route.rest = "/";
}

void
request_free(struct request *req)
{
	free(req->path);
	http_params_free(&req->query);
	http_params_free(&req->form);
	http_params_free(&req->cookies);
	buf_free(&req->headers);
	buf_free(&req->captured);
	buf_free(&req->cache_key);
	memset(req, 0, sizeof(*req));
}

/* The parameters request_parse reads, found in one pass over the environment. */
enum param {
	P_METHOD, P_HTTPS, P_HOST, P_PORT, P_IF_NONE_MATCH, P_ACCEPT_ENCODING, P_CTYPE, P_CLEN, P_ADDR, P_URI, P_DOC_URI,
	P_QUERY, P_COOKIE, P__MAX
};

#define PARAM(s) { s, sizeof(s) - 1 }
static const struct {
	const char *name;
	size_t      len;
} params[P__MAX] = {
	[P_METHOD] = PARAM("REQUEST_METHOD"),
	[P_HTTPS] = PARAM("HTTPS"),
	[P_HOST] = PARAM("HTTP_HOST"),
	[P_PORT] = PARAM("SERVER_PORT"),
	[P_IF_NONE_MATCH] = PARAM("HTTP_IF_NONE_MATCH"),
	[P_ACCEPT_ENCODING] = PARAM("HTTP_ACCEPT_ENCODING"),
	[P_CTYPE] = PARAM("CONTENT_TYPE"),
	[P_CLEN] = PARAM("CONTENT_LENGTH"),
	[P_ADDR] = PARAM("REMOTE_ADDR"),
	[P_URI] = PARAM("REQUEST_URI"),
	[P_DOC_URI] = PARAM("DOCUMENT_URI"),
	[P_QUERY] = PARAM("QUERY_STRING"),
	[P_COOKIE] = PARAM("HTTP_COOKIE"),
};
#undef PARAM

/* scan - v[p]: the value of params[p] in envp ("NAME=value" strings; the first one counts), or NULL. */
static void
scan(char **envp, const char *v[P__MAX])
{
	const char *eq;
	size_t n;
	int i;

	for (i = 0; i < P__MAX; i++)
		v[i] = NULL;
	for (; envp != NULL && *envp != NULL; envp++) {
		if ((eq = strchr(*envp, '=')) == NULL)
			continue;
		n = (size_t)(eq - *envp);
		for (i = 0; i < P__MAX; i++)
			if (params[i].len == n && memcmp(params[i].name, *envp, n) == 0) {
				if (v[i] == NULL)
					v[i] = eq + 1;
				break;
			}
	}
}

int
request_parse(struct request *req, char **envp)
{
	const char *env[P__MAX], *uri, *q, *v;
	size_t n;
	int rc;

	req->envp = envp;
	scan(envp, env);
	req->method = http_method_parse(env[P_METHOD]);
	v = env[P_HTTPS];
	req->https = v != NULL && (strcasecmp(v, "on") == 0 || strcmp(v, "1") == 0);
	/*
	 * Debian's fastcgi_params pass HTTP_HOST as nginx's $host: validated,
	 * without the port.  The port of links comes from the Host header when
	 * it has one, else from SERVER_PORT when that is not the scheme's default.
	 */
	route_host_normalize(env[P_HOST], req->host, sizeof(req->host));
	if (req->host[0] != '\0') {
		const char *hv = env[P_HOST], *port = strchr(hv, ':'), *sp;
		size_t k;

		if (port == NULL && (sp = env[P_PORT]) != NULL &&
		    strcmp(sp, req->https ? "443" : "80") != 0)
			port = sp;
		else if (port != NULL)
			port++;
		snprintf(req->authority, sizeof(req->authority), "%s", req->host);
		if (port != NULL && port[0] != '\0' && strlen(port) <= 5) {
			for (k = 0; port[k] >= '0' && port[k] <= '9'; k++)
				;
			if (port[k] == '\0')
				snprintf(req->authority + strlen(req->authority),
				    sizeof(req->authority) - strlen(req->authority), ":%s", port);
		}
	}
	req->if_none_match = env[P_IF_NONE_MATCH];
	req->accept_encoding = env[P_ACCEPT_ENCODING];
	req->content_type = env[P_CTYPE];
	req->content_length = env[P_CLEN];
	if ((v = env[P_ADDR]) != NULL)
		req->remote_addr = v;
	/*
	 * The raw REQUEST_URI, decoded here strictly, rather than nginx's
	 * DOCUMENT_URI: nginx has already decoded that one leniently.
	 */
	if ((uri = env[P_URI]) == NULL && (uri = env[P_DOC_URI]) == NULL)
		uri = "/";
	q = strchr(uri, '?');
	n = q ? (size_t)(q - uri) : strlen(uri);
	if (n > HTTP_MAX_PATH)
		return HTTP_TOO_BIG;
	if ((req->path = malloc(n + 2)) == NULL)
		return 500;
	memcpy(req->path, uri, n);
	req->path[n] = '\0';
	if ((rc = http_decode(req->path, n, 0, NULL)) != HTTP_OK)
		return rc;
	if (req->path[0] != '/') {
		memmove(req->path + 1, req->path, strlen(req->path) + 1);
		req->path[0] = '/';
	}

	if ((v = env[P_QUERY]) == NULL)
		v = q ? q + 1 : "";
	req->query_raw = v;
	if (strlen(v) > HTTP_MAX_QUERY)
		return HTTP_TOO_BIG;
	if ((rc = http_params_parse(&req->query, v, strlen(v))) != HTTP_OK)
		return rc < 0 ? 500 : rc;

	if ((v = env[P_COOKIE]) != NULL) {
		/* an oversized Cookie header is other sites' business: ignore it, don't refuse */
		if (strlen(v) <= HTTP_MAX_COOKIE &&
		    (rc = http_cookies_parse(&req->cookies, v, strlen(v))) < 0)
			return 500;
	}
	return HTTP_OK;
}

int
request_body_length(const struct request *req, size_t *n)
{
	const char *p = req->content_length;
	size_t v = 0;

	*n = 0;
	if (p == NULL || *p == '\0')
		return HTTP_OK;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return HTTP_BAD;
		v = v * 10 + (size_t)(*p - '0');
		if (v > HTTP_MAX_BODY)
			return HTTP_TOO_BIG;
	}
	*n = v;
	return HTTP_OK;
}

int
request_parse_form(struct request *req, const char *body, size_t len)
{
	const char *ct = req->content_type;
	static const char form[] = "application/x-www-form-urlencoded";
	int rc;

	if (len > HTTP_MAX_BODY)
		return HTTP_TOO_BIG;
	if (len > 0 || ct != NULL) {
		if (ct == NULL || strncasecmp(ct, form, sizeof(form) - 1) != 0 ||
		    (ct[sizeof(form) - 1] != '\0' && ct[sizeof(form) - 1] != ';' && ct[sizeof(form) - 1] != ' '))
			return 415;
	}
	if ((rc = http_params_parse(&req->form, body, len)) < 0)
		return 500;
	return rc;
}

int
request_method_ok(const struct request *req, unsigned allowed)
{
	if (allowed & (1u << HTTP_GET))
		allowed |= 1u << HTTP_HEAD;
	if (req->method == HTTP_OTHER || !(allowed & (1u << req->method)))
		return 405;
	return HTTP_OK;
}

const char *
request_allow_header(unsigned allowed)
{
	return (allowed & (1u << HTTP_POST)) ? "GET, HEAD, POST" : "GET, HEAD";
}

const char *
request_param(const struct request *req, const char *name)
{
	return http_params_get(&req->query, name);
}

const char *
request_field(const struct request *req, const char *name)
{
	return http_params_get(&req->form, name);
}

const char *
request_cookie(const struct request *req, const char *name)
{
	return http_params_get(&req->cookies, name);
}

void
request_header(struct request *req, const char *fmt, ...)
{
	va_list ap;
	size_t start = req->headers.len, i;

	va_start(ap, fmt);
	buf_vprintf(&req->headers, fmt, ap);
	va_end(ap);
	for (i = start; i < req->headers.len; i++)
		if (req->headers.data[i] == '\r' || req->headers.data[i] == '\n') {
			log_say("shelf-fcgi: dropped a header with a line break");
			req->headers.len = start;
			if (req->headers.data)
				req->headers.data[start] = '\0';
			return;
		}
	buf_puts(&req->headers, "\r\n");
}

static const struct {
	int         status;
	const char *reason;
} reasons[] = {
	{ 200, "OK" },
	{ 201, "Created" },
	{ 401, "Unauthorized" },
	{ 301, "Moved Permanently" },
	{ 302, "Found" },
	{ 303, "See Other" },
	{ 304, "Not Modified" },
	{ 400, "Bad Request" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 410, "Gone" },
	{ 411, "Length Required" },
	{ 413, "Content Too Large" },
	{ 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" },
	{ 500, "Internal Server Error" },
	{ 503, "Service Unavailable" },
};

const char *
request_reason(int status)
{
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Unknown";
}

/* send - the reply's head and body (NULL for none) as one write: to nginx, or to captured (tests). */
static void
send(struct request *req, const struct buf *h, const char *body, size_t len)
{
	const void *part[2] = { h->data, body };
	size_t plen[2] = { h->len, body != NULL ? len : 0 };

	if (req->fcgi != NULL)
		wire_send(req->fcgi, part, plen, 2);
	else {
		buf_append(&req->captured, h->data, h->len);
		if (plen[1] > 0)
			buf_append(&req->captured, body, plen[1]);
	}
}

/* The head: status, Content-Type (may be NULL), extra headers, Content-Length (< 0: none); sent with body. */
static void
begin(struct request *req, int status, const char *ctype, long long length, const char *body, size_t len)
{
	struct buf h = { 0 };

	if (req->replied) {
		log_say("shelf-fcgi: a second reply (%d) to %s was dropped", status,
		    req->path ? req->path : "?");
		return;
	}
	req->replied = 1;
	req->status = status;
	buf_printf(&h, "Status: %d %s\r\n", status, request_reason(status));
	if (ctype != NULL)
		buf_printf(&h, "Content-Type: %s\r\n", ctype);
	buf_append(&h, req->headers.data, req->headers.len);
	if (length >= 0)
		buf_printf(&h, "Content-Length: %lld\r\n", length);
	buf_puts(&h, "\r\n");
	send(req, &h, body, len);
	buf_free(&h);
}

void
request_reply(struct request *req, int status, const char *ctype, const char *body, size_t len)
{
	begin(req, status, ctype, (long long)len, req->method != HTTP_HEAD ? body : NULL, len);
}

void
request_reply_text(struct request *req, int status, const char *body)
{
	request_reply(req, status, "text/plain; charset=utf-8", body, strlen(body));
}

void
request_not_modified(struct request *req)
{
	begin(req, 304, NULL, -1, NULL, 0);
}

void
request_redirect(struct request *req, int status, const char *location)
{
	if (location[0] == '/' && location[1] != '/')
		request_header(req, "Location: %s%s", req->origin, location);
	else
		request_header(req, "Location: %s", location);
	request_header(req, "Cache-Control: no-store");
	request_reply(req, status, "text/plain; charset=utf-8", "", 0);
}
