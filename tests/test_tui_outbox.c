/*
 * test_tui_outbox.c - the Outbox tab without a terminal, against a real
 * database with the demo data, its outbox and fulfilment rows replaced by
 * the test's own: the tab for distributor admins and support, the tabs
 * and their lists checked with independent SQL, retry now through the
 * keys (asked first, "Queued for sending now", the row and its audit
 * row), support refused, a row in full, and the fulfilment queue's forms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "screens.h"
#include "testlib_tui.h"

#define DB "shelf_tui_outbox"

/*
 * Outbox: 1 pending e-mail of reseller 1, 2 failed e-mail of reseller 7,
 * 3 sent e-mail of reseller 1.  Fulfilment: 1 manual task waiting, 2
 * done, for an order of the demo reseller's first customer.
 */
static const char rows_sql[] =
    "DELETE FROM fulfilments; DELETE FROM outbox;"
    "INSERT INTO outbox (id, kind, reseller_id, payload, status, attempts, next_attempt_at, created_at, sent_at,"
    " last_error) VALUES"
    " (1, 'email', 1, '{\"to\": \"a@example.com\", \"subject\": \"Hello\"}', 'pending', 1, '2026-11-25 12:10:00',"
    "  '2026-11-25 11:00:00', NULL, 'SMTP 451'),"
    " (2, 'email', 7, '{\"to\": \"b@example.com\", \"subject\": \"Invoice\"}', 'failed', 5, '2026-11-24 21:00:00',"
    "  '2026-11-24 09:00:00', NULL, 'SMTP 550'),"
    " (3, 'email', 1, '{\"to\": \"c@example.com\", \"subject\": \"Welcome\"}', 'sent', 1, '2026-11-23 08:00:00',"
    "  '2026-11-23 08:00:00', '2026-11-23 08:00:01', NULL);"
    "SET @c = (SELECT MIN(id) FROM customers WHERE reseller_id = 1), @p = (SELECT MIN(id) FROM products WHERE distributor_id = 1);"
    "UPDATE products SET connector = 'manual' WHERE id = @p;"
    "INSERT INTO orders (reseller_id, customer_id, number, status, currency) VALUES (1, @c, 'SO-TEST01', 'provisioning', 'EUR');"
    "SET @o = LAST_INSERT_ID();"
    "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, unit_cost, line_price, line_cost)"
    " SELECT @o, n, @p, 1, unit_cost, unit_cost, unit_cost, unit_cost FROM products, (SELECT 1 n UNION SELECT 2) k WHERE id = @p;"
    "INSERT INTO fulfilments (id, reseller_id, customer_id, action, connector, product_id, order_line_id, quantity, status,"
    " vendor_ref, created_at, done_at) VALUES"
    " (1, 1, @c, 'provision', 'manual', @p, (SELECT id FROM order_lines WHERE order_id = @o AND line_no = 1), 1, 'waiting',"
    "  NULL, '2026-11-24 10:00:00', NULL),"
    " (2, 1, @c, 'provision', 'manual', @p, (SELECT id FROM order_lines WHERE order_id = @o AND line_no = 2), 1, 'done',"
    "  'V-1', '2026-11-23 10:00:00', '2026-11-23 11:00:00');";

static struct tui_fixture *
setup_as(const char *login, int fresh)
{
	struct tui_fixture *f = tui_setup_on(DB, login, fresh);

	if (fresh)
		testlib_sql(DB, "%s", rows_sql);
	return f;
}

/* the top screen's list, which must be there */
static struct ui_list *
top_list(struct tui_fixture *f)
{
	struct ui_list *l = ui_screen_list(ui_top(&f->ui));

	assert_non_null(l);
	return l;
}

static int
footer_has(struct tui_fixture *f, const char *needle)
{
	char foot[1024];

	ui_footer_text(ui_top(&f->ui), foot, sizeof(foot));
	return strstr(foot, needle) != NULL;
}

static void
tab_of_admins_and_support(void **state)
{
	static const char *const logins[] = { "admin", "support" };
	const struct ui_tab *tabs;
	size_t k;
	int n, i, found;

	(void)state;
	for (k = 0; k < TESTLIB_LEN(logins); k++) {
		struct tui_fixture *f = setup_as(logins[k], k == 0);

		n = tui_tabs(&f->a, &tabs);
		for (i = 0, found = -1; i < n; i++)
			if (strcmp(tabs[i].name, "Outbox") == 0)
				found = i;
		assert_true(found >= 0);
		tui_setup(&f->ui, tabs, n);
		ui_goto_tab(&f->ui, found);
		assert_string_equal(tui_top_name(f), "outbox");
		tui_teardown(f);
	}
	/* a reseller admin has none */
	{
		struct tui_fixture *f = setup_as("demo-admin", 0);

		n = tui_tabs(&f->a, &tabs);
		for (i = 0; i < n; i++)
			assert_string_not_equal(tabs[i].name, "Outbox");
		tui_teardown(f);
	}
}

static void
tabs_cycle_with_their_lists(void **state)
{
	static const char *const sql_total[] = {
		"SELECT COUNT(*) FROM outbox WHERE status = 'pending'",
		"SELECT COUNT(*) FROM outbox WHERE status = 'failed'",
		"SELECT COUNT(*) FROM outbox WHERE status = 'sent'",
		"SELECT COUNT(*) FROM fulfilments WHERE status IN ('waiting', 'queued')",
	};
	static const char *const names[] = { "outbox", "outbox", "outbox", "fulfil" };
	struct tui_fixture *f = setup_as("admin", 1);
	int t;

	(void)state;
	ui_push(&f->ui, screen_outbox_new(&f->ui));
	for (t = 0; t < OUTBOX_TAB__MAX; t++) {
		assert_string_equal(tui_top_name(f), names[t]);
		assert_int_equal(f->ui.depth, 1);			/* a tab replaces, never stacks */
		assert_int_equal(top_list(f)->total, testlib_int(DB, "%s", sql_total[t]));
		ui_feed(&f->ui, 't');
	}
	assert_int_equal(top_list(f)->total, 1);		/* round again: Pending */
	ui_feed(&f->ui, 'T');
	assert_string_equal(tui_top_name(f), "fulfil");
	tui_teardown(f);
}

static void
retry_through_the_keys(void **state)
{
	struct tui_fixture *f = setup_as("admin", 1);
	const char *msg;
	char *s;

	(void)state;
	ui_push(&f->ui, screen_outbox_new(&f->ui));
	ui_feed(&f->ui, 't');					/* Failed */
	assert_true(footer_has(f, "r Retry now"));
	ui_feed(&f->ui, 'r');
	assert_non_null(msg = ui_dialog_message(ui_top(&f->ui)));
	assert_non_null(strstr(msg, "Send outbox row #2 again now?"));
	assert_non_null(strstr(msg, "b@example.com"));
	ui_feed(&f->ui, 'y');
	assert_string_equal(tui_top_name(f), "outbox");
	/* what really happened: queued, never "sent" */
	assert_non_null(strstr(f->ui.status, "Queued for sending now"));
	assert_null(strstr(f->ui.status, " sent"));
	s = testlib_str(DB, "SELECT CONCAT(status, ' ', attempts, ' ', sent_at IS NULL) FROM outbox WHERE id = 2");
	assert_string_equal(s, "pending 0 1");
	free(s);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.retry' AND entity_id = 2"), 1);
	assert_int_equal(top_list(f)->total, 0);		/* gone from Failed */
	/* a sent row is not offered, and refused with core's reason */
	ui_feed(&f->ui, 't');					/* Sent */
	assert_false(footer_has(f, "Retry now"));
	ui_feed(&f->ui, 'r');
	assert_string_equal(tui_top_name(f), "outbox");
	assert_non_null(strstr(f->ui.status, "already sent"));
	tui_teardown(f);
}

static void
support_reads_but_is_refused(void **state)
{
	struct tui_fixture *f = setup_as("support", 1);

	(void)state;
	ui_push(&f->ui, screen_outbox_new(&f->ui));
	assert_int_equal(top_list(f)->total, 1);
	assert_false(footer_has(f, "Retry"));
	ui_feed(&f->ui, 'r');
	assert_string_equal(tui_top_name(f), "outbox");		/* nothing asked */
	assert_non_null(strstr(f->ui.status, "read-only"));
	assert_int_equal(testlib_int(DB, "SELECT attempts FROM outbox WHERE id = 1"), 1);
	/* the row in full */
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "outbox_row");
	assert_true(tui_view_has(ui_top(&f->ui), "\"subject\": \"Hello\""));
	assert_true(tui_view_has(ui_top(&f->ui), "SMTP 451"));
	ui_feed(&f->ui, 'r');
	assert_non_null(strstr(f->ui.status, "read-only"));
	ui_feed(&f->ui, 'q');
	/* the queue: d and f are not offered, and refused */
	ui_feed(&f->ui, 'T');
	assert_string_equal(tui_top_name(f), "fulfil");
	assert_false(footer_has(f, "d Done"));
	ui_feed(&f->ui, 'd');
	assert_string_equal(tui_top_name(f), "fulfil");
	assert_non_null(strstr(f->ui.status, "read-only"));
	tui_teardown(f);
}

static void
fulfil_done_form(void **state)
{
	struct tui_fixture *f = setup_as("admin", 1);
	struct ui_form *form;

	(void)state;
	ui_push(&f->ui, screen_fulfil_new(&f->ui));
	assert_int_equal(top_list(f)->total, 1);		/* open tasks */
	assert_true(footer_has(f, "d Done"));
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "fulfil_task");
	assert_true(tui_view_has(ui_top(&f->ui), "SO-TEST01"));
	ui_feed(&f->ui, 'q');
	/* a settled task is refused at once */
	tui_type(&f->ui, "vvv");				/* waiting, queued, done */
	assert_false(footer_has(f, "f Failed"));
	ui_feed(&f->ui, 'f');
	assert_string_equal(tui_top_name(f), "fulfil");
	assert_non_null(strstr(f->ui.status, "already done"));
	tui_type(&f->ui, "vvv");				/* failed, all, open */
	ui_feed(&f->ui, 'd');
	assert_non_null(form = ui_form_of(ui_top(&f->ui)));
	ui_feed(&f->ui, UK(KEY_F(2)));				/* empty: refused in place */
	assert_string_not_equal(form->msg[0], "");
	tui_type(&f->ui, "NW-1");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "fulfil");
	assert_non_null(strstr(f->ui.status, "marked done"));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM fulfilments WHERE id = 1 AND status = 'done'"
	    " AND vendor_ref = 'NW-1'"), 1);
	tui_teardown(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tab_of_admins_and_support),
		cmocka_unit_test(tabs_cycle_with_their_lists),
		cmocka_unit_test(retry_through_the_keys),
		cmocka_unit_test(support_reads_but_is_refused),
		cmocka_unit_test(fulfil_done_form),
	};

	return tui_test_main("tui_outbox", tests, TESTLIB_LEN(tests));
}
