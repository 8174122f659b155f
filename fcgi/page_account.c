/*
 * page_account.c - the account overview (/account): who is signed in,
 * a few figures, the latest orders and the renewals of the next 30 days.
 *
 * The monthly spend is the customer's Monthly Run Rate (core/mrr.h,
 * mrr_account): active subscriptions normalised per month plus this
 * month's usage charges.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "account.h"
#include "money.h"
#include "mrr.h"
#include "order.h"
#include "page.h"
#include "render.h"
#include "subscription.h"
#include "user.h"

#define RECENT_ORDERS 5
#define RENEWAL_DAYS  30

/* open_orders - the customer's orders not yet done (0 when the count fails: a figure, not the page). */
static int64_t
open_orders(struct request *req)
{
	int64_t n = 0;

	if (order_open_count(req->db, &req->actor, &n) != CORE_OK)
		n = 0;
	return n;
}

void
page_account(struct request *req, const char *arg)
{
	struct subscription_filter sf = { .status = SUB_ACTIVE, .sort = SUB_SORT_RENEWAL };
	struct db_page spg = { 0, SUBSCRIPTION_LIST_MAX };
	struct subscription_list subs = { 0 };
	struct db_page opg = { 0, RECENT_ORDERS };
	struct order_list orders = { 0 };
	struct user u;
	json_t *ctx, *acc, *recent, *renewals;
	int64_t licences = 0, spend = 0;
	char money[48], horizon[11];
	const char *company = "";
	time_t t = db_now(req->db) + RENEWAL_DAYS * 86400;
	struct tm tm;
	enum core_err er;
	size_t i;

	(void)arg;
	if ((er = user_get(req->db, &req->actor, req->actor.id, &u)) != CORE_OK ||
	    (er = subscription_list(req->db, &req->actor, &sf, &spg, &subs)) != CORE_OK ||
	    (er = order_list(req->db, &req->actor, NULL, &opg, &orders)) != CORE_OK ||
	    (er = mrr_account(req->db, &req->actor, &spend)) != CORE_OK) {
		subscription_list_free(&subs);
		order_list_free(&orders);
		account_fail(req, er, "account");
		return;
	}
	if ((ctx = account_context(req, "account", "overview", "My account")) == NULL) {
		subscription_list_free(&subs);
		order_list_free(&orders);
		page_error(req, 500);
		return;
	}
	gmtime_r(&t, &tm);
	strftime(horizon, sizeof(horizon), "%Y-%m-%d", &tm);
	renewals = json_array();
	for (i = 0; i < subs.n; i++) {
		const struct subscription *s = &subs.items[i];

		company = s->customer_name;
		if (strcmp(s->product_type, "license") == 0)
			licences += s->quantity;
		if (!s->cancel_at_term_end && s->renewal_date[0] && strcmp(s->renewal_date, horizon) <= 0) {
			json_array_append_new(renewals, json_pack("{s:s, s:o, s:i, s:o}", "name", s->product_name,
			    "url", page_url(req, PAGE_SUBSCRIPTION, s->id), "quantity", (int)s->quantity,
			    "renewal_date", render_date_json(s->renewal_date)));
		}
	}
	recent = json_array();
	for (i = 0; i < orders.n; i++) {
		if (company[0] == '\0')
			company = orders.items[i].customer_name;
		json_array_append_new(recent, page_order_row(req, &orders.items[i]));
	}
	acc = json_object();
	json_object_set_new(acc, "user_name", json_string(u.name));
	json_object_set_new(acc, "company", json_string(company));
	json_object_set_new(acc, "stats", json_pack("{s:I, s:I, s:I, s:s}",
	    "active_subscriptions", (json_int_t)subs.total, "licences", (json_int_t)licences,
	    "open_orders", (json_int_t)open_orders(req),
	    "monthly_spend", money_format(spend, req->sf->currency, money, sizeof(money))));
	json_object_set_new(acc, "has_recent_orders", json_boolean(json_array_size(recent) > 0));
	json_object_set_new(acc, "recent_orders", recent);
	json_object_set_new(acc, "has_renewals", json_boolean(json_array_size(renewals) > 0));
	json_object_set_new(acc, "renewals", renewals);
	json_object_set_new(ctx, "account", acc);
	render_set(ctx, "nav.user.name", json_string(u.name));
	subscription_list_free(&subs);
	order_list_free(&orders);
	page_render(req, 200, "account", ctx);
}
