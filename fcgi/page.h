/*
 * page.h - the pages of shelf-fcgi, one per file (page_*.c), reached
 * through the one table in server.c indexed by enum page.
 *
 * A handler gets the request, routed and checked (method allowed,
 * storefront online, form body parsed, cached copy missed), and arg:
 * the path segment its pattern captured ("" when none).  It replies
 * exactly once, through render_page / request_reply* / request_redirect
 * or page_error, and returns nothing: errors are answered where they
 * are found, by helpers like product_load_or_404.
 */
#ifndef SHELF_PAGE_H
#define SHELF_PAGE_H

#include "request.h"

enum page {
	PAGE_LIVEZ,		/* /livez: the process runs (no database) */
	PAGE_READYZ,		/* /readyz: the database answers */
	PAGE_HOME,		/* / */
	PAGE_CATALOG,		/* /catalog?q=&page=&sort= */
	PAGE_CATEGORY,		/* /category/SLUG */
	PAGE_PRODUCT,		/* /products/SLUG */
	PAGE_CATALOG_ALIAS,	/* /products -> 301 /catalog */
	PAGE_CATEGORY_ALIAS,	/* /categories/SLUG -> 301 /category/SLUG */
	PAGE_CONTACT,		/* /contact: GET form, POST message */
	PAGE_CONTACT_SENT,	/* /contact/sent: the confirmation */
	PAGE_SITEMAP,		/* /sitemap.xml */
	PAGE_ROBOTS,		/* /robots.txt */
	PAGE__MAX
};

typedef void (*page_fn)(struct request *req, const char *arg);

void page_livez(struct request *req, const char *arg);
void page_readyz(struct request *req, const char *arg);
void page_home(struct request *req, const char *arg);
void page_catalog(struct request *req, const char *arg);
void page_category(struct request *req, const char *arg);
void page_product(struct request *req, const char *arg);
void page_catalog_alias(struct request *req, const char *arg);
void page_category_alias(struct request *req, const char *arg);
void page_contact(struct request *req, const char *arg);
void page_contact_sent(struct request *req, const char *arg);
void page_sitemap(struct request *req, const char *arg);
void page_robots(struct request *req, const char *arg);

/*
 * page_error - the one error reply: the themed error page of the
 * request's storefront (or a minimal page in the default theme when
 * there is none) with status and a fixed, human message for it.  Never
 * shows internals; details belong in the log, written by the caller.
 * Falls back to plain text when even the error template fails.
 */
void page_error(struct request *req, int status);

#endif
