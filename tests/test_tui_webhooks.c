/*
 * test_tui_webhooks.c - the Webhooks screen (tui/screen_webhooks.c), as
 * the demo reseller's admin, its staff and another reseller's admin, on
 * the demo data: reached with `w` from the API tab; register (the secret
 * shown once, stored as shown), edit the events, disable and enable,
 * rotate (asks first), the delivery log, delete (asks first); staff see
 * the list and are refused changes; another reseller sees none of it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "webhook.h"
#include "testlib_tui.h"

#define DB "shelf_tui_webhooks"

static void
admin_manages_endpoints(void **state)
{
	struct tui_fixture *f = tui_setup_on(DB, "demo-admin", 1);
	struct ui_list *l;
	struct screen *s;
	const char *msg, *p;
	char secret[WEBHOOK_SECRET_SZ];
	char *v;
	int64_t id;

	(void)state;
	ui_push(&f->ui, screen_apiclients_new(&f->ui));
	ui_feed(&f->ui, 'w');
	assert_string_equal(tui_top_name(f), "webhooks");
	s = ui_top(&f->ui);
	l = ui_screen_list(s);
	assert_int_equal(l->total, 0);

	/* n: a plain http URL is refused in the form, nothing stored */
	ui_feed(&f->ui, 'n');
	assert_string_equal(tui_top_name(f), "form");
	tui_type(&f->ui, "http://erp.example.com/hooks\n");
	ui_feed(&f->ui, UI_CTRL('s'));
	assert_string_equal(tui_top_name(f), "form");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM webhook_endpoints"), 0);
	ui_feed(&f->ui, 27);	/* Esc */

	/* n: https, described, order.status_changed left out */
	ui_feed(&f->ui, 'n');
	tui_type(&f->ui, "https://erp.example.com/hooks\nERP\n\n");
	ui_feed(&f->ui, UK(KEY_RIGHT));		/* order.status_changed: yes -> no */
	ui_feed(&f->ui, UI_CTRL('s'));
	assert_string_equal(tui_top_name(f), "notice");
	msg = ui_dialog_message(ui_top(&f->ui));
	assert_non_null(p = strstr(msg, "whsec_"));
	snprintf(secret, sizeof(secret), "%.38s", p);
	id = testlib_int(DB, "SELECT id FROM webhook_endpoints WHERE url = 'https://erp.example.com/hooks'");
	assert_true(id > 0);
	v = testlib_str(DB, "SELECT CONCAT(reseller_id, ' ', description, ' ', events, ' ', secret) FROM webhook_endpoints"
	    " WHERE id = %lld", (long long)id);
	{
		char want[300];

		snprintf(want, sizeof(want), "1 ERP order.created,subscription.changed,invoice.issued,customer.created %s",
		    secret);
		assert_string_equal(v, want);
	}
	free(v);
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "webhooks");
	ui_feed(&f->ui, 'r');
	assert_int_equal(l->total, 1);

	/* e: every event now */
	ui_feed(&f->ui, 'e');
	assert_string_equal(tui_top_name(f), "form");
	assert_string_equal(ui_form_value(ui_form_of(ui_top(&f->ui)), 0), "https://erp.example.com/hooks");
	assert_string_equal(ui_form_value(ui_form_of(ui_top(&f->ui)), 3), "no");
	tui_type(&f->ui, "\n\n\n");
	ui_feed(&f->ui, UK(KEY_LEFT));		/* order.status_changed: no -> yes */
	ui_feed(&f->ui, UI_CTRL('s'));
	assert_string_equal(tui_top_name(f), "webhooks");
	assert_int_equal(testlib_int(DB, "SELECT events + 0 FROM webhook_endpoints WHERE id = %lld", (long long)id),
	    WEBHOOK_EV_ALL);

	/* t: off, then on again with its failures cleared */
	testlib_sql(DB, "UPDATE webhook_endpoints SET failures = 5 WHERE id = %lld", (long long)id);
	ui_feed(&f->ui, 't');
	assert_int_equal(testlib_int(DB, "SELECT enabled FROM webhook_endpoints WHERE id = %lld", (long long)id), 0);
	ui_feed(&f->ui, 't');
	assert_int_equal(testlib_int(DB, "SELECT enabled * 10 + failures FROM webhook_endpoints WHERE id = %lld",
	    (long long)id), 10);

	/* k: rotate, asked first; the new secret shown once */
	ui_feed(&f->ui, 'k');
	ui_feed(&f->ui, 'n');
	v = testlib_str(DB, "SELECT secret FROM webhook_endpoints WHERE id = %lld", (long long)id);
	assert_string_equal(v, secret);
	free(v);
	ui_feed(&f->ui, 'k');
	ui_feed(&f->ui, 'y');
	assert_string_equal(tui_top_name(f), "notice");
	v = testlib_str(DB, "SELECT secret FROM webhook_endpoints WHERE id = %lld", (long long)id);
	assert_string_not_equal(v, secret);
	assert_non_null(strstr(ui_dialog_message(ui_top(&f->ui)), v));
	free(v);
	ui_feed(&f->ui, UI_ENTER);

	/* Enter: the delivery log */
	testlib_sql(DB, "INSERT INTO webhook_deliveries (endpoint_id, reseller_id, msg_id, event_type, attempt, http_status,"
	    " error, duration_ms) VALUES (%lld, 1, 'msg_0123456789abcdef0123456789abcdef', 'order.created', 1, 503,"
	    " 'HTTP 503', 41)", (long long)id);
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "webhook_log");
	assert_true(tui_view_has(ui_top(&f->ui), "msg_0123456789abcdef0123456789abcdef"));
	assert_true(tui_view_has(ui_top(&f->ui), "HTTP 503"));
	assert_true(tui_view_has(ui_top(&f->ui), "https://erp.example.com/hooks"));
	ui_feed(&f->ui, 'q');
	assert_string_equal(tui_top_name(f), "webhooks");

	/* d: delete, asked first */
	ui_feed(&f->ui, 'd');
	ui_feed(&f->ui, 'n');
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM webhook_endpoints"), 1);
	ui_feed(&f->ui, 'd');
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM webhook_endpoints"), 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM webhook_deliveries"), 0);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'webhook.%%'"), 6);
	tui_teardown(f);
}

static void
others_see_and_change_nothing(void **state)
{
	struct tui_fixture *f;
	struct ui_list *l;

	(void)state;
	testlib_sql(DB, "INSERT INTO webhook_endpoints (reseller_id, url, secret, events) VALUES"
	    " (1, 'https://erp.example.com/one', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'order.created')");
	/* another reseller's admin: an empty list */
	f = tui_setup_on(DB, "brightpath-admin", 0);
	ui_push(&f->ui, screen_webhooks_new(&f->ui));
	l = ui_screen_list(ui_top(&f->ui));
	assert_int_equal(l->total, 0);
	tui_teardown(f);
	/* support: sees every reseller's of its distributor, may not change them */
	f = tui_setup_on(DB, "support", 0);
	ui_push(&f->ui, screen_webhooks_new(&f->ui));
	l = ui_screen_list(ui_top(&f->ui));
	assert_int_equal(l->total, 1);
	ui_feed(&f->ui, 't');
	ui_feed(&f->ui, 'd');
	assert_string_equal(tui_top_name(f), "webhooks");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM webhook_endpoints WHERE enabled = 1"), 1);
	tui_teardown(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(admin_manages_endpoints),
		cmocka_unit_test(others_see_and_change_nothing),
	};

	return tui_test_main("tui_webhooks", tests, TESTLIB_LEN(tests));
}
