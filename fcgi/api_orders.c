/*
 * api_orders.c - /orders and /orders/{id}.  POST /orders places an order
 * for one of the reseller's customers through order_place_noted, as the
 * storefront does (the customer's approval setting decides between
 * pending_approval and approved), and needs an Idempotency-Key
 * (apiidem.h):
 *   - no key: 400;
 *   - a key first seen: the order is placed and its answer kept;
 *   - the same key and the same body: the kept answer, again;
 *   - the same key and another body: 422;
 *   - the same key while its first request still runs: 409.
 * The key also becomes the order's order token, so even a request that
 * took over a stale claim cannot place a second order.
 */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "api.h"
#include "apiidem.h"
#include "apiread.h"
#include "order.h"
#include "str.h"

void
api_orders_list(struct apicall *c)
{
	api_list(c, APIRES_ORDERS, 0);
}

void
api_order_get(struct apicall *c)
{
	struct buf b = { 0 };
	enum core_err er;

	if ((er = apiread_get(c->req->db, c->auth.reseller_id, APIRES_ORDERS, 0, api_id(c->ids[0]), &b)) != CORE_OK)
		api_problem_core(c, er, NULL, "order");
	else
		api_resource(c, &b);
	buf_free(&b);
}

/* lines - the body's lines into in[] (*n of them), or 422 errors naming lines[i].member. */
static void
lines(struct apicall *c, struct order_line_input *in, size_t *n, json_t **errors)
{
	static const char *const known[] = { "product_id", "quantity", "trial", NULL };
	json_t *arr = json_object_get(c->json, "lines"), *l, *v;
	char field[96];
	const char *key;
	size_t i, k;

	*n = 0;
	json_array_foreach(arr, i, l) {
		if (!json_is_object(l)) {
			snprintf(field, sizeof(field), "lines[%zu]", i);
			api_field_error(errors, field, "A line must be an object.");
			continue;
		}
		json_object_foreach(l, key, v) {
			for (k = 0; known[k] != NULL && strcmp(known[k], key) != 0; k++)
				;
			if (known[k] == NULL) {
				snprintf(field, sizeof(field), "lines[%zu].%.40s", i, key);
				api_field_error(errors, field, "This field is not known.");
			}
		}
		v = json_object_get(l, "product_id");
		if (!json_is_integer(v) || json_integer_value(v) < 1) {
			snprintf(field, sizeof(field), "lines[%zu].product_id", i);
			api_field_error(errors, field, "This field must be a product id.");
		}
		in[*n].product_id = json_is_integer(v) ? json_integer_value(v) : 0;
		v = json_object_get(l, "quantity");
		if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > ORDER_QTY_MAX) {
			snprintf(field, sizeof(field), "lines[%zu].quantity", i);
			api_field_error(errors, field, "This field must be an integer between 1 and 10000.");
		}
		in[*n].quantity = json_is_integer(v) ? (int32_t)json_integer_value(v) : 0;
		v = json_object_get(l, "trial");
		if (v != NULL && !json_is_boolean(v)) {
			snprintf(field, sizeof(field), "lines[%zu].trial", i);
			api_field_error(errors, field, "This field must be true or false.");
		}
		in[*n].is_trial = json_is_true(v);
		(*n)++;
	}
}

/* answer - reply status with body (JSON or a problem), keeping it for the key's replays; 5xx frees the key. */
static void
answer(struct apicall *c, int64_t claim, int status, char *body)
{
	enum core_err er;

	if (body == NULL) {
		apiidem_abandon(c->req->db, claim);
		api_problem(c->req, 500, "internal", "Internal error", NULL);
		return;
	}
	if (status >= 500)
		er = apiidem_abandon(c->req->db, claim);
	else
		er = apiidem_finish(c->req->db, claim, status, body);
	if (er != CORE_OK) {
		free(body);
		api_problem_core(c, er, NULL, "order");
		return;
	}
	request_header(c->req, "Cache-Control: no-store");
	request_reply(c->req, status, status >= 400 ? "application/problem+json" : "application/json", body,
	    strlen(body));
	free(body);
}

void
api_orders_create(struct apicall *c)
{
	static const struct api_field f[] = {
		{ "customer_id", API_FT_INT, 1, 1, INT64_MAX, 0, NULL, NULL },
		{ "lines", API_FT_ARRAY, 1, 1, ORDER_LINES_MAX, 0, NULL, NULL },
		{ "reference", API_FT_STRING, 0, 0, ORDER_REFERENCE_MAX, 1, NULL, NULL },
		{ "note", API_FT_STRING, 0, 0, ORDER_NOTE_MAX, 1, NULL, NULL },
	};
	struct order_line_input in[ORDER_LINES_MAX];
	char why[CORE_WHY] = "", token[65];
	const char *type, *title;
	struct buf b = { 0 };
	struct apiidem idem;
	struct actor a;
	json_t *errors = NULL;
	enum core_err er;
	int64_t customer, order_id = 0;
	size_t n = 0;
	int status;

	if (c->idempotency_key == NULL) {
		api_problem(c->req, 400, "idempotency-key-missing", "Idempotency-Key required",
		    "POST /orders needs an Idempotency-Key header, unique per order you mean to place.");
		return;
	}
	if (!apiidem_key_ok(c->idempotency_key)) {
		api_problem(c->req, 400, "idempotency-key-invalid", "Invalid Idempotency-Key",
		    "An Idempotency-Key is 1 to 255 printable ASCII characters.");
		return;
	}
	if (api_fields(c, f, sizeof(f) / sizeof(f[0])) != 0)
		return;
	lines(c, in, &n, &errors);
	customer = json_integer_value(json_object_get(c->json, "customer_id"));
	if (errors == NULL &&
	    (er = apiread_get(c->req->db, c->auth.reseller_id, APIRES_CUSTOMERS, 0, customer, &b)) != CORE_OK) {
		buf_free(&b);
		if (er != CORE_NOTFOUND) {
			api_problem_core(c, er, NULL, "customer");
			return;
		}
		api_field_error(&errors, "customer_id", "There is no such customer.");
	}
	buf_free(&b);
	if (errors != NULL) {
		api_invalid(c->req, errors);
		return;
	}

	if ((er = apiidem_begin(c->req->db, c->auth.reseller_id, c->idempotency_key, c->body, c->body_len,
	    &idem)) != CORE_OK) {
		api_problem_core(c, er, NULL, "order");
		return;
	}
	switch (idem.state) {
	case APIIDEM_MISMATCH:
		api_problem(c->req, 422, "idempotency-key-reused", "Idempotency-Key used for another request",
		    "This Idempotency-Key was first used with another body; use a new key for a new order.");
		return;
	case APIIDEM_IN_FLIGHT:
		api_problem(c->req, 409, "idempotency-in-flight", "Request in progress",
		    "The first request with this Idempotency-Key is still being processed; retry shortly.");
		return;
	case APIIDEM_REPLAY:
		request_header(c->req, "Idempotent-Replayed: true");
		request_header(c->req, "Cache-Control: no-store");
		request_reply(c->req, idem.status, idem.status >= 400 ? "application/problem+json" : "application/json",
		    idem.body, strlen(idem.body));
		apiidem_done(&idem);
		return;
	case APIIDEM_NEW:
		break;
	}

	apitoken_actor(&c->auth, customer, &a);
	str_copy(a.client_ip, sizeof(a.client_ip), c->req->remote_addr);
	if ((er = apiidem_order_token(c->idempotency_key, token)) == CORE_OK)
		er = order_place_noted(c->req->db, &a, in, n, token, api_str(c, "reference"), api_str(c, "note"),
		    &order_id, why);
	if (er != CORE_OK) {
		status = api_core_problem(er, &type, &title);
		if (status >= 500)
			fprintf(stderr, "shelf-fcgi: api POST /orders: %s: %s\n", core_strerror(er), db_error(c->req->db));
		answer(c, idem.id, status, api_problem_dump(status, type, title,
		    status >= 500 ? NULL : why[0] ? why : NULL));
		return;
	}
	if ((er = apiread_get(c->req->db, c->auth.reseller_id, APIRES_ORDERS, 0, order_id, &b)) != CORE_OK) {
		buf_free(&b);
		apiidem_abandon(c->req->db, idem.id);
		api_problem_core(c, er, NULL, "order");
		return;
	}
	request_header(c->req, "Location: %s" API_PREFIX "/orders/%lld", c->req->origin, (long long)order_id);
	answer(c, idem.id, 201, buf_detach(&b));
}
