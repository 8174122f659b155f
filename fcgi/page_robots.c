/*
 * page_robots.c - /robots.txt: everything may be crawled except the
 * account and cart pages; names the sitemap.
 */
#include "page.h"
#include "reply.h"

void
page_robots(struct request *req, const char *arg)
{
	static const enum page private[] = { PAGE_ACCOUNT, PAGE_CART, PAGE_LOGIN };
	struct buf b = { 0 };
	size_t i;

	buf_puts(&b, "User-agent: *\n");
	for (i = 0; i < sizeof(private) / sizeof(private[0]); i++) {
		buf_puts(&b, "Disallow: ");
		page_path(&b, req, private[i]);
		buf_putc(&b, '\n');
	}
	buf_printf(&b, "Allow: /\n\nSitemap: %s", req->origin);
	page_path(&b, req, PAGE_SITEMAP);
	buf_putc(&b, '\n');
	reply_send(req, 200, "text/plain; charset=utf-8", b.data, b.len);
	buf_free(&b);
}
