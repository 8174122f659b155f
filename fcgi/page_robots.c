/*
 * page_robots.c - /robots.txt: everything may be crawled except the
 * account and cart pages; names the sitemap.
 */
#include "page.h"
#include "render.h"

void
page_robots(struct request *req, const char *arg)
{
	struct buf b = { 0 };

	buf_printf(&b, "User-agent: *\nDisallow: %s/account\nDisallow: %s/cart\nDisallow: %s/login\n"
	    "Allow: /\n\nSitemap: %s%s/sitemap.xml\n", req->base_path, req->base_path, req->base_path,
	    req->origin, req->base_path);
	render_send_cacheable(req, "text/plain; charset=utf-8", b.data, b.len);
	buf_free(&b);
}
