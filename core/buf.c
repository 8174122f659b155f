#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"

enum core_err
buf_reserve(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > BUF_MAX || b->len > BUF_MAX - extra - 1)
		return CORE_RANGE;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return CORE_OK;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL)
		return CORE_ENOMEM;
	b->data = p;
	b->cap = cap;
	return CORE_OK;
}

enum core_err
buf_append(struct buf *b, const void *p, size_t n)
{
	enum core_err er;

	if ((er = buf_reserve(b, n)) != CORE_OK)
		return er;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return CORE_OK;
}

enum core_err
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

enum core_err
buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

enum core_err
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	enum core_err er;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return CORE_INVALID;
	if ((er = buf_reserve(b, (size_t)n)) != CORE_OK)
		return er;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return CORE_OK;
}

enum core_err
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	enum core_err er;

	va_start(ap, fmt);
	er = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return er;
}

const char *
buf_cstr(const struct buf *b)
{
	return b->data ? b->data : "";
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

char *
buf_detach(struct buf *b)
{
	char *p = b->data;

	if (p == NULL)
		p = calloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int
buf_read_file(struct buf *b, const char *path, size_t max)
{
	char chunk[65536];
	FILE *f;
	size_t n;
	int rc = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return errno ? errno : EIO;
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b->len + n > max)
			rc = EFBIG;
		else if (buf_append(b, chunk, n) != CORE_OK)
			rc = ENOMEM;
	}
	if (rc == 0 && ferror(f))
		rc = EIO;
	fclose(f);
	return rc;
}

size_t
buf_curl_sink(char *p, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;
	size_t len = size * n;

	if (b->len < BUF_SINK_MAX)
		(void)buf_append(b, p, len < BUF_SINK_MAX - b->len ? len : BUF_SINK_MAX - b->len);
	return len;
}
