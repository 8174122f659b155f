/*
 * test_fcgi_request.c - request parsing of shelf-fcgi without a server:
 * percent-decoding, query strings, urlencoded bodies, cookies, limits,
 * methods, If-None-Match, routing by Host and path, and the replies.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "http.h"
#include "request.h"
#include "route.h"

static int
decode(const char *in, int plus, char *out, size_t n)
{
	size_t len;
	int rc;

	snprintf(out, n, "%s", in);
	rc = http_decode(out, strlen(out), plus, &len);
	if (rc == HTTP_OK)
		assert_int_equal(len, strlen(out));
	return rc;
}

static void
decode_good(void **state)
{
	char b[256];

	(void)state;
	assert_int_equal(decode("a%20b", 0, b, sizeof(b)), HTTP_OK);
	assert_string_equal(b, "a b");
	assert_int_equal(decode("a+b%2Bc", 1, b, sizeof(b)), HTTP_OK);
	assert_string_equal(b, "a b+c");
	assert_int_equal(decode("a+b", 0, b, sizeof(b)), HTTP_OK);
	assert_string_equal(b, "a+b");		/* '+' is literal in paths */
	assert_int_equal(decode("caf%C3%A9%e2%82%ac", 1, b, sizeof(b)), HTTP_OK);
	assert_string_equal(b, "caf\xc3\xa9\xe2\x82\xac");
	assert_int_equal(decode("", 1, b, sizeof(b)), HTTP_OK);
	assert_string_equal(b, "");
	assert_int_equal(decode("%3Cscript%3E", 1, b, sizeof(b)), HTTP_OK);
	assert_string_equal(b, "<script>");
}

static void
decode_malformed(void **state)
{
	static const char *const bad[] = {
		"%", "%4", "a%zz", "%g0", "%0g", "abc%", "%%41",
		"%00", "a%00b",			/* NUL */
		"%C3", "%C3%28", "%FF", "%C0%AF",	/* broken and overlong UTF-8 */
		"%ED%A0%80",			/* surrogate */
		"%F4%90%80%80",			/* above U+10FFFF */
	};
	char b[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (decode(bad[i], 1, b, sizeof(b)) != HTTP_BAD)
			fail_msg("%s was accepted", bad[i]);
	}
}

static void
params_parse(void **state)
{
	struct http_params p = { 0 };
	static const char q[] = "page=2&q=caf%C3%A9+%26+co&&flag&empty=&q=second";

	(void)state;
	assert_int_equal(http_params_parse(&p, q, strlen(q)), HTTP_OK);
	assert_int_equal(p.n, 5);
	assert_string_equal(http_params_get(&p, "page"), "2");
	assert_string_equal(http_params_get(&p, "q"), "caf\xc3\xa9 & co");	/* first wins */
	assert_string_equal(http_params_get(&p, "flag"), "");
	assert_string_equal(http_params_get(&p, "empty"), "");
	assert_null(http_params_get(&p, "missing"));
	http_params_free(&p);

	/* not NUL-terminated input: only len bytes count */
	assert_int_equal(http_params_parse(&p, "a=1&b=2XXXX", 7), HTTP_OK);
	assert_string_equal(http_params_get(&p, "b"), "2");
	http_params_free(&p);

	assert_int_equal(http_params_parse(&p, NULL, 0), HTTP_OK);
	assert_int_equal(p.n, 0);
	http_params_free(&p);
}

static void
params_refused(void **state)
{
	struct http_params p = { 0 };
	char big[HTTP_MAX_PARAMS * 8 + 16];
	size_t i, o = 0;

	(void)state;
	assert_int_equal(http_params_parse(&p, "a=%zz", 5), HTTP_BAD);
	assert_int_equal(p.n, 0);
	assert_int_equal(http_params_parse(&p, "a%=1", 4), HTTP_BAD);
	assert_int_equal(http_params_parse(&p, "a=1\0b=2", 7), HTTP_BAD);	/* raw NUL */
	for (i = 0; i <= HTTP_MAX_PARAMS; i++)
		o += (size_t)sprintf(big + o, "k%zu=v&", i);
	assert_int_equal(http_params_parse(&p, big, o), HTTP_TOO_BIG);
	assert_int_equal(p.n, 0);
	http_params_free(&p);
}

static void
cookies(void **state)
{
	struct http_params p = { 0 };
	static const char h[] = " shelf_csrf=abc123 ; other=\"quoted\";junk; =x;  last=a=b ";

	(void)state;
	assert_int_equal(http_cookies_parse(&p, h, strlen(h)), HTTP_OK);
	assert_string_equal(http_params_get(&p, "shelf_csrf"), "abc123");
	assert_string_equal(http_params_get(&p, "other"), "quoted");
	assert_string_equal(http_params_get(&p, "last"), "a=b");
	assert_null(http_params_get(&p, "junk"));
	assert_int_equal(p.n, 3);
	http_params_free(&p);
}

static void
etags(void **state)
{
	(void)state;
	assert_true(http_etag_match("\"abc\"", "\"abc\""));
	assert_true(http_etag_match("W/\"abc\"", "\"abc\""));
	assert_true(http_etag_match("\"x\", W/\"abc\"", "\"abc\""));
	assert_true(http_etag_match("*", "\"abc\""));
	assert_false(http_etag_match("\"abcd\"", "\"abc\""));
	assert_false(http_etag_match("abc", "\"abc\""));
	assert_false(http_etag_match("\"abc", "\"abc\""));
	assert_false(http_etag_match("", "\"abc\""));
	assert_false(http_etag_match(NULL, "\"abc\""));
}

static void
urlencode(void **state)
{
	struct buf b = { 0 };

	(void)state;
	http_urlencode(&b, "a b&c=d/\xc3\xa9~");
	assert_string_equal(buf_cstr(&b), "a%20b%26c%3Dd%2F%C3%A9~");
	buf_free(&b);
	assert_true(http_is_slug("m365-business", 63));
	assert_false(http_is_slug("-x", 63));
	assert_false(http_is_slug("Upper", 63));
	assert_false(http_is_slug("", 63));
	assert_false(http_is_slug("a/b", 63));
}

static void
methods(void **state)
{
	struct request req;
	unsigned get = 1u << HTTP_GET, post = get | 1u << HTTP_POST;

	(void)state;
	assert_int_equal(http_method_parse("GET"), HTTP_GET);
	assert_int_equal(http_method_parse("HEAD"), HTTP_HEAD);
	assert_int_equal(http_method_parse("POST"), HTTP_POST);
	assert_int_equal(http_method_parse("get"), HTTP_OTHER);
	assert_int_equal(http_method_parse("DELETE"), HTTP_OTHER);
	assert_int_equal(http_method_parse(NULL), HTTP_OTHER);

	request_init(&req, NULL, NULL);
	req.method = HTTP_GET;
	assert_int_equal(request_method_ok(&req, get), HTTP_OK);
	req.method = HTTP_HEAD;
	assert_int_equal(request_method_ok(&req, get), HTTP_OK);
	req.method = HTTP_POST;
	assert_int_equal(request_method_ok(&req, get), 405);
	assert_int_equal(request_method_ok(&req, post), HTTP_OK);
	req.method = HTTP_OTHER;
	assert_int_equal(request_method_ok(&req, post), 405);
	assert_string_equal(request_allow_header(get), "GET, HEAD");
	assert_string_equal(request_allow_header(post), "GET, HEAD, POST");
	request_free(&req);
}

static int
parse_env(struct request *req, const char *method, const char *uri, const char *query,
    const char *host, const char *cookie)
{
	char *envp[8], m[64], u[4096], q[4200], h[300], c[5000];
	int n = 0;

	request_init(req, NULL, NULL);
	snprintf(m, sizeof(m), "REQUEST_METHOD=%s", method);
	envp[n++] = m;
	snprintf(u, sizeof(u), "REQUEST_URI=%s%s%s", uri, query ? "?" : "", query ? query : "");
	envp[n++] = u;
	if (query) {
		snprintf(q, sizeof(q), "QUERY_STRING=%s", query);
		envp[n++] = q;
	}
	if (host) {
		snprintf(h, sizeof(h), "HTTP_HOST=%s", host);
		envp[n++] = h;
	}
	if (cookie) {
		snprintf(c, sizeof(c), "HTTP_COOKIE=%s", cookie);
		envp[n++] = c;
	}
	envp[n] = NULL;
	/* request_parse borrows from envp: copy what the test reads afterwards */
	return request_parse(req, envp);
}

static void
request_from_env(void **state)
{
	struct request req;

	(void)state;
	assert_int_equal(parse_env(&req, "GET", "/s/demo/caf%C3%A9", "page=2&q=a+b", "Shop.Example.COM:8080",
	    "shelf_csrf=t"), HTTP_OK);
	assert_int_equal(req.method, HTTP_GET);
	assert_string_equal(req.path, "/s/demo/caf\xc3\xa9");
	assert_string_equal(req.host, "shop.example.com");
	assert_string_equal(request_param(&req, "page"), "2");
	assert_string_equal(request_param(&req, "q"), "a b");
	assert_string_equal(request_cookie(&req, "shelf_csrf"), "t");
	request_free(&req);

	assert_int_equal(parse_env(&req, "GET", "/a%zz", NULL, NULL, NULL), HTTP_BAD);
	request_free(&req);
	assert_int_equal(parse_env(&req, "GET", "/a%00", NULL, NULL, NULL), HTTP_BAD);
	request_free(&req);
	assert_int_equal(parse_env(&req, "GET", "/", "q=%E0%80", NULL, NULL), HTTP_BAD);
	request_free(&req);
}

static void
request_authority(void **state)
{
	struct request req;
	char *e1[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/", "HTTP_HOST=Shop.Example.com", "SERVER_PORT=8080", NULL };
	char *e2[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/", "HTTP_HOST=shop.example.com", "SERVER_PORT=443",
	    "HTTPS=on", NULL };
	char *e3[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/", "HTTP_HOST=shop.example.com:81", "SERVER_PORT=80", NULL };
	char *e4[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/", "HTTP_HOST=shop.example.com:8x", NULL };

	(void)state;
	request_init(&req, NULL, NULL);
	assert_int_equal(request_parse(&req, e1), HTTP_OK);
	assert_string_equal(req.authority, "shop.example.com:8080");	/* Debian passes $host: no port */
	request_free(&req);
	request_init(&req, NULL, NULL);
	assert_int_equal(request_parse(&req, e2), HTTP_OK);
	assert_string_equal(req.authority, "shop.example.com");
	assert_true(req.https);
	request_free(&req);
	request_init(&req, NULL, NULL);
	assert_int_equal(request_parse(&req, e3), HTTP_OK);
	assert_string_equal(req.authority, "shop.example.com:81");
	request_free(&req);
	request_init(&req, NULL, NULL);
	assert_int_equal(request_parse(&req, e4), HTTP_OK);
	assert_string_equal(req.authority, "shop.example.com");
	request_free(&req);
}

static void
request_limits(void **state)
{
	struct request req;
	char big[HTTP_MAX_QUERY + 10];

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[0] = 'q';
	big[1] = '=';
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(parse_env(&req, "GET", "/", big, NULL, NULL), HTTP_TOO_BIG);
	request_free(&req);
	big[HTTP_MAX_QUERY] = '\0';		/* exactly at the limit is fine */
	assert_int_equal(parse_env(&req, "GET", "/", big, NULL, NULL), HTTP_OK);
	request_free(&req);

	request_init(&req, NULL, NULL);
	{
		size_t n;

		req.content_length = "16";
		assert_int_equal(request_body_length(&req, &n), HTTP_OK);
		assert_int_equal(n, 16);
		req.content_length = "99999999999999999999999";
		assert_int_equal(request_body_length(&req, &n), HTTP_TOO_BIG);
		req.content_length = "16385";
		assert_int_equal(request_body_length(&req, &n), HTTP_TOO_BIG);
		req.content_length = "-1";
		assert_int_equal(request_body_length(&req, &n), HTTP_BAD);
		req.content_length = NULL;
		assert_int_equal(request_body_length(&req, &n), HTTP_OK);
		assert_int_equal(n, 0);
	}
	request_free(&req);
}

static void
form_bodies(void **state)
{
	struct request req;
	static const char body[] = "name=Zo%C3%AB+O%27Brien&email=z%40example.com&message=a%0D%0Ab&website=";

	(void)state;
	request_init(&req, NULL, NULL);
	req.method = HTTP_POST;
	req.content_type = "application/x-www-form-urlencoded; charset=UTF-8";
	assert_int_equal(request_parse_form(&req, body, strlen(body)), HTTP_OK);
	assert_string_equal(request_field(&req, "name"), "Zo\xc3\xab O'Brien");
	assert_string_equal(request_field(&req, "email"), "z@example.com");
	assert_string_equal(request_field(&req, "message"), "a\r\nb");
	assert_string_equal(request_field(&req, "website"), "");
	assert_int_equal(request_parse_form(&req, "name=%G1", 8), HTTP_BAD);

	req.content_type = "multipart/form-data; boundary=x";
	assert_int_equal(request_parse_form(&req, "x", 1), 415);
	req.content_type = "application/x-www-form-urlencodedX";
	assert_int_equal(request_parse_form(&req, "a=1", 3), 415);
	req.content_type = "application/x-www-form-urlencoded";
	{
		char *big = malloc(HTTP_MAX_BODY + 2);

		memset(big, 'a', HTTP_MAX_BODY + 1);
		big[HTTP_MAX_BODY + 1] = '\0';
		assert_int_equal(request_parse_form(&req, big, HTTP_MAX_BODY + 1), HTTP_TOO_BIG);
		free(big);
	}
	request_free(&req);
}

static void
routes(void **state)
{
	/* key and rest NULL, bare -1: not asserted for that case */
	static const struct {
		const char *host, *path, *base_domain;
		enum route_kind kind;
		const char *key, *rest;
		int bare;
	} cases[] = {
		{ "127.0.0.1", "/s/demo/products/x", "shops.example.com", ROUTE_PATH_SLUG, "demo", "/products/x", 0 },
		{ "", "/s/demo", "", ROUTE_PATH_SLUG, NULL, "/", 1 },
		{ "", "/s/De_mo/", "", ROUTE_NONE, NULL, NULL, -1 },
		{ "", "/s//", "", ROUTE_NONE, NULL, NULL, -1 },
		{ "demo.shops.example.com", "/catalog", "shops.example.com", ROUTE_HOST_SLUG, "demo", "/catalog", -1 },
		{ "a.b.shops.example.com", "/", "shops.example.com", ROUTE_NONE, NULL, NULL, -1 },
		{ "shops.example.com", "/", "shops.example.com", ROUTE_NONE, NULL, NULL, -1 },
		{ "www.cafe-zoe.example", "/", "shops.example.com", ROUTE_DOMAIN, "www.cafe-zoe.example", NULL, -1 },
		{ "127.0.0.1", "/", "", ROUTE_NONE, NULL, NULL, -1 },
		{ "localhost", "/livez", "", ROUTE_NONE, NULL, NULL, -1 },
	};
	/* what route_host_normalize makes of a Host header: "" for none it accepts */
	static const char *const hosts[][2] = {
		{ "Shop.Example.com.:443", "shop.example.com" }, { "bad host", "" }, { "[::1]:80", "" }, { NULL, "" },
	};
	struct route r;
	char host[300];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		route_parse(&r, cases[i].host, cases[i].path, cases[i].base_domain);
		if (r.kind != cases[i].kind)
			fail_msg("%s %s: kind %d, expected %d", cases[i].host, cases[i].path, (int)r.kind, (int)cases[i].kind);
		if (cases[i].key != NULL)
			assert_string_equal(r.key, cases[i].key);
		if (cases[i].rest != NULL)
			assert_string_equal(r.rest, cases[i].rest);
		if (cases[i].bare >= 0)
			assert_int_equal(r.bare, cases[i].bare);
	}
	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		route_host_normalize(hosts[i][0], host, sizeof(host));
		assert_string_equal(host, hosts[i][1]);
	}
}

static void
replies(void **state)
{
	struct request req;
	const char *out;

	(void)state;
	request_init(&req, NULL, NULL);
	req.method = HTTP_GET;
	request_header(&req, "ETag: \"%s\"", "abc");
	request_header(&req, "X-Bad: a\r\nInjected: 1");
	request_reply(&req, 200, "text/html; charset=utf-8", "<p>hi</p>", 9);
	out = buf_cstr(&req.captured);
	assert_non_null(strstr(out, "Status: 200 OK\r\n"));
	assert_non_null(strstr(out, "ETag: \"abc\"\r\n"));
	assert_null(strstr(out, "Injected"));
	assert_non_null(strstr(out, "Content-Length: 9\r\n\r\n<p>hi</p>"));
	/* a second reply is dropped */
	request_reply_text(&req, 500, "oops");
	assert_null(strstr(buf_cstr(&req.captured), "oops"));
	request_free(&req);

	request_init(&req, NULL, NULL);
	req.method = HTTP_HEAD;
	request_reply(&req, 200, "text/html", "body", 4);
	assert_null(strstr(buf_cstr(&req.captured), "body"));
	assert_non_null(strstr(buf_cstr(&req.captured), "Content-Length: 4"));
	request_free(&req);

	request_init(&req, NULL, NULL);
	req.method = HTTP_POST;
	snprintf(req.origin, sizeof(req.origin), "http://127.0.0.1:8080");
	request_redirect(&req, 303, "/s/demo/contact/sent");
	out = buf_cstr(&req.captured);
	assert_non_null(strstr(out, "Status: 303 See Other\r\n"));
	assert_non_null(strstr(out, "Location: http://127.0.0.1:8080/s/demo/contact/sent\r\n"));
	request_free(&req);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decode_good),
		cmocka_unit_test(decode_malformed),
		cmocka_unit_test(params_parse),
		cmocka_unit_test(params_refused),
		cmocka_unit_test(cookies),
		cmocka_unit_test(etags),
		cmocka_unit_test(urlencode),
		cmocka_unit_test(methods),
		cmocka_unit_test(request_from_env),
		cmocka_unit_test(request_authority),
		cmocka_unit_test(request_limits),
		cmocka_unit_test(form_bodies),
		cmocka_unit_test(routes),
		cmocka_unit_test(replies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
