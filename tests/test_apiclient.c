/*
 * test_apiclient.c - Marketplace API credentials against the real
 * MariaDB: the secret is shown once and stored only as its SHA-256
 * (checked with the server's SHA2()), verify accepts the right secret and
 * refuses a wrong one, an unknown or malformed id, a revoked credential
 * and a Basic-edition reseller; listing, audit, and confinement to the
 * reseller's own admins.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "apiclient.h"
#include "testlib.h"

#define DB "shelf_apiclient"

static const char fixture_sql[] =
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES (1, 'Northwind', 'nw', 'EUR', 'ops@nw.example');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, currency) VALUES"
    " (1, 1, 'Alpha IT', 'a@alpha.example', 'standard', 'EUR'), (2, 1, 'Beta IT', 'b@beta.example', 'professional', 'EUR');"
    "INSERT INTO operators (id, login, display_name, role, distributor_id, reseller_id) VALUES"
    " (1, 'alpha-admin', 'Alpha Admin', 'reseller_admin', 1, 1), (2, 'beta-admin', 'Beta Admin', 'reseller_admin', 1, 2),"
    " (3, 'help', 'Help', 'support', 1, NULL), (4, 'dist', 'Dist', 'distributor_admin', 1, NULL);";

static struct actor ra1, ra2, support, da, owner;

static struct db *
fresh(void)
{
	struct db *db = testlib_fixture(DB, fixture_sql);

	ra1 = testlib_actor(ROLE_RESELLER_ADMIN, 1, 1, 1, 0, "alpha-admin");
	ra2 = testlib_actor(ROLE_RESELLER_ADMIN, 2, 1, 2, 0, "beta-admin");
	support = testlib_actor(ROLE_SUPPORT, 3, 1, 0, 0, "help");
	da = testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 4, 1, 0, 0, "dist");
	owner = testlib_actor(ROLE_CUSTOMER_OWNER, 9, 1, 1, 1, "o@acme.example");
	return db;
}

static int
is_hex(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

static void
secret_shown_once_stored_hashed(void **state)
{
	struct db *db = fresh();
	char cid[APICLIENT_ID_SZ], secret[APICLIENT_SECRET_SZ], cid2[APICLIENT_ID_SZ], secret2[APICLIENT_SECRET_SZ];
	char why[CORE_WHY];
	int64_t id, id2, rid = -1;

	(void)state;
	assert_int_equal(apiclient_create(db, &ra1, "Back office", cid, secret, &id, why), CORE_OK);
	assert_true(id > 0);
	assert_memory_equal(cid, "shelf_", 6);
	assert_true(is_hex(cid + 6, 16));
	assert_true(is_hex(secret, 64));
	assert_int_equal(apiclient_create(db, &ra1, "Second", cid2, secret2, &id2, why), CORE_OK);
	assert_string_not_equal(cid, cid2);
	assert_string_not_equal(secret, secret2);

	/* only the SHA-256 is stored, and neither the secret nor its hash reaches the audit log */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM api_clients WHERE id = %lld AND reseller_id = 1"
	    " AND client_id = '%s' AND secret_hash = CONCAT('sha256:', SHA2('%s', 256))"
	    " AND created_by_operator_id = 1 AND revoked_at IS NULL", (long long)id, cid, secret), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM api_clients WHERE secret_hash LIKE '%%%s%%'", secret), 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'api_client.create'"
	    " AND actor_id = 1 AND reseller_id = 1 AND JSON_VALUE(after_json, '$.client_id') = '%s'", cid), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%%%.20s%%'"
	    " OR after_json LIKE '%%sha256%%'", secret), 0);

	assert_int_equal(apiclient_verify(db, cid, secret, &rid), CORE_OK);
	assert_int_equal(rid, 1);
	assert_int_equal(testlib_int(DB, "SELECT last_used_at IS NOT NULL FROM api_clients WHERE id = %lld",
	    (long long)id), 1);
	/* wrong secret, another credential's secret, unknown or malformed id */
	secret[0] = secret[0] == 'a' ? 'b' : 'a';
	assert_int_equal(apiclient_verify(db, cid, secret, &rid), CORE_NOTFOUND);
	assert_int_equal(rid, 0);
	assert_int_equal(apiclient_verify(db, cid, secret2, &rid), CORE_NOTFOUND);
	assert_int_equal(apiclient_verify(db, "shelf_0000000000000000", secret2, &rid), CORE_NOTFOUND);
	assert_int_equal(apiclient_verify(db, "nonsense", secret2, &rid), CORE_NOTFOUND);
	assert_int_equal(apiclient_verify(db, cid2, "", &rid), CORE_NOTFOUND);
	assert_int_equal(apiclient_verify(db, cid2, NULL, &rid), CORE_NOTFOUND);
	assert_int_equal(apiclient_verify(db, cid2, secret2, NULL), CORE_OK);

	/* a reseller moved to Basic loses API access */
	testlib_sql(DB, "UPDATE resellers SET edition = 'basic' WHERE id = 1");
	assert_int_equal(apiclient_verify(db, cid2, secret2, &rid), CORE_NOTFOUND);
	testlib_sql(DB, "UPDATE resellers SET edition = 'standard', status = 'suspended' WHERE id = 1");
	assert_int_equal(apiclient_verify(db, cid2, secret2, &rid), CORE_NOTFOUND);
	testlib_sql(DB, "UPDATE resellers SET status = 'active' WHERE id = 1");
	assert_int_equal(apiclient_verify(db, cid2, secret2, &rid), CORE_OK);

	/* bad names */
	assert_int_equal(apiclient_create(db, &ra1, "", cid, secret, &id, why), CORE_INVALID);
	assert_string_equal(secret, "");
	assert_int_equal(apiclient_create(db, &ra1, "tab\there", cid, secret, &id, why), CORE_INVALID);
	db_close(db);
}

static void
revoke_list_and_confinement(void **state)
{
	struct db *db = fresh();
	char cid[APICLIENT_ID_SZ], secret[APICLIENT_SECRET_SZ], c2[APICLIENT_ID_SZ], s2[APICLIENT_SECRET_SZ];
	char why[CORE_WHY];
	struct apiclient_list l;
	struct apiclient_query q;
	int64_t id, id2, idb;

	(void)state;
	assert_int_equal(apiclient_create(db, &ra1, "ERP 100%", cid, secret, &id, why), CORE_OK);
	assert_int_equal(apiclient_create(db, &ra1, "Billing", c2, s2, &id2, why), CORE_OK);
	assert_int_equal(apiclient_create(db, &ra2, "Beta ERP", c2, s2, &idb, why), CORE_OK);

	/* other tenants and other roles */
	assert_int_equal(apiclient_revoke(db, &ra2, id, why), CORE_NOTFOUND);
	assert_non_null(strstr(why, "no such"));
	assert_int_equal(apiclient_revoke(db, &support, id, why), CORE_FORBIDDEN);
	assert_int_equal(apiclient_revoke(db, &da, id, why), CORE_FORBIDDEN);
	assert_int_equal(apiclient_revoke(db, &owner, id, why), CORE_FORBIDDEN);
	assert_int_equal(apiclient_create(db, &owner, "x", c2, s2, NULL, why), CORE_FORBIDDEN);
	assert_string_equal(s2, "");
	assert_int_equal(apiclient_create(db, &support, "x", c2, s2, NULL, why), CORE_FORBIDDEN);
	assert_int_equal(apiclient_list(db, &support, NULL, &l), CORE_FORBIDDEN);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM api_clients WHERE revoked_at IS NOT NULL"), 0);

	assert_int_equal(apiclient_verify(db, cid, secret, NULL), CORE_OK);
	assert_int_equal(apiclient_revoke(db, &ra1, id, why), CORE_OK);
	assert_int_equal(apiclient_verify(db, cid, secret, NULL), CORE_NOTFOUND);
	assert_int_equal(apiclient_revoke(db, &ra1, id, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "already revoked"));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'api_client.revoke'"
	    " AND entity_id = %lld AND JSON_VALUE(before_json, '$.revoked_at') IS NULL"
	    " AND JSON_VALUE(after_json, '$.revoked_at') IS NOT NULL", (long long)id), 1);
	/* the row stays for the trail */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM api_clients WHERE id = %lld", (long long)id), 1);

	/* list: valid ones by default, revoked on request; only the own tenant; never a secret */
	assert_int_equal(apiclient_list(db, &ra1, NULL, &l), CORE_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.items[0].name, "Billing");
	assert_string_equal(l.items[0].created_by, "alpha-admin");
	apiclient_list_free(&l);
	memset(&q, 0, sizeof(q));
	q.include_revoked = 1;
	q.sort = APICLIENT_SORT_NAME;
	assert_int_equal(apiclient_list(db, &ra1, &q, &l), CORE_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].name, "Billing");
	assert_string_equal(l.items[1].name, "ERP 100%");
	assert_true(l.items[1].revoked_at[0] != '\0');
	{
		json_t *j = apiclient_to_json(&l.items[1]);
		char *text = json_dumps(j, 0);

		assert_true(json_is_true(json_object_get(j, "revoked")));
		assert_null(strstr(text, secret));
		free(text);
		json_decref(j);
	}
	apiclient_list_free(&l);
	q.search = "0%";	/* a literal percent sign */
	assert_int_equal(apiclient_list(db, &ra1, &q, &l), CORE_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].name, "ERP 100%");
	apiclient_list_free(&l);
	assert_int_equal(apiclient_list(db, &ra2, &q, &l), CORE_OK);
	assert_int_equal(l.n, 0);
	apiclient_list_free(&l);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(secret_shown_once_stored_hashed),
		cmocka_unit_test(revoke_list_and_confinement),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
