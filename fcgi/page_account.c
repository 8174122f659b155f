/*
 * page_account.c - the account overview (/account): who is signed in,
 * a few figures, the latest orders and the renewals of the next 30 days.
 *
 * The monthly spend is the customer's Monthly Run Rate (core/mrr.h):
 * active subscriptions normalised per month plus this month's usage
 * charges.  All of it, and the menu, is one statement
 * (core/account_view.h, account_view_overview), kept per version of the
 * customer's data (acache.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "account.h"
#include "money.h"
#include "page.h"
#include "render.h"

#define RENEWAL_DAYS  30

/*
 * overview_data - the overview as kept data, {nav, user_name, account}
 * (account: the template's object), from the data cache or read and
 * kept; a new reference, or NULL after the reply.
 */
static json_t *
overview_data(struct request *req)
{
	struct account_overview ov;
	json_t *data, *acc, *recent, *renewals, *r;
	char money[48], horizon[11];
	time_t t = db_now(req->db) + RENEWAL_DAYS * 86400;
	struct tm tm;
	enum core_err er;
	size_t i;

	if ((data = account_data_get(req, "account", 0)) != NULL)
		return data;
	gmtime_r(&t, &tm);
	strftime(horizon, sizeof(horizon), "%Y-%m-%d", &tm);
	if ((er = account_view_overview(req->db, &req->actor, horizon, &ov)) != CORE_OK) {
		account_overview_free(&ov);
		account_fail(req, er, "account");
		return NULL;
	}
	renewals = json_array();
	json_array_foreach(ov.renewals, i, r) {
		json_array_append_new(renewals, json_pack("{s:O, s:o, s:O, s:o}", "name", json_object_get(r, "name"),
		    "url", page_url(req, PAGE_SUBSCRIPTION, (int64_t)json_integer_value(json_object_get(r, "id"))),
		    "quantity", json_object_get(r, "quantity"),
		    "renewal_date", render_date_json(json_string_value(json_object_get(r, "renewal_date")))));
	}
	recent = json_array();
	for (i = 0; i < ov.recent.n; i++)
		json_array_append_new(recent, page_order_row(req, &ov.recent.items[i]));
	acc = json_object();
	json_object_set_new(acc, "user_name", json_string(ov.user_name));
	json_object_set_new(acc, "company", json_string(ov.company));
	json_object_set_new(acc, "stats", json_pack("{s:I, s:I, s:I, s:s}",
	    "active_subscriptions", (json_int_t)ov.active_subscriptions, "licences", (json_int_t)ov.licences,
	    "open_orders", (json_int_t)ov.open_orders,
	    "monthly_spend", money_format(ov.monthly_spend, req->sf->currency, money, sizeof(money))));
	json_object_set_new(acc, "has_recent_orders", json_boolean(json_array_size(recent) > 0));
	json_object_set_new(acc, "recent_orders", recent);
	json_object_set_new(acc, "has_renewals", json_boolean(json_array_size(renewals) > 0));
	json_object_set_new(acc, "renewals", renewals);
	data = json_pack("{s:o, s:s, s:o}", "nav", account_nav_json(&ov.nav), "user_name", ov.user_name,
	    "account", acc);
	account_overview_free(&ov);
	if (data == NULL) {
		page_error(req, 500);
		return NULL;
	}
	account_data_put(req, "account", 0, data);
	return data;
}

void
page_account(struct request *req, const char *arg)
{
	struct account_nav nav;
	json_t *data, *ctx;

	(void)arg;
	if (account_page_reply(req, "account", 0))
		return;
	if ((data = overview_data(req)) == NULL)
		return;
	account_nav_of(data, &nav);
	if ((ctx = account_context_nav(req, "account", "overview", "My account", &nav)) == NULL) {
		json_decref(data);
		page_error(req, 500);
		return;
	}
	json_object_set(ctx, "account", json_object_get(data, "account"));
	render_set(ctx, "nav.user.name", json_incref(json_object_get(data, "user_name")));
	json_decref(data);
	account_page_render(req, "account", 0, "account", ctx);
}
