/*
 * test_period.c - the billing period (core/period.h): names round-trip
 * through the parser, the labels people see, and the schema: every
 * billing_period column has the same type as products.billing_period
 * and period_names lists exactly its values, in order (migration 004).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "period.h"
#include "testlib.h"

#define DB "sr_period"

static void
names_labels_parse(void **state)
{
	int p;

	(void)state;
	for (p = 0; p < PERIOD__MAX; p++) {
		assert_int_equal(period_parse(period_name((enum period)p)), p);
		assert_string_equal(period_names[p], period_name((enum period)p));
	}
	assert_null(period_names[PERIOD__MAX]);
	assert_int_equal(period_parse("yearly"), -1);
	assert_int_equal(period_parse(NULL), -1);
	assert_int_equal(period_of("nonsense"), PERIOD_MONTHLY);
	assert_string_equal(period_label(PERIOD_ANNUAL), "Annual");
	assert_string_equal(period_label(PERIOD_ONE_TIME), "One-time");
	assert_string_equal(period_suffix(PERIOD_MONTHLY), "/ month");
	assert_string_equal(period_suffix(PERIOD_ONE_TIME), "one-time");
	assert_string_equal(period_words(PERIOD_ANNUAL), "per year");
	assert_string_equal(period_words(PERIOD_ONE_TIME), "");
	assert_string_equal(period_label((enum period)PERIOD__MAX), "");
	assert_true(period_recurring(PERIOD_MONTHLY) && period_recurring(PERIOD_ANNUAL));
	assert_false(period_recurring(PERIOD_ONE_TIME));
}

static void
one_type_in_the_schema(void **state)
{
	struct db *db = testlib_fresh(DB, TESTLIB_MIGRATE);
	char want[200], *type;
	size_t n = 0;
	int p;

	(void)state;
	n += (size_t)snprintf(want + n, sizeof(want) - n, "enum(");
	for (p = 0; p < PERIOD__MAX; p++)
		n += (size_t)snprintf(want + n, sizeof(want) - n, "%s'%s'", p ? "," : "", period_names[p]);
	snprintf(want + n, sizeof(want) - n, ")");
	type = testlib_str(DB, "SELECT GROUP_CONCAT(DISTINCT COLUMN_TYPE) FROM information_schema.COLUMNS"
	    " WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'billing_period'");
	assert_string_equal(type, want);
	free(type);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM information_schema.COLUMNS"
	    " WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'billing_period'"), 2);
	/* a subscription is never one-time */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM information_schema.CHECK_CONSTRAINTS"
	    " WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'chk_subscriptions_recurring'"), 1);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_labels_parse),
		cmocka_unit_test(one_type_in_the_schema),
	};

	return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
