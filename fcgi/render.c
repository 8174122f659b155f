#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cart.h"
#include "catalog.h"
#include "csrf.h"
#include "money.h"
#include "page.h"
#include "render.h"
#include "server.h"
#include "theme.h"

#define NAV_FEATURED_CATEGORIES 4

static json_t *
str_of(const struct buf *b)
{
	return json_stringn(b->data ? b->data : "", b->len);
}

json_t *
render_path(const struct request *req, const char *path)
{
	struct buf b = { 0 };
	json_t *s;

	buf_puts(&b, req->base_path);
	buf_puts(&b, path);
	s = str_of(&b);
	buf_free(&b);
	return s;
}

json_t *
render_abs(const struct request *req, const char *path)
{
	struct buf b = { 0 };
	json_t *s;

	buf_puts(&b, req->origin);
	buf_puts(&b, req->base_path);
	buf_puts(&b, path);
	s = str_of(&b);
	buf_free(&b);
	return s;
}

json_t *
render_full_url(const struct request *req, const char *url)
{
	struct buf b = { 0 };
	json_t *s;

	if (url[0] != '/')
		return json_string(url);
	buf_puts(&b, req->origin);
	buf_puts(&b, url);
	s = str_of(&b);
	buf_free(&b);
	return s;
}

static int
has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

json_t *
render_link(const struct request *req, const char *url)
{
	if (url == NULL || *url == '\0')
		return NULL;
	if (url[0] == '/' && url[1] != '/' && url[1] != '\\') {
		/* the old catalog addresses resellers may have typed: link straight to the new ones */
		struct buf b = { 0 };
		json_t *s;

		if (strcmp(url, "/products") == 0 || has_prefix(url, "/products?"))
			buf_printf(&b, "/catalog%s", url + 9);
		else if (has_prefix(url, "/categories/"))
			buf_printf(&b, "/category/%s", url + 12);
		else
			buf_puts(&b, url);
		s = render_path(req, buf_cstr(&b));
		buf_free(&b);
		return s;
	}
	if (url[0] == '#' || has_prefix(url, "https://") || has_prefix(url, "http://") ||
	    has_prefix(url, "mailto:") || has_prefix(url, "tel:"))
		return json_string(url);
	return NULL;
}

json_t *
render_image(const struct request *req, const char *url)
{
	struct buf b = { 0 };
	json_t *s;
	const char *p;

	if (url == NULL || *url == '\0')
		return NULL;
	if ((url[0] == '/' && url[1] != '/' && url[1] != '\\') || has_prefix(url, "https://"))
		return json_string(url);
	/* a theme asset named relative to assets/: images/hero.svg */
	if (strstr(url, "..") != NULL || req->theme == NULL)
		return NULL;
	for (p = url; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '/' || *p == '-' || *p == '_' || *p == '.'))
			return NULL;
	buf_printf(&b, "%s/%s", req->theme->asset_base, url);
	s = str_of(&b);
	buf_free(&b);
	return s;
}

void
render_set(json_t *ctx, const char *path, json_t *value)
{
	char key[64];
	const char *dot;
	json_t *o = ctx, *next;
	size_t n;

	if (value == NULL)
		return;
	while ((dot = strchr(path, '.')) != NULL) {
		n = (size_t)(dot - path);
		if (n >= sizeof(key))
			n = sizeof(key) - 1;
		memcpy(key, path, n);
		key[n] = '\0';
		if ((next = json_object_get(o, key)) == NULL || !json_is_object(next)) {
			next = json_object();
			json_object_set_new(o, key, next);
		}
		o = next;
		path = dot + 1;
	}
	json_object_set_new(o, path, value);
}

static json_t *
lines_of(const char *text)
{
	json_t *a = json_array();
	const char *p = text, *nl;
	size_t n;

	while (*p) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (n > 0)
			json_array_append_new(a, json_stringn(p, n));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return a;
}

json_t *
render_paragraphs(const char *text)
{
	json_t *paras = json_array(), *lines = NULL;
	const char *p = text ? text : "", *nl;
	size_t n;

	while (*p) {
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		if (n == 0)
			lines = NULL;	/* a blank line ends the paragraph */
		else {
			if (lines == NULL) {
				lines = json_array();
				json_array_append_new(paras, json_pack("{s:o}", "lines", lines));
			}
			json_array_append_new(lines, json_pack("{s:s%, s:b}", "text", p, n,
			    "br", json_array_size(lines) > 0));
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return paras;
}

static json_t *
site_of(struct request *req)
{
	const struct storefront *sf = req->sf;
	json_t *site = json_object(), *contact = json_object();
	char year[8];

	snprintf(year, sizeof(year), "%d", req->year);
	json_object_set_new(site, "lang", json_string("en"));
	json_object_set_new(site, "year", json_string(year));
	json_object_set_new(site, "theme", json_string(req->theme ? req->theme->name : THEME_DEFAULT));
	json_object_set_new(site, "skin", json_string(req->skin));
	json_object_set_new(site, "asset_base", json_string(req->theme ? req->theme->asset_base : ""));
	json_object_set_new(site, "base_url", render_abs(req, ""));
	if (req->sf == NULL) {
		json_object_set_new(site, "name", json_string("Shelf"));
		json_object_set_new(site, "contact", contact);
		return site;
	}
	json_object_set_new(site, "name", json_string(sf->company_name));
	json_object_set_new(site, "slug", json_string(sf->slug));
	if (sf->analytics_id[0] && storefront_analytics_valid(sf->analytics_id))
		json_object_set_new(site, "analytics_id", json_string(sf->analytics_id));
	render_set(site, "logo_url", render_image(req, sf->logo_url));
	if (sf->contact_email[0])
		json_object_set_new(contact, "email", json_string(sf->contact_email));
	if (sf->contact_phone[0])
		json_object_set_new(contact, "phone", json_string(sf->contact_phone));
	if (sf->contact_address[0])
		json_object_set_new(contact, "address_lines", lines_of(sf->contact_address));
	json_object_set_new(site, "contact", contact);
	json_object_set_new(site, "contact_form_enabled", json_boolean(sf->contact_form_enabled));
	return site;
}

static const struct {
	const char *key;
	const char *path;
} url_table[] = {
	{ "home", "/" },
	{ "catalog", "/catalog" },
	{ "search", "/catalog" },
	{ "cart", "/cart" },
	{ "login", "/login" },
	{ "logout", "/logout" },
	{ "account", "/account" },
	{ "orders", "/account/orders" },
	{ "subscriptions", "/account/subscriptions" },
	{ "usage", "/account/usage" },
	{ "m365", "/account/m365" },
	{ "profile", "/account/profile" },
	{ "contact", "/contact" },
	{ "sitemap", "/sitemap.xml" },
};

static json_t *
nav_of(struct request *req)
{
	json_t *nav = json_object(), *cats = json_array(), *featured = json_array(), *c;
	const struct category_list *list = NULL;
	struct buf path = { 0 };
	size_t i;

	json_object_set_new(nav, "logged_in", json_boolean(req->logged_in));
	if (req->logged_in)
		render_set(nav, "user.name", json_string(req->actor.name));
	{
		struct cart cart;
		int https = req->srv != NULL && req->srv->cfg.https;

		cart_parse(&cart, request_cookie(req, cart_cookie_name(https)));
		json_object_set_new(nav, "cart_count", json_integer((json_int_t)cart.n));
	}
	json_object_set_new(nav, "query", json_string(""));
	if (req->sf != NULL && (list = server_categories(req->srv, req->sf)) != NULL) {
		for (i = 0; i < list->n; i++) {
			buf_reset(&path);
			buf_puts(&path, "/category/");
			buf_puts(&path, list->items[i].slug);
			c = json_pack("{s:s, s:s, s:o, s:b, s:I}", "name", list->items[i].name,
			    "slug", list->items[i].slug, "url", render_path(req, buf_cstr(&path)),
			    "active", 0, "count", (json_int_t)list->items[i].products);
			if (c == NULL)
				continue;
			if (i < NAV_FEATURED_CATEGORIES)
				json_array_append(featured, c);
			json_array_append_new(cats, c);
		}
	}
	buf_free(&path);
	json_object_set_new(nav, "has_categories", json_boolean(json_array_size(cats) > 0));
	json_object_set_new(nav, "categories", cats);
	json_object_set_new(nav, "featured_categories", featured);
	return nav;
}

json_t *
render_context(struct request *req, const char *page_id)
{
	json_t *ctx = json_object(), *urls = json_object();
	size_t i;

	if (ctx == NULL || urls == NULL) {
		json_decref(ctx);
		json_decref(urls);
		return NULL;
	}
	for (i = 0; i < sizeof(url_table) / sizeof(url_table[0]); i++)
		json_object_set_new(urls, url_table[i].key, render_path(req, url_table[i].path));
	json_object_set_new(ctx, "site", site_of(req));
	json_object_set_new(ctx, "urls", urls);
	json_object_set_new(ctx, "nav", nav_of(req));
	json_object_set_new(ctx, "flash", json_array());
	json_object_set_new(ctx, "csrf_token", json_string(req->logged_in ? req->session_csrf : CSRF_PLACEHOLDER));
	render_set(ctx, "page.id", json_string(page_id));
	render_set(ctx, "page.og_type", json_string("website"));
	{
		char key[64];

		snprintf(key, sizeof(key), "page.active.%s", page_id);
		render_set(ctx, key, json_true());
	}
	return ctx;
}

/* cut - s limited to max bytes at a UTF-8 boundary, with an ellipsis when cut; a new string. */
static json_t *
cut(const char *s, size_t max)
{
	size_t n = strlen(s);
	struct buf b = { 0 };
	json_t *j;

	if (n <= max)
		return json_string(s);
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	buf_append(&b, s, n);
	buf_puts(&b, "\xe2\x80\xa6");
	j = str_of(&b);
	buf_free(&b);
	return j;
}

void
render_meta(json_t *ctx, const struct request *req, const char *title, const char *description,
    const char *canonical_path, const char *og_type)
{
	render_set(ctx, "page.title", json_string(title));
	render_set(ctx, "page.description", cut(description, 300));
	if (canonical_path != NULL)
		render_set(ctx, "page.canonical_url", render_abs(req, canonical_path));
	render_set(ctx, "page.og_type", json_string(og_type ? og_type : "website"));
}

void
render_json_ld(json_t *ctx, json_t *data)
{
	char *text, *p;
	struct buf b = { 0 };

	if (data == NULL)
		return;
	text = json_dumps(data, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(data);
	if (text == NULL)
		return;
	for (p = text; *p; p++) {
		if (*p == '<')
			buf_puts(&b, "\\u003c");
		else if (*p == '>')
			buf_puts(&b, "\\u003e");
		else if (*p == '&')
			buf_puts(&b, "\\u0026");
		else
			buf_putc(&b, *p);
	}
	free(text);
	render_set(ctx, "page.json_ld", str_of(&b));
	buf_free(&b);
}

void
render_price_decimal(int64_t amount, const char *currency, char *out, size_t n)
{
	int d = money_decimals(currency), i;
	uint64_t scale = 1, a;
	const char *sign = "";

	for (i = 0; i < d; i++)
		scale *= 10;
	if (amount < 0) {
		sign = "-";
		a = (uint64_t)0 - (uint64_t)amount;
	} else
		a = (uint64_t)amount;
	if (d == 0)
		snprintf(out, n, "%s%llu", sign, (unsigned long long)a);
	else
		snprintf(out, n, "%s%llu.%0*llu", sign, (unsigned long long)(a / scale), d,
		    (unsigned long long)(a % scale));
}

json_t *
render_product_card(const struct request *req, const struct product *p)
{
	json_t *o = product_to_json(p), *img;
	struct buf path = { 0 };

	if (o == NULL)
		return NULL;
	buf_puts(&path, "/products/");
	buf_puts(&path, p->slug);
	json_object_set_new(o, "url", render_path(req, buf_cstr(&path)));
	buf_free(&path);
	if ((img = render_image(req, p->image_url)) == NULL && req->theme && req->theme->placeholder[0])
		img = json_string(req->theme->placeholder);
	if (img != NULL)
		json_object_set_new(o, "image", img);
	json_object_set_new(o, "image_alt", json_string(p->name));
	json_object_set_new(o, "has_trial", json_boolean(p->trial_days > 0));
	if (p->type == PRODUCT_USAGE && p->price == 0) {
		json_object_set_new(o, "price", json_string("Pay as you go"));
		json_object_del(o, "period_label");
	}
	return o;
}

void
render_csrf(struct request *req, char tok[CSRF_TOKEN_LEN + 1])
{
	int https = req->srv != NULL && req->srv->cfg.https;
	const char *name = csrf_cookie_name(https), *have = request_cookie(req, name);

	if (csrf_valid(have)) {
		memcpy(tok, have, CSRF_TOKEN_LEN + 1);
		return;
	}
	if (csrf_new(tok) != 0) {
		tok[0] = '\0';
		return;
	}
	request_header(req, "Set-Cookie: %s=%s; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax%s", name, tok,
	    https ? "; Secure" : "");
}

#define BODY_F_CSRF 0x01	/* cache_entry flags: the body holds CSRF_PLACEHOLDER */

/* body_flags - what reply_page needs to know of body, found once when it is cached. */
static int
body_flags(const char *body, size_t len)
{
	static const char ph[] = CSRF_PLACEHOLDER;

	return memmem(body, len, ph, sizeof(ph) - 1) != NULL ? BODY_F_CSRF : 0;
}

/*
 * reply_page - send body with every CSRF_PLACEHOLDER replaced by the
 * browser's token (flags: body_flags of body).  A page with a form is
 * personal from then on: a shared cache must not keep it (private), the
 * browser may.
 */
static void
reply_page(struct request *req, int status, const char *ctype, const char *body, size_t len,
    const char *cache_control, int flags)
{
	static const char ph[] = CSRF_PLACEHOLDER;
	char tok[CSRF_TOKEN_LEN + 1];
	struct buf out = { 0 };
	const char *p, *at;

	if (!(flags & BODY_F_CSRF) || (at = memmem(body, len, ph, sizeof(ph) - 1)) == NULL) {
		request_header(req, "Cache-Control: %s", cache_control);
		request_reply(req, status, ctype, body, len);
		return;
	}
	render_csrf(req, tok);
	for (p = body; at != NULL; at = memmem(p, len - (size_t)(p - body), ph, sizeof(ph) - 1)) {
		buf_append(&out, p, (size_t)(at - p));
		buf_puts(&out, tok);
		p = at + sizeof(ph) - 1;
	}
	buf_append(&out, p, len - (size_t)(p - body));
	request_header(req, "Cache-Control: %s", strncmp(cache_control, "public", 6) == 0 ?
	    "private, no-cache" : cache_control);
	request_reply(req, status, ctype, out.data ? out.data : "", out.len);
	buf_free(&out);
}

int
render_cache_begin(struct request *req)
{
	const struct cache_entry *e;
	unsigned long long h;

	if (req->sf == NULL || req->method == HTTP_POST)
		return 0;
	buf_reset(&req->cache_key);
	buf_printf(&req->cache_key, "%lld|%lld|%s|%s|%d|%s%s|%s?%s", (long long)req->sf->reseller_id,
	    (long long)req->sf->version, req->theme ? req->theme->hash : "", req->skin, req->year,
	    req->origin, req->base_path, req->path, req->query_raw);
	h = theme_fnv(THEME_FNV_INIT, req->cache_key.data, req->cache_key.len);
	snprintf(req->etag, sizeof(req->etag), "\"%016llx\"", h);
	if (http_etag_match(req->if_none_match, req->etag)) {
		request_header(req, "ETag: %s", req->etag);
		request_header(req, "Cache-Control: public, no-cache");
		request_not_modified(req);
		return 1;
	}
	if (req->srv != NULL && req->srv->cache != NULL &&
	    (e = cache_get(req->srv->cache, buf_cstr(&req->cache_key))) != NULL) {
		request_header(req, "ETag: %s", e->etag);
		reply_page(req, e->status, e->ctype, e->body, e->len, "public, no-cache", e->flags);
		return 1;
	}
	return 0;
}

static void
send_public(struct request *req, int status, const char *ctype, const char *body, size_t len)
{
	int flags = body_flags(body, len);

	if (req->cache_key.len > 0 && status == 200) {
		request_header(req, "ETag: %s", req->etag);
		if (req->srv != NULL && req->srv->cache != NULL)
			cache_put(req->srv->cache, buf_cstr(&req->cache_key), status, ctype, req->etag, body, len,
			    flags);
		reply_page(req, status, ctype, body, len, "public, no-cache", flags);
	} else
		reply_page(req, status, ctype, body, len, req->personal ? "private, no-store" : "no-store", flags);
}

void
render_page(struct request *req, int status, const char *tpl, json_t *ctx)
{
	struct buf out = { 0 };
	struct mustache_error err;
	enum core_err er;

	if (ctx == NULL)
		er = CORE_ENOMEM;
	else if (req->theme == NULL)
		er = CORE_TEMPLATE;
	else
		er = theme_render(req->theme, tpl, ctx, &out, &err);
	json_decref(ctx);
	if (er != CORE_OK) {
		if (er == CORE_ENOMEM || req->theme == NULL)
			fprintf(stderr, "shelf-fcgi: %s: %s\n", tpl, core_strerror(er));
		else
			fprintf(stderr, "shelf-fcgi: theme %s: template %s: %s:%d:%d: %s\n", req->theme->name,
			    tpl, err.name, err.line, err.column, err.message);
		buf_free(&out);
		if (strcmp(tpl, "error") == 0) {
			request_header(req, "Cache-Control: no-store");
			request_reply_text(req, status >= 400 ? status : 500, request_reason(status >= 400 ? status : 500));
		} else
			page_error(req, 500);
		return;
	}
	send_public(req, status, "text/html; charset=utf-8", out.data ? out.data : "", out.len);
	buf_free(&out);
}

void
render_send_cacheable(struct request *req, const char *ctype, const char *body, size_t len)
{
	send_public(req, 200, ctype, body, len);
}

void
render_date(const char *s, char *out, size_t n)
{
	static const char *const months[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
	    "Sep", "Oct", "Nov", "Dec" };
	int y, m, d;

	if (s == NULL || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) {
		snprintf(out, n, "%s", s ? s : "");
		return;
	}
	snprintf(out, n, "%d %s %d", d, months[m - 1], y);
}

json_t *
render_date_json(const char *s)
{
	char out[32];

	if (s == NULL || *s == '\0')
		return NULL;
	render_date(s, out, sizeof(out));
	return json_string(out);
}

void
render_flash(json_t *ctx, const char *kind, const char *text)
{
	json_t *flash = json_object_get(ctx, "flash");

	if (flash == NULL || text == NULL || *text == '\0')
		return;
	json_array_append_new(flash, json_pack("{s:s, s:b, s:b, s:b, s:b, s:s}", "kind", kind,
	    "is_success", strcmp(kind, "success") == 0, "is_error", strcmp(kind, "error") == 0,
	    "is_info", strcmp(kind, "info") == 0, "is_warning", strcmp(kind, "warning") == 0, "text", text));
}
