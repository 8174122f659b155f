/*
 * apitoken.h - bearer tokens of the Marketplace API (table api_tokens,
 * sql/014_api.sql); the rate buckets are apirate.h's.
 *
 * OAuth 2.0 client credentials (RFC 6749 section 4.4): a credential of
 * apiclient.h is exchanged for a token of APITOKEN_BYTES random bytes in
 * hex, valid APITOKEN_TTL seconds.  Only the token's SHA-256 is stored.
 * Every check joins the credential and its reseller, so revoking the
 * credential, suspending the reseller or moving it to the Basic edition
 * refuses its tokens on their next request.
 *
 * Scopes: a bit per resource and access (enum apiscope), stored as the
 * SET column api_clients.scopes in the same order, so the column's
 * numeric value is the mask.  A token carries its credential's scopes as
 * they are at each check.
 */
#ifndef SHELF_APITOKEN_H
#define SHELF_APITOKEN_H

#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "err.h"

#define APITOKEN_TTL 3600
#define APITOKEN_SZ  65		/* 64 hex digits + NUL */

/* X(symbol, name in api_clients.scopes and the OAuth scope parameter); bit i is 1 << i */
#define APISCOPES(X) \
	X(APISCOPE_CUSTOMERS_READ,      "customers:read") \
	X(APISCOPE_CUSTOMERS_WRITE,     "customers:write") \
	X(APISCOPE_ORDERS_READ,         "orders:read") \
	X(APISCOPE_ORDERS_WRITE,        "orders:write") \
	X(APISCOPE_SUBSCRIPTIONS_READ,  "subscriptions:read") \
	X(APISCOPE_SUBSCRIPTIONS_WRITE, "subscriptions:write") \
	X(APISCOPE_INVOICES_READ,       "invoices:read") \
	X(APISCOPE_PRODUCTS_READ,       "products:read") \
	X(APISCOPE_PRODUCTS_WRITE,      "products:write") \
	X(APISCOPE_WEBHOOKS_READ,       "webhooks:read") \
	X(APISCOPE_WEBHOOKS_WRITE,      "webhooks:write")

enum apiscope {
#define APISCOPE_SYM(sym, name) sym,
	APISCOPES(APISCOPE_SYM)
#undef APISCOPE_SYM
	APISCOPE__MAX
};

#define APISCOPE_ALL ((1u << APISCOPE__MAX) - 1)

/* apiscope_name - "customers:read", ...; "" out of range. */
const char *apiscope_name(enum apiscope s);

/* apiscope_parse - the scope named, or -1. */
int apiscope_parse(const char *name);

/*
 * apiscope_format - the mask as space-separated names (the OAuth "scope"
 * value) into out (n bytes; cut when short).
 */
void apiscope_format(unsigned mask, char *out, size_t n);

/* Who a valid token or credential speaks for. */
struct apiauth {
	int64_t  client_row;		/* api_clients.id */
	int64_t  reseller_id;
	int64_t  distributor_id;
	char     client_id[65];
	unsigned scopes;		/* 1 << enum apiscope */
	int64_t  expires_in;		/* seconds the token has left */
	int64_t  rate_burst;		/* the credential's own bucket size; 0: the server's default */
	int64_t  rate_per_sec;		/* its refill per second; 0: the server's default */
};

/*
 * apitoken_issue - exchange client_id and secret for a new token into
 * token_out, *auth (may be NULL) filled.  The credential is checked by
 * apiclient_check (constant time, last_used_at kept).  CORE_NOTFOUND for
 * any refusal (unknown, wrong secret, revoked, reseller suspended or on
 * Basic): the API answers 401 invalid_client.  Expired tokens of the
 * credential are deleted on the way.
 */
enum core_err apitoken_issue(struct db *db, const char *client_id, const char *secret,
    char token_out[APITOKEN_SZ], struct apiauth *auth);

/*
 * apitoken_check - the credential behind bearer token token into *auth:
 * CORE_OK while the token is unexpired, its credential unrevoked and its
 * reseller active on Standard or Professional; CORE_NOTFOUND otherwise
 * (also for a malformed token).  Updates the credential's last_used_at
 * at most once a minute.
 */
enum core_err apitoken_check(struct db *db, const char *token, struct apiauth *auth);

/*
 * apitoken_actor - the actor the API acts as for auth: kind ACTOR_API,
 * named by the client id, as the reseller's administrator, or (customer
 * > 0) as an owner of that customer, for the storefront's own rules
 * (order placement, subscription changes).  The caller checks first
 * that the customer is the reseller's.
 */
void apitoken_actor(const struct apiauth *auth, int64_t customer, struct actor *a);

#endif
