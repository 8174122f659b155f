/*
 * page_cart.c - the cart (a cookie, cart.h) and checkout.
 *
 *   /cart          the lines at today's prices, totals, the checkout form
 *                  with an order_token the server issues per rendering for
 *                  the session and these lines (checkout.h)
 *   /cart/add      POST product_id, quantity (from a product page)
 *   /cart/update   POST line_id, quantity (0 removes)
 *   /cart/remove   POST line_id
 *   /checkout      POST order_token, accept_terms, reference, notes (signed
 *                  in): one order_place_checkout, which redeems the token;
 *                  the same token again answers with the same order (a
 *                  double submit places one order), a made-up, foreign,
 *                  stale or other-cart token places nothing (422); 303 to
 *                  the order page
 *
 * Every read checks the cookie's lines against the products the
 * storefront lists now: unlisted products and bad lines drop out (and
 * the cookie is rewritten).  Totals are sums of the rounded lines shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "account.h"
#include "auth.h"
#include "cart.h"
#include "catalog.h"
#include "checkout.h"
#include "csrf.h"
#include "http.h"
#include "money.h"
#include "order.h"
#include "page.h"
#include "render.h"
#include "str.h"

#define CART_COOKIE_AGE (30L * 24 * 3600)

/* A cart read against the listing: lines[i] is the product of cart.lines[i]. */
struct priced_cart {
	struct cart     cart;
	struct product  products[CART_LINES_MAX];
	int             changed;	/* lines were dropped: rewrite the cookie */
};

static int
https_of(const struct request *req)
{
	return req->cfg->https;
}

/*
 * cart_load - the browser's cart, each line checked against the
 * storefront's listed products (in pages of CATALOG_LIMIT_MAX: one query
 * for any ordinary catalog).  CORE_OK or the database's error.
 */
static enum core_err
cart_load(struct request *req, struct priced_cart *pc)
{
	struct catalog_query q = { .sort = CATALOG_SORT_NAME, .limit = CATALOG_LIMIT_MAX };
	struct product_list list = { 0 };
	int found[CART_LINES_MAX] = { 0 };
	size_t i, j, nfound = 0;
	enum core_err er;

	memset(pc, 0, sizeof(*pc));
	if (cart_parse(&pc->cart, request_cookie(req, cart_cookie_name(https_of(req)))) != 0)
		pc->changed = 1;
	while (nfound < pc->cart.n) {
		if ((er = catalog_storefront_list(req->db, req->sf->reseller_id, &q, &list)) != CORE_OK)
			return er;
		for (i = 0; i < list.n; i++)
			for (j = 0; j < pc->cart.n; j++)
				if (!found[j] && list.items[i].id == pc->cart.lines[j].product_id) {
					pc->products[j] = list.items[i];
					pc->products[j].description = NULL;
					found[j] = 1;
					nfound++;
				}
		q.offset += (int64_t)list.n;
		j = list.n;
		product_list_free(&list);
		if (j < (size_t)CATALOG_LIMIT_MAX)
			break;
	}
	for (j = pc->cart.n; j-- > 0;)
		if (!found[j]) {
			cart_remove_at(&pc->cart, j);
			memmove(&pc->products[j], &pc->products[j + 1], (pc->cart.n - j) * sizeof(pc->products[0]));
			pc->changed = 1;
		}
	return CORE_OK;
}

static void
cart_save(struct request *req, const struct cart *c)
{
	struct buf v = { 0 };

	cart_format(c, &v);
	auth_set_cookie(req, cart_cookie_name(https_of(req)), buf_cstr(&v), c->n ? CART_COOKIE_AGE : 0);
	buf_free(&v);
}

/* grant_of - what the checkout of pc must present: the session and the digest of its lines. */
static void
grant_of(const struct request *req, const struct priced_cart *pc, struct order_line_input *in,
    struct checkout_grant *g)
{
	size_t i;

	for (i = 0; i < pc->cart.n; i++) {
		in[i].product_id = pc->cart.lines[i].product_id;
		in[i].quantity = pc->cart.lines[i].quantity;
		in[i].is_trial = 0;
	}
	g->session_token = req->session_token;
	checkout_digest(in, pc->cart.n, g->cart_digest);
}

/*
 * show - the cart page with status, a flash (kind, text; may be NULL),
 * and the checkout fields of a refused checkout kept.
 */
static void
show(struct request *req, int status, const char *kind, const char *text, const char *terms_error)
{
	struct priced_cart pc;
	json_t *ctx, *cart, *lines;
	int64_t subtotal = 0, line_total;
	struct order_line_input in[CART_LINES_MAX];
	struct checkout_grant g;
	char money[48], tok[CHECKOUT_TOKEN_SZ];
	const char *cur = req->sf->currency;
	int recurring = 0;
	enum core_err er;
	size_t i;

	if ((er = cart_load(req, &pc)) != CORE_OK) {
		account_fail(req, er, "cart");
		return;
	}
	if (pc.changed)
		cart_save(req, &pc.cart);
	if ((ctx = page_context(req, "cart")) == NULL) {
		page_error(req, 500);
		return;
	}
	render_meta(ctx, req, "Your cart", "Your cart", NULL, NULL);
	render_set(ctx, "page.robots", json_string("noindex"));
	render_set(ctx, "nav.cart_count", json_integer((json_int_t)pc.cart.n));
	account_flash_param(req, ctx);
	if (text != NULL)
		render_flash(ctx, kind, text);
	cart = json_object();
	lines = json_array();
	for (i = 0; i < pc.cart.n; i++) {
		const struct product *p = &pc.products[i];
		json_t *l;

		if (money_mul(p->price, pc.cart.lines[i].quantity, &line_total) != CORE_OK ||
		    money_add(subtotal, line_total, &subtotal) != CORE_OK) {
			json_decref(cart);
			json_decref(lines);
			json_decref(ctx);
			page_error(req, 500);
			return;
		}
		l = json_pack("{s:I, s:s, s:o, s:s, s:i, s:o, s:o}", "id", (json_int_t)p->id, "name", p->name,
		    "url", page_url(req, PAGE_PRODUCT, p->slug), "manufacturer", p->manufacturer,
		    "quantity", (int)pc.cart.lines[i].quantity,
		    "update_action", page_url(req, PAGE_CART_UPDATE), "remove_action", page_url(req, PAGE_CART_REMOVE));
		if (p->type == PRODUCT_USAGE && p->price == 0)
			json_object_set_new(l, "unit_price", json_string("Pay as you go"));
		else
			json_object_set_new(l, "unit_price", json_string(money_format(p->price, cur, money, sizeof(money))));
		json_object_set_new(l, "line_total", json_string(money_format(line_total, cur, money, sizeof(money))));
		json_object_set_new(l, "line_total_minor", json_integer(line_total));
		json_object_set_new(l, "billing_period", json_string(period_label(p->billing_period)));
		if (period_recurring(p->billing_period)) {
			json_object_set_new(l, "period_label", json_string(period_suffix(p->billing_period)));
			recurring = 1;
		}
		json_array_append_new(lines, l);
	}
	json_object_set_new(cart, "empty", json_boolean(pc.cart.n == 0));
	json_object_set_new(cart, "lines", lines);
	json_object_set_new(cart, "subtotal", json_string(money_format(subtotal, cur, money, sizeof(money))));
	json_object_set_new(cart, "total", json_string(money));
	json_object_set_new(cart, "total_minor", json_integer(subtotal));
	if (recurring)
		json_object_set_new(cart, "recurring_note", json_string(
		    "Monthly and annual prices are charged each period until you cancel. Prices exclude VAT."));
	/* whether the customer's orders need approval is the reseller's business: the order page says so */
	json_object_set_new(cart, "needs_approval", json_false());
	json_object_set_new(cart, "checkout_action", page_url(req, PAGE_CHECKOUT));
	/* a signed-in buyer's form carries a token issued for this session and these lines */
	grant_of(req, &pc, in, &g);
	if (req->logged_in && pc.cart.n > 0 && checkout_issue(req->db, req->sf->reseller_id, &g, tok) == CORE_OK)
		json_object_set_new(cart, "order_token", json_string(tok));
	if (terms_error != NULL)
		json_object_set_new(cart, "terms_error", json_string(terms_error));
	if (request_field(req, "reference") != NULL)
		json_object_set_new(cart, "reference", json_string(request_field(req, "reference")));
	if (request_field(req, "notes") != NULL)
		json_object_set_new(cart, "notes", json_string(request_field(req, "notes")));
	json_object_set_new(cart, "terms_url", page_url(req, PAGE_CONTACT));
	json_object_set_new(cart, "login_url", page_login_url(req, PAGE_CART));
	json_object_set_new(ctx, "cart", cart);
	page_render(req, status, "cart", ctx);
}

void
page_cart(struct request *req, const char *arg)
{
	(void)arg;
	show(req, 200, NULL, NULL, NULL);
}

/* quantity_field - the form's quantity 0..CART_QTY_MAX into *q; -1 when absent or malformed. */
static int
quantity_field(const struct request *req, int32_t *q)
{
	const char *s = request_field(req, "quantity");
	int64_t v;

	if (s != NULL && strcmp(s, "0") == 0) {
		*q = 0;
		return 0;
	}
	if (str_parse_int(s, CART_QTY_MAX, &v) != 0)
		return -1;
	*q = (int32_t)v;
	return 0;
}

void
page_cart_add(struct request *req, const char *arg)
{
	struct priced_cart pc;
	int64_t id = account_field_id(req, "product_id");
	struct catalog_query q = { .sort = CATALOG_SORT_NAME, .limit = CATALOG_LIMIT_MAX };
	struct product_list list = { 0 };
	struct product found;
	const struct product *p = NULL;
	char msg[300];
	int32_t qty;
	enum core_err er;
	size_t i;
	int rc;

	(void)arg;
	if ((er = cart_load(req, &pc)) != CORE_OK) {
		account_fail(req, er, "cart");
		return;
	}
	if (quantity_field(req, &qty) != 0 || qty == 0) {
		show(req, 422, "error", "Please enter a quantity between 1 and 10000.", NULL);
		return;
	}
	/* the product must be listed here now */
	while (p == NULL) {
		if ((er = catalog_storefront_list(req->db, req->sf->reseller_id, &q, &list)) != CORE_OK) {
			account_fail(req, er, "cart add");
			return;
		}
		for (i = 0; i < list.n && p == NULL; i++)
			if (list.items[i].id == id) {
				found = list.items[i];
				found.description = NULL;
				p = &found;
			}
		q.offset += (int64_t)list.n;
		i = list.n;
		product_list_free(&list);
		if (i < (size_t)CATALOG_LIMIT_MAX)
			break;
	}
	if (p == NULL) {
		show(req, 404, "error", "This product is not available.", NULL);
		return;
	}
	if (qty < p->min_quantity || (p->max_quantity > 0 && qty > p->max_quantity)) {
		if (p->max_quantity > 0)
			snprintf(msg, sizeof(msg), "%s is sold in quantities of %d to %d.", p->name,
			    (int)p->min_quantity, (int)p->max_quantity);
		else
			snprintf(msg, sizeof(msg), "%s is sold in quantities of at least %d.", p->name, (int)p->min_quantity);
		show(req, 422, "error", msg, NULL);
		return;
	}
	if ((rc = cart_add(&pc.cart, id, qty)) != 0) {
		show(req, 422, "error", rc == -2 ? "Your cart is full (50 products). Please check out or remove a product first."
		    : "Please enter a quantity between 1 and 10000.", NULL);
		return;
	}
	cart_save(req, &pc.cart);
	account_redirect(req, PAGE_CART, "?flash=cart_added");
}

static void
change(struct request *req, int remove)
{
	struct priced_cart pc;
	int64_t id = account_field_id(req, "line_id");
	int32_t qty = 0;
	enum core_err er;

	if ((er = cart_load(req, &pc)) != CORE_OK) {
		account_fail(req, er, "cart");
		return;
	}
	if (!remove && quantity_field(req, &qty) != 0) {
		show(req, 422, "error", "Please enter a quantity between 0 and 10000.", NULL);
		return;
	}
	if (cart_set(&pc.cart, id, qty) != 0) {
		show(req, 404, "error", "This product is no longer in your cart.", NULL);
		return;
	}
	cart_save(req, &pc.cart);
	account_redirect(req, PAGE_CART, "?flash=cart_updated");
}

void
page_cart_update(struct request *req, const char *arg)
{
	(void)arg;
	change(req, 0);
}

void
page_cart_remove(struct request *req, const char *arg)
{
	(void)arg;
	change(req, 1);
}

void
page_checkout(struct request *req, const char *arg)
{
	struct order_line_input in[CART_LINES_MAX];
	struct checkout_grant g;
	struct priced_cart pc;
	const char *token = request_field(req, "order_token"), *terms = request_field(req, "accept_terms");
	char why[CORE_WHY] = "";
	int64_t order_id = 0;
	enum core_err er;

	(void)arg;
	if (terms == NULL || strcmp(terms, "1") != 0) {
		show(req, 422, "error", "Please accept the terms of sale to place the order.",
		    "Please accept the terms of sale.");
		return;
	}
	if ((er = cart_load(req, &pc)) != CORE_OK) {
		account_fail(req, er, "checkout");
		return;
	}
	grant_of(req, &pc, in, &g);
	er = order_place_checkout(req->db, &req->actor, in, pc.cart.n, token, &g, request_field(req, "reference"),
	    request_field(req, "notes"), &order_id, why);
	if (er != CORE_OK) {
		if (er == CORE_ENOMEM || er == CORE_DB || er == CORE_DBCONN) {
			account_fail(req, er, "checkout");
			return;
		}
		show(req, account_status_of(er), "error", why[0] ? why : "The order could not be placed.", NULL);
		return;
	}
	cart_save(req, &(struct cart){ .n = 0 });
	account_redirect(req, PAGE_ORDER, "?flash=placed", order_id);
}
