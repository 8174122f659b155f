/*
 * fuzz_http.c - query strings, urlencoded forms, cookies, percent-decoding
 * and If-None-Match (fcgi/http.c) on arbitrary bytes.
 *
 * Contracts checked beyond "no crash": a parse that succeeds gives at most
 * HTTP_MAX_PARAMS fields whose names and values are UTF-8 without NUL
 * bytes and are found again by http_params_get; a failed parse leaves the
 * list empty; http_decode writes nothing past s[len] (the buffer is
 * exactly len + 1 bytes, ASan watches), shrinks or keeps the length and
 * gives UTF-8; http_urlencode then http_decode is the identity; "*"
 * matches any entity tag.
 */
#include "fuzz.h"
#include "buf.h"
#include "http.h"
#include "str.h"

/* check_params - the contract of a parsed list; cookie lists are not decoded (no UTF-8 promise). */
static void
check_params(const struct http_params *p, int rc, int cookie)
{
	size_t i;

	if (rc != HTTP_OK) {
		FUZZ_CHECK(rc == HTTP_BAD || rc == HTTP_TOO_BIG);
		FUZZ_CHECK(p->n == 0 && p->v == NULL && p->mem == NULL);
		return;
	}
	FUZZ_CHECK(p->n <= HTTP_MAX_PARAMS);
	for (i = 0; i < p->n; i++) {
		FUZZ_CHECK(p->v[i].name != NULL && p->v[i].value != NULL);
		if (cookie) {
			FUZZ_CHECK(p->v[i].name[0] != '\0');
			FUZZ_CHECK(strchr(p->v[i].name, ';') == NULL && strchr(p->v[i].value, ';') == NULL);
		} else {
			FUZZ_CHECK(str_utf8_valid(p->v[i].name, strlen(p->v[i].name)));
			FUZZ_CHECK(str_utf8_valid(p->v[i].value, strlen(p->v[i].value)));
		}
		FUZZ_CHECK(http_params_get(p, p->v[i].name) != NULL);
	}
}

/* check_decode - decode a copy of data both ways and round-trip what decodes. */
static void
check_decode(const uint8_t *data, size_t size, int plus)
{
	char *s = malloc(size + 1);
	size_t out = (size_t)-1, out2 = (size_t)-1;
	struct buf enc = { 0 };

	if (s == NULL)
		abort();
	memcpy(s, data, size);	/* s[size] left unset: the decoder writes it */
	if (http_decode(s, size, plus, &out) == HTTP_OK) {
		FUZZ_CHECK(out <= size);
		FUZZ_CHECK(s[out] == '\0' && strlen(s) == out);
		FUZZ_CHECK(str_utf8_valid(s, out));
		FUZZ_CHECK(http_urlencode(&enc, s) == CORE_OK);
		if (enc.len > 0) {
			FUZZ_CHECK(http_decode(enc.data, enc.len, plus, &out2) == HTTP_OK);
			FUZZ_CHECK(out2 == out && memcmp(enc.data, s, out) == 0);
		} else
			FUZZ_CHECK(out == 0);
	} else
		FUZZ_CHECK(out == (size_t)-1);	/* *outlen is set on success only */
	buf_free(&enc);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_params p = { 0 };
	char *str;
	int rc;

	rc = http_params_parse(&p, (const char *)data, size);
	check_params(&p, rc, 0);
	http_params_free(&p);
	rc = http_cookies_parse(&p, (const char *)data, size);
	check_params(&p, rc, 1);
	http_params_free(&p);
	FUZZ_CHECK(p.n == 0 && p.v == NULL && p.mem == NULL);

	check_decode(data, size, 0);
	check_decode(data, size, 1);

	str = fuzz_strndup(data, size);
	(void)http_etag_match(str, "\"0123abcd\"");
	(void)http_etag_match(str, "W/\"x\"");
	(void)http_etag_match("\"a\", W/\"b\"", str);
	FUZZ_CHECK(http_etag_match("*", str) == 1);
	if (http_is_slug(str, 64)) {
		const char *c;

		FUZZ_CHECK(strlen(str) >= 1 && strlen(str) <= 64);
		for (c = str; *c; c++)
			FUZZ_CHECK((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-');
	}
	rc = http_method_parse(str);
	FUZZ_CHECK(rc >= HTTP_GET && rc <= HTTP_OTHER);
	free(str);
	return 0;
}
