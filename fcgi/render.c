/*
 * render.c - the view helpers (render.h): the shared render context,
 * meta, JSON-LD, product cards, dates, and the template itself.  A leaf:
 * no I/O, no database, no reply; what a view needs comes in the request
 * or the arguments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cart.h"
#include "catalog.h"
#include "config.h"
#include "csrf.h"
#include "money.h"
#include "media.h"
#include "render.h"
#include "theme.h"

#define NAV_FEATURED_CATEGORIES 4

static json_t *
str_of(const struct buf *b)
{
	return json_stringn(b->data ? b->data : "", b->len);
}

/* abs_of - origin + base_path: the storefront's absolute base URL; a new string. */
static json_t *
abs_of(const struct request *req)
{
	struct buf b = { 0 };
	json_t *s;

	buf_puts(&b, req->origin);
	buf_puts(&b, req->base_path);
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
site_of(const struct request *req)
{
	const struct storefront *sf = req->sf;
	json_t *site = json_object(), *contact = json_object(), *logo;
	int32_t lw, lh;
	char year[8];

	snprintf(year, sizeof(year), "%d", req->year);
	json_object_set_new(site, "lang", json_string("en"));
	json_object_set_new(site, "year", json_string(year));
	json_object_set_new(site, "theme", json_string(req->theme ? req->theme->name : THEME_DEFAULT));
	json_object_set_new(site, "skin", json_string(req->skin));
	json_object_set_new(site, "asset_base", json_string(req->theme ? req->theme->asset_base : ""));
	json_object_set_new(site, "base_url", abs_of(req));
	if (req->sf == NULL) {
		json_object_set_new(site, "name", json_string("Shelf"));
		json_object_set_new(site, "contact", contact);
		return site;
	}
	json_object_set_new(site, "name", json_string(sf->company_name));
	json_object_set_new(site, "slug", json_string(sf->slug));
	if (sf->analytics_id[0] && storefront_analytics_valid(sf->analytics_id))
		json_object_set_new(site, "analytics_id", json_string(sf->analytics_id));
	if ((logo = render_image(req, sf->logo_url)) != NULL) {
		/* a media logo at its own size (the theme caps its height); another at 4:1 */
		if (req->db == NULL || media_dims(req->db, json_string_value(logo), &lw, &lh) != CORE_OK) {
			lw = 192;
			lh = 48;
		}
		json_object_set_new(site, "logo_url", logo);
		json_object_set_new(site, "logo_width", json_integer(lw));
		json_object_set_new(site, "logo_height", json_integer(lh));
	}
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

/* nav_of - the nav: who is signed in, the cart's count, the categories (cats, stolen) and the first few of them. */
static json_t *
nav_of(const struct request *req, json_t *cats)
{
	json_t *nav = json_object(), *featured = json_array(), *c;
	struct cart cart;
	int https = req->cfg != NULL && req->cfg->https;
	size_t i;

	json_object_set_new(nav, "logged_in", json_boolean(req->logged_in));
	if (req->logged_in)
		render_set(nav, "user.name", json_string(req->actor.name));
	cart_parse(&cart, request_cookie(req, cart_cookie_name(https)));
	json_object_set_new(nav, "cart_count", json_integer((json_int_t)cart.n));
	json_object_set_new(nav, "query", json_string(""));
	json_array_foreach(cats, i, c)
		if (i < NAV_FEATURED_CATEGORIES)
			json_array_append(featured, c);
	json_object_set_new(nav, "has_categories", json_boolean(json_array_size(cats) > 0));
	json_object_set_new(nav, "categories", cats);
	json_object_set_new(nav, "featured_categories", featured);
	return nav;
}

json_t *
render_context(const struct request *req, const char *page_id, json_t *urls, json_t *categories)
{
	json_t *ctx = json_object();

	if (ctx == NULL || urls == NULL || categories == NULL) {
		json_decref(ctx);
		json_decref(urls);
		json_decref(categories);
		return NULL;
	}
	json_object_set_new(ctx, "site", site_of(req));
	json_object_set_new(ctx, "urls", urls);
	json_object_set_new(ctx, "nav", nav_of(req, categories));
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
    json_t *canonical, const char *og_type)
{
	render_set(ctx, "page.title", json_string(title));
	render_set(ctx, "page.description", cut(description, 300));
	render_set(ctx, "page.canonical_url", canonical);
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
render_product_card(const struct request *req, const struct product *p, json_t *url)
{
	json_t *o = product_to_json(p), *img;

	if (url == NULL || o == NULL) {
		json_decref(url);
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "url", url);
	/* no image: no "image" key, and the theme draws the vendor's monogram tile */
	if ((img = render_image(req, p->image)) != NULL) {
		json_object_set_new(o, "image", img);
		json_object_set_new(o, "image_width", json_integer(p->image_width > 0 ? p->image_width : 640));
		json_object_set_new(o, "image_height", json_integer(p->image_height > 0 ? p->image_height : 400));
	}
	json_object_set_new(o, "image_alt", json_string(p->name));
	return o;
}

enum core_err
render_template(const struct request *req, const char *tpl, const json_t *ctx, struct buf *out,
    struct mustache_error *err)
{
	if (req->theme == NULL)
		return CORE_TEMPLATE;
	return theme_render(req->theme, tpl, ctx, out, err);
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
