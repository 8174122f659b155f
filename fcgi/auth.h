/*
 * auth.h - who the visitor is: the storefront user of the session
 * cookie (core/session.h does the checking), the cookies that carry
 * sessions and carts, CSRF checks of POSTs, and the way to the login
 * page and back.
 *
 * The customer and the reseller of every account page come from
 * req->actor, which only auth_load fills, from the database, for the
 * storefront the request was routed to; never from the request.
 *
 * Cookies are HttpOnly and SameSite=Lax.  Over HTTPS (config https=1)
 * they are Secure with the __Host- prefix, hence Path=/; otherwise
 * their Path is the storefront's ("/s/demo/" in path routing, "/"),
 * so storefronts sharing a host do not overwrite each other's.
 */
#ifndef SHELF_AUTH_H
#define SHELF_AUTH_H

#include <stddef.h>
#include "page.h"
#include "request.h"

/*
 * auth_load - resolve the session cookie of req (storefront routed) into
 * req->actor, logged_in, session_token, session_csrf,
 * must_change_password and customer_version, in one statement.  A
 * cookie naming no live session is cleared on the reply.  A database
 * error is logged and leaves the visitor signed out.
 */
void auth_load(struct request *req);

/* auth_cookie_path - the Path of our cookies for this request into out (n bytes). */
void auth_cookie_path(const struct request *req, char *out, size_t n);

/*
 * auth_set_cookie - add a Set-Cookie header for name=value (value
 * cookie-safe) with our attributes; max_age < 0: a session cookie,
 * 0: delete it.
 */
void auth_set_cookie(struct request *req, const char *name, const char *value, long max_age);

/*
 * auth_csrf_ok - true when the POST's csrf_token field is the session's
 * token, or (unless session_only) the browser's double-submit token
 * (csrf.h) of the public forms.  Constant time.
 */
int auth_csrf_ok(const struct request *req, int session_only);

/*
 * auth_safe_next - copy next into out (n bytes) when it is a relative
 * URL of this storefront: starts with req->base_path + "/", no "//",
 * no backslash, only URL characters; else the account page's path.  Returns
 * 1 when next was taken.
 */
int auth_safe_next(const struct request *req, const char *next, char *out, size_t n);

/*
 * auth_redirect_login - the reply for a signed-out visitor of an account
 * page: 302 (303 after a POST) to the login page with next=<this page>
 * (GET) or next=<the page fallback> (POST, e.g. PAGE_CART).
 */
void auth_redirect_login(struct request *req, enum page fallback);

#endif
