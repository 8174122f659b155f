/*
 * page_home.c - the storefront's homepage: the reseller's sections
 * (storefronts.sections, a JSON array) turned into the theme's section
 * contexts, and the Organization JSON-LD.
 *
 * Section types and their fields are core/section.h's schemas (older
 * keys such as "heading" are read through section_str); a text body may
 * also come as "paragraphs".  Products and categories resolve against
 * what the storefront lists, so an unlisted product never shows; a
 * featured section reads only the products it shows, in one query
 * (a home without one reads none): on dataset L, reading the whole list
 * of a shop's 180 products was most of a first render.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "log.h"
#include "media.h"
#include "page.h"
#include "section.h"
#include "render.h"

#define FEATURED_DEFAULT 4
#define FEATURED_MAX     12

static const char *
str(const json_t *o, const char *a, const char *b)
{
	const char *s = json_string_value(json_object_get(o, a));

	if ((s == NULL || *s == '\0') && b != NULL)
		s = json_string_value(json_object_get(o, b));
	return s && *s ? s : NULL;
}

static void
set_str(json_t *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(o, key, json_string(v));
}

/* Paragraphs: an array of strings, or text split on blank lines. */
static json_t *
paragraphs(const json_t *in)
{
	json_t *out = json_array(), *v;
	const char *s, *p, *end;
	size_t i, n;

	json_array_foreach(json_object_get(in, "paragraphs"), i, v)
		if (json_is_string(v) && json_string_length(v) > 0)
			json_array_append(out, v);
	if (json_array_size(out) > 0 || (s = section_str(in, "body")) == NULL)
		return out;
	for (p = s; *p; p = end) {
		if ((end = strstr(p, "\n\n")) == NULL && (end = strstr(p, "\r\n\r\n")) == NULL)
			end = p + strlen(p);
		n = (size_t)(end - p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n' || p[n - 1] == ' '))
			n--;
		while (n > 0 && (*p == '\r' || *p == '\n' || *p == ' ')) {
			p++;
			n--;
		}
		if (n > 0)
			json_array_append_new(out, json_stringn(p, n));
		while (*end == '\r' || *end == '\n')
			end++;
	}
	return out;
}

static const struct product *
find_product(const struct product_list *all, const json_t *ref)
{
	size_t i;

	for (i = 0; i < all->n; i++) {
		if (json_is_string(ref) && strcmp(all->items[i].slug, json_string_value(ref)) == 0)
			return &all->items[i];
		if (json_is_integer(ref) && all->items[i].id == json_integer_value(ref))
			return &all->items[i];
	}
	return NULL;
}

/*
 * featured - the cards of a featured section: the listed products its
 * refs name, in their order (at most FEATURED_MAX), or the first
 * FEATURED_DEFAULT by name when it names none.  NULL when the database
 * failed (the page is not to be made, nor cached, without them).
 */
static json_t *
featured(struct request *req, const json_t *in)
{
	json_t *out, *refs = json_object_get(in, "products"), *ref;
	struct product_list picked = { 0 };
	const struct product *p;
	enum core_err er;
	char *names;
	size_t i;

	if (refs == NULL)
		refs = json_object_get(in, section_field(section_schema(SECTION_FEATURED_PRODUCTS), "products")->alias);
	if (!json_is_array(refs) || json_array_size(refs) == 0)
		er = catalog_storefront_featured(req->db, req->sf->reseller_id, NULL, FEATURED_DEFAULT, &picked);
	else if ((names = json_dumps(refs, JSON_COMPACT)) == NULL)
		er = CORE_ENOMEM;
	else {
		er = catalog_storefront_featured(req->db, req->sf->reseller_id, names, (int64_t)json_array_size(refs),
		    &picked);
		free(names);
	}
	if (er != CORE_OK) {
		log_say("shelf-fcgi: home of %s: featured products: %s", req->sf->slug, core_strerror(er));
		return NULL;
	}
	out = json_array();
	if (!json_is_array(refs) || json_array_size(refs) == 0)
		for (i = 0; i < picked.n; i++)
			json_array_append_new(out, page_product_card(req, &picked.items[i]));
	else
		json_array_foreach(refs, i, ref) {
			if (json_array_size(out) >= FEATURED_MAX)
				break;
			if ((p = find_product(&picked, ref)) != NULL)
				json_array_append_new(out, page_product_card(req, p));
		}
	product_list_free(&picked);
	return out;
}

/*
 * image - o's image, image_width and image_height for url: a media
 * image's own size (core/media.h), else dw x dh (what the theme lays it
 * out at).  Nothing when url is not an image a page may show.
 */
static int
image(struct request *req, json_t *o, const char *url, int dw, int dh)
{
	json_t *img = render_image(req, url);
	int32_t w = dw, h = dh;

	if (img == NULL)
		return 0;
	if (media_dims(req->db, json_string_value(img), &w, &h) != CORE_OK) {
		w = dw;
		h = dh;
	}
	json_object_set_new(o, "image", img);
	json_object_set_new(o, "image_width", json_integer(w));
	json_object_set_new(o, "image_height", json_integer(h));
	return 1;
}

static json_t *
categories(struct request *req, const json_t *in, const json_t *nav_categories)
{
	json_t *out = json_array(), *refs = json_object_get(in, "categories"), *ref, *c, *o;
	const char *slug;
	size_t i, k;

	if (!json_is_array(refs) || json_array_size(refs) == 0) {
		json_array_foreach(nav_categories, k, c)
			json_array_append_new(out, json_pack("{s:O, s:O}", "name", json_object_get(c, "name"),
			    "url", json_object_get(c, "url")));
		return out;
	}
	json_array_foreach(refs, i, ref) {
		slug = json_is_string(ref) ? json_string_value(ref) : str(ref, "slug", NULL);
		if (slug == NULL)
			continue;
		json_array_foreach(nav_categories, k, c) {
			if (strcmp(json_string_value(json_object_get(c, "slug")), slug) != 0)
				continue;
			o = json_pack("{s:O, s:O}", "name", json_object_get(c, "name"), "url", json_object_get(c, "url"));
			if (o != NULL && json_is_object(ref)) {
				set_str(o, "description", str(ref, "description", NULL));
				image(req, o, str(ref, "image", NULL), 320, 200);
			}
			json_array_append_new(out, o);
			break;
		}
	}
	return out;
}

static json_t *
logos(struct request *req, const json_t *in)
{
	json_t *out = json_array(), *v, *o;
	size_t i;

	json_array_foreach(json_object_get(in, "logos"), i, v) {
		o = json_object();
		if (!image(req, o, str(v, "image", NULL), 140, 56)) {
			json_decref(o);
			continue;
		}
		set_str(o, "name", str(v, "name", NULL));
		render_set(o, "url", page_link(req, str(v, "url", NULL)));
		json_array_append_new(out, o);
	}
	return out;
}

/* section - the theme's context of one stored section, or NULL for an unknown type; *failed set when the database failed. */
static json_t *
section(struct request *req, const json_t *in, int first, const json_t *nav_categories, int *failed)
{
	json_t *cards;
	const struct section_schema *sch = section_schema_of(in);
	const char *pos;
	json_t *o;
	char flag[64];
	int k;

	if (sch == NULL)
		return NULL;
	o = json_object();
	json_object_set_new(o, "type", json_string(sch->name));
	json_object_set_new(o, "is_first", json_boolean(first));
	for (k = 0; k < SECTION__MAX; k++) {
		snprintf(flag, sizeof(flag), "is_%s", section_type_names[k]);
		json_object_set_new(o, flag, json_boolean(k == (int)sch->type));
	}
	set_str(o, "heading", section_str(in, "title"));
	switch (sch->type) {
	case SECTION_HERO:
		set_str(o, "text", section_str(in, "subtitle"));
		/* fall through */
	case SECTION_IMAGE_TEXT:
		image(req, o, section_str(in, "image"), 480, 320);
		set_str(o, "image_alt", section_str(in, "image_alt"));
		render_set(o, "cta_url", page_link(req, section_str(in, "cta_url")));
		set_str(o, "cta_label", section_str(in, "cta_label"));
		if (sch->type == SECTION_IMAGE_TEXT) {
			pos = section_str(in, "image_position");
			json_object_set_new(o, "image_left", json_boolean(pos && strcmp(pos, "left") == 0));
			json_object_set_new(o, "image_right", json_boolean(!pos || strcmp(pos, "left") != 0));
			json_object_set_new(o, "paragraphs", paragraphs(in));
		}
		break;
	case SECTION_FEATURED_PRODUCTS:
		if ((cards = featured(req, in)) == NULL)
			*failed = 1;
		json_object_set_new(o, "products", cards != NULL ? cards : json_array());
		break;
	case SECTION_CATEGORY_GRID:
		json_object_set_new(o, "categories", categories(req, in, nav_categories));
		break;
	case SECTION_TEXT:
		json_object_set_new(o, "paragraphs", paragraphs(in));
		break;
	case SECTION_LOGO_STRIP:
		json_object_set_new(o, "logos", logos(req, in));
		break;
	case SECTION__MAX:
		break;
	}
	return o;
}

static json_t *
organization(struct request *req)
{
	const struct storefront *sf = req->sf;
	json_t *o = json_object(), *logo;

	json_object_set_new(o, "@context", json_string("https://schema.org"));
	json_object_set_new(o, "@type", json_string("Organization"));
	json_object_set_new(o, "name", json_string(sf->company_name));
	json_object_set_new(o, "url", page_abs(req, PAGE_HOME));
	if ((logo = render_image(req, sf->logo_url)) != NULL) {
		json_object_set_new(o, "logo", render_full_url(req, json_string_value(logo)));
		json_decref(logo);
	}
	if (sf->meta_description[0])
		json_object_set_new(o, "description", json_string(sf->meta_description));
	if (sf->contact_email[0])
		json_object_set_new(o, "email", json_string(sf->contact_email));
	if (sf->contact_phone[0])
		json_object_set_new(o, "telephone", json_string(sf->contact_phone));
	if (sf->contact_address[0])
		json_object_set_new(o, "address", json_string(sf->contact_address));
	return o;
}

void
page_home(struct request *req, const char *arg)
{
	const struct storefront *sf = req->sf;
	json_t *ctx, *stored, *v, *sections, *s, *nav_categories;
	json_error_t jerr;
	char desc[2048];
	int failed = 0;
	size_t i;

	if ((ctx = page_context(req, "home")) == NULL) {
		page_error(req, 500);
		return;
	}
	if (sf->meta_description[0])
		snprintf(desc, sizeof(desc), "%s", sf->meta_description);
	else
		snprintf(desc, sizeof(desc), "Software licences, cloud subscriptions and services from %s.",
		    sf->company_name);
	render_meta(ctx, req, sf->meta_title[0] ? sf->meta_title : "Home", desc, page_abs(req, PAGE_HOME), "website");
	render_json_ld(ctx, organization(req));

	nav_categories = json_object_get(json_object_get(ctx, "nav"), "categories");
	sections = json_array();
	stored = json_loads(sf->sections, 0, &jerr);
	json_array_foreach(stored, i, v) {
		if ((s = section(req, v, json_array_size(sections) == 0, nav_categories, &failed)) != NULL)
			json_array_append_new(sections, s);
	}
	json_decref(stored);
	if (failed) {
		json_decref(sections);
		json_decref(ctx);
		page_error(req, 500);
		return;
	}
	if ((v = json_array_get(sections, 0)) != NULL) {
		render_set(ctx, "home.hero_first", json_boolean(json_is_true(json_object_get(v, "is_hero"))));
		if (json_is_true(json_object_get(v, "is_hero")) && json_object_get(v, "image") != NULL)
			render_set(ctx, "page.og_image",
			    render_full_url(req, json_string_value(json_object_get(v, "image"))));
	}
	render_set(ctx, "home.sections", sections);
	page_render(req, 200, "home", ctx);
}
