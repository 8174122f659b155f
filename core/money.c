#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "money.h"

static const struct currency {
	const char *code;
	const char *prefix;	/* printed before the number */
	int         decimals;
} currencies[] = {
	{ "EUR", "\xe2\x82\xac", 2 },
	{ "USD", "$", 2 },
	{ "GBP", "\xc2\xa3", 2 },
	{ "JPY", "\xc2\xa5", 0 },
	{ "CHF", "CHF ", 2 },
	{ "SEK", "SEK ", 2 },
	{ "PLN", "PLN ", 2 },
	{ "AUD", "A$", 2 },
	{ "CAD", "C$", 2 },
	{ "BHD", "BHD ", 3 },
	{ "KWD", "KWD ", 3 },
};

static const struct currency *
find_currency(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++)
		if (code != NULL && strcmp(code, currencies[i].code) == 0)
			return &currencies[i];
	return NULL;
}

enum core_err
money_price(int64_t cost, int32_t markup_bp, int64_t *price)
{
	int64_t m, up;

	if (cost < 0 || markup_bp < 0)
		return CORE_INVALID;
	if (__builtin_mul_overflow(cost, (int64_t)markup_bp, &m) ||
	    __builtin_add_overflow(m, 5000, &m))
		return CORE_RANGE;
	up = m / 10000;		/* half-up: both operands are non-negative */
	if (__builtin_add_overflow(cost, up, price))
		return CORE_RANGE;
	return CORE_OK;
}

enum core_err
money_mul(int64_t unit, int64_t quantity, int64_t *out)
{
	if (quantity < 0)
		return CORE_INVALID;
	return __builtin_mul_overflow(unit, quantity, out) ? CORE_RANGE : CORE_OK;
}

enum core_err
money_add(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_add_overflow(a, b, out) ? CORE_RANGE : CORE_OK;
}

int
money_decimals(const char *currency)
{
	const struct currency *c = find_currency(currency);

	return c ? c->decimals : 2;
}

char *
money_format(int64_t amount, const char *currency, char *buf, size_t n)
{
	const struct currency *c = find_currency(currency);
	char digits[32], grouped[48], prefix[8];
	int dec = c ? c->decimals : 2, len, i, j, intlen;
	uint64_t mag, scale = 1;

	if (n == 0)
		return buf;
	mag = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
	for (i = 0; i < dec; i++)
		scale *= 10;
	snprintf(digits, sizeof(digits), "%" PRIu64, mag / scale);
	len = (int)strlen(digits);
	for (i = 0, j = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = digits[i];
	}
	grouped[j] = '\0';
	intlen = j;
	/* dec is a currency's 0..4 decimals: the fraction fits; a cut would only shorten it */
	if (dec > 0 && snprintf(grouped + intlen, sizeof(grouped) - (size_t)intlen, ".%0*" PRIu64, dec & 7,
	    mag % scale) < 0)
		grouped[intlen] = '\0';
	if (c == NULL)
		snprintf(prefix, sizeof(prefix), "%.3s ", currency ? currency : "");
	snprintf(buf, n, "%s%s%s", amount < 0 ? "-" : "", c ? c->prefix : prefix, grouped);
	return buf;
}

enum core_err
money_parse_markup(const char *s, int32_t *bp)
{
	int64_t whole = 0, frac = 0;
	int fd = 0, digits = 0;

	while (isspace((unsigned char)*s))
		s++;
	for (; isdigit((unsigned char)*s); s++, digits++) {
		whole = whole * 10 + (*s - '0');
		if (whole > MONEY_MARKUP_MAX)
			return CORE_INVALID;
	}
	if (*s == '.' || *s == ',') {
		for (s++; isdigit((unsigned char)*s); s++, fd++) {
			if (fd >= 2)
				return CORE_INVALID;
			frac = frac * 10 + (*s - '0');
		}
		if (fd == 1)
			frac *= 10;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '%')
		s++;
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '\0' || digits + fd == 0)
		return CORE_INVALID;
	whole = whole * 100 + frac;
	if (whole > MONEY_MARKUP_MAX)
		return CORE_INVALID;
	*bp = (int32_t)whole;
	return CORE_OK;
}

char *
money_format_markup(int32_t bp, char *buf, size_t n)
{
	snprintf(buf, n, "%d.%02d%%", bp / 100, bp % 100);
	return buf;
}

enum core_err
money_parse_amount(const char *s, const char *currency, int64_t *out)
{
	int dec = money_decimals(currency), n = -1, digits = 0;
	int64_t v = 0;

	if (s == NULL)
		return CORE_INVALID;
	for (; *s != '\0'; s++) {
		if (*s == '.' && n < 0) {
			n = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || (n >= 0 && ++n > dec))
			return CORE_INVALID;
		if (v > (INT64_MAX - 9) / 10)
			return CORE_RANGE;
		v = v * 10 + (*s - '0');
		digits++;
	}
	if (digits == 0)
		return CORE_INVALID;
	for (n = n < 0 ? 0 : n; n < dec; n++) {
		if (v > INT64_MAX / 10)
			return CORE_RANGE;
		v *= 10;
	}
	*out = v;
	return CORE_OK;
}
