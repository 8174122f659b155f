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
 *   0..21  the product row (18: image_media_id, 19: its media "sha type width
 *          height", 20: featured, 21: recommended_markup_bp)
 *   22, 23 category names / slugs (0x1f-separated)
 *   24     1 when a listing row exists for the reseller (NULL otherwise)
 *   25, 26 listings.listed, listings.markup_bp
 *   27, 28 description, specs (NULL, NULL in lists)
 */
#define PRODUCT_CAT_SEP "\x1f"
#define PRODUCT_COLS \
	"p.id, p.distributor_id, p.sku, p.name, p.slug, p.manufacturer, p.type, p.billing_period," \
	" p.unit_cost, p.currency, p.unit_label, p.min_quantity, p.max_quantity, p.trial_days," \
	" p.short_description, p.image_url, p.connector, p.active, p.image_media_id," \
	" (SELECT CONCAT_WS(' ', m.sha256, m.type, m.width, m.height) FROM media m WHERE m.id = p.image_media_id)," \
	" p.featured, p.recommended_markup_bp," \
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
 * image_url (the media URL or the external image; absent without one),
 * image_width and image_height (of a media image), monogram and
 * monogram_tone (product_monogram), featured, categories ([{name,
 * slug}]), category_names ("A, B").
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

/*
 * product_monogram - the vendor monogram of name into out (sz bytes): the
 * initials of its first two words ("Trend Micro" -> "TM"), or the first
 * two letters of a one-word name ("Acronis" -> "Ac"); "?" for no letter.
 * Returns out.  Themes draw it as the tile of a product without an image.
 */
const char *product_monogram(const char *name, char *out, size_t sz);

/* product_monogram_tone - 0..PRODUCT_MONOGRAM_TONES-1, stable per name (any case): the tile's skin colour. */
#define PRODUCT_MONOGRAM_TONES 4
int product_monogram_tone(const char *name);

/*
 * product_input_of - *in as the stored product p, to change a few fields
 * and pass to catalog_product_update.  Borrows p's strings (keep p until
 * then); the category slugs go in slugs[PRODUCT_CATEGORIES_MAX], the spec
 * rows in specs[PRODUCT_SPECS_MAX], their strings held by *hold
 * (json_decref it after).  CORE_ENOMEM.
 */
enum core_err product_input_of(const struct product *p, struct product_input *in, struct product_spec *specs,
    const char **slugs, json_t **hold);

/* product_audit_json - every stored field of p, for the audit log (cost included); NULL on ENOMEM. */
json_t *product_audit_json(const struct product *p);

#endif
