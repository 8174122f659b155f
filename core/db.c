#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include "db_impl.h"
#include "str.h"

#define MAX_PARAMS 32

/* How server error numbers map onto core errors. */
static const struct {
	unsigned      no;
	enum core_err er;
} errmap[] = {
	{ ER_DUP_ENTRY,              CORE_CONFLICT },
	{ ER_DUP_ENTRY_WITH_KEY_NAME, CORE_CONFLICT },
	{ ER_ROW_IS_REFERENCED_2,    CORE_CONFLICT },
	{ ER_ROW_IS_REFERENCED,      CORE_CONFLICT },
	{ ER_NO_REFERENCED_ROW_2,    CORE_INVALID },
	{ ER_NO_REFERENCED_ROW,      CORE_INVALID },
	{ 4025 /* ER_CONSTRAINT_FAILED */, CORE_INVALID },
	{ ER_DATA_TOO_LONG,          CORE_INVALID },
	{ ER_TRUNCATED_WRONG_VALUE_FOR_FIELD, CORE_INVALID },
	{ ER_WARN_DATA_OUT_OF_RANGE, CORE_RANGE },
	{ ER_LOCK_DEADLOCK,          CORE_DEADLOCK },
	{ ER_LOCK_WAIT_TIMEOUT,      CORE_DEADLOCK },
	{ CR_SERVER_GONE_ERROR,      CORE_DBCONN },
	{ CR_SERVER_LOST,            CORE_DBCONN },
	{ CR_CONN_HOST_ERROR,        CORE_DBCONN },
	{ CR_CONNECTION_ERROR,       CORE_DBCONN },
	{ ER_CONNECTION_KILLED,      CORE_DBCONN },
	{ 4031 /* ER_NET_ERROR_ON_WRITE / client idle timeout */, CORE_DBCONN },
	{ ER_SERVER_SHUTDOWN,        CORE_DBCONN },
};

static enum core_err
map_errno(unsigned no)
{
	size_t i;

	for (i = 0; i < sizeof(errmap) / sizeof(errmap[0]); i++)
		if (errmap[i].no == no)
			return errmap[i].er;
	return CORE_DB;
}

enum core_err
db_fail(struct db *db, unsigned no, const char *what)
{
	db->err_no = no;
	snprintf(db->err, sizeof(db->err), "%u: %.480s", no, what);
	return map_errno(no);
}

enum core_err
db_fail_conn(struct db *db)
{
	return db_fail(db, mysql_errno(db->my), mysql_error(db->my));
}

static enum core_err
fail_stmt(struct db *db, MYSQL_STMT *st)
{
	return db_fail(db, mysql_stmt_errno(st), mysql_stmt_error(st));
}

static void
res_release(struct db_res *r)
{
	int i;

	for (i = 0; i < r->cap; i++)
		free(r->cols[i].buf);
	free(r->cols);
	free(r->bind);
	memset(r, 0, sizeof(*r));
}

static void
drop_statements(struct db *db)
{
	int m, i;

	for (m = 0; m < DB_MOD__MAX; m++)
		for (i = 0; i < DB_TABLE_MAX; i++) {
			struct slot *s = &db->slots[m][i];
			if (s->stmt != NULL)
				mysql_stmt_close(s->stmt);
			res_release(&s->res);
			s->stmt = NULL;
		}
}

static enum core_err
connect_server(struct db *db, char *msg, size_t msgsz)
{
	const struct config *c = &db->cfg;
	unsigned int ct = (unsigned)c->db_connect_timeout;
	unsigned int rt = (unsigned)c->db_read_timeout;
	unsigned int wt = (unsigned)c->db_write_timeout;
	int use_socket = c->db_socket[0] != '\0';
	MYSQL *my;

	if ((my = mysql_init(NULL)) == NULL) {
		snprintf(msg, msgsz, "out of memory");
		return CORE_ENOMEM;
	}
	mysql_options(my, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
	mysql_options(my, MYSQL_OPT_READ_TIMEOUT, &rt);
	mysql_options(my, MYSQL_OPT_WRITE_TIMEOUT, &wt);
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(my, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
	if (mysql_real_connect(my, use_socket ? NULL : c->db_host, c->db_user,
	    c->db_password[0] ? c->db_password : NULL, c->db_name,
	    use_socket ? 0 : (unsigned)c->db_port,
	    use_socket ? c->db_socket : NULL, 0) == NULL) {
		if (use_socket)
			snprintf(msg, msgsz, "cannot connect to MariaDB via socket %s as user '%s', database '%s': %s",
			    c->db_socket, c->db_user, c->db_name, mysql_error(my));
		else
			snprintf(msg, msgsz, "cannot connect to MariaDB at %s:%d as user '%s', database '%s': %s",
			    c->db_host, c->db_port, c->db_user, c->db_name, mysql_error(my));
		mysql_close(my);
		return CORE_DBCONN;
	}
	if (c->clock[0] != '\0' && config_clock(c, NULL) == 0) {
		/* a pinned clock: NOW(), UTC_DATE()... answer that instant on this connection */
		char q[CONFIG_STR + 64];
		int n = snprintf(q, sizeof(q), "SET timestamp = UNIX_TIMESTAMP('%s')", c->clock);
		if (mysql_real_query(my, q, (unsigned long)n) != 0) {
			snprintf(msg, msgsz, "cannot pin the clock to '%s': %s", c->clock, mysql_error(my));
			mysql_close(my);
			return CORE_DBCONN;
		}
	}
	db->my = my;
	return CORE_OK;
}

const struct config *
db_config(const struct db *db)
{
	return &db->cfg;
}

time_t
db_now(const struct db *db)
{
	time_t t;

	if (db != NULL && db->cfg.clock[0] != '\0' && config_clock(&db->cfg, &t) == 0)
		return t;
	return time(NULL);
}

enum core_err
db_open(const struct config *cfg, struct db **out, char *msg, size_t msgsz)
{
	struct db *db;
	enum core_err er;

	*out = NULL;
	if ((db = calloc(1, sizeof(*db))) == NULL) {
		snprintf(msg, msgsz, "out of memory");
		return CORE_ENOMEM;
	}
	db->cfg = *cfg;
	if ((er = connect_server(db, msg, msgsz)) != CORE_OK) {
		free(db);
		return er;
	}
	*out = db;
	return CORE_OK;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	db_close(db->rep.conn);
	drop_statements(db);
	if (db->my != NULL)
		mysql_close(db->my);
	free(db);
}

const char *
db_error(const struct db *db)
{
	return db->err;
}

int
db_is_dup(const struct db *db)
{
	return db->err_no == ER_DUP_ENTRY || db->err_no == ER_DUP_ENTRY_WITH_KEY_NAME;
}

unsigned
db_txn_retries(const struct db *db)
{
	return db->retries;
}

unsigned
db_reconnects(const struct db *db)
{
	return db->reconnects;
}

int
db_in_txn(const struct db *db)
{
	return db->in_txn;
}

uint64_t
db_insert_id(const struct db *db)
{
	return db->insert_id;
}

/* reconnect - replace a lost connection; every statement is prepared anew. */
static enum core_err
reconnect(struct db *db)
{
	char msg[512];
	enum core_err er;

	drop_statements(db);
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
	if ((er = connect_server(db, msg, sizeof(msg))) != CORE_OK) {
		db_fail(db, CR_CONNECTION_ERROR, msg);
		return CORE_DBCONN;
	}
	db->reconnects++;
	return CORE_OK;
}

/*
 * ready - make sure the connection can take a statement before one is
 * sent.  A connection the server closed (restart, idle timeout, kill)
 * shows as readable or hung up while we send nothing; outside a
 * transaction it is replaced -- nothing was sent, so nothing can run
 * twice -- and inside one the transaction is gone: CORE_DBCONN.
 */
static enum core_err
ready(struct db *db)
{
	struct pollfd p;

	if (db->my != NULL && !db->lost) {
		p.fd = (int)mysql_get_socket(db->my);
		p.events = POLLIN | POLLRDHUP;
		p.revents = 0;
		if (p.fd >= 0 && poll(&p, 1, 0) == 0)
			return CORE_OK;
	}
	if (db->in_txn)
		return db_fail(db, CR_SERVER_GONE_ERROR, "the connection to the database was lost during a transaction");
	if (db->is_replica) {
		/* replacing it would free results a caller may still hold: the primary answers instead */
		db->lost = 1;
		return db_fail(db, CR_SERVER_GONE_ERROR, "the connection to the replica was lost");
	}
	db->lost = 0;
	return reconnect(db);
}

/*
 * after_failure - a statement failed with er.  When the connection was
 * lost while the statement was under way (2013: it may have run), it is
 * not retried -- only marked for replacement before the next one.
 * Returns 1 when the statement may be sent again: the server was gone
 * before it was sent (2006), or a re-prepare is needed (1243).
 */
static int
after_failure(struct db *db, enum core_err er)
{
	if (db->err_no == ER_UNKNOWN_STMT_HANDLER || db->err_no == CR_SERVER_GONE_ERROR)
		return !db->in_txn;
	if (er == CORE_DBCONN)
		db->lost = 1;
	return 0;
}

enum core_err
db_ping(struct db *db)
{
	if (db->my != NULL && (db->trips++, mysql_ping(db->my) == 0))
		return CORE_OK;
	if (db->in_txn)
		return CORE_DBCONN;
	return reconnect(db);
}

static enum core_err
slot_get(struct db *db, const struct db_table *t, int idx, struct slot **out)
{
	struct slot *s = NULL;
	const char *sql;

	if (idx < 0 || (size_t)idx >= t->n || idx >= DB_TABLE_MAX || t->mod >= DB_MOD__MAX)
		return db_fail(db, 0, "statement index out of range");
	s = &db->slots[t->mod][idx];
	if (s->stmt == NULL) {
		if (db->my == NULL)
			return db_fail(db, CR_SERVER_GONE_ERROR, "not connected");
		sql = t->sql[idx];
		if ((s->stmt = mysql_stmt_init(db->my)) == NULL)
			return db_fail_conn(db);
		db->trips++;
		if (mysql_stmt_prepare(s->stmt, sql, strlen(sql)) != 0) {
			enum core_err er = fail_stmt(db, s->stmt);
			mysql_stmt_close(s->stmt);
			s->stmt = NULL;
			return er;
		}
	}
	*out = s;
	return CORE_OK;
}

/* Parameters are collected once, then bound for each attempt. */
struct params {
	MYSQL_BIND     bind[MAX_PARAMS];
	int64_t        ival[MAX_PARAMS];
	unsigned long  len[MAX_PARAMS];
	my_bool        null[MAX_PARAMS];
	int            n;
};

/* bind_int - parameter i of p: an integer, SQL NULL when null. */
static void
bind_int(struct params *p, int i, int64_t v, int null)
{
	MYSQL_BIND *b = &p->bind[i];

	p->ival[i] = v;
	p->null[i] = null != 0;
	b->buffer_type = MYSQL_TYPE_LONGLONG;
	b->buffer = &p->ival[i];
	b->is_null = &p->null[i];
}

/* bind_bytes - parameter i of p: len bytes of text or binary at buf, SQL NULL when buf is NULL. */
static void
bind_bytes(struct params *p, int i, enum enum_field_types type, const void *buf, size_t len)
{
	MYSQL_BIND *b = &p->bind[i];

	p->len[i] = (unsigned long)len;
	p->null[i] = buf == NULL;
	b->buffer_type = type;
	b->buffer = (void *)buf;
	b->buffer_length = p->len[i];
	b->length = &p->len[i];
	b->is_null = &p->null[i];
}

/*
 * collect - bind the values of types from ap; pat, when not NULL, holds
 * the search patterns that 'P' (prefix) and 'C' (contains) bind (db_list).
 */
static enum core_err
collect(struct db *db, struct params *p, const char *types, va_list ap, char *const *pat)
{
	const char *s;
	const void *buf;
	int64_t v;
	int i;

	memset(p, 0, sizeof(*p));
	for (i = 0; types != NULL && types[i] != '\0'; i++) {
		if (i >= MAX_PARAMS)
			return db_fail(db, 0, "too many parameters");
		switch (types[i]) {
		case 'i':
		case 'I':
			v = va_arg(ap, int64_t);
			bind_int(p, i, v, types[i] == 'I' && v == 0);
			break;
		case 'P':
		case 'C':
		case 's':
			if (types[i] != 's' && pat == NULL)
				return db_fail(db, 0, "bad parameter type letter");
			s = types[i] == 's' ? va_arg(ap, const char *) : pat[types[i] == 'C'];
			bind_bytes(p, i, MYSQL_TYPE_STRING, s, s ? strlen(s) : 0);
			break;
		case 'b':
			buf = va_arg(ap, const void *);
			bind_bytes(p, i, MYSQL_TYPE_BLOB, buf, va_arg(ap, size_t));
			break;
		default:
			return db_fail(db, 0, "bad parameter type letter");
		}
	}
	p->n = i;
	return CORE_OK;
}

/* bind_result - size the column buffers to the stored result's longest values. */
static enum core_err
bind_result(struct db *db, struct db_res *r, MYSQL_STMT *st)
{
	MYSQL_RES *meta;
	MYSQL_FIELD *f;
	int i, n;

	r->stmt = st;
	r->ncols = 0;
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		return CORE_OK;
	n = (int)mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	if (n > r->cap) {
		void *nb = realloc(r->bind, sizeof(MYSQL_BIND) * n);
		void *nc;
		if (nb == NULL) {
			mysql_free_result(meta);
			return CORE_ENOMEM;
		}
		r->bind = nb;
		if ((nc = realloc(r->cols, sizeof(struct col) * n)) == NULL) {
			mysql_free_result(meta);
			return CORE_ENOMEM;
		}
		r->cols = nc;
		memset(r->cols + r->cap, 0, sizeof(struct col) * (n - r->cap));
		r->cap = n;
	}
	memset(r->bind, 0, sizeof(MYSQL_BIND) * n);
	for (i = 0; i < n; i++) {
		struct col *c = &r->cols[i];
		MYSQL_BIND *b = &r->bind[i];

		switch (f[i].type) {
		case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_LONG:
		case MYSQL_TYPE_INT24: case MYSQL_TYPE_LONGLONG: case MYSQL_TYPE_YEAR:
			c->is_int = 1;
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &c->ival;
			b->is_unsigned = (f[i].flags & UNSIGNED_FLAG) != 0;
			break;
		default:
			c->is_int = 0;
			if (c->cap < f[i].max_length + 1) {
				char *nb = realloc(c->buf, f[i].max_length + 1);
				if (nb == NULL) {
					mysql_free_result(meta);
					return CORE_ENOMEM;
				}
				c->buf = nb;
				c->cap = f[i].max_length + 1;
			}
			b->buffer_type = MYSQL_TYPE_STRING;
			b->buffer = c->buf;
			b->buffer_length = c->cap;
			b->length = &c->len;
			break;
		}
		b->is_null = &c->null;
		b->error = &c->error;
	}
	mysql_free_result(meta);
	r->ncols = n;
	if (mysql_stmt_bind_result(st, r->bind) != 0)
		return fail_stmt(db, st);
	return CORE_OK;
}

/* is_select - whether statement idx of t is a SELECT (the only kind a replica may answer). */
static int
is_select(const struct db_table *t, int idx)
{
	const char *q;

	if (idx < 0 || (size_t)idx >= t->n)
		return 0;
	for (q = t->sql[idx]; *q == ' ' || *q == '\t' || *q == '\n' || *q == '('; q++)
		;
	return strncasecmp(q, "SELECT", 6) == 0;
}

/*
 * replica_failed - the replica failed a statement: it is not used until
 * the next db_read_check, which replaces a lost connection (not here:
 * the caller may still hold a result of the replica's).
 */
static void
replica_failed(struct db *db)
{
	db->rep.usable = 0;
}

/* run - execute with parameters; reconnect-and-retry once when the server went away outside a transaction. */
static enum core_err
run(struct db *db, const struct db_table *t, int idx, struct params *p, int want_rows, struct slot **out)
{
	struct slot *s = NULL;
	enum core_err er;
	my_bool one = 1;
	int attempt;

	if (db->read_replica && (!want_rows || !is_select(t, idx)))
		db->read_replica = 0;		/* a write: this work reads its own writes from now on */
	if (db->read_replica && !db->in_txn && db->rep.usable && db->rep.conn != NULL) {
		if ((er = run(db->rep.conn, t, idx, p, want_rows, out)) == CORE_OK) {
			db->rep.reads++;
			return CORE_OK;
		}
		replica_failed(db);
	}
	for (attempt = 0; attempt < 2; attempt++) {
		if ((er = ready(db)) != CORE_OK)
			return er;
		if ((er = slot_get(db, t, idx, &s)) != CORE_OK)
			goto retry;
		if (s->res.active) {
			mysql_stmt_free_result(s->stmt);
			s->res.active = 0;
		}
		if (p->n != (int)mysql_stmt_param_count(s->stmt))
			return db_fail(db, 0, "parameter count does not match the statement");
		if (p->n && mysql_stmt_bind_param(s->stmt, p->bind) != 0)
			return fail_stmt(db, s->stmt);
		db->trips++;
		if (mysql_stmt_execute(s->stmt) != 0) {
			er = fail_stmt(db, s->stmt);
			goto retry;
		}
		db->insert_id = mysql_stmt_insert_id(s->stmt);
		if (want_rows) {
			mysql_stmt_attr_set(s->stmt, STMT_ATTR_UPDATE_MAX_LENGTH, &one);
			if (mysql_stmt_store_result(s->stmt) != 0) {
				er = fail_stmt(db, s->stmt);
				goto retry;
			}
			if ((er = bind_result(db, &s->res, s->stmt)) != CORE_OK) {
				mysql_stmt_free_result(s->stmt);
				return er;
			}
			s->res.active = 1;
		}
		*out = s;
		return CORE_OK;
retry:
		if (db->is_replica) {
			db->lost = 1;	/* replaced, every statement prepared anew, by the next db_read_check */
			return er;
		}
		if (!after_failure(db, er))
			return er;
		if (attempt == 0 && reconnect(db) != CORE_OK)
			return CORE_DBCONN;
	}
	return er;
}

/* start - collect the parameters of types from ap and run statement idx; *out is its slot. */
static enum core_err
start(struct db *db, const struct db_table *t, int idx, int want_rows, struct slot **out,
    const char *types, va_list ap)
{
	struct params p;
	enum core_err er;

	if ((er = collect(db, &p, types, ap, NULL)) != CORE_OK)
		return er;
	return run(db, t, idx, &p, want_rows, out);
}

/* START_VA - er = start(...) with the parameters that follow types in the calling function's own arguments. */
#define START_VA(er, db, t, idx, want_rows, out, types) do { \
	va_list ap_; \
	va_start(ap_, types); \
	(er) = start(db, t, idx, want_rows, out, types, ap_); \
	va_end(ap_); \
} while (0)

enum core_err
db_query(struct db *db, const struct db_table *t, int idx, struct db_res **res, const char *types, ...)
{
	struct slot *s = NULL;
	enum core_err er;

	*res = NULL;
	START_VA(er, db, t, idx, 1, &s, types);
	if (er == CORE_OK)
		*res = &s->res;
	return er;
}

enum core_err
db_exec(struct db *db, const struct db_table *t, int idx, uint64_t *affected, const char *types, ...)
{
	struct slot *s = NULL;
	enum core_err er;

	START_VA(er, db, t, idx, 0, &s, types);
	if (er == CORE_OK && affected != NULL)
		*affected = mysql_stmt_affected_rows(s->stmt);
	return er;
}

/* first_int - the first column of the first row of s's result (CORE_NOTFOUND: no row); frees the result. */
static enum core_err
first_int(struct slot *s, int64_t *out)
{
	enum core_err er;

	er = db_res_next(&s->res) ? CORE_OK : CORE_NOTFOUND;
	if (er == CORE_OK)
		*out = db_res_int(&s->res, 0);
	db_res_free(&s->res);
	return er;
}

enum core_err
db_query_int(struct db *db, const struct db_table *t, int idx, int64_t *out, const char *types, ...)
{
	struct slot *s = NULL;
	enum core_err er;

	START_VA(er, db, t, idx, 1, &s, types);
	return er == CORE_OK ? first_int(s, out) : er;
}

enum core_err
db_counts(struct db *db, const struct db_table *t, int idx, int (*parse)(const char *name),
    int64_t *n, int max, const char *types, ...)
{
	struct slot *s = NULL;
	enum core_err er;
	int k;

	START_VA(er, db, t, idx, 1, &s, types);
	if (er != CORE_OK)
		return er;
	while (db_res_next(&s->res))
		if ((k = parse(db_res_str(&s->res, 0))) >= 0 && k < max)
			n[k] = db_res_int(&s->res, 1);
	db_res_free(&s->res);
	return CORE_OK;
}

enum core_err
db_row(struct db *db, const struct db_table *t, int idx, db_fill_fn fill, void *item, const char *types, ...)
{
	struct slot *s = NULL;
	enum core_err er;

	START_VA(er, db, t, idx, 1, &s, types);
	if (er != CORE_OK)
		return er;
	er = db_res_next(&s->res) ? fill(&s->res, item) : CORE_NOTFOUND;
	db_res_free(&s->res);
	return er;
}

/* append_int - append an integer parameter to p. */
static enum core_err
append_int(struct db *db, struct params *p, int64_t v)
{
	if (p->n >= MAX_PARAMS)
		return db_fail(db, 0, "too many parameters");
	bind_int(p, p->n++, v, 0);
	return CORE_OK;
}

/* fill_rows - the rows of s's result into out->items, size bytes each, one fill a row. */
static enum core_err
fill_rows(struct slot *s, size_t size, db_fill_fn fill, struct db_rows *out)
{
	size_t cap = (size_t)db_res_rows(&s->res);
	enum core_err er = CORE_OK;

	if (cap > 0 && (out->items = calloc(cap, size)) == NULL)
		er = CORE_ENOMEM;
	while (er == CORE_OK && out->n < cap && db_res_next(&s->res)) {
		if ((er = fill(&s->res, (char *)out->items + out->n * size)) != CORE_OK)
			break;
		out->n++;
	}
	db_res_free(&s->res);
	return er;
}

enum core_err
db_all(struct db *db, const struct db_table *t, int idx, size_t size, db_fill_fn fill,
    struct db_rows *out, const char *types, ...)
{
	struct slot *s = NULL;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	START_VA(er, db, t, idx, 1, &s, types);
	if (er != CORE_OK)
		return er;
	er = fill_rows(s, size, fill, out);
	out->total = (int64_t)out->n;
	return er;
}

enum core_err
db_list(struct db *db, const struct db_table *t, const struct db_list *l, struct db_rows *out,
    const char *types, ...)
{
	struct params p;
	struct slot *s = NULL;
	char *pat[2] = { NULL, NULL };
	int64_t limit, offset;
	enum core_err er;
	va_list ap;

	memset(out, 0, sizeof(*out));
	if ((er = db_page_bounds(l->offset, l->limit, l->max, &limit, &offset)) != CORE_OK)
		return er;
	if ((er = str_like_search(l->search, &pat[0], &pat[1])) != CORE_OK)
		return er;
	va_start(ap, types);
	er = collect(db, &p, types, ap, pat);
	va_end(ap);
	if (er != CORE_OK || (er = run(db, t, l->count, &p, 1, &s)) != CORE_OK ||
	    (er = first_int(s, &out->total)) != CORE_OK || out->total <= offset)
		goto out;
	if ((er = append_int(db, &p, limit)) == CORE_OK && (er = append_int(db, &p, offset)) == CORE_OK &&
	    (er = run(db, t, l->page, &p, 1, &s)) == CORE_OK)
		er = fill_rows(s, l->size, l->fill, out);
out:
	free(pat[0]);
	free(pat[1]);
	return er;
}

enum core_err
db_exec_text(struct db *db, const char *sql, size_t len)
{
	MYSQL_RES *rs;
	int attempt;
	enum core_err er = CORE_OK;

	db->read_replica = 0;		/* may write: reads see it from now on */
	for (attempt = 0; attempt < 2; attempt++) {
		if ((er = ready(db)) != CORE_OK)
			return er;
		db->trips++;
		if (mysql_real_query(db->my, sql, len) == 0) {
			/* drain any result a statement made (SELECT in a seed, SHOW...) */
			do {
				if ((rs = mysql_store_result(db->my)) != NULL)
					mysql_free_result(rs);
			} while (mysql_next_result(db->my) == 0);
			db->insert_id = mysql_insert_id(db->my);
			return CORE_OK;
		}
		er = db_fail_conn(db);
		if (!after_failure(db, er) || attempt)
			return er;
		if (reconnect(db) != CORE_OK)
			return CORE_DBCONN;
	}
	return er;
}

enum core_err
db_page_bounds(int64_t offset, int64_t limit, int64_t max, int64_t *limit_out, int64_t *offset_out)
{
	if (offset < 0 || limit < 0)
		return CORE_INVALID;
	*limit_out = limit == 0 ? 50 : limit > max ? max : limit;
	*offset_out = offset;
	return CORE_OK;
}

/* The read replica: the rule is stated in db.h (db_read_replica). */

static int
replica_configured(const struct config *c)
{
	return c->db_read_socket[0] != '\0' || c->db_read_host[0] != '\0';
}

static double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
db_read_replica(struct db *db, int on)
{
	db->read_replica = on && replica_configured(&db->cfg);
}

unsigned
db_replica_reads(const struct db *db)
{
	return db->rep.reads;
}

/*
 * replica_open - connect db's replica: the primary's settings with the
 * replica's address and account, a one-second connect timeout (a worker
 * waits at most that for a replica that is down, once a second at most),
 * and no replica of its own.
 */
static enum core_err
replica_open(struct db *db)
{
	struct config c = db->cfg;
	char msg[512];

	snprintf(c.db_socket, sizeof(c.db_socket), "%s", db->cfg.db_read_socket);
	snprintf(c.db_host, sizeof(c.db_host), "%s", db->cfg.db_read_host);
	c.db_port = db->cfg.db_read_port;
	if (db->cfg.db_read_user[0] != '\0') {
		snprintf(c.db_user, sizeof(c.db_user), "%s", db->cfg.db_read_user);
		snprintf(c.db_password, sizeof(c.db_password), "%s", db->cfg.db_read_password);
	}
	c.db_connect_timeout = 1;
	c.db_read_socket[0] = c.db_read_host[0] = '\0';
	if (db_open(&c, &db->rep.conn, msg, sizeof(msg)) != CORE_OK)
		return CORE_DBCONN;
	db->rep.conn->is_replica = 1;
	return CORE_OK;
}

/* gtid_pos - the one-value answer of sql (a GTID position variable) on db into out. */
static enum core_err
gtid_pos(struct db *db, const char *sql, char *out, size_t n)
{
	MYSQL_RES *rs;
	MYSQL_ROW row;
	enum core_err er;

	if ((er = ready(db)) != CORE_OK)
		return er;
	if (mysql_real_query(db->my, sql, strlen(sql)) != 0) {
		er = db_fail_conn(db);
		after_failure(db, er);
		return er;
	}
	if ((rs = mysql_store_result(db->my)) == NULL)
		return db_fail_conn(db);
	row = mysql_fetch_row(rs);
	snprintf(out, n, "%s", row != NULL && row[0] != NULL ? row[0] : "");
	mysql_free_result(rs);
	return CORE_OK;
}

/*
 * gtid_next - the next "D-S-N" of a GTID position list at *p ("D-S-N,
 * D-S-N"): its domain into *domain and sequence number into *seq (-1
 * when it has none), *p moved past it.  0 at the end of the list.
 */
static int
gtid_next(const char **p, unsigned long *domain, long long *seq)
{
	char *end;

	while (**p == ',' || **p == ' ' || **p == '\n')
		(*p)++;
	if (**p == '\0')
		return 0;
	*domain = strtoul(*p, &end, 10);
	if (*end == '-')
		(void)strtoul(end + 1, &end, 10);	/* the server id */
	*seq = *end == '-' ? strtoll(end + 1, &end, 10) : -1;
	*p = strchr(end, ',') ? strchr(end, ',') : end + strlen(end);
	return 1;
}

/* gtid_seq - the sequence number position pos holds for domain, or -1 when none. */
static long long
gtid_seq(const char *pos, unsigned long domain)
{
	unsigned long d;
	long long seq;

	while (gtid_next(&pos, &d, &seq))
		if (d == domain && seq >= 0)
			return seq;
	return -1;
}

/* gtid_reached - whether position have is at or past want in every domain want names. */
static int
gtid_reached(const char *have, const char *want)
{
	unsigned long d;
	long long seq;

	while (gtid_next(&want, &d, &seq))
		if (seq < 0 || gtid_seq(have, d) < seq)
			return 0;
	return 1;
}

int
db_read_check(struct db *db)
{
	struct db_replica *r = &db->rep;
	struct db_gtid_sample *smp;
	char have[DB_GTID_SZ];
	double now = mono_now();
	int i, k;

	if (!replica_configured(&db->cfg))
		return 0;
	if (now < r->next_check)
		return r->usable;
	r->next_check = now + 1.0;
	r->usable = 0;
	if (db->in_txn)
		return 0;
	if (r->conn != NULL && r->conn->lost) {
		db_close(r->conn);
		r->conn = NULL;
	}
	if (r->conn == NULL && replica_open(db) != CORE_OK)
		return 0;
	smp = &r->samples[r->head];
	if (gtid_pos(db, "SELECT @@gtid_binlog_pos", smp->pos, sizeof(smp->pos)) != CORE_OK)
		return 0;
	smp->t = now;
	r->head = (r->head + 1) % DB_LAG_SAMPLES;
	if (r->n < DB_LAG_SAMPLES)
		r->n++;
	if (gtid_pos(r->conn, "SELECT @@gtid_slave_pos", have, sizeof(have)) != CORE_OK) {
		db_close(r->conn);	/* between pieces of work: nobody holds its results */
		r->conn = NULL;
		return 0;
	}
	for (i = 1; i <= r->n; i++) {
		k = (r->head - i + DB_LAG_SAMPLES) % DB_LAG_SAMPLES;
		if (gtid_reached(have, r->samples[k].pos)) {
			r->usable = now - r->samples[k].t <= (double)db->cfg.db_read_max_lag;
			break;
		}
	}
	return r->usable;
}

uint64_t
db_trips(const struct db *db)
{
	return db != NULL ? db->trips : 0;
}
