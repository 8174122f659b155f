/* test_str.c - the string helpers of core/str.c: UTF-8, ids, LIKE patterns. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "str.h"
#include "testlib.h"

static void
utf8(void **state)
{
	(void)state;
	assert_int_equal(str_utf8_chars("", 0, 0), 0);
	assert_int_equal(str_utf8_chars("abc", 3, 0), 3);
	assert_int_equal(str_utf8_chars("äöü", strlen("äöü"), 0), 3);
	assert_int_equal(str_utf8_chars("\xf0\x9f\x98\x80", 4, 0), 1);	/* one emoji */
	assert_int_equal(str_utf8_chars("\xc3", 1, 0), -1);		/* truncated */
	assert_int_equal(str_utf8_chars("\xe2\x82", 2, 0), -1);
	assert_int_equal(str_utf8_chars("\xc3\xa4", 1, 0), -1);	/* cut by len */
	assert_int_equal(str_utf8_chars("\xc0\xaf", 2, 0), -1);	/* overlong */
	assert_int_equal(str_utf8_chars("\xe0\x80\xaf", 3, 0), -1);
	assert_int_equal(str_utf8_chars("\xed\xa0\x80", 3, 0), -1);	/* surrogate */
	assert_int_equal(str_utf8_chars("\xf4\x90\x80\x80", 4, 0), -1);	/* above U+10FFFF */
	assert_int_equal(str_utf8_chars("\xff", 1, STR_TEXT_CONTROLS), -1);
	assert_int_equal(str_utf8_chars("a\x80", 2, STR_TEXT_CONTROLS), -1);	/* lone continuation */
	/* control characters: C0, DEL, C1 refused unless the flags allow them */
	assert_int_equal(str_utf8_chars("a\tb", 3, 0), -1);
	assert_int_equal(str_utf8_chars("a\tb\r\n", 5, STR_TEXT_LINES), 5);
	assert_int_equal(str_utf8_chars("\x01", 1, STR_TEXT_LINES), -1);
	assert_int_equal(str_utf8_chars("\x7f", 1, STR_TEXT_LINES), -1);
	assert_int_equal(str_utf8_chars("\xc2\x85", 2, STR_TEXT_LINES), -1);	/* NEL */
	assert_int_equal(str_utf8_chars("\x01\x7f\xc2\x85", 4, STR_TEXT_CONTROLS), 3);
	assert_int_equal(str_utf8_chars("a\0b", 3, STR_TEXT_CONTROLS), 3);
	/* invisible format characters: bidi controls and zero-width ones refused, ZWNJ/ZWJ in multi-line text only */
	assert_int_equal(str_utf8_chars("exe\xe2\x80\xaetxt", 9, 0), -1);		/* U+202E RLO */
	assert_int_equal(str_utf8_chars("exe\xe2\x80\xaetxt", 9, STR_TEXT_LINES), -1);
	assert_int_equal(str_utf8_chars("a\xe2\x81\xa6" "b", 5, 0), -1);		/* U+2066 LRI */
	assert_int_equal(str_utf8_chars("a\xe2\x80\x8b" "b", 5, 0), -1);		/* U+200B ZWSP */
	assert_int_equal(str_utf8_chars("a\xef\xbb\xbf" "b", 5, 0), -1);		/* U+FEFF */
	assert_int_equal(str_utf8_chars("a\xd8\x9c" "b", 4, 0), -1);			/* U+061C ALM */
	assert_int_equal(str_utf8_chars("a\xe2\x80\x8d" "b", 5, 0), -1);		/* U+200D ZWJ */
	assert_int_equal(str_utf8_chars("a\xe2\x80\x8d" "b", 5, STR_TEXT_LINES), 3);
	assert_int_equal(str_utf8_chars("a\xe2\x80\xae" "b", 5, STR_TEXT_CONTROLS), 3);
	assert_int_equal(str_utf8_chars("a\xe2\x80\x90" "b", 5, 0), 3);		/* U+2010 HYPHEN: fine */
	assert_true(str_utf8_valid("\xf0\x9f\x98\x80", 4));
	assert_true(str_utf8_valid("\t", 1));
	assert_false(str_utf8_valid("\xc3", 1));

	assert_int_equal(str_utf8_len(NULL), 0);
	assert_int_equal(str_utf8_len("äb\xf0\x9f\x98\x80"), 3);
}

static void
text_valid(void **state)
{
	(void)state;
	assert_true(str_text_valid("", 0, 10, 0));
	assert_false(str_text_valid("", 1, 10, 0));
	assert_false(str_text_valid(NULL, 0, 10, 0));
	assert_true(str_text_valid(NULL, 0, 10, STR_TEXT_NULL));
	assert_false(str_text_valid(NULL, 1, 10, STR_TEXT_NULL));
	assert_true(str_text_valid("äöü", 3, 3, 0));
	assert_false(str_text_valid("äöüx", 0, 3, 0));
	assert_true(str_text_valid("a\nb\tc\r", 0, 10, STR_TEXT_LINES));
	assert_false(str_text_valid("a\nb", 0, 10, 0));
	assert_false(str_text_valid("\x7f", 0, 10, STR_TEXT_LINES));
	assert_false(str_text_valid("\xc2\x85", 0, 10, STR_TEXT_LINES));
	assert_false(str_text_valid("\xc0\xaf", 0, 10, STR_TEXT_LINES));
	assert_false(str_text_valid("\xed\xa0\x80", 0, 10, STR_TEXT_LINES));
	assert_false(str_text_valid("\xe2\x82", 0, 10, STR_TEXT_LINES));
	assert_true(str_text_valid("\xf0\x9f\x98\x80", 1, 1, 0));
	assert_true(str_text_valid("   ", 1, 10, 0));
	assert_false(str_text_valid("   ", 1, 10, STR_TEXT_NOT_BLANK));
	assert_true(str_text_valid("  x ", 1, 10, STR_TEXT_NOT_BLANK));
}

static void
parse_int(void **state)
{
	int64_t v = 42;

	(void)state;
	assert_int_equal(str_parse_int("1", 10, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(str_parse_int("10000", 10000, &v), 0);
	assert_int_equal(v, 10000);
	assert_int_equal(str_parse_int("10001", 10000, &v), -1);
	assert_int_equal(str_parse_int("9", 1, &v), -1);
	assert_int_equal(str_parse_int("0", 10, &v), -1);
	assert_int_equal(str_parse_int("01", 10, &v), -1);
	assert_int_equal(str_parse_int("", 10, &v), -1);
	assert_int_equal(str_parse_int(NULL, 10, &v), -1);
	assert_int_equal(str_parse_int("+1", 10, &v), -1);
	assert_int_equal(str_parse_int("-1", 10, &v), -1);
	assert_int_equal(str_parse_int(" 1", 10, &v), -1);
	assert_int_equal(str_parse_int("1 ", 10, &v), -1);
	assert_int_equal(str_parse_int("1e3", 10000, &v), -1);
	assert_int_equal(v, 10000);	/* untouched by failures */
	assert_int_equal(str_parse_id("9223372036854775807", &v), 0);
	assert_true(v == INT64_MAX);
	assert_int_equal(str_parse_id("9223372036854775808", &v), -1);
	assert_int_equal(str_parse_id("99999999999999999999", &v), -1);
	assert_int_equal(str_parse_id("17", &v), 0);
	assert_int_equal(v, 17);
}

static void
like(void **state)
{
	enum core_err er = CORE_DB;
	char *p, *c;

	(void)state;
	assert_null(str_like_contains(NULL, &er));
	assert_int_equal(er, CORE_OK);
	assert_null(str_like_contains("", &er));
	assert_non_null(p = str_like_contains("50%_off!", &er));
	assert_string_equal(p, "%50!%!_off!!%");
	free(p);
	assert_non_null(p = str_like_pattern("a\\b", 0, &er));
	assert_string_equal(p, "a\\b%");	/* the backslash is no escape with ESCAPE '!' */
	free(p);
	assert_int_equal(str_like_search("x_", &p, &c), CORE_OK);
	assert_string_equal(p, "x!_%");
	assert_string_equal(c, "%x!_%");
	free(p);
	free(c);
	assert_int_equal(str_like_search(NULL, &p, &c), CORE_OK);
	assert_null(p);
	assert_null(c);
}

static void
email(void **state)
{
	(void)state;
	static const char *const emails_ok[] = { "a@b.nl", "first.last+tag@mail.example.com" };
	static const char *const emails_bad[] = { NULL, "a@b", "@b.nl", "a@@b.nl", "a b@c.nl", "a@.b.nl", "a@b..nl",
	    "a@b.nl.", "a<b>@c.nl" };
	TESTLIB_VALID(str_email_valid, emails_ok, emails_bad);
}

static void
copy(void **state)
{
	char b[4];

	(void)state;
	str_copy(b, sizeof(b), "abcdef");
	assert_string_equal(b, "abc");
	str_copy(b, sizeof(b), "aä€");	/* the cut does not split ä's or €'s bytes */
	assert_string_equal(b, "aä");
	str_copy(b, sizeof(b), NULL);
	assert_string_equal(b, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8),
		cmocka_unit_test(text_valid),
		cmocka_unit_test(parse_int),
		cmocka_unit_test(like),
		cmocka_unit_test(email),
		cmocka_unit_test(copy),
	};

	return cmocka_run_group_tests_name("str", tests, NULL, NULL);
}
