/*
 * test_fcgi_cache.c - the page cache (bounds, LRU, replacement), the
 * CSRF tokens and the theme registry (fingerprints, skins, rendering of
 * the real themes against the sample contexts).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cache.h"
#include "csrf.h"
#include "theme.h"

static void
cache_basics(void **state)
{
	struct cache *c = cache_new(3, 1000);
	const struct cache_entry *e;

	(void)state;
	assert_non_null(c);
	assert_null(cache_get(c, "a"));
	assert_int_equal(cache_put(c, "a", 200, "text/html", "\"e1\"", "AAAA", 4, 0), CORE_OK);
	e = cache_get(c, "a");
	assert_non_null(e);
	assert_int_equal(e->status, 200);
	assert_string_equal(e->ctype, "text/html");
	assert_string_equal(e->etag, "\"e1\"");
	assert_int_equal(e->len, 4);
	assert_memory_equal(e->body, "AAAA", 4);

	/* same key: replaced, not duplicated */
	assert_int_equal(cache_put(c, "a", 200, "text/html", "\"e2\"", "BB", 2, 7), CORE_OK);
	assert_int_equal(cache_count(c), 1);
	assert_int_equal(cache_bytes(c), 2);
	assert_string_equal(cache_get(c, "a")->etag, "\"e2\"");
	assert_int_equal(cache_get(c, "a")->flags, 7);

	/* entry bound: the least recently used goes */
	cache_put(c, "b", 200, "t", "", "b", 1, 0);
	cache_put(c, "c", 200, "t", "", "c", 1, 0);
	assert_non_null(cache_get(c, "a"));	/* a is now the most recent */
	cache_put(c, "d", 200, "t", "", "d", 1, 0);
	assert_int_equal(cache_count(c), 3);
	assert_null(cache_get(c, "b"));
	assert_non_null(cache_get(c, "a"));
	assert_non_null(cache_get(c, "c"));
	assert_non_null(cache_get(c, "d"));
	cache_free(c);
}

static void
cache_byte_bound(void **state)
{
	struct cache *c = cache_new(1000, 1000);
	char body[250];
	char key[16];
	int i;

	(void)state;
	memset(body, 'x', sizeof(body));
	assert_int_equal(cache_put(c, "huge", 200, "t", "", body, 250, 0), CORE_OK);
	for (i = 0; i < 20; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_int_equal(cache_put(c, key, 200, "t", "", body, 200, 0), CORE_OK);
		assert_true(cache_bytes(c) <= 1000);
	}
	assert_int_equal(cache_count(c), 5);
	assert_non_null(cache_get(c, "k19"));
	assert_null(cache_get(c, "k0"));
	/* a body over a quarter of the budget is refused, the cache unchanged */
	{
		char *big = calloc(1, 300);

		assert_int_equal(cache_put(c, "big", 200, "t", "", big, 300, 0), CORE_RANGE);
		free(big);
	}
	assert_null(cache_get(c, "big"));
	cache_free(c);
	cache_free(NULL);
}

static void
csrf_tokens(void **state)
{
	char a[CSRF_TOKEN_LEN + 1], b[CSRF_TOKEN_LEN + 1], c[CSRF_TOKEN_LEN + 1];

	(void)state;
	assert_int_equal(csrf_new(a), 0);
	assert_int_equal(csrf_new(b), 0);
	assert_true(csrf_valid(a));
	assert_int_equal(strlen(a), CSRF_TOKEN_LEN);
	assert_string_not_equal(a, b);
	assert_true(csrf_equal(a, a));
	assert_false(csrf_equal(a, b));
	memcpy(c, a, sizeof(c));
	c[CSRF_TOKEN_LEN - 1] = c[CSRF_TOKEN_LEN - 1] == '0' ? '1' : '0';
	assert_false(csrf_equal(a, c));
	assert_false(csrf_equal(a, NULL));
	assert_false(csrf_equal(NULL, NULL));
	assert_false(csrf_equal("", ""));
	assert_false(csrf_valid("ABC"));
	assert_string_equal(csrf_cookie_name(1), "__Host-shelf_csrf");
	assert_string_equal(csrf_cookie_name(0), "shelf_csrf");
}

static const char *
themes_dir(void)
{
	const char *d = getenv("SHELF_THEMES_DIR");

	return d && *d ? d : "themes";
}

static void
themes_load(void **state)
{
	struct themes t;
	const struct theme *th;
	char msg[256];

	(void)state;
	assert_int_equal(theme_load_all(&t, themes_dir(), msg, sizeof(msg)), CORE_OK);
	th = theme_find(&t, "classic");
	assert_non_null(th);
	assert_string_equal(th->name, "classic");
	assert_int_equal(strlen(th->asset_hash), 12);
	assert_int_equal(strlen(th->hash), 16);
	assert_int_equal(strncmp(th->asset_base, "/assets/classic/", 16), 0);
	/* unknown themes and skins fall back to the defaults */
	assert_ptr_equal(theme_find(&t, "no-such-theme"), th);
	assert_ptr_equal(theme_find(&t, NULL), th);
	assert_string_equal(theme_skin(th, "no-such-skin"), th->default_skin);
	if (th->nskins > 1)
		assert_string_equal(theme_skin(th, th->skins[1]), th->skins[1]);
	themes_free(&t);

	assert_int_equal(theme_load_all(&t, "/nonexistent", msg, sizeof(msg)), CORE_CONFIG);
	themes_free(&t);
}

static void
themes_render(void **state)
{
	struct themes t;
	struct buf out = { 0 };
	struct mustache_error err;
	json_t *ctx;
	char msg[256];
	size_t i;

	(void)state;
	assert_int_equal(theme_load_all(&t, themes_dir(), msg, sizeof(msg)), CORE_OK);
	ctx = json_pack("{s:{s:s, s:s, s:s}, s:{s:s, s:s, s:s}, s:{s:i, s:s, s:s}}",
	    "site", "name", "A & <B>", "lang", "en", "asset_base", "/assets/x/0",
	    "page", "id", "error", "title", "Not found", "description", "d",
	    "error", "status", 404, "heading", "Page not found", "message", "<script>");
	assert_non_null(ctx);
	/* the shipped themes (a themes engineer's scratch theme may sit next to them) */
	for (i = 0; i < t.n; i++) {
		if (strcmp(t.v[i].name, "classic") != 0 && strcmp(t.v[i].name, "modern") != 0)
			continue;
		buf_reset(&out);
		if (theme_render(&t.v[i], "error", ctx, &out, &err) != CORE_OK)
			fail_msg("theme %s: error: %s:%d:%d: %s", t.v[i].name, err.name, err.line,
			    err.column, err.message);
		assert_non_null(strstr(buf_cstr(&out), "A &amp; &lt;B&gt;"));
		assert_null(strstr(buf_cstr(&out), "<script>"));
	}
	json_decref(ctx);
	buf_free(&out);
	themes_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cache_basics),
		cmocka_unit_test(cache_byte_bound),
		cmocka_unit_test(csrf_tokens),
		cmocka_unit_test(themes_load),
		cmocka_unit_test(themes_render),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
