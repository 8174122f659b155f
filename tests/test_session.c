/*
 * test_session.c - SHA-256 against the FIPS 180-4 example vectors,
 * yescrypt hashing and the password policy, and storefront sign-in
 * against the real MariaDB: tokens stored hashed (checked with the
 * server's own SHA2()), no user enumeration (same message, similar time
 * at the production cost), throttling per e-mail, source, address and network, idle and
 * absolute expiry, sign-out, reset links (single use, expiry, other
 * storefront) and password change.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include "password.h"
#include "session.h"
#include "testlib.h"

#define DB "shelf_session"
#define PW "correct horse battery"

static const char fixture_sql[] =
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES (1, 'Northwind', 'nw', 'EUR', 'ops@nw.example');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, currency) VALUES"
    " (1, 1, 'Alpha IT', 'a@alpha.example', 'standard', 'EUR'), (2, 1, 'Beta IT', 'b@beta.example', 'standard', 'EUR');"
    "INSERT INTO storefronts (reseller_id, slug, company_name) VALUES (1, 'alpha', 'Alpha Shop'), (2, 'beta', 'Beta Shop');"
    "INSERT INTO customers (id, reseller_id, name, email) VALUES"
    " (1, 1, 'Acme', 'it@acme.example'), (2, 1, 'Bravo', 'it@bravo.example'), (3, 2, 'Charlie', 'it@charlie.example');";

static char pwhash[PASSWORD_HASH_SZ];

/* add_user - a user of customer c of reseller r with password PW; its id. */
static int64_t
add_user(int64_t r, int64_t c, const char *email, const char *role)
{
	testlib_sql(DB, "INSERT INTO storefront_users (reseller_id, customer_id, email, name, password_hash, role)"
	    " VALUES (%lld, %lld, '%s', 'Someone', '%s', '%s')", (long long)r, (long long)c, email, pwhash, role);
	return testlib_int(DB, "SELECT id FROM storefront_users WHERE reseller_id = %lld AND email = '%s'",
	    (long long)r, email);
}

static struct db *
fresh(void)
{
	struct db *db = testlib_fixture(DB, fixture_sql);

	password_set_cost(2);
	assert_int_equal(password_hash(PW, pwhash), CORE_OK);
	return db;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- passwords ---------------------------------------------------------- */

static void
password_hash_verify_rehash(void **state)
{
	char h[PASSWORD_HASH_SZ], h3[PASSWORD_HASH_SZ], why[CORE_WHY], otp[PASSWORD_READABLE_SZ];
	char tok[PASSWORD_TOKEN_SZ], tok2[PASSWORD_TOKEN_SZ];
	int i;

	(void)state;
	password_set_cost(2);
	assert_int_equal(password_cost(), 2);
	assert_int_equal(password_hash(PW, h), CORE_OK);
	assert_memory_equal(h, "$y$", 3);
	assert_true(password_verify(PW, h));
	assert_false(password_verify("correct horse batterY", h));
	assert_false(password_verify("", h));
	assert_false(password_verify(PW, "!invited"));
	assert_false(password_verify(PW, ""));
	assert_false(password_verify(PW, NULL));
	assert_false(password_verify(NULL, h));
	assert_false(password_needs_rehash(h));
	/* two hashes of one password differ (salt) */
	assert_int_equal(password_hash(PW, h3), CORE_OK);
	assert_string_not_equal(h, h3);
	/* another cost: the old hash still verifies but wants a rehash */
	password_set_cost(3);
	assert_true(password_verify(PW, h));
	assert_true(password_needs_rehash(h));
	assert_int_equal(password_hash(PW, h3), CORE_OK);
	assert_false(password_needs_rehash(h3));
	assert_true(password_needs_rehash("$2b$10$abcdefghijklmnopqrstuu5Vw1p3S3X4yGq6lHq1aM3b8dXg0vGmu"));
	assert_true(password_needs_rehash("!invited"));
	assert_true(password_needs_rehash(NULL));
	password_set_cost(0);
	assert_int_equal(password_cost(), PASSWORD_COST_MIN);
	password_set_cost(2);

	/* policy */
	assert_int_equal(password_policy("short", NULL, why), CORE_INVALID);
	assert_non_null(strstr(why, "at least 10"));
	assert_int_equal(password_policy("aaaaaaaaaaaaaaa", NULL, why), CORE_INVALID);
	assert_non_null(strstr(why, "repeated"));
	assert_int_equal(password_policy("Ann@Example.com", "ann@example.com", why), CORE_INVALID);
	assert_non_null(strstr(why, "e-mail"));
	{
		char longpw[PASSWORD_MAX + 2];

		memset(longpw, 'x', PASSWORD_MAX + 1);
		longpw[0] = 'y';
		longpw[PASSWORD_MAX + 1] = '\0';
		assert_int_equal(password_policy(longpw, NULL, why), CORE_INVALID);
		assert_non_null(strstr(why, "at most 256"));
		assert_int_equal(password_hash(longpw, h), CORE_INVALID);
		longpw[PASSWORD_MAX] = '\0';
		assert_int_equal(password_policy(longpw, NULL, why), CORE_OK);
	}
	assert_int_equal(password_policy("aaaaaaaaab", "ann@example.com", why), CORE_OK);

	/* constant-time equality */
	assert_true(password_equal("abc", "abc"));
	assert_false(password_equal("abc", "abd"));
	assert_false(password_equal("abc", "abcd"));
	assert_false(password_equal("abc", NULL));

	/* random material */
	assert_int_equal(password_token(tok), CORE_OK);
	assert_int_equal(password_token(tok2), CORE_OK);
	assert_true(password_token_valid(tok));
	assert_string_not_equal(tok, tok2);
	assert_false(password_token_valid("ABCDEF"));
	tok2[63] = 'G';
	assert_false(password_token_valid(tok2));
	for (i = 0; i < 50; i++) {
		assert_int_equal(password_readable(otp), CORE_OK);
		assert_int_equal(strlen(otp), 19);
		assert_true(otp[4] == '-' && otp[9] == '-' && otp[14] == '-');
		assert_null(strpbrk(otp, "ilo01IO"));
		assert_int_equal(password_policy(otp, NULL, why), CORE_OK);
	}
	assert_string_equal(session_cookie_name(1), "__Host-shelf");
	assert_string_equal(session_cookie_name(0), "shelf");
}

/* ---- sign-in ------------------------------------------------------------ */

static void
signin_gives_a_hashed_token(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	struct actor a;
	char why[CORE_WHY], csrf[PASSWORD_TOKEN_SZ];
	int64_t uid = add_user(1, 1, "ann@acme.example", "owner");
	int must = -1;

	(void)state;
	assert_int_equal(session_signin(db, 1, "ANN@acme.example", PW, "198.51.100.1", &s, why), CORE_OK);
	assert_true(password_token_valid(s.token));
	assert_true(password_token_valid(s.csrf));
	assert_string_not_equal(s.token, s.csrf);
	assert_int_equal(s.actor.kind, ACTOR_STOREFRONT_USER);
	assert_int_equal(s.actor.role, ROLE_CUSTOMER_OWNER);
	assert_int_equal(s.actor.id, uid);
	assert_int_equal(s.actor.reseller_id, 1);
	assert_int_equal(s.actor.customer_id, 1);
	assert_int_equal(s.actor.distributor_id, 1);
	assert_string_equal(s.actor.name, "ann@acme.example");
	assert_int_equal(s.must_change_password, 0);
	assert_int_equal(strlen(s.expires_at), 19);

	/* the table holds SHA-256(token) (the server's own SHA2 agrees), never the token */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2('%s', 256))"
	    " AND user_id = %lld AND reseller_id = 1 AND customer_id = 1 AND csrf_token = '%s'"
	    " AND client_ip = '198.51.100.1'", s.token, (long long)uid, s.csrf), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM sessions WHERE HEX(token_hash) = UPPER('%s')"
	    " OR csrf_token = '%s'", s.token, s.token), 0);
	/* absolute expiry 12 h after sign-in */
	assert_int_equal(testlib_int(DB, "SELECT TIMESTAMPDIFF(SECOND, created_at, expires_at) FROM sessions"), 12 * 3600);
	assert_int_equal(testlib_int(DB, "SELECT last_login_at IS NOT NULL FROM storefront_users WHERE id = %lld",
	    (long long)uid), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'session.login'"
	    " AND actor_kind = 'storefront_user' AND actor_id = %lld AND client_ip = '198.51.100.1'", (long long)uid), 1);

	assert_int_equal(session_check(db, 1, s.token, &a, csrf, &must), CORE_OK);
	assert_int_equal(a.id, uid);
	assert_int_equal(a.kind, ACTOR_STOREFRONT_USER);
	assert_int_equal(a.role, ROLE_CUSTOMER_OWNER);
	assert_int_equal(a.customer_id, 1);
	assert_int_equal(a.reseller_id, 1);
	assert_int_equal(a.distributor_id, 1);
	assert_string_equal(csrf, s.csrf);
	assert_int_equal(must, 0);

	/* every sign-in makes a new token */
	{
		struct session_new s2;

		assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s2, why), CORE_OK);
		assert_string_not_equal(s.token, s2.token);
		assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM sessions"), 2);
	}
	db_close(db);
}

static void
signin_rehashes_old_parameters(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	char why[CORE_WHY], *h;
	int64_t uid = add_user(1, 1, "ann@acme.example", "member");	/* hashed at cost 2 */

	(void)state;
	password_set_cost(1);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s, why), CORE_OK);
	h = testlib_str(DB, "SELECT password_hash FROM storefront_users WHERE id = %lld", (long long)uid);
	assert_string_not_equal(h, pwhash);
	assert_false(password_needs_rehash(h));
	assert_true(password_verify(PW, h));
	free(h);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'session.login'"
	    " AND after_json LIKE '%%\"rehashed\":true%%'"), 1);
	password_set_cost(2);
	db_close(db);
}

/*
 * The one test at the production cost: a wrong password and an unknown
 * e-mail give the same answer and take about the same time.
 */
static void
no_enumeration_same_message_similar_time(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	char why1[CORE_WHY], why2[CORE_WHY];
	double t, wrong = 0, unknown = 0, right = 0;
	int i, tries = 3;

	(void)state;
	password_set_cost(PASSWORD_COST_DEFAULT);
	assert_int_equal(password_hash(PW, pwhash), CORE_OK);
	add_user(1, 1, "ann@acme.example", "owner");
	/* warm up: the dummy hash of this cost is made on first use */
	assert_int_equal(session_signin(db, 1, "warmup@acme.example", PW, NULL, &s, why1), CORE_INVALID);

	for (i = 0; i < tries; i++) {
		t = now_ms();
		assert_int_equal(session_signin(db, 1, "ann@acme.example", "wrong password!", NULL, &s, why1), CORE_INVALID);
		wrong += now_ms() - t;
		t = now_ms();
		assert_int_equal(session_signin(db, 1, "nobody@acme.example", "wrong password!", NULL, &s, why2),
		    CORE_INVALID);
		unknown += now_ms() - t;
		assert_string_equal(why1, why2);
		assert_string_equal(why1, SESSION_MSG_BAD_LOGIN);
	}
	t = now_ms();
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s, why1), CORE_OK);
	right = now_ms() - t;
	print_message("cost %d: wrong password %.1f ms, unknown e-mail %.1f ms, success %.1f ms (mean of %d)\n",
	    PASSWORD_COST_DEFAULT, wrong / tries, unknown / tries, right, tries);
	assert_true(wrong < 3 * unknown && unknown < 3 * wrong);
	/* the cost is real: a yescrypt check at cost 5 is not free (about 19 ms here) */
	assert_true(unknown / tries > 3.0);
	password_set_cost(2);
	db_close(db);
}

static void
inactive_user_or_customer_same_message(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	char why[CORE_WHY];

	(void)state;
	add_user(1, 1, "ann@acme.example", "owner");
	add_user(1, 2, "bob@bravo.example", "owner");
	testlib_sql(DB, "UPDATE storefront_users SET active = 0 WHERE email = 'ann@acme.example'");
	testlib_sql(DB, "UPDATE customers SET active = 0 WHERE id = 2");
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s, why), CORE_INVALID);
	assert_string_equal(why, SESSION_MSG_BAD_LOGIN);
	assert_int_equal(session_signin(db, 1, "bob@bravo.example", PW, NULL, &s, why), CORE_INVALID);
	assert_string_equal(why, SESSION_MSG_BAD_LOGIN);
	/* another storefront does not know the user */
	add_user(1, 1, "cat@acme.example", "member");
	assert_int_equal(session_signin(db, 2, "cat@acme.example", PW, NULL, &s, why), CORE_INVALID);
	assert_string_equal(why, SESSION_MSG_BAD_LOGIN);
	assert_int_equal(session_signin(db, 1, "", PW, NULL, &s, why), CORE_INVALID);
	assert_int_equal(session_signin(db, 1, "cat@acme.example", "", NULL, &s, why), CORE_INVALID);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM sessions"), 0);
	db_close(db);
}

/* the owner signs in from its own address while an attacker guesses its password from another */
static void
owner_signs_in_while_attacker_guesses(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	char why[CORE_WHY], why_unknown[CORE_WHY];
	int64_t uid = add_user(1, 1, "ann@acme.example", "owner");
	int i;

	(void)state;
	for (i = 0; i < SESSION_SOURCE_FAILURES; i++) {
		assert_int_equal(session_signin(db, 1, "ann@acme.example", "wrong password!", "198.51.100.7", &s, why),
		    CORE_INVALID);
		assert_int_equal(session_signin(db, 1, "ghost@acme.example", "wrong password!", "198.51.100.7", &s,
		    why_unknown), CORE_INVALID);
	}
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'session.login_failed'"
	    " AND actor_id = %lld", (long long)uid), SESSION_SOURCE_FAILURES);
	/* the attacker's address is refused for both e-mails, with the same words, even with the right password */
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, "198.51.100.7", &s, why), CORE_CONFLICT);
	assert_string_equal(why, SESSION_MSG_LOCKED);
	assert_int_equal(session_signin(db, 1, "ghost@acme.example", PW, "198.51.100.7", &s, why_unknown),
	    CORE_CONFLICT);
	assert_string_equal(why_unknown, SESSION_MSG_LOCKED);
	/* the owner, from its own address: in, and the support counter starts again */
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, "203.0.113.10", &s, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT failed_logins FROM storefront_users WHERE id = %lld",
	    (long long)uid), 0);
	/* another account is not affected from the attacker's address */
	add_user(1, 1, "bob@acme.example", "member");
	assert_int_equal(session_signin(db, 1, "bob@acme.example", PW, "198.51.100.7", &s, why), CORE_OK);
	/* the window ends: the attacker's address may try again */
	testlib_sql(DB, "UPDATE rate_limits SET window_start = window_start - INTERVAL %d SECOND",
	    SESSION_WINDOW_SECONDS);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, "198.51.100.7", &s, why), CORE_OK);
	db_close(db);
}

/* many addresses guessing one e-mail: each may fail once, then only clean sources get through */
static void
guessing_from_many_addresses(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	char why[CORE_WHY], ip[32];
	int i;

	(void)state;
	add_user(1, 1, "ann@acme.example", "owner");
	for (i = 0; i < SESSION_ACCOUNT_FAILURES; i++) {
		snprintf(ip, sizeof(ip), "198.%d.100.7", 1 + i);
		assert_int_equal(session_signin(db, 1, "ann@acme.example", "wrong password!", ip, &s, why), CORE_INVALID);
	}
	/* a source that failed once is now refused at once; one that did not fail signs in */
	assert_int_equal(session_signin(db, 1, "ann@acme.example", "wrong password!", "198.1.100.7", &s, why),
	    CORE_CONFLICT);
	assert_string_equal(why, SESSION_MSG_LOCKED);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, "203.0.113.10", &s, why), CORE_OK);
	/* a new source gets one guess, and no second */
	assert_int_equal(session_signin(db, 1, "ann@acme.example", "wrong password!", "192.0.2.1", &s, why),
	    CORE_INVALID);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", "wrong password!", "192.0.2.1", &s, why),
	    CORE_CONFLICT);
	db_close(db);
}

static void
lockout_per_address(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	char why[CORE_WHY], email[64];
	int i;

	(void)state;
	add_user(1, 1, "ann@acme.example", "owner");
	/* spread over many e-mails, so no e-mail's throttle is involved */
	for (i = 0; i < SESSION_IP_ATTEMPTS; i++) {
		snprintf(email, sizeof(email), "guess%d@acme.example", i);
		assert_int_equal(session_signin(db, 1, email, "wrong password!", "203.0.113.9", &s, why), CORE_INVALID);
	}
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, "203.0.113.9", &s, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "network"));
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, "203.0.113.10", &s, why), CORE_OK);
	db_close(db);
}

/* a network (IPv4 /24, IPv6 /64) is throttled as a whole: rotating addresses in it does not help */
static void
lockout_per_network(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	char why[CORE_WHY], email[64], ip[64];
	int i;

	(void)state;
	add_user(1, 1, "ann@acme.example", "owner");
	for (i = 0; i < SESSION_NET_ATTEMPTS; i++) {
		snprintf(email, sizeof(email), "guess%d@acme.example", i);
		snprintf(ip, sizeof(ip), "2001:db8:0:1::%x", 1 + i);
		assert_int_equal(session_signin(db, 1, email, "wrong password!", ip, &s, why), CORE_INVALID);
	}
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, "2001:db8:0:1::ffff", &s, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "network"));
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, "2001:db8:0:2::1", &s, why), CORE_OK);
	db_close(db);
}

/* ---- sessions ----------------------------------------------------------- */

static void
check_refuses_dead_or_foreign_sessions(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	struct actor a;
	char why[CORE_WHY], bad[PASSWORD_TOKEN_SZ];
	int64_t uid = add_user(1, 1, "ann@acme.example", "member");

	(void)state;
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s, why), CORE_OK);
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, NULL), CORE_OK);
	assert_int_equal(a.role, ROLE_CUSTOMER_MEMBER);
	/* another storefront, a malformed or unknown token */
	assert_int_equal(session_check(db, 2, s.token, &a, NULL, NULL), CORE_NOTFOUND);
	assert_int_equal(a.id, 0);
	assert_int_equal(session_check(db, 1, "", &a, NULL, NULL), CORE_NOTFOUND);
	assert_int_equal(session_check(db, 1, NULL, &a, NULL, NULL), CORE_NOTFOUND);
	memcpy(bad, s.token, sizeof(bad));
	bad[0] = bad[0] == 'a' ? 'b' : 'a';
	assert_int_equal(session_check(db, 1, bad, &a, NULL, NULL), CORE_NOTFOUND);

	/* sliding idle expiry: a use after 5 minutes moves last_seen_at; 31 idle minutes kill it */
	testlib_sql(DB, "UPDATE sessions SET last_seen_at = NOW() - INTERVAL 5 MINUTE");
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, NULL), CORE_OK);
	assert_true(testlib_int(DB, "SELECT TIMESTAMPDIFF(SECOND, last_seen_at, NOW()) FROM sessions") < 5);
	testlib_sql(DB, "UPDATE sessions SET last_seen_at = NOW() - INTERVAL 20 SECOND");
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, NULL), CORE_OK);
	assert_true(testlib_int(DB, "SELECT TIMESTAMPDIFF(SECOND, last_seen_at, NOW()) FROM sessions") >= 19);
	testlib_sql(DB, "UPDATE sessions SET last_seen_at = NOW() - INTERVAL 31 MINUTE");
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, NULL), CORE_NOTFOUND);

	/* absolute expiry, even when used a second ago */
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s, why), CORE_OK);
	testlib_sql(DB, "UPDATE sessions SET expires_at = NOW() - INTERVAL 1 SECOND, last_seen_at = NOW()"
	    " WHERE token_hash = UNHEX(SHA2('%s', 256))", s.token);
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, NULL), CORE_NOTFOUND);

	/* a deactivated user, a deactivated customer */
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s, why), CORE_OK);
	testlib_sql(DB, "UPDATE storefront_users SET active = 0 WHERE id = %lld", (long long)uid);
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, NULL), CORE_NOTFOUND);
	testlib_sql(DB, "UPDATE storefront_users SET active = 1 WHERE id = %lld", (long long)uid);
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, NULL), CORE_OK);
	testlib_sql(DB, "UPDATE customers SET active = 0 WHERE id = 1");
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, NULL), CORE_NOTFOUND);
	testlib_sql(DB, "UPDATE customers SET active = 1 WHERE id = 1");

	/* sign-out deletes the row; the token is dead */
	assert_int_equal(session_logout(db, s.token), CORE_OK);
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, NULL), CORE_NOTFOUND);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM sessions WHERE token_hash = UNHEX(SHA2('%s', 256))",
	    s.token), 0);
	assert_int_equal(session_logout(db, s.token), CORE_NOTFOUND);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'session.logout'"), 1);

	/* the purge removes what expired */
	{
		uint64_t n = 0;

		assert_int_equal(session_purge(db, &n), CORE_OK);
		assert_true(n >= 2);
		assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM sessions WHERE expires_at <= NOW()"
		    " OR last_seen_at <= NOW() - INTERVAL 30 MINUTE"), 0);
	}
	db_close(db);
}

/* ---- reset links -------------------------------------------------------- */

/* last_link_token - the token of the newest reset link queued in the outbox (malloc'd). */
static char *
last_link_token(void)
{
	return testlib_str(DB, "SELECT SUBSTRING_INDEX(JSON_VALUE(payload, '$.data.link'), 'token=', -1)"
	    " FROM outbox ORDER BY id DESC LIMIT 1");
}

static void
reset_link_works_once_and_expires(void **state)
{
	struct db *db = fresh();
	struct session_new s, old;
	struct actor a;
	char why[CORE_WHY], email[255], *token, *link;
	int64_t uid = add_user(1, 1, "ann@acme.example", "owner");

	(void)state;
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &old, why), CORE_OK);
	/* unknown e-mail: the same answer, nothing queued */
	assert_int_equal(session_password_reset_request(db, 1, "nobody@acme.example", "192.0.2.1",
	    "https://alpha.example/", why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox"), 0);
	/* another storefront's user: nothing either */
	assert_int_equal(session_password_reset_request(db, 2, "ann@acme.example", "192.0.2.1",
	    "https://beta.example", why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox"), 0);

	assert_int_equal(session_password_reset_request(db, 1, "ann@acme.example", "192.0.2.1",
	    "https://alpha.example/", why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE kind = 'email' AND reseller_id = 1"
	    " AND JSON_VALUE(payload, '$.to') = 'ann@acme.example'"
	    " AND JSON_VALUE(payload, '$.template') = 'storefront_password_reset'"
	    " AND JSON_VALUE(payload, '$.data.company_name') = 'Alpha Shop'"), 1);
	link = testlib_str(DB, "SELECT JSON_VALUE(payload, '$.data.link') FROM outbox");
	assert_memory_equal(link, "https://alpha.example/reset?token=", 34);
	free(link);
	token = last_link_token();
	assert_true(password_token_valid(token));
	/* stored hashed, expiring in an hour */
	assert_int_equal(testlib_int(DB, "SELECT TIMESTAMPDIFF(SECOND, created_at, expires_at) FROM password_resets"
	    " WHERE token_hash = UNHEX(SHA2('%s', 256)) AND user_id = %lld", token, (long long)uid), 3600);

	assert_int_equal(session_reset_valid(db, 1, token, email), CORE_OK);
	assert_string_equal(email, "ann@acme.example");
	assert_int_equal(session_reset_valid(db, 2, token, NULL), CORE_NOTFOUND);
	assert_int_equal(session_password_reset(db, 2, token, "a new secret 42", why), CORE_NOTFOUND);
	assert_string_equal(why, SESSION_MSG_DEAD_LINK);
	/* a weak password does not use the link up */
	assert_int_equal(session_password_reset(db, 1, token, "short", why), CORE_INVALID);
	assert_non_null(strstr(why, "10"));
	assert_int_equal(session_password_reset(db, 1, token, "a new secret 42", why), CORE_OK);
	/* once only */
	assert_int_equal(session_password_reset(db, 1, token, "another secret 43", why), CORE_NOTFOUND);
	assert_string_equal(why, SESSION_MSG_DEAD_LINK);
	assert_int_equal(session_reset_valid(db, 1, token, NULL), CORE_NOTFOUND);
	free(token);
	/* the old session died, the old password too, the new one works */
	assert_int_equal(session_check(db, 1, old.token, &a, NULL, NULL), CORE_NOTFOUND);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s, why), CORE_INVALID);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", "a new secret 42", NULL, &s, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_reset'"), 1);

	/* an expired link */
	assert_int_equal(session_password_reset_request(db, 1, "ann@acme.example", NULL, "https://alpha.example",
	    why), CORE_OK);
	token = last_link_token();
	testlib_sql(DB, "UPDATE password_resets SET expires_at = NOW() - INTERVAL 1 SECOND WHERE used_at IS NULL");
	assert_int_equal(session_password_reset(db, 1, token, "a third secret 44", why), CORE_NOTFOUND);
	assert_string_equal(why, SESSION_MSG_DEAD_LINK);
	free(token);

	/* throttled per e-mail: still CORE_OK, but no more mail (3 an hour, 2 used) */
	assert_int_equal(session_password_reset_request(db, 1, "ann@acme.example", NULL, "https://a.example", why),
	    CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox"), 3);
	assert_int_equal(session_password_reset_request(db, 1, "ann@acme.example", NULL, "https://a.example", why),
	    CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox"), 3);
	db_close(db);
}

static void
change_password(void **state)
{
	struct db *db = fresh();
	struct session_new s1, s2;
	struct actor a, stranger;
	char why[CORE_WHY];
	int64_t uid = add_user(1, 1, "ann@acme.example", "member");
	int must = -1;

	(void)state;
	testlib_sql(DB, "UPDATE storefront_users SET must_change_password = 1 WHERE id = %lld", (long long)uid);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s1, why), CORE_OK);
	assert_int_equal(s1.must_change_password, 1);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s2, why), CORE_OK);
	assert_int_equal(session_check(db, 1, s1.token, &a, NULL, &must), CORE_OK);
	assert_int_equal(must, 1);

	assert_int_equal(session_change_password(db, &a, s1.token, "not the password", "a new secret 42", why),
	    CORE_INVALID);
	assert_non_null(strstr(why, "current password"));
	assert_int_equal(session_change_password(db, &a, s1.token, PW, "tiny", why), CORE_INVALID);
	assert_int_equal(session_change_password(db, &a, s1.token, PW, PW, why), CORE_INVALID);
	assert_int_equal(session_change_password(db, &a, s1.token, PW, "ann@acme.example", why), CORE_INVALID);
	memset(&stranger, 0, sizeof(stranger));
	stranger.kind = ACTOR_OPERATOR;
	stranger.role = ROLE_RESELLER_ADMIN;
	stranger.reseller_id = 1;
	stranger.id = uid;
	assert_int_equal(session_change_password(db, &stranger, NULL, PW, "a new secret 42", why), CORE_FORBIDDEN);

	assert_int_equal(session_change_password(db, &a, s1.token, PW, "a new secret 42", why), CORE_OK);
	/* this session lives on, the other one died, the flag is cleared */
	assert_int_equal(session_check(db, 1, s1.token, &a, NULL, &must), CORE_OK);
	assert_int_equal(must, 0);
	assert_int_equal(session_check(db, 1, s2.token, &a, NULL, NULL), CORE_NOTFOUND);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s2, why), CORE_INVALID);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", "a new secret 42", NULL, &s2, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_change'"
	    " AND actor_id = %lld", (long long)uid), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%%secret%%'"
	    " OR before_json LIKE '%%secret%%'"), 0);
	db_close(db);
}

/* the demo storefront's buyer (README: buyer@demo.example / demo-password-1) signs in on its storefront */
static void
demo_buyer_signs_in(void **state)
{
	struct db *db = testlib_fresh(DB "_demo", TESTLIB_MIGRATE | TESTLIB_DEMO);
	struct session_new s;
	struct actor a;
	char why[CORE_WHY];
	int64_t rid = testlib_int(DB "_demo", "SELECT reseller_id FROM storefronts WHERE slug = 'demo'");

	(void)state;
	password_set_cost(PASSWORD_COST_DEFAULT);
	assert_int_equal(session_signin(db, rid, "buyer@demo.example", "demo-password-1", "192.0.2.50", &s, why),
	    CORE_OK);
	assert_int_equal(s.actor.role, ROLE_CUSTOMER_OWNER);
	assert_int_equal(s.actor.customer_id, testlib_int(DB "_demo", "SELECT customer_id FROM storefront_users"
	    " WHERE reseller_id = %lld AND email = 'buyer@demo.example'", (long long)rid));
	assert_int_equal(session_check(db, rid, s.token, &a, NULL, NULL), CORE_OK);
	assert_int_equal(session_signin(db, rid, "buyer@demo.example", "demo-password-2", "192.0.2.50", &s, why),
	    CORE_INVALID);
	password_set_cost(2);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_hash_verify_rehash),
		cmocka_unit_test(signin_gives_a_hashed_token),
		cmocka_unit_test(signin_rehashes_old_parameters),
		cmocka_unit_test(no_enumeration_same_message_similar_time),
		cmocka_unit_test(inactive_user_or_customer_same_message),
		cmocka_unit_test(owner_signs_in_while_attacker_guesses),
		cmocka_unit_test(guessing_from_many_addresses),
		cmocka_unit_test(lockout_per_address),
		cmocka_unit_test(lockout_per_network),
		cmocka_unit_test(check_refuses_dead_or_foreign_sessions),
		cmocka_unit_test(reset_link_works_once_and_expires),
		cmocka_unit_test(change_password),
		cmocka_unit_test(demo_buyer_signs_in),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
