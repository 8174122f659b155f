/*
 * test_tui_reseller_customers.c - the reseller admin's screens without a
 * terminal (as test_tui_reseller.c): customers and the approval flag,
 * storefront users with a one-time password, the country type-ahead,
 * order actions and the approval queue, messages, API credentials; and a
 * reseller admin never seeing or changing another reseller's data,
 * through core and through the screens.
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
#include "subscription.h"
#include "user.h"
#include "testlib_tui.h"

#define DB "shelf_tui_rc"

static struct tui_fixture *
setup_as(const char *login)
{
	return tui_setup_on(DB, login, 1);
}

/* ---- customers and their users -------------------------------------- */

static void
customers_approval_flag_and_users(void **state)
{
	struct tui_fixture *f = setup_as("demo-admin");
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
	tui_type(&f->ui, "/Acme\n");
	assert_int_equal(l->total, 1);
	ui_feed(&f->ui, 'A');
	assert_string_equal(tui_top_name(f), "confirm");
	assert_int_equal(testlib_int(DB, "SELECT approval_required FROM customers WHERE id = 1"), 0);
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT approval_required FROM customers WHERE id = 1"), 1);
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM audit_log WHERE action = 'customer.approval'"
	    " AND entity_id = 1 AND actor_name = 'demo-admin'"), 1);
	/* the detail: orders, subscriptions, assets, users */
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "customer");
	assert_true(tui_view_has(ui_top(&f->ui), "need approval"));
	assert_true(tui_view_has(ui_top(&f->ui), "Subscriptions ("));
	assert_true(tui_view_has(ui_top(&f->ui), "Assets ("));
	assert_true(tui_view_has(ui_top(&f->ui), "buyer@demo.example"));
	/* storefront users: create one with a one-time password, shown once */
	ui_feed(&f->ui, 'u');
	assert_string_equal(tui_top_name(f), "users");
	ui_feed(&f->ui, 'n');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	tui_type(&f->ui, "temp@acme-logistics.example\tTemp Worker\t\t");
	ui_feed(&f->ui, UK(KEY_RIGHT));
	assert_string_equal(ui_form_value(form, 3), "one-time password");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "notice");
	msg = ui_dialog_message(ui_top(&f->ui));
	assert_non_null(strstr(msg, "One-time password"));
	assert_int_equal(testlib_int(DB, "SELECT must_change_password FROM storefront_users WHERE reseller_id = 1"
	    " AND email = 'temp@acme-logistics.example'"), 1);
	/* the password is not stored as shown */
	v = testlib_str(DB, "SELECT password_hash FROM storefront_users WHERE email = 'temp@acme-logistics.example'");
	assert_null(strstr(msg, v));
	free(v);
	ui_feed(&f->ui, UI_ENTER);
	assert_string_equal(tui_top_name(f), "users");
	/* disable it (asks), then a reset e-mail for the owner */
	tui_type(&f->ui, "/temp\n");
	ui_feed(&f->ui, 'd');
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT active FROM storefront_users WHERE email = 'temp@acme-logistics.example'"), 0);
	ui_feed(&f->ui, '/');
	ui_feed(&f->ui, UI_CTRL('u'));			/* a new search */
	tui_type(&f->ui, "buyer\n");
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
	tui_type(&f->ui, "Tiny Test BV\tnot-an-email");
	assert_string_not_equal(form->msg[1], "");
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "office@tiny.example");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 1 AND name = 'Tiny Test BV'"), 1);
	tui_teardown(f);
}

/*
 * The country is looked up as you type, by name or code, and stored as
 * its ISO 3166-1 alpha-2 code: "Netherlands" in full is not cut to "Ne".
 */
static void
customer_country_type_ahead(void **state)
{
	struct tui_fixture *f = setup_as("demo-admin");
	struct ui_form *form;
	enum { COUNTRY = 5 };

	(void)state;
	ui_push(&f->ui, screen_customers_new(&f->ui));
	ui_feed(&f->ui, 'a');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	tui_type(&f->ui, "Dutch Test BV\toffice@dutch.example\t\t\t\t");
	assert_int_equal(form->cur, COUNTRY);
	tui_type(&f->ui, "Netherlands");
	assert_string_equal(ui_form_value(form, COUNTRY), "NL");
	assert_string_equal(form->msg[COUNTRY], "");
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "Net");
	assert_string_equal(ui_form_value(form, COUNTRY), "NL");
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "nl");
	assert_string_equal(ui_form_value(form, COUNTRY), "NL");
	/* several matches: Left/Right walks them */
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "Ger");
	assert_string_equal(ui_form_value(form, COUNTRY), "DE");
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "United");
	assert_string_equal(ui_form_value(form, COUNTRY), "AE");	/* United Arab Emirates first */
	ui_feed(&f->ui, UK(KEY_RIGHT));
	assert_string_equal(ui_form_value(form, COUNTRY), "GB");
	/* nothing matches: said in place, and core would refuse it too */
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "Atlantis");
	assert_string_not_equal(form->msg[COUNTRY], "");
	ui_feed(&f->ui, UI_CTRL('u'));
	tui_type(&f->ui, "Netherl");
	ui_feed(&f->ui, UK(KEY_F(2)));
	assert_string_equal(tui_top_name(f), "customers");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 1 AND name = 'Dutch Test BV'"
	    " AND country = 'NL'"), 1);
	/* editing shows the stored code's country */
	tui_type(&f->ui, "/Dutch\n");
	ui_feed(&f->ui, 'e');
	form = ui_form_of(ui_top(&f->ui));
	assert_non_null(form);
	assert_string_equal(ui_form_value(form, COUNTRY), "NL");
	tui_teardown(f);
}

/* ---- orders ---------------------------------------------------------- */

/*
 * The footer and the help offer Approve and Reject only where core's
 * order state table allows them: on a pending order, not an approved one.
 */
static void
order_actions_follow_the_state(void **state)
{
	struct tui_fixture *f = setup_as("demo-admin");
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
	assert_string_equal(tui_top_name(f), "order");
	assert_int_equal(f->ui.status_kind, UI_ST_ERROR);
	assert_non_null(strstr(f->ui.status, "approved"));
	ui_feed(&f->ui, 'q');
	/* the list: the row under the cursor decides */
	ui_push(&f->ui, screen_orders_new(&f->ui));
	ui_footer_text(ui_top(&f->ui), foot, sizeof(foot));
	assert_non_null(strstr(foot, "a Approve"));		/* the queue: pending orders */
	ui_feed(&f->ui, 'f');					/* all orders */
	tui_type(&f->ui, "/");
	{
		char *num = testlib_str(DB, "SELECT number FROM orders WHERE id = %lld", (long long)approved);

		tui_type(&f->ui, num);
		free(num);
	}
	ui_feed(&f->ui, UI_ENTER);
	assert_int_equal(ui_screen_list(ui_top(&f->ui))->total, 1);
	ui_footer_text(ui_top(&f->ui), foot, sizeof(foot));
	assert_null(strstr(foot, "Approve"));
	tui_teardown(f);
}

static void
approval_queue_approve_and_reject(void **state)
{
	struct tui_fixture *f = setup_as("demo-admin");
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
	assert_string_equal(tui_top_name(f), "order");
	assert_true(tui_view_has(ui_top(&f->ui), "Awaiting approval"));
	ui_feed(&f->ui, 'q');
	ui_feed(&f->ui, 'a');
	assert_string_equal(tui_top_name(f), "confirm");
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
	tui_type(&f->ui, "Please order the annual plan instead.\n");
	assert_string_equal(tui_top_name(f), "orders");
	assert_string_equal((v = testlib_str(DB, "SELECT CONCAT(status, ': ', reject_reason) FROM orders WHERE id = %lld",
	    (long long)second)), "rejected: Please order the annual plan instead.");
	free(v);
	assert_int_equal(l->total, 1);
	/* all orders */
	ui_feed(&f->ui, 'f');
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM orders WHERE reseller_id = 1"));
	tui_teardown(f);
}

/* ---- messages and API credentials ------------------------------------ */

static void
messages_and_api_credentials(void **state)
{
	struct tui_fixture *f = setup_as("demo-admin");
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
	assert_string_equal(tui_top_name(f), "message");
	assert_int_equal(testlib_int(DB, "SELECT COUNT(*) FROM contact_messages WHERE reseller_id = 1 AND read_at IS NULL"),
	    unread - 1);
	ui_feed(&f->ui, 'q');
	assert_int_equal(l->total, unread - 1);
	ui_pop(&f->ui);

	ui_push(&f->ui, s = screen_apiclients_new(&f->ui));
	l = ui_screen_list(s);
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM api_clients WHERE reseller_id = 1 AND revoked_at IS NULL"));
	ui_feed(&f->ui, 'n');
	/* the scopes: customers read only, invoices none, the rest read and write (the default) */
	tui_type(&f->ui, "Accounting sync\n");
	ui_feed(&f->ui, UK(KEY_RIGHT));		/* Customers: read and write -> read */
	tui_type(&f->ui, "\n\n\n");		/* Orders, Subscriptions, to Invoices */
	ui_feed(&f->ui, UK(KEY_RIGHT));		/* Invoices: read -> none */
	ui_feed(&f->ui, UI_CTRL('s'));
	assert_string_equal(tui_top_name(f), "notice");
	v = testlib_str(DB, "SELECT scopes FROM api_clients WHERE name = 'Accounting sync'");
	assert_string_equal(v, "customers:read,orders:read,orders:write,subscriptions:read,subscriptions:write,"
	    "products:read,products:write,webhooks:read,webhooks:write");
	free(v);
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
	assert_string_equal(tui_top_name(f), "apiclients");
	/* newest first: its scopes, shown as they are; orders taken away */
	ui_feed(&f->ui, 'e');
	assert_string_equal(tui_top_name(f), "form");
	assert_string_equal(ui_form_value(ui_form_of(ui_top(&f->ui)), 0), "read");
	assert_string_equal(ui_form_value(ui_form_of(ui_top(&f->ui)), 3), "none");
	ui_feed(&f->ui, '\n');
	ui_feed(&f->ui, UK(KEY_RIGHT));
	ui_feed(&f->ui, UK(KEY_RIGHT));		/* Orders: read and write -> none */
	ui_feed(&f->ui, UI_CTRL('s'));
	assert_string_equal(tui_top_name(f), "apiclients");
	v = testlib_str(DB, "SELECT scopes FROM api_clients WHERE name = 'Accounting sync'");
	assert_string_equal(v, "customers:read,subscriptions:read,subscriptions:write,products:read,products:write,"
	    "webhooks:read,webhooks:write");
	free(v);
	/* newest first: revoke it */
	ui_feed(&f->ui, 'd');
	ui_feed(&f->ui, 'y');
	assert_int_equal(testlib_int(DB, "SELECT revoked_at IS NOT NULL FROM api_clients WHERE name = 'Accounting sync'"), 1);
	tui_teardown(f);
}

/* ---- one reseller never reaches another's data ------------------------ */

static void
another_resellers_data_through_core(void **state)
{
	struct tui_fixture *f = setup_as("brightpath-admin");	/* reseller 2 */
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
	tui_teardown(f);
}

static void
another_resellers_data_through_the_screens(void **state)
{
	struct tui_fixture *f = setup_as("brightpath-admin");
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
	tui_dashboard_equals_sql(DB, 2, screen_dashboard_of(ui_top(&f->ui), NULL));
	/* the lists hold reseller 2's rows only */
	ui_goto_tab(&f->ui, 3);
	l = ui_screen_list(ui_top(&f->ui));
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM customers WHERE reseller_id = 2"));
	tui_type(&f->ui, "/Acme\n");
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
	ui_goto_tab(&f->ui, 7);
	l = ui_screen_list(ui_top(&f->ui));
	assert_int_equal(l->total, testlib_int(DB, "SELECT COUNT(*) FROM invoices WHERE reseller_id = 2"));
	/* a detail screen opened on reseller 1's ids shows nothing and changes nothing */
	ui_push(&f->ui, s = screen_customer_new(&f->ui, 1));
	assert_true(tui_view_has(s, "cannot be shown"));
	ui_feed(&f->ui, 'A');
	ui_feed(&f->ui, 'x');
	ui_feed(&f->ui, 'u');
	assert_string_equal(tui_top_name(f), "customer");
	ui_push(&f->ui, s = screen_order_new(&f->ui, demo_order));
	assert_true(tui_view_has(s, "cannot be shown"));
	ui_feed(&f->ui, 'a');
	assert_string_equal(tui_top_name(f), "order");
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
	tui_teardown(f);
}

static void
support_is_refused(void **state)
{
	struct tui_fixture *f = setup_as("support");

	(void)state;
	ui_push(&f->ui, screen_vendor_new(&f->ui));
	ui_feed(&f->ui, 'm');
	assert_string_equal(tui_top_name(f), "vendor");
	assert_non_null(strstr(f->ui.status, "read-only"));
	ui_pop(&f->ui);
	ui_push(&f->ui, screen_dashboard_new(&f->ui));
	assert_null(screen_dashboard_of(ui_top(&f->ui), NULL));
	tui_teardown(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(customers_approval_flag_and_users),
		cmocka_unit_test(customer_country_type_ahead),
		cmocka_unit_test(order_actions_follow_the_state),
		cmocka_unit_test(approval_queue_approve_and_reject),
		cmocka_unit_test(messages_and_api_credentials),
		cmocka_unit_test(another_resellers_data_through_core),
		cmocka_unit_test(another_resellers_data_through_the_screens),
		cmocka_unit_test(support_is_refused),
	};

	return tui_test_main("tui_reseller_customers", tests, TESTLIB_LEN(tests));
}
