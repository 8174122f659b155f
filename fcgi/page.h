/*
 * page.h - the pages of shelf-fcgi, one per file (page_*.c), reached
 * through the one table (page.c) indexed by enum page: each page's path
 * pattern, methods, flags and handler.  The same table builds links in
 * reverse (page_url), so no other file of fcgi/ spells a storefront path.
 *
 * A handler gets the request, routed and checked (method allowed,
 * storefront online, form body parsed, CSRF token of a POST checked,
 * visitor signed in when the page needs it, cached copy missed), and
 * arg: the path segment its pattern's '*' or '#' captured ("" when none).
 * It replies exactly once, through page_render / page_redirect /
 * request_reply* or page_error, and returns nothing: errors are answered where they
 * are found, by helpers like product_load_or_404.
 */
#ifndef SHELF_PAGE_H
#define SHELF_PAGE_H

#include <jansson.h>
#include "buf.h"
#include "catalog.h"
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

#define PAGE_F_STOREFRONT 0x01	/* answers only inside a storefront */
#define PAGE_F_GLOBAL     0x02	/* answers only outside one (health checks) */
#define PAGE_F_CACHE      0x04	/* public: ETag, 304 and the rendered-page cache (unless personal) */
#define PAGE_F_PRIVATE    0x08	/* personal: private, no-store, never in the page cache */
#define PAGE_F_LOGIN      0x10	/* a signed-in storefront user only (implies private); POSTs need the session's token */
#define PAGE_F_OWN_CSRF   0x20	/* the handler checks the CSRF token of its POSTs itself */

/*
 * One row of the page table.  pattern is the path inside the storefront
 * (or the whole path, PAGE_F_GLOBAL); a '*' stands for one non-empty
 * path segment (a slug), a '#' for one the handler reads as an id: both
 * match any segment and reach the handler as arg.
 */
struct page_def {
	const char *pattern;
	unsigned    methods;	/* 1 << enum http_method; GET also allows HEAD */
	unsigned    flags;	/* PAGE_F_* */
	page_fn     fn;
	enum page   login_next;	/* where a signed-out POST goes after the login; 0 (PAGE_LIVEZ): the account */
};

/* page_def - the table's row of p (p < PAGE__MAX); static. */
const struct page_def *page_def(enum page p);

/* page_cache_params - the space-separated query parameters cacheable page p reads ("" for none); static. */
const char *page_cache_params(enum page p);

/*
 * page_match - the page whose pattern matches path among the pages with
 * a flag of scope (PAGE_F_STOREFRONT or PAGE_F_GLOBAL), or -1.  *arg
 * gets the segment its '*' or '#' captured ("" when none): borrowed
 * from path when it ends the path, else copied into argbuf (n bytes;
 * -1 when it does not fit).
 */
int page_match(const char *path, unsigned scope, char *argbuf, size_t n, const char **arg);

/*
 * page_path - append to b the path of page p in the request's
 * storefront (base_path + pattern), each '*' of the pattern filled with
 * the next argument, a const char * (a slug: URL-safe), and each '#'
 * with the next, an int64_t.  Nothing else may be passed: the types
 * are those of the pattern.
 */
void page_path(struct buf *b, const struct request *req, enum page p, ...);

/* page_url - page_path as a new JSON string (a link of a view); NULL on ENOMEM. */
json_t *page_url(const struct request *req, enum page p, ...);

/* page_abs - origin + page_path: the absolute URL (canonical links, JSON-LD); a new JSON string. */
json_t *page_abs(const struct request *req, enum page p, ...);

/*
 * page_redirect - reply status (301, 302, 303) to page p (arguments as
 * page_path), tail appended as it is ("?flash=placed", "#assets"; NULL:
 * none; plain URL characters only: it goes into the Location header).
 */
void page_redirect(struct request *req, int status, enum page p, const char *tail, ...);

/*
 * page_login_url - the login page's link that comes back to page next
 * (arguments as page_path) once signed in; a new JSON string.
 */
json_t *page_login_url(const struct request *req, enum page next, ...);

/*
 * page_link - the URL a reseller-supplied link (a section's cta_url)
 * may point to: "/x" inside the storefront gets the base path (the old
 * catalog addresses, the alias pages, go straight to their pages);
 * http(s), mailto:, tel: and "#x" are kept; anything else (javascript:,
 * data:, "//evil") gives NULL, so the template leaves the link out.
 */
json_t *page_link(const struct request *req, const char *url);

/*
 * page_context - the render context of every page (render_context):
 * the links of the page table (urls.*) and the storefront's categories
 * in the nav (req->categories).  NULL on ENOMEM.
 */
json_t *page_context(struct request *req, const char *page_id);

/* page_product_card - render_product_card of p with the link to its page; NULL on ENOMEM. */
json_t *page_product_card(const struct request *req, const struct product *p);

/*
 * page_render - render template tpl of the request's theme against ctx
 * (stolen) and reply with status (reply_send: ETag and page cache for
 * cacheable pages).  A template that fails is logged and answered with
 * page_error(500).
 */
void page_render(struct request *req, int status, const char *tpl, json_t *ctx);

/*
 * page_html - template tpl against ctx (stolen) into out; a failure is
 * logged (theme, template, line, message) and returned.  page_render
 * and page_error are its users.
 */
enum core_err page_html(struct request *req, const char *tpl, json_t *ctx, struct buf *out);

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

/*
 * page_unavailable - the 503 of a suspended storefront, in the request's
 * theme (the caller picks the shop's): "<company> is temporarily
 * unavailable", with error.unavailable set so the template leaves out
 * the search and the links into the shop.  Cache-Control: no-store, like
 * every error: no cache keeps it once the shop is back.
 */
void page_unavailable(struct request *req, const char *company);

#endif
