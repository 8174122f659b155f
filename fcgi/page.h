/*
 * page.h - the pages of shelf-fcgi, one per file (page_*.c), reached
 * through the one table in server.c indexed by enum page.
 *
 * A handler gets the request, routed and checked (method allowed,
 * storefront online, form body parsed, CSRF token of a POST checked,
 * visitor signed in when the page needs it, cached copy missed), and
 * arg: the path segment its pattern's '*' captured ("" when none).  It replies
 * exactly once, through render_page / request_reply* / request_redirect
 * or page_error, and returns nothing: errors are answered where they
 * are found, by helpers like product_load_or_404.
 */
#ifndef SHELF_PAGE_H
#define SHELF_PAGE_H

#include <jansson.h>
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
	/* sign-in (page_login.c) */
	PAGE_LOGIN,		/* /login: GET form, POST sign-in */
	PAGE_LOGOUT,		/* /logout: POST */
	PAGE_RESET_REQUEST,	/* /reset-password: GET form, POST e-mail a link */
	PAGE_RESET,		/* /reset?token=: GET form, POST new password */
	/* cart (page_cart.c) */
	PAGE_CART,		/* /cart */
	PAGE_CART_ADD,		/* /cart/add: POST product_id, quantity */
	PAGE_CART_UPDATE,	/* /cart/update: POST line_id, quantity */
	PAGE_CART_REMOVE,	/* /cart/remove: POST line_id */
	PAGE_CHECKOUT,		/* /checkout: POST order_token, accept_terms */
	/* the account (page_account.c, page_orders.c, page_subscriptions.c, page_usage.c, page_m365.c, page_profile.c) */
	PAGE_ACCOUNT,		/* /account */
	PAGE_ORDERS,		/* /account/orders?page= */
	PAGE_ORDER,		/* /account/orders/ID */
	PAGE_ORDER_CANCEL,	/* /account/orders/ID/cancel: POST */
	PAGE_SUBSCRIPTIONS,	/* /account/subscriptions?page= (and the assets) */
	PAGE_ASSETS,		/* /account/assets -> the assets part of /account/subscriptions */
	PAGE_SUBSCRIPTION,	/* /account/subscriptions/ID */
	PAGE_SUB_QUANTITY,	/* /account/subscriptions/ID/quantity: POST quantity */
	PAGE_SUB_CANCEL,	/* /account/subscriptions/ID/cancel: POST confirm */
	PAGE_SUB_CONVERT,	/* /account/subscriptions/ID/convert: POST */
	PAGE_TRIAL,		/* /trials: POST product_id */
	PAGE_USAGE_INDEX,	/* /account/usage -> the first Azure plan's usage */
	PAGE_USAGE,		/* /account/subscriptions/ID/usage?month=YYYY-MM */
	PAGE_USAGE_SVG,		/* /account/subscriptions/ID/usage.svg?month=YYYY-MM */
	PAGE_M365,		/* /account/m365: GET, POST a new user */
	PAGE_M365_USER,		/* /account/m365/users/ID: GET edit form, POST changes */
	PAGE_M365_ENABLE,	/* /account/m365/enable: POST user_id, enabled */
	PAGE_M365_ASSIGN,	/* /account/m365/assign: POST user_id, sku */
	PAGE_M365_UNASSIGN,	/* /account/m365/unassign: POST user_id, sku */
	PAGE_PROFILE,		/* /account/profile: GET, POST details */
	PAGE_PASSWORD,		/* /account/password: POST */
	PAGE_USERS_INVITE,	/* /account/users: POST (owner) */
	PAGE_USER_ACTIVE,	/* /account/users/ID/active: POST active (owner) */
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
void page_login(struct request *req, const char *arg);
void page_logout(struct request *req, const char *arg);
void page_reset_request(struct request *req, const char *arg);
void page_reset(struct request *req, const char *arg);
void page_cart(struct request *req, const char *arg);
void page_cart_add(struct request *req, const char *arg);
void page_cart_update(struct request *req, const char *arg);
void page_cart_remove(struct request *req, const char *arg);
void page_checkout(struct request *req, const char *arg);
void page_account(struct request *req, const char *arg);
void page_orders(struct request *req, const char *arg);
void page_order(struct request *req, const char *arg);
void page_order_cancel(struct request *req, const char *arg);
void page_subscriptions(struct request *req, const char *arg);
void page_assets(struct request *req, const char *arg);
void page_subscription(struct request *req, const char *arg);
void page_sub_quantity(struct request *req, const char *arg);
void page_sub_cancel(struct request *req, const char *arg);
void page_sub_convert(struct request *req, const char *arg);
void page_trial(struct request *req, const char *arg);
void page_usage_index(struct request *req, const char *arg);
void page_usage(struct request *req, const char *arg);
void page_usage_svg(struct request *req, const char *arg);
void page_m365(struct request *req, const char *arg);
void page_m365_user(struct request *req, const char *arg);
void page_m365_enable(struct request *req, const char *arg);
void page_m365_assign(struct request *req, const char *arg);
void page_m365_unassign(struct request *req, const char *arg);
void page_profile(struct request *req, const char *arg);
void page_password(struct request *req, const char *arg);
void page_users_invite(struct request *req, const char *arg);
void page_user_active(struct request *req, const char *arg);

/*
 * page_order_row - an order as a row of the order lists (orders, the
 * account overview): order_to_json without lines, with url and date.
 * A new reference; NULL on ENOMEM.
 */
struct order;
json_t *page_order_row(struct request *req, const struct order *o);

/*
 * page_error - the one error reply: the themed error page of the
 * request's storefront (or a minimal page in the default theme when
 * there is none) with status and a fixed, human message for it.  Never
 * shows internals; details belong in the log, written by the caller.
 * Falls back to plain text when even the error template fails.
 */
void page_error(struct request *req, int status);

/*
 * page_error_text - page_error with a heading and message of the
 * caller's (plain text, escaped by the template: e.g. core's why).
 */
void page_error_text(struct request *req, int status, const char *heading, const char *message);

#endif
