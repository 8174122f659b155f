/*
 * testlib.h - what the database tests share.  tools/test.sh starts a
 * throwaway MariaDB and exports SHELF_DB_SOCKET etc.; each test program
 * makes its own databases on it, so programs never see each other's data.
 *
 * Failures here are test failures (cmocka's fail_msg), never silent.
 */
#ifndef SHELF_TESTLIB_H
#define SHELF_TESTLIB_H

#include <stdint.h>
#include "config.h"
#include "db.h"

#define TESTLIB_MIGRATE 1	/* apply sql/ migrations */
#define TESTLIB_DEMO    2	/* and load the demo data */
#define TESTLIB_SCALE_S 4	/* and the scale dataset S */

/*
 * The instant the database tests run at: the demo story's "now" (see
 * sql/seed/demo.sql), so the demo data load unchanged and every figure is
 * the same on any day.  Core connections pin it through the config's
 * clock, testlib's own connections with SET timestamp.
 */
#define TESTLIB_CLOCK "2026-11-25 12:00:00"

/* testlib_config - the environment's configuration with db_name = dbname and the clock at TESTLIB_CLOCK. */
void testlib_config(struct config *cfg, const char *dbname);

/* testlib_fresh - drop and create dbname, apply flags, return a connection to it. */
struct db *testlib_fresh(const char *dbname, int flags);

/* testlib_open - a new connection to an existing dbname. */
struct db *testlib_open(const char *dbname);

/* testlib_int - run independent SQL (not through core) on dbname; the first column of the first row. */
int64_t testlib_int(const char *dbname, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* testlib_str - as testlib_int, the text of the first column ("" for NULL), malloc'd. */
char *testlib_str(const char *dbname, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* testlib_sql - run independent SQL statements on dbname; fails the test on error. */
void testlib_sql(const char *dbname, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* testlib_have_db - true when tools/test.sh gave us a server (SHELF_DB_SOCKET set). */
int testlib_have_db(void);

#endif
