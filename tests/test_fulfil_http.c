/*
 * test_fulfil_http.c - the http connector against a fulfilment endpoint
 * this test runs itself (a thread serving 127.0.0.1 on a free port) and
 * the real MariaDB, through the worker's step (fulfil_work_once): the
 * endpoint checks every request's HMAC signature and answers as the test
 * says: 2xx with a vendor_ref (done, stored, the order completes), 4xx
 * with a reason (failed, the order fails), 5xx, too slow, bad JSON
 * (retried: attempts grow, next attempt later), the last attempt
 * (failed), a wrong secret (401: failed), no fulfil_url (failed).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <cmocka.h>
#include "digest.h"
#include "fulfil_http.h"
#include "fulfil_work.h"
#include "order.h"
#include "testlib.h"
#include "testlib_fulfil.h"

#define SECRET "s3cret-for-tests"

enum mode { M_OK, M_4XX, M_5XX, M_SLOW, M_BADJSON };

/* The endpoint: what it answers next, and what it saw last. */
static struct {
	int             fd;
	int             port;
	volatile int    mode;
	volatile int    requests, bad_signatures;
	char            body[4096];
	pthread_mutex_t lock;
} ep = { .fd = -1, .lock = PTHREAD_MUTEX_INITIALIZER };

/* header - the value of header name in the request head (NUL-terminated) into out, "" when absent. */
static void
header(const char *head, const char *name, char *out, size_t sz)
{
	const char *p = head;
	size_t n = strlen(name), i;

	out[0] = '\0';
	while ((p = strstr(p, "\r\n")) != NULL) {
		p += 2;
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			p += n + 1;
			while (*p == ' ')
				p++;
			for (i = 0; i + 1 < sz && p[i] != '\r' && p[i] != '\0'; i++)
				out[i] = p[i];
			out[i] = '\0';
			return;
		}
	}
}

/* serve - one connection: read the request, check the signature, answer as ep.mode says. */
static void
serve(int c)
{
	char req[16384], ts[32], sig[128], len[16], want[72], reply[512], *body;
	const char *status, *json;
	size_t got = 0, need;
	ssize_t r;

	while (got < sizeof(req) - 1 && (r = read(c, req + got, sizeof(req) - 1 - got)) > 0) {
		got += (size_t)r;
		req[got] = '\0';
		if ((body = strstr(req, "\r\n\r\n")) != NULL) {
			header(req, "Content-Length", len, sizeof(len));
			need = (size_t)(body + 4 - req) + (size_t)atoi(len);
			if (got >= need)
				break;
		}
	}
	req[got] = '\0';
	if ((body = strstr(req, "\r\n\r\n")) == NULL)
		return;
	*body = '\0';
	body += 4;
	header(req, "X-Shelf-Timestamp", ts, sizeof(ts));
	header(req, "X-Shelf-Signature", sig, sizeof(sig));
	pthread_mutex_lock(&ep.lock);
	ep.requests++;
	snprintf(ep.body, sizeof(ep.body), "%s", body);
	pthread_mutex_unlock(&ep.lock);
	/* the endpoint's own check: HMAC-SHA256(secret, "<timestamp>.<body>") */
	if (fulfil_http_sign(SECRET, atoll(ts), body, want) != CORE_OK || strcmp(want, sig) != 0 ||
	    strncmp(req, "POST /fulfil ", 13) != 0) {
		ep.bad_signatures++;
		status = "401 Unauthorized";
		json = "{\"reason\": \"Bad signature\"}";
	} else
		switch (ep.mode) {
		case M_OK:
			status = "200 OK";
			json = "{\"vendor_ref\": \"VENDOR-42\", \"note\": \"provisioned\"}";
			break;
		case M_4XX:
			status = "422 Unprocessable Entity";
			json = "{\"reason\": \"Domain already managed by another partner\"}";
			break;
		case M_5XX:
			status = "503 Service Unavailable";
			json = "{\"detail\": \"maintenance\"}";
			break;
		case M_SLOW:
			sleep(3);	/* beyond the 1 s timeout */
			status = "200 OK";
			json = "{\"vendor_ref\": \"TOO-LATE\"}";
			break;
		default:
			status = "200 OK";
			json = "this is not JSON";
			break;
		}
	snprintf(reply, sizeof(reply), "HTTP/1.1 %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n\r\n%s", status, strlen(json), json);
	(void)send(c, reply, strlen(reply), MSG_NOSIGNAL);
}

static void *
conn_main(void *arg)
{
	int c = (int)(intptr_t)arg;

	serve(c);
	close(c);
	return NULL;
}

/* endpoint_main - a thread a connection, so a slow answer holds up no other request. */
static void *
endpoint_main(void *arg)
{
	pthread_t t;
	int c;

	(void)arg;
	while ((c = accept(ep.fd, NULL, NULL)) >= 0)
		if (pthread_create(&t, NULL, conn_main, (void *)(intptr_t)c) == 0)
			pthread_detach(t);
		else
			close(c);
	return NULL;
}

static void
endpoint_start(void)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	pthread_t t;

	if (ep.fd >= 0)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	if ((ep.fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 || bind(ep.fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(ep.fd, 16) != 0 || getsockname(ep.fd, (struct sockaddr *)&sa, &sl) != 0)
		fail_msg("cannot start the test endpoint");
	ep.port = ntohs(sa.sin_port);
	pthread_create(&t, NULL, endpoint_main, NULL);
	pthread_detach(t);
}

/* A worker's view: the configuration pointing at the endpoint, its connector. */
struct rig {
	const char         *dbn;
	struct db          *db;
	struct config       cfg;
	struct fulfil_http *h;
};

static void
rig_open(struct rig *g, const char *dbn, const char *secret, int max_attempts)
{
	g->dbn = dbn;
	g->db = testlib_fixture(dbn, TESTLIB_FULFIL_FIXTURE);
	endpoint_start();
	testlib_config(&g->cfg, dbn);
	snprintf(g->cfg.fulfil_url, sizeof(g->cfg.fulfil_url), "http://127.0.0.1:%d/fulfil", ep.port);
	snprintf(g->cfg.fulfil_secret, sizeof(g->cfg.fulfil_secret), "%s", secret);
	g->cfg.fulfil_timeout_seconds = 1;
	g->cfg.outbox_retry_seconds = 60;
	g->cfg.outbox_max_attempts = max_attempts;
	if ((g->h = fulfil_http_new(&g->cfg)) == NULL)
		fail_msg("fulfil_http_new");
}

static void
rig_close(struct rig *g)
{
	fulfil_http_free(g->h);
	db_close(g->db);
}

/* order - place an order of n x HTTP1 for customer 1, start it (the provision row); its task id. */
static int64_t
order(struct rig *g, int n, int64_t *order_id)
{
	struct actor u = testlib_owner(1, 1, 1);
	struct order_line_input line = { 4, n, 0 };
	struct fulfil_work_log log;
	int did = 0;

	*order_id = testlib_place(g->db, &u, &line, 1);
	assert_int_equal(fulfil_work_once(g->db, g->h, &g->cfg, 0, &did, &log), CORE_OK);
	assert_int_equal(did, 1);
	assert_string_equal(log.kind, "provision");
	assert_true(strncmp(log.outcome, "started", 7) == 0);
	return testlib_int(g->dbn, "SELECT f.id FROM fulfilments f JOIN order_lines ol ON ol.id = f.order_line_id"
	    " WHERE ol.order_id = %lld", (long long)*order_id);
}

/* work - one step of the worker, which must be task id's attempt; its log. */
static struct fulfil_work_log
work(struct rig *g, enum mode m, int64_t id)
{
	struct fulfil_work_log log;
	int did = 0;

	ep.mode = m;
	assert_int_equal(fulfil_work_once(g->db, g->h, &g->cfg, 0, &did, &log), CORE_OK);
	assert_int_equal(did, 1);
	assert_int_equal(log.id, id);
	assert_string_equal(log.kind, "http");
	return log;
}

static char *
task_str(struct rig *g, const char *cols, int64_t id)
{
	return testlib_str(g->dbn, "SELECT CONCAT_WS(' | ', %s) FROM fulfilments WHERE id = %lld", cols, (long long)id);
}

static void
success_stores_the_vendor_ref_and_completes(void **state)
{
	struct rig g;
	struct fulfil_work_log log;
	int64_t oid, id;
	char *s;
	json_t *j;

	(void)state;
	rig_open(&g, "shelf_fulfil_http_ok", SECRET, 8);
	id = order(&g, 3, &oid);
	log = work(&g, M_OK, id);
	assert_string_equal(log.outcome, "done vendor_ref=VENDOR-42");
	assert_int_equal(log.attempt, 1);
	s = task_str(&g, "status, vendor_ref, attempts, done_at IS NOT NULL", id);
	assert_string_equal(s, "done | VENDOR-42 | 1 | 1");
	free(s);
	testlib_str_is(g.dbn, "completed VENDOR-42 3",
	    "SELECT CONCAT(o.status, ' ', s.external_ref, ' ', s.quantity) FROM orders o"
	    " JOIN order_lines ol ON ol.order_id = o.id JOIN subscriptions s ON s.order_line_id = ol.id"
	    " WHERE o.id = %lld", (long long)oid);
	/* what the endpoint got: the task as documented in fulfil_http.h */
	j = json_loads(ep.body, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "task_id")), id);
	assert_string_equal(json_string_value(json_object_get(j, "action")), "provision");
	assert_string_equal(json_string_value(json_object_get(j, "order_number")), "SO-000001");
	assert_int_equal(json_integer_value(json_object_get(j, "line")), 1);
	assert_string_equal(json_string_value(json_object_get(j, "product_sku")), "HTTP1");
	assert_int_equal(json_integer_value(json_object_get(j, "quantity")), 3);
	assert_int_equal(json_integer_value(json_object_get(j, "reseller_id")), 1);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "customer"), "name")), "Cust One");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "customer"), "email")), "c1@example.com");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "customer"), "id")), 1);
	json_decref(j);
	assert_int_equal(ep.bad_signatures, 0);
	rig_close(&g);
}

static void
client_error_fails_the_task_and_the_order(void **state)
{
	struct rig g;
	struct fulfil_work_log log;
	int64_t oid, id;
	char *s;

	(void)state;
	rig_open(&g, "shelf_fulfil_http_4xx", SECRET, 8);
	id = order(&g, 1, &oid);
	log = work(&g, M_4XX, id);
	assert_string_equal(log.outcome, "failed: Domain already managed by another partner");
	s = task_str(&g, "status, error", id);
	assert_string_equal(s, "failed | Domain already managed by another partner");
	free(s);
	testlib_str_is(g.dbn, "failed | HTTP1: Domain already managed by another partner",
	    "SELECT CONCAT(status, ' | ', failure_reason) FROM orders WHERE id = %lld", (long long)oid);
	assert_int_equal(testlib_int(g.dbn, "SELECT COUNT(*) FROM subscriptions"), 0);
	rig_close(&g);
}

/* due_now - make task id due again (the fixed test clock never reaches the backoff). */
static void
due_now(struct rig *g, int64_t id)
{
	testlib_sql(g->dbn, "UPDATE fulfilments SET next_attempt_at = NOW() - INTERVAL 1 SECOND WHERE id = %lld",
	    (long long)id);
}

static void
server_errors_timeouts_and_bad_replies_are_retried(void **state)
{
	struct rig g;
	struct fulfil_work_log log;
	struct fulfil_task t;
	int64_t oid, id;
	int found;
	char *s;

	(void)state;
	rig_open(&g, "shelf_fulfil_http_retry", SECRET, 4);
	id = order(&g, 1, &oid);
	/* 5xx: queued again after the backoff, the attempt counted */
	log = work(&g, M_5XX, id);
	assert_int_equal(log.attempt, 1);
	assert_true(strncmp(log.outcome, "retry in 60s: HTTP 503: maintenance", 35) == 0);
	s = task_str(&g, "status, attempts, error", id);
	assert_string_equal(s, "queued | 1 | HTTP 503: maintenance");
	free(s);
	assert_int_equal(testlib_int(g.dbn, "SELECT next_attempt_at = NOW() + INTERVAL 60 SECOND FROM fulfilments"
	    " WHERE id = %lld", (long long)id), 1);
	assert_int_equal(fulfil_claim(g.db, &t, &found), CORE_OK);
	assert_int_equal(found, 0);	/* not due before its time */
	assert_int_equal(testlib_int(g.dbn, "SELECT status = 'provisioning' FROM orders WHERE id = %lld",
	    (long long)oid), 1);

	/* no answer within fulfil_timeout_seconds: retried, later */
	due_now(&g, id);
	log = work(&g, M_SLOW, id);
	assert_int_equal(log.attempt, 2);
	assert_non_null(strstr(log.outcome, "retry in 120s: POST http://127.0.0.1:"));
	assert_int_equal(testlib_int(g.dbn, "SELECT status = 'queued' AND attempts = 2 AND error LIKE '%%imed out%%'"
	    " AND next_attempt_at = NOW() + INTERVAL 120 SECOND FROM fulfilments WHERE id = %lld", (long long)id), 1);

	/* 2xx that is not the documented JSON: retried */
	due_now(&g, id);
	log = work(&g, M_BADJSON, id);
	assert_int_equal(log.attempt, 3);
	s = task_str(&g, "status, attempts, error", id);
	assert_string_equal(s, "queued | 3 | HTTP 200 without a vendor_ref in a JSON object");
	free(s);

	/* the last attempt (outbox_max_attempts 4) fails the task and the order */
	due_now(&g, id);
	log = work(&g, M_5XX, id);
	assert_int_equal(log.attempt, 4);
	s = task_str(&g, "status, attempts, error", id);
	assert_string_equal(s, "failed | 4 | Gave up after 4 attempts: HTTP 503: maintenance");
	free(s);
	assert_int_equal(testlib_int(g.dbn, "SELECT status = 'failed' FROM orders WHERE id = %lld", (long long)oid), 1);
	assert_int_equal(ep.bad_signatures, 0);
	rig_close(&g);
}

static void
a_wrong_secret_is_refused_by_the_endpoint(void **state)
{
	struct rig g;
	struct fulfil_work_log log;
	int64_t oid, id;
	int before;
	char *s;

	(void)state;
	rig_open(&g, "shelf_fulfil_http_sig", "not-the-secret", 8);
	before = ep.bad_signatures;
	id = order(&g, 1, &oid);
	log = work(&g, M_OK, id);
	assert_int_equal(ep.bad_signatures, before + 1);
	assert_string_equal(log.outcome, "failed: Bad signature");
	s = task_str(&g, "status, error", id);
	assert_string_equal(s, "failed | Bad signature");
	free(s);
	assert_int_equal(testlib_int(g.dbn, "SELECT status = 'failed' FROM orders WHERE id = %lld", (long long)oid), 1);
	rig_close(&g);

	/* the same request with the right secret passes the same check */
	rig_open(&g, "shelf_fulfil_http_sig", SECRET, 8);
	id = order(&g, 1, &oid);
	log = work(&g, M_OK, id);
	assert_int_equal(ep.bad_signatures, before + 1);
	assert_string_equal(log.outcome, "done vendor_ref=VENDOR-42");
	rig_close(&g);
}

static void
no_endpoint_fails_with_a_clear_error(void **state)
{
	struct rig g;
	struct fulfil_work_log log;
	int64_t oid, id;
	int before = ep.requests;

	(void)state;
	rig_open(&g, "shelf_fulfil_http_none", SECRET, 8);
	fulfil_http_free(g.h);
	g.cfg.fulfil_url[0] = '\0';
	g.h = fulfil_http_new(&g.cfg);
	id = order(&g, 1, &oid);
	log = work(&g, M_OK, id);
	assert_string_equal(log.outcome, "failed: No fulfilment endpoint is configured (fulfil_url), so the http"
	    " connector cannot reach the vendor.");
	assert_int_equal(ep.requests, before);
	assert_int_equal(testlib_int(g.dbn, "SELECT status = 'failed' FROM orders WHERE id = %lld", (long long)oid), 1);
	rig_close(&g);
}

static void
the_signature_is_hmac_sha256_of_timestamp_and_body(void **state)
{
	char sig[72];

	(void)state;
	/* what the endpoint recomputes: the hex HMAC of "<timestamp>.<body>" under the secret */
	assert_int_equal(fulfil_http_sign("key", 1700000000, "{}", sig), CORE_OK);
	assert_int_equal(strlen(sig), 7 + 64);
	assert_true(strncmp(sig, "sha256=", 7) == 0);
	{
		uint8_t mac[DIGEST_SHA256_LEN];
		char hex[DIGEST_SHA256_HEX];

		assert_int_equal(digest_hmac_sha256("key", 3, "1700000000.{}", 13, mac), CORE_OK);
		digest_hex(mac, sizeof(mac), hex);
		assert_string_equal(sig + 7, hex);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_signature_is_hmac_sha256_of_timestamp_and_body),
		cmocka_unit_test(success_stores_the_vendor_ref_and_completes),
		cmocka_unit_test(client_error_fails_the_task_and_the_order),
		cmocka_unit_test(server_errors_timeouts_and_bad_replies_are_retried),
		cmocka_unit_test(a_wrong_secret_is_refused_by_the_endpoint),
		cmocka_unit_test(no_endpoint_fails_with_a_clear_error),
	};

	signal(SIGPIPE, SIG_IGN);
	return testlib_result(cmocka_run_group_tests_name("fulfil_http", tests, NULL, NULL));
}
