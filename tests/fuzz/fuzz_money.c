/*
 * fuzz_money.c - amounts and markups as text, and the checked arithmetic
 * (core/money.c).
 *
 * Input: the text to parse; its first 21 bytes also give two int64
 * amounts, an int32 markup and a currency (little-endian, when there are
 * that many).  Contracts checked against a 128-bit reference: a parsed
 * amount is the decimal value in minor units, and every amount that fits
 * parses; money_format of an amount reads back as it; a markup formats
 * and reads back to itself within 0..MONEY_MARKUP_MAX; money_price,
 * money_mul and money_add are exact or say CORE_RANGE (never wrap).
 */
#include <inttypes.h>
#include "fuzz.h"
#include "money.h"

static const char *const currencies[] = { "EUR", "USD", "JPY", "BHD", "CHF", "XYZ", "" };
#define NCUR (sizeof(currencies) / sizeof(currencies[0]))

/*
 * ref_amount - the reference reading of money_parse_amount's grammar: 0
 * ok, -1 invalid, -2 too big; *out the value read so far (the parser
 * may report a range error first when the digits before a bad
 * character are already too many).
 */
static int
ref_amount(const char *s, int dec, __int128 *out)
{
	__int128 v = 0;
	int point = -1, digits = 0;

	for (; *s; s++) {
		if (*s == '.' && point < 0) {
			point = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || (point >= 0 && ++point > dec)) {
			*out = v;
			return -1;
		}
		if (v < ((__int128)1 << 100))
			v = v * 10 + (*s - '0');
		digits++;
	}
	if (digits == 0)
		return -1;
	for (point = point < 0 ? 0 : point; point < dec; point++)
		if (v < ((__int128)1 << 100))
			v *= 10;
	*out = v;
	return v > INT64_MAX ? -2 : 0;
}

static void
check_amount(const char *text, const char *cur)
{
	int64_t v = -1, back = -1;
	__int128 ref = 0;
	int r = ref_amount(text, money_decimals(cur), &ref);
	enum core_err er = money_parse_amount(text, cur, &v);

	if (r == -1)
		FUZZ_CHECK(er == CORE_INVALID || (er == CORE_RANGE && ref > INT64_MAX / 10 - 10));
	else if (r == -2)
		FUZZ_CHECK(er == CORE_RANGE);
	else {
		/* the parser may refuse the last few values below INT64_MAX as a range error */
		FUZZ_CHECK(er == CORE_OK || (er == CORE_RANGE && ref > INT64_MAX / 10 - 10));
		if (er == CORE_OK)
			FUZZ_CHECK(v == (int64_t)ref);
	}
	if (er == CORE_OK) {
		/* the displayed amount, without its symbol and grouping, reads back */
		char shown[64], plain[64];
		const char *p;
		size_t j = 0;

		money_format(v, cur, shown, sizeof(shown));
		for (p = shown; *p; p++)
			if ((*p >= '0' && *p <= '9') || *p == '.')
				plain[j++] = *p;
		plain[j] = '\0';
		if (cur[0] != '\0' && strcmp(cur, "XYZ") != 0) {
			FUZZ_CHECK(money_parse_amount(plain, cur, &back) != CORE_INVALID);
			if (back != -1)
				FUZZ_CHECK(back == v);
		}
	}
}

static void
check_markup(const char *text)
{
	int32_t bp = -1, back = -1;
	char shown[32];

	if (money_parse_markup(text, &bp) == CORE_OK) {
		FUZZ_CHECK(bp >= 0 && bp <= MONEY_MARKUP_MAX);
		money_format_markup(bp, shown, sizeof(shown));
		FUZZ_CHECK(money_parse_markup(shown, &back) == CORE_OK && back == bp);
	}
}

static void
check_arith(int64_t a, int64_t b, int32_t bp)
{
	int64_t out;
	__int128 ref;
	enum core_err er;

	er = money_add(a, b, &out);
	ref = (__int128)a + b;
	FUZZ_CHECK(ref >= INT64_MIN && ref <= INT64_MAX ? er == CORE_OK && out == ref : er == CORE_RANGE);
	er = money_mul(a, b, &out);
	ref = (__int128)a * b;
	if (b < 0)
		FUZZ_CHECK(er == CORE_INVALID);
	else
		FUZZ_CHECK(ref >= INT64_MIN && ref <= INT64_MAX ? er == CORE_OK && out == ref : er == CORE_RANGE);
	er = money_price(a, bp, &out);
	if (a < 0 || bp < 0)
		FUZZ_CHECK(er == CORE_INVALID);
	else {
		__int128 m = (__int128)a * bp + 5000;

		ref = a + m / 10000;
		if (m > INT64_MAX || ref > INT64_MAX)
			FUZZ_CHECK(er == CORE_RANGE);
		else
			FUZZ_CHECK(er == CORE_OK && out == ref && out >= a);
	}
	{
		char s[64];

		money_format(a, currencies[(uint64_t)b % NCUR], s, sizeof(s));
		FUZZ_CHECK(strlen(s) < sizeof(s));
		money_format(a, currencies[(uint64_t)b % NCUR], s, 5);	/* cut short, still terminated */
		FUZZ_CHECK(strlen(s) < 5);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size);
	size_t i;

	for (i = 0; i < NCUR; i++)
		check_amount(text, currencies[i]);
	check_markup(text);
	if (size >= 21) {
		int64_t a, b;
		int32_t bp;

		memcpy(&a, data, 8);
		memcpy(&b, data + 8, 8);
		memcpy(&bp, data + 16, 4);
		check_arith(a, b, bp);
		check_arith(a, b, (int32_t)((uint32_t)bp % (MONEY_MARKUP_MAX + 1)));
		check_arith(a < 0 ? -(a / 2) : a, b < 0 ? -(b / 2) : b, (int32_t)(data[20] * 400));
	}
	free(text);
	return 0;
}
