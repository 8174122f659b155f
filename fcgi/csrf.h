/*
 * csrf.h - the double-submit token of the storefront's public forms.
 *
 * The first GET of a form page sets a cookie holding 32 random bytes
 * (hex) with SameSite=Lax and HttpOnly, and the page carries the same
 * token in a hidden field.  The cookie lives a year, so a page a browser
 * keeps (pages are cacheable, revalidated by ETag) still matches it.  A POST is accepted only when field and
 * cookie are present and equal (compared in constant time).  A foreign
 * site can make a browser send the cookie (not with Lax on a POST, in
 * fact) but can neither read nor set it, so it cannot fill the field.
 * No secret is shared between worker processes: nothing to rotate.
 */
#ifndef SHELF_CSRF_H
#define SHELF_CSRF_H

#include <stddef.h>

#define CSRF_TOKEN_LEN 64		/* hex characters */

/*
 * Pages are rendered (and cached) with this in place of the token; each
 * reply puts the browser's own token there (render.c).  Not hex, so it
 * can never pass csrf_valid.
 */
#define CSRF_PLACEHOLDER "csrf-placeholder-ba7e1f2c9d4e6a8b0c2d4f6e8a0b2c4d6e8f0a2b4c6d8e0f"

/* csrf_new - fill out (CSRF_TOKEN_LEN + 1 bytes) with a fresh random token; -1 when no randomness. */
int csrf_new(char out[CSRF_TOKEN_LEN + 1]);

/* csrf_valid - true when s is a well-formed token (64 lower-case hex digits). */
int csrf_valid(const char *s);

/* csrf_equal - true when both are well-formed and equal; constant time in their contents. */
int csrf_equal(const char *a, const char *b);

/* csrf_cookie_name - "__Host-shelf_csrf" when https (Secure, host-only), else "shelf_csrf". */
const char *csrf_cookie_name(int https);

#endif
