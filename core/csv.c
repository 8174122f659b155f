/* csv.c - RFC 4180 CSV records from a file.  See csv.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"

struct csv {
	FILE   *f;
	long    line;		/* the line the reader is on */
	int     started;	/* the BOM check is done */
	char   *text;		/* the record's fields, each NUL-terminated */
	size_t  len, cap;
	size_t *starts;		/* offset of each field in text */
	char  **fields;
	size_t  nfields, fcap;
};

enum core_err
csv_open(const char *path, struct csv **out)
{
	struct csv *c;

	*out = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return CORE_ENOMEM;
	if ((c->f = fopen(path, "rb")) == NULL) {
		int e = errno;

		free(c);
		errno = e;
		return CORE_IO;
	}
	c->line = 1;
	*out = c;
	return CORE_OK;
}

enum core_err
csv_open_stream(FILE *f, struct csv **out)
{
	struct csv *c;

	*out = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return CORE_ENOMEM;
	c->f = f;
	c->line = 1;
	*out = c;
	return CORE_OK;
}

void
csv_close(struct csv *c)
{
	if (c == NULL)
		return;
	if (c->f != NULL)
		fclose(c->f);
	free(c->text);
	free(c->starts);
	free(c->fields);
	free(c);
}

static enum core_err
put(struct csv *c, char ch)
{
	if (c->len == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		char *p = realloc(c->text, cap);

		if (p == NULL)
			return CORE_ENOMEM;
		c->text = p;
		c->cap = cap;
	}
	c->text[c->len++] = ch;
	return CORE_OK;
}

/* field_start - begin a new field at the current end of text. */
static enum core_err
field_start(struct csv *c)
{
	if (c->nfields == c->fcap) {
		size_t cap = c->fcap ? c->fcap * 2 : 32;
		size_t *p = realloc(c->starts, cap * sizeof(*p));

		if (p == NULL)
			return CORE_ENOMEM;
		c->starts = p;
		c->fcap = cap;
	}
	c->starts[c->nfields++] = c->len;
	return CORE_OK;
}

/* finish - terminate the last field and make the pointers (text may have moved). */
static enum core_err
finish(struct csv *c, char ***fields, size_t *n)
{
	char **p;
	size_t i;
	enum core_err er;

	if ((er = put(c, '\0')) != CORE_OK)
		return er;
	if ((p = realloc(c->fields, c->fcap * sizeof(*p))) == NULL)
		return CORE_ENOMEM;
	c->fields = p;
	for (i = 0; i < c->nfields; i++)
		p[i] = c->text + c->starts[i];
	*fields = p;
	*n = c->nfields;
	return CORE_OK;
}

enum core_err
csv_next(struct csv *c, char ***fields, size_t *n, long *line)
{
	enum core_err er;
	int ch, quoted, any;

	*n = 0;
	if (!c->started) {
		c->started = 1;
		if ((ch = getc(c->f)) == 0xEF) {
			if (getc(c->f) != 0xBB || getc(c->f) != 0xBF)
				rewind(c->f);
		} else if (ch != EOF) {
			ungetc(ch, c->f);
		}
	}
	for (;;) {
		c->len = 0;
		c->nfields = 0;
		*line = c->line;
		if ((er = field_start(c)) != CORE_OK)
			return er;
		quoted = 0;
		any = 0;
		for (;;) {
			ch = getc_unlocked(c->f);
			if (ch == EOF) {
				if (ferror(c->f))
					return CORE_IO;
				if (quoted == 1)
					return CORE_INVALID;
				if (!any && c->nfields == 1)
					return CORE_NOTFOUND;
				break;
			}
			if (quoted == 1) {
				if (ch == '"') {
					quoted = 2;	/* closing, or the first of "" */
					continue;
				}
				if (ch == '\n')
					c->line++;
				if ((er = put(c, (char)ch)) != CORE_OK)
					return er;
				continue;
			}
			if (quoted == 2 && ch == '"') {
				quoted = 1;
				if ((er = put(c, '"')) != CORE_OK)
					return er;
				continue;
			}
			if (ch == ',') {
				if ((er = put(c, '\0')) != CORE_OK || (er = field_start(c)) != CORE_OK)
					return er;
				quoted = 0;
				any = 1;
				continue;
			}
			if (ch == '\r' || ch == '\n') {
				c->line++;
				if (ch == '\r' && (ch = getc_unlocked(c->f)) != '\n' && ch != EOF)
					ungetc(ch, c->f);
				break;
			}
			if (ch == '"' && quoted == 0 && c->len == c->starts[c->nfields - 1]) {
				quoted = 1;
				any = 1;
				continue;
			}
			/* text after a closing quote is kept as it comes */
			any = 1;
			if ((er = put(c, (char)ch)) != CORE_OK)
				return er;
		}
		if (!any && c->nfields == 1)
			continue;	/* a blank line */
		return finish(c, fields, n);
	}
}
