/*
 * test_apiclient.c - Marketplace API credentials against the real
 * MariaDB: the secret is shown once and stored only as its SHA-256
 * (checked with the server's SHA2()), verify accepts the right secret and
 * refuses a wrong one, an unknown or malformed id, a revoked credential
 * and a Basic-edition reseller; listing, audit, and confinement to the
 * reseller's own admins; scopes; bearer tokens (issued, stored hashed,
 * refused once the credential is revoked or the reseller suspended or on
 * Basic, carrying the credential's scopes as they are now); the token
 * bucket (apirate.h, pure); Idempotency-Key claims (new, replay, other body, in flight).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include "apiclient.h"
#include "apiidem.h"
#include "apirate.h"
#include "apitoken.h"
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

static void
tokens_scopes_and_refusals(void **state)
{
	struct db *db = fresh();
	char cid[APICLIENT_ID_SZ], secret[APICLIENT_SECRET_SZ], tok[APITOKEN_SZ], tok2[APITOKEN_SZ], why[CORE_WHY];
	char sc[256];
	struct apiauth auth;
	struct actor a;
	int64_t id;

	(void)state;
	assert_int_equal(apiclient_create_scoped(db, &ra1, "Reader", 0, cid, secret, &id, why), CORE_INVALID);
	assert_int_equal(apiclient_create_scoped(db, &ra1, "Reader", 1u << APISCOPE_CUSTOMERS_READ, cid, secret, &id, why),
	    CORE_OK);
	assert_int_equal(apitoken_issue(db, cid, "wrong", tok, &auth), CORE_NOTFOUND);
	assert_string_equal(tok, "");
	assert_int_equal(apitoken_issue(db, cid, secret, tok, &auth), CORE_OK);
	assert_int_equal(strlen(tok), 64);
	assert_int_equal(auth.reseller_id, 1);
	assert_int_equal(auth.scopes, 1u << APISCOPE_CUSTOMERS_READ);
	/* stored as its SHA-256 only */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM api_tokens WHERE token_hash = SHA2('%s', 256)", tok), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM api_tokens WHERE token_hash = '%s'", tok), 0);
	assert_int_equal(testlib_int(DB, "SELECT last_used_at IS NOT NULL FROM api_clients WHERE id = %lld", (long long)id), 1);

	memset(&auth, 0, sizeof(auth));
	assert_int_equal(apitoken_check(db, tok, &auth), CORE_OK);
	assert_int_equal(auth.client_row, id);
	assert_int_equal(auth.distributor_id, 1);
	assert_true(auth.expires_in > 3500 && auth.expires_in <= 3600);
	assert_int_equal(apitoken_check(db, "nonsense", &auth), CORE_NOTFOUND);
	assert_int_equal(auth.reseller_id, 0);
	assert_int_equal(apitoken_check(db, tok, &auth), CORE_OK);
	apitoken_actor(&auth, 0, &a);
	assert_int_equal(a.role, ROLE_RESELLER_ADMIN);
	assert_int_equal(a.kind, ACTOR_API);
	assert_int_equal(a.reseller_id, 1);
	assert_string_equal(a.name, cid);
	apitoken_actor(&auth, 5, &a);
	assert_int_equal(a.role, ROLE_CUSTOMER_OWNER);
	assert_int_equal(a.customer_id, 5);

	/* scopes change: the token carries the new ones at once; another tenant cannot change them */
	assert_int_equal(apiclient_set_scopes(db, &ra2, id, APISCOPE_ALL, why), CORE_NOTFOUND);
	assert_int_equal(apiclient_set_scopes(db, &ra1, id, 0, why), CORE_INVALID);
	assert_int_equal(apiclient_set_scopes(db, &ra1, id, (1u << APISCOPE_ORDERS_READ) | (1u << APISCOPE_INVOICES_READ),
	    why), CORE_OK);
	assert_int_equal(apitoken_check(db, tok, &auth), CORE_OK);
	assert_int_equal(auth.scopes, (1u << APISCOPE_ORDERS_READ) | (1u << APISCOPE_INVOICES_READ));
	apiscope_format(auth.scopes, sc, sizeof(sc));
	assert_string_equal(sc, "orders:read invoices:read");
	assert_int_equal(apiscope_parse("invoices:read"), APISCOPE_INVOICES_READ);
	assert_int_equal(apiscope_parse("invoices:write"), -1);

	/* suspended or Basic: refused while so */
	testlib_sql(DB, "UPDATE resellers SET status = 'suspended' WHERE id = 1");
	assert_int_equal(apitoken_check(db, tok, &auth), CORE_NOTFOUND);
	assert_int_equal(apitoken_issue(db, cid, secret, tok2, NULL), CORE_NOTFOUND);
	testlib_sql(DB, "UPDATE resellers SET status = 'active', edition = 'basic' WHERE id = 1");
	assert_int_equal(apitoken_check(db, tok, &auth), CORE_NOTFOUND);
	testlib_sql(DB, "UPDATE resellers SET edition = 'standard' WHERE id = 1");
	assert_int_equal(apitoken_check(db, tok, &auth), CORE_OK);
	/* expired */
	assert_int_equal(apitoken_issue(db, cid, secret, tok2, NULL), CORE_OK);
	testlib_sql(DB, "UPDATE api_tokens SET expires_at = NOW() - INTERVAL 1 SECOND WHERE token_hash = SHA2('%s', 256)", tok2);
	assert_int_equal(apitoken_check(db, tok2, &auth), CORE_NOTFOUND);
	/* revoked: every token of it at once */
	assert_int_equal(apiclient_revoke(db, &ra1, id, why), CORE_OK);
	assert_int_equal(apitoken_check(db, tok, &auth), CORE_NOTFOUND);
	assert_int_equal(apitoken_issue(db, cid, secret, tok2, NULL), CORE_NOTFOUND);
	assert_int_equal(apiclient_set_scopes(db, &ra1, id, APISCOPE_ALL, why), CORE_CONFLICT);
	db_close(db);
}

static void
rate_bucket(void **state)
{
	static struct apirate_table t;
	struct apirate rl;
	int64_t t0 = 1800000000LL * 1000000;
	int i;

	(void)state;
	/* a bucket of 3, refilled at 1 a second */
	for (i = 0; i < 3; i++) {
		apirate_take(&t, 7, 3, 1.0, t0, &rl);
		assert_int_equal(rl.allowed, 1);
		assert_int_equal(rl.remaining, 2 - i);
		assert_int_equal(rl.limit, 3);
	}
	apirate_take(&t, 7, 3, 1.0, t0, &rl);
	assert_int_equal(rl.allowed, 0);
	assert_int_equal(rl.remaining, 0);
	assert_int_equal(rl.retry_after, 1);
	assert_int_equal(rl.reset, 3);
	/* another client has its own bucket */
	apirate_take(&t, 8, 3, 1.0, t0, &rl);
	assert_int_equal(rl.allowed, 1);
	/* 1.5 s later: one request again, then none */
	apirate_take(&t, 7, 3, 1.0, t0 + 1500000, &rl);
	assert_int_equal(rl.allowed, 1);
	apirate_take(&t, 7, 3, 1.0, t0 + 1500000, &rl);
	assert_int_equal(rl.allowed, 0);
	/* a clock that goes back refills nothing */
	apirate_take(&t, 7, 3, 1.0, t0, &rl);
	assert_int_equal(rl.allowed, 0);
	/* full again after long enough, never above the burst */
	apirate_take(&t, 7, 3, 1.0, t0 + 600000000, &rl);
	assert_int_equal(rl.allowed, 1);
	assert_int_equal(rl.remaining, 2);
	/* many clients: every one gets a slot, the least recently seen give way */
	for (i = 0; i < 3 * APIRATE_SLOTS; i++) {
		apirate_take(&t, 1000 + i, 2, 1.0, t0 + i, &rl);
		assert_int_equal(rl.allowed, 1);
	}
}

static void
idempotency_claims(void **state)
{
	struct db *db = fresh();
	struct apiidem a, b;
	char tok[65], tok2[65];

	(void)state;
	assert_int_equal(apiidem_key_ok(""), 0);
	assert_int_equal(apiidem_key_ok("a\nb"), 0);
	assert_int_equal(apiidem_key_ok("order-2026-0001"), 1);
	assert_int_equal(apiidem_begin(db, 1, "k1", "{}", 2, &a), CORE_OK);
	assert_int_equal(a.state, APIIDEM_NEW);
	/* while the first runs */
	assert_int_equal(apiidem_begin(db, 1, "k1", "{}", 2, &b), CORE_OK);
	assert_int_equal(b.state, APIIDEM_IN_FLIGHT);
	/* another body */
	assert_int_equal(apiidem_begin(db, 1, "k1", "{ }", 3, &b), CORE_OK);
	assert_int_equal(b.state, APIIDEM_MISMATCH);
	/* another reseller's key space */
	assert_int_equal(apiidem_begin(db, 2, "k1", "{ }", 3, &b), CORE_OK);
	assert_int_equal(b.state, APIIDEM_NEW);
	assert_int_equal(apiidem_finish(db, a.id, 201, "{\"id\":5}"), CORE_OK);
	assert_int_equal(apiidem_begin(db, 1, "k1", "{}", 2, &b), CORE_OK);
	assert_int_equal(b.state, APIIDEM_REPLAY);
	assert_int_equal(b.status, 201);
	assert_string_equal(b.body, "{\"id\":5}");
	apiidem_done(&b);
	/* abandoned (a 5xx): the key is free again */
	assert_int_equal(apiidem_begin(db, 1, "k2", "{}", 2, &a), CORE_OK);
	assert_int_equal(apiidem_abandon(db, a.id), CORE_OK);
	assert_int_equal(apiidem_begin(db, 1, "k2", "{}", 2, &b), CORE_OK);
	assert_int_equal(b.state, APIIDEM_NEW);
	/* a claim left in flight long ago is taken over */
	testlib_sql(DB, "UPDATE api_idempotency SET updated_at = NOW() - INTERVAL 2 MINUTE WHERE idem_key = 'k2'");
	assert_int_equal(apiidem_begin(db, 1, "k2", "{}", 2, &a), CORE_OK);
	assert_int_equal(a.state, APIIDEM_NEW);
	assert_int_equal(apiidem_order_token("k1", tok), CORE_OK);
	assert_int_equal(apiidem_order_token("k2", tok2), CORE_OK);
	assert_int_equal(strlen(tok), 64);
	assert_int_equal(strncmp(tok, "api:", 4), 0);
	assert_string_not_equal(tok, tok2);
	db_close(db);
}

/* taken - how many of n requests of client the table s allows (one clock), as a child process's exit status. */
static int
taken(struct apirate_shared *s, int64_t client, int n, int64_t now_us)
{
	struct apirate rl;
	int i, ok = 0;

	for (i = 0; i < n; i++) {
		apirate_shared_take(s, client, 5, 1.0, now_us, &rl);
		ok += rl.allowed;
	}
	return ok;
}

/*
 * The host's table (apirate_shared_new), as shelf-fcgi's workers share
 * it: a bucket of 5 is honoured once in total by two processes, and a
 * process that died holding the lock stops nobody.
 */
static void
rate_bucket_shared(void **state)
{
	struct apirate_shared *s = apirate_shared_new();
	int64_t t0 = 1800000000LL * 1000000;
	struct apirate rl;
	int status, mine;
	pid_t pid;

	(void)state;
	assert_non_null(s);
	if ((pid = fork()) == 0)
		_exit(taken(s, 9, 4, t0));
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 4);
	mine = taken(s, 9, 4, t0);
	assert_int_equal(mine, 1);			/* 5 in total across both */
	/* a child dies holding the lock: the next take goes on */
	if ((pid = fork()) == 0) {
		pthread_mutex_lock(&s->lock);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	apirate_shared_take(s, 9, 5, 1.0, t0 + 2000000, &rl);	/* 2 s later: 2 refilled */
	assert_int_equal(rl.allowed, 1);
	assert_int_equal(rl.remaining, 1);
	apirate_shared_take(s, 9, 5, 1.0, t0 + 2000000, &rl);
	apirate_shared_take(s, 9, 5, 1.0, t0 + 2000000, &rl);
	assert_int_equal(rl.allowed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(secret_shown_once_stored_hashed),
		cmocka_unit_test(revoke_list_and_confinement),
		cmocka_unit_test(tokens_scopes_and_refusals),
		cmocka_unit_test(rate_bucket),
		cmocka_unit_test(rate_bucket_shared),
		cmocka_unit_test(idempotency_claims),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
