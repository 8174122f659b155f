/*
 * fuzz_text.c - the storefront's text validation (core/str.c): the UTF-8
 * validator behind every name, e-mail address and text field, and the
 * small string helpers around it.
 *
 * Input: the text; its first byte also picks the flags and limits.
 * Contracts checked: str_utf8_chars agrees with an independent decoder
 * (RFC 3629 well-formedness plus the control and invisible-format
 * character rules of str.h) for every combination of flags; allowing
 * more never refuses more; str_utf8_valid is the STR_TEXT_CONTROLS case;
 * str_text_valid is str_utf8_chars within min..max (and not blank when
 * asked); str_copy never splits a character nor writes past n;
 * str_parse_int agrees with a reference; an accepted e-mail address has
 * one '@' and a dotted domain; a LIKE pattern unescapes to the text.
 */
#include <inttypes.h>
#include "fuzz.h"
#include "str.h"

/* ref_decode - the code point at p[0..len) into *cp and its length, or 0 when ill-formed (RFC 3629 table 3-7). */
static size_t
ref_decode(const unsigned char *p, size_t len, long *cp)
{
	unsigned char b = p[0];
	size_t n, k;
	unsigned char lo = 0x80, hi = 0xBF;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF)
		n = 2;
	else if (b >= 0xE0 && b <= 0xEF)
		n = 3;
	else if (b >= 0xF0 && b <= 0xF4)
		n = 4;
	else
		return 0;
	if (b == 0xE0)
		lo = 0xA0;
	else if (b == 0xED)
		hi = 0x9F;
	else if (b == 0xF0)
		lo = 0x90;
	else if (b == 0xF4)
		hi = 0x8F;
	if (len < n || p[1] < lo || p[1] > hi)
		return 0;
	*cp = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
	for (k = 1; k < n; k++) {
		if (p[k] < 0x80 || p[k] > 0xBF)
			return 0;
		*cp = *cp << 6 | (p[k] & 0x3F);
	}
	return n;
}

/* ref_refused - the character rules of str.h: 1 when flags do not allow cp. */
static int
ref_refused(long cp, int flags)
{
	int control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
	int join = cp == 0x200C || cp == 0x200D;
	int format = cp == 0x061C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;

	if (flags & STR_TEXT_CONTROLS)
		return 0;
	if ((flags & STR_TEXT_LINES) && (cp == '\n' || cp == '\r' || cp == '\t' || join))
		return 0;
	return control || format;
}

static long
ref_chars(const unsigned char *p, size_t len, int flags)
{
	size_t i = 0, n;
	long cp, chars = 0;

	while (i < len) {
		if ((n = ref_decode(p + i, len - i, &cp)) == 0 || ref_refused(cp, flags))
			return -1;
		i += n;
		chars++;
	}
	return chars;
}

static void
check_copy(const char *s, size_t n)
{
	char *dst = malloc(n ? n : 1);
	size_t sl = strlen(s), dl;

	if (dst == NULL)
		abort();
	str_copy(dst, n, s);
	if (n > 0) {
		dl = strlen(dst);
		FUZZ_CHECK(dl < n && dl <= sl && memcmp(dst, s, dl) == 0);
		if (sl < n)
			FUZZ_CHECK(dl == sl);
		if (str_utf8_valid(s, sl)) {
			FUZZ_CHECK(str_utf8_valid(dst, dl));
			if (dl < sl)
				FUZZ_CHECK(((unsigned char)s[dl] & 0xC0) != 0x80);	/* cut before a character */
		}
	}
	free(dst);
}

static void
check_int(const char *s, int64_t max)
{
	int64_t v = -7, ref = 0;
	int ok = *s >= '1' && *s <= '9';
	const char *p;

	for (p = s; ok && *p; p++) {
		if (*p < '0' || *p > '9' || ref > (INT64_MAX - 9) / 10 + 1)
			ok = 0;
		else if (__builtin_mul_overflow(ref, 10, &ref) || __builtin_add_overflow(ref, *p - '0', &ref))
			ok = 0;
	}
	ok = ok && ref <= max;
	if (str_parse_int(s, max, &v) == 0)
		FUZZ_CHECK(ok && v == ref);
	else
		FUZZ_CHECK(!ok && v == -7);
}

static void
check_like(const char *s)
{
	enum core_err er;
	char *pat = str_like_pattern(s, 1, &er), *pre, *con;
	size_t i, j = 0, n;

	if (*s == '\0') {
		FUZZ_CHECK(pat == NULL && er == CORE_OK);
		return;
	}
	FUZZ_CHECK(pat != NULL && er == CORE_OK);
	n = strlen(pat);
	FUZZ_CHECK(n >= 2 && pat[0] == '%' && pat[n - 1] == '%');
	for (i = 1; i + 1 < n; i++) {
		if (pat[i] == '!') {
			i++;
			FUZZ_CHECK(pat[i] == '%' || pat[i] == '_' || pat[i] == '!');
		} else
			FUZZ_CHECK(pat[i] != '%' && pat[i] != '_');
		FUZZ_CHECK(s[j] == pat[i]);
		j++;
	}
	FUZZ_CHECK(s[j] == '\0');
	FUZZ_CHECK(str_like_search(s, &pre, &con) == CORE_OK && strcmp(con, pat) == 0 &&
	    strcmp(pre, pat + 1) == 0);
	free(pre);
	free(con);
	free(pat);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	size_t sl = strlen(s), min, max;
	long chars[8];
	int f;

	for (f = 0; f < 8; f++) {
		chars[f] = str_utf8_chars((const char *)data, size, f);
		FUZZ_CHECK(chars[f] == ref_chars(data, size, f));
		FUZZ_CHECK(chars[f] <= (long)size);
		FUZZ_CHECK(str_utf8_chars((const char *)data, size, f | STR_TEXT_NOT_BLANK) == chars[f]);
	}
	for (f = 0; f < 8; f++)
		if (chars[f] >= 0) {
			FUZZ_CHECK(chars[f | STR_TEXT_LINES] == chars[f]);
			FUZZ_CHECK(chars[f | STR_TEXT_CONTROLS] == chars[f]);
		}
	FUZZ_CHECK(str_utf8_valid((const char *)data, size) == (chars[STR_TEXT_CONTROLS] >= 0));
	if (chars[STR_TEXT_CONTROLS] >= 0 && sl == size)
		FUZZ_CHECK(str_utf8_len(s) == (size_t)chars[STR_TEXT_CONTROLS]);

	/* str_text_valid on the NUL-terminated text with limits from the first byte */
	min = size ? data[0] % 4 : 0;
	max = size ? data[0] % 64 : 0;
	for (f = 0; f < 16; f++) {
		long n = str_utf8_chars(s, sl, f & 7);
		int want = n >= 0 && (size_t)n >= min && (size_t)n <= max &&
		    (!(f & STR_TEXT_NOT_BLANK) || s[strspn(s, " ")] != '\0');

		FUZZ_CHECK(str_text_valid(s, min, max, f) == want);
	}
	FUZZ_CHECK(str_text_valid(NULL, 0, 10, 0) == 0 && str_text_valid(NULL, 0, 10, STR_TEXT_NULL) == 1);

	check_copy(s, 0);
	check_copy(s, 1);
	check_copy(s, size ? data[0] % 24 + 1 : 5);
	check_copy(s, sl + 1);
	check_int(s, STR_ID_MAX);
	check_int(s, 10000);
	check_int(s, 1);
	check_like(s);
	if (str_email_valid(s)) {
		const char *at = strchr(s, '@');

		FUZZ_CHECK(sl <= STR_EMAIL_MAX && at != NULL && at != s && strchr(at + 1, '@') == NULL);
		FUZZ_CHECK(strchr(at, '.') != NULL && str_utf8_valid(s, sl) && !strpbrk(s, " <>,;:\"()[]\\"));
		FUZZ_CHECK(str_utf8_chars(s, sl, 0) >= 3);
	}
	free(s);
	return 0;
}
