/*
 * media_sniff.h - what an uploaded image is, read from its bytes alone
 * (never from its name), and whether the media store accepts it.
 *
 * Accepted: PNG, JPEG (baseline or progressive) and WebP (lossy, lossless
 * or extended, not animated).  Each is parsed structurally, without
 * decoding pixels:
 *   PNG   signature, IHDR first, every chunk's length within the file and
 *         its CRC-32 right, at least one IDAT, IEND last;
 *   JPEG  SOI, every marker segment's length within the file, a frame
 *         header (SOF) before the first scan, the entropy-coded data of
 *         each scan walked to the next marker, EOI last;
 *   WebP  RIFF size equal to the file's size less 8, chunks tiling the
 *         RIFF body exactly, a VP8/VP8L bitstream header giving the size
 *         (VP8X canvas size when present, and it must agree).
 * Refused, each with its own reason: an empty or over-large file (before
 * anything else is read), SVG and other markup (script-capable), any
 * other format (GIF, BMP, PDF, ZIP, ...), a truncated or malformed
 * structure, bytes after the image's end (polyglots: a PNG with HTML
 * after IEND, a JPEG with a ZIP after EOI), markup found anywhere in the
 * bytes (<script, <html, <svg, <?php, <iframe, javascript:, ...; XMP
 * metadata, which is XML, is fine) and more pixels than the limit
 * (decompression bombs: width x height from the header, before any
 * decoding), or a side over MEDIA_SIDE_MAX.
 */
#ifndef SHELF_MEDIA_SNIFF_H
#define SHELF_MEDIA_SNIFF_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

/* X(symbol, media.type, file extension, Content-Type) */
#define MEDIA_TYPES(X) \
	X(MEDIA_PNG,  "png",  "png",  "image/png") \
	X(MEDIA_JPEG, "jpeg", "jpg",  "image/jpeg") \
	X(MEDIA_WEBP, "webp", "webp", "image/webp")

#define MEDIA_SYM(sym, name, ext, mime) sym,
enum media_type {
	MEDIA_TYPES(MEDIA_SYM)
	MEDIA_TYPE__MAX
};
#undef MEDIA_SYM

#define MEDIA_SIDE_MAX 16384		/* pixels, either side */
#define MEDIA_MAX_BYTES_DEFAULT  (5 * 1024 * 1024)
#define MEDIA_MAX_PIXELS_DEFAULT (16 * 1000 * 1000)

struct media_limits {
	uint64_t max_bytes;		/* a larger file is refused unread */
	uint64_t max_pixels;		/* width x height above this is refused */
};

struct media_info {
	enum media_type type;
	uint32_t        width;
	uint32_t        height;
};

/*
 * media_sniff - what the n bytes at p are.  CORE_OK with *out filled, or
 * CORE_INVALID with the reason in why (CORE_WHY bytes; may be NULL) and
 * *out untouched.  lim NULL means the defaults above.  Pure: no I/O.
 */
enum core_err media_sniff(const void *p, size_t n, const struct media_limits *lim, struct media_info *out,
    char *why);

/* "png", "jpeg", "webp" (the media.type values); media_type_parse: the enum, or -1. */
const char *media_type_name(enum media_type t);
int media_type_parse(const char *s);
/* the file extension of the stored file ("png", "jpg", "webp"); the one Content-Type nginx gives it */
const char *media_type_ext(enum media_type t);
const char *media_type_mime(enum media_type t);
/* media_ext_parse - the type whose extension is s ("jpg": MEDIA_JPEG), or -1. */
int media_ext_parse(const char *s);

#endif
