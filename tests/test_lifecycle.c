/*
 * test_lifecycle.c - resellers and operators from first day to last,
 * against the real MariaDB: adding and editing a reseller (and refusals
 * that change nothing), suspending and resuming it (status, storefront
 * version, the 503 lookup, its operators and API clients refused then
 * let in), operators
 * added and disabled by whom core allows (reseller staff read-only, a
 * reseller admin only its own colleagues, never yourself or the last
 * admin), and the upgrade that sets a reseller up (first admin, the
 * theme's starter homepage, contact details, featured listings, e-mail,
 * audit) in one transaction.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "apiclient.h"
#include "operator.h"
#include "reseller.h"
#include "storefront.h"
#include "testlib.h"

#define DB "sr_lifecycle"
#define PUBLIC_URL "https://shop.example.com/"
#define THEMES "themes"		/* the repository's, tests run from its root */

static const char *const fixture =
    "INSERT INTO distributors (id, name, slug, currency, email, storefront_base_domain) VALUES"
    " (1, 'Northwind', 'northwind', 'EUR', 'ops@northwind.example', NULL),"
    " (2, 'Southwind', 'southwind', 'USD', 'ops@southwind.example', NULL);"
    "INSERT INTO resellers (id, distributor_id, name, email, phone, address, edition, status, currency) VALUES"
    " (1, 1, 'Acme Cloud', 'acme@example.com', '+31 20 555 0101', 'Damrak 1, Amsterdam', 'basic', 'active', 'EUR'),"
    " (3, 1, 'Bolt IT', 'bolt@example.com', NULL, NULL, 'standard', 'active', 'EUR'),"
    " (4, 1, 'Zeta', 'zeta@example.com', NULL, NULL, 'professional', 'active', 'EUR'),"
    " (6, 2, 'Foreign', 'foreign@example.com', NULL, NULL, 'standard', 'active', 'USD');"
    "INSERT INTO storefronts (reseller_id, slug, company_name) VALUES (3, 'bolt', 'Bolt IT'), (4, 'zeta', 'Zeta');"
    "INSERT INTO operators (id, login, display_name, email, role, distributor_id, reseller_id, active) VALUES"
    " (1, 'admin', 'Distributor Admin', 'a@n.example', 'distributor_admin', 1, NULL, 1),"
    " (2, 'support', 'Support', 's@n.example', 'support', 1, NULL, 1),"
    " (3, 'bolt-admin', 'Bolt Admin', 'b@bolt.example', 'reseller_admin', 1, 3, 1),"
    " (4, 'zeta-admin', 'Zeta Admin', 'z@zeta.example', 'reseller_admin', 1, 4, 1),"
    " (6, 'admin2', 'Southwind Admin', 'a2@s.example', 'distributor_admin', 2, NULL, 1);"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,"
    " currency, active, featured, recommended_markup_bp) VALUES"
    " (1, 1, 'P1', 'Featured one', 'featured-one', 'Microsoft', 'license', 'monthly', 1000, 'EUR', 1, 1, 1500),"
    " (2, 1, 'P2', 'Featured two', 'featured-two', 'Google', 'license', 'monthly', 2000, 'EUR', 1, 1, 2500),"
    " (3, 1, 'P3', 'Plain', 'plain', 'Acronis', 'license', 'monthly', 3000, 'EUR', 1, 0, 0),"
    " (4, 1, 'P4', 'Featured but inactive', 'featured-off', 'Acronis', 'license', 'monthly', 3000, 'EUR', 0, 1, 900),"
    " (5, 2, 'P5', 'Another distributor', 'other', 'Acronis', 'license', 'monthly', 3000, 'USD', 1, 1, 900);"
    /* a listing the reseller had: kept as it is */
    "INSERT INTO listings (reseller_id, product_id, listed, markup_bp) VALUES (1, 2, 0, 4000);";

static struct db *
fresh(void)
{
	return testlib_fixture(DB, fixture);
}

static void
login(struct db *db, const char *name, struct actor *a)
{
	char why[CORE_WHY] = "";

	if (operator_login(db, name, a, why) != CORE_OK)
		fail_msg("login %s: %s", name, why);
}

/* the rows a change writes, to prove a refusal changed nothing */
static char *
snapshot(void)
{
	return testlib_str(DB, "SELECT CONCAT_WS('/', (SELECT GROUP_CONCAT(id, name, email, edition, status ORDER BY id)"
	    " FROM resellers), (SELECT GROUP_CONCAT(login, role, active ORDER BY id) FROM operators),"
	    " (SELECT COUNT(*) FROM audit_log), (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM listings),"
	    " (SELECT GROUP_CONCAT(reseller_id, slug, version ORDER BY reseller_id) FROM storefronts))");
}

static void
same(const char *before)
{
	char *now = snapshot();

	assert_string_equal(now, before);
	free(now);
}

static void
reseller_add_and_edit(void **state)
{
	struct db *db = fresh();
	struct actor a, s, r;
	char why[CORE_WHY] = "", *before;
	int64_t id = 0;
	struct reseller_fields f = { "Nordlicht IT", "hello@nordlicht.example", "+31 10 555 0000",
		"Coolsingel 40\nRotterdam", "NL", "NL001234567B01", NULL };
	struct reseller_fields bad = f;

	(void)state;
	login(db, "admin", &a);
	login(db, "support", &s);
	login(db, "bolt-admin", &r);
	before = snapshot();
	assert_int_equal(reseller_add(db, &s, &f, &id, why), CORE_FORBIDDEN);
	assert_non_null(strstr(why, "distributor admin"));
	assert_int_equal(reseller_add(db, &r, &f, &id, why), CORE_FORBIDDEN);
	bad.email = "not-an-address";
	assert_int_equal(reseller_add(db, &a, &bad, &id, why), CORE_INVALID);
	assert_non_null(strstr(why, "e-mail"));
	bad = f;
	bad.country = "XX";
	assert_int_equal(reseller_add(db, &a, &bad, &id, why), CORE_INVALID);
	bad = f;
	bad.currency = "eur";
	assert_int_equal(reseller_add(db, &a, &bad, &id, why), CORE_INVALID);
	bad = f;
	bad.name = "";
	assert_int_equal(reseller_add(db, &a, &bad, &id, why), CORE_INVALID);
	same(before);
	free(before);

	assert_int_equal(reseller_add(db, &a, &f, &id, why), CORE_OK);
	assert_true(id > 6);
	testlib_str_is(DB, "1|Nordlicht IT|hello@nordlicht.example|basic|active|EUR|NL|Coolsingel 40\nRotterdam",
	    "SELECT CONCAT_WS('|', distributor_id, name, email, edition, status, currency, country, address)"
	    " FROM resellers WHERE id = %lld", (long long)id);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'reseller.add' AND entity_id = %lld"
	    " AND actor_name = 'admin' AND JSON_VALUE(after_json, '$.currency') = 'EUR'", (long long)id), 1);
	/* the other distributor's admin: its own currency, and cannot see ours */
	login(db, "admin2", &s);
	f.name = "Southern Reseller";
	assert_int_equal(reseller_add(db, &s, &f, NULL, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM resellers WHERE name = 'Southern Reseller'"
	    " AND distributor_id = 2 AND currency = 'USD'"), 1);
	assert_int_equal(reseller_edit(db, &s, id, &f, why), CORE_NOTFOUND);

	/* edit: the fields replace the record's; the currency never changes */
	f.name = "Nordlicht IT B.V.";
	f.phone = "";
	assert_int_equal(reseller_edit(db, &a, id, &f, why), CORE_OK);
	testlib_str_is(DB, "Nordlicht IT B.V.|1", "SELECT CONCAT_WS('|', name, phone IS NULL) FROM resellers WHERE id = %lld",
	    (long long)id);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'reseller.edit' AND entity_id = %lld"
	    " AND JSON_VALUE(before_json, '$.name') = 'Nordlicht IT' AND JSON_VALUE(after_json, '$.name') = 'Nordlicht IT B.V.'",
	    (long long)id), 1);
	f.currency = "USD";
	assert_int_equal(reseller_edit(db, &a, id, &f, why), CORE_INVALID);
	assert_non_null(strstr(why, "currency"));
	db_close(db);
}

static void
suspend_and_resume(void **state)
{
	struct db *db = fresh();
	struct storefront *sf = malloc(sizeof(*sf));
	struct actor a, b, s;
	char why[CORE_WHY] = "", theme[33], skin[33], company[RESELLER_TEXT_SZ(200)], *before;
	char client[APICLIENT_ID_SZ], secret[APICLIENT_SECRET_SZ];
	int64_t v0, v1, rid = 0;

	(void)state;
	login(db, "admin", &a);
	login(db, "bolt-admin", &b);
	login(db, "support", &s);
	assert_int_equal(apiclient_create(db, &b, "Back office", client, secret, NULL, why), CORE_OK);
	assert_int_equal(apiclient_verify(db, client, secret, &rid), CORE_OK);
	assert_int_equal(rid, 3);
	before = snapshot();
	assert_int_equal(reseller_set_status(db, &s, 3, RESELLER_SUSPENDED, NULL, why), CORE_FORBIDDEN);
	assert_int_equal(reseller_set_status(db, &b, 3, RESELLER_SUSPENDED, NULL, why), CORE_FORBIDDEN);
	assert_int_equal(reseller_set_status(db, &a, 6, RESELLER_SUSPENDED, NULL, why), CORE_NOTFOUND);
	assert_int_equal(reseller_set_status(db, &a, 3, RESELLER_ACTIVE, NULL, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "already active"));
	same(before);
	free(before);

	v0 = testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 3");
	assert_int_equal(storefront_by_slug(db, "bolt", sf), CORE_OK);
	assert_int_equal(reseller_suspended_storefront(db, "bolt", 0, theme, skin, company), CORE_NOTFOUND);
	assert_int_equal(operator_check(db, &b, why), CORE_OK);

	assert_int_equal(reseller_set_status(db, &a, 3, RESELLER_SUSPENDED, "unpaid invoices", why), CORE_OK);
	v1 = testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 3");
	assert_true(v1 > v0);	/* every cache keyed on it lets the shop go */
	testlib_str_is(DB, "suspended", "SELECT status FROM resellers WHERE id = 3");
	assert_int_equal(storefront_by_slug(db, "bolt", sf), CORE_NOTFOUND);
	assert_int_equal(reseller_suspended_storefront(db, "bolt", 0, theme, skin, company), CORE_OK);
	assert_string_equal(company, "Bolt IT");
	assert_string_equal(theme, "classic");
	assert_int_equal(reseller_suspended_storefront(db, "zeta", 0, theme, skin, company), CORE_NOTFOUND);
	/* its operator: refused on the next keystroke, and at login */
	why[0] = '\0';
	assert_int_equal(operator_check(db, &b, why), CORE_FORBIDDEN);
	assert_non_null(strstr(why, "suspended"));
	assert_int_equal(operator_login(db, "bolt-admin", &b, why), CORE_FORBIDDEN);
	/* its API clients: refused (resellers.status is the one source of truth) */
	assert_int_equal(apiclient_verify(db, client, secret, &rid), CORE_NOTFOUND);
	/* another reseller's operator is not touched */
	login(db, "zeta-admin", &s);
	assert_int_equal(operator_check(db, &s, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'reseller.suspend' AND entity_id = 3"
	    " AND JSON_VALUE(after_json, '$.reason') = 'unpaid invoices' AND JSON_VALUE(before_json, '$.status') = 'active'"), 1);
	assert_int_equal(reseller_set_status(db, &a, 3, RESELLER_SUSPENDED, NULL, why), CORE_CONFLICT);

	assert_int_equal(reseller_set_status(db, &a, 3, RESELLER_ACTIVE, NULL, why), CORE_OK);
	assert_true(testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 3") > v1);
	assert_int_equal(storefront_by_slug(db, "bolt", sf), CORE_OK);
	assert_int_equal(reseller_suspended_storefront(db, "bolt", 0, theme, skin, company), CORE_NOTFOUND);
	login(db, "bolt-admin", &b);
	assert_int_equal(operator_check(db, &b, why), CORE_OK);
	assert_int_equal(apiclient_verify(db, client, secret, &rid), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'reseller.resume' AND entity_id = 3"), 1);
	free(sf);
	db_close(db);
}

static void
operators_add_and_disable(void **state)
{
	struct db *db = fresh();
	struct operator_list l;
	struct actor a, b, st, z, b2;
	char why[CORE_WHY] = "", *before;
	struct operator o;
	int64_t id = 0;

	(void)state;
	login(db, "admin", &a);
	login(db, "bolt-admin", &b);
	login(db, "zeta-admin", &z);
	before = snapshot();
	/* a reseller admin: only its own reseller's admins and staff */
	assert_int_equal(operator_add(db, &b, &(struct operator_new){ "boss", "Boss", "boss@x.example",
	    ROLE_DISTRIBUTOR_ADMIN, 0 }, NULL, why), CORE_FORBIDDEN);
	assert_non_null(strstr(why, "own reseller"));
	assert_int_equal(operator_add(db, &b, &(struct operator_new){ "spy", "Spy", "spy@x.example",
	    ROLE_RESELLER_STAFF, 4 }, NULL, why), CORE_FORBIDDEN);
	assert_int_equal(operator_add(db, &a, &(struct operator_new){ "Bad Login", "X", "x@x.example",
	    ROLE_SUPPORT, 0 }, NULL, why), CORE_INVALID);
	assert_int_equal(operator_add(db, &a, &(struct operator_new){ "x\";rm", "X", "x@x.example",
	    ROLE_SUPPORT, 0 }, NULL, why), CORE_INVALID);
	assert_int_equal(operator_add(db, &a, &(struct operator_new){ "nomail", "X", "nope",
	    ROLE_SUPPORT, 0 }, NULL, why), CORE_INVALID);
	assert_int_equal(operator_add(db, &a, &(struct operator_new){ "orphan", "X", "x@x.example",
	    ROLE_RESELLER_STAFF, 0 }, NULL, why), CORE_INVALID);
	assert_int_equal(operator_add(db, &a, &(struct operator_new){ "misplaced", "X", "x@x.example",
	    ROLE_SUPPORT, 3 }, NULL, why), CORE_INVALID);
	assert_int_equal(operator_add(db, &a, &(struct operator_new){ "foreign", "X", "x@x.example",
	    ROLE_RESELLER_ADMIN, 6 }, NULL, why), CORE_NOTFOUND);
	assert_int_equal(operator_add(db, &a, &(struct operator_new){ "bolt-admin", "X", "x@x.example",
	    ROLE_SUPPORT, 0 }, NULL, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "taken"));
	/* nobody disables themselves, nor the last admin */
	assert_int_equal(operator_disable(db, &b, "bolt-admin", NULL, why), CORE_FORBIDDEN);
	assert_non_null(strstr(why, "yourself"));
	assert_int_equal(operator_disable(db, &a, "bolt-admin", NULL, why), CORE_FORBIDDEN);
	assert_non_null(strstr(why, "last active"));
	assert_int_equal(operator_disable(db, &a, "admin", NULL, why), CORE_FORBIDDEN);
	assert_int_equal(operator_disable(db, &b, "zeta-admin", NULL, why), CORE_NOTFOUND);
	assert_int_equal(operator_disable(db, &a, "admin2", NULL, why), CORE_NOTFOUND);
	same(before);
	free(before);

	/* the distributor admin adds staff to Bolt; staff read and change nothing */
	assert_int_equal(operator_add(db, &a, &(struct operator_new){ "bolt-staff", "Bolt Staff", "st@bolt.example",
	    ROLE_RESELLER_STAFF, 3 }, &id, why), CORE_OK);
	assert_true(id > 0);
	login(db, "bolt-staff", &st);
	assert_int_equal(st.role, ROLE_RESELLER_STAFF);
	assert_int_equal(st.reseller_id, 3);
	assert_int_equal(actor_may(&st, ACT_CUSTOMER_READ), CORE_OK);
	assert_int_equal(actor_may(&st, ACT_TENANT_READ), CORE_OK);
	assert_int_equal(actor_may(&st, ACT_CUSTOMER_WRITE), CORE_FORBIDDEN);
	assert_int_equal(actor_may(&st, ACT_LISTING_WRITE), CORE_FORBIDDEN);
	assert_int_equal(actor_may(&st, ACT_STOREFRONT_WRITE), CORE_FORBIDDEN);
	assert_int_equal(operator_add(db, &st, &(struct operator_new){ "more", "More", "m@bolt.example",
	    ROLE_RESELLER_STAFF, 0 }, NULL, why), CORE_FORBIDDEN);
	assert_non_null(strstr(why, "read-only"));
	assert_int_equal(operator_list(db, &st, 0, 0, &l), CORE_OK);
	assert_int_equal(l.total, 2);	/* bolt-admin and bolt-staff */
	operator_list_free(&l);

	/* the reseller admin adds a colleague to its own reseller (reseller id from the actor) */
	assert_int_equal(operator_add(db, &b, &(struct operator_new){ "bolt-admin2", "Bolt Two", "two@bolt.example",
	    ROLE_RESELLER_ADMIN, 0 }, NULL, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT reseller_id FROM operators WHERE login = 'bolt-admin2'"), 3);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'operator.add'"
	    " AND actor_name = 'bolt-admin' AND reseller_id = 3 AND JSON_VALUE(after_json, '$.login') = 'bolt-admin2'"), 1);
	login(db, "bolt-admin2", &b2);
	/* now bolt-admin is not the last one: its colleague disables it, it is out on its next keystroke */
	assert_int_equal(operator_check(db, &b, why), CORE_OK);
	assert_int_equal(operator_disable(db, &b2, "bolt-admin", &o, why), CORE_OK);
	assert_string_equal(o.login, "bolt-admin");
	why[0] = '\0';
	assert_int_equal(operator_check(db, &b, why), CORE_FORBIDDEN);
	assert_non_null(strstr(why, "disabled"));
	assert_int_equal(operator_login(db, "bolt-admin", &b, why), CORE_NOTFOUND);
	assert_int_equal(operator_disable(db, &a, "bolt-admin", NULL, why), CORE_CONFLICT);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'operator.disable'"
	    " AND actor_name = 'bolt-admin2' AND JSON_VALUE(after_json, '$.active') = false"), 1);
	/* staff may be disabled by the distributor admin whatever the admin count */
	assert_int_equal(operator_disable(db, &a, "bolt-staff", NULL, why), CORE_OK);
	assert_int_equal(operator_check(db, &st, why), CORE_FORBIDDEN);
	(void)z;
	db_close(db);
}

static void
upgrade_sets_the_reseller_up(void **state)
{
	struct db *db = fresh();
	struct reseller_setup setup = { "acme-admin", "Ann Acme", "ann@acme.example", THEMES };
	struct reseller_setup taken = { "bolt-admin", "Ann Acme", "ann@acme.example", THEMES };
	struct actor a, n;
	char why[CORE_WHY] = "", *before, *secs;

	(void)state;
	login(db, "admin", &a);
	/* a login in use: nothing of the upgrade happens */
	before = snapshot();
	assert_int_equal(reseller_upgrade(db, &a, 1, EDITION_STANDARD, NULL, PUBLIC_URL, &taken, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "taken"));
	same(before);
	free(before);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM edition_changes"), 0);

	assert_int_equal(reseller_upgrade(db, &a, 1, EDITION_STANDARD, NULL, PUBLIC_URL, &setup, why), CORE_OK);
	testlib_str_is(DB, "standard", "SELECT edition FROM resellers WHERE id = 1");
	/* the first admin */
	login(db, "acme-admin", &n);
	assert_int_equal(n.role, ROLE_RESELLER_ADMIN);
	assert_int_equal(n.reseller_id, 1);
	testlib_str_is(DB, "Ann Acme|ann@acme.example", "SELECT CONCAT_WS('|', display_name, email) FROM operators"
	    " WHERE login = 'acme-admin'");
	/* the theme's starter homepage in the reseller's name */
	secs = testlib_str(DB, "SELECT sections FROM storefronts WHERE reseller_id = 1");
	assert_non_null(strstr(secs, "\"title\":\"Acme Cloud\""));
	assert_non_null(strstr(secs, "Recommended by Acme Cloud"));
	assert_null(strstr(secs, "{name}"));
	free(secs);
	assert_int_equal(testlib_int(DB, "SELECT JSON_LENGTH(sections) FROM storefronts WHERE reseller_id = 1"), 4);
	testlib_str_is(DB, "hero,featured_products,category_grid,text", "SELECT GROUP_CONCAT(j.t ORDER BY j.n)"
	    " FROM storefronts, JSON_TABLE(sections, '$[*]' COLUMNS (n FOR ORDINALITY, t VARCHAR(32) PATH '$.type')) j"
	    " WHERE reseller_id = 1");
	/* contact details from the record */
	testlib_str_is(DB, "acme@example.com|+31 20 555 0101|Damrak 1, Amsterdam", "SELECT CONCAT_WS('|', contact_email,"
	    " contact_phone, contact_address) FROM storefronts WHERE reseller_id = 1");
	/* featured, active products of its distributor at the recommended markup; its own listing kept */
	testlib_str_is(DB, "1:1:1500,2:0:4000", "SELECT GROUP_CONCAT(product_id, ':', listed, ':', markup_bp ORDER BY"
	    " product_id) FROM listings WHERE reseller_id = 1");
	/* the e-mail says what to do next */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE reseller_id = 1"
	    " AND JSON_VALUE(payload, '$.template') = 'reseller_edition_changed'"
	    " AND JSON_VALUE(payload, '$.data.admin_login') = 'acme-admin' AND JSON_VALUE(payload, '$.data.listed') = 1"
	    " AND JSON_VALUE(payload, '$.data.starter') = true"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'reseller.edition' AND entity_id = 1"
	    " AND JSON_VALUE(after_json, '$.admin_login') = 'acme-admin'"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'operator.add'"
	    " AND JSON_VALUE(after_json, '$.login') = 'acme-admin'"), 1);

	/* an admin on a downgrade: refused, nothing changes */
	before = snapshot();
	setup.admin_login = "another";
	assert_int_equal(reseller_upgrade(db, &a, 1, EDITION_BASIC, NULL, PUBLIC_URL, &setup, why), CORE_INVALID);
	same(before);
	free(before);
	/* a second upgrade keeps the storefront as the reseller made it: no starter content again */
	testlib_sql(DB, "UPDATE storefronts SET sections = '[]' WHERE reseller_id = 1");
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_PROFESSIONAL, NULL, PUBLIC_URL, why), CORE_OK);
	testlib_str_is(DB, "[]", "SELECT sections FROM storefronts WHERE reseller_id = 1");
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reseller_add_and_edit),
		cmocka_unit_test(suspend_and_resume),
		cmocka_unit_test(operators_add_and_disable),
		cmocka_unit_test(upgrade_sets_the_reseller_up),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
