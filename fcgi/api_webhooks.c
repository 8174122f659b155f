/*
 * api_webhooks.c - /webhooks (list, register), /webhooks/{id} (get,
 * PATCH: url, description, events, enabled, rotate_secret; DELETE) and
 * /webhooks/{id}/deliveries (the delivery log, newest first, by cursor).
 * Everything goes through core/webhook.h as the reseller's administrator
 * (the token's actor), so the rules and the audit are the TUI's and the
 * CLI's; another reseller's endpoint is not found.  The signing secret
 * appears in an answer only when it was just made: on POST and on PATCH
 * with "rotate_secret": true.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "api.h"
#include "str.h"
#include "webhook.h"

#define DELIVERIES_LIMIT 50	/* a page of the log when limit is not given */

static const struct api_field webhook_fields[] = {
	{ "url", API_FT_STRING, 1, 1, WEBHOOK_URL_MAX, 0, NULL, NULL },
	{ "events", API_FT_ARRAY, 1, 1, WEBHOOK_EV__MAX, 0, NULL, NULL },
	{ "description", API_FT_STRING, 0, 0, WEBHOOK_DESC_MAX, 0, NULL, NULL },
	{ "enabled", API_FT_BOOL, 0, 0, 0, 0, NULL, NULL },
	{ "rotate_secret", API_FT_BOOL, 0, 0, 0, 0, NULL, NULL },
};
#define NFIELDS (sizeof(webhook_fields) / sizeof(webhook_fields[0]))
#define NCREATE 3	/* POST takes the first three */

/* reply - endpoint id as JSON with status (201: with Location), and secret when not NULL. */
static void
reply(struct apicall *c, int status, int64_t id, const char *secret)
{
	struct webhook_endpoint e;
	struct buf b = { 0 };
	enum core_err er;
	json_t *o;
	char *s;

	if ((er = webhook_get(c->req->db, &c->actor, id, &e)) != CORE_OK) {
		api_problem_core(c, er, NULL, "webhook endpoint");
		return;
	}
	if ((o = webhook_to_json(&e)) != NULL && secret != NULL)
		json_object_set_new(o, "secret", json_string(secret));
	if (o == NULL || (s = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		api_problem_core(c, CORE_ENOMEM, NULL, "webhook endpoint");
		return;
	}
	json_decref(o);
	if (status == 201) {
		request_header(c->req, "Location: %s" API_PREFIX "/webhooks/%lld", c->req->origin, (long long)id);
		request_header(c->req, "Cache-Control: no-store");
		api_json(c->req, 201, s, strlen(s));
	} else if (secret != NULL) {
		request_header(c->req, "Cache-Control: no-store");
		api_json(c->req, 200, s, strlen(s));
	} else {
		buf_puts(&b, s);
		api_resource(c, &b);
		buf_free(&b);
	}
	explicit_bzero(s, strlen(s));
	free(s);
}

/* events_of - the body's "events" as a mask; 0 when absent; -1 after the 422 reply naming the bad one. */
static long
events_of(struct apicall *c)
{
	json_t *v = json_object_get(c->json, "events"), *x, *errors = NULL;
	unsigned mask = 0;
	size_t i;
	int e;

	if (v == NULL)
		return 0;
	json_array_foreach(v, i, x) {
		if (!json_is_string(x) || (e = webhook_event_parse(json_string_value(x))) < 0) {
			api_field_error(&errors, "events", "Each event must be one of order.created, order.status_changed,"
			    " subscription.changed, invoice.issued, customer.created.");
			api_invalid(c->req, errors);
			return -1;
		}
		mask |= 1u << e;
	}
	return (long)mask;
}

/* refused - the reply to core's er: 422 naming field for CORE_INVALID, else api_problem_core. */
static void
refused(struct apicall *c, enum core_err er, const char *why, const char *field)
{
	json_t *errors = NULL;

	if (er == CORE_INVALID && field != NULL) {
		api_field_error(&errors, field, why[0] ? why : "This value is not allowed.");
		api_invalid(c->req, errors);
		return;
	}
	api_problem_core(c, er, why, "webhook endpoint");
}

/* field_of - which member why (core's reason) is about, for the 422 of a refused change. */
static const char *
field_of(const char *why)
{
	if (strstr(why, "URL") != NULL)
		return "url";
	if (strstr(why, "description") != NULL)
		return "description";
	return "events";
}

void
api_webhooks_list(struct apicall *c)
{
	struct webhook_list l;
	enum core_err er;
	json_t *data, *o;
	size_t i;

	if (c->req->query.n > 0) {
		api_problem(c->req, 400, "invalid-parameter", "Invalid query parameter",
		    "This list takes no query parameters: a reseller has at most a few endpoints.");
		return;
	}
	if ((er = webhook_list(c->req->db, &c->actor, 0, &l)) != CORE_OK) {
		api_problem_core(c, er, NULL, "webhook endpoint");
		return;
	}
	data = json_array();
	for (i = 0; data != NULL && i < l.n; i++)
		json_array_append_new(data, webhook_to_json(&l.items[i]));
	webhook_list_free(&l);
	if ((o = json_pack("{s:o, s:n}", "data", data, "next_cursor")) == NULL) {
		api_problem_core(c, CORE_ENOMEM, NULL, "webhook endpoint");
		return;
	}
	request_header(c->req, "Cache-Control: private, no-cache");
	api_json_obj(c->req, 200, o);
}

void
api_webhooks_create(struct apicall *c)
{
	char why[CORE_WHY] = "", secret[WEBHOOK_SECRET_SZ];
	enum core_err er;
	long mask;
	int64_t id = 0;

	if (api_fields(c, webhook_fields, NCREATE) != 0 || (mask = events_of(c)) < 0)
		return;
	if ((er = webhook_create(c->req->db, &c->actor, api_str(c, "url"), api_str(c, "description"), (unsigned)mask,
	    &id, secret, why)) != CORE_OK) {
		refused(c, er, why, field_of(why));
		return;
	}
	reply(c, 201, id, secret);
	explicit_bzero(secret, sizeof(secret));
}

void
api_webhook_get(struct apicall *c)
{
	reply(c, 200, api_id(c->ids[0]), NULL);
}

void
api_webhook_update(struct apicall *c)
{
	struct api_field f[NFIELDS];
	struct webhook_endpoint e;
	char why[CORE_WHY] = "", secret[WEBHOOK_SECRET_SZ] = "";
	int64_t id = api_id(c->ids[0]);
	enum core_err er;
	json_t *en;
	long mask;
	size_t i;

	memcpy(f, webhook_fields, sizeof(f));
	for (i = 0; i < NFIELDS; i++)
		f[i].required = 0;
	if (api_fields(c, f, NFIELDS) != 0 || (mask = events_of(c)) < 0)
		return;
	/* another reseller's endpoint is not found, before anything is judged */
	if ((er = webhook_get(c->req->db, &c->actor, id, &e)) != CORE_OK) {
		api_problem_core(c, er, NULL, "webhook endpoint");
		return;
	}
	if ((api_has(c, "url") || api_has(c, "description") || mask != 0) &&
	    (er = webhook_update(c->req->db, &c->actor, id, api_str(c, "url"), api_str(c, "description"),
	    (unsigned)mask, why)) != CORE_OK) {
		refused(c, er, why, field_of(why));
		return;
	}
	if ((en = json_object_get(c->json, "enabled")) != NULL && json_is_true(en) != e.enabled &&
	    (er = webhook_set_enabled(c->req->db, &c->actor, id, json_is_true(en), why)) != CORE_OK) {
		refused(c, er, why, NULL);
		return;
	}
	if (json_is_true(json_object_get(c->json, "rotate_secret")) &&
	    (er = webhook_rotate(c->req->db, &c->actor, id, secret, why)) != CORE_OK) {
		refused(c, er, why, NULL);
		return;
	}
	reply(c, 200, id, secret[0] ? secret : NULL);
	explicit_bzero(secret, sizeof(secret));
}

void
api_webhook_delete(struct apicall *c)
{
	char why[CORE_WHY] = "";
	int64_t id = api_id(c->ids[0]);
	enum core_err er;

	if ((er = webhook_delete(c->req->db, &c->actor, id, why)) != CORE_OK) {
		api_problem_core(c, er, er == CORE_NOTFOUND ? NULL : why, "webhook endpoint");
		return;
	}
	api_json_obj(c->req, 200, json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

void
api_webhook_deliveries(struct apicall *c)
{
	struct webhook_delivery_list l;
	struct buf b = { 0 };
	const char *v;
	char *text;
	int64_t before = 0, limit = DELIVERIES_LIMIT;
	enum core_err er;
	json_t *data, *o;
	size_t i;

	for (i = 0; i < c->req->query.n; i++)
		if (strcmp(c->req->query.v[i].name, "limit") != 0 && strcmp(c->req->query.v[i].name, "cursor") != 0) {
			api_problem(c->req, 400, "invalid-parameter", "Invalid query parameter",
			    "Query parameter: only limit and cursor are known here.");
			return;
		}
	if ((v = request_param(c->req, "limit")) != NULL && ((limit = api_id(v)) < 1 || limit > 200)) {
		api_problem(c->req, 400, "invalid-parameter", "Invalid query parameter",
		    "Query parameter limit: must be a whole number from 1 to 200.");
		return;
	}
	if ((v = request_param(c->req, "cursor")) != NULL && (before = api_id(v)) <= 0) {
		api_problem(c->req, 400, "invalid-parameter", "Invalid query parameter",
		    "Query parameter cursor: is not a cursor this API gave.");
		return;
	}
	if ((er = webhook_deliveries(c->req->db, &c->actor, api_id(c->ids[0]), before, (int)limit, &l)) != CORE_OK) {
		api_problem_core(c, er, NULL, "webhook endpoint");
		return;
	}
	data = json_array();
	for (i = 0; data != NULL && i < l.n; i++)
		json_array_append_new(data, webhook_delivery_to_json(&l.items[i]));
	if (l.n == (size_t)limit && l.n > 0) {
		char next[24];

		snprintf(next, sizeof(next), "%lld", (long long)l.items[l.n - 1].id);
		o = json_pack("{s:o, s:s}", "data", data, "next_cursor", next);
	} else
		o = json_pack("{s:o, s:n}", "data", data, "next_cursor");
	webhook_delivery_list_free(&l);
	if (o == NULL || (text = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		api_problem_core(c, CORE_ENOMEM, NULL, "webhook endpoint");
		return;
	}
	json_decref(o);
	buf_puts(&b, text);
	free(text);
	api_resource(c, &b);
	buf_free(&b);
}
