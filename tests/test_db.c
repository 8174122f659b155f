/*
 * test_db.c - the connection layer and migrations against the real
 * MariaDB that tools/test.sh started: migrations from empty to latest and
 * again as a no-op, a failing migration, an unreachable server, reconnect
 * after the server restarts, and deadlock retry.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <mysql.h>
#include "migrate.h"
#include "period.h"
#include "str.h"
#include "testlib.h"

enum { T_GET, T_BUMP, T_SLEEPY, T_TODAY, T_SLOW_INSERT, T_ROW, T__MAX };
static const char *const sql[T__MAX] = {
	[T_GET] = "SELECT v FROM counter WHERE id = ?",
	[T_BUMP] = "UPDATE counter SET v = v + 1 WHERE id = ?",
	[T_SLEEPY] = "SELECT CONNECTION_ID()",
	[T_TODAY] = "SELECT TO_DAYS(UTC_DATE())",
	[T_SLOW_INSERT] = "INSERT INTO slow (v) SELECT SLEEP(2)",
	[T_ROW] = "SELECT 9000000000, -2, 5, 'abcdefgh', 'owned', 'annual', 'nope', 'skipped'",
};
static const struct db_table table = { DB_MOD_TEST, sql, T__MAX };

static void
migrations_empty_to_latest_then_noop(void **state)
{
	struct config cfg;
	struct db *db = testlib_fresh("shelf_mig", 0);
	char msg[1024];
	int applied = -1, version = 0, files = 0;
	char cmd[4200];
	FILE *p;

	(void)state;
	testlib_config(&cfg, "shelf_mig");
	snprintf(cmd, sizeof(cmd), "ls %s | grep -c '^[0-9][0-9][0-9]_.*\\.sql$'", cfg.sql_dir);
	assert_non_null(p = popen(cmd, "r"));
	assert_int_equal(fscanf(p, "%d", &files), 1);
	pclose(p);
	assert_true(files >= 1);

	assert_int_equal(migrate_apply(db, cfg.sql_dir, &applied, NULL, NULL, msg, sizeof(msg)), CORE_OK);
	assert_int_equal(applied, files);
	assert_int_equal(migrate_version(db, &version), CORE_OK);
	assert_true(version >= 1);
	/* the data model is there: a few of its tables and a CHECK constraint */
	assert_int_equal(testlib_int("shelf_mig", "SELECT COUNT(*) FROM information_schema.tables "
	    "WHERE table_schema = 'shelf_mig' AND table_name IN ('resellers','products','listings','orders',"
	    "'subscriptions','usage_records','m365_assignments','invoices','outbox','audit_log')"), 10);
	assert_int_equal(testlib_int("shelf_mig", "SELECT COUNT(*) FROM schema_migrations"), files);

	assert_int_equal(migrate_apply(db, cfg.sql_dir, &applied, NULL, NULL, msg, sizeof(msg)), CORE_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(testlib_int("shelf_mig", "SELECT COUNT(*) FROM schema_migrations"), files);
	db_close(db);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
failing_migration_stops_and_names_it(void **state)
{
	char dir[] = "/tmp/shelf-mig-XXXXXX", path[256], msg[1024];
	struct db *db = testlib_fresh("shelf_migfail", 0);
	int applied = 0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/001_first.sql", dir);
	write_file(path, "CREATE TABLE a (id INT PRIMARY KEY) ENGINE=InnoDB;\nINSERT INTO a VALUES (1);\n");
	snprintf(path, sizeof(path), "%s/002_broken.sql", dir);
	write_file(path, "-- adds a row, then fails\nINSERT INTO a VALUES (2);\n"
	    "INSERT INTO no_such_table VALUES ('x;y');\n");
	snprintf(path, sizeof(path), "%s/003_later.sql", dir);
	write_file(path, "INSERT INTO a VALUES (3);\n");

	assert_int_equal(migrate_apply(db, dir, &applied, NULL, NULL, msg, sizeof(msg)), CORE_DB);
	assert_int_equal(applied, 1);
	if (strstr(msg, "002_broken.sql:3") == NULL || strstr(msg, "no_such_table") == NULL)
		fail_msg("message does not name file, line and statement: %s", msg);
	/* 001 stays applied; 002's first insert was rolled back; 003 never ran */
	assert_int_equal(testlib_int("shelf_migfail", "SELECT GROUP_CONCAT(version) FROM schema_migrations"), 1);
	assert_int_equal(testlib_int("shelf_migfail", "SELECT COUNT(*) FROM a"), 1);
	db_close(db);

	unlink(path);
	snprintf(path, sizeof(path), "%s/002_broken.sql", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/001_first.sql", dir);
	unlink(path);
	rmdir(dir);
}

static void
unreachable_database_names_what_it_tried(void **state)
{
	struct config cfg;
	struct db *db = NULL;
	char msg[1024];

	(void)state;
	testlib_config(&cfg, "shelf");
	snprintf(cfg.db_socket, sizeof(cfg.db_socket), "/tmp/shelf-no-such.sock");
	assert_int_equal(db_open(&cfg, &db, msg, sizeof(msg)), CORE_DBCONN);
	assert_null(db);
	assert_non_null(strstr(msg, "/tmp/shelf-no-such.sock"));
	assert_non_null(strstr(msg, "database 'shelf'"));

	cfg.db_socket[0] = '\0';
	snprintf(cfg.db_host, sizeof(cfg.db_host), "127.0.0.1");
	cfg.db_port = 1;
	cfg.db_connect_timeout = 2;
	assert_int_equal(db_open(&cfg, &db, msg, sizeof(msg)), CORE_DBCONN);
	assert_non_null(strstr(msg, "127.0.0.1:1"));
}

static void
restart_server(void)
{
	char cmd[1024];
	const char *var = getenv("SHELF_TEST_VAR");

	assert_non_null(var);
	snprintf(cmd, sizeof(cmd), "sh tools/mariadb.sh restart '%s'", var);
	assert_int_equal(system(cmd), 0);
}

static void
reconnects_after_server_restart(void **state)
{
	struct db *db = testlib_fresh("shelf_reconnect", 0);
	int64_t v = 0, conn1 = 0, conn2 = 0;

	(void)state;
	testlib_sql("shelf_reconnect", "CREATE TABLE counter (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB;"
	    "INSERT INTO counter VALUES (1, 10), (2, 20)");
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	assert_int_equal(v, 10);
	assert_int_equal(db_query_int(db, &table, T_SLEEPY, &conn1, ""), CORE_OK);

	restart_server();

	/* outside a transaction: reconnects, re-prepares, answers */
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)2), CORE_OK);
	assert_int_equal(v, 20);
	assert_int_equal(db_reconnects(db), 1);
	assert_int_equal(db_query_int(db, &table, T_SLEEPY, &conn2, ""), CORE_OK);
	assert_int_not_equal(conn1, 0);

	/* inside a transaction: a clear error, no silent retry */
	assert_int_equal(db_begin(db), CORE_OK);
	assert_int_equal(db_exec(db, &table, T_BUMP, NULL, "i", (int64_t)1), CORE_OK);
	restart_server();
	assert_int_equal(db_exec(db, &table, T_BUMP, NULL, "i", (int64_t)2), CORE_DBCONN);
	db_rollback(db);
	/* the uncommitted bump is gone, and the connection comes back for the next statement */
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	assert_int_equal(v, 10);
	db_close(db);
}

/*
 * Deadlock: our transaction locks row 1, a heavier rival transaction
 * (thread, own connection) locks row 2 and then wants row 1 while we want
 * row 2.  InnoDB rolls back the lighter one (ours): db_txn must retry it.
 */
struct rival {
	sem_t locked2;
	int   done;
};

static void *
rival_main(void *arg)
{
	struct rival *r = arg;
	struct config cfg;
	MYSQL *my = mysql_init(NULL);

	testlib_config(&cfg, "shelf_deadlock");
	if (mysql_real_connect(my, NULL, cfg.db_user, NULL, "shelf_deadlock", 0, cfg.db_socket, 0) == NULL)
		return NULL;
	mysql_query(my, "START TRANSACTION");
	mysql_query(my, "INSERT INTO ballast SELECT seq, 'x' FROM seq_1_to_2000");
	mysql_query(my, "UPDATE counter SET v = v + 100 WHERE id = 2");
	sem_post(&r->locked2);
	usleep(100000);
	if (mysql_query(my, "UPDATE counter SET v = v + 100 WHERE id = 1") == 0)
		r->done = mysql_query(my, "COMMIT") == 0;
	else
		mysql_query(my, "ROLLBACK");
	mysql_close(my);
	return NULL;
}

struct ours {
	int         attempts;
	struct rival rival;
	pthread_t   thread;
};

static enum core_err
our_txn(struct db *db, void *arg)
{
	struct ours *o = arg;
	enum core_err er;

	o->attempts++;
	if ((er = db_exec(db, &table, T_BUMP, NULL, "i", (int64_t)1)) != CORE_OK)
		return er;
	if (o->attempts == 1) {
		pthread_create(&o->thread, NULL, rival_main, &o->rival);
		sem_wait(&o->rival.locked2);
	}
	return db_exec(db, &table, T_BUMP, NULL, "i", (int64_t)2);
}

static void
deadlock_is_retried(void **state)
{
	struct db *db = testlib_fresh("shelf_deadlock", 0);
	struct ours o;

	(void)state;
	memset(&o, 0, sizeof(o));
	sem_init(&o.rival.locked2, 0, 0);
	testlib_sql("shelf_deadlock", "CREATE TABLE counter (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB;"
	    "CREATE TABLE ballast (id INT PRIMARY KEY, s CHAR(1)) ENGINE=InnoDB;"
	    "INSERT INTO counter VALUES (1, 0), (2, 0)");
	assert_int_equal(db_txn(db, our_txn, &o), CORE_OK);
	pthread_join(o.thread, NULL);
	assert_true(o.rival.done);
	assert_int_equal(o.attempts, 2);
	assert_int_equal(db_txn_retries(db), 1);
	/* both transactions' effects, each exactly once */
	assert_int_equal(testlib_int("shelf_deadlock", "SELECT v FROM counter WHERE id = 1"), 101);
	assert_int_equal(testlib_int("shelf_deadlock", "SELECT v FROM counter WHERE id = 2"), 101);
	sem_destroy(&o.rival.locked2);
	db_close(db);
}

/*
 * A statement whose connection is lost while it runs (here: the client's
 * read timeout) may have run: it is reported, never sent again, and the
 * next statement gets a fresh connection.
 */
static void
lost_mid_statement_is_not_rerun(void **state)
{
	struct config cfg;
	struct db *db;
	char msg[1024];
	int64_t v = 0;

	(void)state;
	db_close(testlib_fresh("shelf_lost", 0));
	testlib_sql("shelf_lost", "CREATE TABLE slow (v INT) ENGINE=InnoDB;"
	    "CREATE TABLE counter (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB;"
	    "INSERT INTO counter VALUES (1, 7)");
	testlib_config(&cfg, "shelf_lost");
	cfg.db_read_timeout = 1;
	assert_int_equal(db_open(&cfg, &db, msg, sizeof(msg)), CORE_OK);
	assert_int_equal(db_exec(db, &table, T_SLOW_INSERT, NULL, ""), CORE_DBCONN);
	sleep(3);	/* the server finishes the one statement it was given */
	assert_int_equal(testlib_int("shelf_lost", "SELECT COUNT(*) FROM slow"), 1);
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	assert_int_equal(v, 7);
	assert_int_equal(db_reconnects(db), 1);
	db_close(db);
}

/*
 * The read replica's rule (db.h, db_read_replica), with the test server
 * as its own "replica" (no binlog: always caught up): only SELECTs asked
 * for, outside a transaction, before any write of the work; none at all
 * without db_read_check or with a replica that cannot be reached; a lost
 * replica connection leaves the reads to the primary until the next check
 * replaces it.
 */
static void
replica_reads_follow_the_rule(void **state)
{
	struct config cfg;
	struct db *db;
	char msg[1024];
	int64_t v = 0, id = 0;

	(void)state;
	db_close(testlib_fresh("shelf_replica", 0));
	testlib_sql("shelf_replica", "CREATE TABLE counter (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB;"
	    "INSERT INTO counter VALUES (1, 7)");
	testlib_config(&cfg, "shelf_replica");
	snprintf(cfg.db_read_socket, sizeof(cfg.db_read_socket), "%s", cfg.db_socket);
	snprintf(cfg.db_read_host, sizeof(cfg.db_read_host), "%s", cfg.db_host);
	cfg.db_read_port = cfg.db_port;
	assert_int_equal(db_open(&cfg, &db, msg, sizeof(msg)), CORE_OK);

	db_read_replica(db, 1);		/* not yet checked: the primary */
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	assert_int_equal(db_replica_reads(db), 0);
	assert_int_equal(db_read_check(db), 1);
	db_read_replica(db, 1);
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	assert_int_equal(v, 7);
	assert_int_equal(db_replica_reads(db), 1);
	assert_int_equal(db_exec(db, &table, T_BUMP, NULL, "i", (int64_t)1), CORE_OK);
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	assert_int_equal(v, 8);
	assert_int_equal(db_replica_reads(db), 1);	/* after a write: the primary */
	db_read_replica(db, 1);
	assert_int_equal(db_begin(db), CORE_OK);
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	db_rollback(db);
	assert_int_equal(db_replica_reads(db), 1);	/* a transaction: the primary */
	db_read_replica(db, 0);
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	assert_int_equal(db_replica_reads(db), 1);	/* not asked for */

	/* the replica's connection lost mid-work: the primary answers; the next check replaces it */
	db_read_replica(db, 1);
	assert_int_equal(db_query_int(db, &table, T_SLEEPY, &id, ""), CORE_OK);
	assert_int_equal(db_replica_reads(db), 2);
	testlib_sql("shelf_replica", "KILL %lld", (long long)id);
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	assert_int_equal(v, 8);
	assert_int_equal(db_replica_reads(db), 2);
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	assert_int_equal(db_replica_reads(db), 2);	/* not again before the check */
	usleep(1100000);
	assert_int_equal(db_read_check(db), 1);
	db_read_replica(db, 1);
	assert_int_equal(db_query_int(db, &table, T_SLEEPY, &v, ""), CORE_OK);
	assert_int_equal(db_replica_reads(db), 3);
	assert_true(v != id);				/* a new connection */
	db_close(db);

	/* a replica that cannot be reached: reads stay on the primary */
	snprintf(cfg.db_read_socket, sizeof(cfg.db_read_socket), "/nonexistent/mariadb.sock");
	snprintf(cfg.db_read_host, sizeof(cfg.db_read_host), "127.0.0.1");
	cfg.db_read_port = 1;
	assert_int_equal(db_open(&cfg, &db, msg, sizeof(msg)), CORE_OK);
	assert_int_equal(db_read_check(db), 0);
	db_read_replica(db, 1);
	assert_int_equal(db_query_int(db, &table, T_GET, &v, "i", (int64_t)1), CORE_OK);
	assert_int_equal(v, 8);
	assert_int_equal(db_replica_reads(db), 0);
	db_close(db);
}

/* A pinned clock (config `clock`) is what SQL and db_now() see on that connection. */
static void
pinned_clock(void **state)
{
	struct config cfg;
	struct db *db;
	char msg[1024];
	int64_t days = 0, real = 0, before, after;

	(void)state;
	testlib_config(&cfg, "shelf");
	snprintf(cfg.clock, sizeof(cfg.clock), "2031-02-03 04:05:06");
	assert_int_equal(db_open(&cfg, &db, msg, sizeof(msg)), CORE_OK);
	assert_int_equal(db_query_int(db, &table, T_TODAY, &days, ""), CORE_OK);
	assert_int_equal(days, testlib_int("shelf", "SELECT TO_DAYS('2031-02-03')"));
	assert_int_equal((int64_t)db_now(db), 1927857906LL);
	db_close(db);

	/* no clock: the real day (TO_DAYS of 1970-01-01 is 719528), read either side of the query */
	cfg.clock[0] = '\0';
	assert_int_equal(db_open(&cfg, &db, msg, sizeof(msg)), CORE_OK);
	before = (int64_t)(time(NULL) / 86400) + 719528;
	assert_int_equal(db_query_int(db, &table, T_TODAY, &real, ""), CORE_OK);
	after = (int64_t)(time(NULL) / 86400) + 719528;
	assert_true(real == before || real == after);
	db_close(db);
}

/* Page bounds and search patterns, the shared steps of every list. */
static void
list_helpers(void **state)
{
	int64_t limit = -7, offset = -7;
	char *prefix, *contains;

	(void)state;
	assert_int_equal(db_page_bounds(0, 0, 200, &limit, &offset), CORE_OK);
	assert_int_equal(limit, 50);
	assert_int_equal(offset, 0);
	assert_int_equal(db_page_bounds(40, 500, 200, &limit, &offset), CORE_OK);
	assert_int_equal(limit, 200);
	assert_int_equal(offset, 40);
	assert_int_equal(db_page_bounds(0, 7, 200, &limit, &offset), CORE_OK);
	assert_int_equal(limit, 7);
	limit = offset = 3;
	assert_int_equal(db_page_bounds(-1, 7, 200, &limit, &offset), CORE_INVALID);
	assert_int_equal(db_page_bounds(0, -1, 200, &limit, &offset), CORE_INVALID);
	assert_int_equal(limit, 3);
	assert_int_equal(offset, 3);

	assert_int_equal(str_like_search("50%_off!", &prefix, &contains), CORE_OK);
	assert_string_equal(prefix, "50!%!_off!!%");
	assert_string_equal(contains, "%50!%!_off!!%");
	free(prefix);
	free(contains);
	assert_int_equal(str_like_search("", &prefix, &contains), CORE_OK);
	assert_null(prefix);
	assert_null(contains);
	assert_int_equal(str_like_search(NULL, &prefix, &contains), CORE_OK);
	assert_null(prefix);
	assert_null(contains);
}

struct row {
	int64_t     big;
	int32_t     small;
	int         flag;
	char        text[4];
	char       *owned;
	enum period period;
	int         unknown;
	int         untouched;
};

#define COL(type, member) DB_COL(type, struct row, member)
static const struct db_col cols[] = {
	COL(INT, big),
	COL(INT, small),
	COL(BOOL, flag),
	COL(STR, text),
	COL(STRDUP, owned),
	DB_COL_ENUM(struct row, period, period_parse, PERIOD_MONTHLY),
	DB_COL_ENUM(struct row, unknown, period_parse, 42),
	DB_COL_SKIP,
};
static const struct db_col too_many[] = {
	COL(INT, big), COL(INT, big), COL(INT, big), COL(INT, big), COL(INT, big),
	COL(INT, big), COL(INT, big), COL(INT, big), COL(INT, big),
};
#undef COL

DB_FILL_FN(fill, struct row, cols)
DB_FILL_INTO_FN(fill_too_many, too_many)

static void
column_tables_fill_rows(void **state)
{
	struct db *db = testlib_fresh("shelf_cols", 0);
	struct row r = { .untouched = 7 };

	(void)state;
	assert_int_equal(db_row(db, &table, T_ROW, fill, &r, ""), CORE_OK);
	assert_int_equal(r.big, 9000000000LL);
	assert_int_equal(r.small, -2);
	assert_int_equal(r.flag, 1);
	assert_string_equal(r.text, "abc");
	assert_string_equal(r.owned, "owned");
	assert_int_equal(r.period, PERIOD_ANNUAL);
	assert_int_equal(r.unknown, 42);
	assert_int_equal(r.untouched, 0);	/* DB_FILL_FN zeroes first */
	free(r.owned);
	r.untouched = 7;
	assert_int_equal(db_row(db, &table, T_ROW, fill_too_many, &r, ""), CORE_DB);
	assert_int_equal(r.untouched, 7);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_helpers),
		cmocka_unit_test(column_tables_fill_rows),
		cmocka_unit_test(migrations_empty_to_latest_then_noop),
		cmocka_unit_test(failing_migration_stops_and_names_it),
		cmocka_unit_test(unreachable_database_names_what_it_tried),
		cmocka_unit_test(deadlock_is_retried),
		cmocka_unit_test(pinned_clock),
		cmocka_unit_test(lost_mid_statement_is_not_rerun),
		cmocka_unit_test(reconnects_after_server_restart),
		cmocka_unit_test(replica_reads_follow_the_rule),
	};

	return testlib_result(cmocka_run_group_tests_name("db", tests, NULL, NULL));
}
