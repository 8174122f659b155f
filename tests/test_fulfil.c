/*
 * test_fulfil.c - fulfilment against the real MariaDB: an order's start
 * (tasks per line, provisioning, the outbox row sent once), the keys
 * connector (exactly quantity keys, completion with the key as the
 * subscription's and asset's reference, an empty stock waiting until an
 * import queues it again, imports refusing bad input whole), manual
 * tasks settled by hand (roles, double marks, bad references, a failure
 * failing the order), and two workers racing for 150 keys with 200
 * orders.  The http connector: test_fulfil_http.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "fulfil.h"
#include "fulfil_work.h"
#include "keys.h"
#include "order.h"
#include "testlib.h"
#include "testlib_fulfil.h"

static struct actor
sys_actor(void)
{
	struct actor a;

	actor_system(&a, 0);
	return a;
}

static enum core_err
start_order(struct db *db, const char *dbn, int64_t order_id)
{
	struct actor sys = sys_actor();
	char why[CORE_WHY] = "";
	int64_t row = testlib_int(dbn, "SELECT COALESCE(MAX(id), 0) FROM outbox WHERE kind = 'provision'"
	    " AND JSON_VALUE(payload, '$.order_id') = %lld", (long long)order_id);

	return fulfil_start(db, &sys, order_id, row, why);
}

static int64_t
place(struct db *db, int64_t customer, const struct order_line_input *lines, size_t n)
{
	struct actor u = testlib_owner(customer, 1, customer);

	return testlib_place(db, &u, lines, n);
}

/* task_of - the task id of product's line of order id. */
static int64_t
task_of(const char *dbn, int64_t order_id, int64_t product)
{
	return testlib_int(dbn, "SELECT f.id FROM fulfilments f JOIN order_lines ol ON ol.id = f.order_line_id"
	    " WHERE ol.order_id = %lld AND ol.product_id = %lld", (long long)order_id, (long long)product);
}

static void
order_status_is(const char *dbn, int64_t id, const char *want)
{
	testlib_str_is(dbn, want, "SELECT status FROM orders WHERE id = %lld", (long long)id);
}

static void
start_makes_tasks_and_moves_the_order(void **state)
{
	const char *dbn = "shelf_fulfil_start";
	struct db *db = testlib_fixture(dbn, TESTLIB_FULFIL_FIXTURE);
	struct order_line_input lines[] = { { 1, 2, 0 }, { 2, 3, 0 }, { 4, 1, 0 } };
	struct actor ra1 = testlib_admin(1, 1), sys = sys_actor();
	char why[CORE_WHY] = "";
	int64_t id, pending, row;

	(void)state;
	id = place(db, 1, lines, 3);
	row = testlib_int(dbn, "SELECT id FROM outbox WHERE kind = 'provision'");
	/* the system only */
	assert_int_equal(fulfil_start(db, &ra1, id, row, why), CORE_FORBIDDEN);
	assert_int_equal(start_order(db, dbn, id), CORE_OK);
	order_status_is(dbn, id, "provisioning");
	assert_int_equal(testlib_int(dbn, "SELECT status = 'sent' FROM outbox WHERE id = %lld", (long long)row), 1);
	/* one task per line: the product's connector, the line's quantity; manual waits */
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments"), 3);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments f JOIN order_lines ol ON ol.id = f.order_line_id"
	    " JOIN products p ON p.id = ol.product_id WHERE ol.order_id = %lld AND f.action = 'provision'"
	    " AND f.connector = p.connector AND f.quantity = ol.quantity AND f.product_id = ol.product_id"
	    " AND f.reseller_id = 1 AND f.customer_id = 1 AND f.attempts = 0 AND f.done_at IS NULL"
	    " AND f.status = IF(p.connector = 'manual', 'waiting', 'queued')", (long long)id), 3);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.start_provisioning'"
	    " AND entity_id = %lld AND actor_kind = 'system'", (long long)id), 1);
	/* a second delivery of the row (a crash before it was recorded) starts nothing twice */
	assert_int_equal(fulfil_start(db, &sys, id, row, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments"), 3);
	order_status_is(dbn, id, "provisioning");

	/* an order awaiting approval (a stray row) is not started; the row is done with */
	pending = place(db, 2, lines, 1);
	testlib_sql(dbn, "INSERT INTO outbox (kind, reseller_id, payload) VALUES ('provision', 1, '{\"order_id\": %lld}')",
	    (long long)pending);
	assert_int_equal(start_order(db, dbn, pending), CORE_OK);
	order_status_is(dbn, pending, "pending_approval");
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM outbox WHERE kind = 'provision' AND status = 'pending'"), 0);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments"), 3);
	db_close(db);
}

static void
keys_give_quantity_keys_and_complete_the_order(void **state)
{
	const char *dbn = "shelf_fulfil_keys";
	struct db *db = testlib_fixture(dbn, TESTLIB_FULFIL_FIXTURE
	    ";INSERT INTO licence_keys (product_id, licence_key) SELECT 1, CONCAT('KEY1-', LPAD(seq, 4, '0')) FROM seq_1_to_5"
	    ";INSERT INTO licence_keys (product_id, licence_key) SELECT 3, CONCAT('SW1-', LPAD(seq, 4, '0')) FROM seq_1_to_2");
	struct order_line_input lines[] = { { 1, 2, 0 }, { 3, 1, 0 } };
	struct actor sys = sys_actor(), u1 = testlib_owner(1, 1, 1), ra1 = testlib_admin(1, 1);
	struct fulfil_task t;
	enum fulfil_status st;
	struct order o;
	char why[CORE_WHY] = "";
	int64_t id, first;
	int found;
	json_t *j, *keys;

	(void)state;
	id = place(db, 1, lines, 2);
	assert_int_equal(start_order(db, dbn, id), CORE_OK);
	first = task_of(dbn, id, 1);
	/* claimed oldest first: a lease, one more attempt */
	assert_int_equal(fulfil_claim(db, &t, &found), CORE_OK);
	assert_int_equal(found, 1);
	assert_int_equal(t.id, first);
	assert_int_equal(t.attempts, 1);
	assert_string_equal(t.connector, "keys");
	assert_string_equal(t.sku, "KEY1");
	assert_string_equal(t.order_number, "SO-000001");
	assert_int_equal(t.quantity, 2);
	assert_int_equal(testlib_int(dbn, "SELECT next_attempt_at = NOW() + INTERVAL %d SECOND FROM fulfilments"
	    " WHERE id = %lld", 300, (long long)first), 1);
	assert_int_equal(keys_assign(db, &ra1, t.id, &st, why), CORE_FORBIDDEN);
	assert_int_equal(keys_assign(db, &sys, t.id, &st, why), CORE_OK);
	assert_int_equal(st, FULFIL_DONE);
	/* exactly the quantity, the lowest keys, the first as the reference */
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM licence_keys k JOIN fulfilments f"
	    " ON f.order_line_id = k.order_line_id WHERE f.id = %lld AND k.assigned_at IS NOT NULL", (long long)first), 2);
	testlib_str_is(dbn, "done KEY1-0001",
	    "SELECT CONCAT(status, ' ', vendor_ref) FROM fulfilments WHERE id = %lld", (long long)first);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM licence_keys WHERE product_id = 1 AND order_line_id IS NULL"), 3);
	/* done again: the task is no longer queued */
	assert_int_equal(keys_assign(db, &sys, first, &st, why), CORE_CONFLICT);
	order_status_is(dbn, id, "provisioning");	/* the software line is still open */

	assert_int_equal(fulfil_claim(db, &t, &found), CORE_OK);
	assert_int_equal(found, 1);
	assert_int_equal(keys_assign(db, &sys, t.id, &st, why), CORE_OK);
	order_status_is(dbn, id, "completed");
	/* completed as order_advance(COMPLETE) does, the key as the reference */
	testlib_str_is(dbn, "active 2 KEY1-0001",
	    "SELECT CONCAT(s.status, ' ', s.quantity, ' ', s.external_ref) FROM subscriptions s"
	    " JOIN order_lines ol ON ol.id = s.order_line_id WHERE ol.order_id = %lld", (long long)id);
	testlib_str_is(dbn, "SW1-0001", "SELECT a.serial FROM assets a JOIN order_lines ol ON ol.id = a.order_line_id"
	    " WHERE ol.order_id = %lld", (long long)id);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.complete'"
	    " AND entity_id = %lld", (long long)id), 1);
	assert_int_equal(fulfil_claim(db, &t, &found), CORE_OK);
	assert_int_equal(found, 0);

	/* the customer sees the keys of each line */
	assert_int_equal(order_get(db, &u1, id, &o), CORE_OK);
	assert_int_equal(o.nlines, 2);
	assert_int_equal(o.lines[0].nkeys, 2);
	assert_string_equal(o.lines[0].keys[1], "KEY1-0002");
	assert_int_equal(o.lines[0].fulfil_status, FULFIL_DONE);
	j = order_to_json(&o);
	keys = json_object_get(json_array_get(json_object_get(j, "lines"), 1), "keys");
	assert_int_equal(json_array_size(keys), 1);
	assert_string_equal(json_string_value(json_array_get(keys, 0)), "SW1-0001");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "lines"), 1),
	    "fulfil_label")), "Done");
	json_decref(j);
	order_free(&o);
	db_close(db);
}

static void
empty_stock_waits_until_an_import(void **state)
{
	const char *dbn = "shelf_fulfil_stock";
	struct db *db = testlib_fixture(dbn, TESTLIB_FULFIL_FIXTURE);
	struct order_line_input line = { 1, 3, 0 };
	struct actor sys = sys_actor(), dist = testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 5, 1, 0, 0, "dist");
	struct actor ra1 = testlib_admin(1, 1), other = testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 6, 2, 0, 0, "other");
	struct keys_import_result r;
	struct keys_stock_list l;
	struct fulfil_task t;
	enum fulfil_status st;
	const char two[] = "# first delivery\nAAAA-1111\n\n  BBBB-2222  \n";
	const char more[] = "bbbb-2222\nCCCC-3333\r\nCCCC-3333\n";
	char why[CORE_WHY] = "";
	int64_t id, task;
	int found;

	(void)state;
	id = place(db, 1, &line, 1);
	assert_int_equal(start_order(db, dbn, id), CORE_OK);
	task = task_of(dbn, id, 1);
	assert_int_equal(fulfil_claim(db, &t, &found), CORE_OK);
	assert_int_equal(keys_assign(db, &sys, t.id, &st, why), CORE_OK);
	assert_int_equal(st, FULFIL_WAITING);
	testlib_str_is(dbn, "waiting No licence keys in stock for SKU KEY1 (3 needed, 0 free).",
	    "SELECT CONCAT(status, ' ', error) FROM fulfilments WHERE id = %lld", (long long)task);
	assert_int_equal(fulfil_claim(db, &t, &found), CORE_OK);
	assert_int_equal(found, 0);	/* waiting is not due */

	/* refused imports change nothing */
	assert_int_equal(keys_import(db, &ra1, "KEY1", two, strlen(two), &r, why), CORE_FORBIDDEN);
	assert_int_equal(keys_import(db, &dist, "NOPE", two, strlen(two), &r, why), CORE_NOTFOUND);
	assert_int_equal(keys_import(db, &other, "KEY1", two, strlen(two), &r, why), CORE_NOTFOUND);
	assert_int_equal(keys_import(db, &dist, "MAN1", two, strlen(two), &r, why), CORE_INVALID);
	assert_int_equal(keys_import(db, &dist, "KEY1", "# nothing\n\n", 11, &r, why), CORE_INVALID);
	assert_int_equal(keys_import(db, &dist, "KEY1", "GOOD-1\nBAD\x01KEY\n", 15, &r, why), CORE_INVALID);
	assert_string_equal(why, "Line 2: not a licence key (bad UTF-8 or a control character).");
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM licence_keys"), 0);
	assert_int_equal(testlib_int(dbn, "SELECT status = 'waiting' FROM fulfilments WHERE id = %lld", (long long)task), 1);

	/* two keys (by id): queued again, still too few, waiting again */
	assert_int_equal(keys_import(db, &dist, "1", two, strlen(two), &r, why), CORE_OK);
	assert_int_equal(r.imported, 2);
	assert_int_equal(r.duplicates, 0);
	assert_int_equal(r.free, 2);
	assert_int_equal(r.requeued, 1);
	assert_string_equal(r.sku, "KEY1");
	assert_int_equal(testlib_int(dbn, "SELECT status = 'queued' AND next_attempt_at <= NOW() AND error IS NULL"
	    " FROM fulfilments WHERE id = %lld", (long long)task), 1);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action = 'keys.import' AND actor_id = 5"), 1);
	assert_int_equal(fulfil_claim(db, &t, &found), CORE_OK);
	assert_int_equal(keys_assign(db, &sys, t.id, &st, why), CORE_OK);
	assert_int_equal(st, FULFIL_WAITING);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM licence_keys WHERE order_line_id IS NOT NULL"), 0);

	/* duplicates (in the stock, in the file) are skipped and counted */
	assert_int_equal(keys_import(db, &dist, "KEY1", more, strlen(more), &r, why), CORE_OK);
	assert_int_equal(r.imported, 1);
	assert_int_equal(r.duplicates, 2);
	assert_int_equal(r.dup_lines[0], 1);
	assert_int_equal(r.dup_lines[1], 3);
	assert_int_equal(r.free, 3);
	assert_int_equal(keys_stock(db, &dist, &l), CORE_OK);
	assert_int_equal(l.n, 2);	/* KEY1 and SW1 */
	assert_string_equal(l.items[0].sku, "KEY1");
	assert_int_equal(l.items[0].free, 3);
	assert_int_equal(l.items[0].waiting, 0);
	keys_stock_list_free(&l);
	assert_int_equal(fulfil_claim(db, &t, &found), CORE_OK);
	assert_int_equal(keys_assign(db, &sys, t.id, &st, why), CORE_OK);
	assert_int_equal(st, FULFIL_DONE);
	order_status_is(dbn, id, "completed");
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM licence_keys WHERE order_line_id IS NULL"), 0);
	db_close(db);
}

static void
manual_tasks_are_settled_by_hand(void **state)
{
	const char *dbn = "shelf_fulfil_manual";
	struct db *db = testlib_fixture(dbn, TESTLIB_FULFIL_FIXTURE
	    ";INSERT INTO licence_keys (product_id, licence_key) VALUES (1, 'K-1')");
	struct order_line_input lines[] = { { 2, 3, 0 } }, mixed[] = { { 2, 1, 0 }, { 1, 1, 0 }, { 4, 1, 0 } };
	struct actor dist = testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 5, 1, 0, 0, "dist");
	struct actor other = testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 6, 2, 0, 0, "other");
	struct actor ra1 = testlib_admin(1, 1), sup = testlib_actor(ROLE_SUPPORT, 3, 1, 0, 0, "sup");
	struct actor sys = sys_actor();
	struct fulfil_task t;
	enum fulfil_status st;
	char why[CORE_WHY] = "", longref[200];
	int64_t id, task, id2, keys_task, http_task;
	int found;

	(void)state;
	id = place(db, 1, lines, 1);
	assert_int_equal(start_order(db, dbn, id), CORE_OK);
	task = task_of(dbn, id, 2);
	assert_int_equal(fulfil_get(db, &sup, task, &t), CORE_OK);
	assert_string_equal(t.connector, "manual");
	assert_int_equal(t.status, FULFIL_WAITING);
	assert_int_equal(fulfil_get(db, &other, task, &t), CORE_NOTFOUND);
	/* who may */
	assert_int_equal(fulfil_mark(db, &ra1, task, 0, "VEN-1", why), CORE_FORBIDDEN);
	assert_int_equal(fulfil_mark(db, &sup, task, 0, "VEN-1", why), CORE_FORBIDDEN);
	assert_int_equal(fulfil_mark(db, &other, task, 0, "VEN-1", why), CORE_NOTFOUND);
	/* what */
	memset(longref, 'x', sizeof(longref) - 1);
	longref[sizeof(longref) - 1] = '\0';
	assert_int_equal(fulfil_mark(db, &dist, task, 0, "", why), CORE_INVALID);
	assert_int_equal(fulfil_mark(db, &dist, task, 0, "  ", why), CORE_INVALID);
	assert_int_equal(fulfil_mark(db, &dist, task, 0, "two\nlines", why), CORE_INVALID);
	assert_int_equal(fulfil_mark(db, &dist, task, 0, longref, why), CORE_INVALID);
	assert_int_equal(fulfil_mark(db, &dist, task, 1, NULL, why), CORE_INVALID);
	assert_int_equal(fulfil_mark(db, &dist, 999999, 0, "VEN-1", why), CORE_NOTFOUND);
	assert_int_equal(testlib_int(dbn, "SELECT status = 'waiting' FROM fulfilments WHERE id = %lld", (long long)task), 1);
	/* done: the order completes with the vendor's reference, by whom, audited */
	assert_int_equal(fulfil_mark(db, &dist, task, 0, "VEN-1", why), CORE_OK);
	testlib_str_is(dbn, "done VEN-1 5 1",
	    "SELECT CONCAT(status, ' ', vendor_ref, ' ', done_by_operator_id, ' ', done_at IS NOT NULL)"
	    " FROM fulfilments WHERE id = %lld", (long long)task);
	order_status_is(dbn, id, "completed");
	testlib_str_is(dbn, "3 annual VEN-1",
	    "SELECT CONCAT(s.quantity, ' ', s.billing_period, ' ', s.external_ref) FROM subscriptions s"
	    " JOIN order_lines ol ON ol.id = s.order_line_id WHERE ol.order_id = %lld", (long long)id);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action = 'fulfil.done'"
	    " AND entity_id = %lld AND actor_id = 5 AND actor_kind = 'operator'", (long long)task), 1);
	/* twice: a conflict, nothing changes */
	assert_int_equal(fulfil_mark(db, &dist, task, 1, "Changed my mind", why), CORE_CONFLICT);
	assert_string_equal(why, "This task is already done.");
	order_status_is(dbn, id, "completed");

	/* a failure fails the order and its other open tasks; a done line stays done */
	id2 = place(db, 1, mixed, 3);
	assert_int_equal(start_order(db, dbn, id2), CORE_OK);
	keys_task = task_of(dbn, id2, 1);
	http_task = task_of(dbn, id2, 4);
	/* operators settle manual tasks only */
	assert_int_equal(fulfil_mark(db, &dist, keys_task, 0, "X", why), CORE_FORBIDDEN);
	assert_int_equal(fulfil_claim(db, &t, &found), CORE_OK);
	assert_int_equal(t.id, keys_task);
	assert_int_equal(keys_assign(db, &sys, keys_task, &st, why), CORE_OK);
	assert_int_equal(st, FULFIL_DONE);
	assert_int_equal(fulfil_mark(db, &dist, task_of(dbn, id2, 2), 1, "The vendor refused the tenant.", why), CORE_OK);
	testlib_str_is(dbn, "failed | MAN1: The vendor refused the tenant.",
	    "SELECT CONCAT(status, ' | ', failure_reason) FROM orders WHERE id = %lld", (long long)id2);
	testlib_str_is(dbn, "failed Not provisioned: the order failed.",
	    "SELECT CONCAT(status, ' ', error) FROM fulfilments WHERE id = %lld", (long long)http_task);
	assert_int_equal(testlib_int(dbn, "SELECT status = 'done' FROM fulfilments WHERE id = %lld", (long long)keys_task), 1);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM subscriptions s JOIN order_lines ol ON ol.id = s.order_line_id"
	    " WHERE ol.order_id = %lld", (long long)id2), 0);
	/* the system may settle any task, once */
	assert_int_equal(fulfil_mark(db, &sys, http_task, 0, "X", why), CORE_CONFLICT);
	db_close(db);
}

/* ---- 200 orders, 150 keys, two workers --------------------------------- */

#define RACE_ORDERS  200
#define RACE_KEYS    150
#define RACE_PLACERS 4

struct placer {
	const char   *dbn;
	int64_t       customer;
	int           n, failures;
};

static void *
placer_main(void *arg)
{
	struct placer *p = arg;
	struct db *db = testlib_open(p->dbn);
	struct actor u = testlib_owner(p->customer, 1, p->customer);
	struct order_line_input line = { 1, 1, 0 };
	char why[CORE_WHY];
	int64_t id;
	int i;

	for (i = 0; i < p->n; i++)
		if (order_place(db, &u, &line, 1, NULL, &id, why) != CORE_OK)
			p->failures++;
	db_close(db);
	return NULL;
}

struct worker {
	const char *dbn;
	int         done, waiting, other, errors;
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct db *db = testlib_open(w->dbn);
	struct config cfg;
	struct fulfil_http *h;
	struct fulfil_work_log log;
	int did, idle = 0;

	testlib_config(&cfg, w->dbn);
	h = fulfil_http_new(&cfg);
	while (idle < 3) {
		if (fulfil_work_once(db, h, &cfg, 0, &did, &log) != CORE_OK) {
			print_error("worker: %s\n", db_error(db));
			w->errors++;
			continue;
		}
		if (!did) {
			idle++;
			continue;
		}
		idle = 0;
		if (strcmp(log.kind, "keys") != 0)
			continue;
		if (strcmp(log.outcome, "done") == 0)
			w->done++;
		else if (strncmp(log.outcome, "waiting", 7) == 0)
			w->waiting++;
		else
			w->other++;
	}
	fulfil_http_free(h);
	db_close(db);
	return NULL;
}

static void
two_workers_share_150_keys_among_200_orders(void **state)
{
	const char *dbn = "shelf_fulfil_race";
	struct db *db = testlib_fixture(dbn, TESTLIB_FULFIL_FIXTURE
	    ";INSERT INTO customers (id, reseller_id, name, email, approval_required, active)"
	    " SELECT 100 + seq, 1, CONCAT('Racer ', seq), CONCAT('r', seq, '@example.com'), 0, 1 FROM seq_1_to_4"
	    ";INSERT INTO storefront_users (id, reseller_id, customer_id, email, name, password_hash, role)"
	    " SELECT 100 + seq, 1, 100 + seq, CONCAT('u', seq, '@race.example'), 'Racer', 'x', 'owner' FROM seq_1_to_4"
	    ";INSERT INTO licence_keys (product_id, licence_key)"
	    " SELECT 1, CONCAT('RACE-', LPAD(seq, 5, '0')) FROM seq_1_to_150");
	struct placer p[RACE_PLACERS];
	struct worker w[2];
	pthread_t t[RACE_PLACERS];
	int i, failures = 0;

	(void)state;
	for (i = 0; i < RACE_PLACERS; i++) {
		p[i] = (struct placer){ dbn, 101 + i, RACE_ORDERS / RACE_PLACERS, 0 };
		pthread_create(&t[i], NULL, placer_main, &p[i]);
	}
	for (i = 0; i < RACE_PLACERS; i++) {
		pthread_join(t[i], NULL);
		failures += p[i].failures;
	}
	assert_int_equal(failures, 0);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM outbox WHERE kind = 'provision' AND status = 'pending'"),
	    RACE_ORDERS);
	for (i = 0; i < 2; i++) {
		w[i] = (struct worker){ dbn, 0, 0, 0, 0 };
		pthread_create(&t[i], NULL, worker_main, &w[i]);
	}
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(w[0].errors + w[1].errors, 0);
	assert_int_equal(w[0].other + w[1].other, 0);
	assert_int_equal(w[0].done + w[1].done, RACE_KEYS);
	assert_int_equal(w[0].waiting + w[1].waiting, RACE_ORDERS - RACE_KEYS);
	/* the database agrees: 150 lines done, 50 waiting, every key once, one a line */
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments WHERE status = 'done'"), RACE_KEYS);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments WHERE status = 'waiting'"
	    " AND error LIKE 'No licence keys in stock for SKU KEY1%%'"), RACE_ORDERS - RACE_KEYS);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM licence_keys WHERE order_line_id IS NULL"), 0);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(DISTINCT order_line_id) FROM licence_keys"), RACE_KEYS);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments f JOIN licence_keys k"
	    " ON k.order_line_id = f.order_line_id AND k.licence_key = f.vendor_ref WHERE f.status = 'done'"), RACE_KEYS);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM orders WHERE status = 'completed'"), RACE_KEYS);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM orders WHERE status = 'provisioning'"),
	    RACE_ORDERS - RACE_KEYS);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM subscriptions WHERE external_ref LIKE 'RACE-%%'"), RACE_KEYS);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM outbox WHERE kind = 'provision' AND status = 'sent'"),
	    RACE_ORDERS);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(start_makes_tasks_and_moves_the_order),
		cmocka_unit_test(keys_give_quantity_keys_and_complete_the_order),
		cmocka_unit_test(empty_stock_waits_until_an_import),
		cmocka_unit_test(manual_tasks_are_settled_by_hand),
		cmocka_unit_test(two_workers_share_150_keys_among_200_orders),
	};

	return testlib_result(cmocka_run_group_tests_name("fulfil", tests, NULL, NULL));
}
