/*
 * page_catalog.c - the catalog (/catalog?q=&manufacturer=&page=&sort=)
 * and category pages (/category/SLUG, the same parameters): the
 * storefront's listed products, priced, searched, filtered by
 * manufacturer (exact, any case: the home page's brand links), sorted and
 * paged in the database; and the old addresses (/products,
 * /categories/SLUG) that answer 301.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "render.h"
#include "str.h"

#define CATALOG_PAGE_SIZE 12
#define CATALOG_PAGE_MAX  10000
#define CATALOG_QUERY_MAX 200		/* bytes of a search term */
#define PAGINATION_AROUND 2		/* page links either side of the current one */

static const struct {
	const char       *name;		/* the sort= value */
	enum catalog_sort sort;
} sorts[] = {
	{ "name", CATALOG_SORT_NAME },
	{ "price_asc", CATALOG_SORT_PRICE_ASC },
	{ "price_desc", CATALOG_SORT_PRICE_DESC },
};

/* The listing being shown: what the URL asked for, normalised. */
struct listing_view {
	enum page   at;			/* PAGE_CATALOG or PAGE_CATEGORY */
	const char *category_slug;	/* NULL for the whole catalog */
	const char *category_name;
	const char *q;			/* "" for none */
	const char *manufacturer;	/* "" for none */
	const char *sort_name;		/* NULL for the default */
	enum catalog_sort sort;
	int64_t     page;
};

/* url_of - path?q=..&sort=..&page=N of the view at page (1 leaves page out); a new string. */
static json_t *
url_of(const struct request *req, const struct listing_view *v, int64_t page, int with_sort)
{
	struct buf b = { 0 };
	json_t *s;
	char sep = '?';

	page_path(&b, req, v->at, v->category_slug);
	if (v->q[0]) {
		buf_printf(&b, "%cq=", sep);
		http_urlencode(&b, v->q);
		sep = '&';
	}
	if (v->manufacturer[0]) {
		buf_printf(&b, "%cmanufacturer=", sep);
		http_urlencode(&b, v->manufacturer);
		sep = '&';
	}
	if (with_sort && v->sort_name) {
		buf_printf(&b, "%csort=%s", sep, v->sort_name);
		sep = '&';
	}
	if (page > 1)
		buf_printf(&b, "%cpage=%lld", sep, (long long)page);
	s = json_stringn(b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

static json_t *
pagination(const struct request *req, const struct listing_view *v, int64_t pages)
{
	json_t *o, *list;
	int64_t i, last_shown = 0;

	if (pages <= 1)
		return NULL;
	o = json_object();
	list = json_array();
	json_object_set_new(o, "has_prev", json_boolean(v->page > 1));
	if (v->page > 1)
		json_object_set_new(o, "prev_url", url_of(req, v, v->page - 1, 1));
	json_object_set_new(o, "has_next", json_boolean(v->page < pages));
	if (v->page < pages)
		json_object_set_new(o, "next_url", url_of(req, v, v->page + 1, 1));
	for (i = 1; i <= pages; i++) {
		if (i != 1 && i != pages && (i < v->page - PAGINATION_AROUND || i > v->page + PAGINATION_AROUND))
			continue;
		if (last_shown && i > last_shown + 1)
			json_array_append_new(list, json_pack("{s:b}", "gap", 1));
		json_array_append_new(list, json_pack("{s:I, s:o, s:b}", "number", (json_int_t)i,
		    "url", url_of(req, v, i, 1), "current", i == v->page));
		last_shown = i;
	}
	json_object_set_new(o, "pages", list);
	return o;
}

/* parse_view_or_error - q, manufacturer, sort and page from the query string; replies 400/404 and returns -1 when bad. */
static int
parse_view_or_error(struct request *req, struct listing_view *v)
{
	const char *s;
	size_t i;

	v->q = request_param(req, "q");
	if (v->q == NULL)
		v->q = "";
	while (*v->q == ' ')
		v->q++;
	v->manufacturer = request_param(req, "manufacturer");
	if (v->manufacturer == NULL)
		v->manufacturer = "";
	while (*v->manufacturer == ' ')
		v->manufacturer++;
	if (strlen(v->q) > CATALOG_QUERY_MAX || strlen(v->manufacturer) > CATALOG_QUERY_MAX) {
		page_error(req, HTTP_BAD);
		return -1;
	}
	v->sort = CATALOG_SORT_NAME;
	if ((s = request_param(req, "sort")) != NULL && *s) {
		for (i = 0; i < sizeof(sorts) / sizeof(sorts[0]); i++)
			if (strcmp(s, sorts[i].name) == 0)
				break;
		if (i == sizeof(sorts) / sizeof(sorts[0])) {
			page_error(req, HTTP_BAD);
			return -1;
		}
		v->sort = sorts[i].sort;
		v->sort_name = i > 0 ? sorts[i].name : NULL;
	}
	v->page = 1;
	if ((s = request_param(req, "page")) != NULL) {
		int64_t n;

		/* not a page number: 400, never a page of its own (a page past the end is 404, later) */
		if (str_parse_int(s, CATALOG_PAGE_MAX, &n) != 0) {
			page_error(req, HTTP_BAD);
			return -1;
		}
		v->page = n;
	}
	return 0;
}

static void
mark_active(json_t *ctx, const char *slug)
{
	json_t *nav = json_object_get(ctx, "nav"), *c;
	size_t i;

	json_array_foreach(json_object_get(nav, "categories"), i, c)
		json_object_set_new(c, "active", json_boolean(strcmp(json_string_value(json_object_get(c, "slug")), slug) == 0));
}

static void
listing(struct request *req, json_t *ctx, struct listing_view *v)
{
	struct catalog_query q = {
		.category = v->category_slug, .search = v->q[0] ? v->q : NULL,
		.manufacturer = v->manufacturer[0] ? v->manufacturer : NULL, .sort = v->sort,
		.limit = CATALOG_PAGE_SIZE, .offset = (v->page - 1) * CATALOG_PAGE_SIZE,
	};
	struct product_list list = { 0 };
	json_t *products, *crumbs;
	char title[2048], desc[2048], label[64], scope[1024], brand[1024];
	const char *company = req->sf->company_name;
	int64_t pages;
	enum core_err er;
	size_t i;

	if ((er = catalog_storefront_list(req->db, req->sf->reseller_id, &q, &list)) != CORE_OK) {
		log_say("shelf-fcgi: catalog of %s: %s", req->sf->slug, core_strerror(er));
		json_decref(ctx);
		page_error(req, 500);
		return;
	}
	pages = (list.total + CATALOG_PAGE_SIZE - 1) / CATALOG_PAGE_SIZE;
	if (v->page > 1 && v->page > pages) {
		product_list_free(&list);
		json_decref(ctx);
		page_error(req, 404);
		return;
	}
	products = json_array();
	for (i = 0; i < list.n; i++)
		json_array_append_new(products, page_product_card(req, &list.items[i]));

	/*
	 * scope: what is listed before any search ("All products", "Security",
	 * "Microsoft products", "Microsoft products in Security"), named with
	 * the manufacturer as the catalog spells it when a product matched.
	 */
	brand[0] = '\0';
	if (v->manufacturer[0])
		snprintf(brand, sizeof(brand), "%s products", list.n > 0 ? list.items[0].manufacturer : v->manufacturer);
	if (brand[0] && v->category_name) {
		if (snprintf(scope, sizeof(scope), "%s in %s", brand, v->category_name) >= (int)sizeof(scope))
			scope[sizeof(scope) - 1] = '\0';	/* a cut heading, never an overflow */
	} else
		snprintf(scope, sizeof(scope), "%s", brand[0] ? brand : v->category_name ? v->category_name : "All products");
	if (v->q[0])
		snprintf(title, sizeof(title), "Search results for \xe2\x80\x9c%s\xe2\x80\x9d%s%s", v->q,
		    v->category_name || brand[0] ? " in " : "", v->category_name || brand[0] ? scope : "");
	else
		snprintf(title, sizeof(title), "%s", scope);
	if (v->category_name || brand[0])
		snprintf(desc, sizeof(desc), "%s: software licences and cloud services at %s.", scope, company);
	else
		snprintf(desc, sizeof(desc), "All software licences, cloud subscriptions and services at %s.", company);
	render_set(ctx, "catalog.heading", json_string(title));
	if (v->page > 1) {
		size_t n = strlen(title);

		snprintf(title + n, sizeof(title) - n, " \xe2\x80\x93 page %lld", (long long)v->page);
		n = strlen(desc);
		snprintf(desc + n, sizeof(desc) - n, " Page %lld.", (long long)v->page);
	}
	render_meta(ctx, req, title, desc, NULL, "website");
	{
		json_t *self = url_of(req, v, v->page, 0);

		render_set(ctx, "page.canonical_url", render_full_url(req, json_string_value(self)));
		json_decref(self);
	}
	if (v->q[0] || v->sort_name)
		render_set(ctx, "page.robots", json_string("noindex, follow"));

	snprintf(label, sizeof(label), "%lld product%s", (long long)list.total, list.total == 1 ? "" : "s");
	render_set(ctx, "catalog.query", json_string(v->q));
	render_set(ctx, "catalog.scope", json_string(scope));
	if (v->manufacturer[0])
		render_set(ctx, "catalog.manufacturer", json_string(v->manufacturer));
	render_set(ctx, "catalog.action", page_url(req, v->at, v->category_slug));
	render_set(ctx, "catalog.result_label", json_string(label));
	render_set(ctx, "catalog.is_all", json_boolean(v->category_slug == NULL && !v->q[0] && !v->manufacturer[0]));
	render_set(ctx, "catalog.empty", json_boolean(list.n == 0));
	render_set(ctx, "catalog.products", products);
	render_set(ctx, "catalog.pagination", pagination(req, v, pages));
	render_set(ctx, "nav.query", json_string(v->q));

	crumbs = json_array();
	json_array_append_new(crumbs, json_pack("{s:s, s:o}", "name", "Home", "url", page_url(req, PAGE_HOME)));
	json_array_append_new(crumbs, json_pack("{s:s, s:o, s:b}", "name", "All products", "url",
	    page_url(req, PAGE_CATALOG), "current", v->category_name == NULL && !brand[0]));
	if (v->category_name)
		json_array_append_new(crumbs, json_pack("{s:s, s:o, s:b}", "name", v->category_name,
		    "url", page_url(req, v->at, v->category_slug), "current", !brand[0]));
	if (brand[0]) {
		struct listing_view only = *v;

		only.q = "";
		only.sort_name = NULL;
		json_array_append_new(crumbs, json_pack("{s:s, s:o, s:b}", "name", brand,
		    "url", url_of(req, &only, 1, 0), "current", 1));
	}
	render_set(ctx, "breadcrumbs.items", crumbs);
	product_list_free(&list);
	page_render(req, 200, "catalog", ctx);
}

void
page_catalog(struct request *req, const char *arg)
{
	struct listing_view v = { .at = PAGE_CATALOG };
	json_t *ctx;

	if (parse_view_or_error(req, &v) != 0)
		return;
	if ((ctx = page_context(req, "catalog")) == NULL) {
		page_error(req, 500);
		return;
	}
	listing(req, ctx, &v);
}

void
page_category(struct request *req, const char *slug)
{
	struct listing_view v = { .at = PAGE_CATEGORY, .category_slug = slug };
	json_t *ctx, *c;
	size_t i;

	if (!http_is_slug(slug, 100)) {
		page_error(req, 404);
		return;
	}
	if (parse_view_or_error(req, &v) != 0)
		return;
	if ((ctx = page_context(req, "catalog")) == NULL) {
		page_error(req, 500);
		return;
	}
	/* the categories the storefront shows are in the nav already: no second query */
	json_array_foreach(json_object_get(json_object_get(ctx, "nav"), "categories"), i, c)
		if (strcmp(json_string_value(json_object_get(c, "slug")), slug) == 0)
			v.category_name = json_string_value(json_object_get(c, "name"));
	if (v.category_name == NULL) {
		json_decref(ctx);
		page_error(req, 404);
		return;
	}
	mark_active(ctx, slug);
	listing(req, ctx, &v);
}

/* redirect_keeping_query - 301 to page p (slug: its '*', if any) with the request's query string. */
static void
redirect_keeping_query(struct request *req, enum page p, const char *slug)
{
	const char *q = req->query_raw;
	struct buf tail = { 0 };

	/* the query was decoded strictly already; re-append it only when it is plain */
	if (*q && strpbrk(q, "\r\n \"<>") == NULL)
		buf_printf(&tail, "?%s", q);
	page_redirect(req, 301, p, tail.len ? buf_cstr(&tail) : NULL, slug);
	buf_free(&tail);
}

void
page_catalog_alias(struct request *req, const char *arg)
{
	redirect_keeping_query(req, PAGE_CATALOG, NULL);
}

void
page_category_alias(struct request *req, const char *slug)
{
	if (!http_is_slug(slug, 100)) {
		page_error(req, 404);
		return;
	}
	redirect_keeping_query(req, PAGE_CATEGORY, slug);
}
