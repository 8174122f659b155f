/*
 * render.h - turning a page's data into the theme's HTML: the render
 * context every template gets (site, urls, nav, page, flash; the
 * contract in themes/README.md and tests/themes/_common.json), URLs that
 * keep the /s/SLUG prefix, JSON-LD, and the page cache around it all.
 *
 * Ownership: functions returning json_t * return a new reference (the
 * caller's); render_page steals its context.
 */
#ifndef SHELF_RENDER_H
#define SHELF_RENDER_H

#include <jansson.h>
#include "catalog.h"
#include "request.h"

/* render_path - a new string base_path + path ("/s/demo" + "/catalog"); path starts with '/'. */
json_t *render_path(const struct request *req, const char *path);

/* render_abs - a new string origin + base_path + path: the absolute URL of a page. */
json_t *render_abs(const struct request *req, const char *path);

/* render_full_url - url made absolute: a root path gets req->origin in front; a new string. */
json_t *render_full_url(const struct request *req, const char *url);

/*
 * render_link - the URL a reseller-supplied link (a section's cta_url)
 * may point to: "/x" inside the storefront gets the base path; http(s)
 * URLs are kept; anything else (javascript:, data:, "//evil") gives
 * NULL, so the template leaves the link out.
 */
json_t *render_link(const struct request *req, const char *url);

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
 * (or of no storefront: a minimal site): site, urls, nav (with the
 * categories, one query), flash [] and page {id, active}.  NULL on
 * ENOMEM.  A failing category read leaves the nav without categories.
 */
json_t *render_context(struct request *req, const char *page_id);

/*
 * render_meta - set page.title, page.description (cut to 300 bytes at a
 * character boundary), page.canonical_url (render_abs of
 * canonical_path; NULL: none), page.og_type ("website" when NULL).
 */
void render_meta(json_t *ctx, const struct request *req, const char *title, const char *description,
    const char *canonical_path, const char *og_type);

/*
 * render_json_ld - set page.json_ld to data serialised for a <script>
 * element: compact JSON with '<', '>' and '&' written as \u003c, \u003e,
 * \u0026, so no "</script" or "<!--" can appear.  Steals data.
 */
void render_json_ld(json_t *ctx, json_t *data);

/* render_product_card - the product_card context of p: product_to_json plus url with the base path, image, image_alt, has_trial, price label. */
json_t *render_product_card(const struct request *req, const struct product *p);

/* render_price_decimal - "12.50" for 1250 minor units of currency (JSON-LD price), into out (n bytes). */
void render_price_decimal(int64_t amount, const char *currency, char *out, size_t n);

/*
 * render_cache_begin - for a cacheable page, before any database work
 * beyond the storefront lookup: compute the cache key and ETag from the
 * storefront, its version, the theme fingerprint, skin, year and URL;
 * answer 304 when If-None-Match matches, or the cached copy when there
 * is one.  Returns 1 when it replied, else 0 (req->cache_key is set and
 * render_page will store the page).
 */
int render_cache_begin(struct request *req);

/*
 * render_page - render template tpl of the request's theme against ctx
 * (stolen) and reply with status: text/html, Cache-Control "public,
 * no-cache" + ETag for cacheable pages (stored in the page cache when
 * status is 200), "no-store" otherwise.  A template error is logged and
 * answered with page_error(500).
 */
void render_page(struct request *req, int status, const char *tpl, json_t *ctx);

/* render_send_cacheable - reply with a non-HTML public body (sitemap, robots), stored like render_page does. */
void render_send_cacheable(struct request *req, const char *ctype, const char *body, size_t len);

/*
 * render_csrf - the token of this browser into tok: its cookie when well
 * formed, else a new one, set as a cookie on the reply (SameSite=Lax,
 * HttpOnly, a year; Secure and __Host- under https).  "" when the
 * system has no randomness.
 */
void render_csrf(struct request *req, char tok[65]);

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
