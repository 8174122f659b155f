/*
 * page_orders.c - the customer's orders: the history (/account/orders),
 * one order (/account/orders/ID) and its cancellation while it waits
 * for approval (POST /account/orders/ID/cancel).
 *
 * Orders are read through core with the session's actor, so an order of
 * another customer is CORE_NOTFOUND: 404, like one that does not exist.
 * The history is one statement (core/account_view.h), the menu with it,
 * and what it read is kept per version of the customer's data
 * (acache.h): the next request for the same page costs no statement.
 */
#include <stdio.h>
#include <string.h>
#include "account.h"
#include "log.h"
#include "money.h"
#include "order.h"
#include "page.h"
#include "render.h"

/* page_order_row - the list row of o: {number, url, date, placed_by, item_count, status, status_label, total}. */
json_t *
page_order_row(struct request *req, const struct order *o)
{
	json_t *j = order_to_json(o);

	if (j == NULL)
		return NULL;
	json_object_set_new(j, "url", page_url(req, PAGE_ORDER, o->id));
	json_object_set_new(j, "date", render_date_json(o->created_at));
	if (o->placed_by_name[0] == '\0')
		json_object_set_new(j, "placed_by", json_string(strcmp(o->placed_via, "admin") == 0 ?
		    req->sf->company_name : "-"));
	return j;
}

/*
 * orders_data - page page (rows pg) of the history as kept data, {nav,
 * total, rows}, from the data cache or read and kept; a new reference,
 * or NULL after the reply.
 */
static json_t *
orders_data(struct request *req, int64_t page, const struct db_page *pg)
{
	struct order_list list = { 0 };
	struct account_nav nav;
	json_t *data, *rows;
	enum core_err er;
	size_t i;

	if ((data = account_data_get(req, "orders", page)) != NULL)
		return data;
	if ((er = account_view_orders(req->db, &req->actor, pg, &list, &nav)) != CORE_OK) {
		order_list_free(&list);
		account_fail(req, er, "orders");
		return NULL;
	}
	rows = json_array();
	for (i = 0; i < list.n; i++)
		json_array_append_new(rows, page_order_row(req, &list.items[i]));
	data = json_pack("{s:o, s:I, s:o}", "nav", account_nav_json(&nav), "total", (json_int_t)list.total,
	    "rows", rows);
	order_list_free(&list);
	if (data == NULL) {
		page_error(req, 500);
		return NULL;
	}
	account_data_put(req, "orders", page, data);
	return data;
}

void
page_orders(struct request *req, const char *arg)
{
	int64_t page;
	struct db_page pg = account_list_page(req, &page);
	struct account_nav nav;
	json_t *data, *ctx;

	(void)arg;
	if (account_page_reply(req, "orders", page))
		return;
	if ((data = orders_data(req, page, &pg)) == NULL)
		return;
	account_nav_of(data, &nav);
	if ((ctx = account_list_context(req, PAGE_ORDERS, "orders", "Orders", page,
	    json_integer_value(json_object_get(data, "total")), &nav)) != NULL) {
		render_set(ctx, "orders.rows", json_incref(json_object_get(data, "rows")));
		account_page_render(req, "orders", page, "orders", ctx);
	}
	json_decref(data);
}

static const char *
status_note(const struct order *o, char *buf, size_t n)
{
	switch (o->status) {
	case ORDER_PENDING_APPROVAL:
		return "This order is waiting for approval. We will set it up as soon as it is approved; until then you can cancel it.";
	case ORDER_APPROVED:
		return "This order is approved and queued: your products are being set up.";
	case ORDER_PROVISIONING:
		return "Your products are being set up.";
	case ORDER_REJECTED:
		snprintf(buf, n, "This order was not approved%s%s", o->reject_reason[0] ? ": " : ".", o->reject_reason);
		return buf;
	case ORDER_FAILED:
		return "This order could not be completed. We will contact you.";
	case ORDER_CANCELLED:
		return "This order was cancelled.";
	default:
		return NULL;
	}
}

/* show - the order page of id, with status and an error message (NULL: none) for a refused change. */
static void
show(struct request *req, int64_t id, int status, const char *error)
{
	struct order o;
	json_t *ctx, *j, *events, *lines, *l;
	char title[64], note[600], money[48];
	int64_t sum = 0;
	const char *s;
	enum core_err er;
	size_t i;

	memset(&o, 0, sizeof(o));
	if ((er = order_get(req->db, &req->actor, id, &o)) != CORE_OK) {
		account_fail(req, er, "order");
		return;
	}
	snprintf(title, sizeof(title), "Order %s", o.number);
	if ((ctx = account_context(req, "order", "orders", title)) == NULL || (j = order_to_json(&o)) == NULL) {
		json_decref(ctx);
		order_free(&o);
		page_error(req, 500);
		return;
	}
	render_flash(ctx, "error", error);
	/*
	 * The total shown is the sum of the lines shown (trial lines are not
	 * charged); a stored total that disagrees is a data error, logged.
	 */
	for (i = 0; i < o.nlines; i++)
		if (!o.lines[i].is_trial && money_add(sum, o.lines[i].line_price, &sum) != CORE_OK)
			break;
	if (sum != o.total_price) {
		log_say("shelf-fcgi: order %s: stored total %lld is not the sum of its lines %lld", o.number,
		    (long long)o.total_price, (long long)sum);
		json_object_set_new(j, "total", json_string(money_format(sum, o.currency, money, sizeof(money))));
	}
	json_object_set_new(j, "date", render_date_json(o.created_at));
	if (o.placed_by_name[0] == '\0')
		json_object_set_new(j, "placed_by", json_string(req->sf->company_name));
	if (o.customer_note != NULL)
		json_object_set_new(j, "notes_paragraphs", render_paragraphs(o.customer_note));
	if ((s = status_note(&o, note, sizeof(note))) != NULL)
		json_object_set_new(j, "status_note", json_string(s));
	lines = json_object_get(j, "lines");
	json_array_foreach(lines, i, l) {
		if (json_is_true(json_object_get(l, "is_trial"))) {
			char name[260];

			snprintf(name, sizeof(name), "%s (free trial)", json_string_value(json_object_get(l, "name")));
			json_object_set_new(l, "name", json_string(name));
		}
	}
	events = json_array();
	json_array_append_new(events, json_pack("{s:o, s:s}", "date", render_date_json(o.created_at),
	    "label", "Order placed"));
	if (o.decided_at[0])
		json_array_append_new(events, json_pack("{s:o, s:s}", "date", render_date_json(o.decided_at),
		    "label", o.status == ORDER_REJECTED ? "Not approved" : "Approved"));
	json_object_set_new(j, "has_events", json_true());
	json_object_set_new(j, "events", events);
	json_object_set_new(j, "cancel_action", page_url(req, PAGE_ORDER_CANCEL, o.id));
	json_object_set_new(ctx, "order", j);
	order_free(&o);
	page_render(req, status, "order", ctx);
}

void
page_order(struct request *req, const char *arg)
{
	int64_t id;

	if (account_id_or_404(req, arg, &id) == 0)
		show(req, id, 200, NULL);
}

void
page_order_cancel(struct request *req, const char *arg)
{
	char why[CORE_WHY] = "";
	const char *confirm = request_field(req, "confirm");
	enum core_err er;
	int64_t id;

	if (account_id_or_404(req, arg, &id) != 0)
		return;
	if (confirm == NULL || strcmp(confirm, "1") != 0) {
		show(req, id, 422, "Please tick the box to confirm the cancellation.");
		return;
	}
	er = order_cancel(req->db, &req->actor, id, why);
	if (account_refused(er)) {
		show(req, id, account_status_of(er), why[0] ? why : "The order cannot be cancelled.");
		return;
	}
	account_done(req, er, "order cancel", PAGE_ORDER, "?flash=cancelled", id);
}
