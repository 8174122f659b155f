/*
 * test_invoice_run.c - the distributor's monthly invoices against the
 * real MariaDB: the run equals an independent SQL computation (on a
 * fixture with every rule, on the demo data and on dataset S); a second
 * run makes nothing; four runs for different months racing leave numbers
 * without gaps; issued invoices cannot change (core and triggers); credit
 * notes and payments move the balance and the overdue figure; the e-mail
 * is queued once per invoice.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "invoice.h"
#include "invoice_run.h"
#include "subscription.h"
#include "testlib.h"

#define DB "sr_invrun"

/*
 * October 2026 (31 days) of reseller 1 (customer Acme):
 *   s1 monthly 3 x 1000 all month                      3000
 *   s2 monthly 2 x 1000 from Oct 11: 21 days, unit 677 1354
 *   s3 monthly 1 x 1000 cancelled, term ended Oct 16:
 *      15 days, unit 483.87 -> 484                        484
 *   s4 annual 2 x 12000, term from 2024-10-31         24000
 *   s5 annual, term from March: not in October
 *   s6 trial; s7 starts in November; s9 expired Sep 30: nothing
 *   s8 Azure plan: October usage 1234 + 766             2000
 *   s12 monthly from Sep 1, 2 licences, 5 from Oct 15 (an increase):
 *      2 x 1-14: 14 days, unit 451.61 -> 452                904
 *      5 x 15-31: 17 days, unit 548.39 -> 548              2740
 *   s13 monthly from Aug 20, 4 licences, 1 from the renewal on Oct 20
 *      (a decrease): 4 x 1-19: 19 days, unit 612.90 -> 613  2452
 *                    1 x 20-31: 12 days, unit 387.10 -> 387  387
 *   total 37321 in 9 lines.
 * Reseller 2 (terms 14 days): s10 1 x 1000 -> 1000.  Reseller 3: nothing.
 * Reseller 4 belongs to distributor 2.
 */
static const char *const fixture =
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES"
    " (1, 'Northwind', 'northwind', 'EUR', 'ops@northwind.example'),"
    " (2, 'Southwind', 'southwind', 'EUR', 'ops@southwind.example');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, currency, payment_terms_days) VALUES"
    " (1, 1, 'Alpha', 'alpha@example.com', 'standard', 'EUR', 30),"
    " (2, 1, 'Beta', 'beta@example.com', 'standard', 'EUR', 14),"
    " (3, 1, 'Gamma', 'gamma@example.com', 'basic', 'EUR', 30),"
    " (4, 2, 'Foreign', 'foreign@example.com', 'standard', 'EUR', 30);"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost, currency)"
    " VALUES (1, 1, 'M', 'Monthly', 'monthly', 'Microsoft', 'license', 'monthly', 1000, 'EUR'),"
    " (2, 1, 'Y', 'Yearly', 'yearly', 'Acronis', 'license', 'annual', 12000, 'EUR'),"
    " (3, 1, 'AZ', 'Azure plan', 'azure', 'Microsoft', 'usage', 'monthly', 0, 'EUR'),"
    " (4, 2, 'M2', 'Other', 'other', 'Microsoft', 'license', 'monthly', 500, 'EUR');"
    "INSERT INTO customers (id, reseller_id, name, email) VALUES"
    " (1, 1, 'Acme', 'acme@example.com'), (2, 2, 'Bravo', 'bravo@example.com'),"
    " (3, 4, 'Faraway', 'far@example.com');"
    "INSERT INTO subscriptions (id, reseller_id, customer_id, product_id, quantity, status, unit_price, unit_cost,"
    " billing_period, start_date, renewal_date, trial_ends_on) VALUES"
    " (1, 1, 1, 1, 3, 'active', 1200, 1000, 'monthly', '2025-01-10', '2026-12-10', NULL),"
    " (2, 1, 1, 1, 2, 'active', 1200, 1000, 'monthly', '2026-10-11', '2026-12-11', NULL),"
    " (3, 1, 1, 1, 1, 'cancelled', 1200, 1000, 'monthly', '2025-01-01', '2026-10-16', NULL),"
    " (4, 1, 1, 2, 2, 'active', 14000, 12000, 'annual', '2024-10-31', '2027-10-31', NULL),"
    " (5, 1, 1, 2, 1, 'active', 14000, 12000, 'annual', '2025-03-05', '2027-03-05', NULL),"
    " (6, 1, 1, 1, 5, 'trial', 1200, 1000, 'monthly', '2026-10-01', '2026-12-01', '2026-12-01'),"
    " (7, 1, 1, 1, 1, 'active', 1200, 1000, 'monthly', '2026-11-03', '2026-12-03', NULL),"
    " (8, 1, 1, 3, 1, 'active', 0, 0, 'monthly', '2025-01-01', '2026-12-01', NULL),"
    " (9, 1, 1, 1, 1, 'expired', 1200, 1000, 'monthly', '2025-01-01', '2026-09-30', NULL),"
    " (10, 2, 2, 1, 1, 'active', 1200, 1000, 'monthly', '2026-01-01', '2026-12-01', NULL),"
    " (11, 4, 3, 4, 1, 'active', 600, 500, 'monthly', '2026-01-01', '2026-12-01', NULL),"
    " (12, 1, 1, 1, 2, 'active', 1200, 1000, 'monthly', '2026-09-01', '2026-12-01', NULL),"
    " (13, 1, 1, 1, 4, 'active', 1200, 1000, 'monthly', '2026-08-20', '2026-11-20', NULL);"
    /* the changes as core records them (the first rows come from the insert trigger) */
    "INSERT INTO subscription_quantities (subscription_id, effective_from, quantity, unit_cost) VALUES"
    " (12, '2026-10-15', 5, 1000), (13, '2026-10-20', 1, 1000);"
    "UPDATE subscriptions SET quantity = 5 WHERE id = 12;"
    "UPDATE subscriptions SET quantity = 1 WHERE id = 13;"
    "INSERT INTO usage_records (reseller_id, customer_id, subscription_id, usage_date, service, meter, quantity,"
    " unit, cost, price) VALUES"
    " (1, 1, 8, '2026-10-02', 'Compute', 'D2s v5', 24, 'hours', 1234, 1400),"
    " (1, 1, 8, '2026-10-31', 'Storage', 'LRS', 10, 'GB', 766, 800),"
    " (1, 1, 8, '2026-11-01', 'Compute', 'D2s v5', 24, 'hours', 999, 1100);";

/*
 * The month's invoice of every reseller, computed again independently:
 * each row of the quantity history is valid from its day (from the
 * beginning when no row is older: EXISTS) to the next row's day (a
 * correlated MIN, open when none), days by TO_DAYS over the whole
 * table, ROUND() on exact decimals, the anniversary by MAKEDATE (an
 * annual line at the quantity valid on it), usage from the raw
 * usage_records.  Two %s: the month's first day, the next month's first
 * day (in that order, each used through the derived table m).
 */
#define EXPECTED \
	"(SELECT t.reseller_id, SUM(t.amt) AS total, COUNT(*) AS n FROM (" \
	" SELECT d.reseller_id, d.quantity * IF(d.billing_period = 'annual', d.unit_cost," \
	"   IF(d.days = d.dim, d.unit_cost, ROUND(d.unit_cost * d.days / d.dim))) AS amt" \
	" FROM (SELECT x.reseller_id, x.billing_period, x.status, x.start_date, x.renewal_date, x.product_id," \
	"   h.quantity, h.unit_cost, h.valid_from, h.valid_to, m.f," \
	"   TO_DAYS(LEAST(IF(x.status IN ('cancelled','expired'), x.renewal_date, m.nx), m.nx, h.valid_to))" \
	"   - TO_DAYS(GREATEST(x.start_date, m.f, h.valid_from)) AS days, TO_DAYS(m.nx) - TO_DAYS(m.f) AS dim," \
	"   MAKEDATE(YEAR(m.f), 1) + INTERVAL (MONTH(m.f) - 1) MONTH" \
	"    + INTERVAL (LEAST(DAY(x.start_date), DAY(LAST_DAY(m.f))) - 1) DAY AS anniv" \
	"  FROM subscriptions x JOIN (SELECT q.subscription_id, q.quantity, q.unit_cost," \
	"    IF(EXISTS (SELECT 1 FROM subscription_quantities o WHERE o.subscription_id = q.subscription_id" \
	"     AND o.effective_from < q.effective_from), q.effective_from, DATE '1000-01-01') AS valid_from," \
	"    COALESCE((SELECT MIN(o.effective_from) FROM subscription_quantities o" \
	"     WHERE o.subscription_id = q.subscription_id AND o.effective_from > q.effective_from)," \
	"     DATE '9999-12-31') AS valid_to" \
	"   FROM subscription_quantities q) h ON h.subscription_id = x.id" \
	"  CROSS JOIN (SELECT DATE '%s' AS f, DATE '%s' AS nx) m) d JOIN products p ON p.id = d.product_id" \
	" WHERE d.status <> 'trial' AND p.type <> 'usage' AND ((d.billing_period = 'monthly' AND d.days > 0)" \
	"  OR (d.billing_period = 'annual' AND MONTH(d.start_date) = MONTH(d.f) AND d.start_date <= d.anniv" \
	"   AND (d.status IN ('active','suspended') OR d.renewal_date > d.anniv)" \
	"   AND d.valid_from <= d.anniv AND d.valid_to > d.anniv))" \
	" UNION ALL SELECT u.reseller_id, SUM(u.cost) FROM usage_records u" \
	"  WHERE u.usage_date >= DATE '%s' AND u.usage_date < DATE '%s' GROUP BY u.reseller_id, u.subscription_id" \
	"  HAVING SUM(u.cost) > 0" \
	") t GROUP BY t.reseller_id) e"

/* mismatches - resellers of distributor d whose invoice for [first, next) differs from EXPECTED (total or lines). */
static int64_t
mismatches(int64_t d, const char *first, const char *next)
{
	return testlib_int(DB, "SELECT COUNT(*) FROM resellers r LEFT JOIN " EXPECTED " ON e.reseller_id = r.id"
	    " LEFT JOIN invoices i ON i.reseller_id = r.id AND i.kind = 'invoice' AND i.period_start = DATE '%s'"
	    " WHERE r.distributor_id = %lld AND (NOT (COALESCE(i.total, -1) <=> COALESCE(e.total, -1))"
	    "  OR (i.id IS NOT NULL AND (SELECT COUNT(*) FROM invoice_lines l WHERE l.invoice_id = i.id) <> e.n))",
	    first, next, first, next, first, (long long)d);
}

/* gaps - 0 when the INV numbers of distributor d in year y are 1..count, each once. */
static int64_t
gaps(int64_t d, int y)
{
	return testlib_int(DB, "SELECT COUNT(*) - COUNT(DISTINCT n) + (COALESCE(MAX(n), 0) - COUNT(*))"
	    " FROM (SELECT CAST(SUBSTRING(number, 10) AS UNSIGNED) AS n FROM invoices"
	    " WHERE distributor_id = %lld AND number LIKE 'INV-%d-%%') x", (long long)d, y);
}

static int64_t
mails(void)
{
	return testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE kind = 'email'"
	    " AND JSON_VALUE(payload, '$.template') = 'invoice_issued'");
}

/*
 * rollup_differs - resellers whose reseller_mrr (sql/011's triggers) is
 * not the recurring MRR of core/mrr.h summed over their active
 * subscriptions here.
 */
static int64_t
rollup_differs(void)
{
	return testlib_int(DB, "SELECT COUNT(*) FROM resellers r LEFT JOIN reseller_mrr rm ON rm.reseller_id = r.id"
	    " WHERE COALESCE(rm.amount, 0) <> (SELECT COALESCE(SUM(IF(s.billing_period = 'annual',"
	    "  ROUND(s.quantity * s.unit_price / 12), s.quantity * s.unit_price)), 0) FROM subscriptions s"
	    "  WHERE s.reseller_id = r.id AND s.status = 'active')");
}

static struct actor
admin(int64_t d)
{
	return testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 11, d, 0, 0, "admin%lld", (long long)d);
}

static void
run_equals_sql_on_the_fixture(void **state)
{
	struct db *db = testlib_fixture(DB, fixture);
	struct actor da = admin(1), ra = testlib_actor(ROLE_RESELLER_ADMIN, 12, 1, 1, 0, "ra1"), sys;
	struct invoice_run_result res;

	(void)state;
	assert_int_equal(invoice_run_month(db, &ra, "2026-10", &res), CORE_FORBIDDEN);
	invoice_run_result_free(&res);
	assert_int_equal(invoice_run_month(db, &da, "2026-13", &res), CORE_INVALID);
	invoice_run_result_free(&res);
	assert_int_equal(invoice_run_month(db, &da, "2026-11", &res), CORE_INVALID);	/* not over */
	invoice_run_result_free(&res);

	assert_int_equal(invoice_run_month(db, &da, "2026-10", &res), CORE_OK);
	assert_int_equal(res.n, 3);
	assert_int_equal(res.issued, 2);
	assert_int_equal(res.nothing, 1);
	assert_int_equal(res.items[0].total, 37321);
	assert_int_equal(res.items[0].lines, 9);
	assert_string_equal(res.items[0].number, "INV-2026-000001");
	assert_int_equal(res.items[1].total, 1000);
	assert_string_equal(res.items[1].number, "INV-2026-000002");
	invoice_run_result_free(&res);
	assert_int_equal(mismatches(1, "2026-10-01", "2026-11-01"), 0);
	/* the exact lines and dates */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
	    " WHERE i.reseller_id = 1 AND ((l.unit_amount = 677 AND l.quantity = 2 AND l.amount = 1354"
	    "  AND l.description = 'Monthly, Acme, October 2026 (21 of 31 days)')"
	    " OR (l.unit_amount = 484 AND l.amount = 484) OR (l.amount = 24000 AND l.quantity = 2)"
	    " OR (l.amount = 2000 AND l.description = 'Azure plan consumption, Acme, October 2026')"
	    " OR (l.amount = 3000 AND l.description = 'Monthly, Acme, October 2026')"
	    " OR (l.quantity = 2 AND l.unit_amount = 452 AND l.amount = 904"
	    "  AND l.description = 'Monthly, Acme, 2 licences, 1–14 October 2026 (14 of 31 days)')"
	    " OR (l.quantity = 5 AND l.unit_amount = 548 AND l.amount = 2740"
	    "  AND l.description = 'Monthly, Acme, 5 licences, 15–31 October 2026 (17 of 31 days)')"
	    " OR (l.quantity = 4 AND l.unit_amount = 613 AND l.amount = 2452"
	    "  AND l.description = 'Monthly, Acme, 4 licences, 1–19 October 2026 (19 of 31 days)')"
	    " OR (l.quantity = 1 AND l.unit_amount = 387 AND l.amount = 387"
	    "  AND l.description = 'Monthly, Acme, 1 licence, 20–31 October 2026 (12 of 31 days)'))"), 9);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE issued_on = '2026-11-25'"
	    " AND ((reseller_id = 1 AND due_on = '2026-12-25') OR (reseller_id = 2 AND due_on = '2026-12-09'))"
	    " AND period_start = '2026-10-01' AND period_end = '2026-10-31' AND locked = 1 AND status = 'open'"), 2);
	assert_int_equal(mails(), 2);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE reseller_id = 1"
	    " AND JSON_VALUE(payload, '$.to') = 'alpha@example.com'"
	    " AND JSON_VALUE(payload, '$.data.number') = 'INV-2026-000001'"), 1);

	/* twice: nothing new, the same numbers reported */
	assert_int_equal(invoice_run_month(db, &da, "2026-10", &res), CORE_OK);
	assert_int_equal(res.issued, 0);
	assert_int_equal(res.present, 2);
	assert_string_equal(res.items[0].number, "INV-2026-000001");
	invoice_run_result_free(&res);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices"), 2);
	assert_int_equal(mails(), 2);

	/* the system bills every distributor: only the foreign reseller is new */
	actor_system(&sys, 0);
	assert_int_equal(invoice_run_month(db, &sys, "2026-10", &res), CORE_OK);
	assert_int_equal(res.issued, 1);
	assert_int_equal(res.present, 2);
	invoice_run_result_free(&res);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE distributor_id = 2"
	    " AND number = 'INV-2026-000001' AND total = 500"), 1);
	assert_int_equal(mismatches(2, "2026-10-01", "2026-11-01"), 0);
	assert_int_equal(gaps(1, 2026), 0);
	db_close(db);
}

/* clear - drop the invoices (and their payments) of the month starting first, so the run makes them afresh. */
static void
clear(const char *first)
{
	testlib_sql(DB, "DELETE p FROM payments p JOIN invoices i ON i.id = p.invoice_id"
	    " WHERE i.period_start = '%s'; DELETE FROM invoices WHERE period_start = '%s'", first, first);
}

static void
run_on(int flags)
{
	struct db *db = testlib_fresh(DB, TESTLIB_MIGRATE | flags);
	struct actor sys;
	struct invoice_run_result res;
	int64_t n;

	actor_system(&sys, 0);
	clear("2026-10-01");
	assert_int_equal(invoice_run_month(db, &sys, "2026-10", &res), CORE_OK);
	assert_true(res.issued > 0);
	n = res.issued;
	print_message("issued %d invoices for October 2026, %d with nothing\n", res.issued, res.nothing);
	invoice_run_result_free(&res);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM resellers r LEFT JOIN " EXPECTED
	    " ON e.reseller_id = r.id LEFT JOIN invoices i ON i.reseller_id = r.id AND i.kind = 'invoice'"
	    " AND i.period_start = DATE '2026-10-01' WHERE NOT (COALESCE(i.total, -1) <=> COALESCE(e.total, -1))"
	    " OR (i.id IS NOT NULL AND (SELECT COUNT(*) FROM invoice_lines l WHERE l.invoice_id = i.id) <> e.n)",
	    "2026-10-01", "2026-11-01", "2026-10-01", "2026-11-01"), 0);
	assert_int_equal(mails(), n);
	assert_int_equal(invoice_run_month(db, &sys, "2026-10", &res), CORE_OK);
	assert_int_equal(res.issued, 0);
	invoice_run_result_free(&res);
	assert_int_equal(mails(), n);
	db_close(db);
}

static void
run_equals_sql_on_the_demo(void **state)
{
	(void)state;
	run_on(TESTLIB_DEMO);
}

static void
run_equals_sql_on_dataset_s(void **state)
{
	(void)state;
	run_on(TESTLIB_SCALE_S);
}

struct race {
	enum core_err er[4];
};

static void
racer(struct db *db, int i, void *arg)
{
	static const char *const months[] = { "2026-06", "2026-07", "2026-08", "2026-09" };
	struct race *r = arg;
	struct actor da = admin(1);
	struct invoice_run_result res;

	r->er[i] = invoice_run_month(db, &da, months[i], &res);
	invoice_run_result_free(&res);
}

static void
racing_runs_leave_no_gaps(void **state)
{
	struct db *db = testlib_fixture(DB, fixture);
	struct race r;
	int i;

	(void)state;
	memset(&r, 0, sizeof(r));
	testlib_race(DB, 4, racer, &r);
	for (i = 0; i < 4; i++)
		assert_int_equal(r.er[i], CORE_OK);
	/* resellers 1 and 2 each month */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE distributor_id = 1"), 8);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(DISTINCT period_start) FROM invoices WHERE distributor_id = 1"), 4);
	assert_int_equal(gaps(1, 2026), 0);
	assert_int_equal(testlib_int(DB, "SELECT last_no FROM invoice_sequences WHERE distributor_id = 1"
	    " AND series = 'INV' AND year = 2026"), 8);
	assert_int_equal(mails(), 8);
	db_close(db);
}

/* at - a core connection to DB with the clock at `at`. */
static struct db *
at(const char *when)
{
	struct config cfg;
	struct db *db;
	char msg[512];

	testlib_config(&cfg, DB);
	snprintf(cfg.clock, sizeof(cfg.clock), "%s", when);
	if (db_open(&cfg, &db, msg, sizeof(msg)) != CORE_OK)
		fail_msg("%s", msg);
	return db;
}

static void
issued_invoices_are_immutable(void **state)
{
	struct db *db = testlib_fixture(DB, fixture);
	struct actor da = admin(1), other = admin(2);
	struct invoice_run_result res;
	int64_t id, cn = 0;
	static const char *const refused[] = {
		"UPDATE invoices SET total = total + 1 WHERE id = %lld",
		"UPDATE invoices SET due_on = due_on + INTERVAL 1 DAY WHERE id = %lld",
		"UPDATE invoices SET locked = 0 WHERE id = %lld",
		"UPDATE invoice_lines SET description = 'x' WHERE invoice_id = %lld",
		"INSERT INTO invoice_lines (invoice_id, line_no, description, quantity, unit_amount, amount)"
		" VALUES (%lld, 99, 'extra', 1, 1, 1)",
	};
	char q[300];
	size_t i;

	(void)state;
	assert_int_equal(invoice_run_month(db, &da, "2026-10", &res), CORE_OK);
	id = res.items[0].invoice_id;
	invoice_run_result_free(&res);
	for (i = 0; i < TESTLIB_LEN(refused); i++) {
		snprintf(q, sizeof(q), refused[i], (long long)id);
		assert_int_not_equal(db_exec_text(db, q, strlen(q)), CORE_OK);
	}
	assert_int_equal(testlib_int(DB, "SELECT total FROM invoices WHERE id = %lld", (long long)id), 37321);
	assert_int_equal(testlib_int(DB, "SELECT SUM(amount) FROM invoice_lines WHERE invoice_id = %lld",
	    (long long)id), 37321);
	/* its status may move */
	snprintf(q, sizeof(q), "UPDATE invoices SET status = 'paid' WHERE id = %lld", (long long)id);
	assert_int_equal(db_exec_text(db, q, strlen(q)), CORE_OK);
	snprintf(q, sizeof(q), "UPDATE invoices SET status = 'open' WHERE id = %lld", (long long)id);
	assert_int_equal(db_exec_text(db, q, strlen(q)), CORE_OK);

	/* corrections are credit notes, within what the invoice is */
	assert_int_equal(invoice_credit_note(db, &da, id, 37322, "too much", NULL), CORE_INVALID);
	assert_int_equal(invoice_credit_note(db, &da, id, 0, "nothing", NULL), CORE_INVALID);
	assert_int_equal(invoice_credit_note(db, &da, id, 838, "", NULL), CORE_INVALID);
	assert_int_equal(invoice_credit_note(db, &other, id, 838, "foreign", NULL), CORE_NOTFOUND);
	assert_int_equal(invoice_credit_note(db, &da, id, 838, "Two licences cancelled on day one", &cn), CORE_OK);
	assert_int_equal(invoice_credit_note(db, &da, cn, 1, "a credit of a credit", NULL), CORE_CONFLICT);
	assert_int_equal(invoice_credit_note(db, &da, id, 36484, "more than is left", NULL), CORE_INVALID);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE id = %lld AND kind = 'credit_note'"
	    " AND number = 'CN-2026-000001' AND total = 838 AND credits_invoice_id = %lld AND locked = 1",
	    (long long)cn, (long long)id), 1);
	snprintf(q, sizeof(q), "UPDATE invoices SET total = 1 WHERE id = %lld", (long long)cn);
	assert_int_not_equal(db_exec_text(db, q, strlen(q)), CORE_OK);
	/* the invoice numbers go on without the credit note */
	assert_int_equal(gaps(1, 2026), 0);
	db_close(db);
}

static void
credit_notes_and_payments_set_balance_and_overdue(void **state)
{
	struct db *db = testlib_fixture(DB, fixture), *early;
	struct actor da = admin(1), other = admin(2), ra = testlib_actor(ROLE_RESELLER_ADMIN, 12, 1, 1, 0, "ra1");
	struct invoice_run_result res;
	struct invoice_payment p;
	struct invoice_list l;
	int64_t bal = -1, ovd = -1, cnt = -1, id;

	(void)state;
	/* July's invoice issued on 2026-08-05, due 2026-09-04: overdue at the tests' clock */
	early = at("2026-08-05 10:00:00");
	assert_int_equal(invoice_run_month(early, &da, "2026-07", &res), CORE_OK);
	db_close(early);
	id = res.items[0].invoice_id;
	/* s1 3000, s3 1000, s9 1000 (all July); s4, s5 not July's; s8 no usage */
	assert_int_equal(res.items[0].total, 5000);
	invoice_run_result_free(&res);
	assert_int_equal(invoice_balance(db, &ra, 0, &bal, &ovd, &cnt), CORE_OK);
	assert_int_equal(bal, 5000);
	assert_int_equal(ovd, 5000);
	assert_int_equal(cnt, 1);

	assert_int_equal(invoice_credit_note(db, &da, id, 1500, "Service credit", NULL), CORE_OK);
	assert_int_equal(invoice_balance(db, &da, 1, &bal, &ovd, &cnt), CORE_OK);
	assert_int_equal(bal, 3500);
	assert_int_equal(ovd, 3500);
	assert_int_equal(cnt, 1);

	memset(&p, 0, sizeof(p));
	p.reseller_id = 1;
	p.amount = 3500;
	p.currency = "EUR";
	p.invoice_number = "INV-2026-000001";
	p.reference = "Bank ref 42";
	assert_int_equal(invoice_payment_record(db, &ra, &p, NULL), CORE_FORBIDDEN);
	p.currency = "USD";
	assert_int_equal(invoice_payment_record(db, &da, &p, NULL), CORE_INVALID);
	p.currency = "EUR";
	p.method = "cheque";
	assert_int_equal(invoice_payment_record(db, &da, &p, NULL), CORE_INVALID);
	p.method = NULL;
	p.paid_on = "2026-13-01";
	assert_int_equal(invoice_payment_record(db, &da, &p, NULL), CORE_INVALID);
	p.paid_on = "2026-11-20";
	assert_int_equal(invoice_payment_record(db, &other, &p, NULL), CORE_NOTFOUND);
	p.invoice_number = "INV-2026-999999";
	assert_int_equal(invoice_payment_record(db, &da, &p, NULL), CORE_NOTFOUND);
	p.invoice_number = "CN-2026-000001";
	assert_int_equal(invoice_payment_record(db, &da, &p, NULL), CORE_CONFLICT);
	p.invoice_number = "INV-2026-000001";
	p.amount = 1000;
	assert_int_equal(invoice_payment_record(db, &da, &p, NULL), CORE_OK);
	assert_int_equal(invoice_balance(db, &ra, 0, &bal, &ovd, &cnt), CORE_OK);
	assert_int_equal(bal, 2500);
	assert_int_equal(ovd, 2500);
	p.amount = 2500;
	assert_int_equal(invoice_payment_record(db, &da, &p, NULL), CORE_OK);
	assert_int_equal(invoice_balance(db, &ra, 0, &bal, &ovd, &cnt), CORE_OK);
	assert_int_equal(bal, 0);
	assert_int_equal(ovd, 0);
	assert_int_equal(cnt, 0);
	assert_int_equal(testlib_int(DB, "SELECT status = 'paid' FROM invoices WHERE id = %lld", (long long)id), 1);
	/* on account: recorded, applied to nothing */
	p.invoice_number = NULL;
	p.amount = 999;
	assert_int_equal(invoice_payment_record(db, &da, &p, NULL), CORE_OK);
	assert_int_equal(invoice_balance(db, &ra, 0, &bal, &ovd, &cnt), CORE_OK);
	assert_int_equal(bal, 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action IN"
	    " ('payment.record', 'invoice.credit_note')"), 4);

	/* the list: the credit note owes nothing, the invoice nothing more */
	assert_int_equal(invoice_list(db, &ra, 0, 50, 0, &l), CORE_OK);
	assert_int_equal(l.n, 2);
	for (size_t i = 0; i < l.n; i++) {
		assert_int_equal(l.items[i].outstanding, 0);
		assert_int_equal(l.items[i].overdue, 0);
	}
	invoice_list_free(&l);
	db_close(db);
}

/*
 * The quantity history as core writes it, at the tests' clock (25 Nov):
 * an increase applied today, a scheduled decrease applied by the daily
 * pass at a renewal it catches up on (12 Nov), a trial converted today;
 * November's invoice, run on 2 December, prorates each and equals
 * EXPECTED.  The reseller list's recurring MRR (reseller_mrr, kept by
 * sql/011's triggers) equals the definition after each kind of change.
 */
static void
core_changes_are_prorated(void **state)
{
	struct db *db = testlib_fixture(DB, fixture), *dec;
	struct actor da = admin(1), u1 = testlib_member(1, 1, 1), sys;
	struct subscription_renewals by;
	struct invoice_run_result res;
	char why[CORE_WHY];

	(void)state;
	actor_system(&sys, 0);
	testlib_sql(DB, "UPDATE subscriptions SET pending_quantity = 2, renewal_date = '2026-11-12' WHERE id = 12");
	assert_int_equal(subscription_change_quantity(db, &u1, 1, 7, why), CORE_OK);
	assert_int_equal(subscription_upgrade_trial(db, &u1, 6, why), CORE_OK);
	memset(&by, 0, sizeof(by));
	assert_int_equal(subscription_renew_due(db, &sys, "2026-11-25", &by), CORE_OK);
	assert_int_equal(by.decreased, 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM subscription_quantities WHERE"
	    " (subscription_id = 1 AND effective_from = '2026-11-25' AND quantity = 7 AND unit_cost = 1000)"
	    " OR (subscription_id = 12 AND effective_from = '2026-11-12' AND quantity = 2)"
	    " OR (subscription_id = 6 AND effective_from = '2026-11-25' AND quantity = 5)"), 3);
	/* a decrease only scheduled, and a second pass, write nothing */
	assert_int_equal(subscription_change_quantity(db, &u1, 2, 1, why), CORE_OK);
	assert_int_equal(subscription_renew_due(db, &sys, "2026-11-25", &by), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM subscription_quantities"), 13 + 2 + 3);
	/* the reseller list's recurring MRR followed every change */
	assert_true(testlib_int(DB, "SELECT amount FROM reseller_mrr WHERE reseller_id = 1") > 0);
	assert_int_equal(rollup_differs(), 0);
	db_close(db);

	dec = at("2026-12-02 06:00:00");
	assert_int_equal(invoice_run_month(dec, &da, "2026-11", &res), CORE_OK);
	assert_int_equal(res.issued, 2);
	invoice_run_result_free(&res);
	db_close(dec);
	assert_int_equal(mismatches(1, "2026-11-01", "2026-12-01"), 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
	    " WHERE i.reseller_id = 1 AND i.period_start = '2026-11-01' AND ("
	    " (l.quantity = 3 AND l.unit_amount = 800 AND l.description = 'Monthly, Acme, 3 licences, 1–24 November 2026 (24 of 30 days)')"
	    " OR (l.quantity = 7 AND l.unit_amount = 200 AND l.description = 'Monthly, Acme, 7 licences, 25–30 November 2026 (6 of 30 days)')"
	    " OR (l.quantity = 5 AND l.unit_amount = 367 AND l.description = 'Monthly, Acme, 5 licences, 1–11 November 2026 (11 of 30 days)')"
	    " OR (l.quantity = 2 AND l.unit_amount = 633 AND l.description = 'Monthly, Acme, 2 licences, 12–30 November 2026 (19 of 30 days)')"
	    " OR (l.quantity = 5 AND l.unit_amount = 200 AND l.description = 'Monthly, Acme, November 2026 (6 of 30 days)'))"), 5);
	/* and any other change: a delete, a suspension, a new price and period */
	testlib_sql(DB, "DELETE FROM subscriptions WHERE id = 11;"
	    " UPDATE subscriptions SET status = 'suspended' WHERE id = 10;"
	    " UPDATE subscriptions SET unit_price = 1500, billing_period = 'annual' WHERE id = 13");
	assert_int_equal(rollup_differs(), 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM reseller_mrr WHERE amount <> 0 AND reseller_id IN (2, 4)"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(run_equals_sql_on_the_fixture),
		cmocka_unit_test(core_changes_are_prorated),
		cmocka_unit_test(racing_runs_leave_no_gaps),
		cmocka_unit_test(issued_invoices_are_immutable),
		cmocka_unit_test(credit_notes_and_payments_set_balance_and_overdue),
		cmocka_unit_test(run_equals_sql_on_the_demo),
		cmocka_unit_test(run_equals_sql_on_dataset_s),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
