#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "operator.h"
#include "testlib_tui.h"

struct tui_fixture *
tui_setup_on(const char *dbname, const char *login, int fresh)
{
	static struct tui_fixture f;
	char why[CORE_WHY] = "";

	memset(&f, 0, sizeof(f));
	f.db = fresh ? testlib_fresh(dbname, TESTLIB_MIGRATE | TESTLIB_DEMO) : testlib_open(dbname);
	testlib_config(&f.cfg, dbname);
	assert_int_equal(operator_login(f.db, login, &f.a, why), CORE_OK);
	ui_init(&f.ui, f.db, &f.a, &f.cfg);
	return &f;
}

void
tui_teardown(struct tui_fixture *f)
{
	ui_done(&f->ui);
	db_close(f->db);
}

void
tui_type(struct ui *ui, const char *s)
{
	while (*s)
		ui_feed(ui, (unsigned char)*s++);
}

const char *
tui_top_name(struct tui_fixture *f)
{
	return ui_top(&f->ui)->ops->name;
}

int
tui_view_has(struct screen *s, const char *needle)
{
	struct ui_view *v = ui_screen_view(s);
	int i;

	assert_non_null(v);
	for (i = 0; i < v->n; i++)
		if (strstr(v->lines[i], needle))
			return 1;
	return 0;
}

void
tui_dashboard_equals_sql(const char *db, int64_t rid, const struct dashboard *d)
{
	char *want, got[2048] = "";
	size_t i, o = 0;

	assert_int_equal(d->monthly_costs, testlib_int(db,
	    "SELECT COALESCE((SELECT SUM(CASE billing_period WHEN 'annual' THEN (quantity * unit_cost + 6) DIV 12"
	    "  ELSE quantity * unit_cost END) FROM subscriptions WHERE reseller_id = %lld AND status = 'active'), 0)"
	    " + COALESCE((SELECT SUM(cost) FROM usage_records WHERE reseller_id = %lld AND " IN_MONTH("usage_date") "), 0)",
	    (long long)rid, (long long)rid));
	assert_int_equal(d->subscriptions_sold, testlib_int(db,
	    "SELECT COUNT(*) FROM subscriptions WHERE reseller_id = %lld AND status = 'active'", (long long)rid));
	assert_int_equal(d->licences_sold, testlib_int(db,
	    "SELECT COALESCE(SUM(quantity), 0) FROM subscriptions WHERE reseller_id = %lld AND status = 'active'"
	    " AND product_id IN (SELECT id FROM products WHERE type = 'license')", (long long)rid));
	assert_int_equal(d->balance, testlib_int(db,
	    "SELECT COALESCE(SUM(i.total - COALESCE((SELECT SUM(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0)), 0)"
	    " FROM invoices i WHERE i.reseller_id = %lld AND i.status = 'open'", (long long)rid));
	assert_int_equal(d->overdue_amount, testlib_int(db,
	    "SELECT COALESCE(SUM(i.total - COALESCE((SELECT SUM(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0)), 0)"
	    " FROM invoices i WHERE i.reseller_id = %lld AND i.status = 'open' AND i.due_on < UTC_DATE()", (long long)rid));
	assert_int_equal(d->overdue_invoices, testlib_int(db,
	    "SELECT COUNT(*) FROM invoices WHERE reseller_id = %lld AND status = 'open' AND due_on < UTC_DATE()",
	    (long long)rid));
	for (i = 0; i < d->ntop; i++)
		o += (size_t)snprintf(got + o, sizeof(got) - o, "%s%lld=%lld", i ? " " : "",
		    (long long)d->top[i].product_id, (long long)d->top[i].subscriptions);
	want = testlib_str(db, "SELECT COALESCE(GROUP_CONCAT(CONCAT(id, '=', n) ORDER BY n DESC, name, id SEPARATOR ' '), '')"
	    " FROM (SELECT p.id, p.name, COUNT(*) AS n FROM subscriptions s JOIN products p ON p.id = s.product_id"
	    "  WHERE s.reseller_id = %lld AND s.status = 'active' GROUP BY p.id, p.name ORDER BY n DESC, p.name, p.id"
	    "  LIMIT 10) t", (long long)rid);
	assert_string_equal(got, want);
	free(want);
	/* the mix: per type over those ten */
	for (i = 0; i < d->ntypes; i++) {
		int64_t n = 0;
		size_t k;

		for (k = 0; k < d->ntop; k++)
			if (d->top[k].type == d->mix[i].type)
				n += d->top[k].subscriptions;
		assert_int_equal(d->mix[i].subscriptions, n);
	}
}

int
tui_test_main(const char *name, const struct CMUnitTest *tests, size_t n)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (!testlib_have_db()) {
		fprintf(stderr, "# skipped: test_%s needs a MariaDB server (SHELF_DB_SOCKET is unset; make test starts one)\n",
		    name);
		return TESTLIB_SKIPPED;
	}
	return testlib_result(_cmocka_run_group_tests(name, tests, n, NULL, NULL));
}
