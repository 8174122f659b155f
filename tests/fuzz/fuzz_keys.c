/*
 * fuzz_keys.c - the licence key import's reading of a pasted or uploaded
 * list (core/keys.c's pure layer: keys_next, keys_check_text).
 *
 * Input: the text.  Contracts checked: every key found lies inside the
 * text, is not empty, holds no line break, starts with neither a blank
 * nor '#', ends without a blank or CR, on a line number that grows and
 * matches the line breaks before it; keys_check_text accepts exactly
 * when there is a key and every key is UTF-8 text of at most
 * KEYS_KEY_MAX characters without control characters, which is what
 * the import's key buffer (KEYS_KEY_MAX * 4 + 1 bytes) relies on.
 */
#include "fuzz.h"
#include "err.h"
#include "keys.h"
#include "str.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *key, *q;
	size_t pos = 0, klen, prev_end = 0, counted = 0;
	int line = 0, last = 0, keys = 0, good = 1, newlines = 0;
	long chars;
	char why[CORE_WHY];
	enum core_err er;

	while (keys_next(text, size, &pos, &line, &key, &klen)) {
		FUZZ_CHECK(key >= text && klen > 0 && key + klen <= text + size);
		FUZZ_CHECK(line > last && (size_t)(key - text) >= prev_end);
		FUZZ_CHECK(memchr(key, '\n', klen) == NULL);
		FUZZ_CHECK(key[0] != ' ' && key[0] != '\t' && key[0] != '#');
		FUZZ_CHECK(key[klen - 1] != ' ' && key[klen - 1] != '\t' && key[klen - 1] != '\r');
		for (q = text + counted; q < key; q++)	/* line breaks before the key, counted once */
			newlines += *q == '\n';
		counted = (size_t)(key - text);
		FUZZ_CHECK(line == newlines + 1);
		chars = str_utf8_chars(key, klen, 0);
		if (chars < 0 || chars > KEYS_KEY_MAX)
			good = 0;
		else
			FUZZ_CHECK(klen <= (size_t)KEYS_KEY_MAX * 4);
		last = line;
		prev_end = (size_t)(key - text) + klen;
		keys++;
	}
	FUZZ_CHECK(pos == size);
	why[0] = '\0';
	er = keys_check_text(text, size, why);
	if (keys > 0 && good)
		FUZZ_CHECK(er == CORE_OK);
	else
		FUZZ_CHECK(er == CORE_INVALID && why[0] != '\0');
	return 0;
}
