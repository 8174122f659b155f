/*
 * test_subscription.c - subscriptions against the real MariaDB: quantity
 * increase now / decrease at renewal, never below the Microsoft 365
 * assignments, cancel at term end, trials (one per product per customer,
 * request -> order -> trial subscription -> upgrade), renewals by the
 * system, and tenant confinement.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "fulfil.h"
#include "m365.h"
#include "order.h"
#include "subscription.h"
#include "testlib.h"

/* everything one renewal run changed */
#define RENEWALS(r) ((r).renewed + (r).ended + (r).expired)

static const char fixture_sql[] =
    TESTLIB_TWO_RESELLERS
    "INSERT INTO operators (id, login, display_name, role, distributor_id, reseller_id) VALUES"
    " (1, 'ra1', 'Admin One', 'reseller_admin', 1, 1), (2, 'ra2', 'Admin Two', 'reseller_admin', 1, 2);"
    "INSERT INTO customers (id, reseller_id, name, email, approval_required, active) VALUES"
    " (1, 1, 'Cust One', 'c1@example.com', 0, 1), (2, 1, 'Cust Two', 'c2@example.com', 1, 1),"
    " (4, 2, 'Cust Four', 'c4@example.com', 0, 1);"
    "INSERT INTO storefront_users (id, reseller_id, customer_id, email, name, password_hash, role) VALUES"
    " (1, 1, 1, 'u1@example.com', 'User One', 'x', 'owner'), (2, 1, 2, 'u2@example.com', 'User Two', 'x', 'member'),"
    " (4, 2, 4, 'u4@example.com', 'User Four', 'x', 'owner');"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,"
    " currency, trial_days, max_quantity) VALUES"
    " (1, 1, 'M365BS', 'Microsoft 365 Business Standard', 'm365-bs', 'Microsoft', 'license', 'monthly', 1037, 'EUR', 30, 300),"
    " (2, 1, 'ACR', 'Acronis Cyber Protect', 'acronis', 'Acronis', 'license', 'annual', 8999, 'EUR', NULL, NULL),"
    " (4, 1, 'AZ', 'Azure plan', 'azure', 'Microsoft', 'usage', 'monthly', 0, 'EUR', NULL, NULL),"
    " (5, 1, 'UNL', 'Unlisted thing', 'unlisted', 'X', 'license', 'monthly', 100, 'EUR', 14, NULL);"
    "INSERT INTO listings (reseller_id, product_id, listed, markup_bp) VALUES"
    " (1, 1, 1, 1250), (1, 2, 1, 333), (1, 4, 1, 1500), (1, 5, 0, 1000), (2, 1, 1, 2000);"
    "INSERT INTO m365_users (id, reseller_id, customer_id, upn, display_name) VALUES"
    " (1, 1, 1, 'a@one.example', 'A'), (2, 1, 1, 'b@one.example', 'B'), (3, 1, 1, 'c@one.example', 'C')";

/* buy - order, provision and complete one line; the new subscription's id */
static int64_t
buy(struct db *db, const char *dbn, const struct actor *u, int64_t product, int32_t qty)
{
	struct order_line_input line = { product, qty, 0 };
	struct actor sys;
	char why[CORE_WHY] = "";
	int64_t id;

	actor_system(&sys, 1);
	id = testlib_place(db, u, &line, 1);
	assert_int_equal(order_advance(db, &sys, id, ORDER_EV_START_PROVISIONING, why), CORE_OK);
	assert_int_equal(order_advance(db, &sys, id, ORDER_EV_COMPLETE, why), CORE_OK);
	return testlib_int(dbn, "SELECT s.id FROM subscriptions s JOIN order_lines ol ON ol.id = s.order_line_id"
	    " WHERE ol.order_id = %lld", (long long)id);
}

static void
quantity_increase_now_decrease_at_renewal(void **state)
{
	const char *dbn = "shelf_sub_qty";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_member(1, 1, 1);
	struct subscription s;
	char why[CORE_WHY] = "", *t;
	int64_t id, audits;
	json_t *j;

	(void)state;
	id = buy(db, dbn, &u1, 1, 10);

	assert_int_equal(subscription_change_quantity(db, &u1, id, 15, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT quantity FROM subscriptions WHERE id = %lld AND pending_quantity IS NULL",
	    (long long)id), 15);

	assert_int_equal(subscription_change_quantity(db, &u1, id, 12, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT quantity FROM subscriptions WHERE id = %lld", (long long)id), 15);
	assert_int_equal(testlib_int(dbn, "SELECT pending_quantity FROM subscriptions WHERE id = %lld", (long long)id), 12);
	assert_int_equal(subscription_get(db, &u1, id, &s), CORE_OK);
	assert_int_equal(s.quantity, 15);
	assert_int_equal(s.pending_quantity, 12);
	t = testlib_str(dbn, "SELECT renewal_date FROM subscriptions WHERE id = %lld", (long long)id);
	assert_string_equal(s.renewal_date, t);
	free(t);
	assert_string_equal(s.order_number, "SO-000001");
	j = subscription_to_json(&s);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "has_pending")));
	assert_true(json_is_true(json_object_get(j, "can_change_quantity")));
	assert_true(json_is_true(json_object_get(j, "is_m365")));
	json_decref(j);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action = 'subscription.change_quantity'"
	    " AND entity_id = %lld", (long long)id), 2);

	/* never below the licences assigned: 3 users hold one */
	testlib_sql(dbn, "INSERT INTO m365_assignments (m365_user_id, subscription_id) VALUES (1, %lld), (2, %lld), (3, %lld)",
	    (long long)id, (long long)id, (long long)id);
	audits = testlib_int(dbn, "SELECT COUNT(*) FROM audit_log");
	assert_int_equal(subscription_change_quantity(db, &u1, id, 2, why), CORE_CONFLICT);
	assert_string_equal(why, "3 licences of Microsoft 365 Business Standard are assigned to users;"
	    " unassign some before reducing to 2.");
	assert_int_equal(testlib_int(dbn, "SELECT pending_quantity FROM subscriptions WHERE id = %lld", (long long)id), 12);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(subscription_change_quantity(db, &u1, id, 3, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT pending_quantity FROM subscriptions WHERE id = %lld", (long long)id), 3);
	/* back to the current quantity drops the scheduled decrease */
	assert_int_equal(subscription_change_quantity(db, &u1, id, 15, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT pending_quantity IS NULL FROM subscriptions WHERE id = %lld", (long long)id), 1);
	/* bounds: 1..10000 and the product's maximum (300) */
	assert_int_equal(subscription_change_quantity(db, &u1, id, 0, why), CORE_INVALID);
	assert_int_equal(subscription_change_quantity(db, &u1, id, 301, why), CORE_INVALID);
	/* only active subscriptions */
	testlib_sql(dbn, "UPDATE subscriptions SET status = 'suspended' WHERE id = %lld", (long long)id);
	assert_int_equal(subscription_change_quantity(db, &u1, id, 20, why), CORE_CONFLICT);
	assert_int_equal(testlib_int(dbn, "SELECT quantity FROM subscriptions WHERE id = %lld", (long long)id), 15);
	db_close(db);
}

static void
cancel_at_term_end_then_renewals(void **state)
{
	const char *dbn = "shelf_sub_renew";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_member(1, 1, 1), sys;
	char why[CORE_WHY] = "", *today, *t;
	struct subscription_renewals rn;
	int64_t a, b, c;

	(void)state;
	actor_system(&sys, 1);
	a = buy(db, dbn, &u1, 1, 10);	/* decrease to 4 with 5 assigned: becomes 5 */
	b = buy(db, dbn, &u1, 2, 3);	/* cancelled at term end */
	c = buy(db, dbn, &u1, 1, 8);	/* decrease to 6 */

	assert_int_equal(subscription_cancel_at_term_end(db, &u1, b, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT cancel_at_term_end FROM subscriptions WHERE id = %lld", (long long)b), 1);
	assert_int_equal(subscription_cancel_at_term_end(db, &u1, b, why), CORE_CONFLICT);
	assert_true(strstr(why, "already set to end") != NULL);
	/* an ending subscription keeps its quantity: no change, up or down, and a sentence saying why */
	assert_int_equal(subscription_change_quantity(db, &u1, b, 5, why), CORE_CONFLICT);
	assert_non_null(strstr(why, "is cancelled and ends on "));
	assert_int_equal(subscription_change_quantity(db, &u1, b, 1, why), CORE_CONFLICT);
	assert_int_equal(testlib_int(dbn, "SELECT quantity * 100000 + COALESCE(pending_quantity, 0) FROM subscriptions"
	    " WHERE id = %lld", (long long)b), 300000);
	assert_int_equal(subscription_change_quantity(db, &u1, c, 6, why), CORE_OK);
	assert_int_equal(subscription_change_quantity(db, &u1, a, 4, why), CORE_OK);
	testlib_sql(dbn, "INSERT INTO m365_users (id, reseller_id, customer_id, upn, display_name) VALUES"
	    " (4, 1, 1, 'd@one.example', 'D'), (5, 1, 1, 'e@one.example', 'E');"
	    "INSERT INTO m365_assignments (m365_user_id, subscription_id) SELECT id, %lld FROM m365_users",
	    (long long)a);

	/* nothing is due today */
	today = testlib_str(dbn, "SELECT UTC_DATE()");
	assert_int_equal(subscription_renew_due(db, &sys, today, &rn), CORE_OK);
	assert_int_equal(RENEWALS(rn), 0);

	/* move the terms back: a started 2024-01-31 and renews 2024-02-29 (anchored: next 2024-03-31) */
	testlib_sql(dbn, "UPDATE subscriptions SET start_date = '2024-01-31', renewal_date = '2024-02-29' WHERE id IN (%lld, %lld);"
	    "UPDATE subscriptions SET start_date = '2023-02-10', renewal_date = '2024-02-10' WHERE id = %lld",
	    (long long)a, (long long)c, (long long)b);
	/* only the system renews */
	assert_int_equal(subscription_renew_due(db, &u1, "2024-03-01", &rn), CORE_FORBIDDEN);
	assert_int_equal(subscription_renew_due(db, &sys, "2024-03-01", &rn), CORE_OK);
	assert_int_equal(RENEWALS(rn), 3);
	assert_int_equal(rn.renewed * 100 + rn.decreased * 10 + rn.ended, 221);
	/* the vendor hears of both decreases and of the end of term, in the transaction of each */
	assert_int_equal(testlib_int(dbn, "SELECT SUM(action = 'quantity' AND subscription_id = %lld AND quantity = 5) * 100"
	    " + SUM(action = 'quantity' AND subscription_id = %lld AND quantity = 6) * 10"
	    " + SUM(action = 'cancel' AND subscription_id = %lld) FROM fulfilments",
	    (long long)a, (long long)c, (long long)b), 111);	/* each once, at the renewal: not when asked */
	testlib_str_is(dbn, "active/6/-", "SELECT CONCAT(status, '/', quantity, '/', COALESCE(pending_quantity, '-'))"
	    " FROM subscriptions WHERE id = %lld", (long long)c);
	testlib_str_is(dbn, "active/5/-", "SELECT CONCAT(status, '/', quantity, '/', COALESCE(pending_quantity, '-'))"
	    " FROM subscriptions WHERE id = %lld", (long long)a);	/* 4 asked, 5 assigned: never below the assignments */
	testlib_str_is(dbn, "cancelled", "SELECT status FROM subscriptions WHERE id = %lld", (long long)b);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE actor_kind = 'system'"
	    " AND action IN ('subscription.renew', 'subscription.end_term')"), 3);
	/* a second run the same day changes nothing */
	assert_int_equal(subscription_renew_due(db, &sys, "2024-03-01", &rn), CORE_OK);
	assert_int_equal(RENEWALS(rn), 0);
	/* far behind: renewed period by period until the renewal date is in the future */
	assert_int_equal(subscription_renew_due(db, &sys, "2024-06-15", &rn), CORE_OK);
	assert_int_equal(RENEWALS(rn), 6);
	assert_int_equal(rn.decreased, 0);	/* a and c: Mar 31, Apr 30, May 31 */
	t = testlib_str(dbn, "SELECT renewal_date FROM subscriptions WHERE id = %lld", (long long)c);
	assert_string_equal(t, "2024-06-30");
	free(t);
	assert_int_equal(subscription_renew_due(db, &sys, "2024-13-01x", &rn), CORE_INVALID);
	free(today);
	db_close(db);
}

static void
one_trial_per_product_then_upgrade(void **state)
{
	const char *dbn = "shelf_sub_trial";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_member(1, 1, 1), u2 = testlib_member(2, 1, 2), sys;
	struct subscription s;
	char why[CORE_WHY] = "";
	int64_t order = 0, again = 0, sub;

	(void)state;
	actor_system(&sys, 1);
	assert_int_equal(subscription_request_trial(db, &u1, 1, &order, why), CORE_OK);
	assert_true(order > 0);
	/* one trial line carrying the conversion prices; nothing charged now */
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM order_lines WHERE order_id = %lld AND is_trial = 1"
	    " AND product_id = 1 AND quantity = 1 AND unit_price = 1167", (long long)order), 1);
	assert_int_equal(testlib_int(dbn, "SELECT total_price + total_cost FROM orders WHERE id = %lld", (long long)order), 0);
	testlib_str_is(dbn, "approved", "SELECT status FROM orders WHERE id = %lld", (long long)order);

	/* the second request for the same product is refused, nothing written */
	assert_int_equal(subscription_request_trial(db, &u1, 1, &again, why), CORE_CONFLICT);
	assert_string_equal(why, "You have already had a trial or subscription of Microsoft 365 Business Standard.");
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM orders"), 1);
	/* products without a trial, unlisted ones */
	assert_int_equal(subscription_request_trial(db, &u1, 2, &again, why), CORE_INVALID);
	assert_string_equal(why, "Acronis Cyber Protect has no free trial.");
	assert_int_equal(subscription_request_trial(db, &u1, 5, &again, why), CORE_NOTFOUND);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM orders"), 1);
	/* a customer that needs approval: the trial order waits; a rejected request may be asked again */
	assert_int_equal(subscription_request_trial(db, &u2, 1, &again, why), CORE_OK);
	testlib_str_is(dbn, "pending_approval", "SELECT status FROM orders WHERE id = %lld", (long long)again);
	{
		struct actor ra1 = testlib_admin(1, 1);
		assert_int_equal(order_reject(db, &ra1, again, "Not now", why), CORE_OK);
		assert_int_equal(subscription_request_trial(db, &u2, 1, &again, why), CORE_OK);
		assert_int_equal(subscription_request_trial(db, &u2, 1, &again, why), CORE_CONFLICT);
	}

	/* provisioning makes a trial subscription ending after the product's 30 days */
	assert_int_equal(order_advance(db, &sys, order, ORDER_EV_START_PROVISIONING, why), CORE_OK);
	assert_int_equal(order_advance(db, &sys, order, ORDER_EV_COMPLETE, why), CORE_OK);
	sub = testlib_int(dbn, "SELECT id FROM subscriptions WHERE customer_id = 1 AND product_id = 1");
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM subscriptions WHERE id = %lld AND status = 'trial'"
	    " AND trial_ends_on = UTC_DATE() + INTERVAL 30 DAY AND unit_price = 1167", (long long)sub), 1);
	assert_int_equal(subscription_get(db, &u1, sub, &s), CORE_OK);
	assert_int_equal(s.status, SUB_TRIAL);
	assert_true(s.trial_ends_on[0] != '\0');
	/* a trial has no quantity to change; it converts */
	assert_int_equal(subscription_change_quantity(db, &u1, sub, 5, why), CORE_CONFLICT);
	assert_int_equal(subscription_upgrade_trial(db, &u1, sub, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM subscriptions WHERE id = %lld AND status = 'active'"
	    " AND trial_ends_on IS NULL AND start_date = UTC_DATE() AND renewal_date = UTC_DATE() + INTERVAL 1 MONTH",
	    (long long)sub), 1);
	assert_int_equal(subscription_upgrade_trial(db, &u1, sub, why), CORE_CONFLICT);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action = 'subscription.upgrade_trial'"), 1);

	/* a trial that runs out expires at the system's renewal run */
	testlib_sql(dbn, "UPDATE subscriptions SET status = 'trial', trial_ends_on = '2024-01-05', start_date = '2023-12-06',"
	    " renewal_date = '2024-01-05' WHERE id = %lld", (long long)sub);
	{
		struct subscription_renewals rn;

		assert_int_equal(subscription_renew_due(db, &sys, "2024-01-05", &rn), CORE_OK);
		assert_int_equal(rn.expired, 1);
		assert_int_equal(RENEWALS(rn), 1);
	}
	testlib_str_is(dbn, "expired", "SELECT status FROM subscriptions WHERE id = %lld", (long long)sub);
	db_close(db);
}

static void
confined_to_the_customer(void **state)
{
	const char *dbn = "shelf_sub_confine";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_member(1, 1, 1), u2 = testlib_member(2, 1, 2), u4 = testlib_member(4, 2, 4);
	struct actor ra1 = testlib_admin(1, 1), ra2 = testlib_admin(2, 2);
	struct subscription_filter f = { -1, 0, NULL, NULL, SUB_SORT_PRODUCT };
	struct subscription_list l;
	struct subscription s;
	char why[CORE_WHY];
	int64_t mine, theirs;

	(void)state;
	mine = buy(db, dbn, &u1, 1, 10);
	buy(db, dbn, &u1, 2, 1);
	theirs = buy(db, dbn, &u4, 1, 3);

	assert_int_equal(subscription_get(db, &u2, mine, &s), CORE_NOTFOUND);
	assert_int_equal(subscription_get(db, &u4, mine, &s), CORE_NOTFOUND);
	assert_int_equal(subscription_get(db, &ra2, mine, &s), CORE_NOTFOUND);
	assert_int_equal(subscription_get(db, &ra1, mine, &s), CORE_OK);
	assert_int_equal(subscription_get(db, &u1, theirs, &s), CORE_NOTFOUND);
	assert_int_equal(subscription_change_quantity(db, &u2, mine, 20, why), CORE_NOTFOUND);
	assert_int_equal(subscription_change_quantity(db, &u4, mine, 20, why), CORE_NOTFOUND);
	assert_int_equal(subscription_cancel_at_term_end(db, &u4, mine, why), CORE_NOTFOUND);
	assert_int_equal(subscription_upgrade_trial(db, &u2, mine, why), CORE_NOTFOUND);
	/* admins do not change a customer's subscriptions */
	assert_int_equal(subscription_change_quantity(db, &ra1, mine, 20, why), CORE_FORBIDDEN);
	assert_int_equal(testlib_int(dbn, "SELECT quantity FROM subscriptions WHERE id = %lld", (long long)mine), 10);

	assert_int_equal(subscription_list(db, &u1, NULL, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 2);
	assert_string_equal(l.items[0].product_name, "Acronis Cyber Protect");	/* by product name */
	subscription_list_free(&l);
	assert_int_equal(subscription_list(db, &u2, NULL, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 0);
	subscription_list_free(&l);
	f.search = "365";
	assert_int_equal(subscription_list(db, &ra1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, mine);
	subscription_list_free(&l);
	f.search = NULL;
	f.product_type = "license";
	f.status = SUB_ACTIVE;
	assert_int_equal(subscription_list(db, &ra2, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, theirs);
	subscription_list_free(&l);
	db_close(db);
}

/* Every change is told to the vendor through the product's connector, and reads pending until it is confirmed. */
static void
changes_are_told_to_the_vendor(void **state)
{
	const char *dbn = "shelf_sub_vendor";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_member(1, 1, 1);
	struct subscription s;
	char why[CORE_WHY] = "";
	int64_t http, manual, tasks;
	json_t *j;

	(void)state;
	testlib_sql(dbn, "UPDATE products SET connector = 'http' WHERE id = 1");
	http = buy(db, dbn, &u1, 1, 10);
	manual = buy(db, dbn, &u1, 2, 5);
	assert_int_equal(subscription_get(db, &u1, http, &s), CORE_OK);
	assert_int_equal(s.vendor, SUB_VENDOR_SYNCED);

	/* a quantity change: our records at once, a task for the worker, pending until it is done */
	assert_int_equal(subscription_change_quantity(db, &u1, http, 15, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments WHERE subscription_id = %lld AND action = 'quantity'"
	    " AND connector = 'http' AND status = 'queued' AND quantity = 15 AND customer_id = 1 AND reseller_id = 1"
	    " AND product_id = 1 AND order_line_id IS NULL", (long long)http), 1);
	assert_int_equal(subscription_get(db, &u1, http, &s), CORE_OK);
	assert_int_equal(s.quantity, 15);
	assert_int_equal(s.vendor, SUB_VENDOR_PENDING);
	j = subscription_to_json(&s);
	assert_true(json_is_true(json_object_get(j, "vendor_pending")));
	assert_true(json_is_false(json_object_get(j, "vendor_failed")));
	json_decref(j);
	testlib_sql(dbn, "UPDATE fulfilments SET status = 'done', done_at = NOW() WHERE subscription_id = %lld", (long long)http);
	assert_int_equal(subscription_get(db, &u1, http, &s), CORE_OK);
	assert_int_equal(s.vendor, SUB_VENDOR_SYNCED);

	/* a decrease and a cancellation take effect at the end of the term: the vendor is told then, not now */
	tasks = testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments");
	assert_int_equal(subscription_change_quantity(db, &u1, http, 12, why), CORE_OK);
	assert_int_equal(subscription_cancel_at_term_end(db, &u1, http, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments"), tasks);
	/* the vendor refuses the last change it was told */
	testlib_sql(dbn, "UPDATE fulfilments SET status = 'failed', done_at = NOW(), error = 'Term is locked'"
	    " WHERE subscription_id = %lld", (long long)http);
	assert_int_equal(subscription_get(db, &u1, http, &s), CORE_OK);
	assert_int_equal(s.vendor, SUB_VENDOR_FAILED);
	assert_string_equal(s.vendor_error, "Term is locked");
	j = subscription_to_json(&s);
	assert_true(json_is_true(json_object_get(j, "vendor_failed")));
	assert_string_equal(json_string_value(json_object_get(j, "vendor_error")), "Term is locked");
	json_decref(j);

	/* a licence assignment names the user */
	assert_int_equal(m365_assign(db, &u1, 2, http, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments WHERE subscription_id = %lld AND action = 'assign'"
	    " AND m365_user_id = 2 AND status = 'queued'", (long long)http), 1);
	assert_int_equal(m365_unassign(db, &u1, 2, http, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments WHERE subscription_id = %lld AND action = 'unassign'"
	    " AND m365_user_id = 2", (long long)http), 1);

	/* a manual product's change waits in the operator's queue; a keys product has no vendor to tell */
	assert_int_equal(subscription_change_quantity(db, &u1, manual, 7, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments WHERE subscription_id = %lld AND status = 'waiting'"
	    " AND connector = 'manual'", (long long)manual), 1);
	testlib_sql(dbn, "UPDATE products SET connector = 'keys' WHERE id = 2");
	tasks = testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments");
	assert_int_equal(subscription_change_quantity(db, &u1, manual, 8, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments"), tasks);

	/* a refused change writes no task; arguments that do not fit the action are refused */
	testlib_sql(dbn, "UPDATE products SET connector = 'http' WHERE id = 2");
	assert_int_equal(subscription_change_quantity(db, &u1, manual, 0, why), CORE_INVALID);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments"), tasks);
	assert_int_equal(fulfil_change(db, manual, FULFIL_PROVISION, 1, 0), CORE_INVALID);
	assert_int_equal(fulfil_change(db, manual, FULFIL_QUANTITY, 0, 0), CORE_INVALID);
	assert_int_equal(fulfil_change(db, manual, FULFIL_ASSIGN, 0, 0), CORE_INVALID);
	assert_int_equal(fulfil_change(db, manual, FULFIL_CANCEL, 3, 0), CORE_INVALID);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM fulfilments"), tasks);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quantity_increase_now_decrease_at_renewal),
		cmocka_unit_test(cancel_at_term_end_then_renewals),
		cmocka_unit_test(one_trial_per_product_then_upgrade),
		cmocka_unit_test(confined_to_the_customer),
		cmocka_unit_test(changes_are_told_to_the_vendor),
	};

	return testlib_result(cmocka_run_group_tests_name("subscription", tests, NULL, NULL));
}
