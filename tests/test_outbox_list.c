/*
 * test_outbox_list.c - the operators' outbox and fulfilment queue against
 * the real MariaDB (core/outbox_list.c, core/fulfil_queue.c): scope (a
 * distributor never sees another's rows), newest first, counts checked
 * with independent SQL, credentials hidden from the payload shown,
 * retry of failed and pending rows with its audit
 * row, CORE_CONFLICT for a sent row, support refused; the queue's order,
 * scope and counts, the stock warnings; and fulfil_mark's contract.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "fulfil.h"
#include "outbox_list.h"
#include "testlib.h"

#define DB "shelf_outbox_list"

/*
 * Distributor 1 (resellers 1 and 2) and distributor 2 (reseller 3).
 * Outbox: 1 failed e-mail of reseller 1, 2 pending provision of order 1
 * (reseller 1), 3 sent e-mail of reseller 2, 4 pending webhook with no
 * reseller, 5 pending e-mail of distributor 2's reseller 3, 6 failed
 * provision of reseller 3.  Fulfilments of distributor 1: 1 done, 2
 * queued (keys), 3 waiting (manual, oldest), 4 failed, 5 waiting (keys,
 * its stock empty), 6 waiting (manual, newest); of distributor 2: 7.
 */
static const char fixture_sql[] =
    TESTLIB_TWO_RESELLERS
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES (2, 'Other', 'other', 'EUR', 'o@example.com');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, currency) VALUES"
    " (3, 2, 'Other Reseller', 'r3@example.com', 'standard', 'EUR');"
    "INSERT INTO operators (id, login, display_name, role, distributor_id, reseller_id) VALUES"
    " (1, 'admin', 'Admin', 'distributor_admin', 1, NULL), (2, 'sup', 'Support', 'support', 1, NULL),"
    " (3, 'admin2', 'Admin Two', 'distributor_admin', 2, NULL), (4, 'ra1', 'RA', 'reseller_admin', 1, 1);"
    "INSERT INTO customers (id, reseller_id, name, email) VALUES"
    " (1, 1, 'Cust One', 'c1@example.com'), (2, 2, 'Cust Two', 'c2@example.com'),"
    " (3, 3, 'Cust Three', 'c3@example.com');"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,"
    " currency, connector) VALUES"
    " (1, 1, 'MAN-1', 'Manual thing', 'man-1', 'X', 'license', 'monthly', 100, 'EUR', 'manual'),"
    " (2, 1, 'KEY-1', 'Keyed thing', 'key-1', 'X', 'software', 'one_time', 100, 'EUR', 'keys'),"
    " (3, 2, 'MAN-2', 'Other thing', 'man-2', 'X', 'license', 'monthly', 100, 'EUR', 'manual');"
    "INSERT INTO orders (id, reseller_id, customer_id, number, status, currency) VALUES"
    " (1, 1, 1, 'SO-000001', 'provisioning', 'EUR'), (2, 2, 2, 'SO-000001', 'provisioning', 'EUR'),"
    " (3, 3, 3, 'SO-000001', 'provisioning', 'EUR');"
    "INSERT INTO order_lines (id, order_id, line_no, product_id, quantity, unit_price, unit_cost, line_price,"
    " line_cost) VALUES"
    " (1, 1, 1, 1, 1, 100, 100, 100, 100), (2, 1, 2, 2, 1, 100, 100, 100, 100), (3, 1, 3, 1, 2, 100, 100, 200, 200),"
    " (4, 2, 1, 1, 1, 100, 100, 100, 100), (5, 2, 2, 2, 1, 100, 100, 100, 100), (6, 2, 3, 1, 1, 100, 100, 100, 100),"
    " (7, 3, 1, 3, 1, 100, 100, 100, 100);"
    "INSERT INTO outbox (id, kind, reseller_id, payload, status, attempts, next_attempt_at, created_at, sent_at,"
    " last_error) VALUES"
    " (1, 'email', 1, '{\"to\": \"a@example.com\", \"subject\": \"Welcome\"}', 'failed', 5,"
    "  '2026-11-20 10:00:00', '2026-11-20 09:00:00', NULL, 'SMTP 550 mailbox unavailable'),"
    " (2, 'provision', 1, '{\"order_id\": 1}', 'pending', 2, '2026-11-25 13:00:00', '2026-11-24 09:00:00', NULL,"
    "  'connect timeout'),"
    " (3, 'email', 2, '{\"to\": \"b@example.com\", \"subject\": \"Your order\"}', 'sent', 1,"
    "  '2026-11-23 08:00:00', '2026-11-23 08:00:00', '2026-11-23 08:00:05', NULL),"
    " (4, 'webhook', NULL, '{\"url\": \"https://hook.example/x\", \"event\": \"order.created\"}', 'pending', 0,"
    "  '2026-11-25 11:00:00', '2026-11-25 11:00:00', NULL, NULL),"
    " (5, 'email', 3, '{\"to\": \"c@example.com\", \"subject\": \"Other\"}', 'pending', 0,"
    "  '2026-11-25 11:30:00', '2026-11-25 11:30:00', NULL, NULL),"
    " (6, 'provision', 3, '{\"order_id\": 3}', 'failed', 5, '2026-11-22 10:00:00', '2026-11-22 09:00:00', NULL,"
    "  'gave up');"
    "INSERT INTO fulfilments (id, reseller_id, customer_id, action, connector, product_id, order_line_id, quantity,"
    " status, attempts, vendor_ref, error, created_at, done_at) VALUES"
    " (1, 1, 1, 'provision', 'manual', 1, 1, 1, 'done', 0, 'V-1', NULL, '2026-11-20 09:00:00', '2026-11-21 09:00:00'),"
    " (2, 1, 1, 'provision', 'keys', 2, 2, 1, 'queued', 1, NULL, NULL, '2026-11-24 09:00:00', NULL),"
    " (3, 1, 1, 'provision', 'manual', 1, 3, 2, 'waiting', 0, NULL, NULL, '2026-11-22 09:00:00', NULL),"
    " (4, 2, 2, 'provision', 'manual', 1, 4, 1, 'failed', 0, NULL, 'No such tenant', '2026-11-19 09:00:00',"
    "  '2026-11-22 10:00:00'),"
    " (5, 2, 2, 'provision', 'keys', 2, 5, 1, 'waiting', 0, NULL, NULL, '2026-11-23 09:00:00', NULL),"
    " (6, 2, 2, 'provision', 'manual', 1, 6, 1, 'waiting', 0, NULL, NULL, '2026-11-25 09:00:00', NULL),"
    " (7, 3, 3, 'provision', 'manual', 3, 7, 1, 'waiting', 0, NULL, NULL, '2026-11-21 09:00:00', NULL);";

static struct actor
admin(void)
{
	return testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 1, 1, 0, 0, "admin");
}

static struct actor
support(void)
{
	return testlib_actor(ROLE_SUPPORT, 2, 1, 0, 0, "sup");
}

static struct actor
admin2(void)
{
	return testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 3, 2, 0, 0, "admin2");
}

static struct db *
fixture(void)
{
	return testlib_fixture(DB, fixture_sql);
}

/* ids - the ids of l's rows, "1 2 3", into buf. */
#define IDS(l, buf) ids_of((l).items ? &(l).items[0].id : NULL, sizeof((l).items[0]), (l).n, buf, sizeof(buf))
static const char *
ids_of(const int64_t *first, size_t stride, size_t n, char *buf, size_t sz)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o < sz; i++)
		o += (size_t)snprintf(buf + o, sz - o, "%s%lld", i ? " " : "",
		    (long long)*(const int64_t *)(const void *)((const char *)first + i * stride));
	return buf;
}

static void
outbox_list_is_scoped_and_newest_first(void **state)
{
	struct db *db = fixture();
	struct actor a = admin(), s = support(), o = admin2(), ra = testlib_admin(4, 1);
	struct outbox_rows l;
	char buf[128];

	(void)state;
	/* distributor 1: its resellers' rows and the one with no reseller, newest first */
	assert_int_equal(outbox_list(db, &a, -1, 0, 0, &l), CORE_OK);
	assert_string_equal(IDS(l, buf), "4 2 3 1");
	assert_int_equal(l.total, 4);
	/* what the rows say, from their payloads */
	assert_string_equal(l.items[0].to, "https://hook.example/x");
	assert_string_equal(l.items[0].about, "order.created");
	assert_int_equal(l.items[0].reseller_id, 0);
	assert_string_equal(l.items[1].about, "Order SO-000001");
	assert_int_equal(l.items[1].order_id, 1);
	assert_string_equal(l.items[1].to, "");
	assert_string_equal(l.items[1].reseller_name, "Reseller One");
	assert_string_equal(l.items[3].to, "a@example.com");
	assert_string_equal(l.items[3].about, "Welcome");
	assert_string_equal(l.items[3].last_error, "SMTP 550 mailbox unavailable");
	assert_int_equal(l.items[3].status, OUTBOX_FAILED);
	assert_int_equal(l.items[3].kind, OUTBOX_EMAIL);
	assert_string_equal(l.items[2].sent_at, "2026-11-23 08:00:05");
	outbox_rows_free(&l);
	/* one status */
	assert_int_equal(outbox_list(db, &a, OUTBOX_PENDING, 0, 0, &l), CORE_OK);
	assert_string_equal(IDS(l, buf), "4 2");
	outbox_rows_free(&l);
	/* a page */
	assert_int_equal(outbox_list(db, &a, -1, 1, 2, &l), CORE_OK);
	assert_string_equal(IDS(l, buf), "2 3");
	assert_int_equal(l.total, 4);
	outbox_rows_free(&l);
	/* support reads the same */
	assert_int_equal(outbox_list(db, &s, OUTBOX_FAILED, 0, 0, &l), CORE_OK);
	assert_string_equal(IDS(l, buf), "1");
	outbox_rows_free(&l);
	/* distributor 2 never sees distributor 1's rows */
	assert_int_equal(outbox_list(db, &o, -1, 0, 0, &l), CORE_OK);
	assert_string_equal(IDS(l, buf), "5 4 6");
	assert_string_equal(l.items[2].about, "Order SO-000001");
	outbox_rows_free(&l);
	/* a reseller admin has no outbox; bad arguments are refused */
	assert_int_equal(outbox_list(db, &ra, -1, 0, 0, &l), CORE_FORBIDDEN);
	assert_int_equal(outbox_list(db, &a, OUTBOX_STATUS__MAX, 0, 0, &l), CORE_INVALID);
	assert_int_equal(outbox_list(db, &a, -1, -1, 0, &l), CORE_INVALID);
	outbox_rows_free(&l);
	db_close(db);
}

static void
outbox_counts_match_sql(void **state)
{
	struct db *db = fixture();
	struct actor a = admin(), o = admin2();
	int64_t n[OUTBOX_STATUS__MAX];
	int s;

	(void)state;
	assert_int_equal(outbox_counts(db, &a, n), CORE_OK);
	for (s = 0; s < OUTBOX_STATUS__MAX; s++)
		assert_int_equal(n[s], testlib_int(DB, "SELECT COUNT(*) FROM outbox o LEFT JOIN resellers r"
		    " ON r.id = o.reseller_id WHERE o.status = '%s' AND (r.distributor_id = 1 OR o.reseller_id IS NULL)",
		    outbox_status_name((enum outbox_status)s)));
	assert_int_equal(n[OUTBOX_PENDING], 2);
	assert_int_equal(n[OUTBOX_FAILED], 1);
	assert_int_equal(n[OUTBOX_SENT], 1);
	assert_int_equal(outbox_counts(db, &o, n), CORE_OK);
	assert_int_equal(n[OUTBOX_PENDING], 2);
	assert_int_equal(n[OUTBOX_FAILED], 1);
	assert_int_equal(n[OUTBOX_SENT], 0);
	db_close(db);
}

static void
outbox_get_shows_the_payload_in_scope(void **state)
{
	struct db *db = fixture();
	struct actor a = admin(), o = admin2();
	struct outbox_row r;

	(void)state;
	assert_int_equal(outbox_get(db, &a, 1, &r), CORE_OK);
	assert_non_null(r.payload);
	assert_non_null(strstr(r.payload, "Welcome"));
	assert_string_equal(r.to, "a@example.com");
	outbox_row_done(&r);
	assert_int_equal(outbox_get(db, &o, 1, &r), CORE_NOTFOUND);
	assert_null(r.payload);
	assert_int_equal(outbox_get(db, &a, 999, &r), CORE_NOTFOUND);
	db_close(db);
}

static void
outbox_get_hides_credentials(void **state)
{
	struct db *db = fixture();
	struct actor s = support();
	struct outbox_rows l;
	struct outbox_row r;

	(void)state;
	testlib_sql(DB, "INSERT INTO outbox (id, kind, reseller_id, payload, created_at) VALUES"
	    " (7, 'email', 1, '{\"to\": \"u@example.com\", \"subject\": \"Reset your password\", \"data\":"
	    " {\"name\": \"U\", \"link\": \"https://s.example/reset?token=SECRET1\", \"more\": [{\"token\": \"SECRET2\"}],"
	    " \"note\": \"or https://s.example/x?token=SECRET3\"}}', '2026-11-25 11:59:00'),"
	    " (8, 'webhook', 1, '{\"url\": \"https://hook.example/x?key=SECRET4\", \"event\": \"order.created\"}',"
	    " '2026-11-25 11:59:30')");
	assert_int_equal(outbox_get(db, &s, 7, &r), CORE_OK);
	assert_null(strstr(r.payload, "SECRET"));
	assert_non_null(strstr(r.payload, "\"link\": \"(hidden)\""));
	assert_non_null(strstr(r.payload, "token=(hidden)"));
	assert_non_null(strstr(r.payload, "Reset your password"));	/* the rest as it is */
	outbox_row_done(&r);
	assert_int_equal(outbox_list(db, &s, -1, 0, 2, &l), CORE_OK);
	assert_int_equal(l.items[0].id, 8);
	assert_string_equal(l.items[0].to, "https://hook.example/x?…");
	outbox_rows_free(&l);
	db_close(db);
}

static void
retry_failed_resets_attempts_and_is_audited(void **state)
{
	struct db *db = fixture();
	struct actor a = admin();
	char why[CORE_WHY] = "", *s;

	(void)state;
	assert_int_equal(outbox_retry(db, &a, 1, why), CORE_OK);
	/* due at the (pinned) now, its attempts given back; the old error stays until the next attempt */
	s = testlib_str(DB, "SELECT CONCAT(status, ' ', attempts, ' ', next_attempt_at = '" TESTLIB_CLOCK "', ' ',"
	    " last_error) FROM outbox WHERE id = 1");
	assert_string_equal(s, "pending 0 1 SMTP 550 mailbox unavailable");
	free(s);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.retry'"
	    " AND entity = 'outbox' AND entity_id = 1 AND actor_name = 'admin' AND reseller_id = 1"
	    " AND JSON_VALUE(before_json, '$.status') = 'failed' AND JSON_VALUE(before_json, '$.attempts') = 5"
	    " AND JSON_VALUE(after_json, '$.status') = 'pending' AND JSON_VALUE(after_json, '$.attempts') = 0"), 1);
	db_close(db);
}

static void
retry_pending_keeps_attempts(void **state)
{
	struct db *db = fixture();
	struct actor a = admin();
	char why[CORE_WHY] = "", *s;

	(void)state;
	assert_int_equal(outbox_retry(db, &a, 2, why), CORE_OK);
	s = testlib_str(DB, "SELECT CONCAT(status, ' ', attempts, ' ', next_attempt_at) FROM outbox WHERE id = 2");
	assert_string_equal(s, "pending 2 " TESTLIB_CLOCK);
	free(s);
	/* the row with no reseller is every distributor's to retry */
	assert_int_equal(outbox_retry(db, &a, 4, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.retry'"), 2);
	db_close(db);
}

static void
retry_refusals_change_nothing(void **state)
{
	struct db *db = fixture();
	struct actor a = admin(), s = support(), o = admin2(), ra = testlib_admin(4, 1);
	char why[CORE_WHY] = "";

	(void)state;
	/* a sent row: nothing to retry */
	assert_int_equal(outbox_retry(db, &a, 3, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "already sent"));
	/* support reads, never changes */
	why[0] = '\0';
	assert_int_equal(outbox_retry(db, &s, 1, why), CORE_FORBIDDEN);
	assert_string_not_equal(why, "");
	assert_int_equal(outbox_retry(db, &ra, 1, why), CORE_FORBIDDEN);
	/* another distributor's row does not exist for it */
	assert_int_equal(outbox_retry(db, &o, 1, why), CORE_NOTFOUND);
	assert_int_equal(outbox_retry(db, &a, 6, why), CORE_NOTFOUND);
	assert_int_equal(outbox_retry(db, &a, 999, why), CORE_NOTFOUND);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE (id = 1 AND status = 'failed' AND attempts = 5)"
	    " OR (id = 3 AND status = 'sent') OR (id = 6 AND status = 'failed')"), 3);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log"), 0);
	db_close(db);
}

static void
fulfil_list_open_first_and_scoped(void **state)
{
	struct db *db = fixture();
	struct actor a = admin(), s = support(), o = admin2(), ra = testlib_admin(4, 1);
	struct fulfil_task_list l;
	struct fulfil_filter f = { FULFIL_LIST_ANY, NULL };
	struct db_page pg = { 0, 2 };
	char buf[128];

	(void)state;
	/* waiting oldest first, then queued, then the settled latest first */
	assert_int_equal(fulfil_list(db, &a, NULL, NULL, &l), CORE_OK);
	assert_string_equal(IDS(l, buf), "3 5 6 2 4 1");
	assert_int_equal(l.total, 6);
	assert_string_equal(l.items[0].order_number, "SO-000001");
	assert_int_equal(l.items[0].order_id, 1);
	assert_string_equal(l.items[0].customer_name, "Cust One");
	assert_string_equal(l.items[0].reseller_name, "Reseller One");
	assert_string_equal(l.items[0].sku, "MAN-1");
	assert_string_equal(l.items[0].connector, "manual");
	assert_int_equal(l.items[0].status, FULFIL_WAITING);
	assert_int_equal(l.items[0].action, FULFIL_PROVISION);
	assert_int_equal(l.items[0].quantity, 2);
	assert_string_equal(l.items[5].vendor_ref, "V-1");
	assert_string_equal(l.items[4].error, "No such tenant");
	assert_string_equal(l.items[4].done_at, "2026-11-22 10:00:00");
	fulfil_task_list_free(&l);
	/* the open ones, a page at a time */
	f.status = FULFIL_LIST_OPEN;
	assert_int_equal(fulfil_list(db, &s, &f, &pg, &l), CORE_OK);
	assert_string_equal(IDS(l, buf), "3 5");
	assert_int_equal(l.total, 4);
	fulfil_task_list_free(&l);
	/* one status, one connector */
	f.status = FULFIL_WAITING;
	f.connector = "manual";
	assert_int_equal(fulfil_list(db, &a, &f, NULL, &l), CORE_OK);
	assert_string_equal(IDS(l, buf), "3 6");
	fulfil_task_list_free(&l);
	/* distributor 2 sees its own only */
	assert_int_equal(fulfil_list(db, &o, NULL, NULL, &l), CORE_OK);
	assert_string_equal(IDS(l, buf), "7");
	fulfil_task_list_free(&l);
	/* refusals */
	assert_int_equal(fulfil_list(db, &ra, NULL, NULL, &l), CORE_FORBIDDEN);
	f.connector = "microsoft";
	assert_int_equal(fulfil_list(db, &a, &f, NULL, &l), CORE_INVALID);
	f.connector = NULL;
	f.status = FULFIL_STATUS__MAX;
	assert_int_equal(fulfil_list(db, &a, &f, NULL, &l), CORE_INVALID);
	fulfil_task_list_free(&l);
	db_close(db);
}

static void
fulfil_counts_and_stock_warnings(void **state)
{
	struct db *db = fixture();
	struct actor a = admin(), o = admin2();
	struct fulfil_stock_list w;
	int64_t n[FULFIL_STATUS__MAX];
	int s;

	(void)state;
	assert_int_equal(fulfil_counts(db, &a, n), CORE_OK);
	for (s = 0; s < FULFIL_STATUS__MAX; s++)
		assert_int_equal(n[s], testlib_int(DB, "SELECT COUNT(*) FROM fulfilments f JOIN resellers r"
		    " ON r.id = f.reseller_id WHERE r.distributor_id = 1 AND f.status = '%s'",
		    fulfil_status_name((enum fulfil_status)s)));
	assert_int_equal(n[FULFIL_WAITING], 3);
	assert_int_equal(fulfil_counts(db, &o, n), CORE_OK);
	assert_int_equal(n[FULFIL_WAITING], 1);
	assert_int_equal(n[FULFIL_DONE], 0);
	/* KEY-1 has a waiting task and no free key */
	assert_int_equal(fulfil_stock_warnings(db, &a, &w), CORE_OK);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.items[0].sku, "KEY-1");
	assert_int_equal(w.items[0].waiting, 1);
	fulfil_stock_list_free(&w);
	/* a free key ends the warning; a key already given does not */
	testlib_sql(DB, "INSERT INTO licence_keys (product_id, licence_key, order_line_id, assigned_at)"
	    " VALUES (2, 'K-USED', 2, NOW())");
	assert_int_equal(fulfil_stock_warnings(db, &a, &w), CORE_OK);
	assert_int_equal(w.n, 1);
	fulfil_stock_list_free(&w);
	testlib_sql(DB, "INSERT INTO licence_keys (product_id, licence_key) VALUES (2, 'K-FREE')");
	assert_int_equal(fulfil_stock_warnings(db, &a, &w), CORE_OK);
	assert_int_equal(w.n, 0);
	fulfil_stock_list_free(&w);
	assert_int_equal(fulfil_stock_warnings(db, &o, &w), CORE_OK);
	assert_int_equal(w.n, 0);
	fulfil_stock_list_free(&w);
	db_close(db);
}

static void
mark_done_with_reference(void **state)
{
	struct db *db = fixture();
	struct actor a = admin();
	char why[CORE_WHY] = "", *s;

	(void)state;
	/* an empty reference is refused before anything changes */
	assert_int_equal(fulfil_mark(db, &a, 3, 0, "", why), CORE_INVALID);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM fulfilments WHERE id = 3 AND status = 'waiting'"), 1);
	assert_int_equal(fulfil_mark(db, &a, 3, 0, "VENDOR-42", why), CORE_OK);
	s = testlib_str(DB, "SELECT CONCAT(status, ' ', vendor_ref, ' ', done_at IS NOT NULL) FROM fulfilments WHERE id = 3");
	assert_string_equal(s, "done VENDOR-42 1");
	free(s);
	/* settled: marking again conflicts */
	assert_int_equal(fulfil_mark(db, &a, 3, 1, "too late", why), CORE_CONFLICT);
	assert_int_equal(fulfil_mark(db, &a, 1, 0, "V-2", why), CORE_CONFLICT);
	db_close(db);
}

static void
mark_failed_with_reason(void **state)
{
	struct db *db = fixture();
	struct actor a = admin(), s = support();
	char why[CORE_WHY] = "", *t;

	(void)state;
	assert_int_equal(fulfil_mark(db, &s, 6, 1, "nope", why), CORE_FORBIDDEN);
	assert_int_equal(fulfil_mark(db, &a, 6, 1, "Vendor refused the tenant", why), CORE_OK);
	t = testlib_str(DB, "SELECT CONCAT(status, ' ', error) FROM fulfilments WHERE id = 6");
	assert_string_equal(t, "failed Vendor refused the tenant");
	free(t);
	assert_int_equal(fulfil_mark(db, &a, 6, 0, "V-3", why), CORE_CONFLICT);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(outbox_list_is_scoped_and_newest_first),
		cmocka_unit_test(outbox_counts_match_sql),
		cmocka_unit_test(outbox_get_shows_the_payload_in_scope),
		cmocka_unit_test(outbox_get_hides_credentials),
		cmocka_unit_test(retry_failed_resets_attempts_and_is_audited),
		cmocka_unit_test(retry_pending_keeps_attempts),
		cmocka_unit_test(retry_refusals_change_nothing),
		cmocka_unit_test(fulfil_list_open_first_and_scoped),
		cmocka_unit_test(fulfil_counts_and_stock_warnings),
		cmocka_unit_test(mark_done_with_reference),
		cmocka_unit_test(mark_failed_with_reason),
	};

	return testlib_result(cmocka_run_group_tests_name("outbox_list", tests, NULL, NULL));
}
