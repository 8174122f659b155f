/*
 * sha256.h - SHA-256 (FIPS 180-4), self-contained.
 *
 * Used to store secrets that are already high-entropy random values
 * (session tokens, password-reset links, API client secrets): the table
 * holds only the digest, so a leaked table does not hand out live
 * credentials.  Never use it for passwords (see password.h: yescrypt).
 * Checked against the FIPS 180-4 / NIST example vectors in
 * tests/test_session.c.
 */
#ifndef SHELF_SHA256_H
#define SHELF_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32			/* digest bytes */
#define SHA256_HEX (SHA256_LEN * 2 + 1)	/* lower-case hex digest with its NUL */

struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	uint8_t  block[64];
	size_t   fill;		/* bytes waiting in block */
};

/* sha256_init / sha256_update / sha256_final - incremental hashing; p may be NULL when n is 0. */
void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *p, size_t n);
/* sha256_final - write the digest into out and wipe the context. */
void sha256_final(struct sha256 *c, uint8_t out[SHA256_LEN]);

/* sha256 - one-shot digest of p[0..n). */
void sha256(const void *p, size_t n, uint8_t out[SHA256_LEN]);

/* sha256_hex - one-shot digest as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *p, size_t n, char out[SHA256_HEX]);

#endif
