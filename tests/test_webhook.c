/*
 * test_webhook.c - core/webhook.c: the Standard Webhooks signature (the
 * specification's own example), secrets, URL and address checks, event
 * names; and against MariaDB: who may manage and read endpoints, and
 * webhook_emit queueing one row per enabled, subscribed endpoint inside
 * the change's transaction only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>
#include "testlib.h"
#include "webhook.h"

#define DB "shelf_webhook"

static void
sign_spec_example(void **state)
{
	char sig[WEBHOOK_SIG_SZ];

	(void)state;
	/* github.com/standard-webhooks/standard-webhooks, the specification's example */
	assert_int_equal(webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
	    1614265330, "{\"test\": 2432232314}", sig), CORE_OK);
	assert_string_equal(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	/* another timestamp, another signature */
	assert_int_equal(webhook_sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
	    1614265331, "{\"test\": 2432232314}", sig), CORE_OK);
	assert_string_not_equal(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	/* a secret that is not one signs nothing */
	assert_int_equal(webhook_sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_x", 1, "{}", sig), CORE_INVALID);
	assert_string_equal(sig, "");
	assert_int_equal(webhook_sign("whsec_abc", "msg_x", 1, "{}", sig), CORE_INVALID);
	assert_int_equal(webhook_sign("whsec_", "msg_x", 1, "{}", sig), CORE_INVALID);
}

static void
secrets_are_random_and_sign(void **state)
{
	char a[WEBHOOK_SECRET_SZ], b[WEBHOOK_SECRET_SZ], sig[WEBHOOK_SIG_SZ];
	size_t i;

	(void)state;
	assert_int_equal(webhook_secret_new(a), CORE_OK);
	assert_int_equal(webhook_secret_new(b), CORE_OK);
	assert_int_equal(strncmp(a, "whsec_", 6), 0);
	assert_int_equal(strlen(a), 6 + 32);	/* base64 of 24 bytes */
	for (i = 6; a[i]; i++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", a[i]));
	assert_string_not_equal(a, b);
	assert_int_equal(webhook_sign(a, "msg_1", 1700000000, "{}", sig), CORE_OK);
	assert_int_equal(strncmp(sig, "v1,", 3), 0);
	assert_int_equal(strlen(sig), 3 + 44);
}

static void
url_rules(void **state)
{
	static const char *const ok[] = {
		"https://hooks.example.com/shelf",
		"https://hooks.example.com:8443/a/b?x=1&y=2",
		"HTTPS://Hooks.Example.com/",
		"https://203.0.114.5/x",
		"https://[2a00:1450:4001::1]/x",
	};
	static const char *const refused[] = {
		"", "ftp://hooks.example.com/", "hooks.example.com/x", "http://hooks.example.com/x",
		"https://user:pw@hooks.example.com/x", "https://user@hooks.example.com/x", "https://hooks.example.com/x#frag",
		"https://hooks.example.com/a b", "https:///x", "https://hooks.example.com:0/", "https://hooks.example.com:65536/",
		"https://hooks.example.com:x/", "https://10.0.0.5/", "https://172.16.3.4/", "https://192.168.1.1/",
		"https://127.0.0.1/", "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/", "https://0.0.0.0/",
		"https://[::1]/", "https://[fd00::1]/", "https://[fe80::1]/", "https://[::ffff:10.0.0.1]/", "https://localhost/",
		"https://intranet/", "https://a.localhost/", "http://127.0.0.1:8080/hook", "https://hooks.exa_mple.com/",
	};
	struct config test;
	char why[CORE_WHY], longurl[WEBHOOK_URL_MAX + 20];
	size_t i;

	(void)state;
	for (i = 0; i < TESTLIB_LEN(ok); i++)
		if (webhook_url_check(NULL, ok[i], why) != 0)
			fail_msg("refused %s: %s", ok[i], why);
	for (i = 0; i < TESTLIB_LEN(refused); i++) {
		why[0] = '\0';
		if (webhook_url_check(NULL, refused[i], why) == 0)
			fail_msg("accepted %s", refused[i]);
		assert_true(why[0] != '\0');
	}
	memset(longurl, 'a', sizeof(longurl) - 1);
	longurl[sizeof(longurl) - 1] = '\0';
	memcpy(longurl, "https://x.example/", 18);
	assert_int_equal(webhook_url_check(NULL, longurl, why), -1);
	assert_non_null(strstr(why, "2000"));

	/* the test setting: plain http and https to loopback only, nothing else inside */
	memset(&test, 0, sizeof(test));
	test.webhook_allow_http_loopback = 1;
	assert_int_equal(webhook_url_check(&test, "http://127.0.0.1:8080/hook", why), 0);
	assert_int_equal(webhook_url_check(&test, "http://[::1]:8080/hook", why), 0);
	assert_int_equal(webhook_url_check(&test, "http://localhost:8080/hook", why), 0);
	assert_int_equal(webhook_url_check(&test, "https://127.0.0.2/hook", why), 0);
	assert_int_equal(webhook_url_check(&test, "http://10.0.0.5/hook", why), -1);
	assert_int_equal(webhook_url_check(&test, "https://192.168.1.1/hook", why), -1);
	assert_int_equal(webhook_url_check(&test, "http://hooks.example.com/hook", why), -1);
}

static void
addresses(void **state)
{
	static const char *const inside[] = {
		"127.0.0.1", "10.1.2.3", "172.31.255.255", "192.168.0.1", "169.254.1.1", "100.127.0.1", "0.0.0.0",
		"224.0.0.1", "255.255.255.255", "192.0.2.1", "198.18.0.1", "::", "::1", "fc00::1", "fdff::1", "fe80::1",
		"ff02::1", "2001:db8::1", "::ffff:127.0.0.1", "::ffff:192.168.1.1", "64:ff9b::a00:1",
	};
	static const char *const outside[] = {
		"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "203.0.114.1", "2a00:1450:4001::1", "::ffff:8.8.8.8",
	};
	size_t i;

	(void)state;
	for (i = 0; i < TESTLIB_LEN(inside); i++)
		if (webhook_addr_internal(inside[i]) != 1)
			fail_msg("%s should be internal", inside[i]);
	for (i = 0; i < TESTLIB_LEN(outside); i++)
		if (webhook_addr_internal(outside[i]) != 0)
			fail_msg("%s should be public", outside[i]);
	assert_int_equal(webhook_addr_internal("hooks.example.com"), -1);
	assert_int_equal(webhook_addr_internal(NULL), -1);
	assert_int_equal(webhook_addr_loopback("127.9.9.9"), 1);
	assert_int_equal(webhook_addr_loopback("::1"), 1);
	assert_int_equal(webhook_addr_loopback("10.0.0.1"), 0);
}

static void
event_names(void **state)
{
	char why[CORE_WHY], out[200];
	unsigned m;

	(void)state;
	assert_int_equal(webhook_events_parse("order.created, customer.created", &m, why), 0);
	assert_int_equal(m, (1u << WEBHOOK_ORDER_CREATED) | (1u << WEBHOOK_CUSTOMER_CREATED));
	webhook_events_format(m, ",", out, sizeof(out));
	assert_string_equal(out, "order.created,customer.created");
	assert_int_equal(webhook_events_parse("all", &m, why), 0);
	assert_int_equal(m, WEBHOOK_EV_ALL);
	webhook_events_format(m, " ", out, sizeof(out));
	assert_string_equal(out, "order.created order.status_changed subscription.changed invoice.issued customer.created");
	assert_int_equal(webhook_events_parse("order.deleted", &m, why), -1);
	assert_non_null(strstr(why, "order.deleted"));
	assert_int_equal(webhook_events_parse(" , ", &m, why), -1);
	assert_int_equal(webhook_event_parse("invoice.issued"), WEBHOOK_INVOICE_ISSUED);
	assert_string_equal(webhook_event_name(WEBHOOK_SUBSCRIPTION_CHANGED), "subscription.changed");
	assert_string_equal(webhook_event_name(WEBHOOK_EV__MAX), "");
}

static const char fixture[] = TESTLIB_TWO_RESELLERS;

static enum core_err
emit_customer(struct db *db, void *arg)
{
	(void)arg;
	return webhook_emit(db, 1, WEBHOOK_CUSTOMER_CREATED, json_pack("{s:i}", "id", 7));
}

static enum core_err
emit_invoice(struct db *db, void *arg)
{
	(void)arg;
	return webhook_emit(db, 1, WEBHOOK_INVOICE_ISSUED, json_pack("{s:i}", "id", 9));
}

static void
roles_and_emit(void **state)
{
	struct actor admin = testlib_admin(1, 1), admin2 = testlib_admin(2, 2);
	struct actor staff = testlib_actor(ROLE_RESELLER_STAFF, 3, 1, 1, 0, "staff");
	struct actor support = testlib_actor(ROLE_SUPPORT, 4, 1, 0, 0, "support");
	struct actor owner = testlib_owner(5, 1, 1);
	struct webhook_endpoint e;
	struct webhook_list l;
	char why[CORE_WHY], secret[WEBHOOK_SECRET_SZ], s2[WEBHOOK_SECRET_SZ];
	int64_t a = 0, b = 0, c = 0;
	struct db *db;
	char *t;

	(void)state;
	testlib_need_db();
	db = testlib_fixture(DB, fixture);

	/* only a reseller admin registers; the secret comes back once */
	assert_int_equal(webhook_create(db, &staff, "https://h.example.com/a", NULL, WEBHOOK_EV_ALL, &a, secret, why),
	    CORE_FORBIDDEN);
	assert_int_equal(webhook_create(db, &support, "https://h.example.com/a", NULL, WEBHOOK_EV_ALL, &a, secret, why),
	    CORE_FORBIDDEN);
	assert_int_equal(webhook_create(db, &owner, "https://h.example.com/a", NULL, WEBHOOK_EV_ALL, &a, secret, why),
	    CORE_FORBIDDEN);
	assert_int_equal(webhook_create(db, &admin, "http://h.example.com/a", NULL, WEBHOOK_EV_ALL, &a, secret, why),
	    CORE_INVALID);
	assert_int_equal(webhook_create(db, &admin, "https://h.example.com/a", NULL, 0, &a, secret, why), CORE_INVALID);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM webhook_endpoints"), 0);
	assert_int_equal(webhook_create(db, &admin, "https://h.example.com/a", "ERP", WEBHOOK_EV_ALL, &a, secret, why),
	    CORE_OK);
	assert_int_equal(strncmp(secret, "whsec_", 6), 0);
	t = testlib_str(DB, "SELECT secret FROM webhook_endpoints WHERE id = %lld", (long long)a);
	assert_string_equal(t, secret);
	free(t);
	assert_int_equal(webhook_create(db, &admin, "https://h.example.com/b", NULL, 1u << WEBHOOK_INVOICE_ISSUED, &b,
	    secret, why), CORE_OK);
	assert_int_equal(webhook_create(db, &admin2, "https://h.example.com/c", NULL, WEBHOOK_EV_ALL, &c, secret, why),
	    CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'webhook.create'"), 3);

	/* readers: staff and the admin see their reseller's; support the distributor's; another reseller nothing */
	assert_int_equal(webhook_list(db, &staff, 0, &l), CORE_OK);
	assert_int_equal(l.n, 2);
	webhook_list_free(&l);
	assert_int_equal(webhook_list(db, &support, 0, &l), CORE_OK);
	assert_int_equal(l.n, 3);
	webhook_list_free(&l);
	assert_int_equal(webhook_list(db, &support, 2, &l), CORE_OK);
	assert_int_equal(l.n, 1);
	webhook_list_free(&l);
	assert_int_equal(webhook_list(db, &owner, 0, &l), CORE_FORBIDDEN);
	assert_int_equal(webhook_get(db, &admin2, a, &e), CORE_NOTFOUND);
	assert_int_equal(webhook_get(db, &staff, a, &e), CORE_OK);
	assert_string_equal(e.description, "ERP");
	assert_int_equal(webhook_secret(db, &staff, a, s2, why), CORE_FORBIDDEN);
	assert_int_equal(webhook_set_enabled(db, &admin2, a, 0, why), CORE_NOTFOUND);
	assert_int_equal(webhook_delete(db, &admin2, a, why), CORE_NOTFOUND);
	assert_int_equal(webhook_rotate(db, &staff, a, s2, why), CORE_FORBIDDEN);

	/* emit: only inside a transaction; one row per enabled endpoint subscribed to the event */
	assert_int_equal(webhook_emit(db, 1, WEBHOOK_CUSTOMER_CREATED, json_object()), CORE_INVALID);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox"), 0);
	assert_int_equal(db_txn(db, emit_customer, NULL), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE kind = 'webhook' AND reseller_id = 1"), 1);
	assert_int_equal(testlib_int(DB, "SELECT JSON_VALUE(payload, '$.endpoint_id') FROM outbox"), a);
	assert_int_equal(testlib_int(DB, "SELECT JSON_VALUE(payload, '$.msg_id') REGEXP '^msg_[0-9a-f]{32}$'"
	    " AND JSON_VALUE(payload, '$.event.type') = 'customer.created'"
	    " AND JSON_VALUE(payload, '$.event.data.id') = 7 FROM outbox"), 1);
	assert_int_equal(db_txn(db, emit_invoice, NULL), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE JSON_VALUE(payload, '$.event.type') ="
	    " 'invoice.issued'"), 2);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(DISTINCT JSON_VALUE(payload, '$.msg_id')) FROM outbox"), 3);
	/* a disabled endpoint is told nothing; enabling clears its failures */
	testlib_sql(DB, "UPDATE webhook_endpoints SET failures = 4 WHERE id = %lld", (long long)a);
	assert_int_equal(webhook_set_enabled(db, &admin, a, 0, why), CORE_OK);
	assert_int_equal(webhook_set_enabled(db, &admin, a, 0, why), CORE_CONFLICT);
	assert_int_equal(db_txn(db, emit_customer, NULL), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox"), 3);
	assert_int_equal(webhook_set_enabled(db, &admin, a, 1, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT failures FROM webhook_endpoints WHERE id = %lld", (long long)a), 0);

	/* rotate replaces the secret; update keeps what is not given; delete removes */
	t = testlib_str(DB, "SELECT secret FROM webhook_endpoints WHERE id = %lld", (long long)a);
	assert_int_equal(webhook_rotate(db, &admin, a, s2, why), CORE_OK);
	assert_string_not_equal(t, s2);
	free(t);
	assert_int_equal(webhook_secret(db, &admin, a, secret, why), CORE_OK);
	assert_string_equal(secret, s2);
	assert_int_equal(webhook_update(db, &admin, a, NULL, "Renamed", 0, why), CORE_OK);
	assert_int_equal(webhook_get(db, &admin, a, &e), CORE_OK);
	assert_string_equal(e.url, "https://h.example.com/a");
	assert_string_equal(e.description, "Renamed");
	assert_int_equal(e.events, WEBHOOK_EV_ALL);
	assert_int_equal(webhook_update(db, &admin, a, "https://10.0.0.1/", NULL, 0, why), CORE_INVALID);
	assert_int_equal(webhook_delete(db, &admin, a, why), CORE_OK);
	assert_int_equal(webhook_get(db, &admin, a, &e), CORE_NOTFOUND);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sign_spec_example),
		cmocka_unit_test(secrets_are_random_and_sign),
		cmocka_unit_test(url_rules),
		cmocka_unit_test(addresses),
		cmocka_unit_test(event_names),
		cmocka_unit_test(roles_and_emit),
	};

	return testlib_result(cmocka_run_group_tests_name("webhook", tests, NULL, NULL));
}
