/* apiidem.c - Idempotency-Key of POST /orders; see apiidem.h. */
#include <stdlib.h>
#include <string.h>
#include "apiidem.h"
#include "digest.h"

#define STR_(x) #x
#define STR(x) STR_(x)

enum {
	AI_INSERT,
	AI_FIND,
	AI_TAKE_OVER,
	AI_FINISH,
	AI_ABANDON,
	AI__MAX
};

static const char *const sql[AI__MAX] = {
	[AI_INSERT] = "INSERT INTO api_idempotency (reseller_id, idem_key, request_hash) VALUES (?, ?, ?)",
	[AI_FIND] =
	    "SELECT id, request_hash, state = 'done', COALESCE(status, 0), COALESCE(response, ''),"
	    " updated_at < NOW() - INTERVAL " STR(APIIDEM_STALE) " SECOND"
	    " FROM api_idempotency WHERE reseller_id = ? AND idem_key = ?",
	[AI_TAKE_OVER] =
	    "UPDATE api_idempotency SET updated_at = NOW() WHERE id = ? AND state = 'in_flight'"
	    " AND updated_at < NOW() - INTERVAL " STR(APIIDEM_STALE) " SECOND",
	[AI_FINISH] = "UPDATE api_idempotency SET state = 'done', status = ?, response = ? WHERE id = ?",
	[AI_ABANDON] = "DELETE FROM api_idempotency WHERE id = ? AND state = 'in_flight'",
};

static const struct db_table table = { DB_MOD_API_IDEM, sql, AI__MAX };

int
apiidem_key_ok(const char *key)
{
	size_t i;

	if (key == NULL || key[0] == '\0')
		return 0;
	for (i = 0; key[i]; i++)
		if (i >= APIIDEM_KEY_MAX || key[i] < 0x20 || key[i] > 0x7e)
			return 0;
	return 1;
}

enum core_err
apiidem_begin(struct db *db, int64_t reseller_id, const char *key, const void *body, size_t len,
    struct apiidem *out)
{
	char hash[DIGEST_SHA256_HEX];
	struct db_res *r;
	enum core_err er;
	uint64_t n = 0;
	int tries;

	memset(out, 0, sizeof(*out));
	if (!apiidem_key_ok(key))
		return CORE_INVALID;
	if ((er = digest_sha256_hex(body, len, hash)) != CORE_OK)
		return er;
	/* a row deleted (abandoned) between the insert and the find: claim again */
	for (tries = 0; tries < 3; tries++) {
		er = db_exec(db, &table, AI_INSERT, NULL, "iss", reseller_id, key, hash);
		if (er == CORE_OK) {
			out->state = APIIDEM_NEW;
			out->id = (int64_t)db_insert_id(db);
			return CORE_OK;
		}
		if (er != CORE_CONFLICT)
			return er;
		if ((er = db_query(db, &table, AI_FIND, &r, "is", reseller_id, key)) != CORE_OK)
			return er;
		if (!db_res_next(r)) {
			db_res_free(r);
			continue;
		}
		out->id = db_res_int(r, 0);
		if (strcmp(db_res_str(r, 1), hash) != 0) {
			out->state = APIIDEM_MISMATCH;
		} else if (db_res_int(r, 2) == 1) {
			out->state = APIIDEM_REPLAY;
			out->status = (int)db_res_int(r, 3);
			if ((out->body = db_res_strdup(r, 4)) == NULL) {
				db_res_free(r);
				return CORE_ENOMEM;
			}
		} else if (db_res_int(r, 5) == 1) {
			db_res_free(r);
			if ((er = db_exec(db, &table, AI_TAKE_OVER, &n, "i", out->id)) != CORE_OK)
				return er;
			out->state = n == 1 ? APIIDEM_NEW : APIIDEM_IN_FLIGHT;
			return CORE_OK;
		} else {
			out->state = APIIDEM_IN_FLIGHT;
		}
		db_res_free(r);
		return CORE_OK;
	}
	out->state = APIIDEM_IN_FLIGHT;
	return CORE_OK;
}

enum core_err
apiidem_finish(struct db *db, int64_t id, int status, const char *body)
{
	return db_exec(db, &table, AI_FINISH, NULL, "isi", (int64_t)status, body, id);
}

enum core_err
apiidem_abandon(struct db *db, int64_t id)
{
	return db_exec(db, &table, AI_ABANDON, NULL, "i", id);
}

void
apiidem_done(struct apiidem *out)
{
	free(out->body);
	out->body = NULL;
}

enum core_err
apiidem_order_token(const char *key, char out[65])
{
	char hash[DIGEST_SHA256_HEX];
	enum core_err er;

	out[0] = '\0';
	if ((er = digest_sha256_hex(key, strlen(key), hash)) != CORE_OK)
		return er;
	memcpy(out, "api:", 4);
	memcpy(out + 4, hash, 60);
	out[64] = '\0';
	return CORE_OK;
}
