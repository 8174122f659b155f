/*
 * db_res.c - reading the rows of a result (db.h): the current row's
 * columns as integers or text, held in buffers the connection owns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db_impl.h"
#include "str.h"

int
db_res_next(struct db_res *r)
{
	int rc;

	if (r == NULL || !r->active)
		return 0;
	rc = mysql_stmt_fetch(r->stmt);
	return rc == 0 || rc == MYSQL_DATA_TRUNCATED;
}

int
db_res_ncols(const struct db_res *r)
{
	return r->ncols;
}

uint64_t
db_res_rows(const struct db_res *r)
{
	return r->active ? mysql_stmt_num_rows(r->stmt) : 0;
}

int
db_res_isnull(const struct db_res *r, int col)
{
	return col < 0 || col >= r->ncols || r->cols[col].null;
}

int64_t
db_res_int(const struct db_res *r, int col)
{
	const struct col *c;

	if (db_res_isnull(r, col))
		return 0;
	c = &r->cols[col];
	if (c->is_int)
		return c->ival;
	return strtoll(c->buf ? c->buf : "0", NULL, 10);
}

const char *
db_res_str(const struct db_res *r, int col)
{
	struct col *c;

	if (db_res_isnull(r, col))
		return "";
	c = &r->cols[col];
	if (c->is_int) {
		/* text form of an integer column, made on demand */
		if (c->cap < 24) {
			char *nb = realloc(c->buf, 24);
			if (nb == NULL)
				return "";
			c->buf = nb;
			c->cap = 24;
		}
		snprintf(c->buf, c->cap, "%lld", (long long)c->ival);
		return c->buf;
	}
	c->buf[c->len < c->cap ? c->len : c->cap - 1] = '\0';
	return c->buf;
}

size_t
db_res_len(const struct db_res *r, int col)
{
	return strlen(db_res_str(r, col));
}

char *
db_res_strdup(const struct db_res *r, int col)
{
	return strdup(db_res_str(r, col));
}

void
db_res_free(struct db_res *r)
{
	if (r != NULL && r->active) {
		mysql_stmt_free_result(r->stmt);
		r->active = 0;
	}
}

/* set_int - v into the signed integer of size bytes at p. */
static void
set_int(void *p, size_t size, int64_t v)
{
	switch (size) {
	case sizeof(int8_t):  { int8_t x = (int8_t)v; memcpy(p, &x, sizeof(x)); break; }
	case sizeof(int16_t): { int16_t x = (int16_t)v; memcpy(p, &x, sizeof(x)); break; }
	case sizeof(int32_t): { int32_t x = (int32_t)v; memcpy(p, &x, sizeof(x)); break; }
	default:              memcpy(p, &v, sizeof(v)); break;
	}
}

enum core_err
db_res_fill(const struct db_res *r, const struct db_col *cols, size_t n, void *item)
{
	char *base = item, *s;
	size_t i;
	int v;

	if (n > (size_t)r->ncols)
		return CORE_DB;
	for (i = 0; i < n; i++) {
		const struct db_col *c = &cols[i];

		switch (c->type) {
		case DB_COLT_INT:
			set_int(base + c->off, c->size, db_res_int(r, (int)i));
			break;
		case DB_COLT_BOOL:
			set_int(base + c->off, c->size, db_res_int(r, (int)i) != 0);
			break;
		case DB_COLT_STR:
			str_copy(base + c->off, c->size, db_res_str(r, (int)i));
			break;
		case DB_COLT_STRDUP:
			if ((s = db_res_strdup(r, (int)i)) == NULL)
				return CORE_ENOMEM;
			memcpy(base + c->off, &s, sizeof(s));
			break;
		case DB_COLT_ENUM:
			v = c->parse(db_res_str(r, (int)i));
			set_int(base + c->off, c->size, v < 0 ? c->dflt : v);
			break;
		case DB_COLT_SKIP:
			break;
		}
	}
	return CORE_OK;
}
