/*
 * test_invoice_contact.c - invoices, contact messages and rate limits
 * against the real MariaDB: balance and overdue figures on a fixture
 * (and by independent SQL), the invoice list, tenant separation; contact
 * form validation, storage, notification e-mail, rate limiting, the
 * reseller admin's inbox; the fixed-window counter under concurrency.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "contact.h"
#include "invoice.h"
#include "ratelimit.h"
#include "str.h"
#include "testlib.h"

#define DB "sr_invcontact"

/*
 * Reseller 1 (Alpha): I1 open 10000 due 10 days ago, paid 3000 -> 7000 overdue;
 * I2 open 5000 due in 10 days -> 5000; I3 paid 8000 (payment 8000); I4 void 2000;
 * I5 open 1000 due yesterday, paid 1500 -> -500 overdue; I7 open 700 due today (not
 * overdue); a payment on account (no invoice) of 999 counts for nothing.
 * balance 12200, overdue 6500 in 2 invoices.
 * Reseller 2 (Beta): I6 open 4000 due yesterday -> 4000 overdue.
 */
static const char *const fixture =
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES"
    " (1, 'Northwind', 'northwind', 'EUR', 'ops@northwind.example'),"
    " (2, 'Southwind', 'southwind', 'EUR', 'ops@southwind.example');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, status, currency) VALUES"
    " (1, 1, 'Alpha', 'alpha@example.com', 'standard', 'active', 'EUR'),"
    " (2, 1, 'Beta', 'beta@example.com', 'standard', 'active', 'EUR'),"
    " (3, 1, 'Gamma', 'gamma@example.com', 'basic', 'active', 'EUR'),"
    " (4, 2, 'Foreign', 'foreign@example.com', 'standard', 'active', 'EUR');"
    "INSERT INTO storefronts (reseller_id, slug, company_name, contact_email, contact_form_enabled) VALUES"
    " (1, 'alpha', 'Alpha Co', 'sales@alpha.example', 1), (2, 'beta', 'Beta Co', NULL, 1),"
    " (3, 'gamma', 'Gamma Co', NULL, 1), (4, 'foreign', 'Foreign Co', NULL, 0);"
    "SET @t = UTC_DATE();"
    "INSERT INTO invoices (id, distributor_id, reseller_id, number, issued_on, due_on, currency, total, status) VALUES"
    " (1, 1, 1, 'INV-1', @t - INTERVAL 40 DAY, @t - INTERVAL 10 DAY, 'EUR', 10000, 'open'),"
    " (2, 1, 1, 'INV-2', @t - INTERVAL 5 DAY, @t + INTERVAL 10 DAY, 'EUR', 5000, 'open'),"
    " (3, 1, 1, 'INV-3', @t - INTERVAL 70 DAY, @t - INTERVAL 40 DAY, 'EUR', 8000, 'paid'),"
    " (4, 1, 1, 'INV-4', @t - INTERVAL 60 DAY, @t - INTERVAL 30 DAY, 'EUR', 2000, 'void'),"
    " (5, 1, 1, 'INV-5', @t - INTERVAL 31 DAY, @t - INTERVAL 1 DAY, 'EUR', 1000, 'open'),"
    " (6, 1, 2, 'INV-6', @t - INTERVAL 31 DAY, @t - INTERVAL 1 DAY, 'EUR', 4000, 'open'),"
    " (7, 1, 1, 'INV-7', @t, @t, 'EUR', 700, 'open');"
    "INSERT INTO payments (reseller_id, invoice_id, amount, currency, paid_on) VALUES"
    " (1, 1, 1000, 'EUR', @t), (1, 1, 2000, 'EUR', @t), (1, 3, 8000, 'EUR', @t), (1, 5, 1500, 'EUR', @t),"
    " (1, NULL, 999, 'EUR', @t);";

/* the actors: testlib_cast's */
static struct testlib_cast cast;

static struct db *
fresh(void)
{
	testlib_cast(&cast);
	return testlib_fixture(DB, fixture);
}

/* ---- rate limits ---- */

static void
ratelimit_counts_a_fixed_window(void **state)
{
	struct db *db = testlib_fresh(DB, TESTLIB_MIGRATE);
	int allowed = -1, i;

	(void)state;
	for (i = 1; i <= 3; i++) {
		assert_int_equal(ratelimit_hit(db, "t:a", 3600, 3, &allowed), CORE_OK);
		assert_int_equal(allowed, 1);
	}
	assert_int_equal(ratelimit_hit(db, "t:a", 3600, 3, &allowed), CORE_OK);
	assert_int_equal(allowed, 0);
	assert_int_equal(ratelimit_hit(db, "t:a", 3600, 3, &allowed), CORE_OK);
	assert_int_equal(allowed, 0);
	assert_int_equal(testlib_int(DB, "SELECT hits FROM rate_limits WHERE bucket = 't:a'"), 5);
	/* another bucket is another counter */
	assert_int_equal(ratelimit_hit(db, "t:b", 3600, 3, &allowed), CORE_OK);
	assert_int_equal(allowed, 1);
	/* a window that started in the past is over: the count starts again */
	testlib_sql(DB, "UPDATE rate_limits SET window_start = window_start - INTERVAL 2 HOUR WHERE bucket = 't:a'");
	assert_int_equal(ratelimit_hit(db, "t:a", 3600, 3, &allowed), CORE_OK);
	assert_int_equal(allowed, 1);
	assert_int_equal(testlib_int(DB, "SELECT hits FROM rate_limits WHERE bucket = 't:a'"), 1);
	/* inside a transaction the count rolls back with it */
	assert_int_equal(db_begin(db), CORE_OK);
	assert_int_equal(ratelimit_hit(db, "t:a", 3600, 3, &allowed), CORE_OK);
	assert_int_equal(allowed, 1);
	db_rollback(db);
	assert_int_equal(testlib_int(DB, "SELECT hits FROM rate_limits WHERE bucket = 't:a'"), 1);

	assert_int_equal(ratelimit_hit(db, "", 60, 3, &allowed), CORE_INVALID);
	assert_int_equal(ratelimit_hit(db, "x", 0, 3, &allowed), CORE_INVALID);
	assert_int_equal(ratelimit_hit(db, "x", 60, 0, &allowed), CORE_INVALID);
	testlib_sql(DB, "UPDATE rate_limits SET window_start = window_start - INTERVAL 1 DAY WHERE bucket = 't:b'");
	uint64_t gone = 0;
	assert_int_equal(ratelimit_purge(db, 3600, &gone), CORE_OK);
	assert_int_equal(gone, 1);
	db_close(db);
}

struct hitter {
	pthread_t thread;
	int       allowed;
	int       failed;
};

static void *
hitter_main(void *arg)
{
	struct hitter *h = arg;
	struct db *db = testlib_open(DB);
	int i, ok;

	for (i = 0; i < 20; i++) {
		if (ratelimit_hit(db, "t:race", 3600, 50, &ok) != CORE_OK)
			h->failed++;
		else
			h->allowed += ok;
	}
	db_close(db);
	return NULL;
}

static void
ratelimit_exact_under_concurrency(void **state)
{
	struct db *db = testlib_fresh(DB, TESTLIB_MIGRATE);
	struct hitter h[8];
	int i, allowed = 0;

	(void)state;
	memset(h, 0, sizeof(h));
	for (i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&h[i].thread, NULL, hitter_main, &h[i]), 0);
	for (i = 0; i < 8; i++) {
		pthread_join(h[i].thread, NULL);
		assert_int_equal(h[i].failed, 0);
		allowed += h[i].allowed;
	}
	/* 160 hits from 8 connections, at most 50 allowed: exactly 50, and every hit counted */
	assert_int_equal(allowed, 50);
	assert_int_equal(testlib_int(DB, "SELECT hits FROM rate_limits WHERE bucket = 't:race'"), 160);
	db_close(db);
}

/* ---- invoices ---- */

#define BALANCE_SQL(rid) \
	"SELECT CONCAT_WS('/', SUM(i.total) - (SELECT COALESCE(SUM(p.amount), 0) FROM payments p" \
	"  WHERE p.invoice_id IN (SELECT id FROM invoices WHERE reseller_id = " rid " AND status = 'open'))," \
	" SUM(IF(i.due_on < UTC_DATE(), i.total - (SELECT COALESCE(SUM(p.amount), 0) FROM payments p" \
	"  WHERE p.invoice_id = i.id), 0))," \
	" SUM(i.due_on < UTC_DATE())) FROM invoices i WHERE i.reseller_id = " rid " AND i.status = 'open'"

static void
invoice_balance_and_overdue(void **state)
{
	struct db *db = fresh();
	int64_t bal = -1, od = -1, n = -1;
	char got[128], *want;

	(void)state;
	assert_int_equal(invoice_balance(db, &cast.ra_alpha, 0, &bal, &od, &n), CORE_OK);
	/* 7000 + 5000 + (-500) + 700 open; overdue: 7000 and -500 (due today is not overdue) */
	assert_int_equal(bal, 12200);
	assert_int_equal(od, 6500);
	assert_int_equal(n, 2);
	snprintf(got, sizeof(got), "%lld/%lld/%lld", (long long)bal, (long long)od, (long long)n);
	want = testlib_str(DB, BALANCE_SQL("1"));
	assert_string_equal(got, want);
	free(want);

	/* a reseller admin's reseller_id argument is ignored: always its own */
	assert_int_equal(invoice_balance(db, &cast.ra_beta, 1, &bal, &od, &n), CORE_OK);
	assert_int_equal(bal, 4000);
	assert_int_equal(od, 4000);
	assert_int_equal(n, 1);

	/* distributor admin and support read any of their distributor's resellers */
	assert_int_equal(invoice_balance(db, &cast.dist_admin, 1, &bal, &od, &n), CORE_OK);
	assert_int_equal(bal, 12200);
	assert_int_equal(invoice_balance(db, &cast.support, 2, &bal, &od, &n), CORE_OK);
	assert_int_equal(bal, 4000);
	assert_int_equal(invoice_balance(db, &cast.support, 3, &bal, &od, &n), CORE_OK);
	assert_int_equal(bal, 0);
	assert_int_equal(n, 0);
	bal = 42;
	assert_int_equal(invoice_balance(db, &cast.other_admin, 1, &bal, &od, &n), CORE_NOTFOUND);
	assert_int_equal(bal, 42);
	assert_int_equal(invoice_balance(db, &cast.dist_admin, 4, &bal, &od, &n), CORE_NOTFOUND);
	assert_int_equal(invoice_balance(db, &cast.customer, 1, &bal, &od, &n), CORE_FORBIDDEN);
	db_close(db);
}

static void
invoice_list_pages(void **state)
{
	struct db *db = fresh();
	struct invoice_list l;
	size_t i;
	json_t *j;

	(void)state;
	assert_int_equal(invoice_list(db, &cast.ra_alpha, 0, 50, 0, &l), CORE_OK);
	assert_int_equal(l.total, 6);
	assert_int_equal(l.n, 6);
	/* newest issued first: INV-7 (today), INV-2, INV-5, INV-1, INV-4, INV-3 */
	assert_string_equal(l.items[0].number, "INV-7");
	assert_string_equal(l.items[1].number, "INV-2");
	assert_string_equal(l.items[2].number, "INV-5");
	assert_string_equal(l.items[3].number, "INV-1");
	for (i = 0; i < l.n; i++)
		assert_int_equal(l.items[i].reseller_id, 1);
	assert_int_equal(l.items[3].total, 10000);
	assert_int_equal(l.items[3].paid, 3000);
	assert_int_equal(l.items[3].outstanding, 7000);
	assert_int_equal(l.items[3].overdue, 1);
	assert_int_equal(l.items[3].status, INVOICE_OPEN);
	assert_int_equal(l.items[0].overdue, 0);	/* due today */
	assert_int_equal(l.items[1].overdue, 0);
	assert_int_equal(l.items[2].outstanding, -500);
	assert_int_equal(l.items[4].status, INVOICE_VOID);
	assert_int_equal(l.items[4].overdue, 0);
	assert_int_equal(l.items[5].status, INVOICE_PAID);
	assert_int_equal(l.items[5].outstanding, 0);
	assert_string_equal(l.items[5].currency, "EUR");
	assert_int_equal(strlen(l.items[5].issued_on), 10);
	j = invoice_to_json(&l.items[3]);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "outstanding")), 7000);
	json_decref(j);
	invoice_list_free(&l);

	assert_int_equal(invoice_list(db, &cast.ra_alpha, 0, 2, 4, &l), CORE_OK);
	assert_int_equal(l.total, 6);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].number, "INV-4");
	invoice_list_free(&l);

	/* beta's admin asking for alpha's invoices gets its own */
	assert_int_equal(invoice_list(db, &cast.ra_beta, 1, 50, 0, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.items[0].number, "INV-6");
	invoice_list_free(&l);
	assert_int_equal(invoice_list(db, &cast.other_admin, 1, 50, 0, &l), CORE_NOTFOUND);
	invoice_list_free(&l);
	assert_int_equal(invoice_list(db, &cast.customer, 1, 50, 0, &l), CORE_FORBIDDEN);
	invoice_list_free(&l);
	db_close(db);
}

/* ---- contact messages ---- */

static char *
contact_snapshot(void)
{
	return testlib_str(DB, "SELECT CONCAT_WS('/', (SELECT COUNT(*) FROM contact_messages),"
	    " (SELECT COUNT(*) FROM outbox), (SELECT COUNT(*) FROM audit_log),"
	    " (SELECT COALESCE(SUM(hits), 0) FROM rate_limits))");
}

static void
contact_submit_validates(void **state)
{
	struct db *db = fresh();
	char why[CORE_WHY], *before, *after, *longbody;
	int64_t id = 0;

	(void)state;
	before = contact_snapshot();
	why[0] = '\0';
	assert_int_equal(contact_submit(db, 1, "", "a@b.example", "Hi", "Hello", "203.0.113.7", &id, why), CORE_INVALID);
	assert_non_null(strstr(why, "name"));
	assert_int_equal(contact_submit(db, 1, NULL, "a@b.example", "Hi", "Hello", NULL, &id, why), CORE_INVALID);
	assert_int_equal(contact_submit(db, 1, "Ann\nEvil: header", "a@b.example", "Hi", "Hello", NULL, &id, why),
	    CORE_INVALID);
	why[0] = '\0';
	assert_int_equal(contact_submit(db, 1, "Ann", "not-an-address", "Hi", "Hello", NULL, &id, why), CORE_INVALID);
	assert_non_null(strstr(why, "e-mail"));
	assert_int_equal(contact_submit(db, 1, "Ann", "a@b", "Hi", "Hello", NULL, &id, why), CORE_INVALID);
	assert_int_equal(contact_submit(db, 1, "Ann", "a b@c.example", "Hi", "Hello", NULL, &id, why), CORE_INVALID);
	assert_int_equal(contact_submit(db, 1, "Ann", "a@b.example", "Hi\r\nBcc: x@y.example", "Hello", NULL, &id, why),
	    CORE_INVALID);
	assert_int_equal(contact_submit(db, 1, "Ann", "a@b.example", "Hi", "", NULL, &id, why), CORE_INVALID);
	assert_int_equal(contact_submit(db, 1, "Ann", "a@b.example", "Hi", "bell\007", NULL, &id, why), CORE_INVALID);
	assert_int_equal(contact_submit(db, 1, "Ann", "a@b.example", "Hi", "bad \xff utf-8", NULL, &id, why), CORE_INVALID);
	longbody = malloc(CONTACT_BODY_MAX + 2);
	memset(longbody, 'x', CONTACT_BODY_MAX + 1);
	longbody[CONTACT_BODY_MAX + 1] = '\0';
	assert_int_equal(contact_submit(db, 1, "Ann", "a@b.example", "Hi", longbody, NULL, &id, why), CORE_INVALID);
	longbody[CONTACT_BODY_MAX] = '\0';	/* exactly the maximum is fine */
	after = contact_snapshot();
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* multi-byte characters count as one: 5000 of them fit */
	assert_int_equal(contact_submit(db, 1, "Zoë Müller", "zoe@example.com", "", longbody, NULL, &id, why), CORE_OK);
	free(longbody);
	/* not online, form off, unknown storefront */
	assert_int_equal(contact_submit(db, 3, "Ann", "a@b.example", "Hi", "Hello", NULL, &id, why), CORE_NOTFOUND);
	why[0] = '\0';
	assert_int_equal(contact_submit(db, 4, "Ann", "a@b.example", "Hi", "Hello", NULL, &id, why), CORE_CONFLICT);
	assert_true(why[0] != '\0');
	assert_int_equal(contact_submit(db, 99, "Ann", "a@b.example", "Hi", "Hello", NULL, &id, why), CORE_NOTFOUND);
	db_close(db);
}

static void
contact_submit_stores_mails_and_throttles(void **state)
{
	struct db *db = fresh();
	char why[CORE_WHY] = "", *s;
	int64_t id = 0, first = 0;
	int i;

	(void)state;
	assert_int_equal(contact_submit(db, 1, "Ann Smith", "ann@example.com", "Quote for 20 seats",
	    "Hello,\n\tplease call me.\r\n", "203.0.113.7", &first, why), CORE_OK);
	assert_true(first > 0);
	s = testlib_str(DB, "SELECT CONCAT_WS('|', reseller_id, name, email, subject, body, client_ip, read_at IS NULL)"
	    " FROM contact_messages WHERE id = %lld", (long long)first);
	assert_string_equal(s, "1|Ann Smith|ann@example.com|Quote for 20 seats|Hello,\n\tplease call me.\r\n|203.0.113.7|1");
	free(s);
	/* the notification goes to the storefront's contact address, replies to the visitor */
	s = testlib_str(DB, "SELECT CONCAT_WS('|', kind, reseller_id, JSON_VALUE(payload, '$.to'),"
	    " JSON_VALUE(payload, '$.reply_to'), JSON_VALUE(payload, '$.template'), JSON_VALUE(payload, '$.data.name'),"
	    " JSON_VALUE(payload, '$.data.message_id')) FROM outbox");
	{
		char want[256];

		snprintf(want, sizeof(want), "email|1|sales@alpha.example|ann@example.com|contact_message|Ann Smith|%lld",
		    (long long)first);
		assert_string_equal(s, want);
	}
	free(s);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'contact.submit'"
	    " AND reseller_id = 1 AND entity_id = %lld AND client_ip = '203.0.113.7' AND actor_kind = 'system'",
	    (long long)first), 1);
	/* without a contact address, the reseller's own e-mail */
	assert_int_equal(contact_submit(db, 2, "Bob", "bob@example.com", "Hi", "Hello", "198.51.100.1", &id, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE reseller_id = 2"
	    " AND JSON_VALUE(payload, '$.to') = 'beta@example.com'"), 1);

	/* five per window per IP per storefront, then refused with nothing stored */
	for (i = 2; i <= CONTACT_RATE_MAX; i++)
		assert_int_equal(contact_submit(db, 1, "Ann", "ann@example.com", "Again", "Hello", "203.0.113.7", &id, why),
		    CORE_OK);
	why[0] = '\0';
	assert_int_equal(contact_submit(db, 1, "Ann", "ann@example.com", "Again", "Hello", "203.0.113.7", &id, why),
	    CORE_CONFLICT);
	assert_non_null(strstr(why, "Too many messages"));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM contact_messages WHERE reseller_id = 1"), CONTACT_RATE_MAX);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE reseller_id = 1"), CONTACT_RATE_MAX);
	/* another IP, or the same IP on another storefront, is not throttled */
	assert_int_equal(contact_submit(db, 1, "Cy", "cy@example.com", "", "Hello", "203.0.113.8", &id, why), CORE_OK);
	assert_int_equal(contact_submit(db, 2, "Ann", "ann@example.com", "", "Hello", "203.0.113.7", &id, why), CORE_OK);
	db_close(db);
}

static void
contact_inbox_per_tenant(void **state)
{
	struct db *db = fresh();
	struct contact_list l;
	char why[CORE_WHY] = "";
	int64_t a1 = 0, a2 = 0, b1 = 0, n = -1;
	json_t *j;

	(void)state;
	assert_int_equal(contact_submit(db, 1, "A one", "a1@example.com", "S1", "B1", "192.0.2.1", &a1, why), CORE_OK);
	assert_int_equal(contact_submit(db, 1, "A two", "a2@example.com", "S2", "B2", "192.0.2.2", &a2, why), CORE_OK);
	assert_int_equal(contact_submit(db, 2, "B one", "b1@example.com", "S3", "B3", "192.0.2.3", &b1, why), CORE_OK);
	testlib_sql(DB, "UPDATE contact_messages SET created_at = created_at - INTERVAL 1 HOUR WHERE id = %lld", (long long)a1);

	assert_int_equal(contact_list(db, &cast.ra_alpha, 0, 50, 0, &l), CORE_OK);
	assert_int_equal(l.total, 2);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[0].id, a2);	/* newest first */
	assert_string_equal(l.items[1].body, "B1");
	assert_string_equal(l.items[1].client_ip, "192.0.2.1");
	assert_string_equal(l.items[1].read_at, "");
	j = contact_to_json(&l.items[1]);
	assert_non_null(j);
	assert_false(json_is_true(json_object_get(j, "read")));
	json_decref(j);
	contact_list_free(&l);
	assert_int_equal(contact_list(db, &cast.ra_beta, 0, 50, 0, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, b1);
	contact_list_free(&l);

	/* beta cannot mark alpha's message read */
	why[0] = '\0';
	assert_int_equal(contact_mark_read(db, &cast.ra_beta, a1, why), CORE_NOTFOUND);
	assert_true(why[0] != '\0');
	assert_int_equal(testlib_int(DB, "SELECT read_at IS NULL FROM contact_messages WHERE id = %lld", (long long)a1), 1);
	assert_int_equal(contact_mark_read(db, &cast.support, a1, why), CORE_FORBIDDEN);

	assert_int_equal(contact_unread_count(db, &cast.ra_alpha, &n), CORE_OK);
	assert_int_equal(n, 2);
	assert_int_equal(contact_mark_read(db, &cast.ra_alpha, a1, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT read_at IS NOT NULL FROM contact_messages WHERE id = %lld", (long long)a1), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'contact.read'"
	    " AND entity_id = %lld AND actor_name = 'alpha-admin'", (long long)a1), 1);
	/* again: nothing to do, no second audit row */
	assert_int_equal(contact_mark_read(db, &cast.ra_alpha, a1, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'contact.read'"), 1);
	assert_int_equal(contact_unread_count(db, &cast.ra_alpha, &n), CORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(contact_list(db, &cast.ra_alpha, 1, 50, 0, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, a2);
	contact_list_free(&l);
	assert_int_equal(contact_list(db, &cast.ra_alpha, 0, 1, 1, &l), CORE_OK);
	assert_int_equal(l.total, 2);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].id, a1);
	assert_true(l.items[0].read_at[0] != '\0');
	contact_list_free(&l);

	/* roles without a tenant or the right */
	assert_int_equal(contact_list(db, &cast.dist_admin, 0, 50, 0, &l), CORE_FORBIDDEN);
	contact_list_free(&l);
	assert_int_equal(contact_list(db, &cast.support, 0, 50, 0, &l), CORE_FORBIDDEN);
	contact_list_free(&l);
	assert_int_equal(contact_list(db, &cast.customer, 0, 50, 0, &l), CORE_FORBIDDEN);
	contact_list_free(&l);
	assert_int_equal(contact_unread_count(db, &cast.customer, &n), CORE_FORBIDDEN);
	/* support inspecting a reseller (tenant set) reads, but of its own distributor only */
	cast.support.reseller_id = 2;
	assert_int_equal(contact_list(db, &cast.support, 0, 50, 0, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	contact_list_free(&l);
	cast.support.distributor_id = 2;
	assert_int_equal(contact_list(db, &cast.support, 0, 50, 0, &l), CORE_NOTFOUND);
	contact_list_free(&l);
	db_close(db);
}

static void
text_validators(void **state)
{
	(void)state;
	static const char *const emails_ok[] = { "a@b.example", "first.last+tag@sub.example.co.uk",
	    "zoë@müller.example" };
	static const char *const emails_bad[] = { NULL, "", "@b.example", "a@", "a@b", "a@@b.example", "a@b..example",
	    "a<b>@c.example", "a@b.example\n" };
	TESTLIB_VALID(str_email_valid, emails_ok, emails_bad);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ratelimit_counts_a_fixed_window),
		cmocka_unit_test(ratelimit_exact_under_concurrency),
		cmocka_unit_test(invoice_balance_and_overdue),
		cmocka_unit_test(invoice_list_pages),
		cmocka_unit_test(text_validators),
		cmocka_unit_test(contact_submit_validates),
		cmocka_unit_test(contact_submit_stores_mails_and_throttles),
		cmocka_unit_test(contact_inbox_per_tenant),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
