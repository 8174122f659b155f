/*
 * test_tui_contacts.c - a customer's contact persons (core/custcontact.h)
 * through the reseller admin's screens without a terminal: the customer
 * screen lists them, `c` opens the list, `n` invites one (its e-mail
 * queued in the outbox, the same address again refused), `d` disables
 * one; another reseller's admin and support change nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "custcontact.h"
#include "screens.h"
#include "testlib_tui.h"

#define DB "shelf_tui_cc"

#define QUEUED(email) testlib_int(DB, "SELECT COUNT(*) FROM outbox WHERE kind = 'email' AND status = 'pending'" \
	" AND JSON_VALUE(payload, '$.template') = 'customer_contact_invite' AND JSON_VALUE(payload, '$.to') = '" email "'")

static void
invite_and_disable(void **state)
{
	struct tui_fixture *f = tui_setup_on(DB, "demo-admin", 1);
	struct ui_form *form;
	struct screen *s;

	(void)state;
	ui_push(&f->ui, s = screen_customer_new(&f->ui, 1));
	assert_true(tui_view_has(s, "Contacts (0)"));
	ui_feed(&f->ui, 'c');
	assert_string_equal(tui_top_name(f), "contacts");
	assert_int_equal(ui_screen_list(ui_top(&f->ui))->total, 0);
	ui_feed(&f->ui, 'n');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	tui_type(&f->ui, "Bea Billing\tbea@acme-logistics.example\t+31 10 555 2001\t");
	ui_feed(&f->ui, UK(KEY_RIGHT));
	assert_string_equal(ui_form_value(form, 3), "billing");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "contacts");
	assert_non_null(strstr(f->ui.status, "queued"));
	assert_null(strstr(f->ui.status, "sent"));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customer_contacts WHERE reseller_id = 1 AND customer_id = 1"
	    " AND email = 'bea@acme-logistics.example' AND role = 'billing' AND status = 'active'"
	    " AND phone = '+31 10 555 2001'"), 1);
	assert_int_equal(QUEUED("bea@acme-logistics.example"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'contact.invite'"
	    " AND actor_name = 'demo-admin'"), 1);
	assert_int_equal(ui_screen_list(ui_top(&f->ui))->total, 1);
	/* the same address again, in capitals: refused in the form, nothing made or queued */
	ui_feed(&f->ui, 'n');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	tui_type(&f->ui, "Bea Again\tBEA@acme-logistics.example");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_non_null(ui_form_of(ui_top(&f->ui)));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customer_contacts WHERE customer_id = 1"), 1);
	assert_int_equal(QUEUED("bea@acme-logistics.example"), 1);
	ui_feed(&f->ui, UI_ESC);
	assert_string_equal(tui_top_name(f), "contacts");
	/* disable it: asks first */
	ui_feed(&f->ui, 'd');
	assert_string_equal(tui_top_name(f), "confirm");
	assert_int_equal(testlib_int(DB, "SELECT status = 'active' FROM customer_contacts WHERE customer_id = 1"), 1);
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT status = 'disabled' AND disabled_at IS NOT NULL FROM customer_contacts"
	    " WHERE customer_id = 1"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'contact.disable'"), 1);
	/* the filter: active ones, none now */
	ui_feed(&f->ui, 'f');
	assert_int_equal(ui_screen_list(ui_top(&f->ui))->total, 0);
	ui_feed(&f->ui, 'q');
	ui_feed(&f->ui, 'r');
	assert_true(tui_view_has(ui_top(&f->ui), "Contacts (1)"));
	assert_true(tui_view_has(ui_top(&f->ui), "disabled"));
	tui_teardown(f);
}

static void
another_reseller_and_support_change_nothing(void **state)
{
	struct tui_fixture *f = tui_setup_on(DB, "brightpath-admin", 0);
	struct custcontact_input in = { "Mallory", "mallory@evil.example", NULL, CUSTCONTACT_PRIMARY };
	struct custcontact_list l;
	char why[CORE_WHY];
	int64_t id = testlib_int(DB, "SELECT MIN(id) FROM customer_contacts WHERE customer_id = 1");
	int64_t before = testlib_int(DB, "SELECT COUNT(*) FROM customer_contacts");

	(void)state;
	ui_push(&f->ui, screen_contacts_new(&f->ui, 1, "Acme"));
	assert_int_equal(ui_screen_list(ui_top(&f->ui))->total, 0);
	ui_feed(&f->ui, 'n');
	tui_type(&f->ui, "Mallory\tmallory@evil.example");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customer_contacts"), before);
	assert_int_equal(custcontact_list(f->db, &f->a, 1, 1, NULL, &l), CORE_NOTFOUND);
	custcontact_list_free(&l);
	assert_int_equal(custcontact_invite(f->db, &f->a, 1, &in, NULL, why), CORE_NOTFOUND);
	assert_int_equal(custcontact_disable(f->db, &f->a, 1, id, why), CORE_NOTFOUND);
	tui_teardown(f);

	f = tui_setup_on(DB, "support", 0);
	assert_int_equal(custcontact_list(f->db, &f->a, 1, 1, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	custcontact_list_free(&l);
	assert_int_equal(custcontact_invite(f->db, &f->a, 1, &in, NULL, why), CORE_FORBIDDEN);
	assert_int_equal(custcontact_disable(f->db, &f->a, 1, id, why), CORE_FORBIDDEN);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customer_contacts"), before);
	tui_teardown(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(invite_and_disable),
		cmocka_unit_test(another_reseller_and_support_change_nothing),
	};

	return tui_test_main("tui_contacts", tests, TESTLIB_LEN(tests));
}
