/*
 * test_tui_reseller.c - the reseller admin's screens without a terminal,
 * against a real database with the demo data: state + key -> new state +
 * the call into core, each outcome checked with independent SQL.  The
 * tabs and their counts, the dashboard (figures equal to SQL written
 * here, on the demo data and on scale dataset S, and the time its
 * screen takes to open over 100,000 subscriptions), the Vendor screen's
 * list/unlist and bulk markup, storefront settings, theme and sections,
 * the charts.  Customers, orders, messages and tenant isolation are in
 * test_tui_reseller_customers.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
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
#include "invoice.h"
#include "subscription.h"
#include "user.h"
#include "testlib_tui.h"

#define DB    "shelf_tui_r"
#define SCALE "shelf_tui_r_s"
#define BIG   "shelf_tui_r_big"

static struct tui_fixture *
setup_as(const char *login)
{
	return tui_setup_on(DB, login, 1);
}

/* ---- independent SQL of the definitions in customer.h ---- */

static void
customer_stats_equal_sql(struct tui_fixture *f, const char *db, int64_t rid)
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
	struct tui_fixture *f = setup_as("demo-admin");
	const struct ui_tab *tabs;
	const struct dashboard *d;
	char label[64];
	int n;

	(void)state;
	n = tui_tabs(&f->a, &tabs);
	assert_int_equal(n, 9);		/* the last: Operators */
	tui_setup(&f->ui, tabs, n);
	assert_string_equal(tui_top_name(f), "dashboard");		/* the first screen */
	assert_non_null(d = screen_dashboard_of(ui_top(&f->ui), NULL));
	tui_dashboard_equals_sql(DB, 1, d);
	/* Orders and Messages count what waits */
	assert_string_equal(ui_tab_label(&f->ui, 0, label, sizeof(label)), "Dashboard");
	snprintf(label, sizeof(label), "Orders (%lld)", (long long)testlib_int(DB,
	    "SELECT COUNT(*) FROM orders WHERE reseller_id = 1 AND status = 'pending_approval'"));
	assert_string_equal(ui_tab_label(&f->ui, 4, (char[64]){0}, 64), label);
	snprintf(label, sizeof(label), "Messages (%lld)", (long long)testlib_int(DB,
	    "SELECT COUNT(*) FROM contact_messages WHERE reseller_id = 1 AND read_at IS NULL"));
	assert_string_equal(ui_tab_label(&f->ui, 5, (char[64]){0}, 64), label);
	/* Tab walks them all and comes back */
	for (n = 0; n < 9; n++)
		ui_feed(&f->ui, UI_TAB);
	assert_string_equal(tui_top_name(f), "dashboard");
	ui_feed(&f->ui, UI_TAB);
	assert_string_equal(tui_top_name(f), "vendor");
	/* `?` lists the screen's keys from its table */
	ui_feed(&f->ui, '?');
	assert_string_equal(tui_top_name(f), "help");
	tui_teardown(f);
}

/* ---- invoices ------------------------------------------------------- */

/*
 * The reseller admin's Invoices tab: the demo reseller's invoices with
 * balance and overdue as core defines them, Enter its lines, no payment
 * key; the distributor admin records a payment from the reseller screen
 * (`i`, `p`, the form) and the balance follows.
 */
static void
invoices_tab_and_payment(void **state)
{
	struct tui_fixture *f = setup_as("demo-admin");
	const struct ui_tab *tabs;
	struct ui_list *l;
	struct ui_form *form;
	int64_t bal = 0, ovd = 0, cnt = 0, paid;
	int n;

	(void)state;
	n = tui_tabs(&f->a, &tabs);
	tui_setup(&f->ui, tabs, n);
	ui_goto_tab(&f->ui, 7);
	assert_string_equal(tui_top_name(f), "invoices");
	l = ui_screen_list(ui_top(&f->ui));
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE reseller_id = 1"));
	assert_int_equal(invoice_balance(f->db, &f->a, 0, &bal, &ovd, &cnt), CORE_OK);
	/* the balance by independent SQL: open invoices less the payments on them */
	assert_int_equal(bal, testlib_int(DB, "SELECT SUM(i.total - COALESCE((SELECT SUM(p.amount) FROM payments p"
	    " WHERE p.invoice_id = i.id), 0)) FROM invoices i WHERE i.reseller_id = 1 AND i.status = 'open'"));
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "invoice");
	assert_true(tui_view_has(ui_top(&f->ui), "Total"));
	ui_feed(&f->ui, 'q');
	assert_string_equal(tui_top_name(f), "invoices");
	ui_feed(&f->ui, 'p');				/* the distributor records payments */
	assert_string_equal(tui_top_name(f), "invoices");
	tui_teardown(f);

	f = tui_setup_on(DB, "admin", 0);
	paid = testlib_int(DB, "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE reseller_id = 1");
	ui_push(&f->ui, screen_reseller_new(&f->ui, 1));
	ui_feed(&f->ui, 'i');
	assert_string_equal(tui_top_name(f), "invoices");
	ui_feed(&f->ui, 'p');
	assert_non_null(form = ui_form_of(ui_top(&f->ui)));
	ui_form_set(form, 0, "12.34");
	ui_form_set(form, 1, "");
	ui_form_set(form, 4, "TUI test");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "invoices");
	assert_int_equal(testlib_int(DB, "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE reseller_id = 1"),
	    paid + 1234);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM payments WHERE reseller_id = 1 AND invoice_id IS NULL"
	    " AND reference = 'TUI test' AND method = 'bank_transfer'"), 1);
	tui_teardown(f);
}

/* ---- dashboard ------------------------------------------------------ */

static void
dashboard_and_customer_figures_equal_sql_on_demo(void **state)
{
	struct tui_fixture *f = setup_as("demo-admin");
	struct screen *s;

	(void)state;
	ui_push(&f->ui, s = screen_dashboard_new(&f->ui));
	assert_non_null(screen_dashboard_of(s, NULL));
	tui_dashboard_equals_sql(DB, 1, screen_dashboard_of(s, NULL));
	customer_stats_equal_sql(f, DB, 1);
	/* pie with colours and room, bars otherwise */
	f->ui.color = 1;
	assert_true(screen_dashboard_pie(&f->ui, 100));
	assert_false(screen_dashboard_pie(&f->ui, 80));
	f->ui.color = 0;
	assert_false(screen_dashboard_pie(&f->ui, 100));
	tui_teardown(f);
}

static void
figures_equal_sql_on_scale_s(void **state)
{
	struct tui_fixture *f;
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
		tui_dashboard_equals_sql(SCALE, rid, &d);
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
	a = testlib_actor(ROLE_RESELLER_ADMIN, 0, 1, 1, 0, "big-admin");
	/* the open path: the tab's screen made, pushed (enter loads), drawn data ready */
	for (i = 0; i < 6; i++) {
		struct screen *s;

		ui_init(&ui, db, &a, &cfg);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		ui_push(&ui, s = screen_dashboard_new(&ui));
		ms = testlib_ms_since(&t0);
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
	tui_dashboard_equals_sql(BIG, 1, &d);
	assert_true(best < 100.0);
	db_close(db);
}

/* ---- vendor --------------------------------------------------------- */

static void
vendor_lists_and_marks_up_in_bulk(void **state)
{
	struct tui_fixture *f = setup_as("demo-admin");
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
	assert_string_equal(tui_top_name(f), "confirm");
	ui_feed(&f->ui, 'y');
	assert_string_equal(tui_top_name(f), "vendor");
	assert_int_equal(testlib_int(DB, "SELECT listed FROM listings WHERE reseller_id = 1 AND product_id = %lld",
	    (long long)first_unlisted), 1);
	assert_true(testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 1") > version);
	assert_non_null(strstr(f->ui.status, "Listed"));

	/* Listed tab: mark three with Space, one markup for all, the prices shown first */
	ui_feed(&f->ui, 't');
	for (i = 0; i < 3; i++)
		ids[i] = testlib_int(DB, "SELECT p.id FROM listings l JOIN products p ON p.id = l.product_id"
		    " WHERE l.reseller_id = 1 AND l.listed = 1 AND p.active = 1 ORDER BY p.name, p.id LIMIT 1 OFFSET %d", i);
	tui_type(&f->ui, "   ");
	assert_int_equal(screen_vendor_marked(s), 3);
	ui_feed(&f->ui, 'm');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	tui_type(&f->ui, "-5");				/* never below zero: refused in place */
	assert_non_null(strstr(form->msg[0], "never below 0"));
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "12.345");				/* two decimals at most */
	assert_string_not_equal(form->msg[0], "");
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "12.5\n");
	assert_string_equal(tui_top_name(f), "confirm");
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
	tui_type(&f->ui, "/Micro");
	assert_true(l->total > 0 && l->total < 46);
	ui_feed(&f->ui, UI_ESC);
	ui_feed(&f->ui, 'c');
	assert_true(l->total <= testlib_int(DB, "SELECT COUNT(*) FROM listings WHERE reseller_id = 1 AND listed = 1"));
	tui_teardown(f);
}

/* ---- storefront settings -------------------------------------------- */

static void
storefront_settings_theme_and_sections(void **state)
{
	struct tui_fixture *f = setup_as("demo-admin");
	struct screen *s;
	struct ui_form *form;
	char *v;
	int64_t version, n, audits = testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 1"
	    " AND actor_name = 'demo-admin' AND action LIKE 'storefront.%%'");

	(void)state;
	ui_push(&f->ui, s = screen_storefront_new(&f->ui));
	assert_true(tui_view_has(s, "G-DEMO12345"));
	/* general: a bad Analytics id is refused in place, a good one saved */
	ui_feed(&f->ui, 'g');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "UA-1");
	assert_string_not_equal(form->msg[3], "");
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "G-NEW42");
	version = testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 1");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "storefront");
	assert_string_equal((v = testlib_str(DB, "SELECT analytics_id FROM storefronts WHERE reseller_id = 1")), "G-NEW42");
	free(v);
	assert_true(testlib_int(DB, "SELECT version FROM storefronts WHERE reseller_id = 1") > version);
	assert_true(tui_view_has(s, "G-NEW42"));
	/* a slug change asks first; 'n' keeps the old one */
	ui_feed(&f->ui, 'g');
	ui_feed(&f->ui, UI_TAB);
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "demo-shop");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "confirm");
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
	assert_string_equal(tui_top_name(f), "theme");
	ui_feed(&f->ui, UK(KEY_DOWN));
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "confirm");
	ui_feed(&f->ui, 'y');
	assert_string_equal(tui_top_name(f), "theme");
	assert_non_null(strstr(f->ui.status, "Theme and skin now"));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE entity_id = 1 AND actor_name = 'demo-admin'"
	    " AND action LIKE 'storefront.%%'"), audits + 3);
	ui_feed(&f->ui, 'q');
	/* homepage sections: add a text section, move it up, edit it, remove it */
	n = testlib_int(DB, "SELECT JSON_LENGTH(sections) FROM storefronts WHERE reseller_id = 1");
	ui_feed(&f->ui, 'h');
	assert_string_equal(tui_top_name(f), "sections");
	ui_feed(&f->ui, 'G');				/* not a key here: ignored */
	ui_feed(&f->ui, 'a');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	ui_form_set(form, 0, "text");
	ui_feed(&f->ui, UI_TAB);
	tui_type(&f->ui, "Opening hours\n");
	assert_string_equal(tui_top_name(f), "sections");
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
	tui_type(&f->ui, "Mon-Fri 9-17");
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
	tui_type(&f->ui, "See prices");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal((v = testlib_str(DB, "SELECT JSON_VALUE(sections, '$[1].cta_label') FROM storefronts"
	    " WHERE reseller_id = 1")), "See prices");
	free(v);
	ui_feed(&f->ui, 'k');
	ui_feed(&f->ui, 'd');
	assert_string_equal(tui_top_name(f), "confirm");
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT JSON_LENGTH(sections) FROM storefronts WHERE reseller_id = 1"), n);
	assert_string_equal((v = testlib_str(DB, "SELECT JSON_VALUE(sections, '$[0].type') FROM storefronts"
	    " WHERE reseller_id = 1")), "hero");
	free(v);
	tui_teardown(f);
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
		cmocka_unit_test(invoices_tab_and_payment),
		cmocka_unit_test(dashboard_and_customer_figures_equal_sql_on_demo),
		cmocka_unit_test(vendor_lists_and_marks_up_in_bulk),
		cmocka_unit_test(storefront_settings_theme_and_sections),
		cmocka_unit_test(figures_equal_sql_on_scale_s),
		cmocka_unit_test(dashboard_opens_fast_over_100k_subscriptions),
	};

	return tui_test_main("tui_reseller", tests, TESTLIB_LEN(tests));
}
