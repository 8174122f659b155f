/*
 * test_storefront.c - storefront routing and settings against the real
 * MariaDB: lookups by slug and host answer only for online storefronts,
 * slug redirects, the validators and URL builder, every settings edit
 * (refusals change nothing; success bumps the version and leaves an audit
 * row), and tenant separation between reseller admins.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "inspect.h"
#include "operator.h"
#include "password.h"
#include "reseller.h"
#include "session.h"
#include "storefront.h"
#include "testlib.h"
#include "user.h"

#define DB "sr_storefront"

static const char *const fixture =
    "INSERT INTO distributors (id, name, slug, currency, email, storefront_base_domain) VALUES"
    " (1, 'Northwind Cloud Distribution', 'northwind', 'EUR', 'ops@northwind.example', 'shops.northwind.example');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, status, currency) VALUES"
    " (1, 1, 'Alpha', 'alpha@example.com', 'standard', 'active', 'EUR'),"
    " (2, 1, 'Beta', 'beta@example.com', 'professional', 'active', 'EUR'),"
    " (3, 1, 'Gamma', 'gamma@example.com', 'basic', 'active', 'EUR'),"
    " (4, 1, 'Delta', 'delta@example.com', 'standard', 'suspended', 'EUR');"
    "INSERT INTO storefronts (reseller_id, slug, company_name, custom_domain, sections) VALUES"
    " (1, 'alpha', 'Alpha Co', 'shop.alpha.example', '[{\"type\":\"hero\",\"heading\":\"Hi\"}]'),"
    " (2, 'beta', 'Beta Co', 'shop.beta.example', '[]'),"
    " (3, 'gamma', 'Gamma Co', NULL, '[]'),"
    " (4, 'delta', 'Delta Co', NULL, '[]');"
    "INSERT INTO storefront_slug_redirects (old_slug, reseller_id) VALUES ('old-beta', 2);";

/* the actors: testlib_cast's */
static struct testlib_cast cast;

static struct db *
fresh(void)
{
	testlib_cast(&cast);
	return testlib_fixture(DB, fixture);
}

static const char *
themes_dir(void)
{
	const char *d = getenv("SHELF_THEMES_DIR");

	return d && *d ? d : "themes";
}

/* everything a settings edit may touch, to prove a refusal changed nothing */
static char *
snapshot(void)
{
	return testlib_str(DB, "SELECT CONCAT_WS('/', (SELECT GROUP_CONCAT(CONCAT_WS(',', reseller_id, slug,"
	    " IFNULL(custom_domain, '-'), company_name, IFNULL(analytics_id, '-'), theme, skin, sections,"
	    " IFNULL(contact_email, '-'), IFNULL(contact_phone, '-'), contact_form_enabled, IFNULL(logo_url, '-'),"
	    " version) ORDER BY reseller_id SEPARATOR ';') FROM storefronts),"
	    " (SELECT GROUP_CONCAT(old_slug, reseller_id ORDER BY old_slug) FROM storefront_slug_redirects),"
	    " (SELECT COUNT(*) FROM audit_log))");
}

static void
assert_unchanged(const char *before)
{
	char *after = snapshot();

	assert_string_equal(before, after);
	free(after);
}

static void
pure_validators_and_urls(void **state)
{
	char url[300];

	(void)state;
	static const char *const slugs_ok[] = { "a", "acme-cloud-2", "0day",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 63 */ };
	static const char *const slugs_bad[] = { "", NULL, "-a", "a-", "Acme", "a_b", "a.b", "www", "s", "api",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 64 */ };
	TESTLIB_VALID(storefront_slug_valid, slugs_ok, slugs_bad);

	static const char *const domains_ok[] = { "shop.example.com", "a-b.co" };
	static const char *const domains_bad[] = { "localhost", "Shop.example.com", "a..b.com", ".a.com", "a.com.",
	    "-a.com", "exa mple.com", "x.c0m", "x.c", "1.2.3.4" };
	TESTLIB_VALID(storefront_domain_valid, domains_ok, domains_bad);

	storefront_url("https://shop.example.com/", NULL, "acme", NULL, url, sizeof(url));
	assert_string_equal(url, "https://shop.example.com/s/acme/");
	storefront_url("https://shop.example.com", "", "acme", "", url, sizeof(url));
	assert_string_equal(url, "https://shop.example.com/s/acme/");
	storefront_url(NULL, NULL, "acme", NULL, url, sizeof(url));
	assert_string_equal(url, "/s/acme/");
	/* a base domain this deployment (public_url) does not serve gives the path address */
	storefront_url("https://x.example", "shops.example.net", "acme", NULL, url, sizeof(url));
	assert_string_equal(url, "https://x.example/s/acme/");
	storefront_url("https://shops.example.net", "shops.example.net", "acme", NULL, url, sizeof(url));
	assert_string_equal(url, "https://acme.shops.example.net/");
	storefront_url("https://x.example", "shops.example.net", "acme", "www.acme.com", url, sizeof(url));
	assert_string_equal(url, "https://www.acme.com/");
	storefront_url("https://x.example", NULL, "acme", NULL, url, 8);
	assert_string_equal(url, "https:/");
}

static void
public_routing_answers_only_online(void **state)
{
	struct db *db = fresh();
	struct storefront *sf = malloc(sizeof(*sf));
	char slug[STOREFRONT_SLUG_SZ];
	int64_t v = 0;
	json_t *j;

	(void)state;
	assert_int_equal(storefront_by_slug(db, "alpha", sf), CORE_OK);
	assert_int_equal(sf->reseller_id, 1);
	assert_string_equal(sf->company_name, "Alpha Co");
	assert_string_equal(sf->reseller_name, "Alpha");
	assert_string_equal(sf->custom_domain, "shop.alpha.example");
	assert_string_equal(sf->theme, "classic");
	assert_string_equal(sf->currency, "EUR");
	assert_string_equal(sf->distributor_name, "Northwind Cloud Distribution");
	assert_string_equal(sf->base_domain, "shops.northwind.example");
	assert_int_equal(sf->edition, EDITION_STANDARD);
	assert_int_equal(sf->version, 1);
	assert_int_equal(sf->contact_form_enabled, 1);
	assert_string_equal(sf->analytics_id, "");
	j = storefront_to_json(sf);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "sections"), 0),
	    "heading")), "Hi");
	assert_string_equal(json_string_value(json_object_get(j, "edition")), "standard");
	json_decref(j);

	assert_int_equal(storefront_by_slug(db, "beta", sf), CORE_OK);
	assert_int_equal(sf->edition, EDITION_PROFESSIONAL);
	assert_int_equal(storefront_by_slug(db, "gamma", sf), CORE_NOTFOUND);	/* basic */
	assert_int_equal(storefront_by_slug(db, "delta", sf), CORE_NOTFOUND);	/* suspended */
	assert_int_equal(storefront_by_slug(db, "ALPHA", sf), CORE_NOTFOUND);
	assert_int_equal(storefront_by_slug(db, "nope", sf), CORE_NOTFOUND);
	assert_int_equal(storefront_by_slug(db, NULL, sf), CORE_NOTFOUND);

	assert_int_equal(storefront_by_domain(db, "Shop.Alpha.Example:8443", sf), CORE_OK);
	assert_int_equal(sf->reseller_id, 1);
	assert_int_equal(storefront_by_domain(db, "beta.shops.northwind.example", sf), CORE_OK);
	assert_int_equal(sf->reseller_id, 2);
	assert_int_equal(storefront_by_domain(db, "alpha.shops.northwind.example.", sf), CORE_OK);
	assert_int_equal(sf->reseller_id, 1);
	assert_int_equal(storefront_by_domain(db, "gamma.shops.northwind.example", sf), CORE_NOTFOUND);
	assert_int_equal(storefront_by_domain(db, "alpha.shops.other.example", sf), CORE_NOTFOUND);
	assert_int_equal(storefront_by_domain(db, "shops.northwind.example", sf), CORE_NOTFOUND);
	assert_int_equal(storefront_by_domain(db, "nope.example", sf), CORE_NOTFOUND);
	assert_int_equal(storefront_by_domain(db, "", sf), CORE_NOTFOUND);
	assert_int_equal(storefront_by_domain(db, NULL, sf), CORE_NOTFOUND);

	assert_int_equal(storefront_redirect_slug(db, "old-beta", slug), CORE_OK);
	assert_string_equal(slug, "beta");
	assert_int_equal(storefront_redirect_slug(db, "beta", slug), CORE_NOTFOUND);

	assert_int_equal(storefront_version(db, 2, &v), CORE_OK);
	assert_int_equal(v, 1);
	assert_int_equal(storefront_version(db, 99, &v), CORE_NOTFOUND);

	/* many at once: each as storefront_version says, -1 for none, past one query's worth */
	{
		int64_t ids[STOREFRONT_VERSIONS_MAX * 2 + 3], vs[STOREFRONT_VERSIONS_MAX * 2 + 3], one;
		size_t i, n = sizeof(ids) / sizeof(ids[0]);

		testlib_sql(DB, "UPDATE storefronts SET version = version + 4 WHERE reseller_id = 1");
		for (i = 0; i < n; i++)
			ids[i] = i % 4 == 3 ? 99 : (int64_t)(i % 4);	/* 0, 1, 2, 99: 0 and 99 have none */
		assert_int_equal(storefront_versions(db, ids, n, vs), CORE_OK);
		for (i = 0; i < n; i++) {
			if (storefront_version(db, ids[i], &one) == CORE_OK)
				assert_int_equal(vs[i], one);
			else
				assert_int_equal(vs[i], -1);
		}
		assert_int_equal(vs[1], 5);
		assert_int_equal(vs[2], 1);
		assert_int_equal(vs[n - 1], vs[2]);	/* the last one, in the third query */
		assert_int_equal(vs[0], -1);
		assert_int_equal(vs[3], -1);
		testlib_sql(DB, "UPDATE storefronts SET version = version - 4 WHERE reseller_id = 1");
	}

	/* a downgrade (or suspension) takes effect on the very next lookup */
	testlib_sql(DB, "UPDATE resellers SET edition = 'basic' WHERE id = 2");
	assert_int_equal(storefront_by_slug(db, "beta", sf), CORE_NOTFOUND);
	assert_int_equal(storefront_by_domain(db, "shop.beta.example", sf), CORE_NOTFOUND);
	assert_int_equal(storefront_redirect_slug(db, "old-beta", slug), CORE_NOTFOUND);
	free(sf);
	db_close(db);
}

static void
general_refusals_change_nothing(void **state)
{
	static const char *const bad_analytics[] = {
		"UA-12345-1", "G-abc123", "G-", "g-ABC", "G-ABC 123", "G-ABCDEFGHIJKLMNOPQRS", NULL
	};
	static const char *const bad_slugs[] = {
		"Alpha", "-alpha", "alpha-", "al_pha", "admin", "www", "",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL
	};
	static const char *const bad_domains[] = {
		"localhost", "exa mple.com", "a..b.com", "x.c0m", "shop.example.com/path", "-x.example.com", NULL
	};
	struct db *db = fresh();
	char why[CORE_WHY], *before;
	int i;

	(void)state;
	before = snapshot();
	for (i = 0; bad_analytics[i]; i++) {
		why[0] = '\0';
		assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "Alpha Co", "alpha", NULL, bad_analytics[i], why),
		    CORE_INVALID);
		assert_non_null(strstr(why, "Analytics"));
	}
	for (i = 0; bad_slugs[i]; i++) {
		why[0] = '\0';
		assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "Alpha Co", bad_slugs[i], NULL, NULL, why),
		    CORE_INVALID);
		assert_non_null(strstr(why, "address"));
	}
	for (i = 0; bad_domains[i]; i++) {
		why[0] = '\0';
		assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "Alpha Co", "alpha", bad_domains[i], NULL, why),
		    CORE_INVALID);
		assert_non_null(strstr(why, "domain"));
	}
	assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "", "alpha", NULL, NULL, why), CORE_INVALID);
	assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "Alpha\nCo", "alpha", NULL, NULL, why), CORE_INVALID);
	assert_int_equal(storefront_update_general(db, &cast.ra_alpha, NULL, "alpha", NULL, NULL, why), CORE_INVALID);
	/* taken: another's live slug, another's old slug, another's domain */
	why[0] = '\0';
	assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "Alpha Co", "beta", NULL, NULL, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "taken"));
	assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "Alpha Co", "old-beta", NULL, NULL, why), CORE_CONFLICT);
	why[0] = '\0';
	assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "Alpha Co", "alpha", "SHOP.beta.example", NULL, why),
	    CORE_CONFLICT);
	assert_non_null(strstr(why, "shop.beta.example"));
	/* roles without the right */
	assert_int_equal(storefront_update_general(db, &cast.dist_admin, "X", "alpha", NULL, NULL, why), CORE_FORBIDDEN);
	assert_int_equal(storefront_update_general(db, &cast.support, "X", "alpha", NULL, NULL, why), CORE_FORBIDDEN);
	assert_int_equal(storefront_update_general(db, &cast.customer, "X", "alpha", NULL, NULL, why), CORE_FORBIDDEN);
	assert_unchanged(before);
	free(before);
	db_close(db);
}

static void
general_success_bumps_version_and_redirects(void **state)
{
	struct db *db = fresh();
	struct storefront *sf = malloc(sizeof(*sf));
	char why[CORE_WHY] = "", slug[STOREFRONT_SLUG_SZ], *s;

	(void)state;
	assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "Alpha & Söhne", "alpha-new", "", "G-ABC123", why),
	    CORE_OK);
	s = testlib_str(DB, "SELECT CONCAT_WS('|', slug, IFNULL(custom_domain, 'none'), company_name, analytics_id, version)"
	    " FROM storefronts WHERE reseller_id = 1");
	assert_string_equal(s, "alpha-new|none|Alpha & Söhne|G-ABC123|2");
	free(s);
	assert_int_equal(testlib_int(DB, "SELECT reseller_id FROM storefront_slug_redirects WHERE old_slug = 'alpha'"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'storefront.general'"
	    " AND entity = 'storefront' AND entity_id = 1 AND reseller_id = 1 AND actor_name = 'alpha-admin'"
	    " AND JSON_VALUE(before_json, '$.slug') = 'alpha' AND JSON_VALUE(after_json, '$.slug') = 'alpha-new'"
	    " AND JSON_VALUE(after_json, '$.analytics_id') = 'G-ABC123'"), 1);
	/* the old address redirects; the new one answers */
	assert_int_equal(storefront_by_slug(db, "alpha", sf), CORE_NOTFOUND);
	assert_int_equal(storefront_redirect_slug(db, "alpha", slug), CORE_OK);
	assert_string_equal(slug, "alpha-new");
	assert_int_equal(storefront_by_slug(db, "alpha-new", sf), CORE_OK);
	assert_int_equal(sf->version, 2);

	/* another reseller cannot take the old slug while it redirects */
	assert_int_equal(storefront_update_general(db, &cast.ra_beta, "Beta Co", "alpha", NULL, NULL, why), CORE_CONFLICT);

	/* taking one's own old slug back: live again, and the one left behind redirects */
	assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "Alpha Co", "alpha", "www.alpha.example", NULL, why),
	    CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM storefront_slug_redirects WHERE old_slug = 'alpha'"), 0);
	assert_int_equal(testlib_int(DB, "SELECT reseller_id FROM storefront_slug_redirects WHERE old_slug = 'alpha-new'"), 1);
	assert_int_equal(storefront_redirect_slug(db, "alpha-new", slug), CORE_OK);
	assert_string_equal(slug, "alpha");
	assert_int_equal(storefront_by_domain(db, "www.alpha.example", sf), CORE_OK);
	assert_int_equal(sf->version, 3);
	assert_int_equal(sf->reseller_id, 1);
	/* unchanged slug: no redirect to itself */
	assert_int_equal(storefront_update_general(db, &cast.ra_alpha, "Alpha Co", "alpha", NULL, NULL, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM storefront_slug_redirects WHERE reseller_id = 1"), 1);
	assert_int_equal(testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 1"), 4);
	free(sf);
	db_close(db);
}

static void
look_validation_and_success(void **state)
{
	struct db *db = fresh();
	char why[CORE_WHY] = "", *before, *s, *big;
	const char *dir = themes_dir();
	size_t i;

	(void)state;
	before = snapshot();
	why[0] = '\0';
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "nope", "forest", "[]", why), CORE_INVALID);
	assert_non_null(strstr(why, "theme"));
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "../classic", "forest", "[]", why), CORE_INVALID);
	why[0] = '\0';
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "classic", "ocean", "[]", why), CORE_INVALID);
	assert_non_null(strstr(why, "skin"));
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "classic", "", "[]", why), CORE_INVALID);
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "classic", "forest", "{}", why), CORE_INVALID);
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "classic", "forest", "[", why), CORE_INVALID);
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "classic", "forest", "[1]", why), CORE_INVALID);
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "classic", "forest", "[{\"heading\":\"x\"}]", why),
	    CORE_INVALID);
	why[0] = '\0';
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "classic", "forest",
	    "[{\"type\":\"hero\"},{\"type\":\"carousel\"}]", why), CORE_INVALID);
	assert_non_null(strstr(why, "Section 2"));
	big = malloc(32 * 21 + 3);
	strcpy(big, "[");
	for (i = 0; i < 21; i++)
		strcat(big, i ? ",{\"type\":\"text\"}" : "{\"type\":\"text\"}");
	strcat(big, "]");
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "classic", "forest", big, why), CORE_INVALID);
	free(big);
	big = malloc(STOREFRONT_SECTIONS_MAX + 100);
	snprintf(big, STOREFRONT_SECTIONS_MAX + 100, "[{\"type\":\"text\",\"body\":\"%0*d\"}]", STOREFRONT_SECTIONS_MAX, 0);
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "classic", "forest", big, why), CORE_INVALID);
	free(big);
	assert_int_equal(storefront_update_look(db, &cast.support, dir, "classic", "forest", "[]", why), CORE_FORBIDDEN);
	assert_unchanged(before);
	free(before);

	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "modern", "sunset",
	    "[ {\"type\": \"hero\", \"heading\": \"Hello <b>\", \"cta_url\": \"/products\"},"
	    "  {\"type\": \"logo_strip\", \"logos\": []} ]", why), CORE_OK);
	s = testlib_str(DB, "SELECT CONCAT_WS('|', theme, skin, JSON_LENGTH(sections),"
	    " JSON_VALUE(sections, '$[0].heading'), JSON_VALUE(sections, '$[1].type'), version)"
	    " FROM storefronts WHERE reseller_id = 1");
	assert_string_equal(s, "modern|sunset|2|Hello <b>|logo_strip|2");
	free(s);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'storefront.look'"
	    " AND entity_id = 1 AND JSON_VALUE(before_json, '$.theme') = 'classic'"
	    " AND JSON_VALUE(after_json, '$.skin') = 'sunset'"), 1);
	/* empty sections mean an empty homepage */
	assert_int_equal(storefront_update_look(db, &cast.ra_alpha, dir, "classic", "navy", NULL, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT JSON_LENGTH(sections) FROM storefronts WHERE reseller_id = 1"), 0);
	db_close(db);
}

static void
contact_and_meta_settings(void **state)
{
	struct db *db = fresh();
	struct storefront *sf = malloc(sizeof(*sf));
	char why[CORE_WHY] = "", *before, *s;

	(void)state;
	before = snapshot();
	why[0] = '\0';
	assert_int_equal(storefront_update_contact(db, &cast.ra_alpha, "not-an-email", NULL, NULL, NULL, 1, why), CORE_INVALID);
	assert_non_null(strstr(why, "e-mail"));
	assert_int_equal(storefront_update_contact(db, &cast.ra_alpha, "a@b.example", "call me", NULL, NULL, 1, why), CORE_INVALID);
	assert_int_equal(storefront_update_contact(db, &cast.ra_alpha, "a@b.example", NULL, "bad\001address", NULL, 1, why),
	    CORE_INVALID);
	assert_int_equal(storefront_update_contact(db, &cast.ra_alpha, "a@b.example", NULL, NULL, NULL, 2, why), CORE_INVALID);
	assert_int_equal(storefront_update_meta(db, &cast.ra_alpha, "javascript:alert(1)", NULL, NULL, why), CORE_INVALID);
	assert_int_equal(storefront_update_meta(db, &cast.ra_alpha, "//evil.example/x.png", NULL, NULL, why), CORE_INVALID);
	assert_int_equal(storefront_update_meta(db, &cast.ra_alpha, NULL, "Two\nlines", NULL, why), CORE_INVALID);
	assert_int_equal(storefront_update_contact(db, &cast.dist_admin, NULL, NULL, NULL, NULL, 1, why), CORE_FORBIDDEN);
	assert_unchanged(before);
	free(before);

	assert_int_equal(storefront_update_contact(db, &cast.ra_alpha, "sales@alpha.example", "+49 (30) 123-456",
	    "Main St 1\nBerlin", "Write to us.\n\nWe answer within a day.", 0, why), CORE_OK);
	s = testlib_str(DB, "SELECT CONCAT_WS('|', contact_email, contact_phone, contact_address, contact_form_enabled, version)"
	    " FROM storefronts WHERE reseller_id = 1");
	assert_string_equal(s, "sales@alpha.example|+49 (30) 123-456|Main St 1\nBerlin|0|2");
	free(s);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'storefront.contact'"), 1);
	assert_int_equal(storefront_update_contact(db, &cast.ra_alpha, "", "", "", "", 1, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT contact_email IS NULL AND contact_phone IS NULL AND contact_intro IS NULL"
	    " FROM storefronts WHERE reseller_id = 1"), 1);

	assert_int_equal(storefront_update_meta(db, &cast.ra_alpha, "https://cdn.alpha.example/logo.svg", "Alpha: cloud",
	    "Licences and cloud for SMEs", why), CORE_OK);
	assert_int_equal(storefront_get(db, &cast.ra_alpha, sf), CORE_OK);
	assert_string_equal(sf->logo_url, "https://cdn.alpha.example/logo.svg");
	assert_string_equal(sf->meta_description, "Licences and cloud for SMEs");
	assert_int_equal(sf->version, 4);
	free(sf);
	db_close(db);
}

static void
tenants_stay_apart(void **state)
{
	struct db *db = fresh();
	struct storefront *sf = malloc(sizeof(*sf));
	char why[CORE_WHY] = "", *alpha_before, *alpha_after;
	int64_t v = 0;

	(void)state;
	assert_int_equal(storefront_get(db, &cast.ra_beta, sf), CORE_OK);
	assert_int_equal(sf->reseller_id, 2);
	assert_string_equal(sf->slug, "beta");
	assert_int_equal(storefront_get(db, &cast.dist_admin, sf), CORE_FORBIDDEN);
	assert_int_equal(storefront_get(db, &cast.support, sf), CORE_FORBIDDEN);
	assert_int_equal(storefront_get(db, &cast.customer, sf), CORE_FORBIDDEN);

	/* beta's admin only ever edits beta's row */
	alpha_before = testlib_str(DB, "SELECT CONCAT_WS('|', slug, company_name, theme, skin, version)"
	    " FROM storefronts WHERE reseller_id = 1");
	assert_int_equal(storefront_update_general(db, &cast.ra_beta, "Beta Two", "beta-two", NULL, NULL, why), CORE_OK);
	assert_int_equal(storefront_update_look(db, &cast.ra_beta, themes_dir(), "classic", "forest", "[]", why), CORE_OK);
	alpha_after = testlib_str(DB, "SELECT CONCAT_WS('|', slug, company_name, theme, skin, version)"
	    " FROM storefronts WHERE reseller_id = 1");
	assert_string_equal(alpha_before, alpha_after);
	free(alpha_before);
	free(alpha_after);
	assert_int_equal(testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 2"), 3);

	/* a reseller admin whose reseller has no storefront gets NOTFOUND */
	cast.ra_beta.reseller_id = 5;
	testlib_sql(DB, "INSERT INTO resellers (id, distributor_id, name, email, edition, currency)"
	    " VALUES (5, 1, 'Eps', 'eps@example.com', 'standard', 'EUR')");
	assert_int_equal(storefront_get(db, &cast.ra_beta, sf), CORE_NOTFOUND);
	why[0] = '\0';
	assert_int_equal(storefront_update_general(db, &cast.ra_beta, "Eps", "eps", NULL, NULL, why), CORE_NOTFOUND);
	assert_true(why[0] != '\0');

	/* version plumbing for other modules */
	assert_int_equal(storefront_touch(db, 1), CORE_OK);
	assert_int_equal(storefront_version(db, 1, &v), CORE_OK);
	assert_int_equal(v, 2);
	assert_int_equal(storefront_touch_distributor(db, 1), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT GROUP_CONCAT(version ORDER BY reseller_id) = '3,4,2,2'"
	    " FROM storefronts"), 1);
	assert_int_equal(storefront_touch(db, 99), CORE_OK);
	free(sf);
	db_close(db);
}

/* the value of the row labelled label in d's section title, or NULL */
static const char *
doc_value(const struct inspect_doc *d, const char *title, const char *label)
{
	size_t i, j;

	for (i = 0; i < d->nsections; i++)
		if (strcmp(d->sections[i].title, title) == 0)
			for (j = 0; j < d->sections[i].nrows; j++)
				if (strcmp(d->sections[i].rows[j].cell[0], label) == 0)
					return d->sections[i].rows[j].cell[1];
	return NULL;
}

/*
 * Every storefront link the platform sends or shows follows one rule,
 * storefront_url: with public_url set, a storefront without a custom
 * domain is <public_url>/s/<slug>/ even when its distributor has a base
 * domain the deployment does not serve (the e-mails used to say
 * https://<slug>.<base>/ while the reset link said public_url).
 */
static void
storefront_links_follow_public_url(void **state)
{
	struct db *db = fresh();
	struct storefront *sf = malloc(sizeof(*sf));
	struct inspect_doc doc;
	struct actor ra_eps, dist_op;
	const char *pub = "http://127.0.0.1:8080", *want = "http://127.0.0.1:8080/s/epsilon/";
	char url[512], why[CORE_WHY] = "", *s;
	const char *v;
	int64_t uid = 0;

	(void)state;
	testlib_sql(DB, "INSERT INTO resellers (id, distributor_id, name, email, edition, status, currency) VALUES"
	    " (5, 1, 'Epsilon', 'eps@example.com', 'standard', 'active', 'EUR'),"
	    " (6, 1, 'Zeta', 'zeta@example.com', 'basic', 'active', 'EUR');"
	    "INSERT INTO storefronts (reseller_id, slug, company_name, sections) VALUES (5, 'epsilon', 'Epsilon Co', '[]');"
	    "INSERT INTO customers (id, reseller_id, name, email) VALUES (51, 5, 'Eps Customer', 'c@eps.example');"
	    "INSERT INTO operators (id, login, display_name, role, distributor_id) VALUES"
	    " (90, 'dist-admin', 'Dist Admin', 'distributor_admin', 1);");
	if (operator_login(db, "dist-admin", &dist_op, why) != CORE_OK)
		fail_msg("login: %s", why);
	password_set_cost(1);
	ra_eps = cast.ra_alpha;
	ra_eps.reseller_id = 5;

	/* the rule itself */
	storefront_url(pub, "shops.northwind.example", "epsilon", NULL, url, sizeof(url));
	assert_string_equal(url, want);
	storefront_url("https://shops.northwind.example", "shops.northwind.example", "epsilon", NULL, url, sizeof(url));
	assert_string_equal(url, "https://epsilon.shops.northwind.example/");
	storefront_url("https://shops.northwind.example:8443/", "shops.northwind.example", "epsilon", NULL, url, sizeof(url));
	assert_string_equal(url, "https://epsilon.shops.northwind.example:8443/");
	storefront_url(NULL, "shops.northwind.example", "epsilon", NULL, url, sizeof(url));
	assert_string_equal(url, "https://epsilon.shops.northwind.example/");
	storefront_url(pub, "shops.northwind.example", "epsilon", "www.eps.example", url, sizeof(url));
	assert_string_equal(url, "https://www.eps.example/");

	/* the invitation e-mail (core/user.c) */
	assert_int_equal(user_create(db, &ra_eps, 51, "new@eps.example", "New User", ROLE_CUSTOMER_MEMBER, USER_INVITE,
	    pub, NULL, &uid, why), CORE_OK);
	s = testlib_str(DB, "SELECT JSON_VALUE(payload, '$.data.link') FROM outbox ORDER BY id DESC LIMIT 1");
	assert_memory_equal(s, "http://127.0.0.1:8080/s/epsilon/reset?token=", strlen(want) + strlen("reset?token="));
	free(s);

	/* the storefront's own reset request (fcgi passes storefront_url of the storefront it serves) */
	assert_int_equal(storefront_by_slug(db, "epsilon", sf), CORE_OK);
	storefront_url(pub, sf->base_domain, sf->slug, sf->custom_domain, url, sizeof(url));
	assert_string_equal(url, want);
	assert_int_equal(session_password_reset_request(db, 5, "new@eps.example", NULL, url, why), CORE_OK);
	s = testlib_str(DB, "SELECT JSON_VALUE(payload, '$.data.link') FROM outbox ORDER BY id DESC LIMIT 1");
	assert_memory_equal(s, "http://127.0.0.1:8080/s/epsilon/reset?token=", strlen(want) + strlen("reset?token="));
	free(s);

	/* the edition e-mail (core/reseller.c) */
	assert_int_equal(reseller_set_edition(db, &dist_op, 6, EDITION_STANDARD, "zeta", pub, why), CORE_OK);
	s = testlib_str(DB, "SELECT JSON_VALUE(payload, '$.data.storefront_url') FROM outbox WHERE reseller_id = 6");
	assert_string_equal(s, "http://127.0.0.1:8080/s/zeta/");
	free(s);

	/* the URL the TUI shows (core/inspect.c) */
	assert_int_equal(inspect_get(db, &cast.support, INSPECT_RESELLER, 5, pub, &doc), CORE_OK);
	assert_non_null(v = doc_value(&doc, "Storefront", "URL"));
	assert_string_equal(v, want);
	inspect_doc_free(&doc);
	free(sf);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pure_validators_and_urls),
		cmocka_unit_test(public_routing_answers_only_online),
		cmocka_unit_test(general_refusals_change_nothing),
		cmocka_unit_test(general_success_bumps_version_and_redirects),
		cmocka_unit_test(look_validation_and_success),
		cmocka_unit_test(contact_and_meta_settings),
		cmocka_unit_test(tenants_stay_apart),
		cmocka_unit_test(storefront_links_follow_public_url),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
