/*
 * test_section.c - the homepage section schemas (core/section.h), the
 * one analytics id rule (storefront_analytics_valid) and the one
 * theme.json reader (core/theme_info.h) against the installed themes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "section.h"
#include "storefront.h"
#include "theme_info.h"
#include "testlib.h"

static enum core_err
check(const char *text, char *why)
{
	json_t *j = json_loads(text, 0, NULL);
	enum core_err er;

	assert_non_null(j);
	why[0] = '\0';
	er = section_check(j, 3, why);
	json_decref(j);
	return er;
}

static void
schemas_and_checks(void **state)
{
	char why[CORE_WHY];
	json_t *j;
	int t;

	(void)state;
	for (t = 0; t < SECTION__MAX; t++) {
		assert_non_null(section_schema((enum section_type)t));
		assert_int_equal(section_schema((enum section_type)t)->type, t);
		assert_string_equal(section_schema((enum section_type)t)->name, section_type_names[t]);
		assert_int_equal(section_type_parse(section_type_names[t]), t);
		assert_true(section_schema((enum section_type)t)->nfields <= SECTION_FIELDS_MAX);
	}
	assert_null(section_type_names[SECTION__MAX]);
	assert_int_equal(section_type_parse("carousel"), -1);

	assert_int_equal(check("{\"type\":\"hero\",\"heading\":\"Hi\",\"cta_url\":\"/products\"}", why), CORE_OK);
	assert_int_equal(check("{\"type\":\"carousel\"}", why), CORE_INVALID);
	assert_non_null(strstr(why, "Section 3"));
	assert_non_null(strstr(why, "logo_strip"));
	assert_int_equal(check("{\"title\":\"x\"}", why), CORE_INVALID);
	assert_int_equal(check("{\"type\":\"hero\",\"cta_url\":\"javascript:alert(1)\"}", why), CORE_INVALID);
	assert_non_null(strstr(why, "Button link"));
	assert_int_equal(check("{\"type\":\"hero\",\"image\":\"//evil.example/x.png\"}", why), CORE_INVALID);
	assert_int_equal(check("{\"type\":\"image_text\",\"image_position\":\"top\"}", why), CORE_INVALID);
	assert_int_equal(check("{\"type\":\"image_text\",\"image_position\":\"left\",\"image\":\"images/hero.svg\"}", why),
	    CORE_OK);
	assert_int_equal(check("{\"type\":\"featured_products\",\"products\":\"a,b\"}", why), CORE_INVALID);
	assert_int_equal(check("{\"type\":\"text\",\"title\":7}", why), CORE_INVALID);
	assert_int_equal(check("{\"type\":\"logo_strip\",\"logos\":[]}", why), CORE_OK);

	/* limits count characters, not bytes: 60 two-byte letters fit a 60-character label */
	{
		char text[400] = "{\"type\":\"hero\",\"cta_label\":\"";
		int i;

		for (i = 0; i < 60; i++)
			strcat(text, "\xc3\xa9");
		strcat(text, "\"}");
		assert_int_equal(check(text, why), CORE_OK);
		text[strlen(text) - 2] = '\0';
		strcat(text, "x\"}");
		assert_int_equal(check(text, why), CORE_INVALID);
	}

	/* aliases: an older key is read when the current one is absent or empty */
	j = json_loads("{\"type\":\"hero\",\"title\":\"\",\"heading\":\"Old\",\"text\":\"Sub\"}", 0, NULL);
	assert_string_equal(section_str(j, "title"), "Old");
	assert_string_equal(section_str(j, "subtitle"), "Sub");
	assert_null(section_str(j, "image"));
	json_decref(j);

	assert_true(section_link_ok("") && section_link_ok("/contact") && section_link_ok("#top") &&
	    section_link_ok("mailto:a@b.example") && section_link_ok("https://x.example"));
	assert_false(section_link_ok("//x.example") || section_link_ok("/\\x") || section_link_ok("data:x") ||
	    section_link_ok(NULL));
	assert_true(section_image_ok("images/hero.svg") && section_image_ok("/static/a.jpg"));
	assert_false(section_image_ok("../x.svg") || section_image_ok("http://x.example/a.png") ||
	    section_image_ok("a b.png"));
}

static void
analytics_rule(void **state)
{
	(void)state;
	static const char *const ids_ok[] = { "G-ABC123", "G-123456789012345678" /* 18 after G- */ };
	static const char *const ids_bad[] = { "G-1234567890123456789" /* 19 */, "G-", "G-abc", "UA-1234", NULL };
	TESTLIB_VALID(storefront_analytics_valid, ids_ok, ids_bad);
}

static void
theme_json_reader(void **state)
{
	struct config cfg;
	struct theme_info *all, t;
	char msg[600];
	int n, i;

	(void)state;
	testlib_config(&cfg, "sr_section");
	n = theme_info_list(cfg.themes_dir, &all);
	assert_true(n >= 2);
	assert_non_null(theme_info_find(all, n, "classic"));
	for (i = 0; i < n; i++) {
		int k;

		assert_true(all[i].nskins > 0);
		assert_true(theme_info_has_skin(&all[i], all[i].default_skin));
		for (k = 0; k < all[i].nsection_types; k++)
			assert_true(section_type_parse(all[i].section_types[k]) >= 0);
	}
	free(all);
	assert_int_equal(theme_info_load(cfg.themes_dir, "classic", &t, msg, sizeof(msg)), CORE_OK);
	assert_string_equal(t.default_skin, "parchment");
	assert_true(theme_info_supports(&t, "hero"));
	assert_false(theme_info_supports(&t, "carousel"));
	assert_string_equal(t.placeholder, "images/placeholder-product.svg");
	assert_int_equal(theme_info_load(cfg.themes_dir, "no-such-theme", &t, msg, sizeof(msg)), CORE_NOTFOUND);
	assert_int_equal(theme_info_load(NULL, "classic", &t, msg, sizeof(msg)), CORE_CONFIG);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schemas_and_checks),
		cmocka_unit_test(analytics_rule),
		cmocka_unit_test(theme_json_reader),
	};

	return cmocka_run_group_tests_name("section", tests, NULL, NULL);
}
