/*
 * catalog.h - the distributor's products and categories, and the ways
 * they are read: by the distributor (who keeps them), by a reseller admin
 * (the Vendor screen: what it can buy, what it lists, at what markup), and
 * by the public storefront (listed products at the reseller's price).
 *
 * A product belongs to one distributor.  Its cost is what the reseller
 * pays; the storefront price is money_price(cost, listing markup), always
 * computed in C from the row's cost and markup.  Storefront reads take the
 * reseller_id of the routed storefront (no actor: the visitor is
 * anonymous) and only ever show LISTED, ACTIVE products of that reseller's
 * own distributor.  Everything else takes a `const struct actor *`.
 *
 * Who may read the catalog through catalog_product_get/catalog_categories:
 *   distributor admin, support  - products of a->distributor_id
 *   reseller admin              - products of its reseller's distributor,
 *                                 with its listing (listed, markup, price)
 * Changing products: distributor admin only (ACT_CATALOG_WRITE).
 *
 * Strings in the structs are copied into fixed arrays sized to the
 * column in characters (+1); a value longer in bytes is cut at a UTF-8
 * character boundary.  The one exception is product.description (TEXT):
 * a malloc'd string, filled only by the single-product reads and released
 * by product_done().
 */
#ifndef SHELF_CATALOG_H
#define SHELF_CATALOG_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"
#include "err.h"
#include "period.h"
#include "names.h"

/* X(symbol, products.type, label): licence, a per-seat subscription; usage, a pay-as-you-go plan (Azure) */
#define PRODUCT_TYPES(X) \
	X(PRODUCT_LICENSE,  "license",  "Licence") \
	X(PRODUCT_USAGE,    "usage",    "Usage plan") \
	X(PRODUCT_SOFTWARE, "software", "Software") \
	X(PRODUCT_SERVICE,  "service",  "Service")

enum product_type {
	PRODUCT_TYPES(NAMES_SYM)
	PRODUCT_TYPE__MAX
};

/* X(symbol, products.connector, label) */
#define PRODUCT_CONNECTORS(X) \
	X(CONNECTOR_MANUAL, "manual", "Manual") \
	X(CONNECTOR_KEYS,   "keys",   "Licence keys") \
	X(CONNECTOR_HTTP,   "http",   "HTTP endpoint")

enum product_connector {
	PRODUCT_CONNECTORS(NAMES_SYM)
	CONNECTOR__MAX
};

#define PRODUCT_CATEGORIES_MAX 8	/* category tags carried per product row */
#define CATALOG_LIMIT_MAX      500	/* largest page of any list */
#define CATALOG_TRIAL_MAX      365	/* days */

struct product {
	int64_t  id;
	int64_t  distributor_id;
	char     sku[65];
	char     name[201];
	char     slug[201];
	char     manufacturer[65];
	enum product_type      type;
	enum period            billing_period;
	int64_t  unit_cost;		/* minor units, cost to the reseller */
	char     currency[4];
	char     unit_label[33];	/* "licence", "plan", ... */
	int32_t  min_quantity;
	int32_t  max_quantity;		/* 0: no maximum */
	int32_t  trial_days;		/* 0: no trial */
	char     short_description[301];
	char     image_url[501];
	enum product_connector connector;
	int      active;
	/* category tags, ordered by category position then name */
	size_t   ncategories;
	char     category_names[PRODUCT_CATEGORIES_MAX][101];
	char     category_slugs[PRODUCT_CATEGORIES_MAX][101];
	/* filled when read for a reseller (reseller admin, storefront) */
	int      for_reseller;		/* 1 when the three below are meaningful */
	int      listed;		/* listings.listed; 0 without a listing row */
	int32_t  markup_bp;		/* listings.markup_bp; 0 without a listing row */
	int64_t  price;			/* money_price(unit_cost, markup_bp) */
	/* the image: from the media store (image_media_id, sized) or an external image_url */
	int64_t  image_media_id;	/* 0: none */
	char     image[501];		/* what pages show: the media URL, else image_url, else "" */
	int32_t  image_width;		/* of a media image; 0 when unknown */
	int32_t  image_height;
	int      featured;		/* products.featured */
	int32_t  recommended_markup_bp;	/* products.recommended_markup_bp */
	/* single-product reads only: malloc'd, NULL elsewhere; product_done() frees */
	char    *description;		/* Markdown (markdown.h) */
	char    *specs;			/* JSON array of {"key", "value"}; NULL when none */
};

DB_LIST(product_list, struct product);

struct category {
	int64_t id;
	char    name[101];
	char    slug[101];
	int32_t position;
	int64_t products;	/* active products (catalog_categories) or listed ones (storefront) */
};

DB_LIST(category_list, struct category);

#define PRODUCT_SPECS_MAX   30		/* rows of a specification table */
#define PRODUCT_SPEC_KEY    80		/* characters */
#define PRODUCT_SPEC_VALUE  300
#define PRODUCT_MARKUP_MAX  100000	/* basis points, as listings */

/* One row of a product's specification table. */
struct product_spec {
	const char *key;		/* 1..PRODUCT_SPEC_KEY characters */
	const char *value;		/* 1..PRODUCT_SPEC_VALUE characters */
};

/* The fields of a product as a distributor admin enters them. */
struct product_input {
	const char *sku;		/* 1..64 characters */
	const char *name;		/* 1..200 */
	const char *slug;		/* ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$, <= 200, unique per distributor */
	const char *manufacturer;	/* 1..64 */
	enum product_type      type;
	enum period            billing_period;
	int64_t     unit_cost;		/* >= 0 */
	const char *unit_label;		/* NULL or "": "licence" */
	int32_t     min_quantity;	/* 0: 1 */
	int32_t     max_quantity;	/* 0: none, else >= min_quantity */
	int32_t     trial_days;		/* 0: none, else 1..365 and not for one-time products */
	const char *short_description;	/* NULL or <= 300 */
	const char *description;	/* NULL or <= 65535 bytes */
	const char *image_url;		/* NULL or <= 500: an external https:// image, or one of the distributor's media URLs */
	int64_t     image_media_id;	/* 0: none; else media of the distributor's (media.h), CORE_FORBIDDEN otherwise */
	int         featured;		/* 0 or 1 */
	int32_t     recommended_markup_bp;	/* 0..PRODUCT_MARKUP_MAX */
	const struct product_spec *specs;	/* the specification table, in order; NULL when nspecs is 0 */
	size_t      nspecs;		/* <= PRODUCT_SPECS_MAX */
	enum product_connector connector;
	int         active;
	const char *const *category_slugs;	/* the product's tags, by slug of the distributor's categories */
	size_t      ncategories;
};

enum catalog_sort {
	CATALOG_SORT_NAME,		/* name, then id */
	CATALOG_SORT_PRICE_ASC,		/* sale price (vendor screen: price), then name */
	CATALOG_SORT_PRICE_DESC,
	CATALOG_SORT_MANUFACTURER,	/* vendor screen only; storefront falls back to name */
	CATALOG_SORT_COST,		/* vendor screen only: cost ascending */
	CATALOG_SORT__MAX
};

/* A storefront or vendor-screen list request.  NULL/"" filters are off. */
struct catalog_query {
	const char       *category;	/* category slug */
	const char       *search;	/* substring of name, manufacturer, short description (vendor: and SKU) */
	const char       *manufacturer;	/* storefront only; NULL/"": any; else exactly this manufacturer, any case */
	enum catalog_sort sort;
	int64_t           limit;	/* 0: 50; above CATALOG_LIMIT_MAX: CATALOG_LIMIT_MAX */
	int64_t           offset;	/* >= 0 */
};

enum catalog_tab { CATALOG_TAB_LISTED, CATALOG_TAB_UNLISTED };

/*
 * catalog_product_get - one product by id, into caller storage *out
 * (release with product_done).  See the top of this file for who may.
 * CORE_NOTFOUND when the product is not in the actor's distributor's
 * catalog, CORE_FORBIDDEN for other roles.
 */
enum core_err catalog_product_get(struct db *db, const struct actor *a, int64_t id, struct product *out);

/*
 * catalog_product_find_sku - the id of the product with this SKU in the
 * catalog the actor reads (as catalog_product_get); CORE_NOTFOUND.
 */
enum core_err catalog_product_find_sku(struct db *db, const struct actor *a, const char *sku, int64_t *id);

/*
 * catalog_product_add - a new product in a->distributor_id's catalog
 * (currency: the distributor's), with its category tags; *id receives
 * its id.  Distributor admin only.  Audited ("product.add").
 * CORE_INVALID (bad field, unknown category slug) or CORE_CONFLICT
 * (slug or SKU taken) with why; id may be NULL.
 */
enum core_err catalog_product_add(struct db *db, const struct actor *a, const struct product_input *in,
    int64_t *id, char *why);

/*
 * catalog_product_update - replace every field and the category tags of
 * product id (product_input_of gives the stored fields to change a few).  A slug change leaves the old slug in product_slug_redirects
 * (storefronts answer 301), and a slug taken back drops its redirect.
 * Bumps storefronts.version of every reseller listing the product (one
 * UPDATE with a join).  Audited ("product.update") with before/after.
 * Errors as catalog_product_add, plus CORE_NOTFOUND.
 */
enum core_err catalog_product_update(struct db *db, const struct actor *a, int64_t id,
    const struct product_input *in, char *why);

/*
 * catalog_categories - the categories of the actor's distributor, by
 * position then name, each with its count of active products.
 * Distributor admin, support, reseller admin.  *list is the caller's
 * (category_list_free).
 */
enum core_err catalog_categories(struct db *db, const struct actor *a, struct category_list *list);

/*
 * catalog_storefront_list - the public catalog page of reseller_id:
 * listed, active products, priced, filtered, sorted and paged (one query
 * for the page, one for the total).  *list is the caller's.
 */
enum core_err catalog_storefront_list(struct db *db, int64_t reseller_id, const struct catalog_query *q,
    struct product_list *list);

/*
 * catalog_storefront_featured - the listed, active products of
 * reseller_id's storefront a featured section of its home shows, priced,
 * in name order: those refs names (a JSON array of product slugs and
 * ids, as the section stores them; others are left out), or, when refs
 * is NULL, the first n by name; at most n (<= CATALOG_LIMIT_MAX) either
 * way.  One query, reading only these rows.  *list is the caller's;
 * CORE_DB also for refs that is not JSON.
 */
enum core_err catalog_storefront_featured(struct db *db, int64_t reseller_id, const char *refs, int64_t n,
    struct product_list *list);

/*
 * catalog_storefront_product - the listed, active product of reseller_id
 * with this slug (CORE_NOTFOUND otherwise, also for an old slug: ask
 * catalog_product_redirect).  Release *out with product_done.
 */
enum core_err catalog_storefront_product(struct db *db, int64_t reseller_id, const char *slug,
    struct product *out);

/*
 * catalog_product_redirect - when old_slug is a former slug of a product
 * that reseller_id lists, its current slug into new_slug (201 bytes).
 * CORE_NOTFOUND otherwise.
 */
enum core_err catalog_product_redirect(struct db *db, int64_t reseller_id, const char *old_slug,
    char new_slug[201]);

/*
 * catalog_storefront_categories - the categories that hold at least one
 * product reseller_id lists, with the count of its listed products.
 */
enum core_err catalog_storefront_categories(struct db *db, int64_t reseller_id, struct category_list *list);

/*
 * catalog_vendor_stats - the Vendor screen's figures for the actor's
 * reseller: available = active products of its distributor, listed =
 * those it lists, unlisted = available - listed.  Reseller admin only
 * (checked as ACT_LISTING_WRITE: the screen exists to list products).
 */
enum core_err catalog_vendor_stats(struct db *db, const struct actor *a, int64_t *available,
    int64_t *listed, int64_t *unlisted);

/*
 * catalog_vendor_list - a tab of the Vendor screen: the distributor's
 * active products the reseller lists (CATALOG_TAB_LISTED) or does not
 * (CATALOG_TAB_UNLISTED), each with cost, remembered markup and price.
 * q->search also matches the SKU.  Reseller admin only.
 */
enum core_err catalog_vendor_list(struct db *db, const struct actor *a, enum catalog_tab tab,
    const struct catalog_query *q, struct product_list *list);

#include "product.h"

#endif
