/* encoding.c - br and gzip for cached pages; see encoding.h. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <brotli/encode.h>
#include <zlib.h>
#include "encoding.h"

static const char *const names[ENC__MAX] = { [ENC_IDENTITY] = "", [ENC_GZIP] = "gzip", [ENC_BR] = "br" };

const char *
encoding_name(enum encoding e)
{
	return e < ENC__MAX ? names[e] : "";
}

/*
 * qvalue - the q of one Accept-Encoding element's parameters p..end
 * (";q=0.5"): 1000 for none, 0..1000 in thousandths.
 */
static int
qvalue(const char *p, const char *end)
{
	int v = 0, scale = 100;

	while (p < end && (p = memchr(p, ';', (size_t)(end - p))) != NULL) {
		for (p++; p < end && (*p == ' ' || *p == '\t'); p++)
			;
		if (end - p < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
			continue;
		p += 2;
		if (p < end && *p == '1')
			return 1000;
		if (p >= end || *p != '0')
			return 0;
		if (++p < end && *p == '.')
			for (p++; p < end && isdigit((unsigned char)*p) && scale > 0; p++, scale /= 10)
				v += (*p - '0') * scale;
		return v;
	}
	return 1000;
}

enum encoding
encoding_accept(const char *v)
{
	int q[ENC__MAX] = { 0 }, star = -1, named[ENC__MAX] = { 0 };
	const char *p = v, *end, *name;
	size_t n;
	int i;

	if (v == NULL)
		return ENC_IDENTITY;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		end = p + strcspn(p, ",");
		name = p;
		n = strcspn(p, ";, \t");
		for (i = ENC_GZIP; i < ENC__MAX; i++)
			if (strlen(names[i]) == n && strncasecmp(name, names[i], n) == 0) {
				q[i] = qvalue(p + n, end);
				named[i] = 1;
			}
		if (n == 1 && *name == '*')
			star = qvalue(p + n, end);
		p = end;
	}
	for (i = ENC_GZIP; i < ENC__MAX; i++)
		if (!named[i] && star >= 0)
			q[i] = star;
	if (q[ENC_BR] > 0 && q[ENC_BR] >= q[ENC_GZIP])
		return ENC_BR;
	return q[ENC_GZIP] > 0 ? ENC_GZIP : (q[ENC_BR] > 0 ? ENC_BR : ENC_IDENTITY);
}

/*
 * The compressors' tables come from one arena, taken once and reused by
 * every page: made afresh for each page version they were most of a
 * first render's CPU (fresh pages, faulted in and zeroed), and, mixed
 * with the cached pages on the heap, they kept it from being reused.
 * One compression at a time (one thread); anything past the arena comes
 * from malloc.
 */
#define ARENA_BYTES ((size_t)2 << 20)	/* br at quality 9, window 16: 1.6 MB; gzip -9: 0.4 MB */

static struct {
	char  *base;
	size_t used;
} arena;

static void *
arena_alloc(void *opaque, size_t n)
{
	void *p;

	(void)opaque;
	n = (n + 63) & ~(size_t)63;
	if (arena.base == NULL)
		arena.base = malloc(ARENA_BYTES);
	if (arena.base != NULL && n <= ARENA_BYTES - arena.used) {
		p = arena.base + arena.used;
		arena.used += n;
		return p;
	}
	return malloc(n);
}

static void
arena_free(void *opaque, void *p)
{
	(void)opaque;
	if (p != NULL && (arena.base == NULL || (char *)p < arena.base || (char *)p >= arena.base + ARENA_BYTES))
		free(p);
}

/* arena_reset - the compression is over: all of the arena is free again. */
static void
arena_reset(void)
{
	arena.used = 0;
}

static voidpf
z_alloc(voidpf opaque, uInt items, uInt size)
{
	return arena_alloc(opaque, (size_t)items * size);
}

static void
z_free(voidpf opaque, voidpf p)
{
	arena_free(opaque, p);
}

static enum core_err
gzip(const char *body, size_t len, struct buf *out)
{
	z_stream z;
	uLong bound;
	int rc;

	memset(&z, 0, sizeof(z));
	z.zalloc = z_alloc;
	z.zfree = z_free;
	if (deflateInit2(&z, ENC_GZIP_LEVEL, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
		arena_reset();
		return CORE_ENOMEM;
	}
	bound = deflateBound(&z, (uLong)len);
	if (buf_reserve(out, bound + 1) != CORE_OK) {
		deflateEnd(&z);
		arena_reset();
		return CORE_ENOMEM;
	}
	z.next_in = (Bytef *)(uintptr_t)body;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->data + out->len;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	if (rc == Z_STREAM_END)
		out->len += z.total_out;
	deflateEnd(&z);
	arena_reset();
	return rc == Z_STREAM_END ? CORE_OK : CORE_RANGE;
}

/*
 * br_window - the smallest brotli window (lgwin) that holds len bytes,
 * at most 16.  The encoder sizes its tables by the window, not by the
 * input: at quality 9 the default (22) cost 12-28 ms for a 15 KB page, a
 * fitted one 0.8 ms, in the same bytes; above 16 its tables grow from
 * 1.6 MB to 34.
 */
static int
br_window(size_t len)
{
	int w = BROTLI_MIN_WINDOW_BITS;

	while (w < 16 && ((size_t)1 << w) - 16 < len)
		w++;
	return w;
}

static enum core_err
brotli(const char *body, size_t len, struct buf *out)
{
	size_t n = BrotliEncoderMaxCompressedSize(len), in_left = len, out_left;
	const uint8_t *in = (const uint8_t *)body;
	BrotliEncoderState *s;
	uint8_t *o;
	int ok;

	if (n == 0 || buf_reserve(out, n + 1) != CORE_OK)
		return CORE_ENOMEM;
	if ((s = BrotliEncoderCreateInstance(arena_alloc, arena_free, NULL)) == NULL)
		return CORE_ENOMEM;
	BrotliEncoderSetParameter(s, BROTLI_PARAM_QUALITY, ENC_BR_QUALITY);
	BrotliEncoderSetParameter(s, BROTLI_PARAM_LGWIN, (uint32_t)br_window(len));
	BrotliEncoderSetParameter(s, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT);
	BrotliEncoderSetParameter(s, BROTLI_PARAM_SIZE_HINT, (uint32_t)(len < UINT32_MAX ? len : UINT32_MAX));
	o = (uint8_t *)out->data + out->len;
	out_left = n;
	ok = BrotliEncoderCompressStream(s, BROTLI_OPERATION_FINISH, &in_left, &in, &out_left, &o, NULL) &&
	    BrotliEncoderIsFinished(s);
	BrotliEncoderDestroyInstance(s);
	arena_reset();
	if (!ok)
		return CORE_RANGE;
	out->len += n - out_left;
	return CORE_OK;
}

enum core_err
encoding_compress(enum encoding e, const char *body, size_t len, struct buf *out)
{
	if (e == ENC_GZIP)
		return gzip(body, len, out);
	if (e == ENC_BR)
		return brotli(body, len, out);
	return CORE_INVALID;
}
