/*
 * ui_text.c - text for the terminal: stripping what a terminal would
 * interpret (ui_sanitize), display widths, fitting to columns, UTF-8
 * editing.  No curses here.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "ui.h"

/*
 * utf8_decode - the code point at s (n bytes available, n >= 1), its
 * length in *len; -1 with *len = 1 for an invalid or overlong sequence,
 * a surrogate or a value past U+10FFFF.
 */
static int32_t
utf8_decode(const unsigned char *s, size_t n, int *len)
{
	int32_t cp;
	int need, i;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 1; cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 2; cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3; cp = s[0] & 0x07;
	} else
		return -1;
	if ((size_t)need >= n)
		return -1;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return -1;
	*len = need + 1;
	return cp;
}

/* skip_csi - past the parameters, intermediates and final byte of a CSI at s. */
static const char *
skip_csi(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p >= 0x30 && *p <= 0x3f)
		p++;
	while (*p >= 0x20 && *p <= 0x2f)
		p++;
	if (*p >= 0x40 && *p <= 0x7e)
		p++;
	return (const char *)p;
}

/*
 * skip_string - past a control string (OSC, DCS, SOS, PM, APC) body at
 * s: up to and including BEL, ESC \ or the C1 ST (U+009C), or the end.
 */
static const char *
skip_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p == 0x07)
			return (const char *)p + 1;
		if (*p == 0x1b)
			return (const char *)p + (p[1] == '\\' ? 2 : 1);
		if (*p == 0xc2 && p[1] == 0x9c)
			return (const char *)p + 2;
	}
	return (const char *)p;
}

static int
is_bidi_control(int32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

char *
ui_sanitize(char *dst, size_t dstsz, const char *src)
{
	const char *s = src;
	size_t o = 0, n;
	int32_t cp;
	int len;

	if (dstsz == 0)
		return dst;
	if (s == NULL)
		s = "";
	while (*s) {
		unsigned char c = (unsigned char)*s;

		if (c == 0x1b) {
			unsigned char nx = (unsigned char)s[1];

			if (nx == '[')
				s = skip_csi(s + 2);
			else if (nx == ']' || nx == 'P' || nx == 'X' || nx == '^' || nx == '_')
				s = skip_string(s + 2);
			else if (nx >= 0x20 && nx <= 0x2f) {
				s += 2;
				while ((unsigned char)*s >= 0x20 && (unsigned char)*s <= 0x2f)
					s++;
				if ((unsigned char)*s >= 0x30 && (unsigned char)*s <= 0x7e)
					s++;
			} else if (nx >= 0x30 && nx <= 0x7e)
				s += 2;
			else
				s++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			if ((c == '\t' || c == '\n' || c == '\r') && o + 1 < dstsz)
				dst[o++] = ' ';
			s++;
			continue;
		}
		if (c < 0x80) {
			if (o + 1 >= dstsz)
				break;
			dst[o++] = (char)c;
			s++;
			continue;
		}
		n = strlen(s);
		cp = utf8_decode((const unsigned char *)s, n, &len);
		if (cp < 0) {
			if (o + 1 >= dstsz)
				break;
			dst[o++] = '?';
			s++;
			continue;
		}
		if (cp >= 0x80 && cp <= 0x9f) {
			/* C1 controls: 8-bit CSI and control strings are skipped whole */
			s += len;
			if (cp == 0x9b)
				s = skip_csi(s);
			else if (cp == 0x9d || cp == 0x90 || cp == 0x98 || cp == 0x9e || cp == 0x9f)
				s = skip_string(s);
			continue;
		}
		if (is_bidi_control(cp)) {
			s += len;
			continue;
		}
		if (o + (size_t)len >= dstsz)
			break;
		memcpy(dst + o, s, (size_t)len);
		o += (size_t)len;
		s += len;
	}
	dst[o] = '\0';
	return dst;
}

/* char_width - columns of one (valid) character of width >= 0. */
static int
char_width(int32_t cp)
{
	int w;

	if (cp < 0x20)
		return 0;
	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
ui_width(const char *s)
{
	int32_t cp;
	int len, w = 0;
	size_t n = strlen(s);

	while (n > 0) {
		cp = utf8_decode((const unsigned char *)s, n, &len);
		w += cp < 0 ? 1 : char_width(cp);
		s += len;
		n -= (size_t)len;
	}
	return w;
}

char *
ui_right(char *dst, size_t dstsz, const char *s, int width)
{
	int w = ui_width(s);

	snprintf(dst, dstsz, "%*s%s", w < width ? width - w : 0, "", s ? s : "");
	return dst;
}

const char *
ui_tail(const char *s, int width)
{
	int len;

	if (s == NULL)
		return "";
	while (*s && ui_width(s) > width) {
		utf8_decode((const unsigned char *)s, strlen(s), &len);
		s += len;
	}
	return s;
}

char *
ui_fit(char *dst, size_t dstsz, const char *s, int width)
{
	char *clean;
	size_t n, o = 0, cut = 0;
	int32_t cp;
	int len, w = 0, cw, cutw = 0, total;
	const char *p;

	if (dstsz == 0)
		return dst;
	dst[0] = '\0';
	if (width <= 0)
		return dst;
	n = strlen(s ? s : "") + 1;
	if ((clean = malloc(n)) == NULL)
		return dst;
	ui_sanitize(clean, n, s);
	total = ui_width(clean);
	p = clean;
	n = strlen(clean);
	while (n > 0) {
		cp = utf8_decode((const unsigned char *)p, n, &len);
		cw = cp < 0 ? 1 : char_width(cp);
		if (total > width && w + cw > width - 1)
			break;
		if (w + cw > width)
			break;
		if (o + (size_t)len + 1 >= dstsz)
			break;
		memcpy(dst + o, p, (size_t)len);
		o += (size_t)len;
		w += cw;
		p += len;
		n -= (size_t)len;
		cut = o;
		cutw = w;
	}
	o = cut;
	w = cutw;
	if (total > width && o + 4 < dstsz) {
		memcpy(dst + o, "\xe2\x80\xa6", 3);	/* … */
		o += 3;
		w++;
	}
	while (w < width && o + 1 < dstsz) {
		dst[o++] = ' ';
		w++;
	}
	dst[o] = '\0';
	free(clean);
	return dst;
}

int
ui_utf8_append(char *s, size_t cap, int cp)
{
	size_t n = strlen(s);
	char enc[4];
	int len;

	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff) || is_bidi_control(cp))
		return -1;
	if (cp < 0x80) {
		enc[0] = (char)cp; len = 1;
	} else if (cp < 0x800) {
		enc[0] = (char)(0xc0 | (cp >> 6)); enc[1] = (char)(0x80 | (cp & 0x3f)); len = 2;
	} else if (cp < 0x10000) {
		enc[0] = (char)(0xe0 | (cp >> 12)); enc[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		enc[2] = (char)(0x80 | (cp & 0x3f)); len = 3;
	} else {
		enc[0] = (char)(0xf0 | (cp >> 18)); enc[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		enc[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); enc[3] = (char)(0x80 | (cp & 0x3f)); len = 4;
	}
	if (n + (size_t)len + 1 > cap)
		return -1;
	memcpy(s + n, enc, (size_t)len);
	s[n + (size_t)len] = '\0';
	return 0;
}

void
ui_utf8_backspace(char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		n--;
		if (((unsigned char)s[n] & 0xc0) != 0x80)
			break;
	}
	s[n] = '\0';
}

const char *
ui_title_case(char *buf, size_t sz, const char *s)
{
	if (sz == 0)
		return buf;
	ui_sanitize(buf, sz, s);
	if (buf[0] >= 'a' && buf[0] <= 'z')
		buf[0] = (char)toupper((unsigned char)buf[0]);
	return buf;
}
