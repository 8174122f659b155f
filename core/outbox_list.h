/*
 * outbox_list.h - the operators' view of the outbox (outbox.h is the
 * worker's side): a page of rows, their counts per status, one row in
 * full, and "retry now".
 *
 * Scope.  Distributor admins and support (ACT_OUTBOX_READ) see the rows
 * of their own distributor's resellers, and the rows that belong to no
 * reseller (reseller_id NULL).  Those are the platform's own messages:
 * no tenant owns them, so they are shown to every distributor's
 * operators rather than to nobody (nothing queues such a row today; a
 * message that belongs to one distributor must name one of its
 * resellers).  Another distributor's rows are never read: an id outside
 * the scope is CORE_NOTFOUND, the same as an id that does not exist.
 */
#ifndef SHELF_OUTBOX_LIST_H
#define SHELF_OUTBOX_LIST_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "names.h"
#include "outbox.h"

/* X(symbol, outbox.status, label); the order of the TUI's tabs */
#define OUTBOX_STATUSES(X) \
	X(OUTBOX_PENDING, "pending", "Pending") \
	X(OUTBOX_FAILED,  "failed",  "Failed") \
	X(OUTBOX_SENT,    "sent",    "Sent")

enum outbox_status {
	OUTBOX_STATUSES(NAMES_SYM)
	OUTBOX_STATUS__MAX
};

/* outbox_status_name, _label - "pending", "Pending"; never NULL.  _parse - the status named, or -1. */
const char *outbox_status_name(enum outbox_status s);
const char *outbox_status_label(enum outbox_status s);
int outbox_status_parse(const char *name);

/* outbox_kind_label - "E-mail", "Webhook", "Provision"; never NULL. */
const char *outbox_kind_label(enum outbox_kind k);

#define OUTBOX_LIST_MAX 500
#define OUTBOX_TEXT_SZ(n) ((n) * 4 + 1)	/* n characters of UTF-8 */

/*
 * One row as an operator sees it.  to and about come from the payload:
 *   email      to: the recipient; about: the subject
 *   provision  to: ""; about: "Order SO-000019" (the order's number, or
 *              "Order #19" when the order is not the reseller's)
 *   webhook    to: the URL; about: the event
 * A webhook's URL is shown without its query string (it may hold a
 * key).  Strings are "" when absent; times "YYYY-MM-DD HH:MM:SS" UTC.
 */
struct outbox_row {
	int64_t            id;
	enum outbox_kind   kind;
	enum outbox_status status;
	int64_t            reseller_id;		/* 0: none */
	char               reseller_name[OUTBOX_TEXT_SZ(200)];	/* "" when none */
	char               to[OUTBOX_TEXT_SZ(254)];
	char               about[OUTBOX_TEXT_SZ(250)];
	int64_t            order_id;		/* the payload's order_id; 0 when none */
	int32_t            attempts;		/* made so far (a retry of a failed row resets it) */
	char               next_attempt_at[20];	/* pending: when it is due; failed: when it gave up */
	char               created_at[20];
	char               sent_at[20];		/* "" unless sent */
	char               last_error[OUTBOX_TEXT_SZ(1000)];
	char              *payload;		/* outbox_get only: the JSON, indented, secrets hidden (below); NULL in lists */
};

/* A page of rows (DB_LIST); outbox_rows_free releases it, NULL is fine. */
DB_LIST(outbox_rows, struct outbox_row);
void outbox_rows_free(struct outbox_rows *l);

/*
 * outbox_list - the rows in a's scope with status (enum outbox_status,
 * -1: any), newest first (created_at, then id), limit rows (1..
 * OUTBOX_LIST_MAX, 0: 50) from offset, into *out (outbox_rows_free,
 * also after an error).  CORE_FORBIDDEN without ACT_OUTBOX_READ or a
 * distributor; CORE_INVALID for a bad status, limit or offset.
 */
enum core_err outbox_list(struct db *db, const struct actor *a, int status, int64_t offset, int limit,
    struct outbox_rows *out);

/*
 * outbox_counts - the rows in a's scope per status, one query:
 * n[OUTBOX_PENDING], n[OUTBOX_FAILED], n[OUTBOX_SENT] (zeroed first).
 * Errors as outbox_list.
 */
enum core_err outbox_counts(struct db *db, const struct actor *a, int64_t n[OUTBOX_STATUS__MAX]);

/*
 * outbox_get - row id in a's scope, with its payload, into *out (free
 * with outbox_row_done).  Operators read what was queued but never a
 * credential: at any depth the values of the keys link, token,
 * password, secret and api_key (a password reset or an invitation
 * carries a link that signs its holder in), and whatever follows
 * "token=" in any string, read "(hidden)".  CORE_NOTFOUND when there is
 * none in the scope.
 */
enum core_err outbox_get(struct db *db, const struct actor *a, int64_t id, struct outbox_row *out);

/* outbox_row_done - release what outbox_get allocated in r (not r); NULL is fine. */
void outbox_row_done(struct outbox_row *r);

/*
 * outbox_retry - send row id again now: distributor admins only
 * (ACT_OUTBOX_RETRY), in one transaction with an audit row
 * ("outbox.retry").  A pending row becomes due now (next_attempt_at =
 * NOW(); its attempts stay).  A failed row becomes pending and due now
 * with its attempts reset to 0, so that it gets the worker's full
 * number of attempts (outbox_max_attempts) again; its last_error stays
 * until the next attempt replaces or clears it.  Nothing is sent here:
 * the worker sends it on its next round.
 *
 * A pending row that a worker holds at this moment (claimed, its lease
 * not over) is not told apart from one waiting out a backoff: retrying
 * it lets another worker claim it too, so it may be delivered twice.
 * The provisioning path tolerates that (fulfil_start does nothing for
 * an order no longer approved); an e-mail may arrive twice.
 *
 * CORE_CONFLICT (why) for a row already sent; CORE_NOTFOUND for none
 * in a's scope; CORE_FORBIDDEN (why) for other roles.
 */
enum core_err outbox_retry(struct db *db, const struct actor *a, int64_t id, char *why);

#endif
