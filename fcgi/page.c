/*
 * page.c - the page table: every page of shelf-fcgi with its path
 * pattern, methods, flags and handler, indexed by enum page.  The
 * dispatcher (server.c) matches a request against it; pages build their
 * links from it in reverse (page_url), so a path is spelled here and
 * nowhere else in fcgi/.  Also what every page's view starts from
 * (page_context) and how it ends (page_render).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "http.h"
#include "log.h"
#include "page.h"
#include "render.h"
#include "reply.h"
#include "sfcache.h"
#include "theme.h"

#define GET  (1u << HTTP_GET)
#define POST (1u << HTTP_POST)
#define SF    PAGE_F_STOREFRONT
#define PRIV  (PAGE_F_STOREFRONT | PAGE_F_PRIVATE)
#define LOGIN (PAGE_F_STOREFRONT | PAGE_F_PRIVATE | PAGE_F_LOGIN)

static const struct page_def pages[PAGE__MAX] = {
	[PAGE_LIVEZ]          = { "/livez", GET, PAGE_F_GLOBAL, page_livez, 0 },
	[PAGE_READYZ]         = { "/readyz", GET, PAGE_F_GLOBAL, page_readyz, 0 },
	[PAGE_HOME]           = { "/", GET, SF | PAGE_F_CACHE, page_home, 0 },
	[PAGE_CATALOG]        = { "/catalog", GET, SF | PAGE_F_CACHE, page_catalog, 0 },
	[PAGE_CATEGORY]       = { "/category/*", GET, SF | PAGE_F_CACHE, page_category, 0 },
	[PAGE_PRODUCT]        = { "/products/*", GET, SF | PAGE_F_CACHE, page_product, 0 },
	[PAGE_CATALOG_ALIAS]  = { "/products", GET, SF, page_catalog_alias, 0 },
	[PAGE_CATEGORY_ALIAS] = { "/categories/*", GET, SF, page_category_alias, 0 },
	[PAGE_CONTACT]        = { "/contact", GET | POST, SF | PAGE_F_CACHE | PAGE_F_OWN_CSRF, page_contact, 0 },
	[PAGE_CONTACT_SENT]   = { "/contact/sent", GET, SF | PAGE_F_CACHE, page_contact_sent, 0 },
	[PAGE_SITEMAP]        = { "/sitemap.xml", GET, SF | PAGE_F_CACHE, page_sitemap, 0 },
	[PAGE_ROBOTS]         = { "/robots.txt", GET, SF | PAGE_F_CACHE, page_robots, 0 },
	[PAGE_LOGIN]          = { "/login", GET | POST, PRIV, page_login, 0 },
	[PAGE_LOGOUT]         = { "/logout", POST, PRIV, page_logout, 0 },
	[PAGE_RESET_REQUEST]  = { "/reset-password", GET | POST, PRIV, page_reset_request, 0 },
	[PAGE_RESET]          = { "/reset", GET | POST, PRIV, page_reset, 0 },
	[PAGE_CART]           = { "/cart", GET, PRIV, page_cart, 0 },
	[PAGE_CART_ADD]       = { "/cart/add", POST, PRIV, page_cart_add, 0 },
	[PAGE_CART_UPDATE]    = { "/cart/update", POST, PRIV, page_cart_update, 0 },
	[PAGE_CART_REMOVE]    = { "/cart/remove", POST, PRIV, page_cart_remove, 0 },
	[PAGE_CHECKOUT]       = { "/checkout", POST, LOGIN, page_checkout, PAGE_CART },
	[PAGE_ACCOUNT]        = { "/account", GET, LOGIN, page_account, 0 },
	[PAGE_ORDERS]         = { "/account/orders", GET, LOGIN, page_orders, 0 },
	[PAGE_ORDER]          = { "/account/orders/#", GET, LOGIN, page_order, 0 },
	[PAGE_ORDER_CANCEL]   = { "/account/orders/#/cancel", POST, LOGIN, page_order_cancel, PAGE_ORDERS },
	[PAGE_SUBSCRIPTIONS]  = { "/account/subscriptions", GET, LOGIN, page_subscriptions, 0 },
	[PAGE_ASSETS]         = { "/account/assets", GET, LOGIN, page_assets, 0 },
	[PAGE_SUBSCRIPTION]   = { "/account/subscriptions/#", GET, LOGIN, page_subscription, 0 },
	[PAGE_SUB_QUANTITY]   = { "/account/subscriptions/#/quantity", POST, LOGIN, page_sub_quantity, PAGE_SUBSCRIPTIONS },
	[PAGE_SUB_CANCEL]     = { "/account/subscriptions/#/cancel", POST, LOGIN, page_sub_cancel, PAGE_SUBSCRIPTIONS },
	[PAGE_SUB_CONVERT]    = { "/account/subscriptions/#/convert", POST, LOGIN, page_sub_convert, PAGE_SUBSCRIPTIONS },
	[PAGE_TRIAL]          = { "/trials", POST, LOGIN, page_trial, PAGE_CATALOG },
	[PAGE_USAGE_INDEX]    = { "/account/usage", GET, LOGIN, page_usage_index, 0 },
	[PAGE_USAGE]          = { "/account/subscriptions/#/usage", GET, LOGIN, page_usage, 0 },
	[PAGE_USAGE_SVG]      = { "/account/subscriptions/#/usage.svg", GET, LOGIN, page_usage_svg, 0 },
	[PAGE_M365]           = { "/account/m365", GET | POST, LOGIN, page_m365, PAGE_M365 },
	[PAGE_M365_USER]      = { "/account/m365/users/#", GET | POST, LOGIN, page_m365_user, PAGE_M365 },
	[PAGE_M365_ENABLE]    = { "/account/m365/enable", POST, LOGIN, page_m365_enable, PAGE_M365 },
	[PAGE_M365_ASSIGN]    = { "/account/m365/assign", POST, LOGIN, page_m365_assign, PAGE_M365 },
	[PAGE_M365_UNASSIGN]  = { "/account/m365/unassign", POST, LOGIN, page_m365_unassign, PAGE_M365 },
	[PAGE_PROFILE]        = { "/account/profile", GET | POST, LOGIN, page_profile, PAGE_PROFILE },
	[PAGE_PASSWORD]       = { "/account/password", POST, LOGIN, page_password, PAGE_PROFILE },
	[PAGE_USERS_INVITE]   = { "/account/users", POST, LOGIN, page_users_invite, PAGE_PROFILE },
	[PAGE_USER_ACTIVE]    = { "/account/users/#/active", POST, LOGIN, page_user_active, PAGE_PROFILE },
};

/* The links every page's context carries (urls.* of themes/README.md), by page. */
static const struct {
	const char *name;
	enum page   page;
} url_names[] = {
	{ "home", PAGE_HOME },
	{ "catalog", PAGE_CATALOG },
	{ "search", PAGE_CATALOG },
	{ "cart", PAGE_CART },
	{ "login", PAGE_LOGIN },
	{ "logout", PAGE_LOGOUT },
	{ "account", PAGE_ACCOUNT },
	{ "orders", PAGE_ORDERS },
	{ "subscriptions", PAGE_SUBSCRIPTIONS },
	{ "usage", PAGE_USAGE_INDEX },
	{ "m365", PAGE_M365 },
	{ "profile", PAGE_PROFILE },
	{ "contact", PAGE_CONTACT },
	{ "sitemap", PAGE_SITEMAP },
};

const struct page_def *
page_def(enum page p)
{
	return &pages[p];
}

/*
 * The query parameters each cacheable page reads (request_param), the only
 * ones in its cache key: the others (utm_*, fbclid, a random v=) change
 * nothing it renders, so they neither make nor miss a cache entry.
 */
static const char *const cache_params[PAGE__MAX] = {
	[PAGE_CATALOG]  = "q manufacturer sort page",
	[PAGE_CATEGORY] = "q manufacturer sort page",
};

const char *
page_cache_params(enum page p)
{
	return p < PAGE__MAX && cache_params[p] != NULL ? cache_params[p] : "";
}

/* pattern_match - path against pattern; a '*' or '#' takes one non-empty segment, put in *arg. */
static int
pattern_match(const char *pattern, const char *path, const char **arg)
{
	const char *p = pattern, *q = path;

	*arg = "";
	while (*p) {
		if (*p == '*' || *p == '#') {
			if (*q == '\0' || *q == '/')
				return 0;
			*arg = q;
			while (*q && *q != '/')
				q++;
			p++;
			continue;
		}
		if (*p++ != *q++)
			return 0;
	}
	return *q == '\0';
}

int
page_match(const char *path, unsigned scope, char *argbuf, size_t n, const char **arg)
{
	const char *slash;
	int i;

	for (i = 0; i < PAGE__MAX; i++) {
		if (!(pages[i].flags & scope) || !pattern_match(pages[i].pattern, path, arg))
			continue;
		if (**arg && (slash = strchr(*arg, '/')) != NULL) {
			size_t len = (size_t)(slash - *arg);

			if (len >= n)
				return -1;
			memcpy(argbuf, *arg, len);
			argbuf[len] = '\0';
			*arg = argbuf;
		}
		return i;
	}
	return -1;
}

/* page_vpath - page_path with a va_list. */
static void
page_vpath(struct buf *b, const struct request *req, enum page p, va_list ap)
{
	const char *s;

	buf_puts(b, req->base_path);
	for (s = pages[p].pattern; *s; s++) {
		if (*s == '*')
			buf_puts(b, va_arg(ap, const char *));
		else if (*s == '#')
			buf_printf(b, "%lld", (long long)va_arg(ap, int64_t));
		else
			buf_putc(b, *s);
	}
}

void
page_path(struct buf *b, const struct request *req, enum page p, ...)
{
	va_list ap;

	va_start(ap, p);
	page_vpath(b, req, p, ap);
	va_end(ap);
}

/* str_of - b as a new JSON string, b released. */
static json_t *
str_of(struct buf *b)
{
	json_t *s = json_stringn(b->data ? b->data : "", b->len);

	buf_free(b);
	return s;
}

json_t *
page_url(const struct request *req, enum page p, ...)
{
	struct buf b = { 0 };
	va_list ap;

	va_start(ap, p);
	page_vpath(&b, req, p, ap);
	va_end(ap);
	return str_of(&b);
}

json_t *
page_abs(const struct request *req, enum page p, ...)
{
	struct buf b = { 0 };
	va_list ap;

	buf_puts(&b, req->origin);
	va_start(ap, p);
	page_vpath(&b, req, p, ap);
	va_end(ap);
	return str_of(&b);
}

void
page_redirect(struct request *req, int status, enum page p, const char *tail, ...)
{
	struct buf b = { 0 };
	va_list ap;

	va_start(ap, tail);
	page_vpath(&b, req, p, ap);
	va_end(ap);
	if (tail != NULL)
		buf_puts(&b, tail);
	request_redirect(req, status, buf_cstr(&b));
	buf_free(&b);
}

json_t *
page_login_url(const struct request *req, enum page next, ...)
{
	struct buf b = { 0 }, back = { 0 };
	va_list ap;

	va_start(ap, next);
	page_vpath(&back, req, next, ap);
	va_end(ap);
	page_path(&b, req, PAGE_LOGIN);
	buf_puts(&b, "?next=");
	http_urlencode(&b, buf_cstr(&back));
	buf_free(&back);
	return str_of(&b);
}

static int
has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

json_t *
page_link(const struct request *req, const char *url)
{
	struct buf b = { 0 }, path = { 0 };
	char argbuf[128];
	const char *arg, *q;
	int p;

	if (url == NULL || *url == '\0')
		return NULL;
	if (url[0] == '/' && url[1] != '/' && url[1] != '\\') {
		/* the old catalog addresses resellers may have typed: link straight to the new ones */
		q = url + strcspn(url, "?#");
		buf_append(&path, url, (size_t)(q - url));
		p = page_match(buf_cstr(&path), PAGE_F_STOREFRONT, argbuf, sizeof(argbuf), &arg);
		if (p == PAGE_CATALOG_ALIAS)
			page_path(&b, req, PAGE_CATALOG);
		else if (p == PAGE_CATEGORY_ALIAS)
			page_path(&b, req, PAGE_CATEGORY, arg);
		else {
			buf_puts(&b, req->base_path);
			q = url;
		}
		buf_puts(&b, q);
		buf_free(&path);
		return str_of(&b);
	}
	if (url[0] == '#' || has_prefix(url, "https://") || has_prefix(url, "http://") ||
	    has_prefix(url, "mailto:") || has_prefix(url, "tel:"))
		return json_string(url);
	return NULL;
}

json_t *
page_context(struct request *req, const char *page_id)
{
	json_t *urls = json_object(), *cats = json_array(), *c;
	const struct category_list *list;
	size_t i;

	/* read here, once per version of the storefront: a page the cache answers never needs them */
	if (req->categories == NULL && req->sf != NULL && req->sfc != NULL)
		req->categories = sfcache_categories(req->sfc, req->db, req->sf);
	list = req->categories;

	if (urls == NULL || cats == NULL) {
		json_decref(urls);
		json_decref(cats);
		return NULL;
	}
	for (i = 0; i < sizeof(url_names) / sizeof(url_names[0]); i++)
		json_object_set_new(urls, url_names[i].name, page_url(req, url_names[i].page));
	for (i = 0; req->sf != NULL && list != NULL && i < list->n; i++) {
		c = json_pack("{s:s, s:s, s:o, s:b, s:I}", "name", list->items[i].name,
		    "slug", list->items[i].slug, "url", page_url(req, PAGE_CATEGORY, list->items[i].slug),
		    "active", 0, "count", (json_int_t)list->items[i].products);
		if (c != NULL)
			json_array_append_new(cats, c);
	}
	return render_context(req, page_id, urls, cats);
}

json_t *
page_product_card(const struct request *req, const struct product *p)
{
	return render_product_card(req, p, page_url(req, PAGE_PRODUCT, p->slug));
}

enum core_err
page_html(struct request *req, const char *tpl, json_t *ctx, struct buf *out)
{
	struct mustache_error err;
	enum core_err er;

	er = ctx == NULL ? CORE_ENOMEM : render_template(req, tpl, ctx, out, &err);
	json_decref(ctx);
	if (er == CORE_OK)
		return CORE_OK;
	if (er == CORE_ENOMEM || req->theme == NULL)
		log_say("shelf-fcgi: %s: %s", tpl, core_strerror(er));
	else
		log_say("shelf-fcgi: theme %s: template %s: %s:%d:%d: %s", req->theme->name, tpl,
		    err.name, err.line, err.column, err.message);
	buf_free(out);
	return er;
}

void
page_render(struct request *req, int status, const char *tpl, json_t *ctx)
{
	struct buf out = { 0 };

	if (page_html(req, tpl, ctx, &out) != CORE_OK) {
		page_error(req, 500);
		return;
	}
	reply_send(req, status, "text/html; charset=utf-8", out.data ? out.data : "", out.len);
	buf_free(&out);
}
