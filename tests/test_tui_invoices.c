/*
 * test_tui_invoices.c - the invoices of a reseller in the TUI beyond the
 * list (test_tui_reseller.c has the tab, the balance and a payment): an
 * invoice's payments and credit notes under its lines, a credit note's
 * invoice; the distributor admin's credit note dialog (`c`) with the
 * rules of `shelf billing credit-note` (core's invoice_credit_note) and
 * its refusals on the status line; support and the reseller admin read
 * and are refused the key.  On the demo data, at the tests' clock.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "invoice.h"
#include "screens.h"
#include "testlib_tui.h"

#define DB "shelf_tui_inv"

/* the newest invoice of reseller 1, the one the list shows first (demo: NW-2026-001004, open) */
#define NEWEST "SELECT %s FROM invoices WHERE reseller_id = 1 ORDER BY issued_on DESC, id DESC LIMIT 1"

static int
status_has(struct tui_fixture *f, enum ui_status_kind kind, const char *needle)
{
	if (f->ui.status_kind != kind || strstr(f->ui.status, needle) == NULL) {
		print_message("status (%d): %s\n", (int)f->ui.status_kind, f->ui.status);
		return 0;
	}
	return 1;
}

static void
distributor_issues_a_credit_note(void **state)
{
	struct tui_fixture *f = tui_setup_on(DB, "admin", 1);
	struct ui_form *form;
	char *number, *cn;
	int64_t id, cns, paid;

	(void)state;
	number = testlib_str(DB, NEWEST, "number");
	id = testlib_int(DB, NEWEST, "id");
	assert_int_equal(testlib_int(DB, NEWEST, "kind = 'invoice' AND status = 'open'"), 1);
	cns = testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'");
	paid = testlib_int(DB, "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE invoice_id = %lld", (long long)id);

	ui_push(&f->ui, screen_reseller_new(&f->ui, 1));
	ui_feed(&f->ui, 'i');
	assert_string_equal(tui_top_name(f), "invoices");
	assert_true(ui_offered(ui_top(&f->ui), UA_CHANGE));

	/* more than the invoice is: refused in the form, nothing issued */
	ui_feed(&f->ui, 'c');
	assert_non_null(form = ui_form_of(ui_top(&f->ui)));
	ui_form_set(form, 0, "999999.00");
	ui_form_set(form, 1, "Too much");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_non_null(ui_form_of(ui_top(&f->ui)));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'"), cns);
	/* an amount that is not one, and no reason: the fields say so */
	ui_form_set(form, 0, "12.345");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_non_null(ui_form_of(ui_top(&f->ui)));
	ui_form_set(form, 0, "12.50");
	ui_form_set(form, 1, "");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_non_null(ui_form_of(ui_top(&f->ui)));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'"), cns);

	/* within it: issued, numbered from the CN series, audited, said on the status line */
	ui_form_set(form, 1, "Two licences returned on day one");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "invoices");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'"
	    " AND credits_invoice_id = %lld AND total = 1250 AND reason = 'Two licences returned on day one'"
	    " AND locked = 1 AND number LIKE 'CN-2026-%%'", (long long)id), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.credit_note'"), 1);
	cn = testlib_str(DB, "SELECT number FROM invoices WHERE credits_invoice_id = %lld", (long long)id);
	assert_true(status_has(f, UI_ST_OK, cn));
	assert_true(status_has(f, UI_ST_OK, number));

	/* the credit note is the newest now: it cannot be credited, and says what it credits */
	ui_feed(&f->ui, 'c');
	assert_string_equal(tui_top_name(f), "invoices");
	assert_true(status_has(f, UI_ST_ERROR, "is a credit note"));
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "invoice");
	assert_true(tui_view_has(ui_top(&f->ui), "Credits invoice"));
	assert_true(tui_view_has(ui_top(&f->ui), "Two licences returned on day one"));
	assert_true(tui_view_has(ui_top(&f->ui), number));
	ui_feed(&f->ui, 'q');

	/* the invoice below it: a payment on it, then its lines show both */
	ui_feed(&f->ui, 'j');
	ui_feed(&f->ui, 'p');
	assert_non_null(form = ui_form_of(ui_top(&f->ui)));
	ui_form_set(form, 0, "10.00");
	ui_form_set(form, 4, "Bank ref 77");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "invoices");
	assert_int_equal(testlib_int(DB, "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE invoice_id = %lld",
	    (long long)id), paid + 1000);
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "invoice");
	assert_true(tui_view_has(ui_top(&f->ui), "Payments and credit notes"));
	assert_true(tui_view_has(ui_top(&f->ui), "credit note"));
	assert_true(tui_view_has(ui_top(&f->ui), "Two licences returned on day one"));
	assert_true(tui_view_has(ui_top(&f->ui), "Bank ref 77"));
	assert_true(tui_view_has(ui_top(&f->ui), "€10.00") || tui_view_has(ui_top(&f->ui), "10.00"));
	ui_feed(&f->ui, 'q');
	free(number);
	free(cn);
	tui_teardown(f);
}

/* what invoice_settlements gives equals the payments and credit notes in the tables */
static void
settlements_equal_sql(void **state)
{
	struct tui_fixture *f = tui_setup_on(DB, "admin", 0);
	struct invoice_settlement_list l;
	int64_t id, sum = 0;
	size_t i;

	(void)state;
	id = testlib_int(DB, "SELECT credits_invoice_id FROM invoices WHERE kind = 'credit_note' LIMIT 1");
	assert_true(id > 0);
	assert_int_equal(invoice_settlements(f->db, &f->a, 1, id, &l), CORE_OK);
	for (i = 0; i < l.n; i++) {
		assert_true(l.items[i].kind != INVOICE_SETTLEMENT_CREDITS);
		sum += l.items[i].amount;
	}
	assert_int_equal((int64_t)l.n, testlib_int(DB, "SELECT (SELECT COUNT(*) FROM payments WHERE invoice_id = %lld)"
	    " + (SELECT COUNT(*) FROM invoices WHERE credits_invoice_id = %lld)", (long long)id, (long long)id));
	assert_int_equal(sum, testlib_int(DB, "SELECT (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE invoice_id = %lld)"
	    " + (SELECT COALESCE(SUM(total), 0) FROM invoices WHERE credits_invoice_id = %lld)", (long long)id, (long long)id));
	invoice_settlement_list_free(&l);
	/* another distributor's view of it: nothing */
	f->a.distributor_id = 99;
	assert_int_equal(invoice_settlements(f->db, &f->a, 1, id, &l), CORE_NOTFOUND);
	invoice_settlement_list_free(&l);
	tui_teardown(f);
}

/* support reads the same and is refused the credit note; so is the reseller admin on its own tab */
static void
support_and_reseller_read_only(void **state)
{
	struct tui_fixture *f = tui_setup_on(DB, "support", 0);
	const struct ui_tab *tabs;
	int64_t cns = testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'");
	int n;

	(void)state;
	ui_push(&f->ui, screen_reseller_new(&f->ui, 1));
	ui_feed(&f->ui, 'i');
	assert_string_equal(tui_top_name(f), "invoices");
	assert_false(ui_offered(ui_top(&f->ui), UA_CHANGE));
	assert_false(ui_offered(ui_top(&f->ui), UA_ADD));
	ui_feed(&f->ui, 'j');			/* an invoice, not the credit note */
	ui_feed(&f->ui, 'c');
	assert_string_equal(tui_top_name(f), "invoices");
	assert_true(status_has(f, UI_ST_ERROR, "distributor admin"));
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "invoice");
	assert_true(tui_view_has(ui_top(&f->ui), "Payments and credit notes"));
	assert_true(tui_view_has(ui_top(&f->ui), "Two licences returned on day one"));
	tui_teardown(f);

	f = tui_setup_on(DB, "demo-admin", 0);
	n = tui_tabs(&f->a, &tabs);
	tui_setup(&f->ui, tabs, n);
	ui_goto_tab(&f->ui, 7);
	assert_string_equal(tui_top_name(f), "invoices");
	assert_false(ui_offered(ui_top(&f->ui), UA_CHANGE));
	ui_feed(&f->ui, 'j');
	ui_feed(&f->ui, 'c');
	assert_string_equal(tui_top_name(f), "invoices");
	assert_true(status_has(f, UI_ST_ERROR, "distributor admin"));
	ui_feed(&f->ui, UI_ENTER);
	assert_true(tui_view_has(ui_top(&f->ui), "Two licences returned on day one"));
	tui_teardown(f);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE kind = 'credit_note'"), cns);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(distributor_issues_a_credit_note),
		cmocka_unit_test(settlements_equal_sql),
		cmocka_unit_test(support_and_reseller_read_only),
	};

	return tui_test_main("tui_invoices", tests, TESTLIB_LEN(tests));
}
