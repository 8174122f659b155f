/*
 * page_subscriptions.c - the customer's subscriptions and assets.
 *
 *   /account/subscriptions                 list, and the assets (one-time purchases) below it
 *   /account/assets                        -> the assets part of that page
 *   /account/subscriptions/ID              detail
 *   /account/subscriptions/ID/quantity     POST quantity: an increase applies now, a
 *                                          decrease is scheduled for the renewal date
 *   /account/subscriptions/ID/cancel       POST confirm: ends at the end of the term
 *   /account/subscriptions/ID/convert      POST: a trial becomes a paid subscription
 *   /trials                                POST product_id: a trial order (one per product)
 *
 * Reads and changes go through core with the session's actor: another
 * customer's subscription is CORE_NOTFOUND, answered 404.  The list, the
 * assets and the menu are one statement (core/account_view.h), kept per
 * version of the customer's data (acache.h).
 */
#include <stdio.h>
#include <string.h>
#include "account.h"
#include "cart.h"
#include "money.h"
#include "order.h"
#include "page.h"
#include "render.h"
#include "subscription.h"
#include "str.h"

/* set_date - key of o as the date shown ("3 Mar 2025"); "" (false to a template) when there is none. */
static void
set_date(json_t *o, const char *key, const char *value)
{
	json_t *d = render_date_json(value);

	json_object_set_new(o, key, d != NULL ? d : json_string(""));
}

static json_t *
sub_json(struct request *req, const struct subscription *s)
{
	json_t *j = subscription_to_json(s);

	if (j == NULL)
		return NULL;
	json_object_set_new(j, "url", page_url(req, PAGE_SUBSCRIPTION, s->id));
	set_date(j, "start_date", s->start_date);
	set_date(j, "renewal_date", s->renewal_date);
	set_date(j, "trial_ends", s->trial_ends_on);
	return j;
}

/*
 * asset_rows - the rows of the customer's one-time purchases from the
 * JSON core read (account_view_subscriptions), newest first.
 */
static json_t *
asset_rows(struct request *req, const json_t *assets)
{
	json_t *rows = json_array(), *row, *x;
	char money[48];
	int64_t amount, order_id;
	size_t i;

	json_array_foreach(assets, i, x) {
		const char *currency = json_string_value(json_object_get(x, "currency"));

		if (money_mul(json_integer_value(json_object_get(x, "unit_price")),
		    (int32_t)json_integer_value(json_object_get(x, "quantity")), &amount) != CORE_OK)
			continue;
		money_format(amount, currency ? currency : "", money, sizeof(money));
		row = json_pack("{s:O, s:O, s:O, s:o, s:s, s:O}", "name", json_object_get(x, "name"),
		    "sku", json_object_get(x, "sku"), "quantity", json_object_get(x, "quantity"),
		    "date", render_date_json(json_string_value(json_object_get(x, "purchased_at"))), "price", money,
		    "order_number", json_object_get(x, "order_number"));
		if (row == NULL)
			continue;
		if ((order_id = json_integer_value(json_object_get(x, "order_id"))) > 0)
			json_object_set_new(row, "order_url", page_url(req, PAGE_ORDER, order_id));
		json_array_append_new(rows, row);
	}
	return rows;
}

/*
 * subscriptions_data - page page (rows pg) of the list as kept data,
 * {nav, total, rows, assets}, from the data cache or read and kept; a
 * new reference, or NULL after the reply.
 */
static json_t *
subscriptions_data(struct request *req, int64_t page, const struct db_page *pg)
{
	struct subscription_list list = { 0 };
	struct account_nav nav;
	json_t *data, *rows, *assets = NULL;
	enum core_err er;
	size_t i;

	if ((data = account_data_get(req, "subscriptions", page)) != NULL)
		return data;
	if ((er = account_view_subscriptions(req->db, &req->actor, pg, &list, &assets, &nav)) != CORE_OK) {
		subscription_list_free(&list);
		json_decref(assets);
		account_fail(req, er, "subscriptions");
		return NULL;
	}
	rows = json_array();
	for (i = 0; i < list.n; i++)
		json_array_append_new(rows, sub_json(req, &list.items[i]));
	data = json_pack("{s:o, s:I, s:o, s:o}", "nav", account_nav_json(&nav), "total", (json_int_t)list.total,
	    "rows", rows, "assets", asset_rows(req, assets));
	subscription_list_free(&list);
	json_decref(assets);
	if (data == NULL) {
		page_error(req, 500);
		return NULL;
	}
	account_data_put(req, "subscriptions", page, data);
	return data;
}

void
page_subscriptions(struct request *req, const char *arg)
{
	int64_t page;
	struct db_page pg = account_list_page(req, &page);
	struct account_nav nav;
	json_t *data, *ctx, *a;

	(void)arg;
	if (account_page_reply(req, "subscriptions", page))
		return;
	if ((data = subscriptions_data(req, page, &pg)) == NULL)
		return;
	account_nav_of(data, &nav);
	if ((ctx = account_list_context(req, PAGE_SUBSCRIPTIONS, "subscriptions", "Subscriptions", page,
	    json_integer_value(json_object_get(data, "total")), &nav)) != NULL) {
		a = json_object_get(data, "assets");
		render_set(ctx, "subscriptions.rows", json_incref(json_object_get(data, "rows")));
		render_set(ctx, "subscriptions.has_assets", json_boolean(json_array_size(a) > 0));
		render_set(ctx, "subscriptions.assets", json_incref(a));
		account_page_render(req, "subscriptions", page, "subscriptions", ctx);
	}
	json_decref(data);
}

void
page_assets(struct request *req, const char *arg)
{
	(void)arg;
	account_redirect(req, PAGE_SUBSCRIPTIONS, "#assets");
}

/* show - the subscription page of id with status and an error (NULL: none) of a refused change. */
static void
show(struct request *req, int64_t id, int status, const char *error)
{
	struct subscription s;
	json_t *ctx, *j;
	char text[400], renew[32], minq[16];
	enum core_err er;

	if ((er = subscription_get(req->db, &req->actor, id, &s)) != CORE_OK) {
		account_fail(req, er, "subscription");
		return;
	}
	if ((ctx = account_context(req, "subscription", "subscriptions", s.product_name)) == NULL ||
	    (j = sub_json(req, &s)) == NULL) {
		json_decref(ctx);
		page_error(req, 500);
		return;
	}
	render_flash(ctx, "error", error);
	render_date(s.renewal_date, renew, sizeof(renew));
	if (s.pending_quantity > 0 && s.pending_quantity != s.quantity) {
		snprintf(text, sizeof(text), "A decrease to %d is scheduled for the renewal date, %s. Until then the "
		    "quantity stays %d.", (int)s.pending_quantity, renew, (int)s.quantity);
		render_flash(ctx, "info", text);
	}
	if (s.cancel_at_term_end && s.status == SUB_ACTIVE) {
		snprintf(text, sizeof(text), "This subscription is cancelled: it ends on %s, at the end of its term.", renew);
		render_flash(ctx, "info", text);
	}
	if (s.order_id > 0) {
		json_object_set_new(j, "order_url", page_url(req, PAGE_ORDER, s.order_id));
	}
	json_object_set_new(j, "convert_action", page_url(req, PAGE_SUB_CONVERT, s.id));
	json_object_set_new(j, "usage_url", page_url(req, PAGE_USAGE, s.id));
	json_object_set_new(j, "m365_url", page_url(req, PAGE_M365));
	json_object_set_new(j, "quantity_action", page_url(req, PAGE_SUB_QUANTITY, s.id));
	json_object_set_new(j, "cancel_action", page_url(req, PAGE_SUB_CANCEL, s.id));
	snprintf(minq, sizeof(minq), "%d", (int)(s.assigned > s.min_quantity ? s.assigned : s.min_quantity));
	snprintf(text, sizeof(text), "An increase applies now. A decrease takes effect on the renewal date, %s. "
	    "At least %s%s.", renew, minq, s.assigned > 0 && s.assigned >= s.min_quantity ?
	    " (the licences assigned to users)" : "");
	json_object_set_new(j, "quantity_help", json_string(text));
	snprintf(text, sizeof(text), "The subscription stays active until %s and then ends; it will not renew.", renew);
	json_object_set_new(j, "cancel_help", json_string(text));
	json_object_set_new(ctx, "subscription", j);
	page_render(req, status, "subscription", ctx);
}

void
page_subscription(struct request *req, const char *arg)
{
	int64_t id;

	if (account_id_or_404(req, arg, &id) == 0)
		show(req, id, 200, NULL);
}

/*
 * changed - the reply to a change of subscription id that core answered
 * with er: 303 to its page with flash, the page with core's why when core
 * refused, or the error page (what names the change in the log).
 */
static void
changed(struct request *req, int64_t id, enum core_err er, const char *why, const char *what, const char *flash)
{
	if (er == CORE_OK)
		account_redirect(req, PAGE_SUBSCRIPTION, flash, id);
	else if (!account_refused(er))
		account_fail(req, er, what);
	else
		show(req, id, account_status_of(er), why[0] ? why : "This change is not possible.");
}

void
page_sub_quantity(struct request *req, const char *arg)
{
	struct subscription s;
	char why[CORE_WHY] = "";
	int64_t id, qty;
	enum core_err er;

	if (account_id_or_404(req, arg, &id) != 0)
		return;
	if ((er = subscription_get(req->db, &req->actor, id, &s)) != CORE_OK) {
		account_fail(req, er, "subscription");
		return;
	}
	if (str_parse_int(request_field(req, "quantity"), ORDER_QTY_MAX, &qty) != 0) {
		show(req, id, 422, "Please enter a quantity between 1 and 10000.");
		return;
	}
	er = subscription_change_quantity(req->db, &req->actor, id, (int32_t)qty, why);
	changed(req, id, er, why, "subscription quantity", qty > s.quantity ? "?flash=quantity_up" :
	    qty < s.quantity ? "?flash=quantity_down" : "?flash=quantity_same");
}

void
page_sub_cancel(struct request *req, const char *arg)
{
	const char *confirm = request_field(req, "confirm");
	char why[CORE_WHY] = "";
	enum core_err er;
	int64_t id;

	if (account_id_or_404(req, arg, &id) != 0)
		return;
	if (confirm == NULL || strcmp(confirm, "1") != 0) {
		show(req, id, 422, "Please tick the box to confirm the cancellation.");
		return;
	}
	er = subscription_cancel_at_term_end(req->db, &req->actor, id, why);
	changed(req, id, er, why, "subscription cancel", "?flash=sub_cancelled");
}

void
page_sub_convert(struct request *req, const char *arg)
{
	char why[CORE_WHY] = "";
	enum core_err er;
	int64_t id;

	if (account_id_or_404(req, arg, &id) != 0)
		return;
	er = subscription_upgrade_trial(req->db, &req->actor, id, why);
	changed(req, id, er, why, "trial upgrade", "?flash=converted");
}

void
page_trial(struct request *req, const char *arg)
{
	int64_t product_id = account_field_id(req, "product_id"), order_id = 0;
	char why[CORE_WHY] = "";
	enum core_err er;

	(void)arg;
	er = subscription_request_trial(req->db, &req->actor, product_id, &order_id, why);
	switch (er) {
	case CORE_OK:
		account_redirect(req, PAGE_ORDER, "?flash=trial", order_id);
		return;
	case CORE_CONFLICT:
	case CORE_INVALID:
		page_error_text(req, account_status_of(er), "No trial", why[0] ? why : "This trial is not available.");
		return;
	default:
		account_fail(req, er, "trial");
	}
}
