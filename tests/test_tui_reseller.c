/*
 * test_tui_reseller.c - the reseller admin's screens without a terminal,
 * against a real database with the demo data: state + key -> new state +
 * the call into core, each outcome checked with independent SQL.  The
 * tabs and their counts, the dashboard (figures equal to SQL written
 * here, on the demo data and on scale dataset S, and the time its
 * screen takes to open over 100,000 subscriptions), the Vendor screen's
 * list/unlist and bulk markup, storefront settings, theme and sections,
 * customers and the approval flag, storefront users with a one-time
 * password, the approval queue, messages, API credentials; and a
 * reseller admin never seeing or changing another reseller's data,
 * through core and through the screens.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include "apiclient.h"
#include "asset.h"
#include "chart.h"
#include "contact.h"
#include "customer.h"
#include "listing.h"
#include "money.h"
#include "operator.h"
#include "order.h"
#include "screens.h"
#include "subscription.h"
#include "user.h"
#include "testlib.h"

#define DB    "shelf_tui_r"
#define SCALE "shelf_tui_r_s"
#define BIG   "shelf_tui_r_big"

struct fixture {
	struct db    *db;
	struct config cfg;
	struct actor  a;
	struct ui     ui;
};

static struct fixture *
setup_on(const char *dbname, const char *login, int fresh)
{
	static struct fixture f;
	char why[CORE_WHY] = "";

	memset(&f, 0, sizeof(f));
	f.db = fresh ? testlib_fresh(dbname, TESTLIB_MIGRATE | TESTLIB_DEMO) : testlib_open(dbname);
	testlib_config(&f.cfg, dbname);
	assert_int_equal(operator_login(f.db, login, &f.a, why), CORE_OK);
	ui_init(&f.ui, f.db, &f.a, &f.cfg);
	return &f;
}

static struct fixture *
setup_as(const char *login)
{
	return setup_on(DB, login, 1);
}

static void
teardown(struct fixture *f)
{
	ui_done(&f->ui);
	db_close(f->db);
}

static void
type(struct ui *ui, const char *s)
{
	while (*s)
		ui_feed(ui, (unsigned char)*s++);
}

static const char *
top_name(struct fixture *f)
{
	return ui_top(&f->ui)->ops->name;
}

/* view_has - some line of the top screen's text holds s. */
static int
view_has(struct screen *s, const char *needle)
{
	struct ui_view *v = ui_screen_view(s);
	int i;

	assert_non_null(v);
	for (i = 0; i < v->n; i++)
		if (strstr(v->lines[i], needle))
			return 1;
	return 0;
}

/* ---- independent SQL of the definitions in dashboard.h and customer.h ---- */

#define MONTH_START "(UTC_DATE() - INTERVAL (DAYOFMONTH(UTC_DATE()) - 1) DAY)"
#define IN_MONTH(c) "(" c " >= " MONTH_START " AND " c " < " MONTH_START " + INTERVAL 1 MONTH)"

static void
dashboard_equals_sql(const char *db, int64_t rid, const struct dashboard *d)
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

static void
customer_stats_equal_sql(struct fixture *f, const char *db, int64_t rid)
{
	int64_t all, transacting, mrr;

	assert_int_equal(customer_stats(f->db, &f->a, 0, &all, &transacting, &mrr), CORE_OK);
	assert_int_equal(all, testlib_int(db, "SELECT COUNT(*) FROM customers WHERE reseller_id = %lld", (long long)rid));
	assert_int_equal(mrr, testlib_int(db,
	    "SELECT COALESCE((SELECT SUM(CASE billing_period WHEN 'monthly' THEN quantity * unit_price"
	    "  WHEN 'annual' THEN (quantity * unit_price + 6) DIV 12 ELSE 0 END)"
	    "  FROM subscriptions WHERE reseller_id = %lld AND status = 'active'), 0)"
	    " + COALESCE((SELECT SUM(u.cost + (u.cost * s.markup_bp + 5000) DIV 10000) FROM usage_records u"
	    "  JOIN subscriptions s ON s.id = u.subscription_id WHERE s.reseller_id = %lld AND " IN_MONTH("u.usage_date") "), 0)",
	    (long long)rid, (long long)rid));
	assert_int_equal(transacting, testlib_int(db,
	    "SELECT COUNT(*) FROM customers c WHERE c.reseller_id = %lld AND ("
	    " EXISTS (SELECT 1 FROM subscriptions s WHERE s.reseller_id = c.reseller_id AND s.customer_id = c.id"
	    "  AND s.status = 'active')"
	    " OR EXISTS (SELECT 1 FROM assets x WHERE x.reseller_id = c.reseller_id AND x.customer_id = c.id)"
	    " OR EXISTS (SELECT 1 FROM usage_records u JOIN subscriptions s ON s.id = u.subscription_id"
	    "  WHERE s.reseller_id = c.reseller_id AND s.customer_id = c.id AND u.cost > 0 AND " IN_MONTH("u.usage_date") "))",
	    (long long)rid));
}

/* ---- the tabs ------------------------------------------------------- */

static void
reseller_admin_gets_its_tabs(void **state)
{
	struct fixture *f = setup_as("demo-admin");
	const struct ui_tab *tabs;
	const struct dashboard *d;
	char label[64];
	int n;

	(void)state;
	n = tui_tabs(&f->a, &tabs);
	assert_int_equal(n, 7);
	tui_setup(&f->ui, tabs, n);
	assert_string_equal(top_name(f), "dashboard");		/* the first screen */
	assert_non_null(d = screen_dashboard_of(ui_top(&f->ui), NULL));
	dashboard_equals_sql(DB, 1, d);
	/* Orders and Messages count what waits */
	assert_string_equal(ui_tab_label(&f->ui, 0, label, sizeof(label)), "Dashboard");
	snprintf(label, sizeof(label), "Orders (%lld)", (long long)testlib_int(DB,
	    "SELECT COUNT(*) FROM orders WHERE reseller_id = 1 AND status = 'pending_approval'"));
	assert_string_equal(ui_tab_label(&f->ui, 4, (char[64]){0}, 64), label);
	snprintf(label, sizeof(label), "Messages (%lld)", (long long)testlib_int(DB,
	    "SELECT COUNT(*) FROM contact_messages WHERE reseller_id = 1 AND read_at IS NULL"));
	assert_string_equal(ui_tab_label(&f->ui, 5, (char[64]){0}, 64), label);
	/* Tab walks them all and comes back */
	for (n = 0; n < 7; n++)
		ui_feed(&f->ui, UI_TAB);
	assert_string_equal(top_name(f), "dashboard");
	ui_feed(&f->ui, UI_TAB);
	assert_string_equal(top_name(f), "vendor");
	/* `?` lists the screen's keys from its table */
	ui_feed(&f->ui, '?');
	assert_string_equal(top_name(f), "help");
	teardown(f);
}

/* ---- dashboard ------------------------------------------------------ */

static void
dashboard_and_customer_figures_equal_sql_on_demo(void **state)
{
	struct fixture *f = setup_as("demo-admin");
	struct screen *s;

	(void)state;
	ui_push(&f->ui, s = screen_dashboard_new(&f->ui));
	assert_non_null(screen_dashboard_of(s, NULL));
	dashboard_equals_sql(DB, 1, screen_dashboard_of(s, NULL));
	customer_stats_equal_sql(f, DB, 1);
	/* pie with colours and room, bars otherwise */
	f->ui.color = 1;
	assert_true(screen_dashboard_pie(&f->ui, 100));
	assert_false(screen_dashboard_pie(&f->ui, 80));
	f->ui.color = 0;
	assert_false(screen_dashboard_pie(&f->ui, 100));
	teardown(f);
}

static void
figures_equal_sql_on_scale_s(void **state)
{
	struct fixture *f;
	struct dashboard d;
	struct screen *s;
	int64_t dist, rid, checked = 0;
	int k;

	(void)state;
	f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->db = testlib_fresh(SCALE, TESTLIB_MIGRATE | TESTLIB_SCALE_S);
	testlib_config(&f->cfg, SCALE);
	dist = testlib_int(SCALE, "SELECT id FROM distributors WHERE slug = 'scale'");
	/* the whale (3rd reseller), and two ordinary ones with a storefront */
	for (k = 0; k < 3; k++) {
		rid = testlib_int(SCALE, "SELECT id FROM resellers WHERE distributor_id = %lld ORDER BY id LIMIT 1 OFFSET %d",
		    (long long)dist, k == 0 ? 2 : k == 1 ? 5 : 29);
		f->a.kind = ACTOR_OPERATOR;
		f->a.role = ROLE_RESELLER_ADMIN;
		f->a.id = 0;
		snprintf(f->a.name, sizeof(f->a.name), "scale-admin-%lld", (long long)rid);
		f->a.distributor_id = dist;
		f->a.reseller_id = rid;
		ui_init(&f->ui, f->db, &f->a, &f->cfg);
		ui_push(&f->ui, s = screen_dashboard_new(&f->ui));
		assert_non_null(screen_dashboard_of(s, NULL));
		d = *screen_dashboard_of(s, NULL);
		dashboard_equals_sql(SCALE, rid, &d);
		customer_stats_equal_sql(f, SCALE, rid);
		print_message("scale S reseller %lld: %lld subscriptions sold, %lld licences, %zu top products\n",
		    (long long)rid, (long long)d.subscriptions_sold, (long long)d.licences_sold, d.ntop);
		checked += d.subscriptions_sold;
		ui_done(&f->ui);
	}
	assert_true(checked > 0);
	db_close(f->db);
	free(f);
}

static double
ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void
dashboard_opens_fast_over_100k_subscriptions(void **state)
{
	struct db *db = testlib_fresh(BIG, TESTLIB_MIGRATE);
	struct config cfg;
	struct actor a;
	struct ui ui;
	struct timespec t0;
	struct dashboard d;
	double ms, best = 1e9, first = 0, inside = 0;
	int i;

	(void)state;
	testlib_config(&cfg, BIG);
	testlib_sql(BIG, "%s",
	    "INSERT INTO distributors (id, name, slug, currency, email) VALUES (1, 'N', 'n', 'EUR', 'o@n.example');"
	    "INSERT INTO resellers (id, distributor_id, name, email, edition, currency) VALUES"
	    " (1, 1, 'Big', 'b@big.example', 'standard', 'EUR'), (2, 1, 'Other', 'o@o.example', 'standard', 'EUR');"
	    "INSERT INTO storefronts (reseller_id, slug, company_name, theme, skin, sections) VALUES"
	    " (1, 'big', 'Big Shop', 'classic', 'parchment', '[]');"
	    "INSERT INTO customers (reseller_id, name, email) SELECT 1 + (seq > 2000), CONCAT('Customer ', seq),"
	    " CONCAT('c', seq, '@x.example') FROM seq_1_to_3000;"
	    "INSERT INTO products (distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost, currency)"
	    " SELECT 1, CONCAT('SKU', seq), CONCAT('Product ', LPAD(seq, 3, '0')), CONCAT('product-', seq), 'M',"
	    " ELT(1 + seq MOD 4, 'license', 'usage', 'software', 'service'), IF(seq MOD 3 = 0, 'annual', 'monthly'),"
	    " 500 + seq * 13, 'EUR' FROM seq_1_to_300;"
	    "INSERT INTO subscriptions (reseller_id, customer_id, product_id, quantity, status, unit_price, unit_cost,"
	    " billing_period, start_date, renewal_date)"
	    " SELECT 1, 1 + (s.seq * 7919) MOD 2000, p.id, 1 + s.seq MOD 25,"
	    "  IF(s.seq MOD 10 < 8, 'active', 'cancelled'), p.unit_cost + 50, p.unit_cost, p.billing_period,"
	    "  '2024-01-01', '2030-01-01'"
	    " FROM seq_1_to_100000 s JOIN products p ON p.id = 1 + ((s.seq * 7919) MOD 1000003) MOD 300;"
	    "INSERT INTO subscriptions (reseller_id, customer_id, product_id, quantity, status, unit_price, unit_cost,"
	    " billing_period, start_date, renewal_date)"
	    " SELECT 2, 2001 + s.seq MOD 1000, p.id, 3, 'active', p.unit_cost, p.unit_cost, p.billing_period,"
	    "  '2024-01-01', '2030-01-01' FROM seq_1_to_20000 s JOIN products p ON p.id = 1 + s.seq MOD 300;"
	    "ANALYZE TABLE subscriptions, products");
	assert_int_equal(testlib_int(BIG, "SELECT COUNT(*) FROM subscriptions WHERE reseller_id = 1"), 100000);
	memset(&a, 0, sizeof(a));
	a.kind = ACTOR_OPERATOR;
	a.role = ROLE_RESELLER_ADMIN;
	snprintf(a.name, sizeof(a.name), "big-admin");
	a.distributor_id = 1;
	a.reseller_id = 1;
	/* the open path: the tab's screen made, pushed (enter loads), drawn data ready */
	for (i = 0; i < 6; i++) {
		struct screen *s;

		ui_init(&ui, db, &a, &cfg);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		ui_push(&ui, s = screen_dashboard_new(&ui));
		ms = ms_since(&t0);
		assert_non_null(screen_dashboard_of(s, &inside));
		assert_int_equal(screen_dashboard_of(s, NULL)->subscriptions_sold, 80000);
		d = *screen_dashboard_of(s, NULL);
		if (i == 0)
			first = ms;
		else if (ms < best)
			best = ms;
		ui_done(&ui);
	}
	print_message("dashboard screen over 100,000 subscriptions: first open %.1f ms, best of 5 warm opens %.1f ms"
	    " (load inside the screen %.1f ms)\n", first, best, inside);
	dashboard_equals_sql(BIG, 1, &d);
	assert_true(best < 100.0);
	db_close(db);
}

/* ---- vendor --------------------------------------------------------- */

static void
vendor_lists_and_marks_up_in_bulk(void **state)
{
	struct fixture *f = setup_as("demo-admin");
	struct screen *s;
	struct ui_list *l;
	struct ui_form *form;
	int64_t first_unlisted, ids[3], version, cost, price, audits;
	char want[64], *names;
	const char *msg;
	int i;

	(void)state;
	ui_push(&f->ui, s = screen_vendor_new(&f->ui));
	l = ui_screen_list(s);
	assert_non_null(l);
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM listings l JOIN products p ON p.id = l.product_id"
	    " WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1"));
	/* Unlisted tab: list the first product */
	ui_feed(&f->ui, 't');
	assert_int_equal(screen_vendor_tab(s), CATALOG_TAB_UNLISTED);
	first_unlisted = testlib_int(DB, "SELECT p.id FROM products p WHERE p.distributor_id = 1 AND p.active = 1"
	    " AND p.id NOT IN (SELECT product_id FROM listings WHERE reseller_id = 1 AND listed = 1) ORDER BY p.name, p.id LIMIT 1");
	version = testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 1");
	ui_feed(&f->ui, 'l');
	assert_string_equal(top_name(f), "confirm");
	ui_feed(&f->ui, 'y');
	assert_string_equal(top_name(f), "vendor");
	assert_int_equal(testlib_int(DB, "SELECT listed FROM listings WHERE reseller_id = 1 AND product_id = %lld",
	    (long long)first_unlisted), 1);
	assert_true(testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 1") > version);
	assert_non_null(strstr(f->ui.status, "Listed"));

	/* Listed tab: mark three with Space, one markup for all, the prices shown first */
	ui_feed(&f->ui, 't');
	for (i = 0; i < 3; i++)
		ids[i] = testlib_int(DB, "SELECT p.id FROM listings l JOIN products p ON p.id = l.product_id"
		    " WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1 ORDER BY p.name, p.id LIMIT 1 OFFSET %d", i);
	type(&f->ui, "   ");
	assert_int_equal(screen_vendor_marked(s), 3);
	ui_feed(&f->ui, 'm');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	type(&f->ui, "-5");				/* never below zero: refused in place */
	assert_non_null(strstr(form->msg[0], "never below 0"));
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "12.345");				/* two decimals at most */
	assert_string_not_equal(form->msg[0], "");
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "12.5\n");
	assert_string_equal(top_name(f), "confirm");
	msg = ui_dialog_message(ui_top(&f->ui));
	assert_non_null(strstr(msg, "12.50%"));
	/* each product: cost, then the new price (listing_preview) */
	for (i = 0; i < 3; i++) {
		char c[48], p[48];

		assert_int_equal(listing_preview(f->db, &f->a, ids[i], 1250, &cost, &price), CORE_OK);
		assert_int_equal(money_price(cost, 1250, &(int64_t){0}), CORE_OK);
		snprintf(want, sizeof(want), "%s -> ", money_format(cost, "EUR", c, sizeof(c)));
		assert_non_null(strstr(msg, want));
		assert_non_null(strstr(msg, money_format(price, "EUR", p, sizeof(p))));
	}
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM listings WHERE reseller_id = 1 AND markup_bp = 1250"
	    " AND product_id IN (%lld, %lld, %lld)", (long long)ids[0], (long long)ids[1], (long long)ids[2]), 0);
	audits = testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE entity = 'listing' AND entity_id IS NULL"
	    " AND actor_name = 'demo-admin'");
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM listings WHERE reseller_id = 1 AND markup_bp = 1250"
	    " AND product_id IN (%lld, %lld, %lld)", (long long)ids[0], (long long)ids[1], (long long)ids[2]), 3);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE entity = 'listing' AND entity_id IS NULL"
	    " AND actor_name = 'demo-admin'"), audits + 1);	/* one audit row for the bulk change */
	assert_int_equal(screen_vendor_marked(s), 0);
	assert_non_null(strstr(f->ui.status, "12.50%"));
	/* the table shows the new price */
	names = testlib_str(DB, "SELECT name FROM products WHERE id = %lld", (long long)ids[0]);
	free(names);
	/* search narrows per keystroke; a category tag filters */
	type(&f->ui, "/Micro");
	assert_true(l->total > 0 && l->total < 46);
	ui_feed(&f->ui, UI_ESC);
	ui_feed(&f->ui, 'c');
	assert_true(l->total <= testlib_int(DB, "SELECT COUNT(*) FROM listings WHERE reseller_id = 1 AND listed = 1"));
	teardown(f);
}

/* ---- storefront settings -------------------------------------------- */

static void
storefront_settings_theme_and_sections(void **state)
{
	struct fixture *f = setup_as("demo-admin");
	struct screen *s;
	struct ui_form *form;
	char *v;
	int64_t version, n, audits = testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 1"
	    " AND actor_name = 'demo-admin' AND action LIKE 'storefront.%%'");

	(void)state;
	ui_push(&f->ui, s = screen_storefront_new(&f->ui));
	assert_true(view_has(s, "G-DEMO12345"));
	/* general: a bad Analytics id is refused in place, a good one saved */
	ui_feed(&f->ui, 'g');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "UA-1");
	assert_string_not_equal(form->msg[3], "");
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "G-NEW42");
	version = testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 1");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(top_name(f), "storefront");
	assert_string_equal((v = testlib_str(DB, "SELECT analytics_id FROM storefronts WHERE reseller_id = 1")), "G-NEW42");
	free(v);
	assert_true(testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 1") > version);
	assert_true(view_has(s, "G-NEW42"));
	/* a slug change asks first; 'n' keeps the old one */
	ui_feed(&f->ui, 'g');
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "demo-shop");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(top_name(f), "confirm");
	ui_feed(&f->ui, 'n');
	assert_string_equal((v = testlib_str(DB, "SELECT slug FROM storefronts WHERE reseller_id = 1")), "demo");
	free(v);
	/* contact page: the form switched off */
	ui_feed(&f->ui, 'c');
	form = ui_form_of(ui_top(&f->ui));
	form->cur = 4;
	ui_feed(&f->ui, UK(KEY_RIGHT));
	assert_string_equal(ui_form_value(form, 4), "off");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_int_equal(testlib_int(DB, "SELECT contact_form_enabled FROM storefronts WHERE reseller_id = 1"), 0);
	/* theme and skin: the picker lists every skin; Enter, y */
	ui_feed(&f->ui, 't');
	assert_string_equal(top_name(f), "theme");
	ui_feed(&f->ui, UK(KEY_DOWN));
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(top_name(f), "confirm");
	ui_feed(&f->ui, 'y');
	assert_string_equal(top_name(f), "theme");
	assert_non_null(strstr(f->ui.status, "Theme and skin now"));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 1 AND actor_name = 'demo-admin'"
	    " AND action LIKE 'storefront.%%'"), audits + 3);
	ui_feed(&f->ui, 'q');
	/* homepage sections: add a text section, move it up, edit it, remove it */
	n = testlib_int(DB, "SELECT JSON_LENGTH(sections) FROM storefronts WHERE reseller_id = 1");
	ui_feed(&f->ui, 'h');
	assert_string_equal(top_name(f), "sections");
	ui_feed(&f->ui, 'G');				/* not a key here: ignored */
	ui_feed(&f->ui, 'a');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	ui_form_set(form, 0, "text");
	ui_feed(&f->ui, UI_TAB);
	type(&f->ui, "Opening hours\n");
	assert_string_equal(top_name(f), "sections");
	assert_int_equal(testlib_int(DB, "SELECT JSON_LENGTH(sections) FROM storefronts WHERE reseller_id = 1"), n + 1);
	assert_string_equal((v = testlib_str(DB, "SELECT JSON_VALUE(sections, '$[1].title') FROM storefronts"
	    " WHERE reseller_id = 1")), "Opening hours");	/* after the first (the cursor's) */
	free(v);
	ui_feed(&f->ui, 'K');
	assert_string_equal((v = testlib_str(DB, "SELECT JSON_VALUE(sections, '$[0].title') FROM storefronts"
	    " WHERE reseller_id = 1")), "Opening hours");
	free(v);
	ui_feed(&f->ui, 'e');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	ui_feed(&f->ui, UI_TAB);
	type(&f->ui, "Mon-Fri 9-17");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal((v = testlib_str(DB, "SELECT JSON_VALUE(sections, '$[0].body') FROM storefronts"
	    " WHERE reseller_id = 1")), "Mon-Fri 9-17");
	free(v);
	/* edit the hero's call to action */
	ui_feed(&f->ui, 'j');
	ui_feed(&f->ui, 'e');
	form = ui_form_of(ui_top(&f->ui));
	assert_string_equal(ui_form_value(form, 4), "Browse the catalog");
	form->cur = 4;
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "See prices");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal((v = testlib_str(DB, "SELECT JSON_VALUE(sections, '$[1].cta_label') FROM storefronts"
	    " WHERE reseller_id = 1")), "See prices");
	free(v);
	ui_feed(&f->ui, 'k');
	ui_feed(&f->ui, 'd');
	assert_string_equal(top_name(f), "confirm");
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT JSON_LENGTH(sections) FROM storefronts WHERE reseller_id = 1"), n);
	assert_string_equal((v = testlib_str(DB, "SELECT JSON_VALUE(sections, '$[0].type') FROM storefronts"
	    " WHERE reseller_id = 1")), "hero");
	free(v);
	teardown(f);
}

/* ---- customers and their users -------------------------------------- */

static void
customers_approval_flag_and_users(void **state)
{
	struct fixture *f = setup_as("demo-admin");
	struct screen *s;
	struct ui_list *l;
	struct ui_form *form;
	const char *msg;
	char *v;
	int64_t approval;

	(void)state;
	ui_push(&f->ui, s = screen_customers_new(&f->ui));
	l = ui_screen_list(s);
	assert_int_equal(l->total, 34);
	/* filters: inactive, transacting, approval required */
	ui_feed(&f->ui, 'f');
	ui_feed(&f->ui, 'f');
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 1 AND active = 0"));
	ui_feed(&f->ui, 'f');
	ui_feed(&f->ui, 'f');
	approval = testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 1 AND approval_required = 1");
	assert_int_equal(l->total, approval);
	ui_feed(&f->ui, 'f');
	/* turn approval on for Acme (first by name): asks, then core */
	type(&f->ui, "/Acme\n");
	assert_int_equal(l->total, 1);
	ui_feed(&f->ui, 'A');
	assert_string_equal(top_name(f), "confirm");
	assert_int_equal(testlib_int(DB, "SELECT approval_required FROM customers WHERE id = 1"), 0);
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT approval_required FROM customers WHERE id = 1"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.approval'"
	    " AND entity_id = 1 AND actor_name = 'demo-admin'"), 1);
	/* the detail: orders, subscriptions, assets, users */
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(top_name(f), "customer");
	assert_true(view_has(ui_top(&f->ui), "need approval"));
	assert_true(view_has(ui_top(&f->ui), "Subscriptions ("));
	assert_true(view_has(ui_top(&f->ui), "Assets ("));
	assert_true(view_has(ui_top(&f->ui), "buyer@demo.example"));
	/* storefront users: create one with a one-time password, shown once */
	ui_feed(&f->ui, 'u');
	assert_string_equal(top_name(f), "users");
	ui_feed(&f->ui, 'n');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	type(&f->ui, "temp@acme-logistics.example\tTemp Worker\t\t");
	ui_feed(&f->ui, UK(KEY_RIGHT));
	assert_string_equal(ui_form_value(form, 3), "one-time password");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(top_name(f), "notice");
	msg = ui_dialog_message(ui_top(&f->ui));
	assert_non_null(strstr(msg, "One-time password"));
	assert_int_equal(testlib_int(DB, "SELECT must_change_password FROM storefront_users WHERE reseller_id = 1"
	    " AND email = 'temp@acme-logistics.example'"), 1);
	/* the password is not stored as shown */
	v = testlib_str(DB, "SELECT password_hash FROM storefront_users WHERE email = 'temp@acme-logistics.example'");
	assert_null(strstr(msg, v));
	free(v);
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(top_name(f), "users");
	/* disable it (asks), then a reset e-mail for the owner */
	type(&f->ui, "/temp\n");
	ui_feed(&f->ui, 'd');
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT active FROM storefront_users WHERE email = 'temp@acme-logistics.example'"), 0);
	ui_feed(&f->ui, '/');
	ui_feed(&f->ui, UI_CTRL('u'));			/* a new search */
	type(&f->ui, "buyer\n");
	assert_int_equal(ui_screen_list(ui_top(&f->ui))->total, 1);
	ui_feed(&f->ui, 'p');
	ui_feed(&f->ui, 'y');
	assert_non_null(strstr(f->ui.status, "password-reset"));
	ui_feed(&f->ui, 'q');
	ui_feed(&f->ui, 'q');
	/* add a customer */
	ui_feed(&f->ui, 'a');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	type(&f->ui, "Tiny Test BV\tnot-an-email");
	assert_string_not_equal(form->msg[1], "");
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "office@tiny.example");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 1 AND name = 'Tiny Test BV'"), 1);
	teardown(f);
}

/*
 * The country is looked up as you type, by name or code, and stored as
 * its ISO 3166-1 alpha-2 code: "Netherlands" in full is not cut to "Ne".
 */
static void
customer_country_type_ahead(void **state)
{
	struct fixture *f = setup_as("demo-admin");
	struct ui_form *form;
	enum { COUNTRY = 5 };

	(void)state;
	ui_push(&f->ui, screen_customers_new(&f->ui));
	ui_feed(&f->ui, 'a');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	type(&f->ui, "Dutch Test BV\toffice@dutch.example\t\t\t\t");
	assert_int_equal(form->cur, COUNTRY);
	type(&f->ui, "Netherlands");
	assert_string_equal(ui_form_value(form, COUNTRY), "NL");
	assert_string_equal(form->msg[COUNTRY], "");
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "Net");
	assert_string_equal(ui_form_value(form, COUNTRY), "NL");
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "nl");
	assert_string_equal(ui_form_value(form, COUNTRY), "NL");
	/* several matches: Left/Right walks them */
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "Ger");
	assert_string_equal(ui_form_value(form, COUNTRY), "DE");
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "United");
	assert_string_equal(ui_form_value(form, COUNTRY), "AE");	/* United Arab Emirates first */
	ui_feed(&f->ui, UK(KEY_RIGHT));
	assert_string_equal(ui_form_value(form, COUNTRY), "GB");
	/* nothing matches: said in place, and core would refuse it too */
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "Atlantis");
	assert_string_not_equal(form->msg[COUNTRY], "");
	ui_feed(&f->ui, UI_CTRL('u'));
	type(&f->ui, "Netherl");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(top_name(f), "customers");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 1 AND name = 'Dutch Test BV'"
	    " AND country = 'NL'"), 1);
	/* editing shows the stored code's country */
	type(&f->ui, "/Dutch\n");
	ui_feed(&f->ui, 'e');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	assert_string_equal(ui_form_value(form, COUNTRY), "NL");
	teardown(f);
}

/* ---- orders ---------------------------------------------------------- */

/*
 * The footer and the help offer Approve and Reject only where core's
 * order state table allows them: on a pending order, not an approved one.
 */
static void
order_actions_follow_the_state(void **state)
{
	struct fixture *f = setup_as("demo-admin");
	int64_t pending = testlib_int(DB, "SELECT MIN(id) FROM orders WHERE reseller_id = 1 AND status = 'pending_approval'");
	int64_t approved = testlib_int(DB, "SELECT MIN(id) FROM orders WHERE reseller_id = 1 AND status = 'approved'");
	char foot[1024], **lines;
	int n, i, offered;

	(void)state;
	ui_push(&f->ui, screen_order_new(&f->ui, pending));
	ui_footer_text(ui_top(&f->ui), foot, sizeof(foot));
	assert_non_null(strstr(foot, "a Approve"));
	assert_non_null(strstr(foot, "r Reject"));
	ui_feed(&f->ui, 'q');
	ui_push(&f->ui, screen_order_new(&f->ui, approved));
	ui_footer_text(ui_top(&f->ui), foot, sizeof(foot));
	assert_null(strstr(foot, "Approve"));
	assert_null(strstr(foot, "Reject"));
	n = ui_help_lines(ui_top(&f->ui), &lines);
	for (i = offered = 0; i < n; i++)
		if (strstr(lines[i], "approve the order") || strstr(lines[i], "reject the order"))
			offered++;
	ui_lines_free(lines, n);
	assert_int_equal(offered, 0);
	/* pressed anyway: core's answer, no dialog */
	ui_feed(&f->ui, 'a');
	assert_string_equal(top_name(f), "order");
	assert_int_equal(f->ui.status_kind, UI_ST_ERROR);
	assert_non_null(strstr(f->ui.status, "approved"));
	ui_feed(&f->ui, 'q');
	/* the list: the row under the cursor decides */
	ui_push(&f->ui, screen_orders_new(&f->ui));
	ui_footer_text(ui_top(&f->ui), foot, sizeof(foot));
	assert_non_null(strstr(foot, "a Approve"));		/* the queue: pending orders */
	ui_feed(&f->ui, 'f');					/* all orders */
	type(&f->ui, "/");
	{
		char *num = testlib_str(DB, "SELECT number FROM orders WHERE id = %lld", (long long)approved);

		type(&f->ui, num);
		free(num);
	}
	ui_feed(&f->ui, UI_ENTER);
	assert_int_equal(ui_screen_list(ui_top(&f->ui))->total, 1);
	ui_footer_text(ui_top(&f->ui), foot, sizeof(foot));
	assert_null(strstr(foot, "Approve"));
	teardown(f);
}

static void
approval_queue_approve_and_reject(void **state)
{
	struct fixture *f = setup_as("demo-admin");
	struct screen *s;
	struct ui_list *l;
	int64_t first, second;
	char *v;

	(void)state;
	ui_push(&f->ui, s = screen_orders_new(&f->ui));
	l = ui_screen_list(s);
	assert_int_equal(l->total, 3);
	first = testlib_int(DB, "SELECT id FROM orders WHERE reseller_id = 1 AND status = 'pending_approval'"
	    " ORDER BY created_at, id LIMIT 1");
	second = testlib_int(DB, "SELECT id FROM orders WHERE reseller_id = 1 AND status = 'pending_approval'"
	    " ORDER BY created_at, id LIMIT 1 OFFSET 1");
	/* detail first */
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(top_name(f), "order");
	assert_true(view_has(ui_top(&f->ui), "Awaiting approval"));
	ui_feed(&f->ui, 'q');
	ui_feed(&f->ui, 'a');
	assert_string_equal(top_name(f), "confirm");
	ui_feed(&f->ui, 'y');
	assert_string_equal((v = testlib_str(DB, "SELECT status FROM orders WHERE id = %lld", (long long)first)), "approved");
	free(v);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE kind = 'provision'"
	    " AND JSON_VALUE(payload, '$.order_id') = %lld", (long long)first), 1);
	assert_int_equal(l->total, 2);			/* gone from the queue */
	/* reject: the reason is required */
	ui_feed(&f->ui, 'r');
	assert_non_null(ui_form_of(ui_top(&f->ui)));
	ui_feed(&f->ui, UI_ENTER);
	assert_non_null(ui_form_of(ui_top(&f->ui)));	/* empty: stays open */
	type(&f->ui, "Please order the annual plan instead.\n");
	assert_string_equal(top_name(f), "orders");
	assert_string_equal((v = testlib_str(DB, "SELECT CONCAT(status, ': ', reject_reason) FROM orders WHERE id = %lld",
	    (long long)second)), "rejected: Please order the annual plan instead.");
	free(v);
	assert_int_equal(l->total, 1);
	/* all orders */
	ui_feed(&f->ui, 'f');
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM orders WHERE reseller_id = 1"));
	teardown(f);
}

/* ---- messages and API credentials ------------------------------------ */

static void
messages_and_api_credentials(void **state)
{
	struct fixture *f = setup_as("demo-admin");
	struct screen *s;
	struct ui_list *l;
	const char *msg;
	char secret[65], *p, *v;
	int64_t unread = testlib_int(DB, "SELECT COUNT(*) FROM contact_messages WHERE reseller_id = 1 AND read_at IS NULL");

	(void)state;
	ui_push(&f->ui, s = screen_messages_new(&f->ui));
	l = ui_screen_list(s);
	assert_int_equal(l->total, 7);
	ui_feed(&f->ui, 'f');
	assert_int_equal(l->total, unread);
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(top_name(f), "message");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM contact_messages WHERE reseller_id = 1 AND read_at IS NULL"),
	    unread - 1);
	ui_feed(&f->ui, 'q');
	assert_int_equal(l->total, unread - 1);
	ui_pop(&f->ui);

	ui_push(&f->ui, s = screen_apiclients_new(&f->ui));
	l = ui_screen_list(s);
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM api_clients WHERE reseller_id = 1 AND revoked_at IS NULL"));
	ui_feed(&f->ui, 'n');
	type(&f->ui, "Accounting sync\n");
	assert_string_equal(top_name(f), "notice");
	msg = ui_dialog_message(ui_top(&f->ui));
	assert_non_null(p = strstr(msg, "Secret:\n  "));
	snprintf(secret, sizeof(secret), "%.64s", p + 11);
	assert_int_equal(strlen(secret), 64);
	/* stored hashed, never as shown */
	v = testlib_str(DB, "SELECT secret_hash FROM api_clients WHERE name = 'Accounting sync'");
	assert_null(strstr(v, secret));
	assert_int_equal(strncmp(v, "sha256:", 7), 0);
	free(v);
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(top_name(f), "apiclients");
	/* newest first: revoke it */
	ui_feed(&f->ui, 'd');
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT revoked_at IS NOT NULL FROM api_clients WHERE name = 'Accounting sync'"), 1);
	teardown(f);
}

/* ---- one reseller never reaches another's data ------------------------ */

static void
another_resellers_data_through_core(void **state)
{
	struct fixture *f = setup_as("brightpath-admin");	/* reseller 2 */
	char why[CORE_WHY];
	struct customer c;
	struct order o;
	struct asset_list al;
	struct subscription_list sl;
	struct subscription_filter sf = { .status = -1, .customer_id = 1, .sort = SUB_SORT_PRODUCT };
	int64_t demo_order = testlib_int(DB, "SELECT id FROM orders WHERE reseller_id = 1 AND status = 'pending_approval'"
	    " LIMIT 1");
	int64_t demo_msg = testlib_int(DB, "SELECT id FROM contact_messages WHERE reseller_id = 1 AND read_at IS NULL LIMIT 1");
	int64_t demo_api = testlib_int(DB, "SELECT id FROM api_clients WHERE reseller_id = 1 LIMIT 1");
	int64_t ids[1] = { 1 };
	int64_t audits = testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE actor_name = 'brightpath-admin'"
	    " AND entity <> 'listing'");

	(void)state;
	assert_int_equal(f->a.reseller_id, 2);
	assert_int_equal(customer_get(f->db, &f->a, 1, 1, &c), CORE_NOTFOUND);		/* Acme is reseller 1's */
	assert_int_equal(customer_set_approval(f->db, &f->a, 1, 1, why), CORE_NOTFOUND);
	assert_int_equal(customer_set_active(f->db, &f->a, 1, 0, why), CORE_NOTFOUND);
	assert_int_equal(order_get(f->db, &f->a, demo_order, &o), CORE_NOTFOUND);
	assert_int_equal(order_approve(f->db, &f->a, demo_order, why), CORE_NOTFOUND);
	assert_int_equal(order_reject(f->db, &f->a, demo_order, "no", why), CORE_NOTFOUND);
	assert_int_equal(contact_mark_read(f->db, &f->a, demo_msg, why), CORE_NOTFOUND);
	assert_int_equal(apiclient_revoke(f->db, &f->a, demo_api, why), CORE_NOTFOUND);
	assert_int_equal(user_set_active(f->db, &f->a, 1, 0, why), CORE_NOTFOUND);	/* buyer@demo.example */
	assert_int_equal(user_reset_password(f->db, &f->a, 1, NULL, why), CORE_NOTFOUND);
	assert_int_equal(asset_list(f->db, &f->a, 1, 50, 0, &al), CORE_OK);
	assert_int_equal(al.total, 0);
	asset_list_free(&al);
	assert_int_equal(subscription_list(f->db, &f->a, &sf, NULL, &sl), CORE_OK);
	assert_int_equal(sl.total, 0);
	subscription_list_free(&sl);
	/* listing decisions are per reseller: reseller 2's change leaves reseller 1's row alone */
	assert_int_equal(listing_markup(f->db, &f->a, ids, 1, 4321, why), CORE_OK);
	assert_int_equal(testlib_int(DB, "SELECT markup_bp FROM listings WHERE reseller_id = 1 AND product_id = 1"), 1500);
	/* nothing of reseller 1 changed */
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE actor_name = 'brightpath-admin'"
	    " AND entity <> 'listing'"), audits);
	assert_int_equal(testlib_int(DB, "SELECT approval_required + 10 * active FROM customers WHERE id = 1"), 10);
	teardown(f);
}

static void
another_resellers_data_through_the_screens(void **state)
{
	struct fixture *f = setup_as("brightpath-admin");
	const struct ui_tab *tabs;
	struct screen *s;
	struct ui_list *l;
	int64_t demo_order = testlib_int(DB, "SELECT id FROM orders WHERE reseller_id = 1 AND status = 'pending_approval'"
	    " LIMIT 1");
	int n, i;
	char *v;

	(void)state;
	n = tui_tabs(&f->a, &tabs);
	tui_setup(&f->ui, tabs, n);
	dashboard_equals_sql(DB, 2, screen_dashboard_of(ui_top(&f->ui), NULL));
	/* the lists hold reseller 2's rows only */
	ui_goto_tab(&f->ui, 3);
	l = ui_screen_list(ui_top(&f->ui));
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 2"));
	type(&f->ui, "/Acme\n");
	assert_int_equal(l->total, 0);
	ui_goto_tab(&f->ui, 4);
	l = ui_screen_list(ui_top(&f->ui));
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM orders WHERE reseller_id = 2"
	    " AND status = 'pending_approval'"));
	ui_goto_tab(&f->ui, 5);
	l = ui_screen_list(ui_top(&f->ui));
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM contact_messages WHERE reseller_id = 2"));
	ui_goto_tab(&f->ui, 6);
	l = ui_screen_list(ui_top(&f->ui));
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM api_clients WHERE reseller_id = 2"
	    " AND revoked_at IS NULL"));
	/* a detail screen opened on reseller 1's ids shows nothing and changes nothing */
	ui_push(&f->ui, s = screen_customer_new(&f->ui, 1));
	assert_true(view_has(s, "cannot be shown"));
	ui_feed(&f->ui, 'A');
	ui_feed(&f->ui, 'x');
	ui_feed(&f->ui, 'u');
	assert_string_equal(top_name(f), "customer");
	ui_push(&f->ui, s = screen_order_new(&f->ui, demo_order));
	assert_true(view_has(s, "cannot be shown"));
	ui_feed(&f->ui, 'a');
	assert_string_equal(top_name(f), "order");
	/* the decision flow itself, given reseller 1's order, is refused by core */
	screen_orders_decide(&f->ui, demo_order, "SO-000016", ORDER_PENDING_APPROVAL, 1);
	ui_feed(&f->ui, 'y');
	assert_int_equal(f->ui.status_kind, UI_ST_ERROR);
	screen_customers_flag(&f->ui, 1, "Acme", 1, 1);
	ui_feed(&f->ui, 'y');
	assert_int_equal(f->ui.status_kind, UI_ST_ERROR);
	ui_push(&f->ui, screen_users_new(&f->ui, 1, "Acme"));
	assert_int_equal(ui_screen_list(ui_top(&f->ui))->total, 0);
	assert_string_equal((v = testlib_str(DB, "SELECT status FROM orders WHERE id = %lld", (long long)demo_order)),
	    "pending_approval");
	free(v);
	assert_int_equal(testlib_int(DB, "SELECT approval_required FROM customers WHERE id = 1"), 0);
	for (i = 0; i < 3; i++)
		ui_feed(&f->ui, 'q');
	teardown(f);
}

static void
support_is_refused(void **state)
{
	struct fixture *f = setup_as("support");

	(void)state;
	ui_push(&f->ui, screen_vendor_new(&f->ui));
	ui_feed(&f->ui, 'm');
	assert_string_equal(top_name(f), "vendor");
	assert_non_null(strstr(f->ui.status, "read-only"));
	ui_pop(&f->ui);
	ui_push(&f->ui, screen_dashboard_new(&f->ui));
	assert_null(screen_dashboard_of(ui_top(&f->ui), NULL));
	teardown(f);
}

/* ---- the charts ------------------------------------------------------- */

static void
pie_slices_follow_the_shares(void **state)
{
	int64_t v[3] = { 60, 30, 10 }, dots[3], zero[2] = { 0, 0 };
	struct chart_cell cells[16 * 32];
	char buf[256], pct[16];
	int64_t total;
	int i, lit = 0;

	(void)state;
	chart_pie(v, 3, 32, 16, cells, dots);
	total = dots[0] + dots[1] + dots[2];
	assert_true(total > 1000);
	/* each slice's dots within 3 points of its share (boundaries are dark) */
	for (i = 0; i < 3; i++)
		assert_true(llabs(dots[i] * 100 / total - v[i]) <= 3);
	/* the corners are outside the disc */
	assert_int_equal(cells[0].slice, -1);
	assert_int_equal(cells[0].cp, 0x2800);
	/* twelve o'clock to the right is the first slice, the left of it the last */
	assert_int_equal(cells[3 * 32 + 18].slice, 0);
	assert_int_equal(cells[3 * 32 + 13].slice, 2);
	chart_pie(zero, 2, 32, 16, cells, NULL);	/* nothing: an outline */
	for (i = 0; i < 16 * 32; i++)
		lit += cells[i].cp != 0x2800;
	assert_true(lit > 0 && lit < 100);
	assert_string_equal(chart_bar(5000, 4, buf, sizeof(buf)), "██  ");
	assert_string_equal(chart_bar(5000, 1, buf, sizeof(buf)), "▌");
	assert_string_equal(chart_bar(625, 1, buf, sizeof(buf)), "▏");	/* one eighth */
	assert_string_equal(chart_bar(0, 2, buf, sizeof(buf)), "  ");
	assert_string_equal(chart_share(1, 3, pct, sizeof(pct)), "33.3%");
	assert_string_equal(chart_bp(8571, pct, sizeof(pct)), "85.7%");
	assert_string_equal(chart_share(0, 0, pct, sizeof(pct)), "0.0%");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pie_slices_follow_the_shares),
		cmocka_unit_test(reseller_admin_gets_its_tabs),
		cmocka_unit_test(dashboard_and_customer_figures_equal_sql_on_demo),
		cmocka_unit_test(vendor_lists_and_marks_up_in_bulk),
		cmocka_unit_test(storefront_settings_theme_and_sections),
		cmocka_unit_test(customers_approval_flag_and_users),
		cmocka_unit_test(customer_country_type_ahead),
		cmocka_unit_test(order_actions_follow_the_state),
		cmocka_unit_test(approval_queue_approve_and_reject),
		cmocka_unit_test(messages_and_api_credentials),
		cmocka_unit_test(another_resellers_data_through_core),
		cmocka_unit_test(another_resellers_data_through_the_screens),
		cmocka_unit_test(support_is_refused),
		cmocka_unit_test(figures_equal_sql_on_scale_s),
		cmocka_unit_test(dashboard_opens_fast_over_100k_subscriptions),
	};

	setlocale(LC_ALL, "C.UTF-8");
	if (!testlib_have_db()) {
		fprintf(stderr, "test_tui_reseller: needs the test database (make test)\n");
		return 1;
	}
	return cmocka_run_group_tests_name("tui_reseller", tests, NULL, NULL);
}
