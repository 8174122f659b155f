/*
 * test_billing_daily.c - the daily billing pass against the real MariaDB:
 * run day by day from 2027-12-28 to 2028-03-02 (a year end, month ends,
 * a leap day), each renewal, term-end cancellation, trial expiry, trial
 * reminder and overdue invoice happens exactly once, on its day; a second
 * run for a date (also one forced by clearing the run record) changes
 * nothing; a crashed run is resumed, a live one is left alone; two
 * workers at once run a date once; the demo data's pending changes happen.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "billing_daily.h"
#include "invoice.h"
#include "testlib.h"

static const char fixture_sql[] =
    TESTLIB_TWO_RESELLERS
    "INSERT INTO customers (id, reseller_id, name, email, approval_required, active) VALUES"
    " (1, 1, 'Cust One', 'c1@example.com', 0, 1);"
    "INSERT INTO storefront_users (id, reseller_id, customer_id, email, name, password_hash, role) VALUES"
    " (1, 1, 1, 'u1@example.com', 'User One', 'x', 'owner');"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,"
    " currency, trial_days) VALUES"
    " (1, 1, 'M365BS', 'Microsoft 365 Business Standard', 'm365-bs', 'Microsoft', 'license', 'monthly', 1037, 'EUR', 30),"
    " (2, 1, 'ACR', 'Acronis Cyber Protect', 'acronis', 'Acronis', 'license', 'annual', 8999, 'EUR', NULL);"
    /* 1: month ends 31 Jan / 29 Feb; 2: year end, annual; 3: cancelled at term end on New Year's Day;
     * 4: decrease 5 -> 3 at 30 Dec, then 29 Feb (30 Feb does not exist); 6: the 28th;
     * 7: three months behind, caught up period by period; 8, 9, 10: trials */
    "INSERT INTO subscriptions (id, reseller_id, customer_id, product_id, quantity, pending_quantity, status,"
    " unit_price, unit_cost, billing_period, start_date, renewal_date, trial_ends_on, cancel_at_term_end) VALUES"
    " (1, 1, 1, 1, 10, NULL, 'active', 1167, 1037, 'monthly', '2027-01-31', '2027-12-31', NULL, 0),"
    " (2, 1, 1, 2, 2, NULL, 'active', 9299, 8999, 'annual', '2025-12-31', '2027-12-31', NULL, 0),"
    " (3, 1, 1, 1, 4, NULL, 'active', 1167, 1037, 'monthly', '2027-06-01', '2028-01-01', NULL, 1),"
    " (4, 1, 1, 1, 5, 3, 'active', 1167, 1037, 'monthly', '2027-10-30', '2027-12-30', NULL, 0),"
    " (6, 1, 1, 1, 1, NULL, 'active', 1167, 1037, 'monthly', '2027-11-28', '2027-12-28', NULL, 0),"
    " (7, 1, 1, 1, 1, NULL, 'active', 1167, 1037, 'monthly', '2027-08-15', '2027-09-15', NULL, 0),"
    " (8, 1, 1, 1, 1, NULL, 'trial', 1167, 1037, 'monthly', '2027-12-03', '2028-01-02', '2028-01-02', 0),"
    " (9, 1, 1, 1, 1, NULL, 'trial', 1167, 1037, 'monthly', '2027-12-10', '2028-01-09', '2028-01-09', 0),"
    " (10, 1, 1, 1, 1, NULL, 'trial', 1167, 1037, 'monthly', '2028-01-31', '2028-03-01', '2028-03-01', 0);"
    "INSERT INTO invoices (id, distributor_id, reseller_id, number, issued_on, due_on, currency, total, status) VALUES"
    " (1, 1, 1, 'INV-1', '2027-12-01', '2027-12-31', 'EUR', 10000, 'open'),"
    " (2, 1, 1, 'INV-2', '2027-12-03', '2028-01-02', 'EUR', 20000, 'open'),"
    " (3, 1, 2, 'INV-3', '2028-01-29', '2028-02-28', 'EUR', 30000, 'open'),"
    " (4, 1, 1, 'INV-4', '2027-11-01', '2027-12-01', 'EUR', 40000, 'paid'),"
    " (5, 1, 1, 'INV-5', '2027-11-20', '2027-12-20', 'EUR', 50000, 'open'),"
    " (6, 1, 1, 'INV-6', '2028-02-01', '2028-03-02', 'EUR', 60000, 'open');"
    "INSERT INTO payments (reseller_id, invoice_id, amount, currency, paid_on) VALUES (1, 1, 2500, 'EUR', '2027-12-15');"
    /* the pinned clock is 2026-11-25 12:00: one session and one link of each kind past it */
    "INSERT INTO sessions (token_hash, user_id, reseller_id, customer_id, csrf_token, last_seen_at, expires_at) VALUES"
    " (UNHEX(SHA2('old', 256)), 1, 1, 1, REPEAT('a', 64), '2026-11-20 10:00:00', '2026-11-21 10:00:00'),"
    " (UNHEX(SHA2('live', 256)), 1, 1, 1, REPEAT('b', 64), '2026-11-25 11:50:00', '2026-12-25 10:00:00');"
    "INSERT INTO password_resets (token_hash, user_id, expires_at, used_at) VALUES"
    " (UNHEX(SHA2('r-old', 256)), 1, '2026-11-20 10:00:00', NULL),"
    " (UNHEX(SHA2('r-used', 256)), 1, '2026-11-26 10:00:00', '2026-11-20 10:00:00'),"
    " (UNHEX(SHA2('r-live', 256)), 1, '2026-11-26 10:00:00', NULL)";

/* what the pass must do on a day; every other day it does nothing */
struct day {
	const char *date;
	int64_t     n[BD__MAX];
};

static const struct day days[] = {
	/* renewed, decreased, ended, expired, reminded, overdue, sessions, resets */
	{ "2027-12-28", { 5, 0, 0, 0, 0, 1, 1, 2 } },	/* 6; 7 four times (Sep..Dec); INV-5 */
	{ "2027-12-30", { 1, 1, 0, 0, 0, 0, 0, 0 } },	/* 4 with its decrease */
	{ "2027-12-31", { 2, 0, 0, 0, 0, 0, 0, 0 } },	/* 1, 2 */
	{ "2028-01-01", { 0, 0, 1, 0, 0, 1, 0, 0 } },	/* 3 ends; INV-1 */
	{ "2028-01-02", { 0, 0, 0, 1, 1, 0, 0, 0 } },	/* 8 expires; 9 reminded */
	{ "2028-01-03", { 0, 0, 0, 0, 0, 1, 0, 0 } },	/* INV-2 */
	{ "2028-01-09", { 0, 0, 0, 1, 0, 0, 0, 0 } },	/* 9 */
	{ "2028-01-15", { 1, 0, 0, 0, 0, 0, 0, 0 } },	/* 7 */
	{ "2028-01-28", { 1, 0, 0, 0, 0, 0, 0, 0 } },	/* 6 */
	{ "2028-01-30", { 1, 0, 0, 0, 0, 0, 0, 0 } },	/* 4 */
	{ "2028-01-31", { 1, 0, 0, 0, 0, 0, 0, 0 } },	/* 1 */
	{ "2028-02-15", { 1, 0, 0, 0, 0, 0, 0, 0 } },	/* 7 */
	{ "2028-02-23", { 0, 0, 0, 0, 1, 0, 0, 0 } },	/* 10: ends 1 Mar, 2028 has a 29 Feb */
	{ "2028-02-28", { 1, 0, 0, 0, 0, 0, 0, 0 } },	/* 6 */
	{ "2028-02-29", { 2, 0, 0, 0, 0, 1, 0, 0 } },	/* 1, 4; INV-3 */
	{ "2028-03-01", { 0, 0, 0, 1, 0, 0, 0, 0 } },	/* 10 */
};

/* snapshot - everything the pass may change, as one string (malloc'd) */
static char *
snapshot(const char *dbn)
{
	return testlib_str(dbn, "SELECT CONCAT_WS('|',"
	    " (SELECT GROUP_CONCAT(CONCAT_WS(',', id, status, quantity, COALESCE(pending_quantity, '-'), renewal_date,"
	    "   COALESCE(trial_reminded_on, '-')) ORDER BY id) FROM subscriptions),"
	    " (SELECT GROUP_CONCAT(CONCAT_WS(',', id, status, COALESCE(overdue_since, '-')) ORDER BY id) FROM invoices),"
	    " (SELECT COUNT(*) FROM fulfilments), (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM audit_log),"
	    " (SELECT COUNT(*) FROM sessions), (SELECT COUNT(*) FROM password_resets))");
}

static void
expect_counts(const struct billing_daily_result *r, const int64_t *want)
{
	char got[512], exp[512];
	struct billing_daily_result w = *r;

	memcpy(w.n, want, sizeof(w.n));
	assert_string_equal(billing_daily_summary(r, got, sizeof(got)), billing_daily_summary(&w, exp, sizeof(exp)));
	assert_int_equal(r->n[BD_DECREASED], want[BD_DECREASED]);
}

static void
day_by_day_across_year_and_month_ends(void **state)
{
	const char *dbn = "shelf_bd_days";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	static const int64_t none[BD__MAX];
	struct billing_daily_result r;
	struct actor sys;
	char *date, *before, *after, *t;
	size_t k = 0;
	int i;

	(void)state;
	actor_system(&sys, 0);
	for (i = 0; i < 66; i++) {
		date = testlib_str(dbn, "SELECT '2027-12-28' + INTERVAL %d DAY", i);
		assert_int_equal(billing_daily(db, &sys, date, &r), CORE_OK);
		assert_int_equal(r.already, 0);
		if (k < TESTLIB_LEN(days) && strcmp(days[k].date, date) == 0)
			expect_counts(&r, days[k++].n);
		else
			expect_counts(&r, none);
		/* once more: the run is recorded, nothing changes, what it did is reported */
		before = snapshot(dbn);
		assert_int_equal(billing_daily(db, &sys, date, &r), CORE_OK);
		assert_int_equal(r.already, 1);
		assert_string_equal(r.finished_at, "2026-11-25 12:00:00");
		/* forced again (the record cleared): every step finds nothing to do */
		testlib_sql(dbn, "UPDATE billing_runs SET started_at = NULL, heartbeat_at = NULL, finished_at = NULL,"
		    " counts = NULL WHERE run_date = '%s'", date);
		assert_int_equal(billing_daily(db, &sys, date, &r), CORE_OK);
		assert_int_equal(r.already, 0);
		expect_counts(&r, none);
		after = snapshot(dbn);
		assert_string_equal(before, after);
		free(before);
		free(after);
		free(date);
	}
	assert_int_equal(k, TESTLIB_LEN(days));
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM billing_runs WHERE finished_at IS NOT NULL"), 66);

	/* where everything ended up */
	t = testlib_str(dbn, "SELECT GROUP_CONCAT(CONCAT_WS(',', id, status, quantity, renewal_date) ORDER BY id SEPARATOR ' ')"
	    " FROM subscriptions");
	assert_string_equal(t, "1,active,10,2028-03-31 2,active,2,2028-12-31 3,cancelled,4,2028-01-01"
	    " 4,active,3,2028-03-30 6,active,1,2028-03-28 7,active,1,2028-03-15 8,expired,1,2028-01-02"
	    " 9,expired,1,2028-01-09 10,expired,1,2028-03-01");
	free(t);
	t = testlib_str(dbn, "SELECT GROUP_CONCAT(CONCAT_WS(',', number, COALESCE(overdue_since, '-')) ORDER BY id SEPARATOR ' ')"
	    " FROM invoices");
	assert_string_equal(t, "INV-1,2028-01-01 INV-2,2028-01-03 INV-3,2028-02-29 INV-4,- INV-5,2027-12-21 INV-6,-");
	free(t);
	/* the vendor: one quantity task for the decrease, one cancel for the end of term and each expired trial */
	t = testlib_str(dbn, "SELECT GROUP_CONCAT(CONCAT_WS(',', subscription_id, action, quantity, status) ORDER BY id"
	    " SEPARATOR ' ') FROM fulfilments");
	assert_string_equal(t, "4,quantity,3,waiting 3,cancel,waiting 8,cancel,waiting 9,cancel,waiting"
	    " 10,cancel,waiting");
	free(t);
	/* the e-mails: two reminders, four overdue notices to the invoices' resellers */
	t = testlib_str(dbn, "SELECT GROUP_CONCAT(CONCAT_WS(',', JSON_VALUE(payload, '$.template'),"
	    " JSON_VALUE(payload, '$.to'), JSON_VALUE(payload, '$.subject')) ORDER BY id SEPARATOR ' | ') FROM outbox");
	assert_string_equal(t, "invoice_overdue,r1@example.com,Invoice INV-5 is overdue"
	    " | invoice_overdue,r1@example.com,Invoice INV-1 is overdue"
	    " | trial_ending,c1@example.com,Your trial ends in 7 days"
	    " | invoice_overdue,r1@example.com,Invoice INV-2 is overdue"
	    " | trial_ending,c1@example.com,Your trial ends in 7 days"
	    " | invoice_overdue,r2@example.com,Invoice INV-3 is overdue");
	free(t);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM outbox WHERE JSON_VALUE(payload, '$.data.outstanding') = '€75.00'"), 1);
	t = testlib_str(dbn, "SELECT GROUP_CONCAT(CONCAT(action, '=', n) ORDER BY action) FROM"
	    " (SELECT action, COUNT(*) AS n FROM audit_log WHERE actor_kind = 'system' GROUP BY action) x");
	assert_string_equal(t, "invoice.overdue=4,subscription.end_term=1,subscription.expire=3,subscription.renew=16");
	free(t);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM sessions"), 1);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM password_resets"), 1);
	db_close(db);
}

static void
crashed_run_resumed_live_run_left_alone(void **state)
{
	const char *dbn = "shelf_bd_crash";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct billing_daily_result r;
	struct actor sys, one;
	char line[512];

	(void)state;
	actor_system(&sys, 0);
	actor_system(&one, 1);
	assert_int_equal(billing_daily(db, &one, "2027-12-31", &r), CORE_FORBIDDEN);
	assert_int_equal(billing_daily(db, &sys, "2027-02-29", &r), CORE_INVALID);
	assert_int_equal(billing_daily(db, &sys, "2027-12-32", &r), CORE_INVALID);
	/* another worker's run, its heartbeat fresh: not touched */
	testlib_sql(dbn, "INSERT INTO billing_runs (run_date, started_at, heartbeat_at) VALUES"
	    " ('2027-12-31', NOW() - INTERVAL 1 MINUTE, NOW() - INTERVAL 1 MINUTE)");
	assert_int_equal(billing_daily(db, &sys, "2027-12-31", &r), CORE_CONFLICT);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM subscriptions WHERE renewal_date <= '2027-12-31'"
	    " AND status = 'active'"), 5);
	/* a crash: the heartbeat is old, the counts so far are kept and added to */
	testlib_sql(dbn, "UPDATE billing_runs SET heartbeat_at = NOW() - INTERVAL 20 MINUTE,"
	    " counts = '{\"renewed\": 2, \"overdue\": 7}' WHERE run_date = '2027-12-31'");
	assert_int_equal(billing_daily(db, &sys, "2027-12-31", &r), CORE_OK);
	assert_int_equal(r.already, 0);
	assert_string_equal(billing_daily_summary(&r, line, sizeof(line)), "2027-12-31: 10 renewed,"
	    " 0 cancelled at term end, 0 trials expired, 0 trial reminders, 8 invoices overdue,"
	    " 1 session and 2 reset tokens purged");
	assert_int_equal(testlib_int(dbn, "SELECT JSON_VALUE(counts, '$.renewed') FROM billing_runs"
	    " WHERE run_date = '2027-12-31' AND finished_at IS NOT NULL"), 10);
	db_close(db);
}

struct race {
	int ok, already, busy, failed;
};

static void
race_one(struct db *db, int i, void *arg)
{
	struct race *r = arg;
	struct billing_daily_result res;
	struct actor sys;
	enum core_err er;

	actor_system(&sys, 0);
	er = billing_daily(db, &sys, "2028-01-02", &res);
	/* CONFLICT: another worker holds the day (a deadlock between claims says the same); any other error fails */
	if (er != CORE_OK && er != CORE_CONFLICT)
		print_message("worker %d: %s: %s\n", i, core_strerror(er), db_error(db));
	__atomic_add_fetch(er == CORE_CONFLICT ? &r->busy : er != CORE_OK ? &r->failed : res.already ? &r->already
	    : &r->ok, 1, __ATOMIC_SEQ_CST);
}

static void
two_workers_one_run(void **state)
{
	const char *dbn = "shelf_bd_race";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct race r = { 0, 0, 0, 0 };

	(void)state;
	testlib_race(dbn, 4, race_one, &r);
	assert_int_equal(r.failed, 0);
	assert_int_equal(r.ok, 1);
	assert_int_equal(r.ok + r.already + r.busy, 4);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action = 'subscription.renew'"), 8);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM outbox"), 3);
	db_close(db);
}

static void
demo_data(void **state)
{
	const char *dbn = "shelf_bd_demo";
	struct db *db = testlib_fresh(dbn, TESTLIB_MIGRATE | TESTLIB_DEMO);
	struct actor sys, ra;
	struct billing_daily_result r;
	int64_t balance = 0, overdue = 0, count = 0, cancels;

	(void)state;
	actor_system(&sys, 0);
	/* the demo's today: its overdue invoices are marked, the dashboard's figure unchanged */
	assert_int_equal(billing_daily(db, &sys, "2026-11-25", &r), CORE_OK);
	ra = testlib_admin(1, 1);
	assert_int_equal(invoice_balance(db, &ra, 1, &balance, &overdue, &count), CORE_OK);
	assert_int_equal(r.n[BD_OVERDUE], testlib_int(dbn, "SELECT COUNT(*) FROM invoices WHERE status = 'open'"
	    " AND due_on < '2026-11-25'"));
	assert_int_equal(count, testlib_int(dbn, "SELECT COUNT(*) FROM invoices WHERE reseller_id = 1"
	    " AND status = 'open' AND overdue_since IS NOT NULL"));
	/* the subscription cancelled at term end (28 Nov) ends on that day's pass, not before */
	assert_int_equal(testlib_int(dbn, "SELECT status = 'active' FROM subscriptions WHERE id = 9"), 1);
	cancels = testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments WHERE subscription_id = 9 AND action = 'cancel'");
	assert_int_equal(billing_daily(db, &sys, "2026-11-28", &r), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT status = 'cancelled' FROM subscriptions WHERE id = 9"), 1);
	assert_true(r.n[BD_ENDED] >= 1);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments WHERE subscription_id = 9 AND action = 'cancel'"),
	    cancels + (testlib_int(dbn, "SELECT p.connector <> 'keys' FROM subscriptions s JOIN products p"
	    " ON p.id = s.product_id WHERE s.id = 9") ? 1 : 0));
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(day_by_day_across_year_and_month_ends),
		cmocka_unit_test(crashed_run_resumed_live_run_left_alone),
		cmocka_unit_test(two_workers_one_run),
		cmocka_unit_test(demo_data),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
