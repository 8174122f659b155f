/*
 * apiidem.h - Idempotency-Key of the Marketplace API's POST /orders
 * (table api_idempotency, sql/014_api.sql).
 *
 * A key is remembered per reseller with the SHA-256 of the request body
 * that first used it.  apiidem_begin claims a key for one request: the
 * unique key (reseller_id, idem_key) makes exactly one of racing
 * requests, on any worker, the one that runs; the others see it in
 * flight, or, once apiidem_finish stored its answer, get that answer.
 * A request that dies in flight leaves its row 'in_flight': after
 * APIIDEM_STALE seconds a retry with the same body takes it over (the
 * order itself is protected again by order_place's order token).
 */
#ifndef SHELF_APIIDEM_H
#define SHELF_APIIDEM_H

#include <stddef.h>
#include <stdint.h>
#include "db.h"
#include "err.h"

#define APIIDEM_KEY_MAX 255	/* bytes of a key: printable ASCII */
#define APIIDEM_STALE   60

enum apiidem_state {
	APIIDEM_NEW,		/* claimed: run the request, then apiidem_finish or apiidem_abandon */
	APIIDEM_REPLAY,		/* done before with the same body: answer status and body */
	APIIDEM_MISMATCH,	/* used before with another body: 422 */
	APIIDEM_IN_FLIGHT,	/* the first request with the key still runs: 409 */
};

struct apiidem {
	enum apiidem_state state;
	int64_t            id;		/* the row (APIIDEM_NEW) */
	int                status;	/* APIIDEM_REPLAY: the first answer's HTTP status */
	char              *body;	/* APIIDEM_REPLAY: its body, malloc'd (apiidem_done) */
};

/* apiidem_key_ok - 1 when key is 1..APIIDEM_KEY_MAX printable ASCII characters. */
int apiidem_key_ok(const char *key);

/*
 * apiidem_begin - claim key of reseller_id for a request whose body
 * (len bytes) is body.  *out says what to do.  CORE_DB... on failure.
 */
enum core_err apiidem_begin(struct db *db, int64_t reseller_id, const char *key, const void *body, size_t len,
    struct apiidem *out);

/* apiidem_finish - store the answer (status, body) of claimed row id: later requests replay it. */
enum core_err apiidem_finish(struct db *db, int64_t id, int status, const char *body);

/* apiidem_abandon - forget claimed row id (the request failed for a reason worth retrying: 5xx). */
enum core_err apiidem_abandon(struct db *db, int64_t id);

/* apiidem_done - free out->body; out is reusable. */
void apiidem_done(struct apiidem *out);

/*
 * apiidem_order_token - the order token (orders.order_token, at most 64
 * bytes) that stands for key of reseller_id: "api:" + 60 hex digits of
 * its SHA-256, into out (65 bytes).
 */
enum core_err apiidem_order_token(const char *key, char out[65]);

#endif
