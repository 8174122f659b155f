/*
 * media_sniff.c - structural checks of PNG, JPEG and WebP files, and the
 * refusals of everything else.  See media_sniff.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "media_sniff.h"

#define MEDIA_NAME(sym, name, ext, mime) [sym] = name,
#define MEDIA_EXT(sym, name, ext, mime) [sym] = ext,
#define MEDIA_MIME(sym, name, ext, mime) [sym] = mime,
static const char *const type_names[MEDIA_TYPE__MAX] = { MEDIA_TYPES(MEDIA_NAME) };
static const char *const type_exts[MEDIA_TYPE__MAX] = { MEDIA_TYPES(MEDIA_EXT) };
static const char *const type_mimes[MEDIA_TYPE__MAX] = { MEDIA_TYPES(MEDIA_MIME) };

const char *
media_type_name(enum media_type t)
{
	return (t >= 0 && t < MEDIA_TYPE__MAX) ? type_names[t] : "png";
}

const char *
media_type_ext(enum media_type t)
{
	return (t >= 0 && t < MEDIA_TYPE__MAX) ? type_exts[t] : "png";
}

const char *
media_type_mime(enum media_type t)
{
	return (t >= 0 && t < MEDIA_TYPE__MAX) ? type_mimes[t] : "image/png";
}

static int
parse_in(const char *const *names, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < MEDIA_TYPE__MAX; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int
media_type_parse(const char *s)
{
	return parse_in(type_names, s);
}

int
media_ext_parse(const char *s)
{
	return parse_in(type_exts, s);
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t
be16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint32_t
le24(const uint8_t *p)
{
	return (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* refuse - CORE_INVALID with the reason. */
static enum core_err
refuse(char *why, const char *fmt, const char *arg)
{
	if (why != NULL)
		snprintf(why, CORE_WHY, fmt, arg ? arg : "");
	return CORE_INVALID;
}

/* ---- PNG ---------------------------------------------------------------- */

static uint32_t crc_table[256];
static int crc_ready;

static void
crc_init(void)
{
	uint32_t c, i, k;

	for (i = 0; i < 256; i++) {
		for (c = i, k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
	crc_ready = 1;
}

static uint32_t
crc32_of(const uint8_t *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	size_t i;

	if (!crc_ready)
		crc_init();
	for (i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static enum core_err
sniff_png(const uint8_t *p, size_t n, struct media_info *out, char *why)
{
	size_t off = 8;
	uint32_t len;
	int nchunks = 0, idat = 0;
	char type[5];

	while (1) {
		if (n - off < 12)
			return refuse(why, "The PNG file is truncated: it ends before its IEND chunk.", NULL);
		len = be32(p + off);
		memcpy(type, p + off + 4, 4);
		type[4] = '\0';
		if (len > 0x7fffffffu || len > n - off - 12)
			return refuse(why, "The PNG file is truncated or malformed: a chunk runs past the end of the file.",
			    NULL);
		if (!isalpha((unsigned char)type[0]) || !isalpha((unsigned char)type[1]) ||
		    !isalpha((unsigned char)type[2]) || !isalpha((unsigned char)type[3]))
			return refuse(why, "The PNG file is malformed: a chunk has no valid type.", NULL);
		if (crc32_of(p + off + 4, (size_t)len + 4) != be32(p + off + 8 + len))
			return refuse(why, "The PNG file is damaged: the CRC of its %s chunk is wrong.", type);
		if (nchunks == 0) {
			if (strcmp(type, "IHDR") != 0 || len != 13)
				return refuse(why, "The PNG file is malformed: it does not start with an IHDR chunk.", NULL);
			out->width = be32(p + off + 8);
			out->height = be32(p + off + 12);
			if (out->width == 0 || out->height == 0 || out->width > 0x7fffffffu || out->height > 0x7fffffffu)
				return refuse(why, "The PNG file is malformed: its width or height is zero or too large.", NULL);
		} else if (strcmp(type, "IHDR") == 0)
			return refuse(why, "The PNG file is malformed: it has two IHDR chunks.", NULL);
		if (strcmp(type, "IDAT") == 0)
			idat = 1;
		off += 12 + (size_t)len;
		nchunks++;
		if (strcmp(type, "IEND") == 0)
			break;
	}
	if (!idat)
		return refuse(why, "The PNG file has no image data (no IDAT chunk).", NULL);
	if (off != n)
		return refuse(why, "The PNG file has data after its end (IEND): a file that is also something else "
		    "is refused.", NULL);
	out->type = MEDIA_PNG;
	return CORE_OK;
}

/* ---- JPEG --------------------------------------------------------------- */

/* is_sof - a start-of-frame marker (C0..CF less DHT C4, JPG C8, DAC CC). */
static int
is_sof(uint8_t m)
{
	return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

static enum core_err
sniff_jpeg(const uint8_t *p, size_t n, struct media_info *out, char *why)
{
	size_t off = 2, len;
	int frame = 0, scan = 0;
	uint8_t m;

	while (1) {
		if (off >= n)
			return refuse(why, "The JPEG file is truncated: it ends before its end-of-image marker.", NULL);
		if (p[off] != 0xff)
			return refuse(why, "The JPEG file is malformed: a marker was expected.", NULL);
		while (off < n && p[off] == 0xff)	/* fill bytes */
			off++;
		if (off >= n)
			return refuse(why, "The JPEG file is truncated: it ends before its end-of-image marker.", NULL);
		m = p[off++];
		if (m == 0xd9)			/* EOI */
			break;
		if (m == 0xd8 || m == 0x00)
			return refuse(why, "The JPEG file is malformed: an unexpected marker.", NULL);
		if ((m >= 0xd0 && m <= 0xd7) || m == 0x01)	/* RSTn, TEM: no length */
			continue;
		if (n - off < 2)
			return refuse(why, "The JPEG file is truncated inside a marker segment.", NULL);
		len = be16(p + off);
		if (len < 2 || len > n - off)
			return refuse(why, "The JPEG file is truncated or malformed: a segment runs past the end of the file.",
			    NULL);
		if (is_sof(m)) {
			if (frame)
				return refuse(why, "The JPEG file is malformed: it has two frame headers.", NULL);
			if (len < 8)
				return refuse(why, "The JPEG file is malformed: its frame header is too short.", NULL);
			out->height = be16(p + off + 3);
			out->width = be16(p + off + 5);
			if (out->width == 0 || out->height == 0)
				return refuse(why, "The JPEG file is malformed: its width or height is zero.", NULL);
			frame = 1;
		}
		off += len;
		if (m == 0xda) {		/* SOS: entropy-coded data up to the next real marker */
			if (!frame)
				return refuse(why, "The JPEG file is malformed: a scan comes before the frame header.", NULL);
			scan = 1;
			while (1) {
				while (off < n && p[off] != 0xff)
					off++;
				if (n - off < 2)
					return refuse(why, "The JPEG file is truncated: its image data ends early.", NULL);
				if (p[off + 1] == 0x00 || (p[off + 1] >= 0xd0 && p[off + 1] <= 0xd7))
					off += 2;	/* a stuffed 0xff, or a restart marker */
				else if (p[off + 1] == 0xff)
					off++;		/* fill before a marker */
				else
					break;
			}
		}
	}
	if (!frame || !scan)
		return refuse(why, "The JPEG file has no image data (no frame or no scan).", NULL);
	if (off != n)
		return refuse(why, "The JPEG file has data after its end (EOI): a file that is also something else "
		    "is refused.", NULL);
	out->type = MEDIA_JPEG;
	return CORE_OK;
}

/* ---- WebP --------------------------------------------------------------- */

static enum core_err
webp_vp8(const uint8_t *d, uint32_t len, uint32_t *w, uint32_t *h, char *why)
{
	if (len < 10)
		return refuse(why, "The WebP file is truncated: its VP8 frame header is incomplete.", NULL);
	if (d[0] & 1)
		return refuse(why, "The WebP file is malformed: its first VP8 frame is not a key frame.", NULL);
	if (d[3] != 0x9d || d[4] != 0x01 || d[5] != 0x2a)
		return refuse(why, "The WebP file is malformed: its VP8 start code is wrong.", NULL);
	if ((le24(d) >> 5) > len - 10)
		return refuse(why, "The WebP file is truncated: its VP8 partition runs past its chunk.", NULL);
	*w = (d[6] | (uint32_t)d[7] << 8) & 0x3fff;
	*h = (d[8] | (uint32_t)d[9] << 8) & 0x3fff;
	return CORE_OK;
}

static enum core_err
webp_vp8l(const uint8_t *d, uint32_t len, uint32_t *w, uint32_t *h, char *why)
{
	uint32_t bits;

	if (len < 5)
		return refuse(why, "The WebP file is truncated: its VP8L header is incomplete.", NULL);
	if (d[0] != 0x2f)
		return refuse(why, "The WebP file is malformed: its VP8L signature is wrong.", NULL);
	bits = le32(d + 1);
	if ((bits >> 29) != 0)
		return refuse(why, "The WebP file is malformed: unknown VP8L version.", NULL);
	*w = (bits & 0x3fff) + 1;
	*h = ((bits >> 14) & 0x3fff) + 1;
	return CORE_OK;
}

static enum core_err
sniff_webp(const uint8_t *p, size_t n, struct media_info *out, char *why)
{
	uint32_t riff = le32(p + 4), len, w = 0, h = 0, cw = 0, ch = 0;
	size_t off = 12;
	int image = 0, vp8x = 0;
	enum core_err er;
	char fourcc[5];

	if ((uint64_t)riff + 8 > n)
		return refuse(why, "The WebP file is truncated: it is shorter than its RIFF header says.", NULL);
	if ((uint64_t)riff + 8 < n)
		return refuse(why, "The WebP file has data after its end (RIFF size): a file that is also something "
		    "else is refused.", NULL);
	while (off < n) {
		if (n - off < 8)
			return refuse(why, "The WebP file is truncated inside a chunk header.", NULL);
		memcpy(fourcc, p + off, 4);
		fourcc[4] = '\0';
		len = le32(p + off + 4);
		if (len > n - off - 8)
			return refuse(why, "The WebP file is truncated: a chunk runs past the end of the file.", NULL);
		if (off == 12 && strcmp(fourcc, "VP8X") == 0) {
			if (len < 10)
				return refuse(why, "The WebP file is malformed: its VP8X chunk is too short.", NULL);
			if (p[off + 8] & 0x02)
				return refuse(why, "Animated WebP images are not accepted; add a still image.", NULL);
			cw = le24(p + off + 12) + 1;
			ch = le24(p + off + 15) + 1;
			vp8x = 1;
		} else if (strcmp(fourcc, "ANIM") == 0 || strcmp(fourcc, "ANMF") == 0)
			return refuse(why, "Animated WebP images are not accepted; add a still image.", NULL);
		else if (strcmp(fourcc, "VP8 ") == 0 || strcmp(fourcc, "VP8L") == 0) {
			if (image)
				return refuse(why, "The WebP file is malformed: it has two image bitstreams.", NULL);
			er = fourcc[3] == 'L' ? webp_vp8l(p + off + 8, len, &w, &h, why) :
			    webp_vp8(p + off + 8, len, &w, &h, why);
			if (er != CORE_OK)
				return er;
			image = 1;
		} else if (off == 12)
			return refuse(why, "The WebP file is malformed: it does not start with an image chunk.", NULL);
		off += 8 + (size_t)len + (len & 1);
	}
	if (off != n)
		return refuse(why, "The WebP file is truncated: its last chunk lacks its padding byte.", NULL);
	if (!image)
		return refuse(why, "The WebP file has no image data (no VP8 or VP8L chunk).", NULL);
	if (w == 0 || h == 0)
		return refuse(why, "The WebP file is malformed: its width or height is zero.", NULL);
	if (vp8x && (cw != w || ch != h))
		return refuse(why, "The WebP file is malformed: its canvas and its image differ in size.", NULL);
	out->type = MEDIA_WEBP;
	out->width = w;
	out->height = h;
	return CORE_OK;
}

/* ---- what it is not ------------------------------------------------------ */

/* has_ci - whether needle (lower-case ASCII) occurs in p[0..n), any case. */
static int
has_ci(const uint8_t *p, size_t n, const char *needle)
{
	size_t k = strlen(needle), i, j;

	for (i = 0; k <= n && i <= n - k; i++) {
		for (j = 0; j < k; j++)
			if (tolower(p[i + j]) != (unsigned char)needle[j])
				break;
		if (j == k)
			return 1;
	}
	return 0;
}

/*
 * Markup a browser or a server might run, found anywhere in an image's
 * bytes.  Not "<?xml": photos carry XMP metadata, which is XML.
 */
static const char *const markup[] = {
	"<script", "<html", "<svg", "<?php", "<!doctype", "<iframe", "<body", "<object", "<embed",
	"javascript:", NULL
};

/* other - the reason a file that is none of the three is refused. */
static enum core_err
other(const uint8_t *p, size_t n, char *why)
{
	size_t i = 0, head = n < 1024 ? n : 1024;

	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		i = 3;
	while (i < n && isspace(p[i]))
		i++;
	if (has_ci(p, head, "<svg") || (i < n && p[i] == '<' && has_ci(p, n, "<svg")))
		return refuse(why, "SVG images are refused: they can carry script. Convert it to PNG or WebP.", NULL);
	if (i < n && p[i] == '<')
		return refuse(why, "This is markup (HTML or XML), not an image: it is refused.", NULL);
	if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return refuse(why, "GIF images are not accepted; use PNG, JPEG or WebP.", NULL);
	if (n >= 2 && memcmp(p, "BM", 2) == 0)
		return refuse(why, "BMP images are not accepted; use PNG, JPEG or WebP.", NULL);
	if (n >= 4 && (memcmp(p, "II*", 4) == 0 || memcmp(p, "MM\0*", 4) == 0))
		return refuse(why, "TIFF images are not accepted; use PNG, JPEG or WebP.", NULL);
	if (n >= 4 && memcmp(p, "%PDF", 4) == 0)
		return refuse(why, "PDF files are not images; use PNG, JPEG or WebP.", NULL);
	if (n >= 4 && memcmp(p, "PK\3\4", 4) == 0)
		return refuse(why, "ZIP archives are not images; use PNG, JPEG or WebP.", NULL);
	return refuse(why, "This file is not a PNG, JPEG or WebP image (its bytes match none of them).", NULL);
}

enum core_err
media_sniff(const void *data, size_t n, const struct media_limits *lim, struct media_info *out, char *why)
{
	static const struct media_limits defaults = { MEDIA_MAX_BYTES_DEFAULT, MEDIA_MAX_PIXELS_DEFAULT };
	const uint8_t *p = data;
	struct media_info info;
	enum core_err er;
	char msg[CORE_WHY];
	size_t i;

	if (lim == NULL)
		lim = &defaults;
	if (why != NULL)
		why[0] = '\0';
	if (n == 0 || p == NULL)
		return refuse(why, "The file is empty.", NULL);
	if (n > lim->max_bytes) {
		snprintf(msg, sizeof(msg), "The file is too large: %zu bytes, over the limit of %llu bytes.", n,
		    (unsigned long long)lim->max_bytes);
		return refuse(why, "%s", msg);
	}
	memset(&info, 0, sizeof(info));
	if (n >= 8 && memcmp(p, png_sig, 8) == 0)
		er = sniff_png(p, n, &info, why);
	else if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		er = sniff_jpeg(p, n, &info, why);
	else if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		er = sniff_webp(p, n, &info, why);
	else
		return other(p, n, why);
	if (er != CORE_OK)
		return er;
	if (info.width > MEDIA_SIDE_MAX || info.height > MEDIA_SIDE_MAX) {
		snprintf(msg, sizeof(msg), "The image is too large: %ux%u pixels; a side may be at most %d.",
		    (unsigned)info.width, (unsigned)info.height, MEDIA_SIDE_MAX);
		return refuse(why, "%s", msg);
	}
	if ((uint64_t)info.width * info.height > lim->max_pixels) {
		snprintf(msg, sizeof(msg), "The image has too many pixels: %ux%u is over the limit of %llu "
		    "(a decompression bomb is refused before decoding).", (unsigned)info.width, (unsigned)info.height,
		    (unsigned long long)lim->max_pixels);
		return refuse(why, "%s", msg);
	}
	for (i = 0; markup[i] != NULL; i++)
		if (has_ci(p, n, markup[i]))
			return refuse(why, "The image carries markup (%s) in its bytes: it is refused.", markup[i]);
	*out = info;
	return CORE_OK;
}
