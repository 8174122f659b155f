/*
 * api_subs.c - /subscriptions, /subscriptions/{id} (PATCH quantity),
 * /subscriptions/{id}/cancel (at term end) and /subscriptions/{id}/usage.
 * Changes go through subscription.h as an owner of the subscription's
 * customer, the storefront's own path: the same rules, the same
 * fulfilment (core/fulfil_change.c), the same audit.
 */
#include <stdio.h>
#include <string.h>
#include <jansson.h>
#include "api.h"
#include "apiread.h"
#include "str.h"
#include "subscription.h"

void
api_subs_list(struct apicall *c)
{
	api_list(c, APIRES_SUBSCRIPTIONS, 0);
}

static void
reply_sub(struct apicall *c, int64_t id)
{
	struct buf b = { 0 };
	enum core_err er;

	if ((er = apiread_get(c->req->db, c->auth.reseller_id, APIRES_SUBSCRIPTIONS, 0, id, &b)) != CORE_OK)
		api_problem_core(c, er, NULL, "subscription");
	else
		api_resource(c, &b);
	buf_free(&b);
}

void
api_sub_get(struct apicall *c)
{
	reply_sub(c, api_id(c->ids[0]));
}

/* owner_actor - the owner of subscription id's customer, as the API; 0, or -1 after the 404 reply. */
static int
owner_actor(struct apicall *c, int64_t id, struct actor *a)
{
	struct subscription s;
	enum core_err er;

	if ((er = subscription_get(c->req->db, &c->actor, id, &s)) != CORE_OK) {
		api_problem_core(c, er, NULL, "subscription");
		return -1;
	}
	apitoken_actor(&c->auth, s.customer_id, a);
	str_copy(a->client_ip, sizeof(a->client_ip), c->req->remote_addr);
	return 0;
}

void
api_sub_update(struct apicall *c)
{
	static const struct api_field f[] = {
		{ "quantity", API_FT_INT, 1, 1, 10000, 0, NULL, NULL },
	};
	char why[CORE_WHY] = "";
	enum core_err er;
	struct actor a;
	int64_t id = api_id(c->ids[0]);

	if (api_fields(c, f, 1) != 0 || owner_actor(c, id, &a) != 0)
		return;
	if ((er = subscription_change_quantity(c->req->db, &a, id,
	    (int32_t)json_integer_value(json_object_get(c->json, "quantity")), why)) != CORE_OK) {
		if (er == CORE_INVALID) {
			json_t *errors = NULL;

			api_field_error(&errors, "quantity", why[0] ? why : "This quantity is not allowed.");
			api_invalid(c->req, errors);
			return;
		}
		api_problem_core(c, er, why, "subscription");
		return;
	}
	reply_sub(c, id);
}

void
api_sub_cancel(struct apicall *c)
{
	char why[CORE_WHY] = "";
	enum core_err er;
	struct actor a;
	int64_t id = api_id(c->ids[0]);

	if (owner_actor(c, id, &a) != 0)
		return;
	if ((er = subscription_cancel_at_term_end(c->req->db, &a, id, why)) != CORE_OK) {
		api_problem_core(c, er, why, "subscription");
		return;
	}
	reply_sub(c, id);
}

void
api_sub_usage(struct apicall *c)
{
	const char *m = request_param(c->req, "month");
	char month[11];
	struct buf b = { 0 };
	enum core_err er;
	size_t i;
	int y, mo, n = 0;

	for (i = 0; i < c->req->query.n; i++)
		if (strcmp(c->req->query.v[i].name, "month") != 0) {
			api_problem(c->req, 400, "invalid-parameter", "Invalid query parameter",
			    "Query parameter: only month is known here.");
			return;
		}
	if (m != NULL) {
		if (strlen(m) != 7 || sscanf(m, "%4d-%2d%n", &y, &mo, &n) != 2 || n != 7 || m[4] != '-' ||
		    y < 1970 || mo < 1 || mo > 12) {
			api_problem(c->req, 400, "invalid-parameter", "Invalid query parameter",
			    "Query parameter month: must be YYYY-MM.");
			return;
		}
		snprintf(month, sizeof(month), "%04d-%02d-01", y % 10000, mo);
	}
	buf_puts(&b, "{\"data\":");
	if ((er = apiread_usage(c->req->db, c->auth.reseller_id, api_id(c->ids[0]), m ? month : NULL, &b)) != CORE_OK) {
		buf_free(&b);
		api_problem_core(c, er, NULL, "subscription");
		return;
	}
	buf_putc(&b, '}');
	api_resource(c, &b);
	buf_free(&b);
}
