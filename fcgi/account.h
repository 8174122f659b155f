/*
 * account.h - what the pages of the customer area share: their render
 * context (account menu, noindex), one-shot messages after a redirect,
 * ids from the path, the reply to a core error, paging links.
 *
 * Every account page is personal (page.c: PAGE_F_LOGIN): private,
 * no-store, never in the page cache, and the actor is req->actor.
 */
#ifndef SHELF_ACCOUNT_H
#define SHELF_ACCOUNT_H

#include <stdint.h>
#include <jansson.h>
#include "account_view.h"
#include "err.h"
#include "page.h"
#include "request.h"

#define ACCOUNT_PAGE_SIZE 20

/*
 * account_context - page_context(page_id) plus page.robots noindex,
 * page.active.account, page.account_tab.<tab> (NULL: none),
 * nav.show_usage and nav.show_m365 (account_nav_get: one statement),
 * title, and the one-shot message named by ?flash= when it is one of
 * ours.  NULL on ENOMEM.
 */
json_t *account_context(struct request *req, const char *page_id, const char *tab, const char *title);

/*
 * account_context_nav - account_context with the navigation nav the page
 * read with its own data (core/account_view.h): no statement of its own.
 */
json_t *account_context_nav(struct request *req, const char *page_id, const char *tab, const char *title,
    const struct account_nav *nav);

/*
 * The data of a page of the customer area, kept per customer and version
 * of its data (acache.h): account_data_get gives what page name (list
 * page page, 0: none) kept for req's signed-in customer as things are
 * now, a new reference, or NULL; account_data_put keeps data (a
 * reference is taken) for the next request.  A page keeps its menu in
 * it under "nav" (account_nav_json) and reads it back with
 * account_nav_of.
 */
json_t *account_data_get(struct request *req, const char *name, int64_t page);
void account_data_put(struct request *req, const char *name, int64_t page, json_t *data);
json_t *account_nav_json(const struct account_nav *nav);
void account_nav_of(const json_t *data, struct account_nav *nav);

/*
 * A page rendered from kept data is kept too, for the same session
 * (its CSRF token), cart, query and origin: account_page_reply answers
 * req with the page name (list page page) kept for it as things are now
 * and returns 1, or returns 0 (nothing sent); account_page_render is
 * page_render(req, 200, tpl, ctx) that keeps what it sends.
 */
int account_page_reply(struct request *req, const char *name, int64_t page);
void account_page_render(struct request *req, const char *name, int64_t page, const char *tpl, json_t *ctx);

/* account_flash_param - add the one-shot message named by ?flash= (a fixed table) to ctx. */
void account_flash_param(const struct request *req, json_t *ctx);

/* account_id_or_404 - the decimal id in arg into *id, or the 404 reply; 0 when parsed. */
int account_id_or_404(struct request *req, const char *arg, int64_t *id);

/* account_field_id - a form field holding a decimal id (1..), or 0 when absent or malformed. */
int64_t account_field_id(const struct request *req, const char *name);

/* account_flag_or_400 - the form field name, "0" or "1", into *on, or the 400 reply; 0 when parsed. */
int account_flag_or_400(struct request *req, const char *name, int *on);

/*
 * account_fail - the reply to a core error er of a read or change named
 * what (for the log): 404 (CORE_NOTFOUND, and CORE_INVALID: the id is
 * not of a kind this page shows), 403, 503 when the database is away,
 * else 500.
 */
void account_fail(struct request *req, enum core_err er, const char *what);

/*
 * account_redirect - 303 to page p with tail and the '*' and '#'
 * arguments, as page_redirect ("?flash=placed"; NULL: none): the reply
 * to a change made.
 */
#define account_redirect(req, p, ...) page_redirect((req), 303, (p), __VA_ARGS__)

/*
 * account_done - the reply to a change that core answered with er:
 * account_fail (named what) when it failed, else account_redirect to
 * page p with tail and its arguments.
 */
#define account_done(req, er, what, p, ...) \
	((er) != CORE_OK ? account_fail((req), (er), (what)) : account_redirect((req), (p), __VA_ARGS__))

/* account_page_param - ?page=N (1 when absent or bad) */
int64_t account_page_param(const struct request *req);

/* account_list_page - the rows of page account_page_param (into *page) of a list, ACCOUNT_PAGE_SIZE a page. */
struct db_page account_list_page(const struct request *req, int64_t *page);

/*
 * account_pagination - the pagination object of a list at page of pages
 * on page p (without arguments; "?page=N" appended); NULL when there is
 * one page.
 */
json_t *account_pagination(const struct request *req, enum page p, int64_t page, int64_t pages);

/*
 * account_list_context - account_context_nav(name, tab name, title, nav)
 * of a list page of total rows on page p at ?page=page, with
 * <name>.empty and <name>.pagination set.  NULL after the reply: 404
 * when page is past the end, 500 on ENOMEM.
 */
json_t *account_list_context(struct request *req, enum page p, const char *name, const char *title, int64_t page,
    int64_t total, const struct account_nav *nav);

/*
 * account_refused - whether er is core refusing a change (answered on the
 * page with core's why and account_status_of), rather than a failure to
 * answer with account_fail (not found, forbidden, database, ENOMEM).
 */
int account_refused(enum core_err er);

/* account_status_of - the core error's HTTP status for a refused change: 409 CONFLICT, 422 INVALID/RANGE, 403, 404. */
int account_status_of(enum core_err er);

#endif
