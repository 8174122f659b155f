/*
 * fuzz_csv.c - the usage import's reading of a Partner Center file
 * (core/csv.c and the pure layer of core/usage_import.c): records,
 * the header row, and each field as a decimal, a date and a cut text.
 *
 * Input: the file's bytes.  Contracts checked: records come with
 * non-decreasing line numbers and at least one field; the reader ends
 * with CORE_NOTFOUND or CORE_INVALID (an open quote) and then stays at
 * the end; a parsed decimal of plain digits is their value; a parsed
 * date is YYYY-MM-DD of a real day between 2000 and 2100; a cut text is
 * a prefix of whole characters within both of its limits.
 */
#include <time.h>
#include "fuzz.h"
#include "err.h"
#include "csv.h"
#include "str.h"
#include "usage_import.h"

static void
check_decimal(const char *s)
{
	int scale, r;
	int64_t v, ref = 0;
	const char *p = s;
	int plain = *s != '\0';

	for (scale = 0; scale <= 6; scale += 2) {
		r = usage_parse_decimal(s, scale, &v);
		FUZZ_CHECK(r == 0 || r == -1 || r == -2);
	}
	/* plain digits: the value itself */
	for (; *p; p++)
		if (*p < '0' || *p > '9' || __builtin_mul_overflow(ref, 10, &ref) ||
		    __builtin_add_overflow(ref, *p - '0', &ref))
			plain = 0;
	if (plain) {
		FUZZ_CHECK(usage_parse_decimal(s, 0, &v) == 0 && v == ref);
		if (ref <= INT64_MAX / 100)
			FUZZ_CHECK(usage_parse_decimal(s, 2, &v) == 0 && v == ref * 100);
	}
	/* scale 0 and scale 6 round the same number: at most half a unit apart */
	if (usage_parse_decimal(s, 0, &v) == 0 && usage_parse_decimal(s, 6, &ref) == 0 &&
	    v > -9000000000000LL && v < 9000000000000LL) {
		int64_t d = ref - v * 1000000;

		FUZZ_CHECK(d >= -500000 && d <= 500000);
	}
}

static void
check_date(const char *s)
{
	char out[16];
	int y, m, d;

	memset(out, 'x', sizeof(out));
	if (usage_parse_date(s, out) != 0)
		return;
	FUZZ_CHECK(strlen(out) == 10 && out[4] == '-' && out[7] == '-');
	FUZZ_CHECK(sscanf(out, "%4d-%2d-%2d", &y, &m, &d) == 3);
	FUZZ_CHECK(y >= 2000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
	{
		struct tm tm = { 0 };
		time_t t;

		tm.tm_year = y - 1900;
		tm.tm_mon = m - 1;
		tm.tm_mday = d;
		tm.tm_hour = 12;
		t = timegm(&tm);
		FUZZ_CHECK(t != (time_t)-1);
		gmtime_r(&t, &tm);
		FUZZ_CHECK(tm.tm_mday == d && tm.tm_mon == m - 1);	/* no 31 April */
	}
}

static void
check_cut(const char *s, size_t size, size_t max)
{
	char *dst = malloc(size);
	size_t dl;

	if (dst == NULL)
		abort();
	usage_cut(dst, size, s, max);
	dl = strlen(dst);
	FUZZ_CHECK(dl < size && strncmp(dst, s, dl) == 0);
	FUZZ_CHECK(str_utf8_len(dst) <= max);
	if (str_utf8_valid(s, strlen(s))) {
		FUZZ_CHECK(((unsigned char)s[dl] & 0xC0) != 0x80 && str_utf8_valid(dst, dl));	/* never inside a character */
		if (strlen(s) < size && str_utf8_len(s) <= max)
			FUZZ_CHECK(dl == strlen(s));	/* what fits is whole */
	}
	free(dst);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f;
	struct csv *c;
	char **fields, why[CORE_WHY];
	size_t n, i;
	long line, last = 0;
	int first = 1;
	enum core_err er;

	if (size == 0 || (f = fmemopen((void *)data, size, "rb")) == NULL)
		return 0;
	FUZZ_CHECK(csv_open_stream(f, &c) == CORE_OK);
	while ((er = csv_next(c, &fields, &n, &line)) == CORE_OK) {
		FUZZ_CHECK(n >= 1 && line >= 1 && line >= last);
		last = line;
		if (first) {
			er = usage_header_check(fields, n, why);
			FUZZ_CHECK(er == CORE_OK || (er == CORE_INVALID && why[0] != '\0'));
			first = 0;
			continue;
		}
		for (i = 0; i < n && i < 32; i++) {
			check_decimal(fields[i]);
			check_date(fields[i]);
			check_cut(fields[i], 40, 8);
			check_cut(fields[i], 130, 32);
			check_cut(fields[i], 1, 4);
		}
	}
	FUZZ_CHECK(er == CORE_NOTFOUND || er == CORE_INVALID);
	if (er == CORE_NOTFOUND)
		FUZZ_CHECK(csv_next(c, &fields, &n, &line) == CORE_NOTFOUND);
	csv_close(c);
	return 0;
}
