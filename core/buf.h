/*
 * buf.h - a growing byte buffer, always NUL-terminated.
 *
 * A zeroed struct buf is empty and valid.  buf_free releases the memory
 * and leaves the buffer empty again.  Appends return CORE_ENOMEM on
 * allocation failure (the buffer is unchanged) or CORE_RANGE when the
 * buffer would pass BUF_MAX bytes.
 */
#ifndef SHELF_BUF_H
#define SHELF_BUF_H

#include <stddef.h>
#include <stdarg.h>
#include "err.h"

#define BUF_MAX ((size_t)256 << 20)	/* 256 MiB: no page or e-mail is this big */

struct buf {
	char   *data;	/* NUL-terminated when len > 0; NULL when never grown */
	size_t  len;
	size_t  cap;
};

enum core_err buf_reserve(struct buf *b, size_t extra);
enum core_err buf_append(struct buf *b, const void *p, size_t n);

/*
 * buf_curl_sink - a libcurl CURLOPT_WRITEFUNCTION: appends what arrives
 * to the struct buf of CURLOPT_WRITEDATA up to BUF_SINK_MAX bytes in
 * all, and reads and drops the rest (never an error, so a long reply
 * is not a failed transfer).
 */
#define BUF_SINK_MAX 65536
size_t buf_curl_sink(char *p, size_t size, size_t n, void *arg);
enum core_err buf_puts(struct buf *b, const char *s);
enum core_err buf_putc(struct buf *b, char c);
enum core_err buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
enum core_err buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* buf_cstr - the contents as a C string; "" for an empty buffer.  Borrowed. */
const char *buf_cstr(const struct buf *b);

/* buf_reset - empty the buffer, keeping its memory for reuse. */
void buf_reset(struct buf *b);

/* buf_detach - hand the contents to the caller (free() them); buffer is empty after. */
char *buf_detach(struct buf *b);

void buf_free(struct buf *b);

/*
 * buf_read_file - append the whole file at path to b: 0, or an errno
 * value (ENOENT and the like from fopen, EFBIG when b would pass max
 * bytes, ENOMEM, EIO).  On failure b may hold part of the file.
 */
int buf_read_file(struct buf *b, const char *path, size_t max);

#endif
