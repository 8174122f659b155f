#include <string.h>
#include "ratelimit.h"

enum { RL_HIT, RL_COUNT, RL_PURGE, RL__MAX };

/*
 * RL_HIT: the window start is the epoch second rounded down to a multiple
 * of the window.  ON DUPLICATE KEY UPDATE assigns left to right, so `hits`
 * is computed against the stored (old) window_start before window_start is
 * moved.  LAST_INSERT_ID(expr) hands the new count back to this connection
 * through the statement's insert id: no second read, no race.
 */
static const char *const sql[RL__MAX] = {
	[RL_HIT] =
	    "INSERT INTO rate_limits (bucket, window_start, hits)"
	    " VALUES (?, FROM_UNIXTIME(UNIX_TIMESTAMP() DIV ? * ?), LAST_INSERT_ID(1))"
	    " ON DUPLICATE KEY UPDATE"
	    " hits = LAST_INSERT_ID(IF(window_start = VALUES(window_start), hits + 1, 1)),"
	    " window_start = VALUES(window_start)",
	/* params: window, window, bucket */
	[RL_COUNT] =
	    "SELECT IF(window_start = FROM_UNIXTIME(UNIX_TIMESTAMP() DIV ? * ?), hits, 0)"
	    " FROM rate_limits WHERE bucket = ?",
	[RL_PURGE] =
	    "DELETE FROM rate_limits WHERE window_start < NOW() - INTERVAL ? SECOND",
};

static const struct db_table table = { DB_MOD_RATELIMIT, sql, RL__MAX };

enum core_err
ratelimit_hit(struct db *db, const char *bucket, int window_seconds, int max_hits, int *allowed)
{
	enum core_err er;
	uint64_t hits;

	if (allowed != NULL)
		*allowed = 0;
	if (bucket == NULL || bucket[0] == '\0' || strlen(bucket) > RATELIMIT_BUCKET_MAX ||
	    window_seconds < 1 || max_hits < 1 || allowed == NULL)
		return CORE_INVALID;
	er = db_exec(db, &table, RL_HIT, NULL, "sii", bucket, (int64_t)window_seconds,
	    (int64_t)window_seconds);
	if (er != CORE_OK)
		return er;
	hits = db_insert_id(db);
	*allowed = hits >= 1 && hits <= (uint64_t)max_hits;
	return CORE_OK;
}

enum core_err
ratelimit_count(struct db *db, const char *bucket, int window_seconds, int64_t *hits)
{
	struct db_res *r;
	enum core_err er;

	if (hits != NULL)
		*hits = 0;
	if (bucket == NULL || bucket[0] == '\0' || strlen(bucket) > RATELIMIT_BUCKET_MAX ||
	    window_seconds < 1 || hits == NULL)
		return CORE_INVALID;
	if ((er = db_query(db, &table, RL_COUNT, &r, "iis", (int64_t)window_seconds, (int64_t)window_seconds,
	    bucket)) != CORE_OK)
		return er;
	if (db_res_next(r))
		*hits = db_res_int(r, 0);
	db_res_free(r);
	return CORE_OK;
}

enum core_err
ratelimit_purge(struct db *db, int older_than_seconds, uint64_t *deleted)
{
	if (older_than_seconds < 0)
		return CORE_INVALID;
	return db_exec(db, &table, RL_PURGE, deleted, "i", (int64_t)older_than_seconds);
}
