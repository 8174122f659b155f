/*
 * test_fcgi_page.c - the page table of shelf-fcgi without a server:
 * every page's link (page_url) matches back to the same page with the
 * same argument, patterns are unique, the old catalog addresses resellers
 * type are linked straight to their pages, redirects carry their tail,
 * and the reply module keeps the page cache's rules (no database).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "page.h"
#include "reply.h"
#include "request.h"
#include "storefront.h"

/* new_req - a request in path routing under /s/demo, replies captured. */
static void
new_req(struct request *req)
{
	request_init(req, NULL, NULL);
	snprintf(req->base_path, sizeof(req->base_path), "/s/demo");
	snprintf(req->origin, sizeof(req->origin), "https://shop.example");
}

/* Every storefront page, linked with sample arguments, is routed back to itself. */
static void
links_round_trip(void **state)
{
	struct request req;
	char argbuf[80];
	const char *arg, *want;
	struct buf b = { 0 };
	int p, got;

	(void)state;
	new_req(&req);
	for (p = 0; p < PAGE__MAX; p++) {
		const struct page_def *d = page_def((enum page)p);

		assert_non_null(d->pattern);
		assert_non_null(d->fn);
		if (!(d->flags & PAGE_F_STOREFRONT))
			continue;
		buf_reset(&b);
		want = strchr(d->pattern, '#') ? "42" : strchr(d->pattern, '*') ? "some-slug" : "";
		if (strchr(d->pattern, '#'))
			page_path(&b, &req, (enum page)p, (int64_t)42);
		else
			page_path(&b, &req, (enum page)p, "some-slug");
		assert_true(strncmp(buf_cstr(&b), "/s/demo/", 8) == 0);
		got = page_match(buf_cstr(&b) + strlen("/s/demo"), PAGE_F_STOREFRONT, argbuf, sizeof(argbuf), &arg);
		assert_int_equal(got, p);
		assert_string_equal(arg, want);
	}
	buf_free(&b);
	request_free(&req);
}

/* The links core puts into e-mails (storefront_page_url) are the page table's paths. */
static void
mail_links_are_pages(void **state)
{
	static const struct {
		enum storefront_page sp;
		enum page            p;
	} pairs[] = {
		{ STOREFRONT_PAGE_ORDER, PAGE_ORDER },
		{ STOREFRONT_PAGE_SUBSCRIPTION, PAGE_SUBSCRIPTION },
		{ STOREFRONT_PAGE_SUBSCRIPTIONS, PAGE_SUBSCRIPTIONS },
	};
	struct request req;
	struct buf b = { 0 };
	char url[256], want[256];
	size_t i;

	(void)state;
	assert_int_equal(sizeof(pairs) / sizeof(pairs[0]), STOREFRONT_PAGE__MAX);
	new_req(&req);
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		buf_reset(&b);
		page_path(&b, &req, pairs[i].p, (int64_t)42);
		snprintf(want, sizeof(want), "https://shop.example%s", buf_cstr(&b));
		storefront_page_url("https://shop.example/s/demo/", pairs[i].sp, 42, url, sizeof(url));
		assert_string_equal(url, want);
		storefront_page_url("https://shop.example/s/demo", pairs[i].sp, 42, url, sizeof(url));
		assert_string_equal(url, want);
	}
	storefront_page_url("https://shop.example/", STOREFRONT_PAGE__MAX, 1, url, sizeof(url));
	assert_string_equal(url, "");
	buf_free(&b);
	request_free(&req);
}

/* No two pages of one scope share a pattern: the first would hide the second. */
static void
patterns_unique(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < PAGE__MAX; i++)
		for (j = i + 1; j < PAGE__MAX; j++)
			if (page_def((enum page)i)->flags & page_def((enum page)j)->flags &
			    (PAGE_F_STOREFRONT | PAGE_F_GLOBAL))
				assert_string_not_equal(page_def((enum page)i)->pattern, page_def((enum page)j)->pattern);
}

static void
urls(void **state)
{
	struct request req;
	json_t *v;

	(void)state;
	new_req(&req);
	v = page_url(&req, PAGE_ORDER_CANCEL, (int64_t)7);
	assert_string_equal(json_string_value(v), "/s/demo/account/orders/7/cancel");
	json_decref(v);
	v = page_url(&req, PAGE_HOME);
	assert_string_equal(json_string_value(v), "/s/demo/");
	json_decref(v);
	v = page_abs(&req, PAGE_PRODUCT, "teams");
	assert_string_equal(json_string_value(v), "https://shop.example/s/demo/products/teams");
	json_decref(v);
	v = page_login_url(&req, PAGE_CART);
	assert_string_equal(json_string_value(v), "/s/demo/login?next=%2Fs%2Fdemo%2Fcart");
	json_decref(v);
	/* host routing: no prefix */
	req.base_path[0] = '\0';
	v = page_url(&req, PAGE_CATEGORY, "backup");
	assert_string_equal(json_string_value(v), "/category/backup");
	json_decref(v);
	request_free(&req);
}

/* page_link: a theme's link goes through the page table, or is refused (NULL). */
static void
links(void **state)
{
	static const struct {
		const char *in, *out;	/* out NULL: refused */
	} cases[] = {
		{ "/products", "/s/demo/catalog" },
		{ "/products?manufacturer=Google", "/s/demo/catalog?manufacturer=Google" },
		{ "/categories/backup", "/s/demo/category/backup" },
		{ "/categories/backup?sort=name", "/s/demo/category/backup?sort=name" },
		{ "/products/teams#buy", "/s/demo/products/teams#buy" },
		{ "/contact", "/s/demo/contact" },
		{ "mailto:sales@example.com", "mailto:sales@example.com" },
		{ "https://example.com/x", "https://example.com/x" },
		{ "/\\evil.example", NULL },
		{ "//evil.example/", NULL },
		{ "javascript:alert(1)", NULL },
		{ " data:text/html,x", NULL },
		{ NULL, NULL },
	};
	struct request req;
	json_t *v;
	size_t i;

	(void)state;
	new_req(&req);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = page_link(&req, cases[i].in);
		if (cases[i].out == NULL) {
			if (v != NULL)
				fail_msg("page_link(\"%s\") should be refused", cases[i].in);
		} else {
			if (v == NULL || strcmp(json_string_value(v), cases[i].out) != 0)
				fail_msg("page_link(\"%s\"): expected %s, got %s", cases[i].in, cases[i].out,
				    v ? json_string_value(v) : "NULL");
		}
		json_decref(v);
	}
	request_free(&req);
}

static void
redirects(void **state)
{
	struct request req;
	const char *out;

	(void)state;
	new_req(&req);
	page_redirect(&req, 303, PAGE_SUBSCRIPTION, "?flash=converted", (int64_t)12);
	out = buf_cstr(&req.captured);
	assert_non_null(strstr(out, "Status: 303 See Other\r\n"));
	assert_non_null(strstr(out, "Location: https://shop.example/s/demo/account/subscriptions/12?flash=converted\r\n"));
	request_free(&req);
}

/* reply_send outside the page cache: no-store, and the CSRF placeholder becomes the browser's token. */
static void
reply_private(void **state)
{
	static const char body[] = "<form><input name=csrf_token value=\"" CSRF_PLACEHOLDER "\"></form>";
	struct request req;
	const char *out;

	(void)state;
	new_req(&req);
	req.personal = 1;
	reply_send(&req, 200, "text/html; charset=utf-8", body, sizeof(body) - 1);
	out = buf_cstr(&req.captured);
	assert_non_null(strstr(out, "Cache-Control: private, no-store\r\n"));
	assert_null(strstr(out, CSRF_PLACEHOLDER));
	assert_non_null(strstr(out, "Set-Cookie: shelf_csrf="));
	assert_null(strstr(out, "ETag:"));
	request_free(&req);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(links_round_trip),
		cmocka_unit_test(patterns_unique),
		cmocka_unit_test(mail_links_are_pages),
		cmocka_unit_test(urls),
		cmocka_unit_test(links),
		cmocka_unit_test(redirects),
		cmocka_unit_test(reply_private),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
