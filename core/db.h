/*
 * db.h - the connection to MariaDB and the statement tables.
 *
 * All SQL lives in core/.  Each module keeps its statements in a
 * `static const char *const` array indexed by its own enum and wraps it
 * in a `struct db_table` naming a slot of enum db_module; a connection
 * prepares each statement the first time it is used and reuses it until
 * the connection closes (prepared once per connection).
 *
 * Parameter types for db_query/db_exec, one letter per `?`:
 *   'i' int64_t        'I' int64_t, bound as NULL when it is 0
 *   's' const char *   (NULL binds SQL NULL)
 *   'b' const void *, size_t   (binary)
 *
 * Lost connections: outside a transaction a statement that fails because
 * the server went away reconnects, re-prepares and runs again once.
 * Inside a transaction it fails with CORE_DBCONN (the transaction is
 * gone; the caller reports it).  Deadlocks (1213) and lock wait timeouts
 * (1205) inside db_txn roll back and retry the whole transaction with
 * backoff, a bounded number of times.
 *
 * Errors are mapped: duplicate key -> CORE_CONFLICT, CHECK or foreign key
 * violation -> CORE_INVALID / CORE_CONFLICT, anything else -> CORE_DB.
 * db_error() holds the detail (for logs, never for pages).
 */
#ifndef SHELF_DB_H
#define SHELF_DB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include "err.h"
#include "config.h"

enum db_module {
	DB_MOD_MIGRATE,
	DB_MOD_RESELLER,
	DB_MOD_DASHBOARD,
	DB_MOD_RATELIMIT,
	DB_MOD_REPORT,
	DB_MOD_INSPECT,
	DB_MOD_API,
	DB_MOD_WORKER,
	DB_MOD_OPERATOR,
	DB_MOD_STOREFRONT,
	DB_MOD_CATALOG,
	DB_MOD_LISTING,
	DB_MOD_CUSTOMER,
	DB_MOD_ORDER,
	DB_MOD_ORDER_MAIL,		/* order_mail.c */
	DB_MOD_SUBSCRIPTION_REMIND,	/* subscription_remind.c */
	DB_MOD_SUBSCRIPTION,
	DB_MOD_USAGE,
	DB_MOD_M365,
	DB_MOD_INVOICE,
	DB_MOD_CONTACT,
	DB_MOD_AUDIT,
	DB_MOD_OUTBOX,
	DB_MOD_SESSION,
	DB_MOD_USER,
	DB_MOD_STATS,
	DB_MOD_SEED,
	DB_MOD_TEST,
	DB_MOD_ASSET,
	DB_MOD_MRR,
	DB_MOD_ORDER_PLACE,
	DB_MOD_INSPECT_FIND,
	DB_MOD_STOREFRONT_EDIT,
	DB_MOD_FULFIL_CHANGE,
	DB_MOD_OUTBOX_LIST,
	DB_MOD_FULFIL_QUEUE,
	DB_MOD_FULFIL,
	DB_MOD_KEYS,
	DB_MOD_USAGE_IMPORT,
	DB_MOD_BILLING_DAILY,		/* billing_daily.c */
	DB_MOD_INVOICE_RUN,		/* invoice_run.c */
	DB_MOD_INVOICE_SETTLE,		/* invoice_settle.c */
	DB_MOD_CHECKOUT,		/* checkout.c */
	DB_MOD_GRANTS,			/* grants.c */
	DB_MOD_MEDIA,			/* media.c */
	DB_MOD_MEDIA_DEMO,		/* media_demo.c */
	DB_MOD_API_TOKEN,		/* apitoken.c */
	DB_MOD_API_IDEM,		/* apiidem.c */
	DB_MOD_API_READ,		/* apiread.c */
	DB_MOD_WEBHOOK,			/* webhook.c */
	DB_MOD_WEBHOOK_SEND,		/* webhook_send.c */
	DB_MOD_CUSTCONTACT,		/* custcontact.c */
	DB_MOD_ACCOUNT_VIEW,		/* account_view.c */
	DB_MOD__MAX
};

#define DB_TABLE_MAX 64		/* statements per module */

struct db_table {
	enum db_module      mod;
	const char *const  *sql;
	size_t              n;
};

struct db;
struct db_res;

/*
 * db_open - connect with the configured credentials and timeouts.  On
 * failure returns CORE_DBCONN and writes into msg what was tried (socket
 * or host:port, user, database) and the server's reason.
 */
enum core_err db_open(const struct config *cfg, struct db **out, char *msg, size_t msgsz);

/* db_close - close the connection and its statements; NULL is fine. */
void db_close(struct db *db);

/* db_error - detail of the last failure ("1062: Duplicate entry..."); borrowed. */
const char *db_error(const struct db *db);

/* db_is_dup - whether the last failure was a duplicate key (CORE_CONFLICT of a unique index). */
int db_is_dup(const struct db *db);

/*
 * db_now - the current time as this connection's SQL sees it: the
 * configured fixed clock (config `clock`, for demos and golden tests)
 * when set, else the real time.
 */
time_t db_now(const struct db *db);

/* db_config - the configuration the connection was opened with; borrowed. */
const struct config *db_config(const struct db *db);

/*
 * db_trips - how many round trips to the server the connection has made
 * (statements prepared and run, text queries, commits, rollbacks, pings),
 * for tests and measurements that count them per request; 0 for NULL.
 */
uint64_t db_trips(const struct db *db);
/* db_ping - CORE_OK when the server answers (reconnecting if needed). */
enum core_err db_ping(struct db *db);

/*
 * db_query - run statement idx of table t with parameters and make its
 * rows available through *res (owned by the connection; release with
 * db_res_free before running the same statement again).
 */
enum core_err db_query(struct db *db, const struct db_table *t, int idx,
    struct db_res **res, const char *types, ...);

/* db_exec - run a statement that returns no rows; *affected may be NULL. */
enum core_err db_exec(struct db *db, const struct db_table *t, int idx,
    uint64_t *affected, const char *types, ...);

/*
 * db_page_bounds - the LIMIT and OFFSET of a page of a list: limit 0
 * means 50, above max means max.  CORE_INVALID (nothing set) for a
 * negative limit or offset.
 */
enum core_err db_page_bounds(int64_t offset, int64_t limit, int64_t max, int64_t *limit_out, int64_t *offset_out);

/*
 * A page of one of core's lists: a count statement and a page statement
 * that take the same parameters, the page statement two more at the end
 * (LIMIT ? OFFSET ?).  Besides the letters of db_query, the types of
 * db_list know 'P' and 'C', which take no value: they bind the search
 * as the LIKE patterns of str_like_search, "text%" and "%text%" (use
 * `LIKE ? ESCAPE '!'`), or NULL when search is NULL or empty.
 */
/* db_fill_fn - one row of res into item (zeroed or as the caller left it); an error stops the read. */
typedef enum core_err (*db_fill_fn)(struct db_res *res, void *item);

/*
 * db_row - run a query expected to give at most one row and fill item
 * from it; CORE_NOTFOUND (item untouched) when there is none.
 */
enum core_err db_row(struct db *db, const struct db_table *t, int idx, db_fill_fn fill, void *item,
    const char *types, ...);

/*
 * db_counts - a count by name: statement idx gives rows (name, count);
 * n[parse(name)] = count where parse knows the name (0 to max - 1), the
 * other items untouched.
 */
enum core_err db_counts(struct db *db, const struct db_table *t, int idx, int (*parse)(const char *name),
    int64_t *n, int max, const char *types, ...);

/*
 * db_page - which page of a list a caller asks for: offset rows skipped
 * (>= 0), at most limit rows (0 means 50; above the list's maximum, that
 * maximum).  NULL where a list takes one: the first 50.
 */
struct db_page {
	int64_t offset;
	int     limit;
};

struct db_list {
	int           count;		/* statement: SELECT COUNT(*) of the matching rows */
	int           page;		/* statement: the rows, ending LIMIT ? OFFSET ? */
	const char   *search;		/* the search box; NULL or "": none */
	int64_t       offset, limit, max;	/* as db_page_bounds */
	size_t        size;		/* bytes of one item */
	db_fill_fn    fill;		/* one row into its item (zeroed) */
};

struct db_rows {
	void    *items;		/* n items of size bytes, calloc'd (NULL when none): the caller's */
	size_t   n;
	int64_t  total;		/* the rows the count statement counted */
};

/* DB_ROWS_MOVE - hand rows over to a list struct with the members items, n and total. */
#define DB_ROWS_MOVE(list, rows) \
	((list)->items = (rows).items, (list)->n = (rows).n, (list)->total = (rows).total)

/*
 * db_list - run l's count, then (unless the page starts past the end)
 * its page, filling one item a row.  On error *out keeps the items
 * filled so far (free them as after success).  CORE_INVALID for a
 * negative offset or limit.
 */
enum core_err db_list(struct db *db, const struct db_table *t, const struct db_list *l,
    struct db_rows *out, const char *types, ...);

/*
 * db_all - every row of statement idx, one item of size bytes a row made
 * by fill (from zeroed memory), into *out (total: the rows read).  On
 * error *out keeps the items filled so far (free them as after success).
 */
enum core_err db_all(struct db *db, const struct db_table *t, int idx, size_t size, db_fill_fn fill,
    struct db_rows *out, const char *types, ...);

/*
 * DB_LIST - declare struct name, a list of core's: items (malloc'd array
 * of n, the caller's; NULL when empty) and total (the rows matching,
 * over all pages, where the list is paged).  DB_LIST_FREE_FN defines its
 * free function, `void fn(struct name *l)`: releases the items and
 * leaves *l zeroed; NULL is fine.  Every list of core's is this one
 * shape, so db_list and db_all fill any of them through DB_ROWS_MOVE.
 */
#define DB_LIST(name, type) \
	struct name { \
		type    *items; \
		size_t   n; \
		int64_t  total; \
	}
#define DB_LIST_FREE_FN(fn, name) \
	void fn(struct name *l) { if (l != NULL) { free(l->items); memset(l, 0, sizeof(*l)); } }
/*
 * DB_LIST_FREE_EACH_FN - the same for a list whose items own memory:
 * first done(&items[i]) for each item (count names the member that
 * holds how many there are).
 */
#define DB_LIST_FREE_EACH_FN(fn, name, count, done) \
	void fn(struct name *l) \
	{ \
		if (l == NULL) \
			return; \
		for (size_t i_ = 0; i_ < l->count; i_++) \
			done(&l->items[i_]); \
		free(l->items); \
		memset(l, 0, sizeof(*l)); \
	}

/*
 * Columns as data: an entity lists, in SELECT order, where each column of
 * its rows goes in its struct, and db_res_fill copies a row in.  One table
 * serves every statement that selects the entity's columns, so the fill
 * code is written once, in db_res_fill.  A table names its struct once,
 * through a COL macro of its own:
 *
 *	#define COL(type, member) DB_COL(type, struct customer, member)
 *	static const struct db_col cols[] = {
 *		COL(INT, id),
 *		COL(STR, name),
 *		DB_COL_SKIP,		(read by the entity's own code)
 *		COL(BOOL, active),
 *	};
 *	#undef COL
 *
 * INT: a signed integer member of any width (int, int32_t, int64_t, an
 * enum); BOOL: the same, set to 0 or 1; STR: a char array, truncated to
 * fit and always NUL-terminated (str_copy); STRDUP: a char * member set
 * to a malloc'd copy (the caller frees it); DB_COL_ENUM: an integer or
 * enum member set to parse(text), or dflt where parse gives -1 (an
 * X-macro name list's NAMES_FN_PARSE); SKIP: nothing.
 */
enum db_col_type { DB_COLT_SKIP, DB_COLT_INT, DB_COLT_BOOL, DB_COLT_STR, DB_COLT_STRDUP, DB_COLT_ENUM };

struct db_col {
	enum db_col_type  type;
	size_t            off;		/* offsetof the member */
	size_t            size;		/* sizeof the member */
	int             (*parse)(const char *);	/* ENUM: the name's value, or -1 */
	int               dflt;		/* ENUM: the value for an unknown name */
};

#define DB_COL(type_, st, member) \
	{ .type = DB_COLT_##type_, .off = offsetof(st, member), .size = sizeof(((st *)0)->member) }
#define DB_COL_ENUM(st, member, parse_, dflt_) \
	{ .type = DB_COLT_ENUM, .off = offsetof(st, member), .size = sizeof(((st *)0)->member), \
	  .parse = (parse_), .dflt = (dflt_) }
#define DB_COL_SKIP { .type = DB_COLT_SKIP }
#define DB_NCOLS(cols) (sizeof(cols) / sizeof((cols)[0]))

/*
 * db_res_fill - the current row of res into item, column i by cols[i],
 * for i below n; columns past n are left to the caller.  CORE_ENOMEM
 * when a STRDUP copy fails (the copies made so far stay in item);
 * CORE_DB when the row has fewer than n columns (the table and the
 * statement disagree).
 */
enum core_err db_res_fill(const struct db_res *res, const struct db_col *cols, size_t n, void *item);

/*
 * DB_FILL_FN - define `static enum core_err fn(struct db_res *, void *)`,
 * a db_fill_fn that zeroes an item of struct type st and fills it by the
 * column table cols.
 */
#define DB_FILL_FN(fn, st, cols) \
	static enum core_err fn(struct db_res *res_, void *item_) \
	{ memset(item_, 0, sizeof(st)); return db_res_fill(res_, cols, DB_NCOLS(cols), item_); }
/* DB_FILL_INTO_FN - the same without the zeroing: the members cols does not name keep their values. */
#define DB_FILL_INTO_FN(fn, cols) \
	static enum core_err fn(struct db_res *res_, void *item_) \
	{ return db_res_fill(res_, cols, DB_NCOLS(cols), item_); }

/* db_insert_id - the AUTO_INCREMENT id made by the last db_exec. */
uint64_t db_insert_id(const struct db *db);

/* db_res_next - advance to the next row: 1 when there is one, 0 at the end. */
int db_res_next(struct db_res *res);
int db_res_ncols(const struct db_res *res);
int db_res_isnull(const struct db_res *res, int col);
/* db_res_int - the column as an integer (0 for NULL; text columns are parsed). */
int64_t db_res_int(const struct db_res *res, int col);
/* db_res_str - the column as text ("" for NULL); borrowed until the next row. */
const char *db_res_str(const struct db_res *res, int col);
size_t db_res_len(const struct db_res *res, int col);
/* db_res_strdup - a malloc'd copy of the column text, or NULL on ENOMEM. */
char *db_res_strdup(const struct db_res *res, int col);
uint64_t db_res_rows(const struct db_res *res);
void db_res_free(struct db_res *res);

/*
 * db_query_one - convenience: run a query expected to give at most one
 * row and one integer column; CORE_NOTFOUND when no row.
 */
enum core_err db_query_int(struct db *db, const struct db_table *t, int idx,
    int64_t *out, const char *types, ...);

/*
 * db_txn - run fn(db, arg) inside one transaction: BEGIN, fn, COMMIT.
 * fn's error rolls back and is returned.  Deadlock or lock-wait timeout
 * (fn returned CORE_DEADLOCK or COMMIT failed so) rolls back and runs fn
 * again, up to DB_TXN_TRIES times with growing backoff; fn must be
 * safe to re-run (keep its effects in the database).
 */
#define DB_TXN_TRIES 5
typedef enum core_err (*db_txn_fn)(struct db *db, void *arg);
enum core_err db_txn(struct db *db, db_txn_fn fn, void *arg);

/* Lower-level transaction control, for the migration runner. */
enum core_err db_begin(struct db *db);
enum core_err db_commit(struct db *db);
void db_rollback(struct db *db);
int db_in_txn(const struct db *db);

/*
 * db_exec_text - run one SQL statement given as text (not prepared).
 * For the migration runner and seeds only: never with user input.
 */
enum core_err db_exec_text(struct db *db, const char *sql, size_t len);

/* db_txn_retries - how many retries db_txn has made on this connection (tests). */
unsigned db_txn_retries(const struct db *db);

/*
 * The read replica (config db_read_*; none when db_read_socket and
 * db_read_host are both empty).  The first db_read_check connects it
 * beside the primary, as db_read_user (or the primary's account when that
 * is empty); a replica that cannot be reached is no error: reads stay on
 * the primary.
 *
 * The rule: a statement goes to the replica only when
 *   - the caller said this work only reads and may see data up to
 *     db_read_max_lag seconds old (db_read_replica(db, 1): public pages
 *     of a visitor who is neither signed in nor just wrote, report
 *     screens);
 *   - it is a SELECT run through db_query, db_row, db_all, db_list,
 *     db_counts or db_query_int, outside a transaction;
 *   - nothing has been written since db_read_replica(db, 1): db_exec,
 *     db_exec_text and db_begin/db_txn send this and every later read to
 *     the primary (read your own writes), until db_read_replica(db, 1)
 *     again;
 *   - the last db_read_check found the replica connected and at most
 *     db_read_max_lag seconds behind.
 * A statement the replica fails (it went away, or anything else) runs
 * again on the primary, and the replica is left alone until the next
 * check, which reconnects it.  So within one piece of work the source
 * only ever moves from the replica to the primary, never back: a version
 * read from the replica keys data at least as new, never older.
 */
void db_read_replica(struct db *db, int on);

/*
 * db_read_check - assess the replica, at most once a second per
 * connection (a cheaper call answers the last result): reconnect it when
 * it is down (one second at most), then compare its @@gtid_slave_pos with
 * the primary's @@gtid_binlog_pos as sampled over the last minute.  Its
 * lag is the age of the newest sample it has reached (an upper bound, in
 * steps of the checks); one that has reached none is not used.  Call it
 * only between pieces of work (a poll round, a screen's load): never
 * between a version read and the reads that version keys.  Returns 1
 * when reads may go to the replica, 0 when not (none configured, down,
 * or behind).
 */
int db_read_check(struct db *db);

/* db_replica_reads - how many statements the replica has answered on this connection (tests, logs). */
unsigned db_replica_reads(const struct db *db);

/* db_reconnects - how many times this connection has been re-established (tests). */
unsigned db_reconnects(const struct db *db);

#endif
