/*
 * webhook_send.h - the worker's side of webhooks (webhook.h): claim a
 * due webhook row of the outbox, POST it to its endpoint with libcurl in
 * the Standard Webhooks layout, and record the outcome.
 *
 * The request: POST <endpoint url>, the event as compact JSON with sorted
 * keys, headers content-type: application/json, webhook-id: <msg_id>,
 * webhook-timestamp: <unix seconds of this attempt>, webhook-signature:
 * v1,<base64 HMAC-SHA256> (webhook_sign), user-agent:
 * Shelf-Webhooks/<version>.  Redirects are not followed; at most
 * config webhook_timeout_seconds for the whole attempt; the reply's body
 * is read up to a few kilobytes, only for the log.  Every connection's
 * address is checked as webhook_url_check checks IP literals, so a name
 * that resolves inside the network is refused.
 *
 * The outcome, in one transaction with a row of the endpoint's delivery
 * log (webhook_deliveries):
 *   2xx: the row is sent, the endpoint's consecutive failures back to 0;
 *   anything else (another status, no answer, a refused address): the
 *     endpoint's failures + 1; when they reach webhook_disable_after the
 *     endpoint is disabled with the reason, the row failed, and the
 *     reseller's administrators (and the reseller's own address) get the
 *     webhook_disabled e-mail through the outbox; else the row is retried
 *     after outbox_backoff(outbox_retry_seconds, attempt), failed for
 *     good after outbox_max_attempts.
 * A row whose endpoint was deleted or is disabled is failed without
 * being sent; a payload that is not a webhook's is failed at once.
 * Killed between the POST and the record, the row is retried when its
 * lease ends, with the same webhook-id (at least once).
 */
#ifndef SHELF_WEBHOOK_SEND_H
#define SHELF_WEBHOOK_SEND_H

#include <stddef.h>
#include <stdint.h>
#include "config.h"
#include "db.h"

struct webhook_sender;

/* webhook_sender_new - a sender with cfg's settings (copied); NULL when libcurl cannot start. */
struct webhook_sender *webhook_sender_new(const struct config *cfg);

/* webhook_sender_free - NULL is fine. */
void webhook_sender_free(struct webhook_sender *s);

/*
 * webhook_send_once - deliver one due webhook row, if any, and record the
 * outcome.  *did is 1 when a row was handled, with a one-line account
 * of it (id, attempt, outcome) in line (sz bytes).  random is the
 * backoff's jitter.  CORE_OK unless the database failed (the row is
 * then retried when its lease ends).
 */
enum core_err webhook_send_once(struct db *db, struct webhook_sender *s, unsigned random, int *did, char *line,
    size_t sz);

#endif
