/*
 * str.h - the small string helpers every core module needs: bounded
 * copies, the one UTF-8 validator, the one decimal-id parser and the one
 * LIKE-pattern escaper.  All pure; none keeps state.
 */
#ifndef SHELF_STR_H
#define SHELF_STR_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

/*
 * str_copy - copy src (NULL: "") into dst of n bytes, always
 * NUL-terminated; a cut never splits a UTF-8 character.
 */
void str_copy(char *dst, size_t n, const char *src);

/* Flags of str_utf8_chars and str_text_valid. */
#define STR_TEXT_LINES     0x1	/* line breaks, tabs, ZWNJ and ZWJ are allowed */
#define STR_TEXT_NOT_BLANK 0x2	/* at least one character other than a space */
#define STR_TEXT_CONTROLS  0x4	/* any control character (NUL too) is allowed */
#define STR_TEXT_NULL      0x8	/* str_text_valid: NULL counts as "" */

/*
 * str_utf8_chars - the code points in s[0..len), or -1 when those bytes
 * are not well-formed UTF-8 (a truncated or overlong sequence, a
 * surrogate, above U+10FFFF) or hold a control character (C0, DEL, C1)
 * or an invisible format character (bidi controls, zero-width characters;
 * str.c lists them) that flags do not allow.  STR_TEXT_NOT_BLANK is ignored here.  Pure.
 */
long str_utf8_chars(const char *s, size_t len, int flags);

/* str_hexval - the value of hex digit c (either case), or -1. */
int str_hexval(int c);

/* str_utf8_valid - 1 when s[0..len) is well-formed UTF-8 (control characters allowed), else 0. */
int str_utf8_valid(const char *s, size_t len);

/*
 * str_text_valid - 1 when the string s is well-formed UTF-8 of min..max
 * code points without control characters (but those flags allow, see
 * STR_TEXT_*), else 0.  NULL gives 0, even for min 0, unless flags hold
 * STR_TEXT_NULL.
 */
int str_text_valid(const char *s, size_t min, size_t max, int flags);

/* str_utf8_len - the code points of s (lead bytes counted; s is not validated); NULL gives 0. */
size_t str_utf8_len(const char *s);

/*
 * str_parse_int - s as a decimal 1..max without sign, spaces or leading
 * zeros (max >= 1) into *out: 0, or -1 (nothing set) for anything else,
 * NULL included.  Never overflows.
 */
int str_parse_int(const char *s, int64_t max, int64_t *out);

#define STR_ID_MAX INT64_MAX	/* the largest id str_parse_id takes */

/* str_parse_id - a row id (str_parse_int up to STR_ID_MAX): 0, or -1. */
int str_parse_id(const char *s, int64_t *out);

#define STR_EMAIL_MAX 254	/* bytes */

/*
 * str_email_valid - 1 for an address of the usual shape, the one rule for
 * every e-mail address the platform takes (customers, storefront users,
 * contact forms, storefront settings): at most STR_EMAIL_MAX bytes of
 * valid UTF-8, one '@', a local part of 1..64 bytes without spaces,
 * control characters or any of ()<>[],;:\" , a domain of two or more
 * dot-separated non-empty labels of letters, digits, '-' or non-ASCII.
 * Pure; NULL gives 0.
 */
int str_email_valid(const char *email);

/*
 * str_like_contains - a LIKE pattern matching text anywhere, with the
 * wildcards % and _ (and the escape character !) escaped by '!': use
 * it as `col LIKE ? ESCAPE '!'`.  Returns a malloc'd pattern (caller
 * frees), or NULL for no search (text NULL or empty: *er = CORE_OK) or
 * on allocation failure (*er = CORE_ENOMEM).
 */
char *str_like_contains(const char *text, enum core_err *er);

/*
 * str_like_pattern - as str_like_contains, but the pattern matches text
 * at the start only when anywhere is 0 ("text%"), anywhere when 1.
 */
char *str_like_pattern(const char *text, int anywhere, enum core_err *er);

/*
 * str_like_search - both patterns of a search box: *prefix ("text%") and
 * *contains ("%text%"), malloc'd; both NULL for a NULL or empty text.
 * CORE_ENOMEM (both NULL) when out of memory.
 */
enum core_err str_like_search(const char *text, char **prefix, char **contains);

#endif
