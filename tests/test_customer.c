/*
 * test_customer.c - customers of a reseller against the real MariaDB:
 * the figures (All Customers, Transacting, MRR) against an independent
 * SQL formulation of the definition in customer.h, on a fixture with
 * monthly, annual, usage, trial, suspended and cancelled subscriptions,
 * assets and inactive customers (and on the demo data when it exists);
 * list search/filters/paging; writes, audit and tenancy.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "country.h"
#include "customer.h"
#include "testlib.h"

#define DB "shelf_customer"
#define M0 "DATE_FORMAT(UTC_DATE(), '%Y-%m-01')"	/* first day of this month, for fixtures */

/*
 * Expected (reseller 1):
 *   1 Acme     monthly active 10 x 1200                          MRR 12000
 *   2 Bravo    annual active 3 x 11999 -> 2999.75 -> 3000,
 *              annual active 1 x 18 -> 1.5 -> 2                  MRR  3002
 *   3 Charlie  usage active, markup 15 %: this month 1000 -> 1150,
 *              333 -> 382.95 -> 383; last and next month ignored MRR  1533
 *   4 Delta    inactive, one asset                               MRR     0, transacting
 *   5 Echo     trial 5 x 1200, approval required                 MRR     0
 *   6 Foxtrot  cancelled sub with usage this month 200 at 10 %   MRR   220, transacting
 *   7 Golf     suspended 2 x 1200                                MRR     0
 *   8 Hotel    inactive, nothing                                 MRR     0
 *   all 8, transacting 5 (1, 2, 3, 4, 6), MRR 16755
 */
static const char fixture_sql[] =
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES"
    " (1, 'Northwind', 'nw', 'EUR', 'ops@nw.example'), (2, 'Other', 'other', 'EUR', 'ops@o.example');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, currency) VALUES"
    " (1, 1, 'Alpha IT', 'a@alpha.example', 'standard', 'EUR'), (2, 1, 'Beta IT', 'b@beta.example', 'standard', 'EUR'),"
    " (3, 2, 'Gamma IT', 'g@gamma.example', 'standard', 'EUR');"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,"
    " currency) VALUES"
    " (1, 1, 'LIC-M', 'Licence monthly', 'lic-m', 'Microsoft', 'license', 'monthly', 1000, 'EUR'),"
    " (2, 1, 'LIC-A', 'Licence annual', 'lic-a', 'Microsoft', 'license', 'annual', 10000, 'EUR'),"
    " (3, 1, 'AZ', 'Azure plan', 'azure', 'Microsoft', 'usage', 'monthly', 0, 'EUR'),"
    " (4, 1, 'SW', 'Software', 'sw', 'Contoso', 'software', 'one_time', 5000, 'EUR');"
    "INSERT INTO customers (id, reseller_id, name, email, active, approval_required, created_at) VALUES"
    " (1, 1, 'Acme GmbH', 'it@acme.example', 1, 0, '2024-01-01 10:00:00'),"
    " (2, 1, 'Bravo Ltd', 'admin@bravo.example', 1, 0, '2024-01-02 10:00:00'),"
    " (3, 1, 'Charlie SA', 'ops@charlie.example', 1, 0, '2024-01-03 10:00:00'),"
    " (4, 1, 'Delta BV', 'info@delta.example', 0, 0, '2024-01-04 10:00:00'),"
    " (5, 1, 'Echo 100% Oy', 'x@echo.example', 1, 1, '2024-01-05 10:00:00'),"
    " (6, 1, 'Foxtrot AB', 'f@foxtrot.example', 1, 0, '2024-01-06 10:00:00'),"
    " (7, 1, 'Golf SRL', 'g@golf.example', 1, 0, '2024-01-07 10:00:00'),"
    " (8, 1, 'Hotel KG', 'h@hotel.example', 0, 0, '2024-01-08 10:00:00'),"
    " (9, 2, 'Beta customer', 'c@beta-customer.example', 1, 0, '2024-01-09 10:00:00'),"
    " (10, 3, 'Gamma customer', 'c@gamma-customer.example', 1, 0, '2024-01-10 10:00:00');"
    "INSERT INTO subscriptions (id, reseller_id, customer_id, product_id, quantity, status, unit_price, unit_cost,"
    " markup_bp, billing_period, start_date, renewal_date, trial_ends_on) VALUES"
    " (1, 1, 1, 1, 10, 'active', 1200, 1000, 2000, 'monthly', '2024-01-01', '2030-01-01', NULL),"
    " (2, 1, 2, 2, 3, 'active', 11999, 10000, 1999, 'annual', '2024-01-01', '2030-01-01', NULL),"
    " (3, 1, 2, 2, 1, 'active', 18, 15, 2000, 'annual', '2024-01-01', '2030-01-01', NULL),"
    " (4, 1, 3, 3, 1, 'active', 0, 0, 1500, 'monthly', '2024-01-01', '2030-01-01', NULL),"
    " (5, 1, 5, 1, 5, 'trial', 1200, 1000, 2000, 'monthly', '2024-01-01', '2030-01-01', '2030-01-01'),"
    " (6, 1, 6, 3, 1, 'cancelled', 0, 0, 1000, 'monthly', '2024-01-01', '2030-01-01', NULL),"
    " (7, 1, 7, 1, 2, 'suspended', 1200, 1000, 2000, 'monthly', '2024-01-01', '2030-01-01', NULL),"
    " (8, 2, 9, 1, 100, 'active', 5000, 1000, 40000, 'monthly', '2024-01-01', '2030-01-01', NULL);"
    "INSERT INTO assets (reseller_id, customer_id, product_id, quantity, unit_price, unit_cost) VALUES"
    " (1, 4, 4, 1, 6000, 5000);"
    "INSERT INTO usage_records (reseller_id, customer_id, subscription_id, usage_date, service, meter, quantity,"
    " unit, cost, price) VALUES"
    " (1, 3, 4, " M0 ", 'VM', 'D2s', 10, 'h', 1000, 0),"
    " (1, 3, 4, " M0 ", 'VM', 'D4s', 3, 'h', 333, 0),"
    " (1, 3, 4, " M0 " - INTERVAL 1 DAY, 'VM', 'D2s', 50, 'h', 5000, 0),"
    " (1, 3, 4, " M0 " + INTERVAL 1 MONTH, 'VM', 'D2s', 50, 'h', 7000, 0),"
    " (1, 6, 6, " M0 ", 'Storage', 'LRS', 1, 'GB', 200, 0);";

/*
 * Transacting as customer.h defines it, written again differently: the
 * usage customer from usage_records, the MRR of testlib's own statement.
 */
static int64_t
ind_transacting(const char *db, int64_t rid)
{
	return testlib_int(db, "SELECT COUNT(*) FROM (SELECT customer_id FROM subscriptions WHERE reseller_id = %lld"
	    " AND status = 'active' UNION SELECT customer_id FROM assets WHERE reseller_id = %lld"
	    " UNION SELECT c.id FROM customers c WHERE c.reseller_id = %lld AND"
	    " " TESTLIB_MRR_USAGE("u.customer_id = c.id") " > 0) t", (long long)rid, (long long)rid, (long long)rid);
}

static struct db *
fixture(void)
{
	return testlib_fixture(DB, fixture_sql);
}

static struct actor
actor_of(enum actor_role role, int64_t distributor_id, int64_t reseller_id, int64_t customer_id)
{
	return testlib_actor(role, 3, distributor_id, reseller_id, customer_id, "%s", actor_role_name(role));
}

static void
stats_match_the_definition(void **state)
{
	struct db *db = fixture();
	struct actor a = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0);
	struct actor s = actor_of(ROLE_SUPPORT, 1, 0, 0);
	struct actor d = actor_of(ROLE_DISTRIBUTOR_ADMIN, 1, 0, 0);
	struct actor o = actor_of(ROLE_CUSTOMER_OWNER, 1, 1, 1);
	int64_t all, tr, mrr;

	(void)state;
	assert_int_equal(customer_stats(db, &a, 0, &all, &tr, &mrr), CORE_OK);
	assert_int_equal(all, 8);
	assert_int_equal(tr, 5);
	assert_int_equal(mrr, 16755);
	assert_int_equal(all, testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 1"));
	assert_int_equal(tr, ind_transacting(DB, 1));
	assert_int_equal(mrr, testlib_mrr_reseller(DB, 1));
	/* the reseller_id parameter means nothing to a reseller admin */
	assert_int_equal(customer_stats(db, &a, 2, &all, &tr, &mrr), CORE_OK);
	assert_int_equal(mrr, 16755);
	/* support and the distributor name the reseller, within their distributor */
	assert_int_equal(customer_stats(db, &s, 2, &all, &tr, &mrr), CORE_OK);
	assert_int_equal(all, 1);
	assert_int_equal(mrr, testlib_mrr_reseller(DB, 2));
	assert_int_equal(mrr, 100 * 5000);
	assert_int_equal(customer_stats(db, &d, 1, &all, &tr, &mrr), CORE_OK);
	assert_int_equal(mrr, 16755);
	assert_int_equal(customer_stats(db, &s, 3, &all, &tr, &mrr), CORE_NOTFOUND);
	assert_int_equal(customer_stats(db, &s, 0, &all, &tr, &mrr), CORE_NOTFOUND);
	assert_int_equal(customer_stats(db, &o, 1, &all, &tr, &mrr), CORE_FORBIDDEN);
	db_close(db);
}

static void
list_search_filters_paging(void **state)
{
	/* what a search finds: its total and the first id (0: none) */
	static const struct {
		const char *search;
		int64_t total, first;
	} finds[] = {
		{ "ACME", 1, 1 }, { "bravo.example", 1, 2 },
		{ "0%", 1, 5 },		/* literal, not a wildcard */
		{ "customer", 0, 0 },	/* other tenants' customers never appear */
	};
	struct db *db = fixture();
	struct actor a = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0);
	struct customer_query q = { 0 };
	struct customer_list l;
	struct customer c;
	size_t i;

	(void)state;
	assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_OK);
	assert_int_equal(l.total, 8);
	assert_int_equal(l.n, 8);
	assert_string_equal(l.items[0].name, "Acme GmbH");
	for (i = 0; i < l.n; i++) {
		assert_int_equal(l.items[i].reseller_id, 1);
		assert_int_equal(l.items[i].mrr, testlib_mrr_customer(DB, l.items[i].id));
		assert_int_equal(l.items[i].subscriptions, testlib_int(DB, "SELECT COUNT(*) FROM subscriptions"
		    " WHERE customer_id = %lld AND status = 'active'", (long long)l.items[i].id));
	}
	assert_int_equal(l.items[1].mrr, 3002);
	assert_int_equal(l.items[1].subscriptions, 2);
	assert_int_equal(l.items[2].mrr, 1533);
	assert_int_equal(l.items[5].mrr, 220);
	assert_int_equal(l.items[5].subscriptions, 0);
	customer_list_free(&l);

	for (i = 0; i < TESTLIB_LEN(finds); i++) {
		q.search = finds[i].search;
		assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_OK);
		assert_int_equal(l.total, finds[i].total);
		assert_int_equal(l.n, finds[i].total);
		if (finds[i].first != 0)
			assert_int_equal(l.items[0].id, finds[i].first);
		customer_list_free(&l);
	}

	q.search = NULL;
	q.status = CUSTOMER_ACTIVE;
	assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_OK);
	assert_int_equal(l.total, 6);
	customer_list_free(&l);
	q.status = CUSTOMER_INACTIVE;
	assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_OK);
	assert_int_equal(l.total, 2);
	assert_int_equal(l.items[0].id, 4);
	assert_int_equal(l.items[1].id, 8);
	customer_list_free(&l);
	q.status = CUSTOMER_ALL;
	q.transacting_only = 1;
	assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_OK);
	assert_int_equal(l.total, ind_transacting(DB, 1));
	assert_int_equal(l.items[4].id, 6);
	customer_list_free(&l);
	q.transacting_only = 0;
	q.approval_only = 1;
	assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, 5);
	assert_true(l.items[0].approval_required);
	customer_list_free(&l);

	q.approval_only = 0;
	q.limit = 3;
	q.offset = 3;
	assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_OK);
	assert_int_equal(l.total, 8);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[0].name, "Delta BV");
	assert_string_equal(l.items[2].name, "Foxtrot AB");
	customer_list_free(&l);
	q.offset = 8;
	assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_OK);
	assert_int_equal(l.total, 8);
	assert_int_equal(l.n, 0);
	customer_list_free(&l);
	q.offset = 0;
	q.limit = 2;
	q.sort = CUSTOMER_SORT_NEWEST;
	assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_OK);
	assert_int_equal(l.items[0].id, 8);
	assert_int_equal(l.items[1].id, 7);
	customer_list_free(&l);
	q.sort = CUSTOMER_SORT_EMAIL;
	assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_OK);
	assert_string_equal(l.items[0].email, "admin@bravo.example");
	customer_list_free(&l);
	q.sort = (enum customer_sort)7;
	assert_int_equal(customer_list(db, &a, 0, &q, &l), CORE_INVALID);

	assert_int_equal(customer_get(db, &a, 0, 3, &c), CORE_OK);
	assert_string_equal(c.email, "ops@charlie.example");
	assert_int_equal(c.mrr, 1533);
	assert_int_equal(c.subscriptions, 1);
	assert_string_equal(c.created_at, "2024-01-03 10:00:00");
	assert_int_equal(customer_get(db, &a, 2, 9, &c), CORE_NOTFOUND);	/* B's customer */
	assert_int_equal(customer_get(db, &a, 0, 10, &c), CORE_NOTFOUND);
	db_close(db);
}

/* The country table: every assigned code, and the type-ahead's order. */
static void
country_table_and_search(void **state)
{
	const struct country *c[8];
	size_t i;

	(void)state;
	assert_int_equal(country_count(), 249);
	for (i = 1; i < country_count(); i++)		/* sorted, for country_by_code */
		assert_true(strcmp(country_at(i - 1)->code, country_at(i)->code) < 0);
	assert_string_equal(country_by_code("NL")->name, "Netherlands");
	assert_true(country_valid("GB") && country_valid("AX") && country_valid("ZW"));
	assert_false(country_valid("UK") || country_valid("XX") || country_valid("nl") || country_valid("NLD") ||
	    country_valid("") || country_valid(NULL));
	assert_int_equal(country_search("Net", c, 8), 1);
	assert_string_equal(c[0]->code, "NL");
	assert_true(country_search("nl", c, 8) >= 1);
	assert_string_equal(c[0]->code, "NL");		/* the code first */
	assert_true(country_search("Netherlands", c, 8) >= 1);
	assert_string_equal(c[0]->code, "NL");
	assert_true(country_search("korea", c, 8) >= 2);	/* North and South: a later word */
	assert_true(country_search("cote", c, 8) >= 1);	/* accents ignored */
	assert_string_equal(c[0]->code, "CI");
	assert_true(country_search(" de ", c, 8) >= 1);
	assert_string_equal(c[0]->code, "DE");
	assert_int_equal(country_search("", c, 8), 0);
	assert_int_equal(country_search("Atlantis", c, 8), 0);
}

static void
writes_are_validated_and_audited(void **state)
{
	struct db *db = fixture();
	struct actor a = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0);
	struct customer_input in = { .name = "India Inc", .email = "boss@india.example", .country = "IN",
	    .phone = "+91 1234", .approval_required = 1 };
	char why[CORE_WHY], long_name[260];
	int64_t id = 0;
	const char *bad_emails[] = { "", "foo", "a@b", "a b@c.example", "a@@c.example", "@c.example", "a@.example",
	    "a@c.", "a@c..example" };
	size_t i;

	(void)state;
	assert_int_equal(customer_add(db, &a, &in, &id, why), CORE_OK);
	assert_true(id > 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE id = %lld AND reseller_id = 1 AND active = 1"
	    " AND approval_required = 1 AND country = 'IN' AND tax_id IS NULL", (long long)id), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.add' AND entity = 'customer'"
	    " AND entity_id = %lld AND reseller_id = 1 AND actor_name = 'reseller_admin'", (long long)id), 1);

	for (i = 0; i < sizeof(bad_emails) / sizeof(bad_emails[0]); i++) {
		in.email = bad_emails[i];
		why[0] = '\0';
		assert_int_equal(customer_add(db, &a, &in, NULL, why), CORE_INVALID);
		assert_string_equal(why, "The e-mail address must look like name@example.com.");
	}
	in.email = "ok@india.example";
	memset(long_name, 'x', 201);
	long_name[201] = '\0';
	in.name = long_name;
	assert_int_equal(customer_add(db, &a, &in, NULL, why), CORE_INVALID);
	long_name[200] = '\0';
	in.name = "";
	assert_int_equal(customer_add(db, &a, &in, NULL, why), CORE_INVALID);
	in.name = "India";
	in.country = "india";
	assert_int_equal(customer_add(db, &a, &in, NULL, why), CORE_INVALID);
	in.country = "XX";				/* two capitals, but no country */
	assert_int_equal(customer_add(db, &a, &in, NULL, why), CORE_INVALID);
	in.country = "UK";				/* GB is the code */
	assert_int_equal(customer_add(db, &a, &in, NULL, why), CORE_INVALID);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 1"), 9);
	in.name = long_name;	/* exactly 200 */
	in.country = NULL;
	assert_int_equal(customer_add(db, &a, &in, NULL, why), CORE_OK);

	/* update, approval and active toggles: audited with before and after */
	in.name = "Acme Group GmbH";
	in.email = "it@acme-group.example";
	assert_int_equal(customer_update(db, &a, 1, &in, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE id = 1 AND name = 'Acme Group GmbH'"
	    " AND email = 'it@acme-group.example' AND approval_required = 0"), 1);
	assert_int_equal(testlib_int(DB, "SELECT JSON_UNQUOTE(JSON_EXTRACT(before_json, '$.name')) = 'Acme GmbH'"
	    " FROM audit_log WHERE action = 'customer.update' AND entity_id = 1"), 1);
	assert_int_equal(customer_set_approval(db, &a, 1, 1, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT approval_required FROM customers WHERE id = 1"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.approval'"
	    " AND entity_id = 1 AND JSON_EXTRACT(before_json, '$.approval_required') = 'false'"
	    " AND JSON_EXTRACT(after_json, '$.approval_required') = 'true'"), 1);
	assert_int_equal(customer_set_approval(db, &a, 1, 0, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT approval_required FROM customers WHERE id = 1"), 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.approval'"), 2);
	assert_int_equal(customer_set_active(db, &a, 2, 0, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT active FROM customers WHERE id = 2"), 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.active'"
	    " AND entity_id = 2 AND JSON_EXTRACT(after_json, '$.active') = 'false'"), 1);
	assert_int_equal(customer_set_active(db, &a, 2, 5, why), CORE_INVALID);
	assert_int_equal(customer_set_active(db, &a, 999, 1, why), CORE_NOTFOUND);
	assert_true(why[0] != '\0');
	db_close(db);
}

static void
writes_are_confined_to_the_tenant(void **state)
{
	struct db *db = fixture();
	struct actor b = actor_of(ROLE_RESELLER_ADMIN, 1, 2, 0);
	struct actor others[] = {
		actor_of(ROLE_SUPPORT, 1, 0, 0),
		actor_of(ROLE_DISTRIBUTOR_ADMIN, 1, 0, 0),
		actor_of(ROLE_CUSTOMER_OWNER, 1, 1, 1),
		actor_of(ROLE_SYSTEM, 1, 0, 0),
	};
	struct customer_input in = { .name = "Hijack", .email = "h@hijack.example" };
	char why[CORE_WHY], *before;
	struct customer_list l;
	size_t i;

	(void)state;
	before = testlib_str(DB, "SELECT GROUP_CONCAT(CONCAT_WS(':', id, name, email, active, approval_required)"
	    " ORDER BY id) FROM customers");
	/* B's admin names A's customers: not found, nothing changes */
	assert_int_equal(customer_update(db, &b, 1, &in, why), CORE_NOTFOUND);
	assert_int_equal(customer_set_approval(db, &b, 1, 1, why), CORE_NOTFOUND);
	assert_int_equal(customer_set_active(db, &b, 1, 0, why), CORE_NOTFOUND);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		assert_int_equal(customer_add(db, &others[i], &in, NULL, why), CORE_FORBIDDEN);
		assert_int_equal(customer_update(db, &others[i], 1, &in, why), CORE_FORBIDDEN);
		assert_int_equal(customer_set_approval(db, &others[i], 1, 1, why), CORE_FORBIDDEN);
		assert_int_equal(customer_set_active(db, &others[i], 1, 0, why), CORE_FORBIDDEN);
	}
	{
		char *after = testlib_str(DB, "SELECT GROUP_CONCAT(CONCAT_WS(':', id, name, email, active,"
		    " approval_required) ORDER BY id) FROM customers");
		assert_string_equal(after, before);
		free(after);
	}
	free(before);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log"), 0);
	/* support reads a reseller of its distributor, not another's */
	assert_int_equal(customer_list(db, &others[0], 1, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 8);
	customer_list_free(&l);
	assert_int_equal(customer_list(db, &others[0], 3, NULL, &l), CORE_NOTFOUND);
	assert_int_equal(customer_list(db, &others[2], 1, NULL, &l), CORE_FORBIDDEN);
	db_close(db);
}

/* check_refuse - a customer_patch precondition that fails after the row is locked (counts its calls). */
static enum core_err
check_refuse(struct db *db, int64_t id, void *arg)
{
	(void)db;
	(void)id;
	(*(int *)arg)++;
	return CORE_CONFLICT;
}

/*
 * customer_patch: every member given changes in one transaction or none
 * does -- a bad merged value or a failed precondition leaves the row and
 * the audit log as they were; the changes that happen are audited one
 * row per kind; another tenant and other roles are refused.
 */
static void
patch_is_all_or_nothing(void **state)
{
	struct db *db = fixture();
	struct actor a = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0), b = actor_of(ROLE_RESELLER_ADMIN, 1, 2, 0),
	    support = actor_of(ROLE_SUPPORT, 1, 0, 0);
	struct customer_patch p;
	char why[CORE_WHY], *row0, *row;
	int calls = 0;

	(void)state;
#define ROW "SELECT CONCAT_WS('|', name, email, COALESCE(phone, '-'), COALESCE(country, '-'), active," \
	" approval_required) FROM customers WHERE id = 1"
	row0 = testlib_str(DB, ROW);
	/* a valid phone with a name core refuses: nothing */
	memset(&p, 0, sizeof(p));
	p.set = CUSTOMER_P_PHONE | CUSTOMER_P_NAME | CUSTOMER_P_ACTIVE | CUSTOMER_P_APPROVAL;
	p.in.phone = "+49 30 1234";
	p.in.name = " Leading";
	p.in.approval_required = 1;
	p.active = 0;
	assert_int_equal(customer_patch(db, &a, 1, &p, why), CORE_INVALID);
	assert_non_null(strstr(why, "name"));
	assert_string_equal((row = testlib_str(DB, ROW)), row0);
	free(row);
	/* a precondition that fails once the row is locked: nothing */
	p.in.name = "Acme Holding GmbH";
	p.check = check_refuse;
	p.check_arg = &calls;
	assert_int_equal(customer_patch(db, &a, 1, &p, why), CORE_CONFLICT);
	assert_int_equal(calls, 1);
	assert_string_equal((row = testlib_str(DB, ROW)), row0);
	free(row);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log"), 0);
	/* another tenant, another role: refused, nothing */
	p.check = NULL;
	assert_int_equal(customer_patch(db, &b, 1, &p, why), CORE_NOTFOUND);
	assert_int_equal(customer_patch(db, &support, 1, &p, why), CORE_FORBIDDEN);
	assert_string_equal((row = testlib_str(DB, ROW)), row0);
	free(row);
	/* all at once; the members not given keep their values */
	assert_int_equal(customer_patch(db, &a, 1, &p, why), CORE_OK);
	assert_string_equal((row = testlib_str(DB, ROW)), "Acme Holding GmbH|it@acme.example|+49 30 1234|-|0|1");
	free(row);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 1 AND action IN"
	    " ('customer.update', 'customer.approval', 'customer.active')"), 3);
	/* null clears an optional detail; a flag already so is no change (no audit) */
	memset(&p, 0, sizeof(p));
	p.set = CUSTOMER_P_PHONE | CUSTOMER_P_ACTIVE;
	p.in.phone = NULL;
	p.active = 0;
	assert_int_equal(customer_patch(db, &a, 1, &p, why), CORE_OK);
	assert_string_equal((row = testlib_str(DB, ROW)), "Acme Holding GmbH|it@acme.example|-|-|0|1");
	free(row);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 1"), 4);
	/* nothing given: nothing happens */
	memset(&p, 0, sizeof(p));
	assert_int_equal(customer_patch(db, &a, 1, &p, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 1"), 4);
#undef ROW
	free(row0);
	db_close(db);
}

static void
stats_on_demo_data(void **state)
{
	struct config cfg;
	char path[600];
	struct db *db;
	int64_t rid, all, tr, mrr;
	struct actor s;

	(void)state;
	testlib_config(&cfg, "shelf_customer_demo");
	snprintf(path, sizeof(path), "%s/seed/demo.sql", cfg.sql_dir);
	if (access(path, R_OK) != 0)
		skip();
	db = testlib_fresh("shelf_customer_demo", TESTLIB_MIGRATE | TESTLIB_DEMO);
	rid = testlib_int("shelf_customer_demo", "SELECT COALESCE(MAX(reseller_id), 0) FROM storefronts WHERE slug = 'demo'");
	if (rid == 0)
		skip();
	s = actor_of(ROLE_SUPPORT, testlib_int("shelf_customer_demo", "SELECT distributor_id FROM resellers WHERE id = %lld",
	    (long long)rid), 0, 0);
	assert_int_equal(customer_stats(db, &s, rid, &all, &tr, &mrr), CORE_OK);
	assert_int_equal(all, testlib_int("shelf_customer_demo", "SELECT COUNT(*) FROM customers WHERE reseller_id = %lld",
	    (long long)rid));
	assert_int_equal(tr, ind_transacting("shelf_customer_demo", rid));
	assert_int_equal(mrr, testlib_mrr_reseller("shelf_customer_demo", rid));
	print_message("demo reseller %lld: %lld customers, %lld transacting, MRR %lld\n", (long long)rid,
	    (long long)all, (long long)tr, (long long)mrr);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stats_match_the_definition),
		cmocka_unit_test(list_search_filters_paging),
		cmocka_unit_test(country_table_and_search),
		cmocka_unit_test(writes_are_validated_and_audited),
		cmocka_unit_test(writes_are_confined_to_the_tenant),
		cmocka_unit_test(patch_is_all_or_nothing),
		cmocka_unit_test(stats_on_demo_data),
	};

	return testlib_result(cmocka_run_group_tests_name("customer", tests, NULL, NULL));
}
