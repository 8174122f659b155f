#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "account.h"
#include "acache.h"
#include "cart.h"
#include "db.h"
#include "log.h"
#include "page.h"
#include "reply.h"
#include "render.h"
#include "str.h"

/*
 * The messages a page may show after a redirect (?flash=NAME): a fixed
 * table, so nothing a link carries is ever shown as text.
 */
static const struct {
	const char *name;
	const char *kind;
	const char *text;
} flashes[] = {
	{ "placed", "success", "Thank you, your order has been placed." },
	{ "cancelled", "success", "The order has been cancelled." },
	{ "quantity_up", "success", "The quantity has been increased. The new licences are available now." },
	{ "quantity_down", "info", "The decrease is scheduled: it takes effect on the renewal date." },
	{ "quantity_same", "info", "The quantity is unchanged." },
	{ "sub_cancelled", "success", "The subscription will end at the end of its current term." },
	{ "converted", "success", "The trial has been converted to a paid subscription." },
	{ "trial", "success", "Your trial has been requested." },
	{ "profile", "success", "Your details have been saved." },
	{ "password", "success", "Your password has been changed." },
	{ "must_change", "warning", "Please choose a new password before you continue." },
	{ "invited", "success", "The invitation is on its way: an e-mail with a link to set a password." },
	{ "user_on", "success", "The user can sign in again." },
	{ "user_off", "success", "The user has been disabled and signed out." },
	{ "m365_created", "success", "The user has been created." },
	{ "m365_saved", "success", "The user has been saved." },
	{ "m365_enabled", "success", "The user can sign in again." },
	{ "m365_disabled", "success", "The user has been blocked from signing in." },
	{ "m365_assigned", "success", "The licence has been assigned." },
	{ "m365_unassigned", "success", "The licence has been removed." },
	{ "logged_out", "success", "You have been logged out." },
	{ "reset_done", "success", "Your password has been set. Please log in." },
	{ "cart_added", "success", "The product has been added to your cart." },
	{ "cart_updated", "success", "Your cart has been updated." },
};

void
account_flash_param(const struct request *req, json_t *ctx)
{
	const char *f = request_param(req, "flash");
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < sizeof(flashes) / sizeof(flashes[0]); i++)
		if (strcmp(f, flashes[i].name) == 0) {
			render_flash(ctx, flashes[i].kind, flashes[i].text);
			return;
		}
}

json_t *
account_context_nav(struct request *req, const char *page_id, const char *tab, const char *title,
    const struct account_nav *nav)
{
	json_t *ctx;
	char key[64];

	if ((ctx = page_context(req, page_id)) == NULL)
		return NULL;
	render_meta(ctx, req, title, title, NULL, NULL);
	render_set(ctx, "page.robots", json_string("noindex"));
	json_object_del(json_object_get(ctx, "page"), "active");
	render_set(ctx, "page.active.account", json_true());
	if (tab != NULL) {
		snprintf(key, sizeof(key), "page.account_tab.%s", tab);
		render_set(ctx, key, json_true());
	}
	render_set(ctx, "nav.show_usage", json_boolean(req->logged_in && nav->show_usage));
	render_set(ctx, "nav.show_m365", json_boolean(req->logged_in && nav->show_m365));
	account_flash_param(req, ctx);
	return ctx;
}

json_t *
account_context(struct request *req, const char *page_id, const char *tab, const char *title)
{
	struct account_nav nav = { 0 };

	/* a menu that cannot be read shows its entries that always apply: a figure, not the page */
	if (req->logged_in && account_nav_get(req->db, &req->actor, &nav) != CORE_OK)
		memset(&nav, 0, sizeof(nav));
	return account_context_nav(req, page_id, tab, title, &nav);
}

/* data_key - the data cache key of page name (list page page, 0: none) for req's customer. */
static void
data_key(struct buf *b, const struct request *req, const char *name, int64_t page)
{
	acache_key(b, name, page, req->sf->reseller_id, req->sf->version, req->base_path, req->actor.customer_id,
	    req->customer_version, req->actor.id, (int64_t)(db_now(req->db) / 86400));
}

json_t *
account_data_get(struct request *req, const char *name, int64_t page)
{
	struct buf key = { 0 };
	json_t *data;

	if (req->acache == NULL || req->sf == NULL || !req->logged_in)
		return NULL;
	data_key(&key, req, name, page);
	data = acache_get(req->acache, buf_cstr(&key));
	buf_free(&key);
	return data;
}

void
account_data_put(struct request *req, const char *name, int64_t page, json_t *data)
{
	struct buf key = { 0 };

	if (req->acache == NULL || req->sf == NULL || !req->logged_in || data == NULL)
		return;
	data_key(&key, req, name, page);
	acache_put(req->acache, buf_cstr(&key), data);
	buf_free(&key);
}

/*
 * page_key - the key of a rendered page: its data's, and what rendering
 * adds of the request: the origin of its links, the query (page number,
 * one-shot message), the session's CSRF token in its forms, the cart's
 * count in its menu.
 */
static void
page_key(struct buf *b, const struct request *req, const char *name, int64_t page)
{
	const char *cart = request_cookie(req, cart_cookie_name(req->cfg != NULL && req->cfg->https));
	const char *query = req->query_raw ? req->query_raw : "";

	cart = cart ? cart : "";
	buf_puts(b, "page|");
	data_key(b, req, name, page);
	/* the parts a visitor chooses go length-prefixed: no query or cookie reads as another key */
	buf_printf(b, "|%s|%zu:%s|%zu:%s|%zu:%s", req->session_csrf, strlen(req->origin), req->origin,
	    strlen(cart), cart, strlen(query), query);
}

int
account_page_reply(struct request *req, const char *name, int64_t page)
{
	struct buf key = { 0 };
	json_t *html;

	if (req->acache == NULL || req->sf == NULL || !req->logged_in)
		return 0;
	page_key(&key, req, name, page);
	html = acache_get(req->acache, buf_cstr(&key));
	buf_free(&key);
	if (html == NULL)
		return 0;
	reply_send(req, 200, "text/html; charset=utf-8", json_string_value(html), json_string_length(html));
	json_decref(html);
	return 1;
}

void
account_page_render(struct request *req, const char *name, int64_t page, const char *tpl, json_t *ctx)
{
	struct buf out = { 0 }, key = { 0 };
	json_t *html;

	if (page_html(req, tpl, ctx, &out) != CORE_OK) {
		page_error(req, 500);
		return;
	}
	if (req->acache != NULL && req->sf != NULL && req->logged_in &&
	    (html = json_stringn_nocheck(out.data ? out.data : "", out.len)) != NULL) {
		page_key(&key, req, name, page);
		acache_put(req->acache, buf_cstr(&key), html);
		json_decref(html);
		buf_free(&key);
	}
	reply_send(req, 200, "text/html; charset=utf-8", out.data ? out.data : "", out.len);
	buf_free(&out);
}

json_t *
account_nav_json(const struct account_nav *nav)
{
	return json_pack("{s:b, s:b}", "show_usage", nav->show_usage, "show_m365", nav->show_m365);
}

void
account_nav_of(const json_t *data, struct account_nav *nav)
{
	const json_t *n = json_object_get(data, "nav");

	nav->show_usage = json_is_true(json_object_get(n, "show_usage"));
	nav->show_m365 = json_is_true(json_object_get(n, "show_m365"));
}

int
account_id_or_404(struct request *req, const char *arg, int64_t *id)
{
	if (str_parse_id(arg, id) != 0) {
		page_error(req, 404);
		return -1;
	}
	return 0;
}

int64_t
account_field_id(const struct request *req, const char *name)
{
	int64_t id;

	return str_parse_id(request_field(req, name), &id) == 0 ? id : 0;
}

void
account_fail(struct request *req, enum core_err er, const char *what)
{
	switch (er) {
	case CORE_NOTFOUND:
	case CORE_INVALID:
		page_error(req, 404);
		return;
	case CORE_FORBIDDEN:
		page_error(req, 403);
		return;
	default:
		log_say("shelf-fcgi: %s on %s for user %lld: %s: %s", what, req->sf ? req->sf->slug : "-",
		    (long long)req->actor.id, core_strerror(er), req->db ? db_error(req->db) : "no database");
		page_error(req, er == CORE_DBCONN ? 503 : 500);
	}
}

int
account_status_of(enum core_err er)
{
	switch (er) {
	case CORE_CONFLICT:
		return 409;
	case CORE_INVALID:
	case CORE_RANGE:
		return 422;
	case CORE_FORBIDDEN:
		return 403;
	case CORE_NOTFOUND:
		return 404;
	default:
		return 500;
	}
}

int
account_refused(enum core_err er)
{
	return er != CORE_OK && er != CORE_NOTFOUND && er != CORE_FORBIDDEN && er != CORE_DB && er != CORE_DBCONN &&
	    er != CORE_ENOMEM;
}

int64_t
account_page_param(const struct request *req)
{
	int64_t page;

	return str_parse_int(request_param(req, "page"), 100000, &page) == 0 ? page : 1;
}

struct db_page
account_list_page(const struct request *req, int64_t *page)
{
	*page = account_page_param(req);
	return (struct db_page){ (*page - 1) * ACCOUNT_PAGE_SIZE, ACCOUNT_PAGE_SIZE };
}

/* url_at - the link to page n of the list on page p. */
static json_t *
url_at(const struct request *req, enum page p, int64_t n)
{
	struct buf b = { 0 };
	json_t *s;

	page_path(&b, req, p);
	if (n > 1)
		buf_printf(&b, "?page=%lld", (long long)n);
	s = json_stringn(b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

json_t *
account_pagination(const struct request *req, enum page p, int64_t page, int64_t pages)
{
	json_t *o, *list;
	int64_t i, last = 0;

	if (pages <= 1)
		return NULL;
	o = json_object();
	list = json_array();
	json_object_set_new(o, "has_prev", json_boolean(page > 1));
	if (page > 1)
		json_object_set_new(o, "prev_url", url_at(req, p, page - 1));
	json_object_set_new(o, "has_next", json_boolean(page < pages));
	if (page < pages)
		json_object_set_new(o, "next_url", url_at(req, p, page + 1));
	for (i = 1; i <= pages; i++) {
		if (i != 1 && i != pages && (i < page - 2 || i > page + 2))
			continue;
		if (last && i > last + 1)
			json_array_append_new(list, json_pack("{s:b}", "gap", 1));
		json_array_append_new(list, json_pack("{s:I, s:o, s:b}", "number", (json_int_t)i,
		    "url", url_at(req, p, i), "current", i == page));
		last = i;
	}
	json_object_set_new(o, "pages", list);
	return o;
}

json_t *
account_list_context(struct request *req, enum page p, const char *name, const char *title, int64_t page,
    int64_t total, const struct account_nav *nav)
{
	int64_t pages = (total + ACCOUNT_PAGE_SIZE - 1) / ACCOUNT_PAGE_SIZE;
	char key[64];
	json_t *ctx;

	if (page > 1 && page > pages) {
		page_error(req, 404);
		return NULL;
	}
	if ((ctx = account_context_nav(req, name, name, title, nav)) == NULL) {
		page_error(req, 500);
		return NULL;
	}
	snprintf(key, sizeof(key), "%s.empty", name);
	render_set(ctx, key, json_boolean(total == 0));
	snprintf(key, sizeof(key), "%s.pagination", name);
	render_set(ctx, key, account_pagination(req, p, page, pages));
	return ctx;
}

int
account_flag_or_400(struct request *req, const char *name, int *on)
{
	const char *v = request_field(req, name);

	if (v == NULL || (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)) {
		page_error(req, 400);
		return -1;
	}
	*on = v[0] == '1';
	return 0;
}
