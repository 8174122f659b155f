/*
 * webhook_send.c - deliver webhook rows of the outbox (webhook_send.h).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <curl/curl.h>
#include <jansson.h>
#include "buf.h"
#include "outbox.h"
#include "str.h"
#include "version.h"
#include "webhook.h"
#include "webhook_send.h"


struct webhook_sender {
	CURL          *curl;
	struct config  cfg;
	char           agent[64];
	int            refused;		/* the last connection's address was refused */
};

enum { WS_ENDPOINT, WS_LOCK, WS_LOG, WS_OK, WS_FAIL, WS_DISABLE, WS_ADMINS, WS__MAX };

static const char *const sql[WS__MAX] = {
	[WS_ENDPOINT] = "SELECT url, secret, enabled FROM webhook_endpoints WHERE id = ?",
	[WS_LOCK] =
	    "SELECT e.failures, e.enabled, e.reseller_id, e.url, r.name FROM webhook_endpoints e"
	    " JOIN resellers r ON r.id = e.reseller_id WHERE e.id = ? FOR UPDATE",
	[WS_LOG] =
	    "INSERT INTO webhook_deliveries (endpoint_id, reseller_id, outbox_id, msg_id, event_type, attempt,"
	    " http_status, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[WS_OK] = "UPDATE webhook_endpoints SET failures = 0 WHERE id = ? AND failures <> 0",
	[WS_FAIL] = "UPDATE webhook_endpoints SET failures = failures + 1 WHERE id = ?",
	[WS_DISABLE] =
	    "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, disabled_at = NOW() WHERE id = ?",
	/* who hears of a disabled endpoint: the reseller's active admins with an address, and the reseller */
	[WS_ADMINS] =
	    "SELECT email FROM operators WHERE reseller_id = ? AND role = 'reseller_admin' AND active = 1"
	    " AND email IS NOT NULL AND email <> ''"
	    " UNION SELECT email FROM resellers WHERE id = ? AND email <> ''",
};

static const struct db_table table = { DB_MOD_WEBHOOK_SEND, sql, WS__MAX };

struct webhook_sender *
webhook_sender_new(const struct config *cfg)
{
	struct webhook_sender *s;
	const char *v = version_string();

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || (s->curl = curl_easy_init()) == NULL) {
		free(s);
		return NULL;
	}
	s->cfg = *cfg;
	snprintf(s->agent, sizeof(s->agent), "Shelf-Webhooks/%.*s", (int)strcspn(v, " "), v);
	return s;
}

void
webhook_sender_free(struct webhook_sender *s)
{
	if (s == NULL)
		return;
	curl_easy_cleanup(s->curl);
	curl_global_cleanup();
	explicit_bzero(&s->cfg, sizeof(s->cfg));
	free(s);
}

/*
 * on_socket - libcurl's opensocket callback: the address it is about to
 * connect to is refused when it is internal (webhook_addr_internal),
 * unless it is loopback and the configuration allows that.
 */
static curl_socket_t
on_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *addr)
{
	struct webhook_sender *s = arg;
	char text[INET6_ADDRSTRLEN] = "";

	(void)purpose;
	if (addr->family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&addr->addr)->sin_addr, text, sizeof(text));
	else if (addr->family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&addr->addr)->sin6_addr, text, sizeof(text));
	if (webhook_addr_internal(text) != 0 && !(s->cfg.webhook_allow_http_loopback && webhook_addr_loopback(text))) {
		s->refused = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(addr->family, addr->socktype, addr->protocol);
}

/* One attempt, as it is logged and judged. */
struct attempt {
	int64_t outbox_id, endpoint_id, reseller_id;
	int     number;
	char    msg_id[WEBHOOK_MSGID_SZ + 24];
	char    type[41];
	long    status;			/* 0: no answer */
	int     ms;
	char    error[501];		/* "" for a 2xx */
	int     give_up;		/* failed for good whatever the count says */
	int     delay;
	int     max_attempts, disable_after;
	/* set by record_txn */
	int     disabled;		/* this attempt disabled the endpoint */
	int     gone;			/* the endpoint went meanwhile */
};

/* post - POST body to url signed for a; the outcome into a->status, a->error, a->ms. */
static void
post(struct webhook_sender *s, const char *url, const char *secret, const char *body, struct attempt *a)
{
	struct curl_slist *hdr = NULL, *more;
	struct buf reply = { NULL, 0, 0 };
	char sig[WEBHOOK_SIG_SZ], line[160], err[CURL_ERROR_SIZE] = "";
	long long ts = (long long)time(NULL);
	const char *lines[2];
	struct timespec t0, t1;
	CURLcode rc;
	size_t i;

	if (webhook_sign(secret, a->msg_id, ts, body, sig) != CORE_OK) {
		str_copy(a->error, sizeof(a->error), "the endpoint's secret cannot sign (rotate it)");
		return;
	}
	lines[0] = "Content-Type: application/json";
	lines[1] = "Expect:";
	for (i = 0; i < 2; i++)
		if ((more = curl_slist_append(hdr, lines[i])) != NULL)
			hdr = more;
	snprintf(line, sizeof(line), "webhook-id: %s", a->msg_id);
	if ((more = curl_slist_append(hdr, line)) != NULL)
		hdr = more;
	snprintf(line, sizeof(line), "webhook-timestamp: %lld", ts);
	if ((more = curl_slist_append(hdr, line)) != NULL)
		hdr = more;
	snprintf(line, sizeof(line), "webhook-signature: %s", sig);
	if ((more = curl_slist_append(hdr, line)) != NULL)
		hdr = more;
	s->refused = 0;
	curl_easy_reset(s->curl);	/* keeps open connections */
	curl_easy_setopt(s->curl, CURLOPT_URL, url);
	curl_easy_setopt(s->curl, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(s->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(s->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
	curl_easy_setopt(s->curl, CURLOPT_WRITEFUNCTION, buf_curl_sink);
	curl_easy_setopt(s->curl, CURLOPT_WRITEDATA, &reply);
	curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, err);
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_TIMEOUT, (long)s->cfg.webhook_timeout_seconds);
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT, (long)s->cfg.webhook_timeout_seconds);
	curl_easy_setopt(s->curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(s->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(s->curl, CURLOPT_USERAGENT, s->agent);
	curl_easy_setopt(s->curl, CURLOPT_OPENSOCKETFUNCTION, on_socket);
	curl_easy_setopt(s->curl, CURLOPT_OPENSOCKETDATA, s);
	curl_easy_setopt(s->curl, CURLOPT_PROXY, "");	/* never through a proxy of the environment */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = curl_easy_perform(s->curl);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	a->ms = (int)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &a->status);
		if (a->status < 200 || a->status > 299)
			snprintf(a->error, sizeof(a->error), "HTTP %ld", a->status);
	} else if (s->refused)
		str_copy(a->error, sizeof(a->error), "refused: the URL resolves to a private or internal address");
	else
		snprintf(a->error, sizeof(a->error), "%.480s", err[0] != '\0' ? err : curl_easy_strerror(rc));
	curl_slist_free_all(hdr);
	buf_free(&reply);
}

/* notify - the webhook_disabled e-mail to each of the reseller's admins, queued in this transaction. */
static enum core_err
notify(struct db *db, const struct attempt *a, const char *url, const char *reseller, const char *reason)
{
	char subject[200];
	struct db_res *r;
	json_t *data;
	char **to = NULL;
	size_t n = 0, i;
	enum core_err er;

	if ((er = db_query(db, &table, WS_ADMINS, &r, "ii", a->reseller_id, a->reseller_id)) != CORE_OK)
		return er;
	while (db_res_next(r)) {
		char **m = realloc(to, (n + 1) * sizeof(*to));

		if (m == NULL || (m[n] = db_res_strdup(r, 0)) == NULL) {
			to = m != NULL ? m : to;
			er = CORE_ENOMEM;
			break;
		}
		to = m;
		n++;
	}
	db_res_free(r);
	snprintf(subject, sizeof(subject), "Webhook endpoint %lld disabled after repeated failures",
	    (long long)a->endpoint_id);
	data = json_pack("{s:s, s:I, s:s, s:s, s:i, s:s}", "company_name", reseller, "endpoint_id",
	    (json_int_t)a->endpoint_id, "url", url, "reason", reason, "failures", a->disable_after,
	    "last_error", a->error);
	if (data == NULL && er == CORE_OK)
		er = CORE_ENOMEM;
	for (i = 0; i < n && er == CORE_OK; i++)
		er = outbox_email(db, a->reseller_id, to[i], subject, "webhook_disabled", data);
	for (i = 0; i < n; i++)
		free(to[i]);
	free(to);
	json_decref(data);
	return er;
}

static enum core_err
record_txn(struct db *db, void *arg)
{
	struct attempt *a = arg;
	struct db_res *r;
	char url[WEBHOOK_URL_MAX + 1], reseller[201 * 4], reason[300];
	int64_t failures;
	int enabled;
	enum core_err er;

	a->disabled = a->gone = 0;
	if ((er = db_query(db, &table, WS_LOCK, &r, "i", a->endpoint_id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		a->gone = 1;
		return outbox_failed(db, a->outbox_id, "the webhook endpoint was deleted", 0, 1);
	}
	failures = db_res_int(r, 0);
	enabled = (int)db_res_int(r, 1);
	a->reseller_id = db_res_int(r, 2);
	str_copy(url, sizeof(url), db_res_str(r, 3));
	str_copy(reseller, sizeof(reseller), db_res_str(r, 4));
	db_res_free(r);
	if ((er = db_exec(db, &table, WS_LOG, NULL, "iiissiisi", a->endpoint_id, a->reseller_id, a->outbox_id,
	    a->msg_id, a->type, (int64_t)a->number, a->status > 0 ? (int64_t)a->status : (int64_t)0,
	    a->error[0] ? a->error : NULL, (int64_t)a->ms)) != CORE_OK)
		return er;
	if (a->error[0] == '\0') {
		if ((er = db_exec(db, &table, WS_OK, NULL, "i", a->endpoint_id)) != CORE_OK)
			return er;
		return outbox_sent(db, a->outbox_id);
	}
	if ((er = db_exec(db, &table, WS_FAIL, NULL, "i", a->endpoint_id)) != CORE_OK)
		return er;
	failures++;
	if (enabled && failures >= a->disable_after) {
		snprintf(reason, sizeof(reason), "Disabled by the worker after %lld consecutive failed deliveries"
		    " (the last: %.120s).", (long long)failures, a->error);
		if ((er = db_exec(db, &table, WS_DISABLE, NULL, "si", reason, a->endpoint_id)) != CORE_OK ||
		    (er = notify(db, a, url, reseller, reason)) != CORE_OK)
			return er;
		a->disabled = 1;
		return outbox_failed(db, a->outbox_id, a->error, 0, 1);
	}
	return outbox_failed(db, a->outbox_id, a->error, a->give_up ? 0 : a->delay, a->give_up);
}

/* payload - the row's endpoint, msg id, type and body (malloc'd, the caller's); -1 when it is not a webhook's. */
static int
payload(const char *text, struct attempt *a, char **body)
{
	json_t *j = json_loads(text, 0, NULL), *ev;
	const char *m, *t;
	int rc = -1;

	*body = NULL;
	ev = json_object_get(j, "event");
	m = json_string_value(json_object_get(j, "msg_id"));
	t = json_string_value(json_object_get(ev, "type"));
	a->endpoint_id = json_integer_value(json_object_get(j, "endpoint_id"));
	if (json_is_object(ev) && m != NULL && strlen(m) < sizeof(a->msg_id) && t != NULL && webhook_event_parse(t) >= 0 &&
	    a->endpoint_id > 0 && (*body = json_dumps(ev, JSON_COMPACT | JSON_SORT_KEYS)) != NULL) {
		str_copy(a->msg_id, sizeof(a->msg_id), m);
		str_copy(a->type, sizeof(a->type), t);
		rc = 0;
	}
	json_decref(j);
	return rc;
}

enum core_err
webhook_send_once(struct db *db, struct webhook_sender *s, unsigned random, int *did, char *line, size_t sz)
{
	struct outbox_item it;
	struct attempt a;
	struct db_res *r;
	char url[WEBHOOK_URL_MAX + 1], secret[WEBHOOK_SECRET_SZ], *body = NULL;
	const char *skip = NULL;
	int n = 0, enabled = 0, found = 0;
	enum core_err er;

	*did = 0;
	line[0] = '\0';
	memset(&it, 0, sizeof(it));
	if ((er = outbox_claim(db, OUTBOX_WEBHOOK, 1, &it, &n)) != CORE_OK || n == 0)
		return er;
	*did = 1;
	memset(&a, 0, sizeof(a));
	a.outbox_id = it.id;
	a.number = it.attempts;
	a.max_attempts = s->cfg.outbox_max_attempts;
	a.disable_after = s->cfg.webhook_disable_after;
	if (payload(it.payload, &a, &body) != 0) {
		er = outbox_failed(db, it.id, "not a webhook payload (endpoint_id, msg_id, event)", 0, 1);
		snprintf(line, sz, "id=%lld kind=webhook attempt=%d outcome=failed: not a webhook payload",
		    (long long)it.id, it.attempts);
		goto out;
	}
	if ((er = db_query(db, &table, WS_ENDPOINT, &r, "i", a.endpoint_id)) != CORE_OK)
		goto out;
	if (db_res_next(r)) {
		found = 1;
		str_copy(url, sizeof(url), db_res_str(r, 0));
		str_copy(secret, sizeof(secret), db_res_str(r, 1));
		enabled = (int)db_res_int(r, 2);
	}
	db_res_free(r);
	if (!found)
		skip = "the webhook endpoint was deleted";
	else if (!enabled)
		skip = "the webhook endpoint is disabled: not sent";
	if (skip != NULL) {
		er = outbox_failed(db, it.id, skip, 0, 1);
		snprintf(line, sz, "id=%lld kind=webhook attempt=%d outcome=skipped: %s", (long long)it.id, it.attempts,
		    skip);
		goto out;
	}
	post(s, url, secret, body, &a);
	explicit_bzero(secret, sizeof(secret));
	a.give_up = it.attempts >= a.max_attempts;
	a.delay = outbox_backoff(s->cfg.outbox_retry_seconds, it.attempts, random);
	if ((er = db_txn(db, record_txn, &a)) != CORE_OK) {
		snprintf(line, sz, "id=%lld kind=webhook attempt=%d outcome=%s, not recorded", (long long)it.id,
		    it.attempts, a.error[0] ? "error" : "sent");
		goto out;
	}
	if (a.error[0] == '\0')
		snprintf(line, sz, "id=%lld kind=webhook attempt=%d outcome=sent endpoint=%lld msg=%s status=%ld ms=%d",
		    (long long)it.id, it.attempts, (long long)a.endpoint_id, a.msg_id, a.status, a.ms);
	else if (a.gone)
		snprintf(line, sz, "id=%lld kind=webhook attempt=%d outcome=skipped: the endpoint was deleted",
		    (long long)it.id, it.attempts);
	else
		snprintf(line, sz, "id=%lld kind=webhook attempt=%d outcome=%s endpoint=%lld msg=%s: %s",
		    (long long)it.id, it.attempts,
		    a.disabled ? "failed, endpoint disabled" : a.give_up ? "failed" : "retry",
		    (long long)a.endpoint_id, a.msg_id, a.error);
out:
	free(body);
	outbox_items_free(&it, 1);
	return er;
}
