/*
 * webhook.h - a reseller's webhook endpoints (sql/016_webhooks.sql):
 * registered in the TUI, the CLI or the API, told of five kinds of event
 * in the Standard Webhooks layout, delivered by the worker
 * (webhook_send.h).
 *
 * An event is queued by webhook_emit INSIDE the transaction of the
 * change that causes it: one outbox row (kind webhook) per enabled
 * endpoint of the reseller that subscribes to the event, so it goes out
 * if and only if the change committed.  The row's payload is
 *
 *   {"endpoint_id": 3, "msg_id": "msg_<32 hex>",
 *    "event": {"type": "order.created", "timestamp": "2026-12-02T15:04:05Z", "data": {...}}}
 *
 * and the body POSTed is "event" as compact JSON with sorted keys, the
 * same bytes on every attempt; msg_id is the webhook-id header, the
 * same on every retry, so a receiver dedupes by it (the outbox gives
 * at-least-once).
 *
 * Signing (webhook_sign): webhook-signature is "v1," and the base64 of
 * HMAC-SHA256("<msg_id>.<timestamp>.<body>") keyed with the base64
 * decoding of the secret after its "whsec_" prefix; timestamp is the
 * unix seconds of the attempt, sent as webhook-timestamp.
 *
 * Roles: a reseller admin (operator or API credential) manages its own
 * reseller's endpoints (ACT_API_CLIENTS); reseller staff read them
 * (ACT_TENANT_READ); support and distributor admins read those of their
 * distributor's resellers (ACT_INSPECT).  Secrets are shown only to a
 * reseller admin: at creation, on rotation, and by webhook_secret.
 *
 * URLs (webhook_url_check): absolute https:// (http:// only to a
 * loopback address and only when config webhook_allow_http_loopback is
 * on, for tests), at most WEBHOOK_URL_MAX bytes of printable ASCII, no
 * user:password@, no #fragment, and not an IP literal of a private,
 * loopback, link-local or otherwise internal range unless that setting
 * is on.  A host name is checked again by the worker on every
 * connection against the addresses it resolves to (webhook_send.h), so
 * a name that points inside is refused there.
 */
#ifndef SHELF_WEBHOOK_H
#define SHELF_WEBHOOK_H

#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "config.h"
#include "db.h"

/* X(symbol, the event type, as in webhook_endpoints.events and the body's "type") */
#define WEBHOOK_EVENTS(X) \
	X(WEBHOOK_ORDER_CREATED,        "order.created") \
	X(WEBHOOK_ORDER_STATUS_CHANGED, "order.status_changed") \
	X(WEBHOOK_SUBSCRIPTION_CHANGED, "subscription.changed") \
	X(WEBHOOK_INVOICE_ISSUED,       "invoice.issued") \
	X(WEBHOOK_CUSTOMER_CREATED,     "customer.created")

enum webhook_event {
#define WEBHOOK_SYM(sym, name) sym,
	WEBHOOK_EVENTS(WEBHOOK_SYM)
#undef WEBHOOK_SYM
	WEBHOOK_EV__MAX
};

#define WEBHOOK_EV_ALL     ((1u << WEBHOOK_EV__MAX) - 1)	/* a mask: bit i is event i */
#define WEBHOOK_MAX_ENDPOINTS 20		/* per reseller */
#define WEBHOOK_URL_MAX    2000
#define WEBHOOK_DESC_MAX   200		/* characters */
#define WEBHOOK_SECRET_SZ  64		/* "whsec_" + 32 base64 characters + NUL fits */
#define WEBHOOK_MSGID_SZ   40		/* "msg_" + 32 hex + NUL */
#define WEBHOOK_SIG_SZ     64		/* "v1," + 44 base64 characters + NUL fits */

struct webhook_endpoint {
	int64_t  id;
	int64_t  reseller_id;
	char     reseller_name[201 * 4];
	char     url[WEBHOOK_URL_MAX + 1];
	char     description[WEBHOOK_DESC_MAX * 4 + 1];
	unsigned events;			/* mask of enum webhook_event */
	int      enabled;
	char     disabled_reason[501];		/* "" while enabled */
	char     disabled_at[20];		/* "YYYY-MM-DD HH:MM:SS", "" while enabled */
	int      failures;			/* consecutive failed attempts */
	char     created_at[20];
	char     updated_at[20];
};

DB_LIST(webhook_list, struct webhook_endpoint);

/* One attempt of the delivery log. */
struct webhook_delivery {
	int64_t id;
	int64_t endpoint_id;
	char    msg_id[65];
	char    event_type[41];
	int     attempt;
	int     http_status;		/* 0: no answer came (see error) */
	char    error[501];		/* "" for a 2xx */
	int     duration_ms;
	char    created_at[20];
};

DB_LIST(webhook_delivery_list, struct webhook_delivery);

/* webhook_event_name - "order.created", ...; "" out of range. */
const char *webhook_event_name(enum webhook_event e);

/* webhook_event_parse - the event named, or -1. */
int webhook_event_parse(const char *name);

/* webhook_events_format - mask as names joined by sep into out (n bytes; cut when short). */
void webhook_events_format(unsigned mask, const char *sep, char *out, size_t n);

/*
 * webhook_events_parse - a list of event names separated by commas,
 * spaces or both ("all" for every one) into *mask; 0, or -1 with why
 * naming the unknown one (CORE_WHY bytes).  An empty list is -1 too.
 */
int webhook_events_parse(const char *list, unsigned *mask, char *why);

/*
 * webhook_url_check - 0 when url may be an endpoint's under cfg (see the
 * top of this file; cfg NULL: production rules), else -1 with why.  Pure.
 */
int webhook_url_check(const struct config *cfg, const char *url, char *why);

/*
 * webhook_addr_internal - 1 when the IPv4 or IPv6 address (text) is not
 * a public unicast one: loopback, private (RFC 1918, fc00::/7),
 * link-local, carrier-grade NAT, unspecified, multicast, reserved,
 * documentation, IPv4-mapped of those; 0 for a public address; -1 when
 * text is not an IP address.  Pure.
 */
int webhook_addr_internal(const char *text);

/* webhook_addr_loopback - 1 when the address (text) is 127.0.0.0/8 or ::1, else 0.  Pure. */
int webhook_addr_loopback(const char *text);

/*
 * webhook_secret_new - a new signing secret: "whsec_" and the base64 of
 * 24 random bytes (getrandom).  CORE_IO when no randomness is to be had.
 */
enum core_err webhook_secret_new(char out[WEBHOOK_SECRET_SZ]);

/*
 * webhook_sign - the webhook-signature value ("v1,<base64>") of body
 * for msg_id at ts under secret ("whsec_..."; the part after the
 * prefix is base64).  CORE_INVALID for a secret that is not one,
 * CORE_ENOMEM.
 */
enum core_err webhook_sign(const char *secret, const char *msg_id, long long ts, const char *body,
    char out[WEBHOOK_SIG_SZ]);

/*
 * webhook_create - register url (description may be NULL or "") for the
 * events of mask (nonzero) as a's reseller's; *id and secret get the new
 * endpoint's id and signing secret (shown once).  CORE_FORBIDDEN,
 * CORE_INVALID (why says which field), CORE_CONFLICT when the reseller
 * has WEBHOOK_MAX_ENDPOINTS already, and database errors.
 */
enum core_err webhook_create(struct db *db, const struct actor *a, const char *url, const char *description,
    unsigned mask, int64_t *id, char secret[WEBHOOK_SECRET_SZ], char *why);

/*
 * webhook_update - change endpoint id of a's reseller: url and
 * description when not NULL, the events when mask is nonzero.
 * CORE_NOTFOUND for an endpoint that is not the reseller's.
 */
enum core_err webhook_update(struct db *db, const struct actor *a, int64_t id, const char *url,
    const char *description, unsigned mask, char *why);

/*
 * webhook_set_enabled - enable (on: failures back to 0, reason cleared)
 * or disable (reason "Disabled by <actor>") endpoint id.  CORE_CONFLICT
 * when it already is so.
 */
enum core_err webhook_set_enabled(struct db *db, const struct actor *a, int64_t id, int on, char *why);

/*
 * webhook_delete - remove endpoint id and its delivery log; its queued
 * events are dropped by the worker (failed, "endpoint deleted").
 */
enum core_err webhook_delete(struct db *db, const struct actor *a, int64_t id, char *why);

/* webhook_rotate - a new secret for endpoint id into secret; the old one stops signing at once. */
enum core_err webhook_rotate(struct db *db, const struct actor *a, int64_t id, char secret[WEBHOOK_SECRET_SZ],
    char *why);

/* webhook_secret - endpoint id's current secret (a reseller admin's explicit "show secret"). */
enum core_err webhook_secret(struct db *db, const struct actor *a, int64_t id, char secret[WEBHOOK_SECRET_SZ],
    char *why);

/*
 * webhook_get - endpoint id as a may read it (see the roles above);
 * CORE_NOTFOUND when it is none of a's.
 */
enum core_err webhook_get(struct db *db, const struct actor *a, int64_t id, struct webhook_endpoint *out);

/*
 * webhook_list - the endpoints a may read, by id; a reseller operator's
 * own, or (support, distributor admin) those of reseller_id of the
 * distributor, every reseller's when reseller_id is 0.
 */
enum core_err webhook_list(struct db *db, const struct actor *a, int64_t reseller_id, struct webhook_list *out);
void webhook_list_free(struct webhook_list *l);

/*
 * webhook_deliveries - endpoint id's delivery log, newest first: at most
 * limit (1..200) attempts with ids below before_id (0: from the newest).
 * CORE_NOTFOUND for an endpoint a may not read.
 */
enum core_err webhook_deliveries(struct db *db, const struct actor *a, int64_t id, int64_t before_id, int limit,
    struct webhook_delivery_list *out);
void webhook_delivery_list_free(struct webhook_delivery_list *l);

/* webhook_to_json - e as the API shows it (no secret); NULL on ENOMEM. */
json_t *webhook_to_json(const struct webhook_endpoint *e);

/* webhook_delivery_to_json - d as the API shows it; NULL on ENOMEM. */
json_t *webhook_delivery_to_json(const struct webhook_delivery *d);

/*
 * webhook_emit - queue event ev with data (taken: released here, NULL is
 * CORE_ENOMEM) for every enabled endpoint of reseller_id subscribed to
 * it.  Call it inside the transaction of the change (db_in_txn), so the
 * event is sent if and only if the change commits; outside one it is
 * CORE_INVALID.  Nothing is queued when the reseller has no such
 * endpoint.
 */
enum core_err webhook_emit(struct db *db, int64_t reseller_id, enum webhook_event ev, json_t *data);

#endif
