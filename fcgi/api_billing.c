/*
 * api_billing.c - what the reseller buys: /invoices (from the
 * distributor, with lines), /balance, /products (cost, markup, sale
 * price, listed) and markups, one (PUT /products/{id}/markup) or in bulk
 * (POST /markups), set through listing.h like the TUI's Vendor screen.
 */
#include <jansson.h>
#include "api.h"
#include "apiread.h"
#include "invoice.h"
#include "listing.h"
#include "money.h"

void
api_invoices_list(struct apicall *c)
{
	api_list(c, APIRES_INVOICES, 0);
}

static void
reply_one(struct apicall *c, int res, int64_t id, const char *what)
{
	struct buf b = { 0 };
	enum core_err er;

	if ((er = apiread_get(c->req->db, c->auth.reseller_id, (enum apires)res, 0, id, &b)) != CORE_OK)
		api_problem_core(c, er, NULL, what);
	else
		api_resource(c, &b);
	buf_free(&b);
}

void
api_invoice_get(struct apicall *c)
{
	reply_one(c, APIRES_INVOICES, api_id(c->ids[0]), "invoice");
}

void
api_balance(struct apicall *c)
{
	int64_t balance = 0, overdue = 0, overdue_count = 0;
	enum core_err er;
	struct buf b = { 0 };
	json_t *o;
	char *s;

	if ((er = invoice_balance(c->req->db, &c->actor, c->auth.reseller_id, &balance, &overdue,
	    &overdue_count)) != CORE_OK) {
		api_problem_core(c, er, NULL, "balance");
		return;
	}
	o = json_pack("{s:I, s:I, s:I}", "balance", (json_int_t)balance, "overdue", (json_int_t)overdue,
	    "overdue_count", (json_int_t)overdue_count);
	if (o == NULL || (s = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		api_problem(c->req, 500, "internal", "Internal error", NULL);
		return;
	}
	json_decref(o);
	buf_puts(&b, s);
	free(s);
	api_resource(c, &b);
	buf_free(&b);
}

void
api_products_list(struct apicall *c)
{
	api_list(c, APIRES_PRODUCTS, 0);
}

void
api_product_get(struct apicall *c)
{
	reply_one(c, APIRES_PRODUCTS, api_id(c->ids[0]), "product");
}

static void
markup_error(struct apicall *c, enum core_err er, const char *why)
{
	if (er == CORE_INVALID) {
		json_t *errors = NULL;

		api_field_error(&errors, "markup_bp", why[0] ? why : "This markup is not allowed.");
		api_invalid(c->req, errors);
		return;
	}
	api_problem_core(c, er, why, "product");
}

void
api_product_markup(struct apicall *c)
{
	static const struct api_field f[] = {
		{ "markup_bp", API_FT_INT, 1, 0, MONEY_MARKUP_MAX, 0, NULL, NULL },
	};
	char why[CORE_WHY] = "";
	struct buf b = { 0 };
	enum core_err er;
	int64_t id = api_id(c->ids[0]);

	if (api_fields(c, f, 1) != 0)
		return;
	/* a product the reseller cannot sell is not there, as for GET */
	er = apiread_get(c->req->db, c->auth.reseller_id, APIRES_PRODUCTS, 0, id, &b);
	buf_free(&b);
	if (er != CORE_OK) {
		api_problem_core(c, er, NULL, "product");
		return;
	}
	if ((er = listing_markup(c->req->db, &c->actor, &id, 1,
	    (int32_t)json_integer_value(json_object_get(c->json, "markup_bp")), why)) != CORE_OK) {
		markup_error(c, er, why);
		return;
	}
	reply_one(c, APIRES_PRODUCTS, id, "product");
}

void
api_markups(struct apicall *c)
{
	static const struct api_field f[] = {
		{ "product_ids", API_FT_ARRAY, 1, 1, APIREAD_LIMIT_MAX, 0, NULL, NULL },
		{ "markup_bp", API_FT_INT, 1, 0, MONEY_MARKUP_MAX, 0, NULL, NULL },
	};
	int64_t ids[APIREAD_LIMIT_MAX];
	char why[CORE_WHY] = "", field[40];
	struct buf b = { 0 }, out = { 0 };
	json_t *errors = NULL, *v;
	enum core_err er;
	size_t i, n = 0;

	if (api_fields(c, f, 2) != 0)
		return;
	json_array_foreach(json_object_get(c->json, "product_ids"), i, v) {
		if (!json_is_integer(v) || json_integer_value(v) < 1) {
			snprintf(field, sizeof(field), "product_ids[%zu]", i);
			api_field_error(&errors, field, "This must be a product id.");
			continue;
		}
		ids[n] = json_integer_value(v);
		buf_reset(&b);
		if ((er = apiread_get(c->req->db, c->auth.reseller_id, APIRES_PRODUCTS, 0, ids[n], &b)) == CORE_NOTFOUND) {
			snprintf(field, sizeof(field), "product_ids[%zu]", i);
			api_field_error(&errors, field, "There is no such product.");
		} else if (er != CORE_OK) {
			buf_free(&b);
			json_decref(errors);
			api_problem_core(c, er, NULL, "product");
			return;
		}
		n++;
	}
	buf_free(&b);
	if (errors != NULL) {
		api_invalid(c->req, errors);
		return;
	}
	if ((er = listing_markup(c->req->db, &c->actor, ids, n,
	    (int32_t)json_integer_value(json_object_get(c->json, "markup_bp")), why)) != CORE_OK) {
		markup_error(c, er, why);
		return;
	}
	/* the products as they are now, in the order asked */
	buf_puts(&out, "{\"data\":[");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&out, ',');
		if ((er = apiread_get(c->req->db, c->auth.reseller_id, APIRES_PRODUCTS, 0, ids[i], &out)) != CORE_OK) {
			buf_free(&out);
			api_problem_core(c, er, NULL, "product");
			return;
		}
	}
	buf_puts(&out, "]}");
	api_json(c->req, 200, out.data, out.len);
	buf_free(&out);
}
