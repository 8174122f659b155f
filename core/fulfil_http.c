/*
 * fulfil_http.c - the http connector (fulfil_http.h): build, sign and
 * POST a task with libcurl, read the reply into an outcome, and record
 * the outcome in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <jansson.h>
#include "buf.h"
#include "digest.h"
#include "fulfil_http.h"
#include "str.h"


struct fulfil_http {
	CURL *curl;
	char  url[CONFIG_STR];
	char  secret[CONFIG_STR];
	long  timeout;
};

struct fulfil_http *
fulfil_http_new(const struct config *cfg)
{
	struct fulfil_http *h;

	if ((h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || (h->curl = curl_easy_init()) == NULL) {
		free(h);
		return NULL;
	}
	str_copy(h->url, sizeof(h->url), cfg->fulfil_url);
	str_copy(h->secret, sizeof(h->secret), cfg->fulfil_secret);
	h->timeout = cfg->fulfil_timeout_seconds > 0 ? cfg->fulfil_timeout_seconds : 10;
	return h;
}

void
fulfil_http_free(struct fulfil_http *h)
{
	if (h == NULL)
		return;
	curl_easy_cleanup(h->curl);
	curl_global_cleanup();
	explicit_bzero(h->secret, sizeof(h->secret));
	free(h);
}

char *
fulfil_http_body(const struct fulfil_task *t)
{
	json_t *j, *c;
	char *s = NULL;

	c = json_pack("{s:I, s:s}", "id", (json_int_t)t->customer_id, "name", t->customer_name);
	if (c != NULL && t->customer_email[0] != '\0')
		json_object_set_new(c, "email", json_string(t->customer_email));
	j = json_pack("{s:I, s:s, s:s, s:i, s:I, s:o?}", "task_id", (json_int_t)t->id,
	    "action", fulfil_action_name(t->action), "product_sku", t->sku, "quantity", (int)t->quantity,
	    "reseller_id", (json_int_t)t->reseller_id, "customer", c);
	if (j == NULL)
		return NULL;
	if (t->order_id != 0) {
		json_object_set_new(j, "order_number", json_string(t->order_number));
		json_object_set_new(j, "line", json_integer(t->line_no));
	}
	if (t->subscription_id != 0)
		json_object_set_new(j, "subscription_id", json_integer(t->subscription_id));
	s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	return s;
}

enum core_err
fulfil_http_sign(const char *secret, long long ts, const char *body, char out[72])
{
	uint8_t mac[DIGEST_SHA256_LEN];
	struct buf msg = { NULL, 0, 0 };
	enum core_err er;

	out[0] = '\0';
	if ((er = buf_printf(&msg, "%lld.%s", ts, body)) == CORE_OK &&
	    (er = digest_hmac_sha256(secret, strlen(secret), msg.data, msg.len, mac)) == CORE_OK) {
		memcpy(out, "sha256=", 7);
		digest_hex(mac, sizeof(mac), out + 7);
	}
	buf_free(&msg);
	return er;
}

/* reply_text - the reply's "reason" or "detail" string into out (sz bytes); 0 when it has neither. */
static int
reply_text(const json_t *j, char *out, size_t sz)
{
	static const char *const keys[] = { "reason", "detail" };
	const char *s;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if ((s = json_string_value(json_object_get(j, keys[i]))) != NULL && s[0] != '\0') {
			str_copy(out, sz, s);
			return 1;
		}
	return 0;
}

/* judge - the outcome of a reply of status code and body. */
static void
judge(long code, const struct buf *body, struct fulfil_http_reply *out)
{
	json_t *j = body->len > 0 ? json_loadb(body->data, body->len, 0, NULL) : NULL;
	const char *ref;

	if (code >= 200 && code < 300) {
		ref = json_string_value(json_object_get(j, "vendor_ref"));
		if (ref != NULL && str_text_valid(ref, 1, FULFIL_REF_MAX, STR_TEXT_NOT_BLANK)) {
			out->status = FULFIL_DONE;
			str_copy(out->vendor_ref, sizeof(out->vendor_ref), ref);
		} else {
			out->status = FULFIL_QUEUED;
			snprintf(out->error, sizeof(out->error), "HTTP %ld without a vendor_ref in a JSON object", code);
		}
	} else if (code >= 400 && code < 500) {
		out->status = FULFIL_FAILED;
		if (!json_is_object(j) || !reply_text(j, out->error, sizeof(out->error)))
			snprintf(out->error, sizeof(out->error), "HTTP %ld", code);
	} else {
		out->status = FULFIL_QUEUED;
		if (json_is_object(j) && reply_text(j, out->error, sizeof(out->error))) {
			char detail[sizeof(out->error)];

			str_copy(detail, sizeof(detail), out->error);
			snprintf(out->error, sizeof(out->error), "HTTP %ld: %.480s", code, detail);
		} else
			snprintf(out->error, sizeof(out->error), "HTTP %ld", code);
	}
	json_decref(j);
}

void
fulfil_http_post(struct fulfil_http *h, const struct fulfil_task *t, struct fulfil_http_reply *out)
{
	struct curl_slist *hdr = NULL, *more;
	struct buf reply = { NULL, 0, 0 };
	char sig[72], line[128], err[CURL_ERROR_SIZE] = "", *body;
	long long ts = (long long)time(NULL);
	CURLcode rc;

	memset(out, 0, sizeof(*out));
	out->status = FULFIL_QUEUED;
	if (h->url[0] == '\0') {
		out->status = FULFIL_FAILED;
		str_copy(out->error, sizeof(out->error),
		    "No fulfilment endpoint is configured (fulfil_url), so the http connector cannot reach the vendor.");
		return;
	}
	if ((body = fulfil_http_body(t)) == NULL || fulfil_http_sign(h->secret, ts, body, sig) != CORE_OK) {
		free(body);
		str_copy(out->error, sizeof(out->error), "out of memory building the request");
		return;
	}
	snprintf(line, sizeof(line), "X-Shelf-Timestamp: %lld", ts);
	hdr = curl_slist_append(hdr, "Content-Type: application/json");
	if (hdr != NULL && (more = curl_slist_append(hdr, line)) != NULL)
		hdr = more;
	snprintf(line, sizeof(line), "X-Shelf-Signature: %s", sig);
	if (hdr != NULL && (more = curl_slist_append(hdr, line)) != NULL)
		hdr = more;
	if (hdr != NULL && (more = curl_slist_append(hdr, "Expect:")) != NULL)
		hdr = more;
	curl_easy_reset(h->curl);	/* keeps the open connection */
	curl_easy_setopt(h->curl, CURLOPT_URL, h->url);
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, buf_curl_sink);
	curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &reply);
	curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h->curl, CURLOPT_TIMEOUT, h->timeout);
	curl_easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT, h->timeout);
	curl_easy_setopt(h->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h->curl, CURLOPT_USERAGENT, "shelf-worker");
	rc = curl_easy_perform(h->curl);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &out->code);
		judge(out->code, &reply, out);
	} else
		snprintf(out->error, sizeof(out->error), "POST %.200s: %.250s", h->url,
		    err[0] != '\0' ? err : curl_easy_strerror(rc));
	curl_slist_free_all(hdr);
	buf_free(&reply);
	free(body);
}

struct record {
	const struct actor             *a;
	const struct fulfil_task       *claimed;
	const struct fulfil_http_reply *out;
	int                             max_attempts, delay;
	enum fulfil_status              result;
	char                           *why;
};

static enum core_err
record_txn(struct db *db, void *arg)
{
	struct record *x = arg;
	struct fulfil_task t;
	char msg[FULFIL_TEXT_MAX + 1];
	enum core_err er;

	if ((er = fulfil_lock(db, x->claimed->id, &t)) != CORE_OK)
		return er;
	if (t.status != FULFIL_QUEUED) {
		x->result = t.status;
		core_say(x->why, "Task %lld was settled meanwhile (%s).", (long long)t.id, fulfil_status_name(t.status));
		return CORE_CONFLICT;
	}
	x->result = x->out->status;
	if (x->out->status == FULFIL_DONE)
		return fulfil_end(db, x->a, &t, FULFIL_DONE, x->out->vendor_ref, 0, x->why);
	if (x->out->status == FULFIL_FAILED)
		return fulfil_end(db, x->a, &t, FULFIL_FAILED, x->out->error, 0, x->why);
	if (x->claimed->attempts >= x->max_attempts) {
		x->result = FULFIL_FAILED;
		snprintf(msg, sizeof(msg), "Gave up after %d attempts: %.440s", (int)x->claimed->attempts,
		    x->out->error);
		return fulfil_end(db, x->a, &t, FULFIL_FAILED, msg, 0, x->why);
	}
	return fulfil_wait(db, &t, FULFIL_QUEUED, x->delay, x->out->error);
}

enum core_err
fulfil_http_record(struct db *db, const struct actor *a, const struct fulfil_task *t,
    const struct fulfil_http_reply *out, int max_attempts, int delay_seconds, enum fulfil_status *result,
    char *why)
{
	struct record x = { a, t, out, max_attempts, delay_seconds, FULFIL_QUEUED, why };
	enum core_err er;

	if ((er = actor_may(a, ACT_SYSTEM)) != CORE_OK) {
		core_say(why, "You are not allowed to do this.");
		return er;
	}
	er = db_txn(db, record_txn, &x);
	if (result != NULL)
		*result = x.result;
	return er;
}
