/*
 * test_fcgi_encoding.c - which content coding a client's Accept-Encoding
 * gets (encoding_accept), and that the compressed bytes decompress to the
 * page (zlib, libbrotlidec).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <brotli/decode.h>
#include <zlib.h>
#include "encoding.h"
#include "testlib.h"

static void
accept(void **state)
{
	static const struct {
		const char   *v;
		enum encoding want;
	} cases[] = {
		{ NULL, ENC_IDENTITY }, { "", ENC_IDENTITY }, { "identity", ENC_IDENTITY }, { "deflate", ENC_IDENTITY },
		{ "gzip", ENC_GZIP }, { "GZip", ENC_GZIP }, { "gzip, deflate, br", ENC_BR }, { "br", ENC_BR },
		{ "gzip, deflate, br, zstd", ENC_BR }, { "br;q=0, gzip", ENC_GZIP }, { "br;q=0.1, gzip;q=0.9", ENC_GZIP },
		{ "br; q=1.0, gzip;q=0.5", ENC_BR }, { "gzip;q=0", ENC_IDENTITY }, { "*", ENC_BR },
		{ "*;q=0", ENC_IDENTITY }, { "gzip, *;q=0", ENC_GZIP }, { "brotli, gzipx", ENC_IDENTITY },
		{ "x-gzip", ENC_IDENTITY }, { " ,, gzip ,", ENC_GZIP }, { "br;q=0.000", ENC_IDENTITY },
		{ "gzip;q=0.001", ENC_GZIP },
	};
	size_t i;

	(void)state;
	for (i = 0; i < TESTLIB_LEN(cases); i++) {
		if (encoding_accept(cases[i].v) != cases[i].want)
			fail_msg("Accept-Encoding %s: got %d, want %d", cases[i].v ? cases[i].v : "(none)",
			    (int)encoding_accept(cases[i].v), (int)cases[i].want);
	}
	assert_string_equal(encoding_name(ENC_BR), "br");
	assert_string_equal(encoding_name(ENC_GZIP), "gzip");
	assert_string_equal(encoding_name(ENC_IDENTITY), "");
}

static void
round_trip(void **state)
{
	static char page[20000], back[40000];
	struct buf z = { 0 };
	size_t i, n;
	z_stream s;

	(void)state;
	for (i = 0; i + 1 < sizeof(page); i++)
		page[i] = "<li class=\"product\">Microsoft 365 Business Standard</li>\n"[i % 55];
	page[sizeof(page) - 1] = '\0';
	assert_int_equal(encoding_compress(ENC_GZIP, page, strlen(page), &z), CORE_OK);
	assert_true(z.len > 10 && z.len < strlen(page) / 4);
	assert_int_equal((unsigned char)z.data[0], 0x1f);	/* the gzip magic */
	assert_int_equal((unsigned char)z.data[1], 0x8b);
	memset(&s, 0, sizeof(s));
	assert_int_equal(inflateInit2(&s, 15 + 16), Z_OK);
	s.next_in = (Bytef *)z.data;
	s.avail_in = (uInt)z.len;
	s.next_out = (Bytef *)back;
	s.avail_out = sizeof(back);
	assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
	assert_int_equal(s.total_out, strlen(page));
	assert_memory_equal(back, page, strlen(page));
	inflateEnd(&s);
	buf_free(&z);

	assert_int_equal(encoding_compress(ENC_BR, page, strlen(page), &z), CORE_OK);
	assert_true(z.len > 4 && z.len < strlen(page) / 4);
	n = sizeof(back);
	assert_int_equal(BrotliDecoderDecompress(z.len, (const uint8_t *)z.data, &n, (uint8_t *)back),
	    BROTLI_DECODER_RESULT_SUCCESS);
	assert_int_equal(n, strlen(page));
	assert_memory_equal(back, page, n);
	buf_free(&z);
	assert_int_equal(encoding_compress(ENC_IDENTITY, page, 10, &z), CORE_INVALID);
}

/* a page past the largest brotli window (64 KB), both codings, again and again: the tables' arena is reused */
static void
large_and_again(void **state)
{
	static char page[300000], back[300001];
	struct buf z = { 0 };
	size_t i, n;
	int round;
	z_stream s;

	(void)state;
	for (i = 0; i + 1 < sizeof(page); i++)
		page[i] = (char)('a' + (i * 7919 % 26) * ((i / 1000) % 3 != 0));
	page[sizeof(page) - 1] = '\0';
	for (round = 0; round < 3; round++) {
		assert_int_equal(encoding_compress(ENC_BR, page, strlen(page), &z), CORE_OK);
		n = sizeof(back);
		assert_int_equal(BrotliDecoderDecompress(z.len, (const uint8_t *)z.data, &n, (uint8_t *)back),
		    BROTLI_DECODER_RESULT_SUCCESS);
		assert_int_equal(n, strlen(page));
		assert_memory_equal(back, page, n);
		buf_free(&z);
		assert_int_equal(encoding_compress(ENC_GZIP, page, strlen(page), &z), CORE_OK);
		memset(&s, 0, sizeof(s));
		assert_int_equal(inflateInit2(&s, 15 + 16), Z_OK);
		s.next_in = (Bytef *)z.data;
		s.avail_in = (uInt)z.len;
		s.next_out = (Bytef *)back;
		s.avail_out = sizeof(back);
		assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
		assert_int_equal(s.total_out, strlen(page));
		assert_memory_equal(back, page, strlen(page));
		inflateEnd(&s);
		buf_free(&z);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accept),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(large_and_again),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
