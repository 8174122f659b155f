/*
 * db_impl.h - the insides of a connection, shared by the files of the
 * database layer only (db.c: connection and statements; db_res.c: reading
 * a result; db_txn.c: transactions).  Never included outside core/db*.c:
 * everyone else sees struct db and struct db_res as opaque (db.h).
 */
#ifndef SHELF_DB_IMPL_H
#define SHELF_DB_IMPL_H

#include <mysql.h>
#include "db.h"

/* A result column buffer, grown to the column's longest value. */
struct col {
	char          *buf;
	unsigned long  cap;
	unsigned long  len;
	my_bool        null;
	my_bool        error;
	int64_t        ival;
	int            is_int;
};

struct db_res {
	MYSQL_STMT *stmt;
	MYSQL_BIND *bind;
	struct col *cols;
	int         ncols;
	int         cap;
	int         active;
};

struct slot {
	MYSQL_STMT    *stmt;
	struct db_res  res;
};

/* One reading of the primary's GTID position, for measuring how far a replica is behind (db.c). */
#define DB_GTID_SZ     256
#define DB_LAG_SAMPLES 64

struct db_gtid_sample {
	double t;			/* CLOCK_MONOTONIC seconds */
	char   pos[DB_GTID_SZ];	/* @@gtid_binlog_pos then */
};

/* The read replica of a primary connection (db_read_replica). */
struct db_replica {
	struct db            *conn;		/* NULL: not connected (none configured, or down) */
	int                   usable;		/* as of the last check: connected and within db_read_max_lag */
	double                next_check;	/* monotonic seconds: no check before */
	struct db_gtid_sample samples[DB_LAG_SAMPLES];	/* a ring, newest at head - 1 */
	int                   head, n;
	unsigned              reads;		/* statements it answered (db_replica_reads) */
};

struct db {
	MYSQL        *my;
	struct config cfg;
	struct slot   slots[DB_MOD__MAX][DB_TABLE_MAX];
	int           in_txn;
	uint64_t      insert_id;
	unsigned      err_no;
	unsigned      retries;
	unsigned      reconnects;
	int           lost;		/* the last statement lost the connection: replace it before the next */
	uint64_t      trips;		/* round trips to the server so far (db_trips) */
	char          err[512];
	int           read_replica;	/* db_read_replica: this request's reads may go to the replica */
	int           is_replica;	/* a replica's connection: never replaced mid-work (db_read_check does it) */
	struct db_replica rep;		/* unused on a replica's own connection */
};

/*
 * db_fail - record server error no with text what on db (db_error) and
 * return the core error it maps onto; db_fail_conn the same for the
 * connection's last error.
 */
enum core_err db_fail(struct db *db, unsigned no, const char *what);
enum core_err db_fail_conn(struct db *db);

#endif
