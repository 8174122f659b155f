/*
 * page_product.c - a product page (/products/SLUG): description, the
 * reseller's price per billing period, the trial call to action, a few
 * related products, and Product + Offer JSON-LD.  A former slug answers
 * 301 to the current one; an unlisted or unknown product 404.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "markdown.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "render.h"

#define RELATED_MAX 4

/*
 * product_load_or_404 - the listed product called slug into *p, or the
 * reply: 301 to its current slug, 404, or 500.  Returns 0 when loaded
 * (release with product_done).
 */
static int
product_load_or_404(struct request *req, const char *slug, struct product *p)
{
	char newslug[201];
	enum core_err er;

	memset(p, 0, sizeof(*p));
	if (!http_is_slug(slug, 200)) {
		page_error(req, 404);
		return -1;
	}
	er = catalog_storefront_product(req->db, req->sf->reseller_id, slug, p);
	if (er == CORE_OK)
		return 0;
	if (er == CORE_NOTFOUND &&
	    (er = catalog_product_redirect(req->db, req->sf->reseller_id, slug, newslug)) == CORE_OK &&
	    http_is_slug(newslug, 200)) {
		page_redirect(req, 301, PAGE_PRODUCT, NULL, newslug);
		return -1;
	}
	if (er != CORE_NOTFOUND)
		log_say("shelf-fcgi: product %s of %s: %s", slug, req->sf->slug, core_strerror(er));
	page_error(req, er == CORE_NOTFOUND ? 404 : 500);
	return -1;
}

static void
spec(json_t *specs, const char *label, const char *value)
{
	if (value != NULL && *value)
		json_array_append_new(specs, json_pack("{s:s, s:s}", "label", label, "value", value));
}

/* description_html - the Markdown description as escaped HTML (core/markdown.h), or NULL for none. */
static json_t *
description_html(const char *md)
{
	struct buf b = { NULL, 0, 0 };
	json_t *s = NULL;

	if (md == NULL || *md == '\0')
		return NULL;
	if (markdown_html(md, &b) == CORE_OK && b.len > 0)
		s = json_string(buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* editor_specs - the rows of the catalog editor's specification table (products.specs), after the facts. */
static void
editor_specs(json_t *specs, const char *text)
{
	json_t *a = text ? json_loads(text, 0, NULL) : NULL, *row;
	size_t i;

	json_array_foreach(a, i, row)
		spec(specs, json_string_value(json_object_get(row, "key")),
		    json_string_value(json_object_get(row, "value")));
	json_decref(a);
}

static json_t *
json_ld(struct request *req, const struct product *p, json_t *card, json_t *canonical)
{
	char price[64];
	json_t *o = json_object(), *offer = json_object(), *img;

	render_price_decimal(p->price, p->currency, price, sizeof(price));
	json_object_set_new(o, "@context", json_string("https://schema.org"));
	json_object_set_new(o, "@type", json_string("Product"));
	json_object_set_new(o, "name", json_string(p->name));
	if (p->short_description[0])
		json_object_set_new(o, "description", json_string(p->short_description));
	json_object_set_new(o, "sku", json_string(p->sku));
	json_object_set_new(o, "brand", json_pack("{s:s, s:s}", "@type", "Brand", "name", p->manufacturer));
	if ((img = json_object_get(card, "image")) != NULL)
		json_object_set_new(o, "image", render_full_url(req, json_string_value(img)));
	json_object_set(o, "url", canonical);
	json_object_set_new(offer, "@type", json_string("Offer"));
	json_object_set_new(offer, "price", json_string(price));
	json_object_set_new(offer, "priceCurrency", json_string(p->currency));
	json_object_set_new(offer, "availability", json_string("https://schema.org/InStock"));
	json_object_set(offer, "url", canonical);
	json_object_set_new(o, "offers", offer);
	return o;
}

static json_t *
related(struct request *req, const struct product *p)
{
	struct catalog_query q = { .sort = CATALOG_SORT_NAME, .limit = RELATED_MAX + 1 };
	struct product_list list = { 0 };
	json_t *products;
	size_t i;

	if (p->ncategories == 0)
		return NULL;
	q.category = p->category_slugs[0];
	if (catalog_storefront_list(req->db, req->sf->reseller_id, &q, &list) != CORE_OK)
		return NULL;
	products = json_array();
	for (i = 0; i < list.n && json_array_size(products) < RELATED_MAX; i++)
		if (list.items[i].id != p->id)
			json_array_append_new(products, page_product_card(req, &list.items[i]));
	product_list_free(&list);
	if (json_array_size(products) == 0) {
		json_decref(products);
		return NULL;
	}
	return json_pack("{s:s, s:o}", "heading", "Related products", "products", products);
}

void
page_product(struct request *req, const char *slug)
{
	struct product p;
	json_t *ctx, *card, *specs, *crumbs, *canonical;
	char desc[2048], note[200], qty[80], num[32];
	const char *company = req->sf->company_name;

	if (product_load_or_404(req, slug, &p) != 0)
		return;
	if ((ctx = page_context(req, "product")) == NULL || (card = page_product_card(req, &p)) == NULL) {
		json_decref(ctx);
		product_done(&p);
		page_error(req, 500);
		return;
	}
	canonical = page_abs(req, PAGE_PRODUCT, p.slug);
	if (p.short_description[0])
		snprintf(desc, sizeof(desc), "%s", p.short_description);
	else
		snprintf(desc, sizeof(desc), "%s by %s at %s.", p.name, p.manufacturer, company);
	render_meta(ctx, req, p.name, desc, NULL, "product");
	render_set(ctx, "page.canonical_url", json_incref(canonical));
	render_set(ctx, "page.active.catalog", json_true());
	if (json_object_get(card, "image") != NULL)
		render_set(ctx, "page.og_image", render_full_url(req, json_string_value(json_object_get(card, "image"))));
	render_json_ld(ctx, json_ld(req, &p, card, canonical));

	json_object_set_new(card, "sku", json_string(p.sku));
	json_object_set_new(card, "billing_period", json_string(period_label(p.billing_period)));
	/* "user" -> "Users": the label of the quantity field */
	snprintf(qty, sizeof(qty), "%s%s", p.unit_label,
	    p.unit_label[0] && p.unit_label[strlen(p.unit_label) - 1] != 's' ? "s" : "");
	if (qty[0] >= 'a' && qty[0] <= 'z')
		qty[0] = (char)(qty[0] - 'a' + 'A');
	json_object_set_new(card, "quantity_label", json_string(qty));
	snprintf(note, sizeof(note), "Price per %s%s%s, excluding VAT.", p.unit_label,
	    period_words(p.billing_period)[0] ? " " : "", period_words(p.billing_period));
	if (!(p.type == PRODUCT_USAGE && p.price == 0))
		json_object_set_new(card, "price_note", json_string(note));
	else
		json_object_set_new(card, "price_note", json_string("Billed monthly on usage, excluding VAT."));
	json_object_set_new(card, "add_action", page_url(req, PAGE_CART_ADD));
	json_object_set_new(card, "trial_action", page_url(req, PAGE_TRIAL));
	json_object_set_new(card, "trial_login_url", page_login_url(req, PAGE_PRODUCT, p.slug));
	json_object_set_new(card, "description_html", description_html(p.description));

	specs = json_array();
	spec(specs, "Manufacturer", p.manufacturer);
	spec(specs, "Sold per", p.unit_label);
	snprintf(num, sizeof(num), "%d", (int)p.min_quantity);
	spec(specs, "Minimum quantity", num);
	if (p.max_quantity > 0) {
		snprintf(num, sizeof(num), "%d", (int)p.max_quantity);
		spec(specs, "Maximum quantity", num);
	}
	if (p.trial_days > 0) {
		snprintf(num, sizeof(num), "%d days", (int)p.trial_days);
		spec(specs, "Free trial", num);
	}
	spec(specs, "Categories", json_string_value(json_object_get(card, "category_names")));
	editor_specs(specs, p.specs);
	json_object_set_new(card, "has_specs", json_boolean(json_array_size(specs) > 0));
	json_object_set_new(card, "specs", specs);
	render_set(ctx, "product", card);
	render_set(ctx, "related", related(req, &p));

	crumbs = json_array();
	json_array_append_new(crumbs, json_pack("{s:s, s:o}", "name", "Home", "url", page_url(req, PAGE_HOME)));
	if (p.ncategories > 0)
		json_array_append_new(crumbs, json_pack("{s:s, s:o}", "name", p.category_names[0],
		    "url", page_url(req, PAGE_CATEGORY, p.category_slugs[0])));
	else
		json_array_append_new(crumbs, json_pack("{s:s, s:o}", "name", "All products",
		    "url", page_url(req, PAGE_CATALOG)));
	json_array_append_new(crumbs, json_pack("{s:s, s:o, s:b}", "name", p.name,
	    "url", page_url(req, PAGE_PRODUCT, p.slug), "current", 1));
	render_set(ctx, "breadcrumbs.items", crumbs);

	json_decref(canonical);
	product_done(&p);
	page_render(req, 200, "product", ctx);
}
