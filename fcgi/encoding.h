/*
 * encoding.h - the content codings shelf-fcgi sends cached public pages
 * in: the one a client's Accept-Encoding prefers among brotli, gzip and
 * none, and the compressed bytes, made once per cached page and coding
 * (reply.c keeps them with the page in the cache).
 */
#ifndef SHELF_ENCODING_H
#define SHELF_ENCODING_H

#include <stddef.h>
#include "buf.h"
#include "err.h"

enum encoding { ENC_IDENTITY, ENC_GZIP, ENC_BR, ENC__MAX };

#define ENC_BR_QUALITY   9	/* brotli: close to 11's size at a tenth of its time */
#define ENC_GZIP_LEVEL   9	/* zlib: made once per page version, so the smallest */
#define ENC_MIN_BYTES    256	/* smaller bodies are sent as they are */

/*
 * encoding_accept - the coding to send for Accept-Encoding value v (NULL:
 * none): br when the client takes it, else gzip, else identity.  A coding
 * with q=0 is refused; "*" stands for those not named.  Pure.
 */
enum encoding encoding_accept(const char *v);

/* encoding_name - "br", "gzip", or "" for identity; static. */
const char *encoding_name(enum encoding e);

/*
 * encoding_compress - body (len bytes) in coding e appended to out (which
 * the caller frees).  CORE_INVALID for identity, CORE_ENOMEM, CORE_RANGE
 * when the compressor fails.
 */
enum core_err encoding_compress(enum encoding e, const char *body, size_t len, struct buf *out);

#endif
