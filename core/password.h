/*
 * password.h - password hashing (yescrypt through libcrypt), the
 * password policy, and the random tokens of sessions, reset links and
 * API credentials.
 *
 * Hashes are crypt(3) strings "$y$<params>$<salt>$<hash>" made by
 * crypt_gensalt_rn("$y$", cost) and crypt_r.  The cost is process-wide
 * configuration (PASSWORD_COST_DEFAULT = 5: about 100 ms and 16 MiB per
 * hash on the reference machine); tests lower it with password_set_cost.
 * A stored hash made with other parameters still verifies, and
 * password_needs_rehash tells the login to replace it.
 *
 * Nothing here touches the database.  Functions are safe to call from
 * several threads (each call uses its own heap-allocated crypt_data).
 */
#ifndef SHELF_PASSWORD_H
#define SHELF_PASSWORD_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"
#include "digest.h"

#define PASSWORD_COST_DEFAULT 5
#define PASSWORD_COST_MIN     1
#define PASSWORD_COST_MAX     11
#define PASSWORD_MIN          10	/* bytes */
#define PASSWORD_MAX          256	/* bytes */
#define PASSWORD_HASH_SZ      256	/* storefront_users.password_hash VARCHAR(255) + NUL */

/* A token: 32 random bytes as 64 lower-case hex digits (256 bits). */
#define PASSWORD_TOKEN_BYTES  32
#define PASSWORD_TOKEN_SZ     (PASSWORD_TOKEN_BYTES * 2 + 1)

/*
 * password_set_cost - the yescrypt cost of new hashes (and the one
 * password_needs_rehash expects), clamped to PASSWORD_COST_MIN..MAX.
 * Process-wide; set once at start-up (or by a test).
 */
void password_set_cost(int cost);

/* password_cost - the current cost. */
int password_cost(void);

/*
 * password_hash - hash password (NUL-terminated, at most PASSWORD_MAX
 * bytes) with a fresh salt into out.  CORE_INVALID for NULL or a too long
 * password, CORE_ENOMEM, CORE_IO when libcrypt fails (no randomness,
 * unsupported method).  out is "" on failure.
 */
enum core_err password_hash(const char *password, char out[PASSWORD_HASH_SZ]);

/*
 * password_verify - 1 when password matches the crypt(3) string hash,
 * else 0.  The whole computed hash is compared in constant time.  A hash
 * that is not a crypt string (NULL, "", "!" of an invited user who has
 * no password yet) never matches, but costs the same time as a real
 * check (a dummy yescrypt hash of the current cost, made once per
 * process), so callers can use it for "no such user" too.
 */
int password_verify(const char *password, const char *hash);

/*
 * password_burn - spend the time of one password_verify without any
 * outcome (for an unknown e-mail at login).
 */
void password_burn(const char *password);

/*
 * password_needs_rehash - 1 when hash was not made by yescrypt with the
 * current cost (other method, other parameters, or no hash at all).
 */
int password_needs_rehash(const char *hash);

/*
 * password_policy - CORE_OK when password is acceptable for the account
 * with e-mail email (may be NULL): PASSWORD_MIN..PASSWORD_MAX bytes, not
 * one character repeated, not the e-mail address (any case).  Otherwise
 * CORE_INVALID with the reason in why (CORE_WHY bytes, may be NULL).
 */
enum core_err password_policy(const char *password, const char *email, char *why);

/*
 * password_equal - constant-time comparison of two NUL-terminated
 * strings (the time depends on their lengths only).  NULL equals nothing.
 */
int password_equal(const char *a, const char *b);

/*
 * password_random - fill p[0..n) from getrandom(2).  CORE_IO when the
 * kernel gives no randomness.
 */
enum core_err password_random(void *p, size_t n);

/*
 * password_token - a fresh token (PASSWORD_TOKEN_BYTES random bytes in
 * hex) into out.  CORE_IO as password_random.
 */
enum core_err password_token(char out[PASSWORD_TOKEN_SZ]);

/* password_token_valid - 1 when s has the shape of a token (64 lower-case hex digits). */
int password_token_valid(const char *s);

/*
 * password_token_hash - the SHA-256 of the token text, as stored in
 * sessions.token_hash / password_resets.token_hash.
 */
enum core_err password_token_hash(const char *token, uint8_t out[DIGEST_SHA256_LEN]);

/*
 * password_readable - a random one-time password of 19 characters,
 * "xxxx-xxxx-xxxx-xxxx" from 31 letters and digits that cannot be
 * confused when read aloud or retyped (about 79 bits), into out
 * (PASSWORD_READABLE_SZ bytes).  CORE_IO as password_random.
 */
#define PASSWORD_READABLE_SZ 20
enum core_err password_readable(char out[PASSWORD_READABLE_SZ]);

#endif
