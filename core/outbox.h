/*
 * outbox.h - work for the worker: e-mails, webhooks, provisioning calls.
 * A row is queued inside the transaction of the change that causes it,
 * so the message goes out if and only if the change committed.
 */
#ifndef SHELF_OUTBOX_H
#define SHELF_OUTBOX_H

#include <stdint.h>
#include <jansson.h>
#include "db.h"

enum outbox_kind { OUTBOX_EMAIL, OUTBOX_WEBHOOK, OUTBOX_PROVISION, OUTBOX__MAX };

/*
 * outbox_enqueue - queue payload (borrowed; serialised) of kind for
 * reseller_id (0: none).  *id gets the row id when id is not NULL.
 */
enum core_err outbox_enqueue(struct db *db, enum outbox_kind kind, int64_t reseller_id,
    const json_t *payload, int64_t *id);

/*
 * outbox_email - convenience: queue an e-mail {to, subject, template, data}.
 * template names a theme-independent mail template; data is borrowed.
 */
enum core_err outbox_email(struct db *db, int64_t reseller_id, const char *to,
    const char *subject, const char *template_name, const json_t *data);

/*
 * The worker's side.  A due row (status pending, next_attempt_at
 * reached) is claimed in one transaction: locked with FOR UPDATE SKIP
 * LOCKED, so that several workers on one database never take the same
 * row, its attempts counted and its next_attempt_at moved a lease
 * (config outbox_lease_seconds: longer than one delivery can take)
 * ahead, so that a worker that dies holding it leaves it to be retried
 * once the lease is over.  The outcome is a second transaction: sent,
 * or rescheduled with last_error, or failed for good.
 */
#define OUTBOX_BACKOFF_MAX   21600	/* six hours between attempts at most */

struct outbox_item {
	int64_t id;
	int64_t reseller_id;		/* 0: none */
	int     attempts;		/* this attempt's number, from 1 */
	char   *payload;		/* JSON text, the item's (outbox_items_free) */
};

/*
 * outbox_claim - claim up to max (1..100) due rows of kind, oldest
 * first, into items (an array of max, zeroed by the caller); *n gets
 * how many (0 when none is due).  Rows of other kinds are not touched.
 * CORE_INVALID for a bad kind or max; database errors as db_txn.
 */
enum core_err outbox_claim(struct db *db, enum outbox_kind kind, int max, struct outbox_item *items,
    int *n);

/*
 * outbox_any_due - *any is 1 when a row of any kind is due (pending,
 * next_attempt_at reached), else 0; a plain read that takes no lock.
 * A claim can find nothing while rows are due, when another worker's
 * claim holds their locks for that moment: outbox_claim skips locked
 * rows rather than wait.
 */
enum core_err outbox_any_due(struct db *db, int *any);

/* outbox_items_free - release the payloads of items[0..n) and zero them. */
void outbox_items_free(struct outbox_item *items, int n);

/* outbox_sent - mark row id sent (sent_at now, last_error cleared). */
enum core_err outbox_sent(struct db *db, int64_t id);

/*
 * outbox_failed - record that row id's attempt failed with error (kept
 * as last_error, cut to 1000 characters): pending again after
 * delay_seconds, or failed for good when give_up is set.
 */
enum core_err outbox_failed(struct db *db, int64_t id, const char *error, int delay_seconds, int give_up);

/*
 * outbox_backoff - the delay before retrying after attempt number
 * attempts (1 for the first): base seconds doubled for each further
 * attempt, at most OUTBOX_BACKOFF_MAX, plus a jitter of up to a quarter
 * taken from random (any value), so that failed rows do not return in
 * step.
 */
int outbox_backoff(int base, int attempts, unsigned random);

/*
 * outbox_theme - the theme of reseller_id's storefront into name (sz
 * bytes); "" when the reseller has none.
 */
enum core_err outbox_theme(struct db *db, int64_t reseller_id, char *name, size_t sz);

/* outbox_kind_name - "email", "webhook", "provision" (outbox.kind); "unknown" out of range. */
const char *outbox_kind_name(enum outbox_kind k);

/* outbox_kind_parse - the kind named, or -1. */
int outbox_kind_parse(const char *name);

#endif
