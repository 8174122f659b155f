/*
 * digest.h - SHA-256, HMAC-SHA256 and hex, from OpenSSL's libcrypto.
 *
 * SHA-256 stores secrets that are already high-entropy random values
 * (session tokens, password-reset links, API client secrets): the table
 * holds only the digest, so a leaked table does not hand out live
 * credentials.  Never use it for passwords (see password.h: yescrypt).
 * HMAC-SHA256 signs what leaves the platform (webhooks, the worker's
 * callbacks) and checks what comes back.  Checked against the FIPS 180-4
 * and RFC 4231 vectors in tests/test_digest.c.
 *
 * The functions fail only when libcrypto cannot allocate: CORE_ENOMEM,
 * with out wiped, never a digest of something else.
 */
#ifndef SHELF_DIGEST_H
#define SHELF_DIGEST_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

#define DIGEST_SHA256_LEN 32				/* digest bytes */
#define DIGEST_SHA256_HEX (DIGEST_SHA256_LEN * 2 + 1)	/* lower-case hex digest with its NUL */

/* digest_sha256 - the SHA-256 of p[0..n) (p may be NULL when n is 0). */
enum core_err digest_sha256(const void *p, size_t n, uint8_t out[DIGEST_SHA256_LEN]);

/* digest_sha256_hex - the SHA-256 of p[0..n) as 64 lower-case hex digits and a NUL. */
enum core_err digest_sha256_hex(const void *p, size_t n, char out[DIGEST_SHA256_HEX]);

/*
 * digest_hmac_sha256 - the HMAC-SHA256 (RFC 2104) of msg[0..n) under
 * key[0..keylen) (either may be NULL when its length is 0).
 */
enum core_err digest_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t n,
    uint8_t out[DIGEST_SHA256_LEN]);

/* digest_hex - p[0..n) as 2n lower-case hex digits and a NUL into out (2n + 1 bytes). */
void digest_hex(const void *p, size_t n, char *out);

/* digest_equal - 1 when a[0..n) equals b[0..n), in time that does not depend on where they differ. */
int digest_equal(const void *a, const void *b, size_t n);

#endif
