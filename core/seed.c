#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "migrate.h"
#include "seed.h"

enum {
	SEED_COUNT_DISTRIBUTORS,
	SEED_COUNT_SCALE,
	SEED_SET_SIZES,
	SEED_STMT__MAX
};

static const char *const sql[SEED_STMT__MAX] = {
	[SEED_COUNT_DISTRIBUTORS] = "SELECT COUNT(*) FROM distributors",
	[SEED_COUNT_SCALE] = "SELECT COUNT(*) FROM distributors WHERE slug = 'scale'",
	[SEED_SET_SIZES] = "SET @resellers = ?, @customers = ?, @subscriptions = ?, @products = ?, @usage_rows = ?",
};

static const struct db_table table = { DB_MOD_SEED, sql, SEED_STMT__MAX };

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

	if ((er = db_query_int(db, &table, SEED_COUNT_DISTRIBUTORS, &n, "")) != CORE_OK)
		return er;
	*empty = n == 0;
	return CORE_OK;
}

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
	return migrate_run_file(db, path, 1, msg, msgsz);
}

enum core_err
seed_scale(struct db *db, const char *sql_dir, enum seed_scale s, char *msg, size_t msgsz)
{
	char path[4096];
	int64_t n = 0;
	enum core_err er;

	if ((er = db_query_int(db, &table, SEED_COUNT_SCALE, &n, "")) != CORE_OK) {
		snprintf(msg, msgsz, "cannot read the database (is it migrated?): %s", db_error(db));
		return er;
	}
	if (n > 0) {
		snprintf(msg, msgsz, "a scale dataset is already loaded");
		return CORE_CONFLICT;
	}
	if ((er = db_exec(db, &table, SEED_SET_SIZES, NULL, "iiiii", sizes[s].resellers,
	    sizes[s].customers, sizes[s].subscriptions, sizes[s].products, sizes[s].usage_rows)) != CORE_OK) {
		snprintf(msg, msgsz, "cannot set the dataset sizes: %s", db_error(db));
		return er;
	}
	snprintf(path, sizeof(path), "%s/seed/scale.sql", sql_dir);
	return migrate_run_file(db, path, 0, msg, msgsz);
}
