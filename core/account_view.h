/*
 * account_view.h - what the pages of a storefront's customer area read,
 * one statement per page (issue 18: a personal page costs at most three
 * round trips, its storefront's version read and the session check
 * included).
 *
 * Each statement carries the customer's navigation (struct account_nav,
 * which menu entries apply) with the page's data, so the menu costs no
 * statement of its own; a page that reads through other modules takes it
 * from account_nav_get, the same rule in one statement.
 *
 * The actor is the session's storefront user (fcgi/auth.c): reseller and
 * customer come from it, never from the request.  Any other actor gets
 * CORE_FORBIDDEN.  Rows are the ones core's own lists give
 * (order_fill_row, subscription_fill_row), so a page shows what the TUI
 * and the API show.
 */
#ifndef SHELF_CORE_ACCOUNT_VIEW_H
#define SHELF_CORE_ACCOUNT_VIEW_H

#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"
#include "err.h"
#include "order.h"
#include "subscription.h"

#define ACCOUNT_RECENT_ORDERS 5		/* orders on the overview */
#define ACCOUNT_ASSETS_MAX    200	/* one-time purchases on the subscriptions page */

/* Which entries of the customer area's menu apply to the customer. */
struct account_nav {
	int show_usage;		/* a subscription of a usage plan, any status: the usage pages */
	int show_m365;		/* an active or trial licence subscription: the Microsoft 365 pages */
};

/* account_nav_get - the navigation of a's customer (one statement). */
enum core_err account_nav_get(struct db *db, const struct actor *a, struct account_nav *out);

/* The account overview (/account). */
struct account_overview {
	char               user_name[201];	/* the signed-in user's name */
	char               company[201];	/* the customer's name */
	int64_t            active_subscriptions;
	int64_t            licences;		/* seats of active licence subscriptions */
	int64_t            open_orders;		/* ORDER_SQL_OPEN */
	int64_t            monthly_spend;	/* MRR(customer), core/mrr.h; the reseller's currency */
	struct account_nav nav;
	struct order_list  recent;		/* the newest ACCOUNT_RECENT_ORDERS orders, no lines */
	json_t            *renewals;		/* [{id, name, quantity, renewal_date "YYYY-MM-DD"}], soonest first */
};

/*
 * account_view_overview - the overview of a's customer: the figures, the
 * recent orders and the active subscriptions that renew on or before
 * horizon ("YYYY-MM-DD") and are not set to end there, into *out (the
 * caller calls account_overview_free, also after an error).
 * CORE_NOTFOUND when the user is gone.
 */
enum core_err account_view_overview(struct db *db, const struct actor *a, const char *horizon,
    struct account_overview *out);

/* account_overview_free - release what *o holds; zeroes it.  NULL is fine. */
void account_overview_free(struct account_overview *o);

/*
 * account_view_orders - page pg (NULL: the first 50) of a's customer's
 * orders, newest first, into *out (total: all of them; 0 as well when pg
 * starts past the end), and its navigation into *nav.  The caller calls
 * order_list_free.
 */
enum core_err account_view_orders(struct db *db, const struct actor *a, const struct db_page *pg,
    struct order_list *out, struct account_nav *nav);

/*
 * account_view_subscriptions - page pg of a's customer's subscriptions
 * by product name into *out (total as account_view_orders), its
 * one-time purchases, newest first, at most ACCOUNT_ASSETS_MAX, into
 * *assets ([{name, sku, quantity, unit_price, currency, purchased_at
 * "YYYY-MM-DD HH:MM:SS", order_id (0: none), order_number}], the
 * caller's; an empty array when none), and its navigation into *nav.
 * The caller calls subscription_list_free and json_decref.
 */
enum core_err account_view_subscriptions(struct db *db, const struct actor *a, const struct db_page *pg,
    struct subscription_list *out, json_t **assets, struct account_nav *nav);

#endif
