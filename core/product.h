/*
 * product.h - a product (struct product, catalog.h) as core reads it:
 * the names and labels of its type and connector, the columns every
 * catalog statement selects and the one function that fills a struct
 * product from them, releasing it, and its JSON for templates and for
 * the audit log.  The catalog's reads and writes are catalog.h's.
 */
#ifndef SHELF_PRODUCT_H
#define SHELF_PRODUCT_H

#include <jansson.h>
#include "catalog.h"
#include "db.h"

/*
 * Every product statement selects the same columns, so one function fills
 * a struct product from any of them:
 *   0..17  the product row          18, 19  category names / slugs (0x1f-separated)
 *   20     1 when a listing row exists for the reseller (NULL otherwise)
 *   21, 22 listings.listed, listings.markup_bp
 *   23     description (NULL in lists)
 */
#define PRODUCT_CAT_SEP "\x1f"
#define PRODUCT_COLS \
	"p.id, p.distributor_id, p.sku, p.name, p.slug, p.manufacturer, p.type, p.billing_period," \
	" p.unit_cost, p.currency, p.unit_label, p.min_quantity, p.max_quantity, p.trial_days," \
	" p.short_description, p.image_url, p.connector, p.active," \
	" (SELECT GROUP_CONCAT(c.name ORDER BY c.position, c.name, c.id SEPARATOR '" PRODUCT_CAT_SEP "')" \
	"    FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id)," \
	" (SELECT GROUP_CONCAT(c.slug ORDER BY c.position, c.name, c.id SEPARATOR '" PRODUCT_CAT_SEP "')" \
	"    FROM product_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.product_id = p.id)"

/* Names of the enums as stored in the database ("license", "keys", ...); never NULL. */
const char *product_type_name(enum product_type t);
const char *product_connector_name(enum product_connector c);
/* product_type_label - "Licence", "Usage plan", "Software", "Service"; never NULL. */
const char *product_type_label(enum product_type t);
/* Parsers of the stored names: the enum value, or -1. */
int product_type_parse(const char *s);
int product_connector_parse(const char *s);

/* product_done - free what a product read malloc'd (description); the struct may be reused.  NULL is fine. */
void product_done(struct product *p);
void product_list_free(struct product_list *l);
void category_list_free(struct category_list *l);

/*
 * product_to_json - the product for storefront templates: id, name, slug,
 * url ("/products/<slug>"), manufacturer, type, type_label, price
 * (money_format of the sale price; of the cost when not read for a
 * reseller; "Pay as you go" for a usage plan without a fixed price, which
 * has no period_label), price_minor, currency, period, period_label,
 * trial and has_trial (bool), trial_days, unit_label, short_description, description (when read),
 * image_url, categories ([{name, slug}]), category_names ("A, B").
 * Never includes the cost or markup of a reseller-priced row.  A new
 * reference (caller decrefs); NULL on ENOMEM.
 */
json_t *product_to_json(const struct product *p);

/*
 * product_fill - *p from the current row of r, whose columns are
 * PRODUCT_COLS then (when for_reseller) the listing's three and (when
 * with_description) the description.  for_reseller also sets the sale
 * price (money_price); with_description mallocs p->description (release
 * with product_done).  CORE_RANGE when the price overflows, CORE_ENOMEM.
 */
enum core_err product_fill(struct db_res *r, struct product *p, int for_reseller, int with_description);

/* product_audit_json - every stored field of p, for the audit log (cost included); NULL on ENOMEM. */
json_t *product_audit_json(const struct product *p);

#endif
