#include <stdlib.h>
#include <string.h>
#include "str.h"

void
str_copy(char *dst, size_t n, const char *src)
{
	size_t len;

	if (n == 0)
		return;
	if (src == NULL)
		src = "";
	len = strlen(src);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/*
 * The invisible format characters text may not hold: bidi marks, embeddings,
 * overrides and isolates (U+202E turns "exe.txt" into "txt.exe" on screen),
 * and zero-width characters that make two names look alike.  ZWNJ and ZWJ
 * (U+200C, U+200D) are allowed in multi-line text (STR_TEXT_LINES), where
 * scripts and emoji need them and nothing is a name.
 */
static const struct { long lo, hi; } format_chars[] = {
	{ 0x061C, 0x061C },	/* ARABIC LETTER MARK */
	{ 0x180E, 0x180E },	/* MONGOLIAN VOWEL SEPARATOR */
	{ 0x200B, 0x200F },	/* ZWSP, ZWNJ, ZWJ, LRM, RLM */
	{ 0x202A, 0x202E },	/* LRE, RLE, PDF, LRO, RLO */
	{ 0x2060, 0x2064 },	/* WORD JOINER, invisible operators */
	{ 0x2066, 0x2069 },	/* LRI, RLI, FSI, PDI */
	{ 0xFEFF, 0xFEFF },	/* ZERO WIDTH NO-BREAK SPACE (BOM) */
};

/* control - 1 when code point cp is a control or format character that flags do not allow. */
static int
control(long cp, int flags)
{
	size_t i;

	if (flags & STR_TEXT_CONTROLS)
		return 0;
	if ((flags & STR_TEXT_LINES) && (cp == '\n' || cp == '\r' || cp == '\t' || cp == 0x200C || cp == 0x200D))
		return 0;
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
		return 1;
	for (i = 0; i < sizeof(format_chars) / sizeof(format_chars[0]); i++)
		if (cp >= format_chars[i].lo && cp <= format_chars[i].hi)
			return 1;
	return 0;
}

long
str_utf8_chars(const char *str, size_t len, int flags)
{
	const unsigned char *p = (const unsigned char *)str;
	size_t i = 0, k, n;
	long cp, chars = 0;

	while (i < len) {
		if (p[i] < 0x80) {
			n = 0;
			cp = p[i];
		} else if (p[i] >= 0xC2 && p[i] <= 0xDF) {
			n = 1;
			cp = p[i] & 0x1F;
		} else if (p[i] >= 0xE0 && p[i] <= 0xEF) {
			n = 2;
			cp = p[i] & 0x0F;
		} else if (p[i] >= 0xF0 && p[i] <= 0xF4) {
			n = 3;
			cp = p[i] & 0x07;
		} else
			return -1;
		if (len - i <= n)
			return -1;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return -1;
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || control(cp, flags))
			return -1;
		i += n + 1;
		chars++;
	}
	return chars;
}

int
str_utf8_valid(const char *s, size_t len)
{
	return str_utf8_chars(s, len, STR_TEXT_CONTROLS) >= 0;
}

int
str_text_valid(const char *s, size_t min, size_t max, int flags)
{
	long n;

	if (s == NULL && (flags & STR_TEXT_NULL))
		s = "";
	if (s == NULL || (n = str_utf8_chars(s, strlen(s), flags)) < 0)
		return 0;
	if ((flags & STR_TEXT_NOT_BLANK) && s[strspn(s, " ")] == '\0')
		return 0;
	return (size_t)n >= min && (size_t)n <= max;
}

size_t
str_utf8_len(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int
str_parse_int(const char *s, int64_t max, int64_t *out)
{
	int64_t v = 0;
	int d;

	if (s == NULL || *s < '1' || *s > '9')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		d = *s - '0';
		if (v > max / 10 || v * 10 > max - d)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int
str_parse_id(const char *s, int64_t *out)
{
	return str_parse_int(s, STR_ID_MAX, out);
}

int
str_email_valid(const char *email)
{
	const char *at, *p, *label;
	size_t len, labels = 0;

	if (email == NULL || (len = strlen(email)) > STR_EMAIL_MAX || !str_text_valid(email, 3, len, 0))
		return 0;
	if ((at = strchr(email, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return 0;
	if (at == email || at - email > 64)
		return 0;
	for (p = email; p < at; p++)
		if (*p == ' ' || strchr("()<>[],;:\\\"", *p) != NULL)
			return 0;
	for (label = p = at + 1; ; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label)
				return 0;
			labels++;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || (unsigned char)*p >= 0x80))
			return 0;
	}
	return labels >= 2;
}

char *
str_like_contains(const char *text, enum core_err *er)
{
	return str_like_pattern(text, 1, er);
}

char *
str_like_pattern(const char *text, int anywhere, enum core_err *er)
{
	char *out, *o;

	*er = CORE_OK;
	if (text == NULL || *text == '\0')
		return NULL;
	if ((out = malloc(strlen(text) * 2 + 3)) == NULL) {
		*er = CORE_ENOMEM;
		return NULL;
	}
	o = out;
	if (anywhere)
		*o++ = '%';
	for (; *text; text++) {
		if (*text == '%' || *text == '_' || *text == '!')
			*o++ = '!';
		*o++ = *text;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

enum core_err
str_like_search(const char *text, char **prefix, char **contains)
{
	enum core_err er;

	*prefix = str_like_pattern(text, 0, &er);
	*contains = er == CORE_OK ? str_like_pattern(text, 1, &er) : NULL;
	if (er != CORE_OK) {
		free(*prefix);
		*prefix = NULL;
	}
	return er;
}

int
str_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
