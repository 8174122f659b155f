/*
 * asset.h - what a one-time purchase becomes (table assets): a product
 * bought once, with its quantity, prices and serial, per customer.
 * Made by order.c when an order completes; this module reads them.
 *
 * Scope of reads, as for subscriptions (subscription.h): a storefront
 * user its own customer's (ACT_SUBSCRIPTION_MANAGE), a reseller admin
 * its reseller's (ACT_CUSTOMER_READ; the tenant from the actor), support
 * and distributor admins their distributor's (ACT_INSPECT).  Rows
 * outside the scope are never returned: a customer id of another tenant
 * gives an empty list.
 */
#ifndef SHELF_ASSET_H
#define SHELF_ASSET_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "err.h"

#define ASSET_LIST_MAX 500

struct asset {
	int64_t id;
	int64_t reseller_id;
	int64_t customer_id;
	char    customer_name[201];
	int64_t product_id;
	char    product_name[201];
	char    sku[65];
	char    manufacturer[65];
	int32_t quantity;
	int64_t unit_price;
	int64_t unit_cost;
	char    currency[4];
	char    serial[129];		/* "" when none */
	char    purchased_at[20];	/* "YYYY-MM-DD HH:MM:SS" UTC */
	int64_t order_id;		/* 0 when not from an order */
	char    order_number[33];
};

DB_LIST(asset_list, struct asset);

void asset_list_free(struct asset_list *l);

/*
 * asset_list - a page of assets in a's scope, of customer_id (0: any;
 * honoured for reseller admins, support and distributor admins; a
 * storefront user always gets its own customer's), newest first, limit
 * 1..ASSET_LIST_MAX (0: 50) from offset.  *out is the caller's
 * (asset_list_free), zeroed on error.  CORE_FORBIDDEN, CORE_INVALID
 * (negative limit or offset), CORE_DB.
 */
enum core_err asset_list(struct db *db, const struct actor *a, int64_t customer_id, int limit, int64_t offset,
    struct asset_list *out);

#endif
