/*
 * test_fcgi_server.c - shelf-fcgi's request handling against the real
 * database with the demo data, without nginx: routing, the page table,
 * methods, the page cache and its invalidation by storefronts.version,
 * ETags, and the render helpers (JSON-LD escaping, links, prices).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <brotli/decode.h>
#include <zlib.h>
#include "cache.h"
#include "log.h"
#include "page.h"
#include "render.h"
#include "server.h"
#include "testlib.h"

#define DB "test_fcgi_server"

static struct server srv;

/* run - answer method uri (+ extra "NAME=value" params) and return the captured reply (static). */
static const char *
run(struct request *req, const char *method, const char *uri, const char *extra)
{
	return testlib_fcgi_run(&srv, req, method, uri, extra);
}

#define status_of testlib_fcgi_status

static void
pages(void **state)
{
	static const struct testlib_fcgi_case cases[] = {
		{ "GET", "/s/demo/", 200, "Content-Type: text/html; charset=utf-8" },
		{ "GET", "/s/demo/", 200, "<link rel=\"canonical\" href=\"http://shop.test/s/demo/\">" },
		{ "GET", "/s/demo/catalog", 200, NULL }, { "GET", "/s/demo/category/productivity", 200, NULL },
		{ "GET", "/s/demo/products/microsoft-365-business-standard", 200, NULL },
		{ "GET", "/s/demo/contact", 200, NULL }, { "GET", "/s/demo/contact/sent", 200, NULL },
		{ "GET", "/s/demo/sitemap.xml", 200,
		    "<loc>http://shop.test/s/demo/products/microsoft-365-business-standard</loc>" },
		{ "GET", "/s/demo/robots.txt", 200, "Sitemap: http://shop.test/s/demo/sitemap.xml" },
		{ "GET", "/livez", 200, NULL }, { "GET", "/readyz", 200, NULL },
	};

	(void)state;
	testlib_need_db();
	testlib_fcgi_expect(&srv, cases, TESTLIB_LEN(cases), NULL);
}

static void
errors(void **state)
{
	static const struct testlib_fcgi_case cases[] = {
		{ "GET", "/s/nope/", 404, NULL }, { "GET", "/s/demo/nope", 404, NULL }, { "GET", "/", 404, NULL },
		{ "GET", "/s/demo/catalog?q=%zz", 400, NULL },
		{ "DELETE", "/s/demo/", 405, "Allow: GET, HEAD\r\n" },
		{ "PATCH", "/s/demo/contact", 405, "Allow: GET, HEAD, POST\r\n" },
		/* error pages are themed and never cached */
		{ "GET", "/s/demo/products/nope", 404, "Cache-Control: no-store" },
		{ "GET", "/s/demo/products/nope", 404, "Page not found" },
		{ "GET", "/s/demo", 301, "Location: http://shop.test/s/demo/\r\n" },
	};
	struct request req;

	(void)state;
	testlib_need_db();
	testlib_fcgi_expect(&srv, cases, TESTLIB_LEN(cases), NULL);
	/* a POST without a body stream: a declared length that never arrives is a bad request */
	assert_int_equal(status_of(run(&req, "POST", "/s/demo/contact", "CONTENT_LENGTH=10")), 400);
	assert_int_equal(status_of(run(&req, "POST", "/s/demo/contact", "CONTENT_LENGTH=999999")), 413);
}

static void
etag_and_cache(void **state)
{
	struct request req;
	char etag[64], inm[128], *p;
	const char *r;

	(void)state;
	testlib_need_db();
	r = run(&req, "GET", "/s/demo/catalog", NULL);
	assert_non_null(strstr(r, "Cache-Control: public, no-cache"));
	/* a page with a form gets this browser's token in place of the placeholder, and is private */
	r = run(&req, "GET", "/s/demo/products/microsoft-365-business-standard", "HTTP_COOKIE=shelf_csrf="
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	assert_non_null(strstr(r, "Cache-Control: private, no-cache"));
	assert_non_null(strstr(r, "value=\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\""));
	assert_null(strstr(r, "csrf-placeholder"));
	assert_null(strstr(r, "Set-Cookie"));
	r = run(&req, "GET", "/s/demo/products/microsoft-365-business-standard", NULL);
	assert_non_null(strstr(r, "Set-Cookie: shelf_csrf="));
	p = strstr(r, "ETag: ");
	assert_non_null(p);
	sscanf(p + 6, "%63[^\r]", etag);
	snprintf(inm, sizeof(inm), "HTTP_IF_NONE_MATCH=%s", etag);
	r = run(&req, "GET", "/s/demo/products/microsoft-365-business-standard", inm);
	assert_int_equal(status_of(r), 304);
	assert_null(strstr(r, "<html"));
	/* a markup change (core bumps the version) changes page, price and ETag on the next request */
	testlib_sql(DB, "UPDATE listings SET markup_bp = 10000 WHERE reseller_id = 1 AND product_id = 3");
	testlib_sql(DB, "UPDATE storefronts SET version = version + 1 WHERE reseller_id = 1");
	r = run(&req, "GET", "/s/demo/products/microsoft-365-business-standard", inm);
	assert_int_equal(status_of(r), 200);
	assert_non_null(strstr(r, "\"price\":\"21.20\""));	/* 1060 + 100 % */
	assert_null(strstr(r, etag));
}

static void
downgrade(void **state)
{
	struct request req;

	(void)state;
	testlib_need_db();
	assert_int_equal(status_of(run(&req, "GET", "/s/brightpath/", NULL)), 200);
	testlib_sql(DB, "UPDATE resellers SET edition = 'basic' WHERE id = 2");
	testlib_sql(DB, "UPDATE storefronts SET version = version + 1 WHERE reseller_id = 2");
	assert_int_equal(status_of(run(&req, "GET", "/s/brightpath/", NULL)), 404);
	testlib_sql(DB, "UPDATE resellers SET edition = 'standard' WHERE id = 2");
	testlib_sql(DB, "UPDATE storefronts SET version = version + 1 WHERE reseller_id = 2");
	assert_int_equal(status_of(run(&req, "GET", "/s/brightpath/", NULL)), 200);
}

static void
host_routing(void **state)
{
	struct request req;

	(void)state;
	testlib_need_db();
	{
		char *envp[] = { "REQUEST_METHOD=GET", "REQUEST_URI=/catalog", "HTTP_HOST=demo.shops.example",
		    "SERVER_PORT=80", NULL };

		request_init(&req, &srv, NULL);
		server_handle(&req, envp, NULL);
		assert_int_equal(status_of(buf_cstr(&req.captured)), 200);
		assert_non_null(strstr(buf_cstr(&req.captured), "href=\"http://demo.shops.example/catalog\""));
		request_free(&req);
	}
}

static void
helpers(void **state)
{
	struct request req;
	char price[32];
	json_t *ctx, *v;
	const char *ld;

	(void)state;
	render_price_decimal(1251, "EUR", price, sizeof(price));
	assert_string_equal(price, "12.51");
	render_price_decimal(5, "EUR", price, sizeof(price));
	assert_string_equal(price, "0.05");
	render_price_decimal(1200, "JPY", price, sizeof(price));
	assert_string_equal(price, "1200");

	ctx = json_object();
	render_json_ld(ctx, json_pack("{s:s}", "name", "</script><script>alert(1)</script> & <!--"));
	ld = json_string_value(json_object_get(json_object_get(ctx, "page"), "json_ld"));
	assert_non_null(ld);
	assert_null(strchr(ld, '<'));
	assert_null(strchr(ld, '>'));
	assert_null(strchr(ld, '&'));
	assert_non_null(strstr(ld, "\\u003c/script\\u003e"));
	json_decref(ctx);

	request_init(&req, NULL, NULL);
	snprintf(req.base_path, sizeof(req.base_path), "/s/demo");
	snprintf(req.origin, sizeof(req.origin), "http://shop.test");
	/* page_link's cases are in test_fcgi_page.c */
	assert_null(render_image(&req, "javascript:alert(1)"));
	assert_null(render_image(&req, "http://insecure.example/x.png"));	/* mixed content */
	v = render_full_url(&req, "/static/x.png");
	assert_string_equal(json_string_value(v), "http://shop.test/static/x.png");
	json_decref(v);
	request_free(&req);
}

/* etag_of - the ETag of GET uri's reply into out (64 bytes); its status is returned. */
static int
etag_of(const char *uri, char *out)
{
	struct request req;
	const char *r = run(&req, "GET", uri, NULL), *p = strstr(r, "ETag: ");

	out[0] = '\0';
	if (p != NULL)
		sscanf(p + 6, "%63[^\r]", out);
	return status_of(r);
}

/*
 * Query parameters a page does not read are not in its cache key, so a
 * random one neither misses the cache nor adds an entry (issue 17, finding 4).
 */
static void
unknown_params_share_the_cached_page(void **state)
{
	char plain[64], other[64];
	size_t before;
	int i;

	(void)state;
	testlib_need_db();
	assert_int_equal(etag_of("/s/demo/", plain), 200);
	assert_int_equal(etag_of("/s/demo/catalog?q=office", other), 200);
	before = cache_count(srv.cache);
	for (i = 0; i < 200; i++) {
		char uri[128], e[64];

		snprintf(uri, sizeof(uri), "/s/demo/?v=%d&utm_source=x%d&fbclid=%d", i * 7919, i, i);
		assert_int_equal(etag_of(uri, e), 200);
		assert_string_equal(e, plain);
		snprintf(uri, sizeof(uri), "/s/demo/catalog?gclid=%d&q=office&utm_medium=%d", i, i);
		assert_int_equal(etag_of(uri, e), 200);
		assert_string_equal(e, other);
	}
	assert_int_equal(cache_count(srv.cache), before);
	/* the parameters a page reads still make pages of their own */
	assert_int_equal(etag_of("/s/demo/catalog?q=azure", plain), 200);
	assert_string_not_equal(plain, other);
	assert_int_equal(etag_of("/s/demo/catalog?q=office&page=2", plain), 404);
	assert_int_equal(etag_of("/s/demo/catalog?q=office&sort=bogus", plain), 400);
	/* a value that is not one the page takes answers 400 and is never rendered */
	assert_int_equal(etag_of("/s/demo/catalog?page=abc", plain), 400);
	assert_int_equal(etag_of("/s/demo/catalog?page=0", plain), 400);
	assert_int_equal(etag_of("/s/demo/catalog?page=-1", plain), 400);
}

/* raw - GET uri with Accept-Encoding ae (NULL: none) and If-None-Match inm (NULL: none): the reply's bytes into out. */
static void
raw(const char *uri, const char *ae, const char *inm, struct buf *out)
{
	char u[512], a[256], i[128], *envp[8];
	struct request req;
	int n = 0;

	snprintf(u, sizeof(u), "REQUEST_URI=%s", uri);
	envp[n++] = "REQUEST_METHOD=GET";
	envp[n++] = u;
	envp[n++] = "HTTP_HOST=127.0.0.1";
	envp[n++] = "SERVER_PORT=8080";
	if (ae != NULL) {
		snprintf(a, sizeof(a), "HTTP_ACCEPT_ENCODING=%s", ae);
		envp[n++] = a;
	}
	if (inm != NULL) {
		snprintf(i, sizeof(i), "HTTP_IF_NONE_MATCH=%s", inm);
		envp[n++] = i;
	}
	envp[n] = NULL;
	request_init(&req, &srv, NULL);
	server_handle(&req, envp, NULL);
	buf_reset(out);
	buf_append(out, req.captured.data, req.captured.len);
	request_free(&req);
}

/* body_of - where the body of a captured reply starts, and its length. */
static const char *
body_of(const struct buf *r, size_t *len)
{
	const char *p = memmem(r->data, r->len, "\r\n\r\n", 4);

	assert_non_null(p);
	*len = r->len - (size_t)(p + 4 - r->data);
	return p + 4;
}

/* header_has - 1 when the head of reply r holds the header line text. */
static int
header_has(const struct buf *r, const char *text)
{
	const char *end = memmem(r->data, r->len, "\r\n\r\n", 4);

	return end != NULL && memmem(r->data, (size_t)(end - r->data), text, strlen(text)) != NULL;
}

/*
 * Cached public pages go out in the coding the client takes, compressed
 * once per page version (issue 18): the same bytes once decoded, a
 * smaller body, an ETag of their own and Vary.
 */
static void
compressed_pages(void **state)
{
	struct buf plain = { 0 }, r = { 0 };
	char back[1 << 18], etag[96];
	const char *body, *b, *p;
	size_t plen, len, n, bytes;
	z_stream s;

	(void)state;
	testlib_need_db();
	raw("/s/demo/", NULL, NULL, &plain);
	assert_int_equal(testlib_fcgi_status(plain.data), 200);
	assert_false(header_has(&plain, "Content-Encoding"));
	assert_true(header_has(&plain, "Vary: Accept-Encoding"));
	body = body_of(&plain, &plen);

	raw("/s/demo/", "gzip, deflate", NULL, &r);
	assert_true(header_has(&r, "Content-Encoding: gzip"));
	assert_true(header_has(&r, "-gzip\""));
	b = body_of(&r, &len);
	memset(&s, 0, sizeof(s));
	assert_int_equal(inflateInit2(&s, 15 + 16), Z_OK);
	s.next_in = (Bytef *)(uintptr_t)b;
	s.avail_in = (uInt)len;
	s.next_out = (Bytef *)back;
	s.avail_out = sizeof(back);
	assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
	assert_int_equal(s.total_out, plen);
	assert_memory_equal(back, body, plen);
	inflateEnd(&s);

	raw("/s/demo/", "gzip, deflate, br, zstd", NULL, &r);
	assert_true(header_has(&r, "Content-Encoding: br"));
	b = body_of(&r, &len);
	n = sizeof(back);
	assert_int_equal(BrotliDecoderDecompress(len, (const uint8_t *)b, &n, (uint8_t *)back),
	    BROTLI_DECODER_RESULT_SUCCESS);
	assert_int_equal(n, plen);
	assert_memory_equal(back, body, plen);
	print_message("home: %zu bytes, %zu with br\n", plen, len);
	assert_true(len * 4 <= plen);	/* at most 25 %% of the bytes */
	/* the second br request is served from the cached copy: the cache does not grow */
	bytes = cache_bytes(srv.cache);
	raw("/s/demo/", "br", NULL, &r);
	assert_true(header_has(&r, "Content-Encoding: br"));
	assert_int_equal(cache_bytes(srv.cache), bytes);
	/* its ETag gets a 304, for br only */
	p = strstr(r.data, "ETag: ");
	assert_non_null(p);
	sscanf(p + 6, "%95[^\r]", etag);
	raw("/s/demo/", "br", etag, &r);
	assert_int_equal(testlib_fcgi_status(r.data), 304);
	raw("/s/demo/", "gzip", etag, &r);
	assert_int_equal(testlib_fcgi_status(r.data), 200);
	/* a page whose body holds the visitor's CSRF token goes out as it is (nginx may compress it) */
	raw("/s/demo/products/microsoft-365-business-standard", "br", NULL, &r);
	assert_int_equal(testlib_fcgi_status(r.data), 200);
	assert_false(header_has(&r, "Content-Encoding"));
	buf_free(&plain);
	buf_free(&r);
}

static double fake_now;

static double
fake_clock(void)
{
	return fake_now;
}

/*
 * A fault every request meets (here the storefronts table is gone, as the
 * connection is during a database restart) writes LOG_BURST lines, then
 * one line that counts the rest, not a line per request (issue 17, finding 8).
 */
static void
repeated_faults_log_a_count(void **state)
{
	struct request req;
	char uri[64], line[512];
	FILE *f = tmpfile();
	int i, lines = 0, summary = 0;

	(void)state;
	testlib_need_db();
	assert_non_null(f);
	log_open("shelf-fcgi", f);
	log_set_clock(fake_clock);
	fake_now = 1000;
	testlib_sql(DB, "RENAME TABLE storefronts TO storefronts_away");
	for (i = 0; i < 1000; i++) {
		snprintf(uri, sizeof(uri), "/s/away-%d/", i);
		assert_int_equal(status_of(run(&req, "GET", uri, NULL)), 500);
	}
	testlib_sql(DB, "RENAME TABLE storefronts_away TO storefronts");
	fake_now += LOG_WINDOW_SECONDS;
	log_flush();
	rewind(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		lines++;
		if (strstr(line, "995 more lines like \"shelf-fcgi: storefront %s: %s: %s\" dropped in 10 s"))
			summary++;
	}
	assert_int_equal(lines, LOG_BURST + 1);
	assert_int_equal(summary, 1);
	log_open("shelf-fcgi", NULL);
	log_set_clock(NULL);
	fclose(f);
	assert_int_equal(status_of(run(&req, "GET", "/s/demo/", NULL)), 200);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(helpers),
		cmocka_unit_test(pages),
		cmocka_unit_test(errors),
		cmocka_unit_test(etag_and_cache),
		cmocka_unit_test(downgrade),
		cmocka_unit_test(host_routing),
		cmocka_unit_test(repeated_faults_log_a_count),
		cmocka_unit_test(unknown_params_share_the_cached_page),
		cmocka_unit_test(compressed_pages),
	};

	return testlib_fcgi_main("test_fcgi_server", tests, TESTLIB_LEN(tests), &srv, DB, "shops.example");
}
