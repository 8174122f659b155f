/* test_money.c - price arithmetic, formatting, markup parsing; rounding checked against MariaDB. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "buf.h"
#include "money.h"
#include "testlib.h"

static void
price_rounds_half_up(void **state)
{
	static const struct { int64_t cost; int32_t bp; int64_t price; } cases[] = {
		{ 1000, 1250, 1125 },	/* exact */
		{ 1, 5000, 2 },		/* 0.5 rounds up */
		{ 1, 4999, 1 },		/* 0.4999 rounds down */
		{ 3, 5000, 5 },		/* 1.5 -> 2 */
		{ 999, 0, 999 },	/* no markup: price is cost */
		{ 0, 3000, 0 },
		{ 1999, 1, 1999 },	/* 0.1999 -> 0 */
		{ 5000, 1, 5001 },	/* 0.5 -> 1 */
	};
	int64_t p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(money_price(cases[i].cost, cases[i].bp, &p), CORE_OK);
		assert_int_equal(p, cases[i].price);
	}
}

static void
price_refuses_bad_input(void **state)
{
	int64_t p = 42;

	(void)state;
	assert_int_equal(money_price(-1, 100, &p), CORE_INVALID);
	assert_int_equal(money_price(100, -1, &p), CORE_INVALID);
	assert_int_equal(money_price(INT64_MAX, 2, &p), CORE_RANGE);
	assert_int_equal(money_price(INT64_MAX - 10, 10000, &p), CORE_RANGE);
	assert_int_equal(p, 42);
	assert_int_equal(money_mul(INT64_MAX / 2, 3, &p), CORE_RANGE);
	assert_int_equal(money_mul(10, -1, &p), CORE_INVALID);
	assert_int_equal(money_add(INT64_MAX, 1, &p), CORE_RANGE);
	assert_int_equal(money_mul(1234, 3, &p), CORE_OK);
	assert_int_equal(p, 3702);
}

static void
format(void **state)
{
	static const struct { int64_t amount; const char *cur, *text; } cases[] = {
		{ 123450, "EUR", "\xe2\x82\xac" "1,234.50" },
		{ 5, "USD", "$0.05" },
		{ -100000000, "GBP", "-\xc2\xa3" "1,000,000.00" },
		{ 1200, "JPY", "\xc2\xa5" "1,200" },
		{ 1200, "CHF", "CHF 12.00" },
		{ 1234567, "BHD", "BHD 1,234.567" },
		{ 99, "NOK", "NOK 0.99" },
	};
	char buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(money_format(cases[i].amount, cases[i].cur, buf, sizeof(buf)), cases[i].text);
}

static void
markup_parsing(void **state)
{
	static const struct { const char *text; enum core_err er; int32_t bp; } cases[] = {
		{ "12.50", CORE_OK, 1250 }, { "12.5", CORE_OK, 1250 }, { "0", CORE_OK, 0 },
		{ " 7 % ", CORE_OK, 700 }, { "0,25", CORE_OK, 25 }, { "1000", CORE_OK, 100000 },
		{ "-1", CORE_INVALID, 0 }, { "12.505", CORE_INVALID, 0 }, { "abc", CORE_INVALID, 0 },
		{ "", CORE_INVALID, 0 }, { ".", CORE_INVALID, 0 }, { "1000.01", CORE_INVALID, 0 },
		{ "99999999999999999999", CORE_INVALID, 0 },
	};
	char buf[32];
	int32_t bp;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bp = -7;
		if (money_parse_markup(cases[i].text, &bp) != cases[i].er)
			fail_msg("'%s': wrong verdict", cases[i].text);
		if (cases[i].er == CORE_OK)
			assert_int_equal(bp, cases[i].bp);
	}
	assert_string_equal(money_format_markup(1250, buf, sizeof(buf)), "12.50%");
	assert_string_equal(money_format_markup(5, buf, sizeof(buf)), "0.05%");
}

/*
 * The property: for 10^5 random (cost, markup) pairs our price equals
 * cost + MariaDB's ROUND of the exact DECIMAL product.  Pairs and our
 * prices go in with multi-row inserts; one query counts disagreements.
 */
#define PAIRS 100000
#define BATCH 5000

static void
price_equals_mariadb_round(void **state)
{
	struct buf sql = { 0 };
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	int64_t cost, price;
	int32_t bp;
	int i, j;

	(void)state;
	testlib_sql(NULL, "DROP DATABASE IF EXISTS shelf_money; CREATE DATABASE shelf_money");
	testlib_sql("shelf_money", "CREATE TABLE pairs (cost BIGINT NOT NULL, bp INT NOT NULL, price BIGINT NOT NULL)");
	for (i = 0; i < PAIRS; i += BATCH) {
		buf_reset(&sql);
		buf_puts(&sql, "INSERT INTO pairs VALUES ");
		for (j = 0; j < BATCH; j++) {
			/* xorshift64: reproducible, spread over small and huge costs */
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			cost = (int64_t)(x % (j % 3 == 0 ? 100000ULL : j % 3 == 1 ? 100000000ULL : 1000000000000ULL));
			bp = (int32_t)((x >> 40) % (MONEY_MARKUP_MAX + 1));
			assert_int_equal(money_price(cost, bp, &price), CORE_OK);
			buf_printf(&sql, "%s(%lld,%d,%lld)", j ? "," : "", (long long)cost, bp, (long long)price);
		}
		testlib_sql("shelf_money", "%s", buf_cstr(&sql));
	}
	buf_free(&sql);
	assert_int_equal(testlib_int("shelf_money", "SELECT COUNT(*) FROM pairs"), PAIRS);
	assert_int_equal(testlib_int("shelf_money",
	    "SELECT COUNT(*) FROM pairs WHERE price <> cost + ROUND(CAST(cost AS DECIMAL(30,0)) * bp / 10000, 0)"), 0);
	printf("money: %d random cost/markup pairs agree with MariaDB ROUND\n", PAIRS);
	testlib_sql(NULL, "DROP DATABASE shelf_money");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(price_rounds_half_up),
		cmocka_unit_test(price_refuses_bad_input),
		cmocka_unit_test(format),
		cmocka_unit_test(markup_parsing),
		cmocka_unit_test(price_equals_mariadb_round),
	};

	return testlib_result(cmocka_run_group_tests_name("money", tests, NULL, NULL));
}
