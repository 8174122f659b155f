/*
 * render.h - the view helpers: turning a page's data into the theme's
 * HTML.  The render context every template gets (site, urls, nav, page,
 * flash; the contract in themes/README.md and tests/themes/_common.json),
 * meta and JSON-LD, product cards, dates, and the template itself.
 *
 * A leaf: no I/O, no database, no reply, no call into the pages or the
 * server; links come from the page table (page.h) as arguments, the
 * storefront and theme from the request.  How a body leaves is reply.h's.
 *
 * Ownership: functions returning json_t * return a new reference (the
 * caller's); a json_t * argument is stolen where it says so.
 */
#ifndef SHELF_RENDER_H
#define SHELF_RENDER_H

#include <jansson.h>
#include "buf.h"
#include "catalog.h"
#include "mustache.h"
#include "request.h"

/* render_full_url - url made absolute: a root path gets req->origin in front; a new string. */
json_t *render_full_url(const struct request *req, const char *url);

/*
 * render_image - the URL of a reseller- or catalog-supplied image:
 * https URLs and root paths are kept, "images/x.svg" is a theme asset;
 * anything else gives NULL.
 */
json_t *render_image(const struct request *req, const char *url);

/*
 * render_paragraphs - plain text (a reseller's or customer's words; may
 * be NULL) as paragraphs for a template: a new array of {lines: [{text,
 * br}]}, one per run of non-blank lines, text trimmed, br true on every
 * line but a paragraph's first.  Templates escape the text:
 *   {{#x}}<p>{{#lines}}{{#br}}<br>{{/br}}{{text}}{{/lines}}</p>{{/x}}
 * An empty array for no text.
 */
json_t *render_paragraphs(const char *text);

/*
 * render_context - the context shared by every page of the storefront
 * (or of no storefront: a minimal site): site, urls (stolen: the page
 * table's links), nav (categories, stolen: an array of {name, slug, url,
 * active, count}; the first few also as featured_categories), flash []
 * and page {id, active}.  NULL on ENOMEM (the arguments are released).
 * page_context (page.h) is how pages call it.
 */
json_t *render_context(const struct request *req, const char *page_id, json_t *urls, json_t *categories);

/*
 * render_meta - set page.title, page.description (cut to 300 bytes at a
 * character boundary), page.canonical_url (canonical, stolen: an
 * absolute URL, page_abs; NULL: none), page.og_type ("website" when NULL).
 */
void render_meta(json_t *ctx, const struct request *req, const char *title, const char *description,
    json_t *canonical, const char *og_type);

/*
 * render_json_ld - set page.json_ld to data serialised for a <script>
 * element: compact JSON with '<', '>' and '&' written as \u003c, \u003e,
 * \u0026, so no "</script" or "<!--" can appear.  Steals data.
 */
void render_json_ld(json_t *ctx, json_t *data);

/*
 * render_product_card - the product_card context of p: product_to_json
 * with url (stolen: the product page's link, page_product_card), image
 * with image_width and image_height (the media's size; 640x400 for an
 * external image), none without an image (the theme then draws the
 * vendor's monogram tile from monogram and monogram_tone), and
 * image_alt.  NULL on ENOMEM.
 */
json_t *render_product_card(const struct request *req, const struct product *p, json_t *url);

/* render_price_decimal - "12.50" for 1250 minor units of currency (JSON-LD price), into out (n bytes). */
void render_price_decimal(int64_t amount, const char *currency, char *out, size_t n);

/*
 * render_template - template tpl of the request's theme against ctx,
 * appended to out: CORE_OK, CORE_TEMPLATE (no theme, or the template
 * failed: err says where, when not NULL) or CORE_ENOMEM.  page_render
 * and page_error (page.h) send the result.
 */
enum core_err render_template(const struct request *req, const char *tpl, const json_t *ctx, struct buf *out,
    struct mustache_error *err);

/* render_set - json_object_set_new on a dotted path, making objects on the way ("page.active.home"). */
void render_set(json_t *ctx, const char *path, json_t *value);

/* render_date - "3 Mar 2025" from "2025-03-03" or "2025-03-03 10:00:00" into out (n bytes); other text as is. */
void render_date(const char *s, char *out, size_t n);

/* render_date_json - render_date as a new string; NULL for NULL or "" (the key is then left out). */
json_t *render_date_json(const char *s);

/*
 * render_flash - append a message to ctx's flash list; kind is
 * "success", "error", "info" or "warning".  text is plain (escaped by
 * the template); NULL or "" adds nothing.
 */
void render_flash(json_t *ctx, const char *kind, const char *text);

#endif
