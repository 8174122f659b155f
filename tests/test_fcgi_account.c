/*
 * test_fcgi_account.c - the storefront's customer area without nginx:
 * the cookie cart (parsing, limits, merging, the cookie it writes), safe
 * return paths after the login, dates, and, against the real database
 * with the demo data, the page table's account routes: signed-out
 * redirects (also for patterns with a '*' in the middle), sessions from
 * the cookie, private no-store replies kept out of the page cache, 404
 * for another customer's ids, 403 for a POST without the session's
 * CSRF token, and the round trips to MariaDB of the signed-in pages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "auth.h"
#include "cart.h"
#include "money.h"
#include "mrr.h"
#include "render.h"
#include "server.h"
#include "session.h"
#include "testlib.h"

#define DB "test_fcgi_account"

static struct server srv;

static void
cart_cookie(void **state)
{
	struct cart c;
	struct buf b = { 0 };
	char big[2048];
	size_t i, n = 0;

	(void)state;
	assert_int_equal(cart_parse(&c, NULL), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(cart_parse(&c, "12:3.45:1"), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.lines[0].product_id, 12);
	assert_int_equal(c.lines[0].quantity, 3);
	cart_format(&c, &b);
	assert_string_equal(buf_cstr(&b), "12:3.45:1");
	/* the same product twice is one line */
	assert_int_equal(cart_parse(&c, "7:2.7:5"), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.lines[0].quantity, 7);
	/* malformed: an empty cart, never a partial one */
	static const char *const bad[] = { "x", "1", "1:", ":1", "1:0", "0:1", "1:10001", "-1:2", "1:2.", "1:2..3:4",
	    "01:2", "1:02", "1:2;3:4", "99999999999999999999:1", "1: 2" };
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(cart_parse(&c, bad[i]), -1);
		assert_int_equal(c.n, 0);
	}
	/* at most CART_LINES_MAX lines */
	for (i = 0; i <= CART_LINES_MAX; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "%s%zu:1", i ? "." : "", i + 1);
	assert_int_equal(cart_parse(&c, big), -1);
	assert_int_equal(cart_parse(&c, NULL), 0);
	for (i = 0; i < CART_LINES_MAX; i++)
		assert_int_equal(cart_add(&c, (int64_t)i + 1, 1), 0);
	assert_int_equal(cart_add(&c, 999, 1), -2);
	assert_int_equal(cart_add(&c, 1, CART_QTY_MAX), -1);	/* the sum passes the maximum */
	assert_int_equal(cart_add(&c, 1, 0), -1);
	assert_int_equal(cart_set(&c, 1, 5), 0);
	assert_int_equal(c.lines[0].quantity, 5);
	assert_int_equal(cart_set(&c, 1, 0), 0);
	assert_int_equal(c.n, CART_LINES_MAX - 1);
	assert_int_equal(c.lines[0].product_id, 2);
	assert_int_equal(cart_set(&c, 12345, 1), -1);
	cart_parse(&c, NULL);
	cart_format(&c, &b);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

static void
safe_next(void **state)
{
	struct request req;
	char out[600];

	(void)state;
	request_init(&req, NULL, NULL);
	snprintf(req.base_path, sizeof(req.base_path), "/s/demo");
	assert_int_equal(auth_safe_next(&req, "/s/demo/account/orders?page=2", out, sizeof(out)), 1);
	assert_string_equal(out, "/s/demo/account/orders?page=2");
	static const char *const bad[] = { NULL, "", "https://evil.example/", "//evil.example", "/s/demo//evil.example",
	    "/s/other/account", "/s/demox/account", "/s/demo", "/s/demo/../other", "/s/demo/\\evil", "/s/demo/a b",
	    "/s/demo/\r\nSet-Cookie:x", "javascript:alert(1)" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(auth_safe_next(&req, bad[i], out, sizeof(out)), 0);
		assert_string_equal(out, "/s/demo/account");
	}
	req.base_path[0] = '\0';
	assert_int_equal(auth_safe_next(&req, "/cart", out, sizeof(out)), 1);
	assert_int_equal(auth_safe_next(&req, "//evil", out, sizeof(out)), 0);
	assert_string_equal(out, "/account");
	request_free(&req);
}

static void
cookies(void **state)
{
	static struct server https_srv;
	struct request req;

	(void)state;
	/* plain HTTP in path routing: the storefront's path, no Secure */
	request_init(&req, &https_srv, NULL);
	snprintf(req.base_path, sizeof(req.base_path), "/s/demo");
	auth_set_cookie(&req, session_cookie_name(0), "abc", -1);
	assert_string_equal(buf_cstr(&req.headers), "Set-Cookie: shelf=abc; Path=/s/demo/; HttpOnly; SameSite=Lax\r\n");
	request_free(&req);
	/* HTTPS: __Host- prefixed, hence Path=/ and Secure */
	https_srv.cfg.https = 1;
	request_init(&req, &https_srv, NULL);
	snprintf(req.base_path, sizeof(req.base_path), "/s/demo");
	auth_set_cookie(&req, session_cookie_name(1), "", 0);
	assert_string_equal(buf_cstr(&req.headers),
	    "Set-Cookie: __Host-shelf=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure\r\n");
	assert_string_equal(cart_cookie_name(1), "__Host-shelf_cart");
	request_free(&req);
}

static void
dates(void **state)
{
	/* a date or a timestamp as the pages show it; what is neither stays as it is */
	static const char *const cases[][2] = {
		{ "2025-03-03", "3 Mar 2025" }, { "2026-11-25 23:10:00", "25 Nov 2026" }, { "soon", "soon" },
	};
	char out[32];
	size_t i;

	(void)state;
	for (i = 0; i < TESTLIB_LEN(cases); i++) {
		render_date(cases[i][0], out, sizeof(out));
		assert_string_equal(out, cases[i][1]);
	}
	assert_null(render_date_json(""));
}

/* ---- through server_handle, with the demo data ---------------------------- */

static const char *
run(struct request *req, const char *method, const char *uri, const char *cookie)
{
	char c[512];

	if (cookie)
		snprintf(c, sizeof(c), "HTTP_COOKIE=%s", cookie);
	return testlib_fcgi_run(&srv, req, method, uri, cookie ? c : NULL);
}

#define status_of testlib_fcgi_status

static void
signed_out(void **state)
{
	static const char *const paths[] = { "/account", "/account/orders/1", "/account/subscriptions/2/usage",
	    "/account/subscriptions/2/usage.svg", "/account/m365", "/account/m365/users/3", "/account/profile" };
	static const struct testlib_fcgi_case star[] = {
		{ "GET", "/s/demo/account/orders/1/x", 404, NULL },
		{ "GET", "/s/demo/account/subscriptions//usage", 404, NULL },
	};
	struct request req;
	char uri[128], loc[256];
	const char *r;
	size_t i;

	(void)state;
	testlib_need_db();
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		snprintf(uri, sizeof(uri), "/s/demo%s", paths[i]);
		r = run(&req, "GET", uri, NULL);
		assert_int_equal(status_of(r), 302);
		snprintf(loc, sizeof(loc), "Location: http://shop.test/s/demo/login?next=%%2Fs%%2Fdemo");
		assert_non_null(strstr(r, loc));
	}
	/* a stale session cookie is cleared */
	r = run(&req, "GET", "/s/demo/account", "shelf=0000000000000000000000000000000000000000000000000000000000000000");
	assert_int_equal(status_of(r), 302);
	assert_non_null(strstr(r, "Set-Cookie: shelf=; Path=/s/demo/; Max-Age=0; HttpOnly; SameSite=Lax"));
	/* '*' takes one segment: more or fewer is no page */
	testlib_fcgi_expect(&srv, star, TESTLIB_LEN(star), NULL);
	/* the login page is personal */
	r = run(&req, "GET", "/s/demo/login", NULL);
	assert_int_equal(status_of(r), 200);
	assert_non_null(strstr(r, "Cache-Control: private, no-store"));
	assert_null(strstr(r, "ETag:"));
}

static void
signed_in(void **state)
{
	/* orders 4 and 16, subscription 4 and M365 user 13 are other customers' */
	static const struct testlib_fcgi_case others[] = {
		{ "GET", "/s/demo/account/orders/1", 200, NULL }, { "GET", "/s/demo/account/orders/4", 404, NULL },
		{ "GET", "/s/demo/account/orders/16", 404, NULL }, { "GET", "/s/demo/account/orders/abc", 404, NULL },
		{ "GET", "/s/demo/account/subscriptions/4", 404, NULL },
		{ "GET", "/s/demo/account/m365/users/13", 404, NULL },
	};
	struct session_new s;
	struct request req;
	char why[CORE_WHY], cookie[128], extra[160];
	const char *r;

	(void)state;
	testlib_need_db();
	assert_int_equal(session_signin(srv.db, 1, "buyer@demo.example", "demo-password-1", "127.0.0.1", &s, why),
	    CORE_OK);
	snprintf(cookie, sizeof(cookie), "shelf=%s", s.token);
	r = run(&req, "GET", "/s/demo/account", cookie);
	assert_int_equal(status_of(r), 200);
	assert_non_null(strstr(r, "Cache-Control: private, no-store"));
	assert_non_null(strstr(r, s.csrf));
	snprintf(extra, sizeof(extra), "HTTP_COOKIE=%s", cookie);
	testlib_fcgi_expect(&srv, others, TESTLIB_LEN(others), extra);
	r = run(&req, "GET", "/s/demo/account/subscriptions/2/usage.svg?month=2026-10", cookie);
	assert_int_equal(status_of(r), 200);
	assert_non_null(strstr(r, "Content-Type: image/svg+xml"));
	/* a public page seen signed in is rendered for the user and kept out of the cache */
	r = run(&req, "GET", "/s/demo/catalog", cookie);
	assert_int_equal(status_of(r), 200);
	assert_null(strstr(r, "ETag:"));
	assert_non_null(strstr(r, "buyer@demo.example"));
	r = run(&req, "GET", "/s/demo/catalog", NULL);
	assert_null(strstr(r, "buyer@demo.example"));
	/* a POST without the session's token changes nothing */
	r = run(&req, "POST", "/s/demo/account/subscriptions/1/cancel", cookie);
	assert_int_equal(status_of(r), 403);
	assert_int_equal(testlib_int(DB, "SELECT cancel_at_term_end FROM subscriptions WHERE id = 1"), 0);
	/* the session of one storefront is nobody on another */
	r = run(&req, "GET", "/s/cloudnine/account", cookie);
	assert_true(status_of(r) == 302 || status_of(r) == 404);
	assert_int_equal(session_logout(srv.db, s.token), CORE_OK);
	assert_int_equal(status_of(run(&req, "GET", "/s/demo/account", cookie)), 302);
}

/* trips_of - the reply of GET path with cookie, its round trips to MariaDB into *trips. */
static const char *
trips_of(struct request *req, const char *path, const char *cookie, uint64_t *trips)
{
	uint64_t before = db_trips(srv.db);
	const char *r = run(req, "GET", path, cookie);

	*trips = db_trips(srv.db) - before;
	return r;
}

/*
 * round_trips - each signed-in page of the customer area (issue 18) does
 * its work in at most 3 round trips to MariaDB, the storefront's version
 * read and the session check included, and 2 while the customer's data
 * is unchanged (the data cache, acache.h); a change to what a page shows,
 * made behind shelf-fcgi's back, shows on the next request; a page kept
 * for one session is never another's.  The first
 * request of a page prepares its statements (once per connection): the
 * counts start after it.
 */
static void
round_trips(void **state)
{
	static const struct {
		const char *path;
		const char *has[4];
		const char *change;	/* SQL that changes what the page shows */
		const char *shows;	/* and what it shows then */
	} pages[] = {
		{ "/s/demo/account", { "Acme Logistics BV", "SO-000028", "Azure plan", "Dana Buyer" },
		    "UPDATE storefront_users SET name = 'Dana R. Buyer' WHERE id = 1", "Dana R. Buyer" },
		{ "/s/demo/account/orders", { "SO-000001", "SO-000002", "SO-000003", "SO-000028" },
		    "UPDATE orders SET number = 'SO-RT-0028' WHERE id = 28", "SO-RT-0028" },
		{ "/s/demo/account/subscriptions", { "Microsoft 365 Business Standard (annual)", "Azure plan",
		    "Mailbox migration to Exchange Online", "Microsoft 365 tenant setup" },
		    "UPDATE assets SET quantity = 11 WHERE id = 2", "385.00" },
	};
	struct session_new s, s2;
	struct request req;
	char why[CORE_WHY], cookie[128], cookie2[128], spend[48];
	uint64_t trips;
	int64_t mrr;
	const char *r;
	size_t i, k;

	(void)state;
	testlib_need_db();
	assert_int_equal(session_signin(srv.db, 1, "buyer@demo.example", "demo-password-1", "127.0.0.1", &s, why),
	    CORE_OK);
	snprintf(cookie, sizeof(cookie), "shelf=%s", s.token);
	assert_int_equal(mrr_account(srv.db, &s.actor, &mrr), CORE_OK);
	money_format(mrr, "EUR", spend, sizeof(spend));
	assert_non_null(strstr(run(&req, "GET", "/s/demo/account", cookie), spend));
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		assert_int_equal(status_of(run(&req, "GET", pages[i].path, cookie)), 200);
		r = trips_of(&req, pages[i].path, cookie, &trips);
		assert_int_equal(status_of(r), 200);
		if (trips > 2)
			fail_msg("%s unchanged: %llu round trips to MariaDB, expected 2", pages[i].path,
			    (unsigned long long)trips);
		for (k = 0; k < 4; k++)
			if (strstr(r, pages[i].has[k]) == NULL)
				fail_msg("%s: no \"%s\" on the page", pages[i].path, pages[i].has[k]);
		assert_null(strstr(r, pages[i].shows));
		testlib_sql(DB, "%s", pages[i].change);
		r = trips_of(&req, pages[i].path, cookie, &trips);
		assert_int_equal(status_of(r), 200);
		if (trips < 3 || trips > 3)
			fail_msg("%s changed: %llu round trips to MariaDB, expected 3", pages[i].path,
			    (unsigned long long)trips);
		if (strstr(r, pages[i].shows) == NULL)
			fail_msg("%s: the change (\"%s\") does not show on the next request", pages[i].path,
			    pages[i].shows);
	}
	/* a kept page is the session's: another session of the same user gets its own forms' token */
	assert_int_equal(session_signin(srv.db, 1, "buyer@demo.example", "demo-password-1", "127.0.0.1", &s2, why),
	    CORE_OK);
	snprintf(cookie2, sizeof(cookie2), "shelf=%s", s2.token);
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		assert_non_null(strstr(run(&req, "GET", pages[i].path, cookie), s.csrf));
		r = run(&req, "GET", pages[i].path, cookie2);
		assert_int_equal(status_of(r), 200);
		assert_non_null(strstr(r, s2.csrf));
		assert_null(strstr(r, s.csrf));
	}
	assert_int_equal(session_logout(srv.db, s2.token), CORE_OK);
	/* a page past the end of a list is a 404, in as few */
	r = trips_of(&req, "/s/demo/account/orders?page=9", cookie, &trips);
	assert_int_equal(status_of(r), 404);
	assert_true(trips <= 3);
	assert_int_equal(session_logout(srv.db, s.token), CORE_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cart_cookie),
		cmocka_unit_test(safe_next),
		cmocka_unit_test(cookies),
		cmocka_unit_test(dates),
		cmocka_unit_test(signed_out),
		cmocka_unit_test(signed_in),
		cmocka_unit_test(round_trips),
	};

	return testlib_fcgi_main("test_fcgi_account", tests, TESTLIB_LEN(tests), &srv, DB, NULL);
}
