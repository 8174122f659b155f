/*
 * str.h - the small string helpers every core module needs.
 */
#ifndef SHELF_STR_H
#define SHELF_STR_H

#include <stddef.h>
#include "err.h"

/*
 * str_copy - copy src (NULL: "") into dst of n bytes, always
 * NUL-terminated; a cut never splits a UTF-8 character.
 */
void str_copy(char *dst, size_t n, const char *src);

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
