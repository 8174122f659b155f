/*
 * listing.h - a reseller's decisions about its distributor's products:
 * which it lists on its storefront, and at what markup.
 *
 * A listing row (listings) holds listed (1/0) and markup_bp (basis
 * points, 0..MONEY_MARKUP_MAX: the price is never under cost).  No row
 * means never listed, markup 0.  Setting a markup on a product that has
 * no row creates an unlisted row, so the markup is remembered for when
 * it is listed.
 *
 * Every function here is for the reseller admin (ACT_LISTING_WRITE) and
 * acts on a->reseller_id only; product ids not in the catalog of that
 * reseller's distributor give CORE_NOTFOUND, as if they did not exist.
 * The writes run as one transaction that also bumps the reseller's
 * storefronts.version and writes one audit row for the whole call
 * (entity "listing", entity_id = the product for a single product, NULL
 * for a bulk change) whose before/after JSON is
 *   {"products": [{"product_id", "exists", "listed", "markup_bp"}, ...]}
 * so every product's state before and after is recoverable.
 */
#ifndef SHELF_LISTING_H
#define SHELF_LISTING_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "err.h"

#define LISTING_BULK_MAX 1000	/* products per call */

/*
 * listing_set - list (listed = 1) or unlist (listed = 0) the n products
 * ids (duplicates are fine).  Listing needs each product active
 * (CORE_CONFLICT naming it otherwise); unlisting works for any product of
 * the catalog, so a withdrawn product can still be taken down.  On any
 * refusal nothing changes.  Errors: CORE_FORBIDDEN, CORE_INVALID (n == 0
 * or above LISTING_BULK_MAX, listed not 0/1), CORE_NOTFOUND, CORE_CONFLICT,
 * each with why (CORE_WHY bytes, may be NULL).
 */
enum core_err listing_set(struct db *db, const struct actor *a, const int64_t *ids, size_t n, int listed,
    char *why);

/*
 * listing_markup - set the markup of the n products ids to markup_bp,
 * listed or not (creating unlisted rows where none exist).  CORE_INVALID
 * with why for a markup outside 0..MONEY_MARKUP_MAX; CORE_RANGE when a
 * price would overflow; otherwise as listing_set.
 */
enum core_err listing_markup(struct db *db, const struct actor *a, const int64_t *ids, size_t n,
    int32_t markup_bp, char *why);

/*
 * listing_preview - the cost of product_id and the sale price it would
 * have at markup_bp, for showing beside the cost before confirming.
 * Reads only.  CORE_INVALID for a markup out of bounds, CORE_NOTFOUND,
 * CORE_FORBIDDEN.
 */
enum core_err listing_preview(struct db *db, const struct actor *a, int64_t product_id, int32_t markup_bp,
    int64_t *cost, int64_t *price);

#endif
