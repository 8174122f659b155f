#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "migrate.h"
#include "media_demo.h"
#include "seed.h"
#include "usage_import.h"

/*
 * The demo story (sql/seed/demo.sql) is written as of its story instant,
 * SEED_STORY_AT.  seed_demo moves it to the instant of the load (NOW(),
 * which is the pinned clock when one is set, so a pinned clock at the
 * story instant loads the story unchanged):
 *   - DATETIME and TIMESTAMP columns move by the seconds between the two
 *     instants, DATE columns by the days between the two days, so what was
 *     "three days ago" or "renews in a week" stays so;
 *   - invoices move by whole months (issued on the first, periods that are
 *     calendar months, a month-end stays a month-end) and payments with
 *     them, never into the future;
 *   - usage_records are made relative to the load day by demo.sql itself;
 *     the monthly rollup (usage_monthly) is made from them afterwards,
 *     in the same transaction (usage_rollup_rebuild), so its months are
 *     those of the rows.
 * Every DATE/DATETIME/TIMESTAMP column of the schema is covered without
 * naming it here: a new table in a migration moves by default.
 */
#define SEED_STORY_AT "2026-11-25 12:00:00"

enum {
	SEED_COUNT_DISTRIBUTORS,
	SEED_COUNT_SCALE,
	SEED_SET_SIZES,
	SEED_SHIFT,
	SEED_DATE_COLUMNS,
	SEED_INVOICE_LINE_MONTHS,
	SEED_STMT__MAX
};

static const char *const sql[SEED_STMT__MAX] = {
	[SEED_COUNT_DISTRIBUTORS] = "SELECT COUNT(*) FROM distributors",
	[SEED_COUNT_SCALE] = "SELECT COUNT(*) FROM distributors WHERE slug = 'scale'",
	[SEED_SET_SIZES] = "SET @resellers = ?, @customers = ?, @subscriptions = ?, @products = ?, @usage_rows = ?",
	[SEED_SHIFT] = "SELECT TIMESTAMPDIFF(SECOND, TIMESTAMP '" SEED_STORY_AT "', NOW()), "
	    "DATEDIFF(CURRENT_DATE, DATE(TIMESTAMP '" SEED_STORY_AT "')), "
	    "PERIOD_DIFF(EXTRACT(YEAR_MONTH FROM CURRENT_DATE), EXTRACT(YEAR_MONTH FROM TIMESTAMP '" SEED_STORY_AT "'))",
	[SEED_DATE_COLUMNS] = "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS "
	    "WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('date', 'datetime', 'timestamp') "
	    "ORDER BY TABLE_NAME, ORDINAL_POSITION",
	/* an invoice line ends with its invoice's month: "Product, July 2026", "Azure plan consumption July 2026" */
	[SEED_INVOICE_LINE_MONTHS] = "UPDATE invoice_lines l JOIN invoices i ON i.id = l.invoice_id "
	    "SET l.description = CONCAT(LEFT(l.description, CHAR_LENGTH(l.description) - "
	    "CHAR_LENGTH(SUBSTRING_INDEX(l.description, ' ', -2))), DATE_FORMAT(i.period_start, '%M %Y')) "
	    "WHERE l.description REGEXP ' (January|February|March|April|May|June|July|August|September|October|"
	    "November|December) [0-9]{4}$'",
};

/* How a table's date columns move; tables not named here move by SHIFT_TIME. */
enum shift { SHIFT_TIME, SHIFT_MONTHS, SHIFT_MONTHS_PAST, SHIFT_NONE };

static const struct {
	const char *table;
	enum shift how;
} shift_rules[] = {
	{ "schema_migrations", SHIFT_NONE },	/* when the schema was applied: now already */
	{ "usage_records", SHIFT_NONE },	/* demo.sql makes them relative to the load day */
	{ "usage_monthly", SHIFT_NONE },	/* rebuilt from usage_records after the move */
	{ "usage_monthly_totals", SHIFT_NONE },	/* likewise */
	{ "invoices", SHIFT_MONTHS },
	{ "payments", SHIFT_MONTHS_PAST },
};

static const struct db_table seed_table = { DB_MOD_SEED, sql, SEED_STMT__MAX };

static const struct {
	const char *name;
	int64_t resellers, customers, subscriptions, products, usage_rows;
} sizes[SEED__MAX] = {
	[SEED_S] = { "S", 100, 10000, 40000, 2000, 20000 },
	[SEED_L] = { "L", 5000, 500000, 2000000, 20000, 10000000 },
};

int
seed_scale_parse(const char *name)
{
	int i;

	for (i = 0; i < SEED__MAX; i++)
		if (strcasecmp(name, sizes[i].name) == 0)
			return i;
	return -1;
}

enum core_err
seed_is_empty(struct db *db, int *empty)
{
	int64_t n = 0;
	enum core_err er;

	if ((er = db_query_int(db, &seed_table, SEED_COUNT_DISTRIBUTORS, &n, "")) != CORE_OK)
		return er;
	*empty = n == 0;
	return CORE_OK;
}

static enum shift
shift_of(const char *table)
{
	size_t i;

	for (i = 0; i < sizeof(shift_rules) / sizeof(shift_rules[0]); i++)
		if (strcmp(shift_rules[i].table, table) == 0)
			return shift_rules[i].how;
	return SHIFT_TIME;
}

/*
 * shift_expr - append to b the new value of column c (of SQL type
 * type: date, datetime or timestamp) moved as how says.  The amounts are
 * integers read from the server; c is a column name from
 * information_schema, quoted.
 */
static enum core_err
shift_expr(struct buf *b, enum shift how, const char *c, const char *type, long long secs, long long days,
    long long months)
{
	int date = strcmp(type, "date") == 0;

	switch (how) {
	case SHIFT_TIME:
		if (date)
			return buf_printf(b, "`%s` + INTERVAL %lld DAY", c, days);
		return buf_printf(b, "`%s` + INTERVAL %lld SECOND", c, secs);
	case SHIFT_MONTHS:
		if (date)
			return buf_printf(b, "IF(`%s` = LAST_DAY(`%s`), LAST_DAY(`%s` + INTERVAL %lld MONTH), "
			    "`%s` + INTERVAL %lld MONTH)", c, c, c, months, c, months);
		return buf_printf(b, "LEAST(`%s` + INTERVAL %lld MONTH, NOW())", c, months);
	case SHIFT_MONTHS_PAST:
		if (date)
			return buf_printf(b, "LEAST(`%s` + INTERVAL %lld MONTH, CURRENT_DATE - INTERVAL 1 DAY)", c, months);
		return buf_printf(b, "LEAST(`%s` + INTERVAL %lld MONTH, NOW() - INTERVAL 1 DAY)", c, months);
	case SHIFT_NONE:
		break;
	}
	return CORE_OK;
}

/* flush_table - run the UPDATE built in b (if it names any column) and reset b. */
static enum core_err
flush_table(struct db *db, struct buf *b, int *ncols, char *msg, size_t msgsz)
{
	enum core_err er = CORE_OK;

	if (*ncols > 0 && (er = db_exec_text(db, b->data, b->len)) != CORE_OK)
		snprintf(msg, msgsz, "cannot move the demo dates (%.80s...): %s", b->data, db_error(db));
	buf_reset(b);
	*ncols = 0;
	return er;
}

/* redate - move the loaded demo story to the instant of the load (see SEED_STORY_AT). */
static enum core_err
redate(struct db *db, char *msg, size_t msgsz)
{
	struct db_res *res = NULL;
	struct buf b = { 0 };
	char table[128] = "";
	long long secs, days, months;
	int ncols = 0;
	enum core_err er;

	if ((er = db_query(db, &seed_table, SEED_SHIFT, &res, "")) != CORE_OK || !db_res_next(res)) {
		snprintf(msg, msgsz, "cannot read the clock: %s", db_error(db));
		er = er != CORE_OK ? er : CORE_DB;
		goto out;
	}
	secs = db_res_int(res, 0);
	days = db_res_int(res, 1);
	months = db_res_int(res, 2);
	db_res_free(res);
	res = NULL;
	if (secs == 0 && days == 0 && months == 0)
		goto out;

	if ((er = db_query(db, &seed_table, SEED_DATE_COLUMNS, &res, "")) != CORE_OK) {
		snprintf(msg, msgsz, "cannot list the date columns: %s", db_error(db));
		goto out;
	}
	while (db_res_next(res)) {
		const char *t = db_res_str(res, 0), *c = db_res_str(res, 1), *type = db_res_str(res, 2);
		enum shift how = shift_of(t);

		if (strcmp(t, table) != 0) {
			if ((er = flush_table(db, &b, &ncols, msg, msgsz)) != CORE_OK)
				goto out;
			snprintf(table, sizeof(table), "%s", t);
		}
		if (how == SHIFT_NONE)
			continue;
		if ((er = ncols == 0 ? buf_printf(&b, "UPDATE `%s` SET ", t) : buf_puts(&b, ", ")) != CORE_OK ||
		    (er = buf_printf(&b, "`%s` = ", c)) != CORE_OK ||
		    (er = shift_expr(&b, how, c, type, secs, days, months)) != CORE_OK) {
			snprintf(msg, msgsz, "cannot move the demo dates: %s", core_strerror(er));
			goto out;
		}
		ncols++;
	}
	if ((er = flush_table(db, &b, &ncols, msg, msgsz)) != CORE_OK)
		goto out;
	if ((er = db_exec(db, &seed_table, SEED_INVOICE_LINE_MONTHS, NULL, "")) != CORE_OK)
		snprintf(msg, msgsz, "cannot name the invoice months: %s", db_error(db));
out:
	if (res != NULL)
		db_res_free(res);
	buf_free(&b);
	return er;
}

/*
 * seed_demo - demo.sql and the move to the load instant, in one
 * transaction: on any failure nothing is left behind.
 */
enum core_err
seed_demo(struct db *db, const char *sql_dir, char *msg, size_t msgsz)
{
	char path[4096];
	int empty = 0;
	enum core_err er;

	if ((er = seed_is_empty(db, &empty)) != CORE_OK) {
		snprintf(msg, msgsz, "cannot read the database (is it migrated?): %s", db_error(db));
		return er;
	}
	if (!empty) {
		snprintf(msg, msgsz, "the database already holds data; demo data load only into an empty one");
		return CORE_CONFLICT;
	}
	snprintf(path, sizeof(path), "%s/seed/demo.sql", sql_dir);
	if ((er = db_begin(db)) != CORE_OK) {
		snprintf(msg, msgsz, "cannot begin a transaction: %s", db_error(db));
		return er;
	}
	if ((er = migrate_run_file(db, path, 0, msg, msgsz)) != CORE_OK ||
	    (er = redate(db, msg, msgsz)) != CORE_OK) {
		db_rollback(db);
		return er;
	}
	if ((er = usage_rollup_rebuild(db)) != CORE_OK) {
		snprintf(msg, msgsz, "cannot make the monthly usage rollup: %s", db_error(db));
		db_rollback(db);
		return er;
	}
	if ((er = media_demo_load(db, sql_dir, msg, msgsz)) != CORE_OK) {
		db_rollback(db);
		return er;
	}
	if ((er = db_commit(db)) != CORE_OK)
		snprintf(msg, msgsz, "%s: commit failed: %s", path, db_error(db));
	return er;
}

enum core_err
seed_scale(struct db *db, const char *sql_dir, enum seed_scale s, char *msg, size_t msgsz)
{
	char path[4096];
	int64_t n = 0;
	enum core_err er;

	if ((er = db_query_int(db, &seed_table, SEED_COUNT_SCALE, &n, "")) != CORE_OK) {
		snprintf(msg, msgsz, "cannot read the database (is it migrated?): %s", db_error(db));
		return er;
	}
	if (n > 0) {
		snprintf(msg, msgsz, "a scale dataset is already loaded");
		return CORE_CONFLICT;
	}
	if ((er = db_exec(db, &seed_table, SEED_SET_SIZES, NULL, "iiiii", sizes[s].resellers,
	    sizes[s].customers, sizes[s].subscriptions, sizes[s].products, sizes[s].usage_rows)) != CORE_OK) {
		snprintf(msg, msgsz, "cannot set the dataset sizes: %s", db_error(db));
		return er;
	}
	snprintf(path, sizeof(path), "%s/seed/scale.sql", sql_dir);
	/* scale.sql adds the rollup of the usage rows it makes itself */
	return migrate_run_file(db, path, 0, msg, msgsz);
}
