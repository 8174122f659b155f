/*
 * checkout.h - the tokens that let a signed-in buyer place the order its
 * cart page showed (table checkout_tokens), once.
 *
 * The server issues a token with each rendering of the cart for a
 * session: 256 random bits as 64 hex digits, stored as their SHA-256 with
 * the session and the digest of the cart's lines.  order_place_checkout
 * (order.h) redeems it in the order's transaction: the row must exist for
 * this session and this cart, and is deleted.  A token the client made
 * up, one of another session, one issued for other cart contents or one
 * older than CHECKOUT_TOKEN_SECONDS places nothing.  The order keeps the
 * token (orders.order_token), so the same form submitted twice answers
 * with the one order it placed.
 */
#ifndef SHELF_CHECKOUT_H
#define SHELF_CHECKOUT_H

#include <stddef.h>
#include <stdint.h>
#include "db.h"
#include "digest.h"
#include "order.h"

#define CHECKOUT_TOKEN_SECONDS (2 * 3600)
#define CHECKOUT_TOKEN_SZ      65	/* 64 hex digits + NUL */

/* What a checkout must present: the session's cookie token and the cart's digest. */
struct checkout_grant {
	const char *session_token;			/* the session cookie's value (borrowed) */
	uint8_t     cart_digest[DIGEST_SHA256_LEN];	/* checkout_digest of the cart */
};

/* checkout_digest - the SHA-256 of the lines (product, quantity, trial), in their order. */
void checkout_digest(const struct order_line_input *lines, size_t n, uint8_t out[DIGEST_SHA256_LEN]);

/*
 * checkout_issue - a new token for the session g->session_token of
 * storefront reseller_id and cart g->cart_digest into out; the session's
 * expired tokens are deleted.  CORE_NOTFOUND when the session is not
 * found (signed out meanwhile).
 */
enum core_err checkout_issue(struct db *db, int64_t reseller_id, const struct checkout_grant *g,
    char out[CHECKOUT_TOKEN_SZ]);

/*
 * checkout_redeem - delete token's row if it was issued to g's session of
 * reseller_id for g's cart and is still alive: CORE_OK, or CORE_CONFLICT
 * when there is no such row.  Meant for the order's transaction.
 */
enum core_err checkout_redeem(struct db *db, int64_t reseller_id, const struct checkout_grant *g, const char *token);

#endif
