#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include "digest.h"

enum core_err
digest_sha256(const void *p, size_t n, uint8_t out[DIGEST_SHA256_LEN])
{
	static const char empty[1];

	if (EVP_Digest(n ? p : empty, n, out, NULL, EVP_sha256(), NULL) != 1) {
		memset(out, 0, DIGEST_SHA256_LEN);
		return CORE_ENOMEM;
	}
	return CORE_OK;
}

enum core_err
digest_sha256_hex(const void *p, size_t n, char out[DIGEST_SHA256_HEX])
{
	uint8_t d[DIGEST_SHA256_LEN];
	enum core_err er;

	out[0] = '\0';
	if ((er = digest_sha256(p, n, d)) != CORE_OK)
		return er;
	digest_hex(d, sizeof(d), out);
	return CORE_OK;
}

enum core_err
digest_hmac_sha256(const void *key, size_t keylen, const void *msg, size_t n, uint8_t out[DIGEST_SHA256_LEN])
{
	static const unsigned char empty[1];
	unsigned int len = 0;

	if (keylen > INT32_MAX || HMAC(EVP_sha256(), keylen ? key : empty, (int)keylen,
	    n ? msg : empty, n, out, &len) == NULL || len != DIGEST_SHA256_LEN) {
		memset(out, 0, DIGEST_SHA256_LEN);
		return CORE_ENOMEM;
	}
	return CORE_OK;
}

void
digest_hex(const void *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

int
digest_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}
