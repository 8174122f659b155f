/*
 * fulfil_http.h - the http connector (fulfil.h): a task POSTed as JSON
 * to the distributor's fulfilment endpoint (config fulfil_url), signed.
 *
 * The request: POST fulfil_url, Content-Type: application/json, body
 *
 *   {"action": "provision", "customer": {"email": "...", "id": 7,
 *    "name": "..."}, "line": 1, "order_number": "SO-000012",
 *    "product_sku": "...", "quantity": 5, "reseller_id": 1, "task_id": 42}
 *
 * (keys sorted, compact; customer.email absent when the customer has
 * none; order_number and line only for a provision, subscription_id
 * only for a subscription change), with headers
 * X-Shelf-Timestamp: <unix seconds> and X-Shelf-Signature:
 * sha256=<lower-case hex HMAC-SHA256(fulfil_secret, "<timestamp>.<body>")>.
 * The endpoint should refuse a timestamp more than a few minutes old.
 *
 * The reply:
 *   2xx with a JSON object {"vendor_ref": "<1..128 characters>"}: done;
 *   4xx: failed for good, with the reply's "reason" (or "detail") as
 *        the error, cut to 500 bytes ("HTTP <code>" when it gives none);
 *   5xx, any other status, a 2xx without a usable vendor_ref, a
 *        connection failure or no answer within fulfil_timeout_seconds:
 *        retried after outbox_backoff(outbox_retry_seconds, attempt),
 *        failed after outbox_max_attempts attempts.
 * No fulfil_url configured: the task fails at once with an error saying
 * so (a task that can never be carried out should not sit in a queue
 * nobody watches), and its order fails.
 */
#ifndef SHELF_FULFIL_HTTP_H
#define SHELF_FULFIL_HTTP_H

#include <time.h>
#include "config.h"
#include "fulfil.h"

struct fulfil_http;

/* The outcome of one POST, before it is recorded. */
struct fulfil_http_reply {
	enum fulfil_status status;	/* FULFIL_DONE, FULFIL_FAILED, or FULFIL_QUEUED: try again */
	long               code;		/* HTTP status, 0 when none came */
	char               vendor_ref[FULFIL_REF_MAX * 4 + 1];
	char               error[FULFIL_TEXT_MAX + 1];
};

/* fulfil_http_new - a connector with cfg's endpoint, secret and timeout (copied); NULL on ENOMEM. */
struct fulfil_http *fulfil_http_new(const struct config *cfg);

/* fulfil_http_free - NULL is fine. */
void fulfil_http_free(struct fulfil_http *h);

/* fulfil_http_body - the JSON body for t (malloc'd, the caller's), NULL on ENOMEM. */
char *fulfil_http_body(const struct fulfil_task *t);

/*
 * fulfil_http_sign - the X-Shelf-Signature value for body at timestamp
 * ts under secret: "sha256=" and 64 hex digits, into out (72 bytes).
 */
enum core_err fulfil_http_sign(const char *secret, long long ts, const char *body, char out[72]);

/* fulfil_http_post - POST t (outside any transaction: it may take the whole timeout); the outcome into *out. */
void fulfil_http_post(struct fulfil_http *h, const struct fulfil_task *t, struct fulfil_http_reply *out);

/*
 * fulfil_http_record - record out for claimed task t in one transaction
 * (ACT_SYSTEM): done or failed, settling the order (fulfil.h), or queued
 * again after delay_seconds with the error, or failed when t's attempt
 * was the last (max_attempts).  *result gets the task's new status.
 * CORE_CONFLICT when the task is no longer queued (ended meanwhile).
 */
enum core_err fulfil_http_record(struct db *db, const struct actor *a, const struct fulfil_task *t,
    const struct fulfil_http_reply *out, int max_attempts, int delay_seconds, enum fulfil_status *result,
    char *why);

#endif
