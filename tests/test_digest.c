/* test_digest.c - SHA-256 (FIPS 180-4 examples) and HMAC-SHA256 (RFC 4231) through core/digest.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "digest.h"

static void
sha256_vectors(void **state)
{
	static const struct { const char *in; const char *hex; } v[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
		  "mnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	char hex[DIGEST_SHA256_HEX], *million;
	uint8_t d[DIGEST_SHA256_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(digest_sha256_hex(v[i].in, strlen(v[i].in), hex), CORE_OK);
		assert_string_equal(hex, v[i].hex);
	}
	assert_int_equal(digest_sha256_hex(NULL, 0, hex), CORE_OK);
	assert_string_equal(hex, v[0].hex);
	/* one million 'a' */
	assert_non_null(million = malloc(1000000));
	memset(million, 'a', 1000000);
	assert_int_equal(digest_sha256(million, 1000000, d), CORE_OK);
	digest_hex(d, sizeof(d), hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
}

static void
hmac_rfc4231(void **state)
{
	static const char long_data[] = "This is a test using a larger than block-size key and a larger than "
	    "block-size data. The key needs to be hashed before being used by the HMAC algorithm.";
	uint8_t k20[20], kaa20[20], k25[25], kaa131[131], d50[50], e50[50], k0c[20], mac[DIGEST_SHA256_LEN];
	char hex[DIGEST_SHA256_HEX];
	size_t i;

	(void)state;
	memset(k20, 0x0b, sizeof(k20));
	memset(kaa20, 0xaa, sizeof(kaa20));
	memset(kaa131, 0xaa, sizeof(kaa131));
	memset(k0c, 0x0c, sizeof(k0c));
	memset(d50, 0xdd, sizeof(d50));
	memset(e50, 0xcd, sizeof(e50));
	for (i = 0; i < sizeof(k25); i++)
		k25[i] = (uint8_t)(i + 1);
#define HMAC_IS(key, keylen, msg, n, want) do { \
		assert_int_equal(digest_hmac_sha256(key, keylen, msg, n, mac), CORE_OK); \
		digest_hex(mac, sizeof(mac), hex); \
		assert_memory_equal(hex, want, strlen(want)); \
	} while (0)
	/* test cases 1 to 7 */
	HMAC_IS(k20, sizeof(k20), "Hi There", 8,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	HMAC_IS("Jefe", 4, "what do ya want for nothing?", 28,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	HMAC_IS(kaa20, sizeof(kaa20), d50, sizeof(d50),
	    "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
	HMAC_IS(k25, sizeof(k25), e50, sizeof(e50),
	    "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
	HMAC_IS(k0c, sizeof(k0c), "Test With Truncation", 20,
	    "a3b6167473100ee06e0c796c2955552b");	/* the first 128 bits */
	HMAC_IS(kaa131, sizeof(kaa131), "Test Using Larger Than Block-Size Key - Hash Key First", 54,
	    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	HMAC_IS(kaa131, sizeof(kaa131), long_data, strlen(long_data),
	    "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
	/* empty key and message are fine */
	HMAC_IS(NULL, 0, NULL, 0, "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
#undef HMAC_IS
}

static void
hex_and_equal(void **state)
{
	static const uint8_t b[] = { 0x00, 0x0f, 0xa5, 0xff };
	char hex[2 * sizeof(b) + 1];

	(void)state;
	digest_hex(b, sizeof(b), hex);
	assert_string_equal(hex, "000fa5ff");
	digest_hex(b, 0, hex);
	assert_string_equal(hex, "");
	assert_true(digest_equal("abcd", "abcd", 4));
	assert_false(digest_equal("abcd", "abce", 4));
	assert_true(digest_equal("x", "y", 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_vectors),
		cmocka_unit_test(hmac_rfc4231),
		cmocka_unit_test(hex_and_equal),
	};

	return cmocka_run_group_tests_name("digest", tests, NULL, NULL);
}
