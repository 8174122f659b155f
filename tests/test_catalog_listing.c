/*
 * test_catalog_listing.c - the catalog (distributor products, storefront
 * and vendor-screen reads) and listings (list/unlist, markups) against
 * the real MariaDB, every outcome checked with independent SQL.
 *
 * Fixture: distributor 1 (EUR) with resellers 1 (A) and 2 (B), distributor
 * 2 with reseller 3 (C); products 1..5 active and 6 retired of
 * distributor 1, product 7 of distributor 2.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "catalog.h"
#include "listing.h"
#include "money.h"
#include "testlib.h"

#define DB "shelf_catalog"

static const char fixture_sql[] =
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES"
    " (1, 'Northwind Cloud Distribution', 'nw', 'EUR', 'ops@nw.example'),"
    " (2, 'Other Distribution', 'other', 'EUR', 'ops@other.example');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, currency) VALUES"
    " (1, 1, 'Alpha IT', 'a@alpha.example', 'standard', 'EUR'),"
    " (2, 1, 'Beta IT', 'b@beta.example', 'standard', 'EUR'),"
    " (3, 2, 'Gamma IT', 'g@gamma.example', 'standard', 'EUR');"
    "INSERT INTO storefronts (reseller_id, slug, company_name, version) VALUES"
    " (1, 'alpha', 'Alpha IT', 10), (2, 'beta', 'Beta IT', 20), (3, 'gamma', 'Gamma IT', 30);"
    "INSERT INTO categories (id, distributor_id, name, slug, position) VALUES"
    " (1, 1, 'Productivity', 'productivity', 1), (2, 1, 'Security', 'security', 2),"
    " (3, 1, 'Cloud', 'cloud', 3), (4, 2, 'Their productivity', 'productivity', 1);"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,"
    " currency, trial_days, short_description, connector, active) VALUES"
    " (1, 1, 'M365-BP', 'Microsoft 365 Business Premium', 'm365-business-premium', 'Microsoft', 'license',"
    "  'monthly', 1850, 'EUR', 30, 'Office apps and advanced security', 'keys', 1),"
    " (2, 1, 'M365-BB', 'Microsoft 365 Business Basic', 'm365-business-basic', 'Microsoft', 'license',"
    "  'annual', 4800, 'EUR', NULL, 'Web and mobile apps', 'keys', 1),"
    " (3, 1, 'AZ-PLAN', 'Azure plan', 'azure-plan', 'Microsoft', 'usage', 'monthly', 0, 'EUR', NULL,"
    "  'Pay as you go, 100% flexible', 'keys', 1),"
    " (4, 1, 'GWS-STD', 'Google Workspace Business Standard', 'google-workspace-standard', 'Google', 'license',"
    "  'monthly', 1040, 'EUR', 14, 'Gmail, Drive, Meet', 'keys', 1),"
    " (5, 1, 'ACR-BK', 'Acronis Cyber Protect Backup', 'acronis-backup', 'Acronis', 'license', 'monthly',"
    "  333, 'EUR', NULL, 'Backup for workstations', 'keys', 1),"
    " (6, 1, 'OLD-1', 'Retired Suite', 'retired-suite', 'Contoso', 'software', 'one_time', 9999, 'EUR', NULL,"
    "  'Gone', 'manual', 0),"
    " (7, 2, 'X-1', 'Other distributor product', 'other-product', 'Contoso', 'service', 'one_time', 5000,"
    "  'EUR', NULL, '', 'manual', 1);"
    "INSERT INTO product_categories (product_id, category_id) VALUES"
    " (1, 1), (1, 2), (2, 1), (3, 3), (4, 1), (5, 2), (6, 1), (7, 4);"
    "INSERT INTO listings (reseller_id, product_id, listed, markup_bp) VALUES"
    " (1, 1, 1, 2000), (1, 2, 1, 1250), (1, 6, 1, 0), (1, 5, 0, 3000), (2, 1, 1, 500), (3, 7, 1, 0);";

static struct db *
fixture(void)
{
	return testlib_fixture(DB, fixture_sql);
}

static struct actor
actor_of(enum actor_role role, int64_t distributor_id, int64_t reseller_id, int64_t customer_id)
{
	return testlib_actor(role, 7, distributor_id, reseller_id, customer_id, "%s", actor_role_name(role));
}

static int64_t
version(int64_t rid)
{
	return testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = %lld", (long long)rid);
}

/* a fingerprint of every listing row, to prove that nothing changed */
static char *
listings_print(void)
{
	return testlib_str(DB, "SELECT COALESCE(GROUP_CONCAT(CONCAT_WS(':', reseller_id, product_id, listed, markup_bp)"
	    " ORDER BY reseller_id, product_id), '') FROM listings");
}

static void
vendor_stats_and_tabs(void **state)
{
	static const struct {
		const char *category, *search;
		int64_t id;
	} finds[] = { { "security", NULL, 5 }, { NULL, "%", 3 }, { NULL, "gws-", 4 } };
	struct db *db = fixture();
	struct actor a = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0);
	struct catalog_query q = { 0 };
	struct product_list l;
	int64_t avail, listed, unlisted;
	size_t i;

	(void)state;
	assert_int_equal(catalog_vendor_stats(db, &a, &avail, &listed, &unlisted), CORE_OK);
	assert_int_equal(avail, testlib_int(DB, "SELECT COUNT(*) FROM products WHERE distributor_id = 1 AND active = 1"));
	assert_int_equal(listed, testlib_int(DB, "SELECT COUNT(*) FROM listings l JOIN products p ON p.id = l.product_id"
	    " WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1"));
	assert_int_equal(avail, 5);
	assert_int_equal(listed, 2);
	assert_int_equal(unlisted, 3);

	/* listed tab, by name */
	assert_int_equal(catalog_vendor_list(db, &a, CATALOG_TAB_LISTED, &q, &l), CORE_OK);
	assert_int_equal(l.total, 2);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].name, "Microsoft 365 Business Basic");
	assert_int_equal(l.items[0].markup_bp, 1250);
	assert_int_equal(l.items[0].price, 4800 + 600);
	assert_true(l.items[0].listed);
	assert_string_equal(l.items[1].sku, "M365-BP");
	assert_int_equal(l.items[1].price, 1850 + 370);
	assert_int_equal(l.items[1].ncategories, 2);
	assert_string_equal(l.items[1].category_names[0], "Productivity");
	assert_string_equal(l.items[1].category_slugs[1], "security");
	product_list_free(&l);

	/* unlisted tab: the remembered markup of an unlisted product */
	assert_int_equal(catalog_vendor_list(db, &a, CATALOG_TAB_UNLISTED, &q, &l), CORE_OK);
	assert_int_equal(l.total, 3);
	assert_string_equal(l.items[0].name, "Acronis Cyber Protect Backup");
	assert_int_equal(l.items[0].markup_bp, 3000);
	assert_int_equal(l.items[0].price, testlib_int(DB, "SELECT unit_cost + ROUND(unit_cost * 3000 / 10000)"
	    " FROM products WHERE id = 5"));
	assert_false(l.items[0].listed);
	assert_string_equal(l.items[1].name, "Azure plan");
	assert_string_equal(l.items[2].name, "Google Workspace Business Standard");
	assert_int_equal(l.items[2].markup_bp, 0);
	assert_int_equal(l.items[2].price, 1040);
	product_list_free(&l);

	/* category, search (wildcards are literal): the one unlisted product each finds; then sort, paging */
	for (i = 0; i < TESTLIB_LEN(finds); i++) {
		q.category = finds[i].category;
		q.search = finds[i].search;
		assert_int_equal(catalog_vendor_list(db, &a, CATALOG_TAB_UNLISTED, &q, &l), CORE_OK);
		assert_int_equal(l.total, 1);
		assert_int_equal(l.items[0].id, finds[i].id);
		product_list_free(&l);
	}
	q.category = NULL;
	q.search = NULL;
	q.sort = CATALOG_SORT_PRICE_DESC;
	q.limit = 1;
	q.offset = 1;
	assert_int_equal(catalog_vendor_list(db, &a, CATALOG_TAB_LISTED, &q, &l), CORE_OK);
	assert_int_equal(l.total, 2);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].id, 1);	/* 2220 after 5400 */
	product_list_free(&l);
	q.sort = CATALOG_SORT_COST;
	q.limit = 0;
	q.offset = 0;
	assert_int_equal(catalog_vendor_list(db, &a, CATALOG_TAB_UNLISTED, &q, &l), CORE_OK);
	assert_int_equal(l.items[0].id, 3);
	assert_int_equal(l.items[1].id, 5);
	assert_int_equal(l.items[2].id, 4);
	product_list_free(&l);
	q.sort = (enum catalog_sort)99;
	assert_int_equal(catalog_vendor_list(db, &a, CATALOG_TAB_UNLISTED, &q, &l), CORE_INVALID);
	db_close(db);
}

static void
storefront_reads(void **state)
{
	struct db *db = fixture();
	struct catalog_query q = { 0 };
	struct product_list l;
	struct category_list cl;
	struct product p;
	char slug[201];
	json_t *j;

	(void)state;
	assert_int_equal(catalog_storefront_list(db, 1, &q, &l), CORE_OK);
	assert_int_equal(l.total, testlib_int(DB, "SELECT COUNT(*) FROM listings l JOIN products p ON p.id = l.product_id"
	    " WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1"));
	assert_int_equal(l.n, 2);
	for (size_t i = 0; i < l.n; i++)
		assert_int_equal(l.items[i].price, testlib_int(DB, "SELECT p.unit_cost + ROUND(p.unit_cost * l.markup_bp"
		    " / 10000) FROM products p JOIN listings l ON l.product_id = p.id AND l.reseller_id = 1"
		    " WHERE p.id = %lld", (long long)l.items[i].id));
	product_list_free(&l);

	q.sort = CATALOG_SORT_PRICE_ASC;
	assert_int_equal(catalog_storefront_list(db, 1, &q, &l), CORE_OK);
	assert_int_equal(l.items[0].id, 1);
	assert_int_equal(l.items[1].id, 2);
	product_list_free(&l);
	q.category = "security";
	assert_int_equal(catalog_storefront_list(db, 1, &q, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, 1);
	product_list_free(&l);
	q.category = NULL;
	q.search = "mobile";
	assert_int_equal(catalog_storefront_list(db, 1, &q, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, 2);
	product_list_free(&l);
	/* reseller B sees its own markup; C sees only its distributor's product */
	q.search = NULL;
	assert_int_equal(catalog_storefront_list(db, 2, &q, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].price, 1850 + 93);
	product_list_free(&l);
	assert_int_equal(catalog_storefront_list(db, 3, &q, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, 7);
	product_list_free(&l);

	assert_int_equal(catalog_storefront_categories(db, 1, &cl), CORE_OK);
	assert_int_equal(cl.n, 2);
	assert_string_equal(cl.items[0].slug, "productivity");
	assert_int_equal(cl.items[0].products, 2);
	assert_string_equal(cl.items[1].slug, "security");
	assert_int_equal(cl.items[1].products, 1);
	category_list_free(&cl);

	assert_int_equal(catalog_storefront_product(db, 1, "m365-business-premium", &p), CORE_OK);
	assert_int_equal(p.price, 2220);
	j = product_to_json(&p);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "url")), "/products/m365-business-premium");
	assert_string_equal(json_string_value(json_object_get(j, "price")), "\xe2\x82\xac" "22.20");
	assert_string_equal(json_string_value(json_object_get(j, "period_label")), "/ month");
	assert_true(json_is_true(json_object_get(j, "trial")));
	assert_int_equal(json_integer_value(json_object_get(j, "trial_days")), 30);
	assert_string_equal(json_string_value(json_object_get(j, "manufacturer")), "Microsoft");
	assert_string_equal(json_string_value(json_object_get(j, "category_names")), "Productivity, Security");
	assert_null(json_object_get(j, "unit_cost"));
	assert_null(json_object_get(j, "markup_bp"));
	json_decref(j);
	product_done(&p);
	assert_int_equal(catalog_storefront_product(db, 1, "m365-business-basic", &p), CORE_OK);
	j = product_to_json(&p);
	assert_string_equal(json_string_value(json_object_get(j, "period_label")), "/ year");
	assert_true(json_is_false(json_object_get(j, "trial")));
	json_decref(j);
	product_done(&p);
	/* unlisted, retired, another distributor's, bad slug */
	assert_int_equal(catalog_storefront_product(db, 1, "acronis-backup", &p), CORE_NOTFOUND);
	assert_int_equal(catalog_storefront_product(db, 1, "retired-suite", &p), CORE_NOTFOUND);
	assert_int_equal(catalog_storefront_product(db, 1, "other-product", &p), CORE_NOTFOUND);
	assert_int_equal(catalog_storefront_product(db, 1, "Bad Slug", &p), CORE_NOTFOUND);
	assert_int_equal(catalog_product_redirect(db, 1, "nothing", slug), CORE_NOTFOUND);
	db_close(db);
}

static void
list_and_unlist_one_and_bulk(void **state)
{
	struct db *db = fixture();
	struct actor a = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0);
	int64_t one[] = { 4 }, bulk[] = { 3, 4, 5, 5 }, off[] = { 1, 2 }, retired[] = { 4, 6 };
	int64_t v = version(1), audits = testlib_int(DB, "SELECT COUNT(*) FROM audit_log");
	char why[CORE_WHY], *print;

	(void)state;
	assert_int_equal(listing_set(db, &a, one, 1, 1, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT listed FROM listings WHERE reseller_id = 1 AND product_id = 4"), 1);
	assert_int_equal(testlib_int(DB, "SELECT listed_at IS NOT NULL FROM listings WHERE reseller_id = 1"
	    " AND product_id = 4"), 1);
	assert_int_equal(version(1), v + 1);
	assert_int_equal(version(2), 20);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log"), audits + 1);
	assert_int_equal(testlib_int(DB, "SELECT entity_id FROM audit_log WHERE action = 'listing.list'"), 4);
	assert_int_equal(testlib_int(DB, "SELECT JSON_EXTRACT(before_json, '$.products[0].exists')"
	    " FROM audit_log WHERE action = 'listing.list'"), 0);

	/* bulk: one with a remembered markup, duplicates are fine */
	assert_int_equal(listing_set(db, &a, bulk, 4, 1, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM listings WHERE reseller_id = 1 AND product_id IN (3, 4, 5)"
	    " AND listed = 1"), 3);
	assert_int_equal(testlib_int(DB, "SELECT markup_bp FROM listings WHERE reseller_id = 1 AND product_id = 5"), 3000);
	assert_int_equal(version(1), v + 2);
	assert_int_equal(testlib_int(DB, "SELECT JSON_LENGTH(after_json, '$.products') FROM audit_log"
	    " WHERE action = 'listing.list' AND entity_id IS NULL"), 3);
	assert_int_equal(testlib_int(DB, "SELECT JSON_EXTRACT(before_json, '$.products[2].listed') FROM audit_log"
	    " WHERE action = 'listing.list' AND entity_id IS NULL"), 0);

	assert_int_equal(listing_set(db, &a, off, 2, 0, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM listings WHERE reseller_id = 1 AND product_id IN (1, 2)"
	    " AND listed = 0"), 2);
	assert_int_equal(testlib_int(DB, "SELECT markup_bp FROM listings WHERE reseller_id = 1 AND product_id = 1"), 2000);
	assert_int_equal(testlib_int(DB, "SELECT listed FROM listings WHERE reseller_id = 2 AND product_id = 1"), 1);
	assert_int_equal(version(1), v + 3);

	/* a retired product cannot be listed: nothing of the bulk happens */
	print = listings_print();
	why[0] = '\0';
	assert_int_equal(listing_set(db, &a, retired, 2, 1, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "Retired Suite"));
	{
		char *now = listings_print();
		assert_string_equal(now, print);
		free(now);
	}
	free(print);
	assert_int_equal(version(1), v + 3);
	/* but it can be taken down */
	assert_int_equal(listing_set(db, &a, retired + 1, 1, 0, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT listed FROM listings WHERE reseller_id = 1 AND product_id = 6"), 0);
	/* bad arguments */
	assert_int_equal(listing_set(db, &a, one, 0, 1, why), CORE_INVALID);
	assert_int_equal(listing_set(db, &a, one, 1, 2, why), CORE_INVALID);
	db_close(db);
}

static void
markup_bulk_changes_storefront_prices(void **state)
{
	struct db *db = fixture();
	struct actor a = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0);
	int64_t ids[] = { 1, 2, 4 }, list4[] = { 4 };
	int64_t v = version(1), cost = 0, price = 0;
	struct catalog_query q = { 0 };
	struct product_list l;
	char why[CORE_WHY];

	(void)state;
	/* product 4 has no listing row yet: the markup is remembered on a new unlisted row */
	assert_int_equal(listing_markup(db, &a, ids, 3, 1575, why), CORE_OK);
	assert_int_equal(version(1), v + 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM listings WHERE reseller_id = 1 AND product_id IN (1, 2, 4)"
	    " AND markup_bp = 1575"), 3);
	assert_int_equal(testlib_int(DB, "SELECT listed FROM listings WHERE reseller_id = 1 AND product_id = 4"), 0);
	assert_int_equal(testlib_int(DB, "SELECT markup_bp FROM listings WHERE reseller_id = 2 AND product_id = 1"), 500);
	if (listing_set(db, &a, list4, 1, 1, why) != CORE_OK)
		fail_msg("listing_set: %s", db_error(db));

	assert_int_equal(catalog_storefront_list(db, 1, &q, &l), CORE_OK);
	assert_int_equal(l.n, 3);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.items[i].markup_bp, 1575);
		assert_int_equal(l.items[i].price, testlib_int(DB, "SELECT unit_cost + ROUND(unit_cost * 1575 / 10000)"
		    " FROM products WHERE id = %lld", (long long)l.items[i].id));
	}
	product_list_free(&l);
	/* 1850 * 15.75 % = 291.375 -> 291; 1040 * 15.75 % = 163.8 -> 164 */
	assert_int_equal(listing_preview(db, &a, 1, 1575, &cost, &price), CORE_OK);
	assert_int_equal(cost, 1850);
	assert_int_equal(price, 2141);
	assert_int_equal(listing_preview(db, &a, 4, 1575, &cost, &price), CORE_OK);
	assert_int_equal(price, 1204);
	assert_int_equal(listing_preview(db, &a, 1, -1, &cost, &price), CORE_INVALID);
	assert_int_equal(listing_preview(db, &a, 7, 0, &cost, &price), CORE_NOTFOUND);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'listing.markup'"
	    " AND JSON_LENGTH(after_json, '$.products') = 3"), 1);
	db_close(db);
}

static void
markup_out_of_bounds_changes_nothing(void **state)
{
	struct db *db = fixture();
	struct actor a = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0);
	int64_t ids[] = { 1, 2, 4 };
	int64_t v = version(1), audits = testlib_int(DB, "SELECT COUNT(*) FROM audit_log");
	char why[CORE_WHY], *before = listings_print(), *after;
	int32_t bad[] = { -1, MONEY_MARKUP_MAX + 1, INT32_MIN };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		assert_int_equal(listing_markup(db, &a, ids, 3, bad[i], why), CORE_INVALID);
		assert_string_equal(why, "The markup must be between 0.00% and 1000.00%.");
		after = listings_print();
		assert_string_equal(after, before);
		free(after);
		assert_int_equal(version(1), v);
		assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log"), audits);
	}
	free(before);
	/* the bounds themselves are fine */
	assert_int_equal(listing_markup(db, &a, ids, 3, MONEY_MARKUP_MAX, why), CORE_OK);
	assert_int_equal(version(1), v + 1);
	assert_int_equal(listing_markup(db, &a, ids, 3, 0, why), CORE_OK);
	assert_int_equal(version(1), v + 2);
	assert_int_equal(testlib_int(DB, "SELECT SUM(markup_bp) FROM listings WHERE reseller_id = 1"
	    " AND product_id IN (1, 2, 4)"), 0);
	db_close(db);
}

static void
other_roles_are_refused(void **state)
{
	struct db *db = fixture();
	struct actor roles[] = {
		actor_of(ROLE_SUPPORT, 1, 0, 0),
		actor_of(ROLE_DISTRIBUTOR_ADMIN, 1, 0, 0),
		actor_of(ROLE_CUSTOMER_OWNER, 0, 1, 1),
		actor_of(ROLE_CUSTOMER_MEMBER, 0, 1, 1),
		actor_of(ROLE_SYSTEM, 1, 0, 0),
		actor_of(ROLE_RESELLER_ADMIN, 1, 0, 0),	/* a reseller admin without its tenant */
	};
	struct actor ra = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0);
	struct product_input in = { .sku = "N-1", .name = "New", .slug = "new", .manufacturer = "M",
	    .type = PRODUCT_LICENSE, .billing_period = PERIOD_MONTHLY, .unit_cost = 100, .active = 1 };
	int64_t ids[] = { 1 }, x, y, z, cost, price;
	char why[CORE_WHY], *before = listings_print(), *after;
	struct product_list l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		assert_int_equal(listing_set(db, &roles[i], ids, 1, 0, why), CORE_FORBIDDEN);
		assert_int_equal(listing_markup(db, &roles[i], ids, 1, 100, why), CORE_FORBIDDEN);
		assert_int_equal(listing_preview(db, &roles[i], 1, 100, &cost, &price), CORE_FORBIDDEN);
		assert_int_equal(catalog_vendor_stats(db, &roles[i], &x, &y, &z), CORE_FORBIDDEN);
		assert_int_equal(catalog_vendor_list(db, &roles[i], CATALOG_TAB_LISTED, NULL, &l), CORE_FORBIDDEN);
		if (roles[i].role != ROLE_DISTRIBUTOR_ADMIN)
			assert_int_equal(catalog_product_add(db, &roles[i], &in, NULL, why), CORE_FORBIDDEN);
	}
	assert_int_equal(catalog_product_add(db, &ra, &in, NULL, why), CORE_FORBIDDEN);
	assert_int_equal(catalog_product_update(db, &ra, 1, &in, why), CORE_FORBIDDEN);
	after = listings_print();
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM products"), 7);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log"), 0);
	db_close(db);
}

static void
tenants_are_isolated(void **state)
{
	struct db *db = fixture();
	struct actor a = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0);
	struct actor c = actor_of(ROLE_RESELLER_ADMIN, 2, 3, 0);
	int64_t theirs[] = { 7 }, mixed[] = { 1, 7 }, ours[] = { 1 }, cost, price;
	char why[CORE_WHY], *before = listings_print(), *after;
	struct product p;
	struct product_list l;
	struct catalog_query q = { .limit = 500 };
	int64_t v1 = version(1), v2 = version(2), v3 = version(3);

	(void)state;
	/* A cannot touch a product of another distributor, alone or in a bulk */
	assert_int_equal(listing_set(db, &a, theirs, 1, 1, why), CORE_NOTFOUND);
	assert_int_equal(listing_set(db, &a, mixed, 2, 0, why), CORE_NOTFOUND);
	assert_int_equal(listing_markup(db, &a, mixed, 2, 100, why), CORE_NOTFOUND);
	assert_int_equal(listing_preview(db, &a, 7, 100, &cost, &price), CORE_NOTFOUND);
	assert_int_equal(catalog_product_get(db, &a, 7, &p), CORE_NOTFOUND);
	/* C (distributor 2) cannot touch distributor 1's products */
	assert_int_equal(listing_set(db, &c, ours, 1, 1, why), CORE_NOTFOUND);
	assert_int_equal(listing_markup(db, &c, ours, 1, 100, why), CORE_NOTFOUND);
	after = listings_print();
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_int_equal(version(1), v1);
	assert_int_equal(version(3), v3);

	/* A reads its own listing of product 1, never B's */
	assert_int_equal(catalog_product_get(db, &a, 1, &p), CORE_OK);
	assert_int_equal(p.markup_bp, 2000);
	assert_non_null(p.description == NULL ? "" : p.description);
	product_done(&p);
	assert_int_equal(listing_markup(db, &a, ours, 1, 100, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT markup_bp FROM listings WHERE reseller_id = 2 AND product_id = 1"), 500);
	assert_int_equal(version(2), v2);
	assert_int_equal(catalog_vendor_list(db, &a, CATALOG_TAB_UNLISTED, &q, &l), CORE_OK);
	for (size_t i = 0; i < l.n; i++)
		assert_int_not_equal(l.items[i].id, 7);
	product_list_free(&l);
	db_close(db);
}

static void
distributor_keeps_the_catalog(void **state)
{
	struct db *db = fixture();
	struct actor d = actor_of(ROLE_DISTRIBUTOR_ADMIN, 1, 0, 0);
	struct actor d2 = actor_of(ROLE_DISTRIBUTOR_ADMIN, 2, 0, 0);
	struct actor s = actor_of(ROLE_SUPPORT, 1, 0, 0);
	const char *tags[] = { "security", "cloud" }, *bad_tags[] = { "nope" };
	struct product_input in = { .sku = "DEF-1", .name = "Defender for Business", .slug = "defender",
	    .manufacturer = "Microsoft", .type = PRODUCT_LICENSE, .billing_period = PERIOD_MONTHLY,
	    .unit_cost = 280, .trial_days = 30, .short_description = "Endpoint security",
	    .description = "Long text", .connector = CONNECTOR_KEYS, .active = 1,
	    .category_slugs = tags, .ncategories = 2 };
	struct product p;
	struct category_list cl;
	char why[CORE_WHY], slug[201];
	int64_t id = 0, v1 = version(1), v2 = version(2), v3 = version(3);

	(void)state;
	assert_int_equal(catalog_product_add(db, &d, &in, &id, why), CORE_OK);
	assert_true(id > 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM products WHERE id = %lld AND distributor_id = 1"
	    " AND currency = 'EUR' AND unit_cost = 280 AND trial_days = 30 AND unit_label = 'licence'", (long long)id), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM product_categories WHERE product_id = %lld",
	    (long long)id), 2);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'product.add'"
	    " AND entity_id = %lld AND before_json IS NULL AND JSON_EXTRACT(after_json, '$.unit_cost') = 280",
	    (long long)id), 1);
	assert_int_equal(version(1), v1);	/* nobody lists it yet */

	/* validation and uniqueness, each with a reason; nothing written */
	in.slug = "Bad_Slug";
	assert_int_equal(catalog_product_add(db, &d, &in, NULL, why), CORE_INVALID);
	assert_true(why[0] != '\0');
	in.slug = "defender";
	in.sku = "OTHER";
	assert_int_equal(catalog_product_add(db, &d, &in, NULL, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "defender"));
	in.slug = "defender-2";
	in.sku = "DEF-1";
	assert_int_equal(catalog_product_add(db, &d, &in, NULL, why), CORE_CONFLICT);
	in.sku = "DEF-2";
	in.category_slugs = bad_tags;
	in.ncategories = 1;
	assert_int_equal(catalog_product_add(db, &d, &in, NULL, why), CORE_INVALID);
	assert_non_null(strstr(why, "nope"));
	in.category_slugs = tags;
	in.ncategories = 2;
	in.unit_cost = -1;
	assert_int_equal(catalog_product_add(db, &d, &in, NULL, why), CORE_INVALID);
	in.unit_cost = 280;
	in.trial_days = 366;
	assert_int_equal(catalog_product_add(db, &d, &in, NULL, why), CORE_INVALID);
	in.trial_days = 10;
	in.billing_period = PERIOD_ONE_TIME;
	assert_int_equal(catalog_product_add(db, &d, &in, NULL, why), CORE_INVALID);
	in.billing_period = PERIOD_MONTHLY;
	in.name = "";
	assert_int_equal(catalog_product_add(db, &d, &in, NULL, why), CORE_INVALID);
	in.name = "Defender";
	in.type = (enum product_type)9;
	assert_int_equal(catalog_product_add(db, &d, &in, NULL, why), CORE_INVALID);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM products"), 8);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log"), 1);

	/* update product 1 (listed by A and B): rename the slug, change the cost */
	{
		struct product_input up = { .sku = "M365-BP", .name = "Microsoft 365 Business Premium",
		    .slug = "microsoft-365-business-premium", .manufacturer = "Microsoft", .type = PRODUCT_LICENSE,
		    .billing_period = PERIOD_MONTHLY, .unit_cost = 2000, .trial_days = 30,
		    .connector = CONNECTOR_KEYS, .active = 1, .category_slugs = tags, .ncategories = 1 };

		assert_int_equal(catalog_product_update(db, &d, 1, &up, why), CORE_OK);
		assert_int_equal(version(1), v1 + 1);
		assert_int_equal(version(2), v2 + 1);
		assert_int_equal(version(3), v3);
		assert_int_equal(testlib_int(DB, "SELECT product_id FROM product_slug_redirects WHERE distributor_id = 1"
		    " AND old_slug = 'm365-business-premium'"), 1);
		assert_int_equal(catalog_product_redirect(db, 1, "m365-business-premium", slug), CORE_OK);
		assert_string_equal(slug, "microsoft-365-business-premium");
		assert_int_equal(catalog_product_redirect(db, 3, "m365-business-premium", slug), CORE_NOTFOUND);
		assert_int_equal(catalog_storefront_product(db, 1, "microsoft-365-business-premium", &p), CORE_OK);
		assert_int_equal(p.price, 2000 + 400);
		product_done(&p);
		assert_int_equal(testlib_int(DB, "SELECT JSON_EXTRACT(before_json, '$.unit_cost') * 10000"
		    " + JSON_EXTRACT(after_json, '$.unit_cost') FROM audit_log WHERE action = 'product.update'"),
		    1850 * 10000 + 2000);
		/* taking the old slug back drops its redirect */
		up.slug = "m365-business-premium";
		assert_int_equal(catalog_product_update(db, &d, 1, &up, why), CORE_OK);
		assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM product_slug_redirects"
		    " WHERE old_slug = 'm365-business-premium'"), 0);
		assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM product_slug_redirects"
		    " WHERE old_slug = 'microsoft-365-business-premium' AND product_id = 1"), 1);
		/* another distributor's admin cannot see or change it */
		assert_int_equal(catalog_product_update(db, &d2, 1, &up, why), CORE_NOTFOUND);
		assert_int_equal(catalog_product_get(db, &d2, 1, &p), CORE_NOTFOUND);
	}

	/* reads by the distributor and support: no reseller pricing */
	assert_int_equal(catalog_product_get(db, &s, id, &p), CORE_OK);
	assert_false(p.for_reseller);
	assert_string_equal(p.description, "Long text");
	assert_int_equal(p.ncategories, 2);
	product_done(&p);
	assert_int_equal(catalog_categories(db, &d, &cl), CORE_OK);
	assert_int_equal(cl.n, 3);
	for (size_t i = 0; i < cl.n; i++)
		assert_int_equal(cl.items[i].products, testlib_int(DB, "SELECT COUNT(*) FROM product_categories pc"
		    " JOIN products p ON p.id = pc.product_id AND p.active = 1 WHERE pc.category_id = %lld",
		    (long long)cl.items[i].id));
	category_list_free(&cl);
	db_close(db);
}

/*
 * Pages of the demo storefront's list, walked 7 at a time in each
 * order, give the same ids in the same order as one plain SQL ordering
 * (a page's rows are picked before their categories are read).
 */
static void
storefront_pages_follow_the_order(void **state)
{
	static const struct {
		enum catalog_sort sort;
		const char       *order;
	} orders[] = {
		{ CATALOG_SORT_NAME, "p.name, p.id" },
		{ CATALOG_SORT_PRICE_ASC, "p.unit_cost + (p.unit_cost * l.markup_bp + 5000) DIV 10000, p.name, p.id" },
		{ CATALOG_SORT_PRICE_DESC, "p.unit_cost + (p.unit_cost * l.markup_bp + 5000) DIV 10000 DESC, p.name, p.id" },
	};
	struct db *db = testlib_fresh("shelf_catalog_pages", TESTLIB_MIGRATE | TESTLIB_DEMO);
	struct catalog_query q = { 0 };
	struct product_list l;
	char got[8192], *want;
	size_t i, k, len;

	(void)state;
	for (i = 0; i < sizeof(orders) / sizeof(orders[0]); i++) {
		got[0] = '\0';
		len = 0;
		q.sort = orders[i].sort;
		q.limit = 7;
		for (q.offset = 0;; q.offset += 7) {
			assert_int_equal(catalog_storefront_list(db, 1, &q, &l), CORE_OK);
			for (k = 0; k < l.n; k++) {
				len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%lld", len ? "," : "",
				    (long long)l.items[k].id);
				/* the categories were read for each row of the page */
				assert_int_equal(l.items[k].ncategories, testlib_int("shelf_catalog_pages",
				    "SELECT COUNT(*) FROM product_categories WHERE product_id = %lld", (long long)l.items[k].id));
			}
			k = l.n;
			product_list_free(&l);
			if (k < 7)
				break;
		}
		want = testlib_str("shelf_catalog_pages", "SELECT GROUP_CONCAT(p.id ORDER BY %s) FROM listings l"
		    " JOIN products p ON p.id = l.product_id AND p.active = 1 JOIN resellers r ON r.id = l.reseller_id"
		    " AND p.distributor_id = r.distributor_id WHERE l.reseller_id = 1 AND l.listed = 1", orders[i].order);
		assert_true(strchr(want, ',') != NULL);
		assert_string_equal(got, want);
		free(want);
	}
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vendor_stats_and_tabs),
		cmocka_unit_test(storefront_reads),
		cmocka_unit_test(list_and_unlist_one_and_bulk),
		cmocka_unit_test(markup_bulk_changes_storefront_prices),
		cmocka_unit_test(markup_out_of_bounds_changes_nothing),
		cmocka_unit_test(other_roles_are_refused),
		cmocka_unit_test(tenants_are_isolated),
		cmocka_unit_test(storefront_pages_follow_the_order),
		cmocka_unit_test(distributor_keeps_the_catalog),
	};

	return testlib_result(cmocka_run_group_tests_name("catalog_listing", tests, NULL, NULL));
}
