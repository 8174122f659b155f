/*
 * fuzz.h - what the fuzz targets share (tests/fuzz/fuzz_*.c).
 *
 * Each target is one file defining LLVMFuzzerTestOneInput.  It builds
 * twice: with clang and libFuzzer under ASan and UBSan (make fuzz, into
 * build/fuzz/), and with the project's compiler into the replay suite
 * (build/tests/test_fuzz_replay, tests/fuzz/replay.c), where the entry
 * point is renamed fuzz_entry_NAME by the Makefile so every target links
 * into one program.  A target therefore keeps everything but its entry
 * point static.
 *
 * FUZZ_CHECK states a contract of the module under test: when it does
 * not hold the target prints where and aborts, which libFuzzer reports
 * as a crash (with the input saved) and the replay suite as a failure.
 */
#ifndef SHELF_FUZZ_H
#define SHELF_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: contract broken: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_strndup - data[0..n) as a malloc'd NUL-terminated string (it may hold NULs); aborts when out of memory. */
static inline char *
fuzz_strndup(const void *data, size_t n)
{
	char *s = malloc(n + 1);

	if (s == NULL)
		abort();
	if (n > 0)
		memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

/*
 * fuzz_split - cut data[0..size) at each byte sep into at most max parts
 * (the last part keeps any further separators): part[i] starts at
 * data + off[i] and is len[i] bytes long.  Returns the number of parts
 * (at least 1).
 */
static inline size_t
fuzz_split(const uint8_t *data, size_t size, uint8_t sep, size_t max, size_t off[], size_t len[])
{
	size_t n = 0, start = 0, i;

	for (i = 0; i < size && n + 1 < max; i++)
		if (data[i] == sep) {
			off[n] = start;
			len[n] = i - start;
			n++;
			start = i + 1;
		}
	off[n] = start;
	len[n] = size - start;
	return n + 1;
}

#endif
