/*
 * test_reseller.c - operators, resellers and editions against the real
 * MariaDB: slugify, operator login, the reseller list (search, filter,
 * sort, paging, customers and MRR against independent SQL), upgrades and
 * downgrades (storefront, edition change row, e-mail, audit, unique slug),
 * refusals that change nothing, tenant separation between distributors,
 * history and the edition report.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "operator.h"
#include "reseller.h"
#include "storefront.h"
#include "testlib.h"

#define DB "sr_reseller"
#define PUBLIC_URL "https://shop.example.com/"

/* Two distributors; resellers of all editions; operators of all roles. */
static const char *const fixture =
    "INSERT INTO distributors (id, name, slug, currency, email, storefront_base_domain) VALUES"
    " (1, 'Northwind Cloud Distribution', 'northwind', 'EUR', 'ops@northwind.example', NULL),"
    " (2, 'Southwind', 'southwind', 'EUR', 'ops@southwind.example', 'shops.southwind.example');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, status, currency, created_at) VALUES"
    " (1, 1, 'Acme Cloud', 'acme1@example.com', 'basic', 'active', 'EUR', '2024-01-01 10:00:00'),"
    " (2, 1, 'Acme Cloud', 'acme2@example.com', 'basic', 'active', 'EUR', '2024-02-01 10:00:00'),"
    " (3, 1, 'Bolt IT', 'bolt@example.com', 'standard', 'active', 'EUR', '2024-03-01 10:00:00'),"
    " (4, 1, 'Zeta Systems', 'zeta@example.com', 'professional', 'active', 'EUR', '2024-04-01 10:00:00'),"
    " (5, 1, 'Percent 100%% Ltd', 'pct@example.com', 'basic', 'suspended', 'EUR', '2024-05-01 10:00:00'),"
    " (6, 2, 'Foreign Reseller', 'foreign@example.com', 'basic', 'active', 'EUR', '2024-06-01 10:00:00'),"
    " (7, 1, 'Under_score', 'under@example.com', 'basic', 'active', 'EUR', '2024-07-01 10:00:00');"
    "INSERT INTO storefronts (reseller_id, slug, company_name) VALUES (3, 'bolt', 'Bolt IT'), (4, 'zeta', 'Zeta');"
    "INSERT INTO operators (id, login, display_name, role, distributor_id, reseller_id, active) VALUES"
    " (1, 'admin', 'Distributor Admin', 'distributor_admin', 1, NULL, 1),"
    " (2, 'support', 'Support', 'support', 1, NULL, 1),"
    " (3, 'bolt-admin', 'Bolt Admin', 'reseller_admin', 1, 3, 1),"
    " (4, 'acme-admin', 'Acme Admin', 'reseller_admin', 1, 1, 1),"
    " (5, 'gone', 'Gone', 'distributor_admin', 1, NULL, 0),"
    " (6, 'admin2', 'Southwind Admin', 'distributor_admin', 2, NULL, 1),"
    " (7, 'pct-admin', 'Pct Admin', 'reseller_admin', 1, 5, 1);";

/*
 * Customers, subscriptions and usage for MRR.  Expected by hand (customer.h's definition):
 * reseller 3: s1 3 x 1234 monthly = 3702; s2 annual 10001 -> (10001 + 6) DIV 12 = 833;
 * s3 annual 5 x 12345 = 61725 -> 5144; trial, cancelled add nothing; usage this month
 * 1001 @ 15% -> 1151, 333 @ 15% -> 383 (last month's 5000 not); total 11213, 3 customers.
 * reseller 4: 10 x 1100 = 11000 (suspended annual adds nothing), 1 customer.
 */
static const char *const money_fixture =
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost, currency) VALUES"
    " (1, 1, 'M365-BS', 'M365 Business Standard', 'm365-bs', 'Microsoft', 'license', 'monthly', 1000, 'EUR'),"
    " (2, 1, 'BACKUP-Y', 'Backup yearly', 'backup-y', 'Acronis', 'license', 'annual', 10000, 'EUR'),"
    " (3, 1, 'AZURE', 'Azure plan', 'azure', 'Microsoft', 'usage', 'monthly', 0, 'EUR');"
    "INSERT INTO customers (id, reseller_id, name, email, active) VALUES"
    " (1, 3, 'C one', 'c1@example.com', 1), (2, 3, 'C two', 'c2@example.com', 1),"
    " (3, 3, 'C three', 'c3@example.com', 0), (4, 4, 'C four', 'c4@example.com', 1);"
    "INSERT INTO subscriptions (id, reseller_id, customer_id, product_id, quantity, status, unit_price,"
    " unit_cost, markup_bp, billing_period, start_date, renewal_date, trial_ends_on) VALUES"
    " (1, 3, 1, 1, 3, 'active', 1234, 1000, 2340, 'monthly', '2024-01-01', '2030-01-01', NULL),"
    " (2, 3, 1, 2, 1, 'active', 10001, 10000, 1, 'annual', '2024-01-01', '2030-01-01', NULL),"
    " (3, 3, 2, 2, 5, 'active', 12345, 10000, 2345, 'annual', '2024-01-01', '2030-01-01', NULL),"
    " (4, 3, 2, 1, 2, 'trial', 1234, 1000, 2340, 'monthly', '2024-01-01', '2030-01-01', '2030-01-01'),"
    " (5, 3, 3, 1, 1, 'cancelled', 1234, 1000, 2340, 'monthly', '2024-01-01', '2030-01-01', NULL),"
    " (6, 3, 1, 3, 1, 'active', 0, 0, 1500, 'monthly', '2024-01-01', '2030-01-01', NULL),"
    " (7, 4, 4, 1, 10, 'active', 1100, 1000, 1000, 'monthly', '2024-01-01', '2030-01-01', NULL),"
    " (8, 4, 4, 2, 1, 'suspended', 11000, 10000, 1000, 'annual', '2024-01-01', '2030-01-01', NULL);"
    "SET @m = UTC_DATE() - INTERVAL (DAYOFMONTH(UTC_DATE()) - 1) DAY;"
    "INSERT INTO usage_records (reseller_id, customer_id, subscription_id, usage_date, service, meter,"
    " quantity, unit, cost, price) VALUES"
    " (3, 1, 6, @m, 'VM', 'D2s', 10, 'h', 1001, 1151),"
    " (3, 1, 6, @m, 'Storage', 'LRS', 5, 'GB', 333, 383),"
    " (3, 1, 6, @m - INTERVAL 1 DAY, 'VM', 'D2s', 50, 'h', 5000, 5750);";

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

/* counts of every table an edition change writes, to prove a refusal changed nothing */
static void
snapshot(char *out, size_t n)
{
	char *s = testlib_str(DB, "SELECT CONCAT_WS('/', (SELECT GROUP_CONCAT(id, edition ORDER BY id) FROM resellers),"
	    " (SELECT COUNT(*) FROM edition_changes), (SELECT COUNT(*) FROM outbox),"
	    " (SELECT COUNT(*) FROM audit_log), (SELECT GROUP_CONCAT(reseller_id, slug, version ORDER BY reseller_id)"
	    " FROM storefronts))");
	snprintf(out, n, "%s", s);
	free(s);
}

static void
slugify_table(void **state)
{
	static const struct { const char *in; size_t sz; const char *out; } cases[] = {
		{ "Acme Cloud", 64, "acme-cloud" },
		{ "  --Hello__World!! ", 64, "hello-world" },
		{ "Café Zoë & Söhne IT", 64, "cafe-zoe-sohne-it" },
		{ "Straße", 64, "strasse" },
		{ "ÆON × Ølstue", 64, "aeon-olstue" },
		{ "日本のIT会社", 64, "it" },
		{ "日本", 64, "" },
		{ "", 64, "" },
		{ "---", 64, "" },
		{ "a--b", 64, "a-b" },
		{ "ALLCAPS123", 64, "allcaps123" },
		{ "already-a-slug", 64, "already-a-slug" },
		{ "hello world", 5, "hell" },
		{ "ab cd", 4, "ab" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 100,
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
		{ "The Quick Brown Fox Jumps Over The Lazy Dog And Keeps Running Far Away", 100,
		  "the-quick-brown-fox-jumps-over-the-lazy-dog-and-keeps-running" },
	};
	char out[100];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = reseller_slugify(cases[i].in, out, cases[i].sz);
		if (strcmp(out, cases[i].out) != 0)
			fail_msg("slugify(\"%s\", %zu) = \"%s\", want \"%s\"", cases[i].in, cases[i].sz, out, cases[i].out);
		assert_int_equal(n, strlen(out));
		assert_true(n <= 63);
		assert_true(n == 0 || storefront_slug_valid(out) || storefront_slug_reserved(out));
	}
	assert_int_equal(reseller_slugify(NULL, out, sizeof(out)), 0);
}

static void
operator_login_and_list(void **state)
{
	struct db *db = fresh();
	struct operator_list l;
	struct actor a;
	char why[CORE_WHY] = "";

	(void)state;
	login(db, "admin", &a);
	assert_int_equal(a.kind, ACTOR_OPERATOR);
	assert_int_equal(a.role, ROLE_DISTRIBUTOR_ADMIN);
	assert_int_equal(a.id, 1);
	assert_int_equal(a.distributor_id, 1);
	assert_int_equal(a.reseller_id, 0);
	assert_string_equal(a.name, "admin");

	login(db, "bolt-admin", &a);
	assert_int_equal(a.role, ROLE_RESELLER_ADMIN);
	assert_int_equal(a.reseller_id, 3);

	assert_int_equal(operator_login(db, "nobody", &a, why), CORE_NOTFOUND);
	assert_int_equal(operator_login(db, "gone", &a, why), CORE_NOTFOUND);
	assert_true(why[0] != '\0');
	/* a reseller admin of a Basic (or suspended) reseller has no admin environment */
	why[0] = '\0';
	assert_int_equal(operator_login(db, "acme-admin", &a, why), CORE_FORBIDDEN);
	assert_non_null(strstr(why, "Basic"));
	assert_int_equal(operator_login(db, "pct-admin", &a, why), CORE_FORBIDDEN);

	login(db, "support", &a);
	assert_int_equal(operator_list(db, &a, 0, 0, &l), CORE_OK);
	assert_int_equal(l.total, 6);	/* distributor 1's operators, not admin2 */
	assert_int_equal(l.n, 6);
	assert_string_equal(l.items[0].login, "admin");
	operator_list_free(&l);
	assert_int_equal(operator_list(db, &a, 2, 1, &l), CORE_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.total, 6);
	operator_list_free(&l);

	/* a reseller admin sees its own reseller's operators only */
	login(db, "bolt-admin", &a);
	assert_int_equal(operator_list(db, &a, 10, 0, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.items[0].login, "bolt-admin");
	operator_list_free(&l);
	db_close(db);
}

static void
upgrade_creates_storefront_with_unique_slug(void **state)
{
	struct db *db = fresh();
	struct storefront *sf = malloc(sizeof(*sf));
	struct actor a;
	char why[CORE_WHY] = "", *s;

	(void)state;
	login(db, "admin", &a);
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, NULL, PUBLIC_URL, why), CORE_OK);
	assert_int_equal(reseller_set_edition(db, &a, 2, EDITION_PROFESSIONAL, NULL, PUBLIC_URL, why), CORE_OK);

	/* same name, unique slugs; editions stored */
	s = testlib_str(DB, "SELECT GROUP_CONCAT(r.id, ':', r.edition, ':', sf.slug, ':', sf.version, ':', sf.company_name"
	    " ORDER BY r.id) FROM resellers r JOIN storefronts sf ON sf.reseller_id = r.id WHERE r.id IN (1, 2)");
	assert_string_equal(s, "1:standard:acme-cloud:1:Acme Cloud,2:professional:acme-cloud-2:1:Acme Cloud");
	free(s);

	/* who and when */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM edition_changes WHERE reseller_id = 1"
	    " AND from_edition = 'basic' AND to_edition = 'standard' AND operator_id = 1"
	    " AND ABS(TIMESTAMPDIFF(SECOND, changed_at, UTC_TIMESTAMP())) < 60"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM edition_changes"), 2);

	/* the e-mail to the reseller with its storefront URL */
	s = testlib_str(DB, "SELECT CONCAT_WS('|', kind, status, JSON_VALUE(payload, '$.to'),"
	    " JSON_VALUE(payload, '$.template'), JSON_VALUE(payload, '$.data.storefront_url'),"
	    " JSON_VALUE(payload, '$.data.edition'), JSON_VALUE(payload, '$.data.reseller_name'))"
	    " FROM outbox WHERE reseller_id = 1");
	assert_string_equal(s, "email|pending|acme1@example.com|reseller_edition_changed|"
	    "https://shop.example.com/s/acme-cloud/|standard|Acme Cloud");
	free(s);
	s = testlib_str(DB, "SELECT JSON_VALUE(payload, '$.data.storefront_url') FROM outbox WHERE reseller_id = 2");
	assert_string_equal(s, "https://shop.example.com/s/acme-cloud-2/");
	free(s);

	/* the audit row */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'reseller.edition'"
	    " AND entity = 'reseller' AND entity_id = 1 AND reseller_id = 1 AND actor_kind = 'operator'"
	    " AND actor_id = 1 AND actor_name = 'admin' AND JSON_VALUE(before_json, '$.edition') = 'basic'"
	    " AND JSON_VALUE(after_json, '$.edition') = 'standard'"
	    " AND JSON_VALUE(after_json, '$.slug') = 'acme-cloud'"), 1);

	/* and it answers now */
	assert_int_equal(storefront_by_slug(db, "acme-cloud", sf), CORE_OK);
	assert_int_equal(sf->reseller_id, 1);
	assert_int_equal(sf->edition, EDITION_STANDARD);
	assert_string_equal(sf->distributor_name, "Northwind Cloud Distribution");
	free(sf);
	db_close(db);
}

static void
upgrade_with_given_slug_and_base_domain(void **state)
{
	struct db *db = fresh();
	struct actor a;
	char why[CORE_WHY] = "", before[4096], after[4096], *s;

	(void)state;
	login(db, "admin", &a);
	snapshot(before, sizeof(before));
	/* reserved, malformed, taken (live or as another reseller's redirect): refused, nothing changed */
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, "admin", PUBLIC_URL, why), CORE_INVALID);
	assert_true(why[0] != '\0');
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, "Bad Slug", PUBLIC_URL, why), CORE_INVALID);
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, "-acme", PUBLIC_URL, why), CORE_INVALID);
	why[0] = '\0';
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, "bolt", PUBLIC_URL, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "taken"));
	testlib_sql(DB, "INSERT INTO storefront_slug_redirects (old_slug, reseller_id) VALUES ('old-zeta', 4)");
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, "old-zeta", PUBLIC_URL, why), CORE_CONFLICT);
	testlib_sql(DB, "DELETE FROM storefront_slug_redirects");
	snapshot(after, sizeof(after));
	assert_string_equal(before, after);

	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, "acme", PUBLIC_URL, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM storefronts WHERE reseller_id = 1 AND slug = 'acme'"), 1);

	/* a distributor with a storefront base domain this deployment does not serve: the path address (storefront_url) */
	login(db, "admin2", &a);
	assert_int_equal(reseller_set_edition(db, &a, 6, EDITION_STANDARD, NULL, PUBLIC_URL, why), CORE_OK);
	s = testlib_str(DB, "SELECT JSON_VALUE(payload, '$.data.storefront_url') FROM outbox WHERE reseller_id = 6");
	assert_string_equal(s, "https://shop.example.com/s/foreign-reseller/");
	free(s);
	db_close(db);
}

static void
downgrade_keeps_storefront_offline(void **state)
{
	struct db *db = fresh();
	struct storefront *sf = malloc(sizeof(*sf));
	struct actor a;
	char why[CORE_WHY] = "", *s;
	int64_t v = 0;

	(void)state;
	login(db, "admin", &a);
	testlib_sql(DB, "UPDATE storefronts SET company_name = 'Bolt Branded', sections = '[{\"type\":\"text\"}]'"
	    " WHERE reseller_id = 3");
	assert_int_equal(storefront_by_slug(db, "bolt", sf), CORE_OK);

	assert_int_equal(reseller_set_edition(db, &a, 3, EDITION_BASIC, NULL, PUBLIC_URL, why), CORE_OK);
	/* the row and its data stay, version bumped; the storefront no longer answers */
	s = testlib_str(DB, "SELECT CONCAT_WS('|', r.edition, sf.slug, sf.company_name, sf.sections, sf.version)"
	    " FROM resellers r JOIN storefronts sf ON sf.reseller_id = r.id WHERE r.id = 3");
	assert_string_equal(s, "basic|bolt|Bolt Branded|[{\"type\":\"text\"}]|2");
	free(s);
	assert_int_equal(storefront_by_slug(db, "bolt", sf), CORE_NOTFOUND);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM edition_changes WHERE reseller_id = 3"
	    " AND from_edition = 'standard' AND to_edition = 'basic' AND operator_id = 1"), 1);
	s = testlib_str(DB, "SELECT CONCAT_WS('|', JSON_VALUE(payload, '$.to'), JSON_VALUE(payload, '$.data.edition'),"
	    " JSON_TYPE(JSON_EXTRACT(payload, '$.data.storefront_url')), JSON_VALUE(payload, '$.data.upgrade'))"
	    " FROM outbox WHERE reseller_id = 3");
	assert_string_equal(s, "bolt@example.com|basic|NULL|0");	/* JSON_VALUE of false */
	free(s);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'reseller.edition'"
	    " AND entity_id = 3 AND JSON_VALUE(after_json, '$.edition') = 'basic'"), 1);

	/* upgrading again brings the same storefront back, with the same slug */
	assert_int_equal(reseller_set_edition(db, &a, 3, EDITION_STANDARD, NULL, PUBLIC_URL, why), CORE_OK);
	assert_int_equal(storefront_by_slug(db, "bolt", sf), CORE_OK);
	assert_string_equal(sf->company_name, "Bolt Branded");
	assert_int_equal(storefront_version(db, 3, &v), CORE_OK);
	assert_int_equal(v, 3);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM storefronts"), 2);
	/* a different slug on re-upgrade is refused: renames belong to the storefront settings */
	assert_int_equal(reseller_set_edition(db, &a, 3, EDITION_PROFESSIONAL, "bolt-new", PUBLIC_URL, why), CORE_CONFLICT);
	assert_int_equal(testlib_int(DB, "SELECT edition = 'standard' FROM resellers WHERE id = 3"), 1);
	/* professional -> standard is a downgrade that keeps the storefront online */
	assert_int_equal(reseller_set_edition(db, &a, 4, EDITION_STANDARD, NULL, PUBLIC_URL, why), CORE_OK);
	assert_int_equal(storefront_by_slug(db, "zeta", sf), CORE_OK);
	s = testlib_str(DB, "SELECT JSON_VALUE(payload, '$.data.storefront_url') FROM outbox WHERE reseller_id = 4");
	assert_string_equal(s, "https://shop.example.com/s/zeta/");
	free(s);
	free(sf);
	db_close(db);
}

static void
refusals_change_nothing(void **state)
{
	struct db *db = fresh();
	struct actor a;
	struct reseller r;
	char why[CORE_WHY] = "", before[4096], after[4096];

	(void)state;
	snapshot(before, sizeof(before));
	login(db, "admin", &a);
	why[0] = '\0';
	assert_int_equal(reseller_set_edition(db, &a, 3, EDITION_STANDARD, NULL, PUBLIC_URL, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "already"));
	assert_int_equal(reseller_set_edition(db, &a, 1, (enum reseller_edition)7, NULL, PUBLIC_URL, why), CORE_INVALID);
	assert_int_equal(reseller_set_edition(db, &a, 999, EDITION_STANDARD, NULL, PUBLIC_URL, why), CORE_NOTFOUND);

	login(db, "bolt-admin", &a);
	why[0] = '\0';
	assert_int_equal(reseller_set_edition(db, &a, 3, EDITION_PROFESSIONAL, NULL, PUBLIC_URL, why), CORE_FORBIDDEN);
	assert_true(why[0] != '\0');
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, NULL, PUBLIC_URL, why), CORE_FORBIDDEN);
	assert_int_equal(reseller_get(db, &a, 3, &r), CORE_FORBIDDEN);

	login(db, "support", &a);
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, NULL, PUBLIC_URL, why), CORE_FORBIDDEN);
	assert_int_equal(reseller_get(db, &a, 1, &r), CORE_OK);	/* support reads */

	/* another distributor's admin neither sees nor changes distributor 1's resellers */
	login(db, "admin2", &a);
	assert_int_equal(reseller_get(db, &a, 1, &r), CORE_NOTFOUND);
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, NULL, PUBLIC_URL, why), CORE_NOTFOUND);
	snapshot(after, sizeof(after));
	assert_string_equal(before, after);
	db_close(db);
}

static void
list_search_filter_sort_paging(void **state)
{
	struct db *db = fresh();
	struct reseller_list l;
	struct reseller_query q = { NULL, -1, RESELLER_SORT_NAME, 0, 50, 0, 0 };
	struct actor a;
	char names[512];
	size_t i;

	(void)state;
	login(db, "admin", &a);
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.total, 6);	/* not Southwind's */
	assert_int_equal(l.n, 6);
	names[0] = '\0';
	for (i = 0; i < l.n; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%lld,", (long long)l.items[i].id);
	assert_string_equal(names, "1,2,3,5,7,4,");
	assert_string_equal(l.items[2].slug, "bolt");
	assert_int_equal(l.items[2].edition, EDITION_STANDARD);
	assert_int_equal(l.items[3].status, RESELLER_SUSPENDED);
	assert_string_equal(l.items[0].created_at, "2024-01-01 10:00:00");
	reseller_list_free(&l);

	/* search: substring of name or e-mail, case-insensitive, wildcards literal */
	q.search = "ACME";
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.total, 2);
	reseller_list_free(&l);
	q.search = "bolt@";
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, 3);
	reseller_list_free(&l);
	q.search = "%";
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, 5);
	reseller_list_free(&l);
	q.search = "_";
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, 7);
	reseller_list_free(&l);
	q.search = "Foreign";
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.total, 0);
	assert_int_equal(l.n, 0);
	reseller_list_free(&l);

	/* edition filter */
	q.search = NULL;
	q.edition = EDITION_BASIC;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.total, 4);
	reseller_list_free(&l);

	/* paging: total is all matches, the page is the window */
	q.edition = -1;
	q.limit = 2;
	q.offset = 2;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.total, 6);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[0].id, 3);
	assert_int_equal(l.items[1].id, 5);
	reseller_list_free(&l);
	q.offset = 6;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.total, 6);
	assert_int_equal(l.n, 0);
	reseller_list_free(&l);

	/* sorts */
	q.offset = 0;
	q.limit = 50;
	q.sort = RESELLER_SORT_NAME;
	q.desc = 1;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.items[0].id, 4);
	reseller_list_free(&l);
	q.sort = RESELLER_SORT_EDITION;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.items[0].id, 4);
	assert_int_equal(l.items[1].id, 3);
	reseller_list_free(&l);
	q.sort = RESELLER_SORT_CREATED;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.items[0].id, 7);
	reseller_list_free(&l);

	q.sort = (enum reseller_sort)99;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_INVALID);
	reseller_list_free(&l);

	login(db, "bolt-admin", &a);
	q.sort = RESELLER_SORT_NAME;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_FORBIDDEN);
	reseller_list_free(&l);
	db_close(db);
}

/* The MRR of a reseller by independent SQL: per customer, per subscription, per usage record. */
#define MRR_SQL(rid) \
	"SELECT COALESCE(SUM(x), 0) FROM (" \
	" SELECT IF(billing_period = 'monthly', quantity * unit_price, ROUND(quantity * unit_price / 12)) AS x" \
	"   FROM subscriptions WHERE reseller_id = " rid " AND status = 'active'" \
	" UNION ALL SELECT u.cost + ROUND(u.cost * s.markup_bp / 10000) FROM usage_records u" \
	"   JOIN subscriptions s ON s.id = u.subscription_id WHERE u.reseller_id = " rid \
	"   AND YEAR(u.usage_date) = YEAR(UTC_DATE()) AND MONTH(u.usage_date) = MONTH(UTC_DATE())) t"

static void
list_customers_and_mrr_match_independent_sql(void **state)
{
	struct db *db = fresh();
	struct reseller_list l;
	struct reseller_query q = { NULL, -1, RESELLER_SORT_MRR, 1, 50, 0, 0 };
	struct reseller r;
	struct actor a;
	size_t i;

	(void)state;
	testlib_sql(DB, "%s", money_fixture);
	testlib_rollup(DB);
	login(db, "admin", &a);
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.n, 6);
	/* by MRR, highest first: 3 (11213), 4 (11000), then the zeros by id descending */
	assert_int_equal(l.items[0].id, 3);
	assert_int_equal(l.items[0].mrr, 11213);
	assert_int_equal(l.items[0].customers, 3);
	assert_int_equal(l.items[1].id, 4);
	assert_int_equal(l.items[1].mrr, 11000);
	assert_int_equal(l.items[1].customers, 1);
	for (i = 0; i < l.n; i++) {
		char rid[24];
		char sqlbuf[2048];

		snprintf(rid, sizeof(rid), "%lld", (long long)l.items[i].id);
		snprintf(sqlbuf, sizeof(sqlbuf), "SELECT COUNT(*) FROM customers WHERE reseller_id = %s", rid);
		assert_int_equal(l.items[i].customers, testlib_int(DB, "%s", sqlbuf));
		(void)sqlbuf;
	}
	assert_int_equal(l.items[0].mrr, testlib_int(DB, MRR_SQL("3")));
	assert_int_equal(l.items[1].mrr, testlib_int(DB, MRR_SQL("4")));
	assert_int_equal(l.items[5].mrr, 0);
	reseller_list_free(&l);

	q.sort = RESELLER_SORT_CUSTOMERS;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.items[0].id, 3);
	assert_int_equal(l.items[1].id, 4);
	reseller_list_free(&l);
	q.desc = 0;
	q.limit = 1;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].customers, 0);
	reseller_list_free(&l);

	/* the same figures on a name-sorted page and from reseller_get */
	q.sort = RESELLER_SORT_NAME;
	q.limit = 50;
	assert_int_equal(reseller_list(db, &a, &q, &l), CORE_OK);
	assert_int_equal(l.items[2].id, 3);
	assert_int_equal(l.items[2].mrr, 11213);
	reseller_list_free(&l);
	assert_int_equal(reseller_get(db, &a, 3, &r), CORE_OK);
	assert_int_equal(r.mrr, 11213);
	assert_int_equal(r.customers, 3);
	assert_string_equal(r.name, "Bolt IT");
	db_close(db);
}

static void
history_and_report(void **state)
{
	struct db *db = fresh();
	struct edition_change_list h;
	struct reseller_list l;
	struct reseller r;
	struct actor a, s;
	char why[CORE_WHY];
	json_t *j;

	(void)state;
	login(db, "admin", &a);
	login(db, "support", &s);
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_STANDARD, NULL, PUBLIC_URL, why), CORE_OK);
	assert_int_equal(reseller_set_edition(db, &a, 1, EDITION_PROFESSIONAL, NULL, PUBLIC_URL, why), CORE_OK);
	/* a change made by the system has no operator */
	testlib_sql(DB, "INSERT INTO edition_changes (reseller_id, from_edition, to_edition, changed_at)"
	    " VALUES (7, 'standard', 'basic', '2023-01-01')");

	assert_int_equal(reseller_edition_history(db, &s, 1, &h), CORE_OK);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.total, 2);
	assert_int_equal(h.items[0].from, EDITION_STANDARD);
	assert_int_equal(h.items[0].to, EDITION_PROFESSIONAL);
	assert_string_equal(h.items[0].operator_login, "admin");
	assert_int_equal(h.items[0].operator_id, 1);
	assert_true(strlen(h.items[0].changed_at) >= 19);
	reseller_edition_history_free(&h);

	assert_int_equal(reseller_get(db, &s, 1, &r), CORE_OK);
	assert_string_equal(r.edition_changed_by, "admin");
	assert_int_equal(r.edition, EDITION_PROFESSIONAL);
	assert_true(r.edition_changed_at[0] != '\0');
	j = reseller_to_json(&r);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "edition")), "professional");
	json_decref(j);

	login(db, "admin2", &a);
	assert_int_equal(reseller_edition_history(db, &a, 1, &h), CORE_NOTFOUND);
	reseller_edition_history_free(&h);

	/* the report: highest edition first, then name, with the latest change */
	assert_int_equal(reseller_report(db, &s, -1, 0, 0, &l), CORE_OK);
	assert_int_equal(l.total, 6);
	assert_int_equal(l.items[0].id, 1);	/* professional: Acme Cloud, then Zeta */
	assert_string_equal(l.items[0].edition_changed_by, "admin");
	assert_string_equal(l.items[0].slug, "acme-cloud");
	assert_int_equal(l.items[1].id, 4);
	assert_string_equal(l.items[1].edition_changed_at, "");
	reseller_list_free(&l);
	assert_int_equal(reseller_report(db, &s, EDITION_BASIC, 2, 1, &l), CORE_OK);
	assert_int_equal(l.total, 3);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[1].id, 7);
	assert_string_equal(l.items[1].edition_changed_by, "");
	assert_true(strncmp(l.items[1].edition_changed_at, "2023-01-01", 10) == 0);
	reseller_list_free(&l);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slugify_table),
		cmocka_unit_test(operator_login_and_list),
		cmocka_unit_test(upgrade_creates_storefront_with_unique_slug),
		cmocka_unit_test(upgrade_with_given_slug_and_base_domain),
		cmocka_unit_test(downgrade_keeps_storefront_offline),
		cmocka_unit_test(refusals_change_nothing),
		cmocka_unit_test(list_search_filter_sort_paging),
		cmocka_unit_test(list_customers_and_mrr_match_independent_sql),
		cmocka_unit_test(history_and_report),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
