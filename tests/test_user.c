/*
 * test_user.c - storefront users against the real MariaDB: invitations
 * (outbox e-mail with a working single-use link), one-time passwords
 * (must change at first sign-in), unique e-mail per storefront,
 * deactivation killing sessions, admin-requested resets, profile edits,
 * listing, audit, and confinement: a reseller admin to its tenant, an
 * owner to its customer, a member to nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "password.h"
#include "session.h"
#include "testlib.h"
#include "user.h"

#define DB "shelf_user"
#define PW "correct horse battery"
#define PUBLIC "https://shops.example.com"

static const char fixture_sql[] =
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES (1, 'Northwind', 'nw', 'EUR', 'ops@nw.example');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, currency) VALUES"
    " (1, 1, 'Alpha IT', 'a@alpha.example', 'standard', 'EUR'), (2, 1, 'Beta IT', 'b@beta.example', 'standard', 'EUR'),"
    " (3, 1, 'Basic IT', 'c@basic.example', 'basic', 'EUR');"
    "INSERT INTO storefronts (reseller_id, slug, company_name) VALUES (1, 'alpha', 'Alpha Shop'), (2, 'beta', 'Beta Shop');"
    "INSERT INTO operators (id, login, display_name, role, distributor_id, reseller_id) VALUES"
    " (1, 'alpha-admin', 'Alpha Admin', 'reseller_admin', 1, 1), (2, 'beta-admin', 'Beta Admin', 'reseller_admin', 1, 2),"
    " (3, 'basic-admin', 'Basic Admin', 'reseller_admin', 1, 3), (4, 'help', 'Help', 'support', 1, NULL);"
    "INSERT INTO customers (id, reseller_id, name, email) VALUES"
    " (1, 1, 'Acme', 'it@acme.example'), (2, 1, 'Bravo', 'it@bravo.example'), (3, 2, 'Charlie', 'it@charlie.example'),"
    " (4, 3, 'Delta', 'it@delta.example');";

static struct actor ra1, ra2, ra3, support;

static struct db *
fresh(void)
{
	struct db *db = testlib_fixture(DB, fixture_sql);

	password_set_cost(1);
	ra1 = testlib_actor(ROLE_RESELLER_ADMIN, 1, 1, 1, 0, "alpha-admin");
	ra2 = testlib_actor(ROLE_RESELLER_ADMIN, 2, 1, 2, 0, "beta-admin");
	ra3 = testlib_actor(ROLE_RESELLER_ADMIN, 3, 1, 3, 0, "basic-admin");
	support = testlib_actor(ROLE_SUPPORT, 4, 1, 0, 0, "help");
	return db;
}

/* otp_user - create a user with a one-time password, sign in, change it to PW; its actor. */
static int64_t
otp_user(struct db *db, const struct actor *by, int64_t customer, const char *email, enum actor_role role,
    struct actor *out)
{
	char otp[USER_OTP_SZ], why[CORE_WHY];
	struct session_new s;
	int64_t id;

	assert_int_equal(user_create(db, by, customer, email, "Someone", role, USER_ONE_TIME_PASSWORD, NULL, otp, &id,
	    why), CORE_OK);
	assert_int_equal(session_signin(db, by->reseller_id, email, otp, NULL, &s, why), CORE_OK);
	assert_int_equal(session_change_password(db, &s.actor, s.token, otp, PW, why), CORE_OK);
	if (out != NULL)
		*out = s.actor;
	return id;
}

static char *
last_link(void)
{
	return testlib_str(DB, "SELECT JSON_VALUE(payload, '$.data.link') FROM outbox ORDER BY id DESC LIMIT 1");
}

static void
invite_sends_a_working_link(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	struct user u;
	char why[CORE_WHY], *link, *tok;
	int64_t id;

	(void)state;
	assert_int_equal(user_create(db, &ra1, 1, "ann@acme.example", "Ann Smith", ROLE_CUSTOMER_OWNER, USER_INVITE,
	    PUBLIC, NULL, &id, why), CORE_OK);
	assert_true(id > 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM storefront_users WHERE id = %lld AND reseller_id = 1"
	    " AND customer_id = 1 AND role = 'owner' AND active = 1 AND must_change_password = 0"
	    " AND password_hash NOT LIKE '$%%'", (long long)id), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE kind = 'email' AND reseller_id = 1"
	    " AND JSON_VALUE(payload, '$.to') = 'ann@acme.example'"
	    " AND JSON_VALUE(payload, '$.template') = 'storefront_invite'"
	    " AND JSON_VALUE(payload, '$.data.expires_hours') = 72"
	    " AND JSON_VALUE(payload, '$.data.company_name') = 'Alpha Shop'"), 1);
	link = last_link();
	assert_memory_equal(link, PUBLIC "/s/alpha/reset?token=", strlen(PUBLIC "/s/alpha/reset?token="));
	tok = strstr(link, "token=") + 6;
	assert_int_equal(testlib_int(DB, "SELECT TIMESTAMPDIFF(HOUR, created_at, expires_at) FROM password_resets"
	    " WHERE token_hash = UNHEX(SHA2('%s', 256)) AND user_id = %lld", tok, (long long)id), 72);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.create'"
	    " AND actor_kind = 'operator' AND actor_id = 1 AND entity_id = %lld"
	    " AND JSON_VALUE(after_json, '$.credential') = 'invite'", (long long)id), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%%%s%%'", tok), 0);

	assert_int_equal(user_get(db, &ra1, id, &u), CORE_OK);
	assert_string_equal(u.email, "ann@acme.example");
	assert_string_equal(u.name, "Ann Smith");
	assert_int_equal(u.role, ROLE_CUSTOMER_OWNER);
	assert_int_equal(u.has_password, 0);
	assert_string_equal(u.last_login_at, "");

	/* no password yet: nothing signs in */
	assert_int_equal(session_signin(db, 1, "ann@acme.example", "!invited", NULL, &s, why), CORE_INVALID);
	/* the link sets one, once */
	assert_int_equal(session_password_reset(db, 1, tok, PW, why), CORE_OK);
	assert_int_equal(session_password_reset(db, 1, tok, PW, why), CORE_NOTFOUND);
	assert_int_equal(session_signin(db, 1, "ann@acme.example", PW, NULL, &s, why), CORE_OK);
	assert_int_equal(s.actor.role, ROLE_CUSTOMER_OWNER);
	free(link);

	/* a reseller without storefront cannot invite (but a one-time password works) */
	assert_int_equal(user_create(db, &ra3, 4, "dan@delta.example", "Dan", ROLE_CUSTOMER_MEMBER, USER_INVITE, PUBLIC,
	    NULL, &id, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "storefront"));
	db_close(db);
}

static void
one_time_password_must_change(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	char otp[USER_OTP_SZ], why[CORE_WHY];
	int64_t id;
	int must = -1;
	struct actor a;

	(void)state;
	assert_int_equal(user_create(db, &ra1, 1, "bob@acme.example", "Bob", ROLE_CUSTOMER_MEMBER, USER_ONE_TIME_PASSWORD,
	    NULL, otp, &id, why), CORE_OK);
	assert_int_equal(strlen(otp), 19);
	assert_int_equal(testlib_int(DB, "SELECT must_change_password FROM storefront_users WHERE id = %lld",
	    (long long)id), 1);
	/* stored hashed, not in clear, and not in the audit log */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM storefront_users WHERE password_hash LIKE '$y$%%'"
	    " AND password_hash NOT LIKE '%%%s%%'", otp), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%%%s%%'", otp), 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox"), 0);
	assert_int_equal(user_create(db, &ra1, 1, "bob2@acme.example", "Bob", ROLE_CUSTOMER_MEMBER,
	    USER_ONE_TIME_PASSWORD, NULL, NULL, &id, why), CORE_INVALID);

	assert_int_equal(session_signin(db, 1, "bob@acme.example", otp, NULL, &s, why), CORE_OK);
	assert_int_equal(s.must_change_password, 1);
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, &must), CORE_OK);
	assert_int_equal(must, 1);
	assert_int_equal(session_change_password(db, &a, s.token, otp, PW, why), CORE_OK);
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, &must), CORE_OK);
	assert_int_equal(must, 0);
	db_close(db);
}

static void
email_unique_per_storefront_and_fields_checked(void **state)
{
	struct db *db = fresh();
	char otp[USER_OTP_SZ], why[CORE_WHY], longname[260];
	int64_t id;

	(void)state;
	assert_int_equal(user_create(db, &ra1, 1, "ann@acme.example", "Ann", ROLE_CUSTOMER_OWNER, USER_ONE_TIME_PASSWORD,
	    NULL, otp, &id, why), CORE_OK);
	/* any case, any customer of the same reseller */
	assert_int_equal(user_create(db, &ra1, 2, "ANN@Acme.example", "Ann", ROLE_CUSTOMER_MEMBER,
	    USER_ONE_TIME_PASSWORD, NULL, otp, &id, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "already exists"));
	assert_string_equal(otp, "");
	assert_int_equal(id, 0);
	/* another storefront may have the same address */
	assert_int_equal(user_create(db, &ra2, 3, "ann@acme.example", "Ann", ROLE_CUSTOMER_OWNER, USER_ONE_TIME_PASSWORD,
	    NULL, otp, &id, why), CORE_OK);

	assert_int_equal(user_create(db, &ra1, 1, "not an email", "X", ROLE_CUSTOMER_MEMBER, USER_ONE_TIME_PASSWORD,
	    NULL, otp, &id, why), CORE_INVALID);
	assert_non_null(strstr(why, "e-mail"));
	assert_int_equal(user_create(db, &ra1, 1, "x@acme.example", "  ", ROLE_CUSTOMER_MEMBER, USER_ONE_TIME_PASSWORD,
	    NULL, otp, &id, why), CORE_INVALID);
	memset(longname, 'n', 201);
	longname[201] = '\0';
	assert_int_equal(user_create(db, &ra1, 1, "x@acme.example", longname, ROLE_CUSTOMER_MEMBER,
	    USER_ONE_TIME_PASSWORD, NULL, otp, &id, why), CORE_INVALID);
	assert_int_equal(user_create(db, &ra1, 1, "x@acme.example", "X", ROLE_RESELLER_ADMIN, USER_ONE_TIME_PASSWORD,
	    NULL, otp, &id, why), CORE_INVALID);
	assert_non_null(strstr(why, "role"));
	assert_int_equal(user_create(db, &ra1, 1, "x@acme.example", "X", ROLE_CUSTOMER_MEMBER, USER_CREDENTIAL__MAX,
	    NULL, otp, &id, why), CORE_INVALID);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM storefront_users"), 2);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.create'"), 2);
	db_close(db);
}

static void
deactivation_kills_sessions(void **state)
{
	struct db *db = fresh();
	struct session_new s;
	struct actor owner, a;
	char why[CORE_WHY];
	int64_t oid, mid;

	(void)state;
	oid = otp_user(db, &ra1, 1, "owner@acme.example", ROLE_CUSTOMER_OWNER, &owner);
	mid = otp_user(db, &ra1, 1, "member@acme.example", ROLE_CUSTOMER_MEMBER, NULL);
	assert_int_equal(session_signin(db, 1, "member@acme.example", PW, NULL, &s, why), CORE_OK);

	/* the owner deactivates its colleague: sessions gone, sign-in refused */
	assert_int_equal(user_set_active(db, &owner, mid, 0, why), CORE_OK);
	assert_int_equal(session_check(db, 1, s.token, &a, NULL, NULL), CORE_NOTFOUND);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM sessions WHERE user_id = %lld", (long long)mid), 0);
	assert_int_equal(session_signin(db, 1, "member@acme.example", PW, NULL, &s, why), CORE_INVALID);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.active'"
	    " AND actor_kind = 'storefront_user' AND actor_id = %lld AND entity_id = %lld"
	    " AND before_json LIKE '%%\"active\":true%%' AND after_json LIKE '%%\"active\":false%%'",
	    (long long)oid, (long long)mid), 1);
	/* the same state again changes nothing */
	assert_int_equal(user_set_active(db, &owner, mid, 0, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.active'"), 1);
	/* the reseller admin turns it back on */
	assert_int_equal(user_set_active(db, &ra1, mid, 1, why), CORE_OK);
	assert_int_equal(session_signin(db, 1, "member@acme.example", PW, NULL, &s, why), CORE_OK);
	/* an owner cannot lock itself out */
	assert_int_equal(user_set_active(db, &owner, oid, 0, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "own account"));
	assert_int_equal(user_set_active(db, &ra1, mid, 2, why), CORE_INVALID);
	db_close(db);
}

static void
admin_reset_and_profile(void **state)
{
	struct db *db = fresh();
	struct actor member;
	struct user u;
	char why[CORE_WHY], *link, *tok;
	int64_t mid;

	(void)state;
	mid = otp_user(db, &ra1, 1, "member@acme.example", ROLE_CUSTOMER_MEMBER, &member);
	assert_int_equal(user_reset_password(db, &ra1, mid, PUBLIC, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE JSON_VALUE(payload, '$.template') ="
	    " 'storefront_password_reset' AND JSON_VALUE(payload, '$.to') = 'member@acme.example'"), 1);
	link = last_link();
	tok = strstr(link, "token=") + 6;
	assert_int_equal(testlib_int(DB, "SELECT TIMESTAMPDIFF(SECOND, created_at, expires_at) FROM password_resets"
	    " WHERE token_hash = UNHEX(SHA2('%s', 256))", tok), SESSION_RESET_SECONDS);
	assert_int_equal(session_password_reset(db, 1, tok, "brand new secret", why), CORE_OK);
	free(link);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.password_reset_request'"
	    " AND actor_id = 1 AND entity_id = %lld", (long long)mid), 1);
	/* a deactivated user gets no mail */
	assert_int_equal(user_set_active(db, &ra1, mid, 0, why), CORE_OK);
	assert_int_equal(user_reset_password(db, &ra1, mid, PUBLIC, why), CORE_CONFLICT);
	assert_int_equal(user_set_active(db, &ra1, mid, 1, why), CORE_OK);

	/* the user renames itself; nobody else does it through this call */
	assert_int_equal(user_update_profile(db, &member, "Mem Ber", why), CORE_OK);
	assert_int_equal(user_get(db, &member, mid, &u), CORE_OK);
	assert_string_equal(u.name, "Mem Ber");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'user.profile'"
	    " AND JSON_VALUE(before_json, '$.name') = 'Someone' AND JSON_VALUE(after_json, '$.name') = 'Mem Ber'"), 1);
	assert_int_equal(user_update_profile(db, &member, "", why), CORE_INVALID);
	assert_int_equal(user_update_profile(db, &ra1, "Admin", why), CORE_FORBIDDEN);
	{
		json_t *j = user_to_json(&u);

		assert_non_null(j);
		assert_string_equal(json_string_value(json_object_get(j, "role")), "member");
		assert_null(json_object_get(j, "password_hash"));
		json_decref(j);
	}
	db_close(db);
}

static void
list_search_sort_page(void **state)
{
	struct db *db = fresh();
	struct user_list l;
	struct user_query q;
	char otp[USER_OTP_SZ], why[CORE_WHY], email[64];
	int64_t id;
	int i;

	(void)state;
	for (i = 0; i < 7; i++) {
		snprintf(email, sizeof(email), "user%d@acme.example", i);
		assert_int_equal(user_create(db, &ra1, 1, email, i % 2 ? "Odd_One" : "Even", ROLE_CUSTOMER_MEMBER,
		    USER_ONE_TIME_PASSWORD, NULL, otp, &id, why), CORE_OK);
	}
	assert_int_equal(user_create(db, &ra1, 2, "other@bravo.example", "Other", ROLE_CUSTOMER_MEMBER,
	    USER_ONE_TIME_PASSWORD, NULL, otp, &id, why), CORE_OK);
	assert_int_equal(user_set_active(db, &ra1, id, 0, why), CORE_OK);

	assert_int_equal(user_list(db, &ra1, 1, NULL, &l), CORE_OK);
	assert_int_equal(l.n, 7);
	assert_int_equal(l.total, 7);
	assert_string_equal(l.items[0].email, "user0@acme.example");
	user_list_free(&l);

	memset(&q, 0, sizeof(q));
	q.search = "_";		/* a literal underscore, not a wildcard */
	q.limit = 2;
	q.offset = 1;
	q.sort = USER_SORT_NEWEST;
	assert_int_equal(user_list(db, &ra1, 1, &q, &l), CORE_OK);
	assert_int_equal(l.total, 3);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].email, "user3@acme.example");
	assert_string_equal(l.items[1].email, "user1@acme.example");
	user_list_free(&l);

	memset(&q, 0, sizeof(q));
	q.status = USER_INACTIVE;
	assert_int_equal(user_list(db, &ra1, 2, &q, &l), CORE_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].active, 0);
	user_list_free(&l);
	q.status = USER_ACTIVE;
	assert_int_equal(user_list(db, &ra1, 2, &q, &l), CORE_OK);
	assert_int_equal(l.n, 0);
	user_list_free(&l);
	q.sort = USER_SORT__MAX;
	assert_int_equal(user_list(db, &ra1, 2, &q, &l), CORE_INVALID);
	db_close(db);
}

static void
confined_to_tenant_and_customer(void **state)
{
	struct db *db = fresh();
	struct actor owner1, owner2, member1;
	struct user_list l;
	struct user u;
	char otp[USER_OTP_SZ], why[CORE_WHY];
	int64_t o1, o2, m1, c3, id;

	(void)state;
	o1 = otp_user(db, &ra1, 1, "owner@acme.example", ROLE_CUSTOMER_OWNER, &owner1);
	m1 = otp_user(db, &ra1, 1, "member@acme.example", ROLE_CUSTOMER_MEMBER, &member1);
	o2 = otp_user(db, &ra1, 2, "owner@bravo.example", ROLE_CUSTOMER_OWNER, &owner2);
	c3 = otp_user(db, &ra2, 3, "owner@charlie.example", ROLE_CUSTOMER_OWNER, NULL);

	/* reseller admin B cannot see or touch A's customers and users */
	assert_int_equal(user_list(db, &ra2, 1, NULL, &l), CORE_NOTFOUND);
	assert_int_equal(user_get(db, &ra2, o1, &u), CORE_NOTFOUND);
	assert_int_equal(user_set_active(db, &ra2, o1, 0, why), CORE_NOTFOUND);
	assert_int_equal(user_reset_password(db, &ra2, o1, PUBLIC, why), CORE_NOTFOUND);
	assert_int_equal(user_create(db, &ra2, 1, "sneak@acme.example", "Sneak", ROLE_CUSTOMER_OWNER,
	    USER_ONE_TIME_PASSWORD, NULL, otp, &id, why), CORE_NOTFOUND);
	assert_int_equal(user_set_active(db, &ra1, c3, 0, why), CORE_NOTFOUND);

	/* an owner is confined to its own customer, whatever customer id it passes */
	assert_int_equal(user_list(db, &owner2, 1, NULL, &l), CORE_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].id, o2);
	user_list_free(&l);
	assert_int_equal(user_get(db, &owner2, o1, &u), CORE_NOTFOUND);
	assert_int_equal(user_set_active(db, &owner2, m1, 0, why), CORE_NOTFOUND);
	assert_int_equal(user_reset_password(db, &owner2, m1, PUBLIC, why), CORE_NOTFOUND);
	assert_int_equal(user_create(db, &owner2, 1, "new@bravo.example", "New", ROLE_CUSTOMER_MEMBER,
	    USER_ONE_TIME_PASSWORD, NULL, otp, &id, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT customer_id FROM storefront_users WHERE id = %lld", (long long)id), 2);
	assert_int_equal(user_list(db, &owner1, 0, NULL, &l), CORE_OK);
	assert_int_equal(l.n, 2);
	user_list_free(&l);

	/* a member manages nobody, reads only itself */
	assert_int_equal(user_list(db, &member1, 1, NULL, &l), CORE_FORBIDDEN);
	assert_int_equal(user_create(db, &member1, 1, "x@acme.example", "X", ROLE_CUSTOMER_MEMBER,
	    USER_ONE_TIME_PASSWORD, NULL, otp, &id, why), CORE_FORBIDDEN);
	assert_int_equal(user_set_active(db, &member1, o1, 0, why), CORE_FORBIDDEN);
	assert_int_equal(user_reset_password(db, &member1, o1, PUBLIC, why), CORE_FORBIDDEN);
	assert_int_equal(user_get(db, &member1, o1, &u), CORE_NOTFOUND);
	assert_int_equal(user_get(db, &member1, m1, &u), CORE_OK);

	/* support and a tenantless admin: no */
	assert_int_equal(user_list(db, &support, 1, NULL, &l), CORE_FORBIDDEN);
	assert_int_equal(user_set_active(db, &support, o1, 0, why), CORE_FORBIDDEN);
	ra1.reseller_id = 0;
	assert_int_equal(user_set_active(db, &ra1, o1, 0, why), CORE_FORBIDDEN);
	ra1.reseller_id = 1;

	/* nothing was changed by any refused call */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM storefront_users WHERE active = 0"), 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM storefront_users"), 5);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox"), 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(invite_sends_a_working_link),
		cmocka_unit_test(one_time_password_must_change),
		cmocka_unit_test(email_unique_per_storefront_and_fields_checked),
		cmocka_unit_test(deactivation_kills_sessions),
		cmocka_unit_test(admin_reset_and_profile),
		cmocka_unit_test(list_search_sort_page),
		cmocka_unit_test(confined_to_tenant_and_customer),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
