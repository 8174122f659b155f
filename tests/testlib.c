#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <mysql.h>
#include "migrate.h"
#include "seed.h"
#include "testlib.h"

int
testlib_have_db(void)
{
	const char *s = getenv("SHELF_DB_SOCKET");

	return s != NULL && *s != '\0';
}

void
testlib_config(struct config *cfg, const char *dbname)
{
	char msg[512];

	if (!testlib_have_db())
		fail_msg("no test database: run the tests through `make test`");
	if (config_load(cfg, msg, sizeof(msg)) != CORE_OK)
		fail_msg("config: %s", msg);
	snprintf(cfg->db_name, sizeof(cfg->db_name), "%s", dbname);
	/* unit and integration tests run at the demo story's instant, whatever the date */
	if (cfg->clock[0] == '\0')
		snprintf(cfg->clock, sizeof(cfg->clock), "%s", TESTLIB_CLOCK);
}

static MYSQL *
raw_connect(const char *dbname)
{
	struct config cfg;
	MYSQL *my;

	testlib_config(&cfg, dbname ? dbname : "");
	my = mysql_init(NULL);
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(my, NULL, cfg.db_user, cfg.db_password[0] ? cfg.db_password : NULL,
	    dbname, 0, cfg.db_socket, CLIENT_MULTI_STATEMENTS) == NULL)
		fail_msg("connect %s: %s", dbname ? dbname : "(server)", mysql_error(my));
	if (mysql_query(my, "SET time_zone = '+00:00', timestamp = UNIX_TIMESTAMP('" TESTLIB_CLOCK "')") != 0)
		fail_msg("pin the clock: %s", mysql_error(my));
	return my;
}

static char *
vformat(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		fail_msg("out of memory");
	return s;
}

static char *
query_first(const char *dbname, const char *sql)
{
	MYSQL *my = raw_connect(dbname);
	MYSQL_RES *rs;
	MYSQL_ROW row;
	char *out;

	if (mysql_query(my, sql) != 0)
		fail_msg("%s -- in: %.300s", mysql_error(my), sql);
	if ((rs = mysql_store_result(my)) == NULL || (row = mysql_fetch_row(rs)) == NULL)
		fail_msg("%s: no row", sql);
	out = strdup(row[0] ? row[0] : "");
	mysql_free_result(rs);
	mysql_close(my);
	return out;
}

int64_t
testlib_int(const char *dbname, const char *fmt, ...)
{
	va_list ap;
	char *sql, *v;
	int64_t n;

	va_start(ap, fmt);
	sql = vformat(fmt, ap);
	va_end(ap);
	v = query_first(dbname, sql);
	n = strtoll(v, NULL, 10);
	free(v);
	free(sql);
	return n;
}

char *
testlib_str(const char *dbname, const char *fmt, ...)
{
	va_list ap;
	char *sql, *v;

	va_start(ap, fmt);
	sql = vformat(fmt, ap);
	va_end(ap);
	v = query_first(dbname, sql);
	free(sql);
	return v;
}

void
testlib_sql(const char *dbname, const char *fmt, ...)
{
	va_list ap;
	char *sql;
	MYSQL *my;
	MYSQL_RES *rs;

	va_start(ap, fmt);
	sql = vformat(fmt, ap);
	va_end(ap);
	my = raw_connect(dbname);
	if (mysql_query(my, sql) != 0)
		fail_msg("%s -- in: %.300s", mysql_error(my), sql);
	do {
		if ((rs = mysql_store_result(my)) != NULL)
			mysql_free_result(rs);
	} while (mysql_next_result(my) == 0);
	if (mysql_errno(my))
		fail_msg("%s -- in: %.300s", mysql_error(my), sql);
	mysql_close(my);
	free(sql);
}

struct db *
testlib_open(const char *dbname)
{
	struct config cfg;
	struct db *db;
	char msg[1024];

	testlib_config(&cfg, dbname);
	if (db_open(&cfg, &db, msg, sizeof(msg)) != CORE_OK)
		fail_msg("%s", msg);
	return db;
}

struct db *
testlib_fresh(const char *dbname, int flags)
{
	struct config cfg;
	struct db *db;
	char msg[1024];
	int applied;

	testlib_sql(NULL, "DROP DATABASE IF EXISTS `%s`; CREATE DATABASE `%s` "
	    "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", dbname, dbname);
	db = testlib_open(dbname);
	testlib_config(&cfg, dbname);
	if ((flags & (TESTLIB_MIGRATE | TESTLIB_DEMO | TESTLIB_SCALE_S)) &&
	    migrate_apply(db, cfg.sql_dir, &applied, NULL, NULL, msg, sizeof(msg)) != CORE_OK)
		fail_msg("migrate: %s", msg);
	if ((flags & TESTLIB_DEMO) && seed_demo(db, cfg.sql_dir, msg, sizeof(msg)) != CORE_OK)
		fail_msg("seed demo: %s", msg);
	if ((flags & TESTLIB_SCALE_S) && seed_scale(db, cfg.sql_dir, SEED_S, msg, sizeof(msg)) != CORE_OK)
		fail_msg("seed scale S: %s", msg);
	return db;
}
