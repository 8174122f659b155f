/*
 * apiread.h - what the Marketplace API reads: a reseller's customers,
 * storefront users, orders, subscriptions, usage, invoices and products,
 * as JSON text in the API's shapes (the schemas of fcgi/api_openapi.json).
 *
 * Every statement takes the reseller of the caller's token and nothing
 * else names the tenant: another reseller's id is CORE_NOTFOUND, exactly
 * like an id that does not exist.  Changes do not come through here: the
 * API makes them with core's own functions (customer.h, order.h,
 * subscription.h, user.h, listing.h), under the same rules as the TUI
 * and the storefront.
 *
 * Lists walk rows in ascending id, a stable order: the cursor of a page
 * is the last id it holds, and a row made later comes on a later page.
 */
#ifndef SHELF_APIREAD_H
#define SHELF_APIREAD_H

#include <stdint.h>
#include "buf.h"
#include "db.h"
#include "err.h"

#define APIREAD_LIMIT_MAX 200
#define APIREAD_LIMIT_DEFAULT 50

enum apires {
	APIRES_CUSTOMERS,
	APIRES_USERS,		/* storefront users of one customer (filter customer required) */
	APIRES_ORDERS,
	APIRES_SUBSCRIPTIONS,
	APIRES_INVOICES,
	APIRES_PRODUCTS,	/* the distributor's active products with the reseller's listing */
	APIRES_CONTACTS,	/* contact persons of one customer (custcontact.h; filter customer required) */
	APIRES__MAX
};

/* The filters each list understands: a bit per APIREAD_F_* in apiread_filters(res). */
#define APIREAD_F_STATUS   0x01
#define APIREAD_F_CUSTOMER 0x02
#define APIREAD_F_CREATED  0x04
#define APIREAD_F_UPDATED  0x08

struct apiread_query {
	const char *status;		/* NULL: any; else one of apiread_statuses(res) */
	int64_t     customer;		/* 0: any */
	const char *created_since;	/* NULL or "YYYY-MM-DD HH:MM:SS" UTC, inclusive */
	const char *updated_since;	/* likewise */
	int64_t     after;		/* the cursor: rows with a greater id; 0 from the start */
	int         limit;		/* 1..APIREAD_LIMIT_MAX */
};

/* apiread_filters - the APIREAD_F_* bits list res accepts. */
unsigned apiread_filters(enum apires res);

/* apiread_statuses - the status values of res's filter, NULL-terminated; static. */
const char *const *apiread_statuses(enum apires res);

/*
 * apiread_list - a page of res of reseller_id matching q as a JSON array
 * appended to out; *next gets the cursor of the next page (the page's
 * last id) or 0 when this page is the last.
 */
enum core_err apiread_list(struct db *db, int64_t reseller_id, enum apires res, const struct apiread_query *q,
    struct buf *out, int64_t *next);

/*
 * apiread_list_as - apiread_list with the bearer token checked in the
 * same statement, for a caller that knows the token from before
 * (fcgi/api.c's per-worker cache): token_hash is its SHA-256 in hex,
 * scope_mask the scope bit the list needs.  CORE_FORBIDDEN (nothing
 * appended) when no row came: the token is no longer valid for
 * reseller_id with that scope (expired, credential revoked or narrowed,
 * reseller suspended or on Basic), or the page is empty; the caller
 * checks the token in full (apitoken_check) and, when it is good, asks
 * apiread_list.
 * Not for APIRES_USERS nor APIRES_CONTACTS (CORE_INVALID).
 */
enum core_err apiread_list_as(struct db *db, const char *token_hash, unsigned scope_mask, int64_t reseller_id,
    enum apires res, const struct apiread_query *q, struct buf *out, int64_t *next);

/*
 * apiread_get - one row of res as a JSON object appended to out; orders
 * and invoices with their "lines".  For APIRES_USERS, customer (> 0) is
 * the user's customer; ignored otherwise.  CORE_NOTFOUND outside
 * reseller_id (nothing appended).
 */
enum core_err apiread_get(struct db *db, int64_t reseller_id, enum apires res, int64_t customer, int64_t id,
    struct buf *out);

/*
 * apiread_usage - the usage rollup (usage_monthly) of subscription id of
 * reseller_id as a JSON array of {month, service, meter, unit, quantity,
 * cost, price}, by month, service and meter; month ("YYYY-MM-01" or
 * NULL: every month) narrows it.  CORE_NOTFOUND for a subscription
 * outside reseller_id.
 */
enum core_err apiread_usage(struct db *db, int64_t reseller_id, int64_t id, const char *month, struct buf *out);

#endif
