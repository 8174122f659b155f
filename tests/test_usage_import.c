/*
 * test_usage_import.c - `shelf usage import` (core/usage_import.c)
 * against the real MariaDB: header detection in any order with a BOM,
 * CRLF and quoted fields; matching through subscriptions.external_ref
 * (SubscriptionId or EntitlementId, usage plans of the actor's
 * distributor only); bad rows named by line while the good ones import;
 * currency mismatch; exact amounts; a second import changing nothing;
 * the rollup and its reseller totals, the MRR, the dashboard, the
 * customer and reseller lists
 * and the usage page equal to independent SQL over the raw rows.  The
 * clock is pinned (TESTLIB_CLOCK, 2026-11-25): the files' dates are of
 * that story, so the figures hold on any day.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "customer.h"
#include "dashboard.h"
#include "money.h"
#include "mrr.h"
#include "reseller.h"
#include "usage.h"
#include "usage_import.h"
#include "testlib.h"

#define DB "shelf_usage_import"

#define REF_A  "5f7e3c1a-9b2d-4e8f-a6c4-1d0b9e8f7a61"	/* sub 10: reseller 1 (EUR), customer 1, 15 % */
#define ENT_B  "0c9a8b7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d"	/* sub 11: reseller 1, customer 2, 12.5 %, by entitlement */
#define REF_C  "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"	/* sub 12: reseller 2 (USD), customer 3, 0 % */
#define REF_LIC "11111111-2222-4333-8444-555555555555"	/* sub 13: a licence, not a usage plan */
#define REF_OTHER "99999999-8888-4777-8666-555555555555"	/* sub 20: another distributor's */

static const char fixture_sql[] =
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES (1, 'Dist', 'dist', 'EUR', 'd@example.com'),"
    " (2, 'Other', 'other', 'EUR', 'o@example.com');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, currency) VALUES"
    " (1, 1, 'Reseller One', 'r1@example.com', 'standard', 'EUR'),"
    " (2, 1, 'Reseller Two', 'r2@example.com', 'standard', 'USD'),"
    " (3, 2, 'Reseller Three', 'r3@example.com', 'standard', 'EUR');"
    "INSERT INTO operators (id, login, display_name, role, distributor_id, reseller_id) VALUES"
    " (1, 'admin', 'Admin', 'distributor_admin', 1, NULL), (2, 'ra1', 'RA1', 'reseller_admin', 1, 1);"
    "INSERT INTO customers (id, reseller_id, name, email) VALUES (1, 1, 'Cust One', 'c1@example.com'),"
    " (2, 1, 'Cust Two', 'c2@example.com'), (3, 2, 'Cust Three', 'c3@example.com'), (4, 3, 'Cust Four', 'c4@example.com');"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost, currency)"
    " VALUES (1, 1, 'AZ', 'Azure plan', 'azure', 'Microsoft', 'usage', 'monthly', 0, 'EUR'),"
    " (2, 1, 'M365', 'Microsoft 365', 'm365', 'Microsoft', 'license', 'monthly', 1037, 'EUR'),"
    " (3, 2, 'AZ2', 'Azure plan', 'azure', 'Microsoft', 'usage', 'monthly', 0, 'EUR');"
    "INSERT INTO subscriptions (id, reseller_id, customer_id, product_id, quantity, status, unit_price, unit_cost,"
    " markup_bp, billing_period, start_date, renewal_date, external_ref) VALUES"
    " (10, 1, 1, 1, 1, 'active', 0, 0, 1500, 'monthly', '2024-01-01', '2099-01-01', '" REF_A "'),"
    " (11, 1, 2, 1, 1, 'cancelled', 0, 0, 1250, 'monthly', '2024-01-01', '2099-01-01', '" ENT_B "'),"
    " (12, 2, 3, 1, 1, 'active', 0, 0, 0, 'monthly', '2024-01-01', '2099-01-01', '" REF_C "'),"
    " (13, 1, 1, 2, 3, 'active', 1193, 1037, 1500, 'monthly', '2024-01-01', '2099-01-01', '" REF_LIC "'),"
    " (20, 3, 4, 3, 1, 'active', 0, 0, 1000, 'monthly', '2024-01-01', '2099-01-01', '" REF_OTHER "');"
    /* usage made otherwise (a seed): the rollup holds it too */
    "INSERT INTO usage_records (reseller_id, customer_id, subscription_id, usage_date, service, meter, quantity,"
    " unit, cost, price) VALUES (1, 1, 10, '2026-11-02', 'Virtual Machines', 'Dv5 D2s v5', 24, '1 Hour', 999, 1149),"
    " (1, 1, 10, '2026-10-30', 'Storage', 'Hot LRS', 3, 'GB', 333, 383);";

static struct actor
admin(void)
{
	return testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 1, 1, 0, 0, "admin");
}

/* write - a file of text under /tmp; the caller unlinks and frees the path. */
static char *
write_file(const char *text)
{
	char *path = strdup("/tmp/shelf-usage-import-XXXXXX");
	int fd;

	assert_non_null(path);
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static enum core_err
import_text(struct db *db, const char *text, struct usage_import_result *r)
{
	struct actor a = admin();
	char *path = write_file(text);
	enum core_err er = usage_import_file(db, &a, path, r);

	unlink(path);
	free(path);
	return er;
}

static int
has_reject(const struct usage_import_result *r, long line, const char *part)
{
	size_t i;

	for (i = 0; i < r->nrejects; i++)
		if (r->rejects[i].line == line && strstr(r->rejects[i].reason, part) != NULL)
			return 1;
	return 0;
}

/* Shuffled columns, extra ones, a BOM, CRLF, quoted commas, quotes and a line break. */
static const char shuffled[] =
    "\xEF\xBB\xBF" "Tags,BillingCurrency,Quantity,MeterName,PartnerId,UsageDate,ResourceURI,SubscriptionId,"
    "MeterCategory,UnitPrice,CustomerId,MeterId,ResourceGroup,MeterSubCategory,Unit,BillingPreTaxTotal,"
    "EntitlementId,ChargeType\r\n"
    /* line 2: 12.345 EUR -> 1235 cents (half-up), quantity rounded to 6 decimals */
    "\"{\"\"env\"\": \"\"prod, eu\"\"}\",EUR,1.2345678,\"D2s v5, \"\"Linux\"\"\",p,2026-11-03T00:00:00,"
    "/subscriptions/x/resourceGroups/RG-A/vm1," REF_A ",Virtual Machines,0.0864,c,m-1,RG-A,Dv5 Series,1 Hour,"
    "12.345,,new\r\n"
    /* lines 3-4: a line break inside quotes; 5E-03 EUR -> 1 cent; matched by its entitlement, US dates */
    "\"two\r\nlines\",eur,2,Hot LRS Data Stored,p,11/4/2026 12:00:00 AM,,,Storage,0.2,c,m-2,rg-b,"
    "Tiered Block Blob,1 GB/Month,5E-03," ENT_B ",new\r\n"
    /* line 5: lower-case reference, same resource as line 2 on another day */
    ",EUR,3,\"D2s v5, \"\"Linux\"\"\",p,2026-11-04,/subscriptions/x/resourceGroups/RG-A/vm1,"
    "5F7E3C1A-9B2D-4E8F-A6C4-1D0B9E8F7A61,Virtual Machines,0.0864,c,m-1,RG-A,Dv5 Series,1 Hour,0.2592,,new\r\n";

static void
header_any_order_bom_and_quotes(void **state)
{
	struct db *db = testlib_fixture(DB, fixture_sql);
	struct usage_import_result r;

	(void)state;
	assert_int_equal(import_text(db, shuffled, &r), CORE_OK);
	assert_int_equal(r.rows, 3);
	assert_int_equal(r.imported, 3);
	assert_int_equal(r.rejected, 0);
	assert_int_equal(r.batches, 1);
	usage_import_result_free(&r);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM usage_records WHERE subscription_id = 10"
	    " AND usage_date = '2026-11-03' AND service = 'Virtual Machines' AND meter = 'Dv5 Series D2s v5, \"Linux\"'"
	    " AND meter_id = 'm-1' AND resource_group = 'RG-A' AND unit = '1 Hour' AND quantity = 1.234568"
	    " AND cost = 1235 AND price = 1235 + 185 AND import_id IS NOT NULL AND line_key IS NOT NULL"), 1);
	assert_int_equal(testlib_int(DB, "SELECT cost * 10000 + price FROM usage_records WHERE subscription_id = 11"
	    " AND usage_date = '2026-11-04' AND meter = 'Tiered Block Blob Hot LRS Data Stored'"), 1 * 10000 + 1);
	assert_int_equal(testlib_int(DB, "SELECT cost FROM usage_records WHERE subscription_id = 10"
	    " AND usage_date = '2026-11-04'"), 26);
	/* the batch and its audit row */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM usage_imports WHERE distributor_id = 1 AND operator_id = 1"
	    " AND first_line = 2 AND last_line = 5 AND imported = 3 AND present = 0 AND rejected = 0"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'usage.import'"), 1);
	db_close(db);
}

static void
missing_headers_change_nothing(void **state)
{
	struct db *db = testlib_fixture(DB, fixture_sql);
	struct usage_import_result r;
	struct actor ra = testlib_actor(ROLE_RESELLER_ADMIN, 2, 1, 1, 0, "ra1");
	char *path;

	(void)state;
	assert_int_equal(import_text(db, "CustomerId,SubscriptionId,UsageDate,MeterCategory,MeterSubCategory,MeterName,"
	    "ResourceGroup,ResourceURI,Unit,Quantity,UnitPrice,BillingPreTaxTotal\n"
	    "c," REF_A ",2026-11-03,Storage,,Hot,rg,,GB,1,1,1\n", &r), CORE_INVALID);
	assert_non_null(strstr(r.why, "MeterId, BillingCurrency columns"));
	usage_import_result_free(&r);
	assert_int_equal(import_text(db, "CustomerId,UsageDate\n", &r), CORE_INVALID);
	assert_non_null(strstr(r.why, "EntitlementId or SubscriptionId"));
	usage_import_result_free(&r);
	assert_int_equal(import_text(db, "", &r), CORE_INVALID);
	usage_import_result_free(&r);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM usage_records"), 2);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM usage_imports"), 0);
	/* a reseller admin may not import; a file that is not there */
	path = write_file(shuffled);
	assert_int_equal(usage_import_file(db, &ra, path, &r), CORE_FORBIDDEN);
	usage_import_result_free(&r);
	unlink(path);
	free(path);
	{
		struct actor a = admin();

		assert_int_equal(usage_import_file(db, &a, "/nonexistent/usage.csv", &r), CORE_IO);
		assert_non_null(strstr(r.why, "cannot open"));
		usage_import_result_free(&r);
	}
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM usage_records"), 2);
	db_close(db);
}

#define HDR "SubscriptionId,EntitlementId,CustomerId,UsageDate,MeterCategory,MeterSubCategory,MeterName,MeterId," \
	"ResourceGroup,ResourceURI,Unit,Quantity,UnitPrice,BillingPreTaxTotal,BillingCurrency\n"
#define ROW(ref, date, meter, qty, total, cur) \
	ref ",,c," date ",Virtual Machines,Dv5," meter "," meter ",rg,/r/" meter ",1 Hour," qty ",0.1," total "," cur "\n"

static void
bad_rows_named_good_rows_imported(void **state)
{
	struct db *db = testlib_fixture(DB, fixture_sql);
	struct usage_import_result r;
	static const char text[] = HDR
	    ROW(REF_A, "2026-11-05", "a", "1", "1.00", "EUR")		/* 2 good */
	    ROW("no-such-plan", "2026-11-05", "b", "1", "1.00", "EUR")	/* 3 unknown */
	    ROW(REF_OTHER, "2026-11-05", "c", "1", "1.00", "EUR")	/* 4 another distributor's */
	    ROW(REF_LIC, "2026-11-05", "d", "1", "1.00", "EUR")		/* 5 not a usage plan */
	    ROW(REF_A, "2026-02-30", "e", "1", "1.00", "EUR")		/* 6 no such day */
	    ROW(REF_A, "yesterday", "f", "1", "1.00", "EUR")		/* 7 not a date */
	    ROW(REF_A, "2026-11-05", "g", "abc", "1.00", "EUR")		/* 8 quantity */
	    ROW(REF_A, "2026-11-05", "h", "1", "1.0.0", "EUR")		/* 9 amount */
	    ROW(REF_A, "2026-11-05", "i", "1", "1.00", "USD")		/* 10 currency */
	    ROW(REF_A, "2026-11-05", "j", "1", "-2.50", "EUR")		/* 11 a credit */
	    ROW(REF_C, "2026-11-05", "k", "1", "7.125", "USD")		/* 12 good, in USD */
	    ROW(REF_C, "2026-11-05", "l", "1", "7.00", "EUR")		/* 13 EUR for a USD reseller */
	    ROW(REF_A, "2026-11-06", "a", "2", "99999999999999999999", "EUR")	/* 14 too large */
	    ROW(REF_A, "2026-11-06", "m", "2", "2.005", "EUR");		/* 15 good */

	(void)state;
	assert_int_equal(import_text(db, text, &r), CORE_OK);
	assert_int_equal(r.rows, 14);
	assert_int_equal(r.imported, 3);
	assert_int_equal(r.present, 0);
	assert_int_equal(r.rejected, 11);
	assert_int_equal(r.nrejects, 11);
	assert_true(has_reject(&r, 3, "no Azure plan has the vendor reference 'no-such-plan'"));
	assert_true(has_reject(&r, 4, "no Azure plan"));
	assert_true(has_reject(&r, 5, "no Azure plan"));
	assert_true(has_reject(&r, 6, "UsageDate '2026-02-30' is not a date"));
	assert_true(has_reject(&r, 7, "UsageDate"));
	assert_true(has_reject(&r, 8, "Quantity 'abc'"));
	assert_true(has_reject(&r, 9, "BillingPreTaxTotal '1.0.0' is not a number"));
	assert_true(has_reject(&r, 10, "BillingCurrency 'USD' is not the reseller's currency EUR"));
	assert_true(has_reject(&r, 11, "negative"));
	assert_true(has_reject(&r, 13, "BillingCurrency 'EUR' is not the reseller's currency USD"));
	assert_true(has_reject(&r, 14, "too large"));
	usage_import_result_free(&r);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM usage_records WHERE import_id IS NOT NULL"), 3);
	assert_int_equal(testlib_int(DB, "SELECT cost FROM usage_records WHERE subscription_id = 12"), 713);
	assert_int_equal(testlib_int(DB, "SELECT cost * 1000 + price FROM usage_records WHERE meter_id = 'm'"),
	    201 * 1000 + 231);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM usage_records WHERE subscription_id IN (13, 20)"), 0);
	assert_int_equal(testlib_int(DB, "SELECT rejected FROM usage_imports"), 11);
	db_close(db);
}

/* a file of n rows: three plans, the 5th of October to the 24th of November, one resource each */
static char *
big_file(int n)
{
	static const char *const refs[] = { REF_A, ENT_B, REF_C };
	static const char *const curs[] = { "EUR", "EUR", "USD" };
	static const char *const meters[][3] = {
		{ "Virtual Machines", "Dv5 Series", "D2s v5" }, { "Storage", "Tiered Block Blob", "Hot LRS" },
		{ "Bandwidth", "", "Data Transfer Out" }, { "SQL Database", "Gen5", "vCore" },
	};
	char *path = strdup("/tmp/shelf-usage-big-XXXXXX");
	FILE *f;
	int fd, i;

	assert_non_null(path);
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs("EntitlementId,SubscriptionId,CustomerId,UsageDate,MeterCategory,MeterSubCategory,MeterName,MeterId,"
	    "ResourceGroup,ResourceURI,Unit,Quantity,UnitPrice,BillingPreTaxTotal,BillingCurrency\r\n", f);
	for (i = 0; i < n; i++) {
		int p = i % 3, k = i / 3, day = k % 51, res = k / 51, m = res % 4;
		int mon = day < 27 ? 10 : 11, dom = day < 27 ? 5 + day : day - 26;

		fprintf(f, "%s,%s,c,2026-%02d-%02d,%s,%s,%s,meter-%d,rg-%d,/subs/r%d/vm-%d,1 Hour,%d.%03d,0.1,%d.%04d,%s\r\n",
		    p == 1 ? refs[p] : "", p == 1 ? "" : refs[p], mon, dom, meters[m][0], meters[m][1], meters[m][2], m,
		    res % 5, res, res, 1 + i % 40, i % 1000, i % 9000, (i * 7919) % 10000, curs[p]);
	}
	fclose(f);
	return path;
}

/* the rollup against SQL over the raw rows: rows that differ or are missing on either side */
#define ROLLUP_DIFF \
	"SELECT (SELECT COUNT(*) FROM usage_monthly) + (SELECT COUNT(*) FROM (SELECT u.subscription_id," \
	" DATE_FORMAT(u.usage_date, '%%Y-%%m-01') mo, u.service, u.meter, SUM(u.quantity) q, SUM(u.cost) c," \
	" SUM(u.cost + ROUND(u.cost * s.markup_bp / 10000)) p FROM usage_records u JOIN subscriptions s" \
	" ON s.id = u.subscription_id GROUP BY 1, 2, 3, 4) x)" \
	" - 2 * (SELECT COUNT(*) FROM usage_monthly m JOIN (SELECT u.subscription_id, DATE_FORMAT(u.usage_date, '%%Y-%%m-01') mo," \
	" u.service, u.meter, SUM(u.quantity) q, SUM(u.cost) c, SUM(u.cost + ROUND(u.cost * s.markup_bp / 10000)) p," \
	" MIN(s.customer_id) cu, MIN(s.reseller_id) re FROM usage_records u JOIN subscriptions s ON s.id = u.subscription_id" \
	" GROUP BY 1, 2, 3, 4) x ON x.subscription_id = m.subscription_id AND x.mo = m.month AND x.service = m.service" \
	" AND x.meter = m.meter AND x.q = m.quantity AND x.c = m.cost AND x.p = m.price AND x.cu = m.customer_id" \
	" AND x.re = m.reseller_id)"

/* the reseller totals against SQL over the raw rows: months that differ or are missing on either side */
static int64_t
totals_diff(void)
{
	return testlib_int(DB, "SELECT (SELECT COUNT(*) FROM usage_monthly_totals) + (SELECT COUNT(*) FROM (SELECT DISTINCT"
	    " u.reseller_id, DATE_FORMAT(u.usage_date, '%%Y-%%m-01') FROM usage_records u) k)"
	    " - 2 * (SELECT COUNT(*) FROM usage_monthly_totals t JOIN (SELECT u.reseller_id re,"
	    " DATE_FORMAT(u.usage_date, '%%Y-%%m-01') mo, SUM(u.cost) c, SUM(u.cost + ROUND(u.cost * s.markup_bp / 10000)) p"
	    " FROM usage_records u JOIN subscriptions s ON s.id = u.subscription_id GROUP BY 1, 2) x"
	    " ON x.re = t.reseller_id AND x.mo = t.month AND x.c = t.cost AND x.p = t.price)");
}

static void
import_twice_changes_nothing(void **state)
{
	struct db *db = testlib_fixture(DB, fixture_sql);
	struct usage_import_result r;
	struct actor a = admin();
	char *path = big_file(5000);
	int64_t rows, sum, qty;

	(void)state;
	assert_int_equal(testlib_int(DB, ROLLUP_DIFF), 0);	/* the fixture's own rows */
	assert_int_equal(totals_diff(), 0);
	assert_int_equal(usage_import_file(db, &a, path, &r), CORE_OK);
	assert_int_equal(r.imported, 5000);
	assert_int_equal(r.rejected, 0);
	assert_int_equal(r.batches, 3);
	usage_import_result_free(&r);
	rows = testlib_int(DB, "SELECT COUNT(*) FROM usage_records");
	sum = testlib_int(DB, "SELECT SUM(cost) * 7 + SUM(price) FROM usage_monthly");
	qty = testlib_int(DB, "SELECT SUM(quantity) * 1000000 FROM usage_monthly");
	assert_int_equal(rows, 5002);
	assert_int_equal(testlib_int(DB, ROLLUP_DIFF), 0);

	assert_int_equal(usage_import_file(db, &a, path, &r), CORE_OK);
	assert_int_equal(r.imported, 0);
	assert_int_equal(r.present, 5000);
	usage_import_result_free(&r);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM usage_records"), rows);
	assert_int_equal(testlib_int(DB, "SELECT SUM(cost) * 7 + SUM(price) FROM usage_monthly"), sum);
	assert_int_equal(testlib_int(DB, "SELECT SUM(quantity) * 1000000 FROM usage_monthly"), qty);
	assert_int_equal(testlib_int(DB, ROLLUP_DIFF), 0);

	/* a file cut short and run again completes: its first rows are present */
	testlib_sql(DB, "DELETE FROM usage_records WHERE import_id IS NOT NULL AND id MOD 3 = 0");
	testlib_rollup(DB);
	assert_int_equal(usage_import_file(db, &a, path, &r), CORE_OK);
	assert_true(r.imported > 1000);
	assert_int_equal(r.imported + r.present, 5000);
	usage_import_result_free(&r);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM usage_records"), rows);
	assert_int_equal(testlib_int(DB, "SELECT SUM(cost) * 7 + SUM(price) FROM usage_monthly"), sum);
	assert_int_equal(testlib_int(DB, ROLLUP_DIFF), 0);
	assert_int_equal(totals_diff(), 0);
	unlink(path);
	free(path);
	db_close(db);
}

static void
figures_equal_sql_over_raw_rows(void **state)
{
	struct db *db = testlib_fixture(DB, fixture_sql);
	struct usage_import_result r;
	struct actor a = admin(), ra1 = testlib_admin(2, 1), owner = testlib_owner(1, 1, 1);
	struct reseller_query q = { NULL, -1, RESELLER_SORT_NAME, 0, 50, 0, 0 };
	struct reseller_list rl;
	struct customer_query cq = { 0 };
	struct customer_list cl;
	struct dashboard d;
	struct usage_report ur;
	struct usage_month_list ml;
	char *path = big_file(3000);
	int64_t v, t, all;
	size_t i;

	(void)state;
	assert_int_equal(usage_import_file(db, &a, path, &r), CORE_OK);
	usage_import_result_free(&r);
	assert_int_equal(testlib_int(DB, ROLLUP_DIFF), 0);
	assert_int_equal(totals_diff(), 0);
	/* MRR of resellers and customers (testlib's own statement over the raw rows) */
	assert_int_equal(mrr_reseller(db, 1, &v), CORE_OK);
	assert_int_equal(v, testlib_mrr_reseller(DB, 1));
	assert_true(v > 0);
	assert_int_equal(mrr_reseller(db, 2, &v), CORE_OK);
	assert_int_equal(v, testlib_mrr_reseller(DB, 2));
	for (i = 1; i <= 3; i++) {
		assert_int_equal(mrr_customer(db, i == 3 ? 2 : 1, (int64_t)i, &v), CORE_OK);
		assert_int_equal(v, testlib_mrr_customer(DB, (int64_t)i));
	}
	/* the reseller list's MRR column */
	assert_int_equal(reseller_list(db, &a, &q, &rl), CORE_OK);
	assert_int_equal(rl.n, 2);
	for (i = 0; i < rl.n; i++)
		assert_int_equal(rl.items[i].mrr, testlib_mrr_reseller(DB, rl.items[i].id));
	reseller_list_free(&rl);
	q.sort = RESELLER_SORT_MRR;
	assert_int_equal(reseller_list(db, &a, &q, &rl), CORE_OK);
	assert_int_equal(rl.items[0].mrr, testlib_mrr_reseller(DB, rl.items[0].id));
	reseller_list_free(&rl);
	/* the customers screen: MRR per customer, transacting */
	assert_int_equal(customer_list(db, &ra1, 1, &cq, &cl), CORE_OK);
	for (i = 0; i < cl.n; i++)
		assert_int_equal(cl.items[i].mrr, testlib_mrr_customer(DB, cl.items[i].id));
	customer_list_free(&cl);
	assert_int_equal(customer_stats(db, &ra1, 1, &all, &t, &v), CORE_OK);
	assert_int_equal(t, 2);	/* customer 2's plan is cancelled: transacting by this month's usage */
	assert_int_equal(v, testlib_mrr_reseller(DB, 1));
	/* the dashboard's monthly costs: licences' cost plus this month's usage cost */
	assert_int_equal(dashboard_get(db, &ra1, &d), CORE_OK);
	assert_int_equal(d.mrr, testlib_mrr_reseller(DB, 1));
	assert_int_equal(d.monthly_costs, testlib_int(DB, "SELECT 3 * 1037 + (SELECT SUM(cost) FROM usage_records"
	    " WHERE reseller_id = 1 AND usage_date BETWEEN '2026-11-01' AND '2026-11-30')"));
	/* the customer's usage page: a month's total and the months list */
	assert_int_equal(usage_month(db, &owner, 10, 2026, 11, &ur), CORE_OK);
	assert_int_equal(ur.total, testlib_int(DB, "SELECT SUM(u.cost + ROUND(u.cost * 1500 / 10000)) FROM usage_records u"
	    " WHERE u.subscription_id = 10 AND u.usage_date BETWEEN '2026-11-01' AND '2026-11-30'"));
	/* by resource group: each against SQL, the fixture's row without a group among them, summing to the total */
	assert_int_equal(ur.ngroups, testlib_int(DB, "SELECT COUNT(DISTINCT COALESCE(resource_group, '')) FROM usage_records"
	    " WHERE subscription_id = 10 AND usage_date BETWEEN '2026-11-01' AND '2026-11-30'"));
	for (v = 0, i = 0; i < ur.ngroups; i++) {
		v += ur.groups[i].price;
		assert_int_equal(ur.groups[i].price, testlib_int(DB, "SELECT SUM(cost + ROUND(cost * 1500 / 10000))"
		    " FROM usage_records WHERE subscription_id = 10 AND usage_date BETWEEN '2026-11-01' AND '2026-11-30'"
		    " AND COALESCE(resource_group, '') = '%s'", ur.groups[i].name));
	}
	assert_int_equal(v, ur.total);
	usage_report_free(&ur);
	assert_int_equal(usage_months(db, &owner, 10, &ml), CORE_OK);
	assert_int_equal(ml.n, 2);
	for (i = 0; i < ml.n; i++)
		assert_int_equal(ml.items[i].total, testlib_int(DB, "SELECT SUM(cost + ROUND(cost * 1500 / 10000))"
		    " FROM usage_records WHERE subscription_id = 10 AND YEAR(usage_date) = %d AND MONTH(usage_date) = %d",
		    ml.items[i].year, ml.items[i].month));
	usage_month_list_free(&ml);
	unlink(path);
	free(path);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_any_order_bom_and_quotes),
		cmocka_unit_test(missing_headers_change_nothing),
		cmocka_unit_test(bad_rows_named_good_rows_imported),
		cmocka_unit_test(import_twice_changes_nothing),
		cmocka_unit_test(figures_equal_sql_over_raw_rows),
	};

	return testlib_result(cmocka_run_group_tests_name("usage_import", tests, NULL, NULL));
}
