/*
 * fulfil.h - what happens after the click: order lines and subscription
 * changes carried out through the product's connector (sql/005).
 *
 *   manual  the task waits in the distributor's fulfilment queue until an
 *           operator marks it done (with the vendor's reference) or
 *           failed (with a reason): fulfil_mark.
 *   keys    the worker gives the line `quantity` licence keys from the
 *           product's stock, each key to exactly one line; an empty stock
 *           leaves the task waiting, and an import queues it again.
 *   http    the worker POSTs the task as JSON to config fulfil_url, signed
 *           with HMAC-SHA256 (fulfil_secret) over "<timestamp>.<body>",
 *           headers X-Shelf-Timestamp and X-Shelf-Signature: sha256=<hex>;
 *           2xx with {"vendor_ref": "..."} is done, 4xx fails the task
 *           with the reply's reason, 5xx, a bad reply and a timeout
 *           (fulfil_timeout_seconds) are retried with backoff.
 *
 * Every state change is one transaction, and a task that ends settles
 * its order in that same transaction: when every line is done the order
 * completes (lines become subscriptions, trials trial subscriptions, or
 * assets) and the customer is told; when a line fails the order fails
 * and the reseller and the customer are told.
 */
#ifndef SHELF_FULFIL_H
#define SHELF_FULFIL_H

#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "names.h"

/* X(symbol, fulfilments.action, label) */
#define FULFIL_ACTIONS(X) \
	X(FULFIL_PROVISION, "provision", "Provision") \
	X(FULFIL_QUANTITY,  "quantity",  "Change quantity") \
	X(FULFIL_CANCEL,    "cancel",    "Cancel") \
	X(FULFIL_CONVERT,   "convert",   "Convert trial") \
	X(FULFIL_ASSIGN,    "assign",    "Assign licence") \
	X(FULFIL_UNASSIGN,  "unassign",  "Remove licence")

enum fulfil_action {
	FULFIL_ACTIONS(NAMES_SYM)
	FULFIL_ACTION__MAX
};

/* X(symbol, fulfilments.status, label) */
#define FULFIL_STATUSES(X) \
	X(FULFIL_QUEUED,  "queued",  "Queued") \
	X(FULFIL_WAITING, "waiting", "Waiting") \
	X(FULFIL_DONE,    "done",    "Done") \
	X(FULFIL_FAILED,  "failed",  "Failed")

enum fulfil_status {
	FULFIL_STATUSES(NAMES_SYM)
	FULFIL_STATUS__MAX
};

const char *fulfil_action_name(enum fulfil_action a);
const char *fulfil_action_label(enum fulfil_action a);
const char *fulfil_status_name(enum fulfil_status s);
const char *fulfil_status_label(enum fulfil_status s);
int fulfil_status_parse(const char *name);

/* One task, as the queue and the worker see it. */
struct fulfil_task {
	int64_t            id;
	int64_t            reseller_id;
	char               reseller_name[201];
	int64_t            customer_id;
	char               customer_name[201];
	char               customer_email[256];
	enum fulfil_action action;
	char               connector[8];	/* manual, keys, http */
	enum fulfil_status status;
	int64_t            product_id;
	char               sku[65];
	char               product_name[201];
	int64_t            order_id;		/* provision: the line's order; else 0 */
	char               order_number[33];	/* "" when none */
	int64_t            order_line_id;	/* 0 unless provision */
	int32_t            line_no;		/* the line's number in its order; 0 unless provision */
	int64_t            subscription_id;	/* 0 for provision */
	int64_t            m365_user_id;	/* 0 unless assign/unassign */
	int32_t            quantity;		/* 0 when none */
	int32_t            attempts;
	char               vendor_ref[129];	/* done: the vendor's id; keys: the line's first key */
	char               error[501];
	char               created_at[20];	/* "YYYY-MM-DD HH:MM:SS" UTC */
	char               done_at[20];		/* "" while open */
};

#define FULFIL_TEXT_MAX      500	/* error / reason, bytes kept */
#define FULFIL_REF_MAX       128	/* vendor_ref, characters */

/*
 * Settling an order (in the transaction that ends one of its tasks):
 *   a provision task failed -> the order goes provisioning -> failed with
 *     failure_reason "<SKU>: <error>", and the order's other open tasks
 *     (queued, waiting) fail with "Not provisioned: the order failed."
 *     (tasks already done stay done: the vendor has those, and so do
 *     their licence keys; a task a worker holds at that moment is then
 *     recorded as skipped, its outcome in the worker's log);
 *   every provision task of the order done -> the order completes as
 *     order_advance(COMPLETE) (subscriptions, trial subscriptions,
 *     assets), and each line's subscription.external_ref / asset.serial
 *     is its task's vendor_ref;
 * then order_mail_event(COMPLETED or FAILED) queues the e-mails in that
 * same transaction.
 */

/*
 * fulfil_start - the worker, for a claimed OUTBOX_PROVISION row
 * {order_id}: in one transaction the order goes approved -> provisioning,
 * one task per line is created (manual: waiting, keys/http: queued) and
 * outbox row outbox_id is marked sent.  An order no longer approved
 * (cancelled, already started) or gone only marks the row sent, with
 * why saying so.  ACT_SYSTEM.  The row's payload is the worker's to read.
 */
enum core_err fulfil_start(struct db *db, const struct actor *a, int64_t order_id, int64_t outbox_id,
    char *why);

/* fulfil_started - fulfil_start telling whether it started the order (*started 1, may be NULL) or only marked the row. */
enum core_err fulfil_started(struct db *db, const struct actor *a, int64_t order_id, int64_t outbox_id,
    int *started, char *why);

/*
 * fulfil_claim - the worker: claim one due queued task into *t: a keys
 * provision task or an http task (FOR UPDATE SKIP LOCKED, attempts + 1,
 * next_attempt_at a lease (config outbox_lease_seconds) ahead, so that a worker that dies
 * holding it leaves it to be retried); *found 0 when none is due.
 * t->attempts is this attempt's number, from 1.
 */
enum core_err fulfil_claim(struct db *db, struct fulfil_task *t, int *found);

/*
 * fulfil_get - task id into *t, for distributor admins and support of
 * the task's distributor (ACT_OUTBOX_READ) and the system.
 * CORE_NOTFOUND outside that scope, CORE_FORBIDDEN for other roles.
 */
enum core_err fulfil_get(struct db *db, const struct actor *a, int64_t id, struct fulfil_task *t);

/*
 * fulfil_mark - settle task id: done with vendor_ref (1..128 characters),
 * or failed with reason (1..500) when failed is set, then settle the
 * task's order or subscription, all in one transaction, with an audit
 * row.  Operators (distributor admins of the task's distributor,
 * ACT_FULFIL) may settle manual tasks; the system (ACT_SYSTEM) any task.
 * CORE_CONFLICT when the task is already done or failed; CORE_INVALID
 * with why for a bad reference or reason; CORE_FORBIDDEN for another
 * role or a keys/http task marked by an operator.
 */
enum core_err fulfil_mark(struct db *db, const struct actor *a, int64_t id, int failed,
    const char *ref_or_reason, char *why);

/*
 * fulfil_change - in the caller's transaction (the change's own), queue
 * the task that tells the vendor of a change to subscription_id:
 * FULFIL_QUANTITY with the new quantity (> 0; a decrease is the quantity
 * from the next term), FULFIL_CANCEL (at the end of the term),
 * FULFIL_CONVERT (a trial becomes paid), FULFIL_ASSIGN / FULFIL_UNASSIGN
 * with m365_user_id.  Through the product's connector: manual waits in
 * the operator's queue, http is queued for the worker; a keys product has
 * no vendor to tell, and no task is written.  Our own records change at
 * once; the subscription reads "pending with the vendor" while a task of
 * it is open (struct subscription's vendor_status).  A change is told
 * when it takes effect: increases, conversions and assignments when
 * asked, decreases, term-end cancellations and expired trials at the
 * renewal (subscription_renew_due, the daily pass).  CORE_INVALID for
 * an action or argument that does not fit.
 */
enum core_err fulfil_change(struct db *db, int64_t subscription_id, enum fulfil_action action, int32_t quantity,
    int64_t m365_user_id);

/* ---- the queue, as operators read it (core/fulfil_queue.c) ---------- */

/* A page of tasks (DB_LIST); fulfil_task_list_free releases it, NULL is fine. */
DB_LIST(fulfil_task_list, struct fulfil_task);
void fulfil_task_list_free(struct fulfil_task_list *l);

#define FULFIL_LIST_ANY  (-1)	/* fulfil_filter.status: every status */
#define FULFIL_LIST_OPEN (-2)	/* fulfil_filter.status: waiting or queued */
#define FULFIL_LIST_MAX  500	/* largest db_page.limit */

struct fulfil_filter {
	int         status;	/* enum fulfil_status, FULFIL_LIST_ANY or FULFIL_LIST_OPEN */
	const char *connector;	/* "manual", "keys", "http"; NULL or "": any */
};

/*
 * fulfil_list - the tasks of a's distributor (ACT_OUTBOX_READ:
 * distributor admins and support) matching f (NULL: all) into *out
 * (fulfil_task_list_free, also after an error).  Open tasks first,
 * those needing a person (waiting) before the worker's (queued), each
 * oldest first, as a queue is worked; then the settled ones (done,
 * failed), most recently settled first.  pg NULL: the first 50.
 * CORE_FORBIDDEN for other roles; CORE_INVALID for a bad filter or page.
 */
enum core_err fulfil_list(struct db *db, const struct actor *a, const struct fulfil_filter *f,
    const struct db_page *pg, struct fulfil_task_list *out);

/* fulfil_counts - the tasks of a's distributor per status into n (zeroed first), one query; as fulfil_list. */
enum core_err fulfil_counts(struct db *db, const struct actor *a, int64_t n[FULFIL_STATUS__MAX]);

/* A keys product whose stock is too short for any task waiting for it. */
struct fulfil_stock {
	int64_t product_id;
	char    sku[65];
	char    product_name[201];
	int64_t waiting;	/* its waiting tasks */
};
DB_LIST(fulfil_stock_list, struct fulfil_stock);
void fulfil_stock_list_free(struct fulfil_stock_list *l);

/*
 * fulfil_stock_warnings - the keys products of a's distributor with
 * waiting tasks and fewer free licence keys than the smallest of them
 * needs (so the worker cannot go on until keys are imported), most
 * waiting first, into *out (fulfil_stock_list_free); as fulfil_list.
 */
enum core_err fulfil_stock_warnings(struct db *db, const struct actor *a, struct fulfil_stock_list *out);

/*
 * For the connectors (keys.c, fulfil_http.c), inside the caller's
 * transaction:
 *
 * fulfil_lock - lock task id's order (when it has one), then the task,
 * and read it into *t.  Every transaction that ends a task locks in this
 * order, so two tasks of one order ending at once settle one after the
 * other and the second sees the first.  CORE_NOTFOUND.
 *
 * fulfil_end - task t (locked, open) ends as status: FULFIL_DONE with
 * text the vendor_ref, FULFIL_FAILED with text the error (cut to
 * FULFIL_TEXT_MAX bytes); op_id (0: none) is the operator who did it.
 * Then its order is settled (see above) as a.
 *
 * fulfil_wait - task t (locked, open) goes status FULFIL_WAITING or
 * FULFIL_QUEUED (due in delay_seconds) with error text (NULL: none).
 */
enum core_err fulfil_lock(struct db *db, int64_t id, struct fulfil_task *t);
enum core_err fulfil_end(struct db *db, const struct actor *a, const struct fulfil_task *t,
    enum fulfil_status status, const char *text, int64_t op_id, char *why);
enum core_err fulfil_wait(struct db *db, const struct fulfil_task *t, enum fulfil_status status,
    int delay_seconds, const char *text);

#endif
