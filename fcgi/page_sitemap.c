/*
 * page_sitemap.c - /sitemap.xml: every public page of the storefront
 * (home, catalog, each category with listed products, each listed
 * product, contact) as a sitemaps.org urlset.  The one hand-written
 * markup in fcgi/: every URL goes through xml_text.
 */
#include <stdio.h>
#include <string.h>
#include "catalog.h"
#include "log.h"
#include "page.h"
#include "reply.h"

#define SITEMAP_URLS_MAX 50000		/* the protocol's limit per file */

/* xml_text - s escaped for XML character data and attribute values. */
static void
xml_text(struct buf *b, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&apos;"); break;
		default: buf_putc(b, *s);
		}
}

/* url - the <url> of page p (slug: its '*', if it has one) */
static void
url(struct buf *b, const struct request *req, enum page p, const char *slug)
{
	struct buf u = { 0 };

	buf_puts(&u, req->origin);
	page_path(&u, req, p, slug);
	buf_puts(b, "<url><loc>");
	xml_text(b, buf_cstr(&u));
	buf_puts(b, "</loc></url>\n");
	buf_free(&u);
}

void
page_sitemap(struct request *req, const char *arg)
{
	struct catalog_query q = { .sort = CATALOG_SORT_NAME, .limit = CATALOG_LIMIT_MAX };
	struct category_list cats = { 0 };
	struct product_list list = { 0 };
	struct buf b = { 0 };
	enum core_err er;
	size_t i, n = 0;

	if ((er = catalog_storefront_categories(req->db, req->sf->reseller_id, &cats)) != CORE_OK)
		goto fail;
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	url(&b, req, PAGE_HOME, NULL);
	url(&b, req, PAGE_CATALOG, NULL);
	for (i = 0; i < cats.n; i++)
		url(&b, req, PAGE_CATEGORY, cats.items[i].slug);
	/* paged in the database, CATALOG_LIMIT_MAX at a time */
	do {
		product_list_free(&list);
		if ((er = catalog_storefront_list(req->db, req->sf->reseller_id, &q, &list)) != CORE_OK)
			goto fail;
		for (i = 0; i < list.n && n < SITEMAP_URLS_MAX - 16; i++, n++)
			url(&b, req, PAGE_PRODUCT, list.items[i].slug);
		q.offset += CATALOG_LIMIT_MAX;
	} while (list.n == CATALOG_LIMIT_MAX && q.offset < list.total && n < SITEMAP_URLS_MAX - 16);
	url(&b, req, PAGE_CONTACT, NULL);
	buf_puts(&b, "</urlset>\n");
	reply_send(req, 200, "application/xml; charset=utf-8", b.data, b.len);
	goto out;
fail:
	log_say("shelf-fcgi: sitemap of %s: %s", req->sf->slug, core_strerror(er));
	page_error(req, 500);
out:
	product_list_free(&list);
	category_list_free(&cats);
	buf_free(&b);
}
