/*
 * acache.h - what the pages of the customer area read and rendered, kept
 * per worker and keyed by customer + the version of its data (issue 18).
 *
 * A page keeps the data it built from core's reads (a JSON object) under
 * a key naming everything that data depends on: the page and its list
 * page, the storefront (reseller and version: product names and prices,
 * the currency) and the route's base path (the links), the customer and
 * the version of its data (read with the session in one statement:
 * sql/018_signin.sql), the user (its name), and the day (renewals due in
 * the next 30 days, this month's usage).  A change to any of them makes
 * a new key, so a change shows on the next request; entries of old keys
 * are never asked for again and are replaced.
 *
 * The page rendered from that data is kept as well, under the data's key
 * plus what rendering takes from the request: the session's CSRF token,
 * the cart, the query and the origin (fcgi/account.c), so a session gets
 * its own page and a new session, cart or message renders again.
 * Direct-mapped: a key goes in the slot of its hash, evicting what was
 * there.  One worker answers one request at a time: no locks.
 */
#ifndef SHELF_ACACHE_H
#define SHELF_ACACHE_H

#include <stdint.h>
#include <jansson.h>
#include "buf.h"

#define ACACHE_SLOTS 1024	/* pages and their data kept per worker: a page some 8 KB, at most 8 MB */

struct acache_slot {
	char   *key;		/* NULL: free */
	json_t *data;
};

struct acache {
	struct acache_slot slots[ACACHE_SLOTS];
};

/* acache_init - c empty; acache_done releases what it keeps (c empty again).  NULL is fine for both. */
void acache_init(struct acache *c);
void acache_done(struct acache *c);

/*
 * acache_key - into b (appended), the key of page name at list page page
 * (0: not a list) of customer customer_id at data version version, user
 * user_id, of storefront reseller_id at sf_version under base_path, on
 * day (days since the epoch, UTC).
 */
void acache_key(struct buf *b, const char *name, int64_t page, int64_t reseller_id, int64_t sf_version,
    const char *base_path, int64_t customer_id, int64_t version, int64_t user_id, int64_t day);

/* acache_get - the data kept under key, a new reference (the caller's); NULL: none, or c is NULL. */
json_t *acache_get(struct acache *c, const char *key);

/* acache_put - keep data under key (a reference is taken); nothing when c is NULL or on ENOMEM. */
void acache_put(struct acache *c, const char *key, json_t *data);

#endif
