/*
 * test_seed.c - the demo data look like a running business on any day:
 * loaded with the clock pinned to other instants (a month's first hour,
 * a month's last minutes, a leap day), the story moves with it.  Every
 * figure is read back with independent SQL at the same instant.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "migrate.h"
#include "seed.h"
#include "testlib.h"

#define DB "sr_seed"

/* the instants the story is loaded at; the first is the story's own */
static const char *const instants[] = {
	TESTLIB_CLOCK,
	"2027-01-01 00:20:00",
	"2027-02-28 23:50:00",
	"2028-02-29 09:00:00",
	"2026-12-02 06:30:00",
};

/* load - a fresh database with the demo loaded with the clock at `at`. */
static void
load(const char *at)
{
	struct config cfg;
	struct db *db;
	char msg[1024];
	int applied;

	testlib_sql(NULL, "DROP DATABASE IF EXISTS `" DB "`; CREATE DATABASE `" DB "` "
	    "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
	testlib_config(&cfg, DB);
	snprintf(cfg.clock, sizeof(cfg.clock), "%s", at);
	if (db_open(&cfg, &db, msg, sizeof(msg)) != CORE_OK)
		fail_msg("%s", msg);
	if (migrate_apply(db, cfg.sql_dir, &applied, NULL, NULL, msg, sizeof(msg)) != CORE_OK)
		fail_msg("migrate: %s", msg);
	if (seed_demo(db, cfg.sql_dir, msg, sizeof(msg)) != CORE_OK)
		fail_msg("seed demo at %s: %s", at, msg);
	db_close(db);
}

/* at_int - the integer that independent SQL gives with the clock at `at`. */
static int64_t
at_int(const char *at, const char *sql)
{
	testlib_sql(DB, "DROP TABLE IF EXISTS t_at; CREATE TABLE t_at (v BIGINT); "
	    "SET timestamp = UNIX_TIMESTAMP('%s'); INSERT INTO t_at %s", at, sql);
	return testlib_int(DB, "SELECT v FROM t_at");
}

static void
story_moves_with_the_clock(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(instants) / sizeof(instants[0]); i++) {
		const char *at = instants[i];

		print_message("demo loaded at %s\n", at);
		load(at);
		/* nothing happened after now */
		assert_int_equal(at_int(at, "SELECT COUNT(*) FROM orders WHERE created_at > NOW()"), 0);
		assert_int_equal(at_int(at, "SELECT COUNT(*) FROM audit_log WHERE at > NOW()"), 0);
		assert_int_equal(at_int(at, "SELECT COUNT(*) FROM payments WHERE paid_on >= CURRENT_DATE"), 0);
		assert_int_equal(at_int(at, "SELECT COUNT(*) FROM invoices WHERE issued_on > CURRENT_DATE"), 0);
		assert_int_equal(at_int(at, "SELECT COUNT(*) FROM contact_messages WHERE created_at > NOW()"), 0);
		/* recent orders: some in the last week */
		assert_true(at_int(at, "SELECT COUNT(*) FROM orders WHERE created_at > NOW() - INTERVAL 7 DAY") > 0);
		/* live subscriptions renew in the coming weeks, none is overdue */
		assert_int_equal(at_int(at, "SELECT COUNT(*) FROM subscriptions WHERE status IN ('active', 'trial') "
		    "AND renewal_date < CURRENT_DATE"), 0);
		assert_true(at_int(at, "SELECT COUNT(*) FROM subscriptions WHERE status = 'active' "
		    "AND renewal_date BETWEEN CURRENT_DATE AND CURRENT_DATE + INTERVAL 30 DAY") >= 5);
		/* a few overdue invoices, and an open one not yet due */
		assert_true(at_int(at, "SELECT COUNT(*) FROM invoices WHERE status = 'open' AND due_on < CURRENT_DATE") >= 2);
		assert_true(at_int(at, "SELECT COUNT(*) FROM invoices WHERE status = 'open' AND due_on >= CURRENT_DATE") >= 1);
		/* invoices are for calendar months, issued on the first of the next */
		assert_int_equal(at_int(at, "SELECT COUNT(*) FROM invoices WHERE DAY(issued_on) <> 1 OR DAY(period_start) <> 1 "
		    "OR period_end <> LAST_DAY(period_start) OR issued_on <> period_end + INTERVAL 1 DAY"), 0);
		/* their lines end with the invoice's month */
		assert_int_equal(at_int(at, "SELECT COUNT(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
		    "WHERE l.description NOT LIKE CONCAT('% ', DATE_FORMAT(i.period_start, '%M %Y'))"), 0);
		/* usage: from the first of the previous month to yesterday, every day */
		assert_int_equal(at_int(at, "SELECT MIN(usage_date) = DATE_FORMAT(CURRENT_DATE - INTERVAL 1 MONTH, '%Y-%m-01') "
		    "FROM usage_records"), 1);
		assert_int_equal(at_int(at, "SELECT MAX(usage_date) = CURRENT_DATE - INTERVAL 1 DAY FROM usage_records"), 1);
		assert_int_equal(at_int(at, "SELECT COUNT(DISTINCT usage_date) = DATEDIFF(CURRENT_DATE, "
		    "DATE_FORMAT(CURRENT_DATE - INTERVAL 1 MONTH, '%Y-%m-01')) FROM usage_records"), 1);
		/* the monthly rollup is of the rows' months, and sums them */
		assert_int_equal(at_int(at, "SELECT COUNT(*) FROM usage_monthly m LEFT JOIN (SELECT subscription_id, "
		    "DATE_FORMAT(usage_date, '%Y-%m-01') mo, service, meter, SUM(cost) c FROM usage_records "
		    "GROUP BY 1, 2, 3, 4) x ON x.subscription_id = m.subscription_id AND x.mo = m.month "
		    "AND x.service = m.service AND x.meter = m.meter AND x.c = m.cost WHERE x.c IS NULL"), 0);
		assert_int_equal(at_int(at, "SELECT (SELECT SUM(price) FROM usage_monthly) = (SELECT SUM(u.cost + "
		    "ROUND(u.cost * s.markup_bp / 10000)) FROM usage_records u JOIN subscriptions s ON s.id = u.subscription_id)"), 1);
		assert_int_equal(at_int(at, "SELECT COUNT(*) = (SELECT COUNT(*) FROM (SELECT DISTINCT subscription_id, "
		    "DATE_FORMAT(usage_date, '%Y-%m-01'), service, meter FROM usage_records) d) FROM usage_monthly"), 1);
	}
	/* at the story's own instant the story is as written in demo.sql */
	load(TESTLIB_CLOCK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM subscriptions WHERE id = 1 AND start_date = '2025-12-01' "
	    "AND renewal_date = '2026-12-01' AND created_at = '2025-12-01 09:14:07'"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE id = 4 AND issued_on = '2026-11-01' "
	    "AND due_on = '2026-12-01' AND period_end = '2026-10-31'"), 1);
	/* a week later, a week later; two months on, invoices two months on */
	load("2026-12-02 12:00:00");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM subscriptions WHERE id = 1 AND start_date = '2025-12-08' "
	    "AND renewal_date = '2026-12-08' AND created_at = '2025-12-08 09:14:07'"), 1);
	load("2027-01-25 12:00:00");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE id = 4 AND issued_on = '2027-01-01' "
	    "AND due_on = '2027-02-01' AND period_end = '2026-12-31'"), 1);
}

/* A failing load leaves nothing behind: the move is in the load's transaction. */
static void
second_load_refused(void **state)
{
	struct config cfg;
	struct db *db;
	char msg[1024];

	(void)state;
	load(instants[1]);
	testlib_config(&cfg, DB);
	if (db_open(&cfg, &db, msg, sizeof(msg)) != CORE_OK)
		fail_msg("%s", msg);
	assert_int_equal(seed_demo(db, cfg.sql_dir, msg, sizeof(msg)), CORE_CONFLICT);
	db_close(db);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM distributors"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(story_moves_with_the_clock),
		cmocka_unit_test(second_load_refused),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
