/* password.c - yescrypt hashes, policy and random tokens; see password.h. */
#include <crypt.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include "password.h"

static int cost = PASSWORD_COST_DEFAULT;

/*
 * Per-cost derived values, made lazily under the lock: the parameter
 * prefix "$y$<params>$" new hashes carry (for password_needs_rehash) and
 * the dummy hash unknown users are "verified" against (same cost, so
 * the same time as a real check).
 */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int  derived_cost;
static char derived_prefix[64];
static char dummy_hash[CRYPT_OUTPUT_SIZE];

void
password_set_cost(int c)
{
	if (c < PASSWORD_COST_MIN)
		c = PASSWORD_COST_MIN;
	if (c > PASSWORD_COST_MAX)
		c = PASSWORD_COST_MAX;
	pthread_mutex_lock(&lock);
	cost = c;
	pthread_mutex_unlock(&lock);
}

int
password_cost(void)
{
	int c;

	pthread_mutex_lock(&lock);
	c = cost;
	pthread_mutex_unlock(&lock);
	return c;
}

/* param_len - length of "$id$params$" at the start of a crypt string, 0 when it has no such prefix. */
static size_t
param_len(const char *s)
{
	const char *p;
	int dollars = 0;

	if (s == NULL || s[0] != '$')
		return 0;
	for (p = s; *p; p++)
		if (*p == '$' && ++dollars == 3)
			return (size_t)(p - s) + 1;
	return 0;
}

/* crypt_with - crypt_r of password with setting into out; 0 on success. */
static int
crypt_with(const char *password, const char *setting, char out[CRYPT_OUTPUT_SIZE])
{
	struct crypt_data *cd;
	const char *r;
	int ok;

	/* about 32 KiB: on the heap, never on a deep call stack */
	if ((cd = calloc(1, sizeof(*cd))) == NULL)
		return -1;
	r = crypt_r(password, setting, cd);
	ok = r != NULL && r[0] != '*' && strlen(r) < CRYPT_OUTPUT_SIZE;
	if (ok)
		memcpy(out, r, strlen(r) + 1);
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return ok ? 0 : -1;
}

/* derive - make the per-cost values for the current cost; call with lock held. 0 on success. */
static int
derive_locked(void)
{
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];
	size_t n;

	if (derived_cost == cost && dummy_hash[0] == '$')
		return 0;
	if (crypt_gensalt_rn("$y$", (unsigned long)cost, NULL, 0, setting, sizeof(setting)) == NULL ||
	    setting[0] == '*' || (n = param_len(setting)) == 0 || n >= sizeof(derived_prefix))
		return -1;
	if (crypt_with("shelf dummy password for unknown accounts", setting, dummy_hash) != 0)
		return -1;
	memcpy(derived_prefix, setting, n);
	derived_prefix[n] = '\0';
	derived_cost = cost;
	return 0;
}

enum core_err
password_hash(const char *password, char out[PASSWORD_HASH_SZ])
{
	char setting[CRYPT_GENSALT_OUTPUT_SIZE], h[CRYPT_OUTPUT_SIZE];
	int c = password_cost();

	out[0] = '\0';
	if (password == NULL || strlen(password) > PASSWORD_MAX)
		return CORE_INVALID;
	if (crypt_gensalt_rn("$y$", (unsigned long)c, NULL, 0, setting, sizeof(setting)) == NULL ||
	    setting[0] == '*')
		return errno == ENOMEM ? CORE_ENOMEM : CORE_IO;
	if (crypt_with(password, setting, h) != 0)
		return CORE_IO;
	if (strlen(h) >= PASSWORD_HASH_SZ)
		return CORE_IO;
	memcpy(out, h, strlen(h) + 1);
	explicit_bzero(h, sizeof(h));
	return CORE_OK;
}

int
password_equal(const char *a, const char *b)
{
	size_t la, lb, i;
	unsigned char d;

	if (a == NULL || b == NULL)
		return 0;
	la = strlen(a);
	lb = strlen(b);
	/* compare over the longer length, reading the shorter as NULs */
	d = la != lb;
	for (i = 0; i < (la > lb ? la : lb); i++)
		d |= (unsigned char)(i < la ? a[i] : 0) ^ (unsigned char)(i < lb ? b[i] : 0);
	return d == 0;
}

void
password_burn(const char *password)
{
	char dummy[CRYPT_OUTPUT_SIZE], h[CRYPT_OUTPUT_SIZE];
	int ok;

	pthread_mutex_lock(&lock);
	ok = derive_locked() == 0;
	if (ok)
		memcpy(dummy, dummy_hash, sizeof(dummy));
	pthread_mutex_unlock(&lock);
	if (ok && crypt_with(password ? password : "", dummy, h) == 0)
		(void)password_equal(h, dummy);
}

int
password_verify(const char *password, const char *hash)
{
	char h[CRYPT_OUTPUT_SIZE];
	int ok;

	if (password == NULL || strlen(password) > PASSWORD_MAX) {
		password_burn("");
		return 0;
	}
	if (hash == NULL || param_len(hash) == 0) {
		password_burn(password);
		return 0;
	}
	if (crypt_with(password, hash, h) != 0)
		return 0;
	ok = password_equal(h, hash);
	explicit_bzero(h, sizeof(h));
	return ok;
}

int
password_needs_rehash(const char *hash)
{
	size_t n = param_len(hash);
	int needs;

	if (n == 0 || strncmp(hash, "$y$", 3) != 0)
		return 1;
	pthread_mutex_lock(&lock);
	needs = derive_locked() != 0 || strlen(derived_prefix) != n || strncmp(hash, derived_prefix, n) != 0;
	pthread_mutex_unlock(&lock);
	return needs;
}

static enum core_err
refuse(char *why, const char *msg)
{
	if (why != NULL)
		snprintf(why, CORE_WHY, "%s", msg);
	return CORE_INVALID;
}

enum core_err
password_policy(const char *password, const char *email, char *why)
{
	size_t n, i;

	if (password == NULL || (n = strlen(password)) < PASSWORD_MIN)
		return refuse(why, "The password must be at least 10 characters long.");
	if (n > PASSWORD_MAX)
		return refuse(why, "The password must be at most 256 characters long.");
	for (i = 1; i < n && password[i] == password[0]; i++)
		;
	if (i == n)
		return refuse(why, "The password must not be one character repeated.");
	if (email != NULL && strcasecmp(password, email) == 0)
		return refuse(why, "The password must not be your e-mail address.");
	return CORE_OK;
}

enum core_err
password_random(void *p, size_t n)
{
	unsigned char *o = p;
	ssize_t k;

	while (n > 0) {
		k = getrandom(o, n, 0);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return CORE_IO;
		}
		o += k;
		n -= (size_t)k;
	}
	return CORE_OK;
}

enum core_err
password_token(char out[PASSWORD_TOKEN_SZ])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[PASSWORD_TOKEN_BYTES];
	enum core_err er;
	int i;

	out[0] = '\0';
	if ((er = password_random(r, sizeof(r))) != CORE_OK)
		return er;
	for (i = 0; i < PASSWORD_TOKEN_BYTES; i++) {
		out[2 * i] = hex[r[i] >> 4];
		out[2 * i + 1] = hex[r[i] & 15];
	}
	out[2 * PASSWORD_TOKEN_BYTES] = '\0';
	explicit_bzero(r, sizeof(r));
	return CORE_OK;
}

int
password_token_valid(const char *s)
{
	int i;

	if (s == NULL)
		return 0;
	for (i = 0; i < PASSWORD_TOKEN_BYTES * 2; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}

enum core_err
password_token_hash(const char *token, uint8_t out[DIGEST_SHA256_LEN])
{
	return digest_sha256(token, token ? strlen(token) : 0, out);
}

enum core_err
password_readable(char out[PASSWORD_READABLE_SZ])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";	/* 31: no i, l, o, 0, 1 */
	unsigned char r[32];
	enum core_err er;
	size_t used = sizeof(r), k = 0;

	while (k < PASSWORD_READABLE_SZ - 1) {
		if (k % 5 == 4) {
			out[k++] = '-';
			continue;
		}
		if (used == sizeof(r)) {
			if ((er = password_random(r, sizeof(r))) != CORE_OK) {
				out[0] = '\0';
				return er;
			}
			used = 0;
		}
		/* 248 = 8 x 31: reject the rest so every symbol is equally likely */
		if (r[used] < 248)
			out[k++] = alphabet[r[used] % 31];
		used++;
	}
	out[k] = '\0';
	explicit_bzero(r, sizeof(r));
	return CORE_OK;
}
