/*
 * test_usage_m365.c - Azure plan usage reports and Microsoft 365 users
 * and licence assignments against the real MariaDB: report figures
 * against independent SQL and against the sum of the rounded lines, the
 * month-end estimate, the subscription's captured markup, a well-formed
 * and escaped SVG chart (xmllint), upn rules, licence over-assignment
 * refused with nothing changed (also racing on several connections), and
 * tenant confinement.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "buf.h"
#include "m365.h"
#include "money.h"
#include "usage.h"
#include "testlib.h"

/*
 * Subscriptions of customer 1 (reseller 1): 10 Azure plan (usage), 11
 * Microsoft 365 (licence, 2 seats, active), 13 licence cancelled;
 * customer 4 (reseller 2): 12 licence.
 */
static const char fixture_sql[] =
    TESTLIB_TWO_RESELLERS
    "INSERT INTO customers (id, reseller_id, name, email) VALUES"
    " (1, 1, 'Cust One', 'c1@example.com'), (2, 1, 'Cust Two', 'c2@example.com'), (4, 2, 'Cust Four', 'c4@example.com');"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost, currency)"
    " VALUES (1, 1, 'M365BS', 'Microsoft 365 Business Standard', 'm365-bs', 'Microsoft', 'license', 'monthly', 1037, 'EUR'),"
    " (4, 1, 'AZ', 'Azure plan', 'azure', 'Microsoft', 'usage', 'monthly', 0, 'EUR');"
    "INSERT INTO listings (reseller_id, product_id, listed, markup_bp) VALUES (1, 1, 1, 1250), (1, 4, 1, 1500), (2, 1, 1, 0);"
    "INSERT INTO subscriptions (id, reseller_id, customer_id, product_id, quantity, status, unit_price, unit_cost,"
    " markup_bp, billing_period, start_date, renewal_date) VALUES"
    " (10, 1, 1, 4, 1, 'active', 0, 0, 1500, 'monthly', '2024-01-01', '2099-01-01'),"
    " (11, 1, 1, 1, 2, 'active', 1167, 1037, 1250, 'monthly', '2024-01-01', '2099-01-01'),"
    " (12, 2, 4, 1, 5, 'active', 1037, 1037, 0, 'monthly', '2024-01-01', '2099-01-01'),"
    " (13, 1, 1, 1, 5, 'cancelled', 1167, 1037, 1250, 'monthly', '2024-01-01', '2099-01-01');"
    "INSERT INTO usage_records (reseller_id, customer_id, subscription_id, usage_date, service, meter, region,"
    " quantity, unit, cost) VALUES"
    " (1, 1, 10, '2024-03-01', 'Virtual Machines', 'D2s v5', 'westeurope', 24, 'hours', 1234),"
    " (1, 1, 10, '2024-03-01', 'Virtual Machines', 'D2s v5', 'northeurope', 10, 'hours', 517),"
    " (1, 1, 10, '2024-03-02', 'Virtual Machines', 'D2s v5', 'westeurope', 24, 'hours', 1234),"
    " (1, 1, 10, '2024-03-02', 'Storage', 'LRS data stored', 'westeurope', 100.5, 'GB/month', 333),"
    " (1, 1, 10, '2024-03-15', 'Storage', 'LRS data stored', 'westeurope', 100.5, 'GB/month', 337),"
    " (1, 1, 10, '2024-03-31', 'Bandwidth <b>&', 'Egress', NULL, 1.25, 'GB', 7),"
    " (1, 1, 10, '2024-02-28', 'Virtual Machines', 'D2s v5', 'westeurope', 24, 'hours', 999),"
    " (1, 1, 10, UTC_DATE() - INTERVAL (DAY(UTC_DATE()) - 1) DAY, 'Virtual Machines', 'B2ms', NULL, 3, 'hours', 4321),"
    " (1, 1, 10, UTC_DATE() - INTERVAL (DAY(UTC_DATE()) - 1) DAY, 'Storage', 'LRS data stored', NULL, 1, 'GB/month', 55)";

/* the month's priced rows, independently: cost + ROUND(cost * bp / 10000) per usage row (mrr.h) */
#define GROUPS(month_where) \
	"(SELECT cost c FROM usage_records WHERE subscription_id = 10 AND " month_where ") g"

static void
usage_report_matches_independent_sql(void **state)
{
	const char *dbn = "shelf_usage_report";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1), u2 = testlib_owner(2, 1, 2), u4 = testlib_owner(4, 2, 4);
	struct actor ra1 = testlib_admin(0, 1), ra2 = testlib_admin(0, 2);
	struct usage_report r;
	int64_t sum, expect;
	size_t i;
	json_t *j;

	(void)state;
	assert_int_equal(usage_month(db, &u1, 10, 2024, 3, &r), CORE_OK);
	expect = testlib_int(dbn, "SELECT SUM(c + ROUND(c * 1500 / 10000)) FROM " GROUPS("usage_date BETWEEN '2024-03-01' AND '2024-03-31'"));
	assert_int_equal(r.total, expect);
	assert_int_equal(r.total, (1751 + 263) + (1234 + 185) + (333 + 50) + (337 + 51) + (7 + 1));
	assert_int_equal(r.markup_bp, 1500);
	assert_int_equal(r.days_in_month, 31);
	assert_int_equal(r.days_elapsed, 31);
	assert_false(r.is_current);
	assert_int_equal(r.estimate, r.total);	/* a past month: the actual total */
	/* every view sums to the total exactly */
	for (sum = 0, i = 0; i < r.nmeters; i++)
		sum += r.meters[i].price;
	assert_int_equal(sum, r.total);
	for (sum = 0, i = 0; i < r.nservices; i++)
		sum += r.services[i].price;
	assert_int_equal(sum, r.total);
	for (sum = 0, i = 0; i < 31; i++)
		sum += r.daily[i];
	assert_int_equal(sum, r.total);
	assert_int_equal(r.nmeters, 3);
	assert_int_equal(r.nservices, 3);
	/* per meter against SQL; services by amount, largest first */
	assert_string_equal(r.services[0].service, "Virtual Machines");
	for (i = 0; i < r.nmeters; i++) {
		char *q;

		expect = testlib_int(dbn, "SELECT SUM(c + ROUND(c * 1500 / 10000)) FROM (SELECT cost c FROM usage_records"
		    " WHERE subscription_id = 10 AND usage_date BETWEEN '2024-03-01' AND '2024-03-31' AND meter = '%s') g",
		    r.meters[i].meter);
		assert_int_equal(r.meters[i].price, expect);
		q = testlib_str(dbn, "SELECT TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM SUM(quantity))) FROM usage_records"
		    " WHERE subscription_id = 10 AND usage_date BETWEEN '2024-03-01' AND '2024-03-31' AND meter = '%s'",
		    r.meters[i].meter);
		assert_string_equal(r.meters[i].quantity, q);
		free(q);
	}
	/* the daily series: two regions of day 1, each row rounded, zeros on days without usage */
	assert_int_equal(r.daily[0], (1234 + 185) + (517 + 78));
	assert_int_equal(r.daily[1], (1234 + 185) + (333 + 50));
	assert_int_equal(r.daily[2], 0);
	assert_int_equal(r.daily[30], 8);
	j = usage_to_json(&r);
	assert_non_null(j);
	{
		char buf[48];
		money_format(r.total, "EUR", buf, sizeof(buf));
		assert_string_equal(json_string_value(json_object_get(j, "total")), buf);
		assert_string_equal(json_string_value(json_object_get(j, "period_label")), "March 2024");
		assert_int_equal(json_array_size(json_object_get(j, "days")), 31);
	}
	json_decref(j);
	usage_report_free(&r);

	/* the markup is the subscription's: a later listing change does not reprice consumption */
	testlib_sql(dbn, "UPDATE listings SET markup_bp = 0 WHERE reseller_id = 1 AND product_id = 4");
	assert_int_equal(usage_month(db, &u1, 10, 2024, 3, &r), CORE_OK);
	assert_int_equal(r.total, (1751 + 263) + (1234 + 185) + (333 + 50) + (337 + 51) + (7 + 1));
	usage_report_free(&r);
	testlib_sql(dbn, "UPDATE listings SET markup_bp = 1500 WHERE reseller_id = 1 AND product_id = 4");

	/* a month without usage, a future one */
	assert_int_equal(usage_month(db, &u1, 10, 2024, 4, &r), CORE_OK);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.nmeters, 0);
	assert_int_equal(r.days_in_month, 30);
	usage_report_free(&r);
	assert_int_equal(usage_month(db, &u1, 10, 2099, 2, &r), CORE_OK);
	assert_int_equal(r.days_elapsed, 0);
	usage_report_free(&r);
	assert_int_equal(usage_month(db, &u1, 10, 2024, 13, &r), CORE_RANGE);

	/* confinement and kind */
	assert_int_equal(usage_month(db, &u2, 10, 2024, 3, &r), CORE_NOTFOUND);
	assert_int_equal(usage_month(db, &u4, 10, 2024, 3, &r), CORE_NOTFOUND);
	assert_int_equal(usage_month(db, &ra2, 10, 2024, 3, &r), CORE_NOTFOUND);
	assert_int_equal(usage_month(db, &u1, 11, 2024, 3, &r), CORE_INVALID);
	assert_int_equal(usage_month(db, &ra1, 10, 2024, 3, &r), CORE_OK);
	usage_report_free(&r);
	db_close(db);
}

static void
current_month_estimate_and_months(void **state)
{
	const char *dbn = "shelf_usage_current";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1);
	struct usage_report r;
	struct usage_month_list l;
	int64_t year, month, total, expect;

	(void)state;
	year = testlib_int(dbn, "SELECT YEAR(UTC_DATE())");
	month = testlib_int(dbn, "SELECT MONTH(UTC_DATE())");
	assert_int_equal(usage_month(db, &u1, 10, (int)year, (int)month, &r), CORE_OK);
	assert_true(r.is_current);
	assert_int_equal(r.days_elapsed, testlib_int(dbn, "SELECT DAY(UTC_DATE())"));
	assert_int_equal(r.days_in_month, testlib_int(dbn, "SELECT DAY(LAST_DAY(UTC_DATE()))"));
	total = testlib_int(dbn, "SELECT SUM(c + ROUND(c * 1500 / 10000)) FROM "
	    GROUPS("usage_date >= UTC_DATE() - INTERVAL (DAY(UTC_DATE()) - 1) DAY"));
	assert_int_equal(r.total, total);
	assert_int_equal(total, 4321 + 648 + 55 + 8);
	/* month-to-date / days elapsed x days in month, rounded half-up */
	expect = testlib_int(dbn, "SELECT ROUND(%lld * DAY(LAST_DAY(UTC_DATE())) / DAY(UTC_DATE()))", (long long)total);
	assert_int_equal(r.estimate, expect);
	assert_int_equal(r.daily[0], total);
	usage_report_free(&r);

	assert_int_equal(usage_months(db, &u1, 10, &l), CORE_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.items[0].year, year);
	assert_int_equal(l.items[0].month, month);
	assert_int_equal(l.items[0].total, total);
	assert_int_equal(l.items[1].year, 2024);
	assert_int_equal(l.items[1].month, 3);
	assert_int_equal(l.items[1].total, testlib_int(dbn, "SELECT SUM(c + ROUND(c * 1500 / 10000)) FROM "
	    GROUPS("usage_date BETWEEN '2024-03-01' AND '2024-03-31'")));
	assert_int_equal(l.items[2].month, 2);
	assert_int_equal(l.items[2].total, 999 + 150);
	assert_string_equal(l.currency, "EUR");
	usage_month_list_free(&l);
	db_close(db);
}

static int
count_of(const char *hay, const char *needle)
{
	int n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay++)
		n++;
	return n;
}

static void
chart_is_well_formed_and_escaped(void **state)
{
	const char *dbn = "shelf_usage_svg";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1);
	struct usage_report r;
	struct buf b = { 0 };
	char path[] = "/tmp/shelf-usage-XXXXXX", cmd[128];
	const char *svg;
	FILE *f;
	int fd;

	(void)state;
	testlib_sql(dbn, "UPDATE products SET name = 'Azure <plan> & \"co\" ''x''' WHERE id = 4");
	assert_int_equal(usage_month(db, &u1, 10, 2024, 3, &r), CORE_OK);
	assert_int_equal(usage_chart_svg(&r, &b), CORE_OK);
	svg = buf_cstr(&b);
	assert_non_null(strstr(svg, "role=\"img\""));
	assert_non_null(strstr(svg, "aria-label=\"Daily usage of Azure &lt;plan&gt; &amp; &quot;co&quot; &#39;x&#39;"));
	assert_non_null(strstr(svg, "<title id=\"usage-title-10\">"));
	assert_non_null(strstr(svg, "<desc id=\"usage-desc-10\">"));
	assert_non_null(strstr(svg, "Day of March"));
	assert_null(strstr(svg, "<plan>"));
	assert_null(strstr(svg, "<script"));
	assert_int_equal(count_of(svg, "<rect "), 31);
	assert_int_equal(count_of(svg, "<title"), 32);

	/* well-formed XML, checked by libxml2 when available, else tags balance */
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs(svg, f);
	fclose(f);
	if (access("/usr/bin/xmllint", X_OK) == 0) {
		snprintf(cmd, sizeof(cmd), "/usr/bin/xmllint --noout %s", path);
		assert_int_equal(system(cmd), 0);
	} else {
		assert_int_equal(count_of(svg, "<svg"), count_of(svg, "</svg>"));
		assert_int_equal(count_of(svg, "<g "), count_of(svg, "</g>"));
		assert_int_equal(count_of(svg, "<text"), count_of(svg, "</text>"));
	}
	unlink(path);
	buf_free(&b);
	usage_report_free(&r);

	/* an empty month still draws axes and 30 empty bars */
	assert_int_equal(usage_month(db, &u1, 10, 2024, 4, &r), CORE_OK);
	assert_int_equal(usage_chart_svg(&r, &b), CORE_OK);
	assert_int_equal(count_of(buf_cstr(&b), "<rect "), 30);
	assert_non_null(strstr(buf_cstr(&b), "No usage in this month."));
	buf_free(&b);
	usage_report_free(&r);
	db_close(db);
}

static void
m365_users_rules_and_confinement(void **state)
{
	const char *dbn = "shelf_m365_users";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1), u2 = testlib_owner(2, 1, 2), u4 = testlib_owner(4, 2, 4), ra1 = testlib_admin(0, 1);
	static const char *const bad[] = {
		"", "plain", "@example.com", "a@", "a@b", "a@b.c", "a b@example.com", "a@@example.com",
		".a@example.com", "a.@example.com", "a..b@example.com", "a@-example.com", "a@example-.com",
		"a@example.c0m", "a@exa_mple.com", "a<b>@example.com", "a@example.com.",
	};
	struct m365_user_filter f = { 0, NULL, -1, M365_SORT_NAME };
	struct m365_user_list l;
	struct m365_user u;
	char why[CORE_WHY], longname[260];
	int64_t id = 0, other = 0;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (m365_user_create(db, &u1, bad[i], "Name", &id, why) != CORE_INVALID)
			fail_msg("upn '%s' was accepted", bad[i]);
	}
	assert_true(m365_upn_valid("zoe.o'brien+it@cafe-zoe.example.de"));
	assert_int_equal(m365_user_create(db, &u1, "zoe@cafe.example", "", &id, why), CORE_INVALID);
	assert_int_equal(m365_user_create(db, &u1, "zoe@cafe.example", "   ", &id, why), CORE_INVALID);
	memset(longname, 'n', 201);
	longname[201] = '\0';
	assert_int_equal(m365_user_create(db, &u1, "zoe@cafe.example", longname, &id, why), CORE_INVALID);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM m365_users"), 0);

	assert_int_equal(m365_user_create(db, &u1, "zoe@cafe.example", "Zo\xc3\xab O'Brien", &id, why), CORE_OK);
	assert_int_equal(m365_user_create(db, &u1, "ZOE@cafe.example", "Another", &other, why), CORE_CONFLICT);
	assert_string_equal(why, "A user named ZOE@cafe.example exists already.");
	/* unique per customer: another customer may have the same name */
	assert_int_equal(m365_user_create(db, &u2, "zoe@cafe.example", "Zoe Two", &other, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM m365_users WHERE customer_id = 1 AND reseller_id = 1"), 1);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action = 'm365.user_create'"), 2);

	assert_int_equal(m365_user_update(db, &u1, id, "zoe.obrien@cafe.example", "Zoe O'Brien", why), CORE_OK);
	assert_int_equal(m365_user_set_enabled(db, &u1, id, 0, why), CORE_OK);
	assert_int_equal(m365_user_get(db, &u1, id, &u), CORE_OK);
	assert_string_equal(u.upn, "zoe.obrien@cafe.example");
	assert_string_equal(u.display_name, "Zoe O'Brien");
	assert_false(u.enabled);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE entity = 'm365_user' AND entity_id = %lld"
	    " AND JSON_VALUE(before_json, '$.upn') = 'zoe@cafe.example'", (long long)id), 1);
	/* another customer's user id: not found, unchanged */
	assert_int_equal(m365_user_get(db, &u2, id, &u), CORE_NOTFOUND);
	assert_int_equal(m365_user_get(db, &u4, id, &u), CORE_NOTFOUND);
	assert_int_equal(m365_user_update(db, &u2, id, "x@cafe.example", "X", why), CORE_NOTFOUND);
	assert_int_equal(m365_user_set_enabled(db, &u4, id, 1, why), CORE_NOTFOUND);
	assert_int_equal(testlib_int(dbn, "SELECT enabled FROM m365_users WHERE id = %lld", (long long)id), 0);
	/* admins read, they do not write */
	assert_int_equal(m365_user_get(db, &ra1, id, &u), CORE_OK);
	assert_int_equal(m365_user_create(db, &ra1, "admin@cafe.example", "Admin", &other, why), CORE_FORBIDDEN);

	assert_int_equal(m365_user_list(db, &u1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, id);
	m365_user_list_free(&l);
	assert_int_equal(m365_user_list(db, &ra1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 2);
	m365_user_list_free(&l);
	f.search = "zoe.o";
	f.enabled = 0;
	assert_int_equal(m365_user_list(db, &ra1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	m365_user_list_free(&l);
	db_close(db);
}

static void
licences_never_exceed_quantity(void **state)
{
	const char *dbn = "shelf_m365_assign";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1), u2 = testlib_owner(2, 1, 2), u4 = testlib_owner(4, 2, 4);
	struct m365_licence_list ll;
	struct m365_assignment_list al;
	char why[CORE_WHY] = "";
	int64_t a = 0, b = 0, c = 0, d = 0, audits;

	(void)state;
	assert_int_equal(m365_user_create(db, &u1, "a@one.example", "A", &a, why), CORE_OK);
	assert_int_equal(m365_user_create(db, &u1, "b@one.example", "B", &b, why), CORE_OK);
	assert_int_equal(m365_user_create(db, &u1, "c@one.example", "C", &c, why), CORE_OK);
	assert_int_equal(m365_user_create(db, &u4, "d@four.example", "D", &d, why), CORE_OK);

	assert_int_equal(m365_assign(db, &u1, a, 11, why), CORE_OK);
	assert_int_equal(m365_assign(db, &u1, b, 11, why), CORE_OK);
	audits = testlib_int(dbn, "SELECT COUNT(*) FROM audit_log");
	assert_int_equal(m365_assign(db, &u1, c, 11, why), CORE_CONFLICT);
	assert_string_equal(why, "All 2 licences of Microsoft 365 Business Standard are assigned.");
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM m365_assignments WHERE subscription_id = 11"), 2);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(m365_assign(db, &u1, a, 11, why), CORE_CONFLICT);	/* already has one */
	/* the subscription must be the customer's, a licence product, active or trial */
	assert_int_equal(m365_assign(db, &u1, c, 13, why), CORE_CONFLICT);
	assert_int_equal(m365_assign(db, &u1, c, 10, why), CORE_INVALID);
	assert_int_equal(m365_assign(db, &u1, c, 12, why), CORE_NOTFOUND);
	assert_int_equal(m365_assign(db, &u1, d, 11, why), CORE_NOTFOUND);	/* another customer's user */
	assert_int_equal(m365_assign(db, &u4, d, 11, why), CORE_NOTFOUND);
	assert_int_equal(m365_unassign(db, &u2, a, 11, why), CORE_NOTFOUND);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM m365_assignments"), 2);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log"), audits);

	assert_int_equal(m365_subscription_usage(db, &u1, 0, &ll), CORE_OK);
	assert_int_equal(ll.n, 1);	/* the cancelled one is not assignable */
	assert_int_equal(ll.items[0].subscription_id, 11);
	assert_int_equal(ll.items[0].quantity, 2);
	assert_int_equal(ll.items[0].assigned, 2);
	m365_licence_list_free(&ll);
	assert_int_equal(m365_user_licences(db, &u1, a, &ll), CORE_OK);
	assert_int_equal(ll.n, 1);
	assert_true(ll.items[0].user_has);
	m365_licence_list_free(&ll);
	assert_int_equal(m365_user_licences(db, &u1, c, &ll), CORE_OK);
	assert_false(ll.items[0].user_has);
	m365_licence_list_free(&ll);
	assert_int_equal(m365_assignments(db, &u1, 0, &al), CORE_OK);
	assert_int_equal(al.n, 2);
	assert_string_equal(al.items[0].sku, "M365BS");
	m365_assignment_list_free(&al);

	/* free one, then the third user gets it */
	assert_int_equal(m365_unassign(db, &u1, b, 11, why), CORE_OK);
	assert_int_equal(m365_unassign(db, &u1, b, 11, why), CORE_NOTFOUND);
	assert_int_equal(m365_assign(db, &u1, c, 11, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM m365_assignments WHERE subscription_id = 11"), 2);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action IN ('m365.assign', 'm365.unassign')"), 4);
	db_close(db);
}

/* assign_raced - user i + 1 gets a licence of subscription 11; its answer into ((enum core_err *)arg)[i]. */
static void
assign_raced(struct db *db, int i, void *arg)
{
	struct actor u1 = testlib_owner(1, 1, 1);
	char why[CORE_WHY];

	((enum core_err *)arg)[i] = m365_assign(db, &u1, i + 1, 11, why);
}

static void
concurrent_assigns_stop_at_quantity(void **state)
{
	const char *dbn = "shelf_m365_race";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	enum core_err er[8];
	int i, ok = 0, conflict = 0;

	(void)state;
	testlib_sql(dbn, "UPDATE subscriptions SET quantity = 3 WHERE id = 11;"
	    "INSERT INTO m365_users (id, reseller_id, customer_id, upn, display_name)"
	    " SELECT seq, 1, 1, CONCAT('u', seq, '@one.example'), CONCAT('User ', seq) FROM seq_1_to_8");
	for (i = 0; i < 8; i++)
		er[i] = CORE_DB;
	testlib_race(dbn, 8, assign_raced, er);
	for (i = 0; i < 8; i++) {
		ok += er[i] == CORE_OK;
		conflict += er[i] == CORE_CONFLICT;
	}
	assert_int_equal(ok, 3);
	assert_int_equal(conflict, 5);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM m365_assignments WHERE subscription_id = 11"), 3);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(usage_report_matches_independent_sql),
		cmocka_unit_test(current_month_estimate_and_months),
		cmocka_unit_test(chart_is_well_formed_and_escaped),
		cmocka_unit_test(m365_users_rules_and_confinement),
		cmocka_unit_test(licences_never_exceed_quantity),
		cmocka_unit_test(concurrent_assigns_stop_at_quantity),
	};

	return testlib_result(cmocka_run_group_tests_name("usage_m365", tests, NULL, NULL));
}
