/*
 * db_txn.c - transactions (db.h): begin, commit, rollback, and db_txn,
 * which runs a function in one transaction and runs it again after a
 * deadlock or lock-wait timeout, with a growing, jittered backoff.
 */
#include <stdlib.h>
#include <time.h>
#include "db_impl.h"

enum core_err
db_begin(struct db *db)
{
	enum core_err er;

	if (db->in_txn)
		return db_fail(db, 0, "transaction already open");
	if ((er = db_exec_text(db, "START TRANSACTION", 17)) != CORE_OK)
		return er;
	db->in_txn = 1;
	return CORE_OK;
}

enum core_err
db_commit(struct db *db)
{
	enum core_err er = CORE_OK;

	db->trips++;
	if (mysql_commit(db->my) != 0)
		er = db_fail_conn(db);
	db->in_txn = 0;
	return er;
}

void
db_rollback(struct db *db)
{
	if (db->my != NULL) {
		db->trips++;
		mysql_rollback(db->my);
	}
	db->in_txn = 0;
}

static void
backoff(int attempt)
{
	struct timespec ts;
	long ms = (5L << attempt) + (long)(rand() % 10);

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

enum core_err
db_txn(struct db *db, db_txn_fn fn, void *arg)
{
	enum core_err er = CORE_DEADLOCK;
	int attempt;

	for (attempt = 0; attempt < DB_TXN_TRIES; attempt++) {
		if (attempt > 0) {
			db->retries++;
			backoff(attempt);
		}
		if ((er = db_begin(db)) != CORE_OK)
			return er;
		er = fn(db, arg);
		if (er == CORE_OK)
			er = db_commit(db);
		else
			db_rollback(db);
		if (er != CORE_DEADLOCK)
			return er;
		if (db->in_txn)
			db_rollback(db);
	}
	return CORE_DEADLOCK;
}
