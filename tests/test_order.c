/*
 * test_order.c - placing orders and their state machine against the real
 * MariaDB: captured prices and totals checked with independent SQL,
 * approval, idempotent form tokens (also racing on two connections),
 * refusals that write nothing, every (state, event) pair of the table,
 * completion into subscriptions and assets, and tenant confinement.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "money.h"
#include "order.h"
#include "testlib.h"

/*
 * Two resellers of one distributor.  Reseller 1: customers 1 (no
 * approval), 2 (approval required), 3 (inactive); reseller 2: customer 4.
 * Products: 1 licence monthly with trial, 2 licence annual, 3 software
 * one-time, 4 usage plan, 5 unlisted (listed = 0), 6 inactive.
 */
static const char fixture_sql[] =
    TESTLIB_TWO_RESELLERS
    "INSERT INTO operators (id, login, display_name, role, distributor_id, reseller_id) VALUES"
    " (1, 'ra1', 'Admin One', 'reseller_admin', 1, 1), (2, 'ra2', 'Admin Two', 'reseller_admin', 1, 2),"
    " (3, 'sup', 'Support', 'support', 1, NULL);"
    "INSERT INTO customers (id, reseller_id, name, email, approval_required, active) VALUES"
    " (1, 1, 'Cust One', 'c1@example.com', 0, 1), (2, 1, 'Cust Two', 'c2@example.com', 1, 1),"
    " (3, 1, 'Cust Three', 'c3@example.com', 0, 0), (4, 2, 'Cust Four', 'c4@example.com', 0, 1);"
    "INSERT INTO storefront_users (id, reseller_id, customer_id, email, name, password_hash, role) VALUES"
    " (1, 1, 1, 'u1@example.com', 'User One', 'x', 'owner'), (2, 1, 2, 'u2@example.com', 'User Two', 'x', 'owner'),"
    " (3, 1, 3, 'u3@example.com', 'User Three', 'x', 'owner'), (4, 2, 4, 'u4@example.com', 'User Four', 'x', 'owner');"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,"
    " currency, trial_days, max_quantity) VALUES"
    " (1, 1, 'M365BS', 'Microsoft 365 Business Standard', 'm365-bs', 'Microsoft', 'license', 'monthly', 1037, 'EUR', 30, 300),"
    " (2, 1, 'ACR', 'Acronis Cyber Protect', 'acronis', 'Acronis', 'license', 'annual', 8999, 'EUR', NULL, NULL),"
    " (3, 1, 'SW1', 'Some Software', 'sw1', 'Vendor', 'software', 'one_time', 4999, 'EUR', NULL, NULL),"
    " (4, 1, 'AZ', 'Azure plan', 'azure', 'Microsoft', 'usage', 'monthly', 0, 'EUR', NULL, NULL),"
    " (5, 1, 'UNL', 'Unlisted thing', 'unlisted', 'X', 'license', 'monthly', 100, 'EUR', NULL, NULL),"
    " (6, 1, 'INA', 'Inactive thing', 'inactive', 'X', 'license', 'monthly', 100, 'EUR', NULL, NULL);"
    "UPDATE products SET active = 0 WHERE id = 6;"
    "INSERT INTO listings (reseller_id, product_id, listed, markup_bp) VALUES"
    " (1, 1, 1, 1250), (1, 2, 1, 333), (1, 3, 1, 1000), (1, 4, 1, 1500), (1, 5, 0, 1000), (1, 6, 1, 0),"
    " (2, 1, 1, 2000)";

static struct actor
support(void)
{
	return testlib_actor(ROLE_SUPPORT, 3, 1, 0, 0, "sup");
}

static int64_t
count(const char *dbn, const char *table)
{
	return testlib_int(dbn, "SELECT COUNT(*) FROM %s", table);
}

static void
place_approved_captures_prices_and_queues_provision(void **state)
{
	const char *dbn = "shelf_order_place";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1);
	struct order_line_input lines[] = { { 1, 3, 0 }, { 2, 2, 0 }, { 1, 2, 0 }, { 3, 1, 0 } };
	struct order o;
	char why[CORE_WHY] = "", *s;
	int64_t id = 0;
	json_t *j;

	(void)state;
	assert_int_equal(order_place(db, &u1, lines, 4, "tok-1", &id, why), CORE_OK);
	assert_true(id > 0);
	s = testlib_str(dbn, "SELECT CONCAT(number, ' ', status, ' ', placed_by_user_id, ' ', currency) FROM orders WHERE id = %lld", (long long)id);
	assert_string_equal(s, "SO-000001 approved 1 EUR");
	free(s);
	assert_int_equal(testlib_int(dbn, "SELECT order_seq FROM resellers WHERE id = 1"), 1);
	/* duplicate product lines merged: 3 distinct products, product 1 with quantity 5 */
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM order_lines WHERE order_id = %lld", (long long)id), 3);
	assert_int_equal(testlib_int(dbn, "SELECT quantity FROM order_lines WHERE order_id = %lld AND product_id = 1", (long long)id), 5);
	/* captured unit price = cost + ROUND(cost * bp / 10000) of the product cost and listing markup */
	assert_int_equal(testlib_int(dbn,
	    "SELECT COUNT(*) FROM order_lines ol JOIN products p ON p.id = ol.product_id"
	    " JOIN listings l ON l.reseller_id = 1 AND l.product_id = ol.product_id"
	    " WHERE ol.order_id = %lld AND ol.unit_cost = p.unit_cost AND ol.markup_bp = l.markup_bp"
	    " AND ol.unit_price = p.unit_cost + ROUND(p.unit_cost * l.markup_bp / 10000)"
	    " AND ol.line_price = ol.unit_price * ol.quantity AND ol.line_cost = ol.unit_cost * ol.quantity",
	    (long long)id), 3);
	assert_int_equal(testlib_int(dbn, "SELECT unit_price FROM order_lines WHERE order_id = %lld AND product_id = 1", (long long)id), 1167);
	/* totals = sums of the lines */
	assert_int_equal(testlib_int(dbn, "SELECT o.total_price = SUM(ol.line_price) AND o.total_cost = SUM(ol.line_cost)"
	    " FROM orders o JOIN order_lines ol ON ol.order_id = o.id WHERE o.id = %lld GROUP BY o.id", (long long)id), 1);
	assert_int_equal(testlib_int(dbn, "SELECT total_price FROM orders WHERE id = %lld", (long long)id),
	    5 * 1167 + 2 * (8999 + 300) + 1 * (4999 + 500));
	/* one provision row for it, and an audit row */
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM outbox WHERE kind = 'provision' AND reseller_id = 1"
	    " AND JSON_VALUE(payload, '$.order_id') = %lld", (long long)id), 1);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.place' AND entity_id = %lld"
	    " AND actor_kind = 'storefront_user' AND actor_id = 1 AND reseller_id = 1", (long long)id), 1);

	/* read back; the JSON for templates shows the lines and a total equal to their sum */
	assert_int_equal(order_get(db, &u1, id, &o), CORE_OK);
	assert_string_equal(o.number, "SO-000001");
	assert_int_equal(o.status, ORDER_APPROVED);
	assert_int_equal(o.nlines, 3);
	assert_int_equal(o.item_count, 3);
	assert_string_equal(o.placed_by_name, "User One");
	assert_int_equal(o.lines[0].line_price + o.lines[1].line_price + o.lines[2].line_price, o.total_price);
	j = order_to_json(&o);
	assert_non_null(j);
	{
		char buf[48];
		money_format(o.total_price, "EUR", buf, sizeof(buf));
		assert_string_equal(json_string_value(json_object_get(j, "total")), buf);
		assert_string_equal(json_string_value(json_object_get(j, "status_label")), "Approved");
		assert_int_equal(json_array_size(json_object_get(j, "lines")), 3);
		assert_false(json_is_true(json_object_get(j, "can_cancel")));
	}
	json_decref(j);
	order_free(&o);

	/* the next order gets the next number */
	assert_int_equal(order_place(db, &u1, lines, 1, NULL, &id, why), CORE_OK);
	s = testlib_str(dbn, "SELECT number FROM orders WHERE id = %lld", (long long)id);
	assert_string_equal(s, "SO-000002");
	free(s);
	db_close(db);
}

static void
approval_required_waits_without_provisioning(void **state)
{
	const char *dbn = "shelf_order_pending";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u2 = testlib_owner(2, 1, 2), ra1 = testlib_admin(1, 1);
	struct order_line_input line = { 1, 10, 0 };
	char why[CORE_WHY] = "", *s;
	int64_t id = 0, n = 0;

	(void)state;
	assert_int_equal(order_place(db, &u2, &line, 1, NULL, &id, why), CORE_OK);
	s = testlib_str(dbn, "SELECT status FROM orders WHERE id = %lld", (long long)id);
	assert_string_equal(s, "pending_approval");
	free(s);
	/* nothing to provision yet; the reseller is e-mailed (test_order_mail checks the e-mails) */
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM outbox WHERE kind = 'provision'"), 0);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM outbox WHERE kind = 'email'"
	    " AND JSON_VALUE(payload, '$.template') = 'order_pending_approval'"), 1);
	assert_int_equal(order_pending_count(db, &ra1, &n), CORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(order_pending_count(db, &u2, &n), CORE_OK);
	assert_int_equal(n, 1);
	/* open (not yet done) orders: as many as SQL counts in each scope */
	assert_int_equal(order_open_count(db, &u2, &n), CORE_OK);
	assert_int_equal(n, testlib_int(dbn, "SELECT COUNT(*) FROM orders WHERE customer_id = 2"
	    " AND status IN ('pending_approval', 'approved', 'provisioning')"));
	assert_true(n >= 1);
	assert_int_equal(order_open_count(db, &ra1, &n), CORE_OK);
	assert_int_equal(n, testlib_int(dbn, "SELECT COUNT(*) FROM orders WHERE reseller_id = 1"
	    " AND status IN ('pending_approval', 'approved', 'provisioning')"));

	/* the reseller admin approves: decided by, decided at, provision queued */
	assert_int_equal(order_approve(db, &ra1, id, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT decided_by_operator_id FROM orders WHERE id = %lld AND status = 'approved'"
	    " AND decided_at IS NOT NULL", (long long)id), 1);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM outbox WHERE kind = 'provision'"
	    " AND JSON_VALUE(payload, '$.order_id') = %lld", (long long)id), 1);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE action = 'order.approve'"
	    " AND entity_id = %lld AND actor_id = 1 AND JSON_VALUE(before_json, '$.status') = 'pending_approval'"
	    " AND JSON_VALUE(after_json, '$.status') = 'approved'", (long long)id), 1);
	assert_int_equal(order_pending_count(db, &ra1, &n), CORE_OK);
	assert_int_equal(n, 0);
	/* approving again: conflict with a sentence naming the order */
	assert_int_equal(order_approve(db, &ra1, id, why), CORE_CONFLICT);
	assert_string_equal(why, "Order SO-000001 is already approved.");
	db_close(db);
}

static void
same_token_places_one_order(void **state)
{
	const char *dbn = "shelf_order_token";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1), u2 = testlib_owner(2, 1, 2), u4 = testlib_owner(4, 2, 4);
	struct order_line_input line = { 1, 1, 0 };
	char why[CORE_WHY];
	int64_t a = 0, b = 0, c = 0;

	(void)state;
	assert_int_equal(order_place(db, &u1, &line, 1, "form-abc", &a, why), CORE_OK);
	assert_int_equal(order_place(db, &u1, &line, 1, "form-abc", &b, why), CORE_OK);
	assert_int_equal(a, b);
	assert_int_equal(count(dbn, "orders"), 1);
	assert_int_equal(count(dbn, "order_lines"), 1);
	assert_int_equal(count(dbn, "outbox"), 1);
	assert_int_equal(testlib_int(dbn, "SELECT order_seq FROM resellers WHERE id = 1"), 1);
	/* another customer of the same reseller replaying it gets no one else's order */
	assert_int_equal(order_place(db, &u2, &line, 1, "form-abc", &c, why), CORE_CONFLICT);
	assert_int_equal(c, 0);
	assert_int_equal(count(dbn, "orders"), 1);
	/* tokens are per reseller: another reseller's customer can use the same text */
	assert_int_equal(order_place(db, &u4, &line, 1, "form-abc", &c, why), CORE_OK);
	assert_int_not_equal(c, a);
	assert_int_equal(count(dbn, "orders"), 2);
	/* a token that is not printable ASCII or too long is refused */
	assert_int_equal(order_place(db, &u1, &line, 1, "bad token", &c, why), CORE_INVALID);
	db_close(db);
}

struct placed {
	enum core_err er;
	int64_t       id;
};

static void
place_raced(struct db *db, int i, void *arg)
{
	struct placed *p = (struct placed *)arg + i;
	struct actor u1 = testlib_owner(1, 1, 1);
	struct order_line_input line = { 2, 4, 0 };
	char why[CORE_WHY];

	p->er = order_place(db, &u1, &line, 1, "raced-token", &p->id, why);
}

static void
same_token_racing_on_connections_places_one(void **state)
{
	const char *dbn = "shelf_order_race";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct placed r[4] = { { 0 } };
	int i;

	(void)state;
	testlib_race(dbn, 4, place_raced, r);
	for (i = 0; i < 4; i++) {
		assert_int_equal(r[i].er, CORE_OK);
		assert_int_equal(r[i].id, r[0].id);
	}
	assert_int_equal(count(dbn, "orders"), 1);
	assert_int_equal(count(dbn, "outbox"), 1);
	assert_int_equal(testlib_int(dbn, "SELECT order_seq FROM resellers WHERE id = 1"), 1);
	db_close(db);
}

static void
refusals_write_nothing(void **state)
{
	const char *dbn = "shelf_order_refuse";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1), u3 = testlib_owner(3, 1, 3), u4 = testlib_owner(4, 2, 4), ra1 = testlib_admin(1, 1);
	struct order_line_input unlisted[] = { { 1, 1, 0 }, { 5, 1, 0 } };
	struct order_line_input inactive = { 6, 1, 0 }, missing = { 999, 1, 0 }, ok = { 1, 1, 0 };
	struct order_line_input zero = { 1, 0, 0 }, big = { 1, 10001, 0 }, over_max = { 1, 301, 0 };
	struct order_line_input split[] = { { 1, 6000, 0 }, { 1, 5000, 0 } }, not_listed_r2 = { 2, 1, 0 };
	char why[CORE_WHY];
	int64_t id = 0;

	(void)state;
	why[0] = '\0';
	assert_int_equal(order_place(db, &u1, unlisted, 2, NULL, &id, why), CORE_NOTFOUND);
	assert_string_equal(why, "Unlisted thing is not available in this shop.");
	assert_int_equal(order_place(db, &u1, &inactive, 1, NULL, &id, why), CORE_NOTFOUND);
	assert_int_equal(order_place(db, &u1, &missing, 1, NULL, &id, why), CORE_NOTFOUND);
	assert_int_equal(order_place(db, &u4, &not_listed_r2, 1, NULL, &id, why), CORE_NOTFOUND);
	why[0] = '\0';
	assert_int_equal(order_place(db, &u3, &ok, 1, NULL, &id, why), CORE_FORBIDDEN);
	assert_true(strstr(why, "inactive") != NULL);
	assert_int_equal(order_place(db, &u1, &zero, 1, NULL, &id, why), CORE_INVALID);
	assert_int_equal(order_place(db, &u1, &big, 1, NULL, &id, why), CORE_INVALID);
	assert_int_equal(order_place(db, &u1, &over_max, 1, NULL, &id, why), CORE_INVALID);
	assert_string_equal(why, "The quantity of Microsoft 365 Business Standard must be between 1 and 300.");
	assert_int_equal(order_place(db, &u1, split, 2, NULL, &id, why), CORE_INVALID);
	assert_int_equal(order_place(db, &u1, NULL, 0, NULL, &id, why), CORE_INVALID);
	/* an admin is not a storefront user */
	assert_int_equal(order_place(db, &ra1, &ok, 1, NULL, &id, why), CORE_FORBIDDEN);
	/* a basic-edition reseller has no storefront to order from */
	testlib_sql(dbn, "UPDATE resellers SET edition = 'basic' WHERE id = 2");
	assert_int_equal(order_place(db, &u4, &ok, 1, NULL, &id, why), CORE_FORBIDDEN);
	assert_int_equal(id, 0);

	assert_int_equal(count(dbn, "orders"), 0);
	assert_int_equal(count(dbn, "order_lines"), 0);
	assert_int_equal(count(dbn, "outbox"), 0);
	assert_int_equal(count(dbn, "audit_log"), 0);
	assert_int_equal(testlib_int(dbn, "SELECT SUM(order_seq) FROM resellers"), 0);
	db_close(db);
}

/* The state machine written out independently of order.c. */
static const char *const st_names[ORDER_STATUS__MAX] = {
	"pending_approval", "approved", "provisioning", "completed", "failed", "rejected", "cancelled",
};

static int
expected_next(int from, int ev)
{
	switch (ev) {
	case ORDER_EV_APPROVE: return from == ORDER_PENDING_APPROVAL ? ORDER_APPROVED : -1;
	case ORDER_EV_REJECT: return from == ORDER_PENDING_APPROVAL ? ORDER_REJECTED : -1;
	case ORDER_EV_CANCEL: return from == ORDER_PENDING_APPROVAL ? ORDER_CANCELLED : -1;
	case ORDER_EV_START_PROVISIONING: return from == ORDER_APPROVED ? ORDER_PROVISIONING : -1;
	case ORDER_EV_COMPLETE: return from == ORDER_PROVISIONING ? ORDER_COMPLETED : -1;
	case ORDER_EV_FAIL: return from == ORDER_PROVISIONING ? ORDER_FAILED : -1;
	}
	return -1;
}

static void
every_transition_of_the_table(void **state)
{
	const char *dbn = "shelf_order_states";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1), ra1 = testlib_admin(1, 1), sys;
	struct order_line_input line = { 1, 2, 0 };
	int from, ev, legal = 0, illegal = 0;

	(void)state;
	actor_system(&sys, 1);
	for (from = 0; from < ORDER_STATUS__MAX; from++) {
		for (ev = 0; ev < ORDER_EV__MAX; ev++) {
			const struct actor *who = ev == ORDER_EV_APPROVE || ev == ORDER_EV_REJECT ? &ra1 :
			    ev == ORDER_EV_CANCEL ? &u1 : &sys;
			char why[CORE_WHY] = "", *s, number[16];
			int64_t id = 0, audits, outbox, subs;
			int to = expected_next(from, ev);
			enum core_err er;

			assert_int_equal(order_place(db, &u1, &line, 1, NULL, &id, why), CORE_OK);
			testlib_sql(dbn, "UPDATE orders SET decided_at = NOW(), status = '%s' WHERE id = %lld",
			    st_names[from], (long long)id);
			audits = count(dbn, "audit_log");
			outbox = count(dbn, "outbox");
			subs = count(dbn, "subscriptions");
			if (ev == ORDER_EV_REJECT)
				er = order_reject(db, who, id, "Over budget", why);
			else
				er = order_advance(db, who, id, (enum order_event)ev, why);
			s = testlib_str(dbn, "SELECT status FROM orders WHERE id = %lld", (long long)id);
			if (to < 0) {
				illegal++;
				if (er != CORE_CONFLICT)
					fail_msg("%s x event %d: expected CORE_CONFLICT, got %s", st_names[from], ev,
					    core_errname(er));
				assert_string_equal(s, st_names[from]);
				assert_int_equal(count(dbn, "audit_log"), audits);
				assert_int_equal(count(dbn, "outbox"), outbox);
				assert_int_equal(count(dbn, "subscriptions"), subs);
				free(s);
				s = testlib_str(dbn, "SELECT number FROM orders WHERE id = %lld", (long long)id);
				snprintf(number, sizeof(number), "%s", s);
				if (strstr(why, number) == NULL)
					fail_msg("why does not name the order: '%s'", why);
			} else {
				legal++;
				if (er != CORE_OK)
					fail_msg("%s x event %d: %s (%s)", st_names[from], ev, core_errname(er), why);
				assert_string_equal(s, st_names[to]);
				assert_int_equal(count(dbn, "audit_log"), audits + 1);
				/* approved: provisioning and the customer's e-mail; failed: the customer's and the reseller's */
				assert_int_equal(count(dbn, "outbox"), outbox + (to == ORDER_APPROVED) +
				    (to == ORDER_APPROVED || to == ORDER_REJECTED || to == ORDER_COMPLETED) + 2 * (to == ORDER_FAILED));
				assert_int_equal(count(dbn, "subscriptions"), subs + (to == ORDER_COMPLETED));
				if (to == ORDER_REJECTED) {
					free(s);
					s = testlib_str(dbn, "SELECT CONCAT(reject_reason, '/', decided_by_operator_id)"
					    " FROM orders WHERE id = %lld", (long long)id);
					assert_string_equal(s, "Over budget/1");
				}
			}
			free(s);
		}
	}
	assert_int_equal(legal, 6);
	assert_int_equal(illegal, 36);
	db_close(db);
}

static void
wrong_role_for_event_is_forbidden(void **state)
{
	const char *dbn = "shelf_order_roles";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u2 = testlib_owner(2, 1, 2), ra1 = testlib_admin(1, 1), ra2 = testlib_admin(2, 2), sup = support(), sys;
	struct actor u1 = testlib_owner(1, 1, 1);
	struct order_line_input line = { 1, 2, 0 };
	char why[CORE_WHY], *s;
	int64_t id = 0;
	char long_reason[600];

	(void)state;
	actor_system(&sys, 1);
	assert_int_equal(order_place(db, &u2, &line, 1, NULL, &id, why), CORE_OK);
	assert_int_equal(order_approve(db, &u2, id, why), CORE_FORBIDDEN);	/* customers don't approve */
	assert_int_equal(order_approve(db, &sup, id, why), CORE_FORBIDDEN);	/* support reads only */
	assert_int_equal(order_approve(db, &sys, id, why), CORE_FORBIDDEN);
	assert_int_equal(order_advance(db, &ra1, id, ORDER_EV_START_PROVISIONING, why), CORE_FORBIDDEN);
	assert_int_equal(order_cancel(db, &ra1, id, why), CORE_FORBIDDEN);
	/* another reseller's admin: not found, nothing changes */
	assert_int_equal(order_approve(db, &ra2, id, why), CORE_NOTFOUND);
	assert_int_equal(order_reject(db, &ra2, id, "no", why), CORE_NOTFOUND);
	/* another customer's user of the same reseller cannot cancel it */
	assert_int_equal(order_cancel(db, &u1, id, why), CORE_NOTFOUND);
	/* reasons: required and at most 500 characters */
	assert_int_equal(order_reject(db, &ra1, id, "", why), CORE_INVALID);
	assert_int_equal(order_reject(db, &ra1, id, "   ", why), CORE_INVALID);
	assert_int_equal(order_reject(db, &ra1, id, NULL, why), CORE_INVALID);
	memset(long_reason, 'x', 501);
	long_reason[501] = '\0';
	assert_int_equal(order_reject(db, &ra1, id, long_reason, why), CORE_INVALID);
	assert_int_equal(order_advance(db, &ra1, id, ORDER_EV_REJECT, why), CORE_INVALID);
	s = testlib_str(dbn, "SELECT CONCAT(status, '/', decided_at IS NULL) FROM orders WHERE id = %lld", (long long)id);
	assert_string_equal(s, "pending_approval/1");
	free(s);
	assert_int_equal(count(dbn, "audit_log"), 1);	/* the placement only */
	/* the customer's own user cancels */
	assert_int_equal(order_cancel(db, &u2, id, why), CORE_OK);
	s = testlib_str(dbn, "SELECT CONCAT(status, '/', decided_at IS NOT NULL, '/', decided_by_operator_id IS NULL)"
	    " FROM orders WHERE id = %lld", (long long)id);
	assert_string_equal(s, "cancelled/1/1");
	free(s);
	db_close(db);
}

static void
complete_creates_subscriptions_and_assets(void **state)
{
	const char *dbn = "shelf_order_complete";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1), sys;
	struct order_line_input lines[] = { { 1, 5, 0 }, { 2, 2, 0 }, { 3, 1, 0 }, { 4, 1, 0 } };
	char why[CORE_WHY];
	int64_t id = 0;

	(void)state;
	actor_system(&sys, 1);
	assert_int_equal(order_place(db, &u1, lines, 4, NULL, &id, why), CORE_OK);
	assert_int_equal(order_advance(db, &sys, id, ORDER_EV_COMPLETE, why), CORE_CONFLICT);
	assert_string_equal(why, "Order SO-000001 is approved, so it cannot be completed.");
	assert_int_equal(order_advance(db, &sys, id, ORDER_EV_START_PROVISIONING, why), CORE_OK);
	assert_int_equal(order_advance(db, &sys, id, ORDER_EV_COMPLETE, why), CORE_OK);

	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM subscriptions WHERE customer_id = 1"), 3);
	assert_int_equal(testlib_int(dbn,
	    "SELECT COUNT(*) FROM subscriptions s JOIN order_lines ol ON ol.id = s.order_line_id"
	    " WHERE ol.order_id = %lld AND s.product_id = 1 AND s.quantity = 5 AND s.status = 'active'"
	    " AND s.unit_price = ol.unit_price AND s.unit_cost = ol.unit_cost AND s.billing_period = 'monthly'"
	    " AND s.start_date = UTC_DATE() AND s.renewal_date = UTC_DATE() + INTERVAL 1 MONTH"
	    " AND s.trial_ends_on IS NULL", (long long)id), 1);
	assert_int_equal(testlib_int(dbn,
	    "SELECT COUNT(*) FROM subscriptions WHERE product_id = 2 AND quantity = 2 AND billing_period = 'annual'"
	    " AND renewal_date = UTC_DATE() + INTERVAL 1 YEAR"), 1);
	/* the usage plan: no per-period price, the markup prices consumption */
	assert_int_equal(testlib_int(dbn,
	    "SELECT COUNT(*) FROM subscriptions WHERE product_id = 4 AND unit_price = 0 AND unit_cost = 0"
	    " AND markup_bp = 1500"), 1);
	/* the one-time purchase: an asset */
	assert_int_equal(testlib_int(dbn,
	    "SELECT COUNT(*) FROM assets a JOIN order_lines ol ON ol.id = a.order_line_id"
	    " WHERE ol.order_id = %lld AND a.product_id = 3 AND a.quantity = 1 AND a.unit_price = 5499"
	    " AND a.customer_id = 1 AND a.reseller_id = 1", (long long)id), 1);
	assert_int_equal(count(dbn, "assets"), 1);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM audit_log WHERE entity = 'order' AND entity_id = %lld"
	    " AND actor_kind = 'system'", (long long)id), 2);
	/* completed is final */
	assert_int_equal(order_advance(db, &sys, id, ORDER_EV_FAIL, why), CORE_CONFLICT);
	assert_int_equal(order_advance(db, &sys, id, ORDER_EV_COMPLETE, why), CORE_CONFLICT);
	assert_string_equal(why, "Order SO-000001 is already completed.");
	assert_int_equal(count(dbn, "subscriptions"), 3);

	/* a system actor of another distributor does not reach it */
	{
		struct actor other;
		struct order_line_input l = { 1, 1, 0 };
		int64_t id2 = 0;

		actor_system(&other, 77);
		assert_int_equal(order_place(db, &u1, &l, 1, NULL, &id2, why), CORE_OK);
		assert_int_equal(order_advance(db, &other, id2, ORDER_EV_START_PROVISIONING, why), CORE_NOTFOUND);
		assert_int_equal(order_fail(db, &sys, id2, "x", why), CORE_CONFLICT);
		assert_int_equal(order_advance(db, &sys, id2, ORDER_EV_START_PROVISIONING, why), CORE_OK);
		assert_int_equal(order_fail(db, &sys, id2, "Vendor said no", why), CORE_OK);
		assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM orders WHERE id = %lld AND status = 'failed'"
		    " AND failure_reason = 'Vendor said no'", (long long)id2), 1);
	}
	db_close(db);
}

static void
reads_are_confined(void **state)
{
	const char *dbn = "shelf_order_confine";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1), u2 = testlib_owner(2, 1, 2), u4 = testlib_owner(4, 2, 4);
	struct actor ra1 = testlib_admin(1, 1), ra2 = testlib_admin(2, 2), sup = support();
	struct order_line_input line = { 1, 1, 0 };
	struct order_filter f = { -1, 0, NULL, ORDER_SORT_NEWEST };
	struct db_page pg = { 0, 2 };
	struct order_list l;
	struct order o;
	char why[CORE_WHY];
	int64_t a1 = 0, a2 = 0, b = 0, c = 0;

	(void)state;
	assert_int_equal(order_place(db, &u1, &line, 1, NULL, &a1, why), CORE_OK);
	assert_int_equal(order_place(db, &u1, &line, 1, NULL, &a2, why), CORE_OK);
	assert_int_equal(order_place(db, &u2, &line, 1, NULL, &b, why), CORE_OK);
	assert_int_equal(order_place(db, &u4, &line, 1, NULL, &c, why), CORE_OK);

	assert_int_equal(order_get(db, &u1, a1, &o), CORE_OK);
	order_free(&o);
	assert_int_equal(order_get(db, &u2, a1, &o), CORE_NOTFOUND);
	assert_int_equal(order_get(db, &u4, a1, &o), CORE_NOTFOUND);
	assert_int_equal(order_get(db, &ra2, a1, &o), CORE_NOTFOUND);
	assert_int_equal(order_get(db, &ra1, c, &o), CORE_NOTFOUND);
	assert_int_equal(order_get(db, &ra1, a1, &o), CORE_OK);
	assert_string_equal(o.customer_name, "Cust One");
	order_free(&o);
	assert_int_equal(order_get(db, &sup, c, &o), CORE_OK);
	assert_int_equal(o.reseller_id, 2);
	order_free(&o);
	assert_int_equal(order_get(db, &u1, 999999, &o), CORE_NOTFOUND);

	/* lists: a customer sees its own, even when it asks for another customer */
	f.customer_id = 2;
	assert_int_equal(order_list(db, &u1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.total, 2);
	assert_int_equal(l.items[0].id, a2);	/* newest first */
	assert_int_equal(l.items[0].item_count, 1);
	assert_null(l.items[0].lines);
	order_list_free(&l);
	/* the reseller admin: all of its reseller, or one customer */
	f.customer_id = 0;
	assert_int_equal(order_list(db, &ra1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 3);
	order_list_free(&l);
	f.customer_id = 2;
	assert_int_equal(order_list(db, &ra1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, b);
	order_list_free(&l);
	/* support: the whole distributor, paged */
	f.customer_id = 0;
	f.sort = ORDER_SORT_OLDEST;
	assert_int_equal(order_list(db, &sup, &f, &pg, &l), CORE_OK);
	assert_int_equal(l.total, 4);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[0].id, a1);
	order_list_free(&l);
	/* status filter and search (number prefix; wildcards are literal) */
	f.status = ORDER_APPROVED;
	f.search = "SO-000002";
	assert_int_equal(order_list(db, &ra1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, a2);
	order_list_free(&l);
	f.search = "%";
	assert_int_equal(order_list(db, &ra1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 0);
	order_list_free(&l);
	f.search = "Two";	/* customer name contains; customer 2's order is pending */
	f.status = -1;
	assert_int_equal(order_list(db, &ra1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	order_list_free(&l);
	f.search = NULL;
	f.status = ORDER_PENDING_APPROVAL;	/* customer 2 needs approval */
	assert_int_equal(order_list(db, &ra1, &f, NULL, &l), CORE_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.items[0].id, b);
	order_list_free(&l);
	db_close(db);
}

/* the checkout's "Your reference" and "Notes" are stored, read back and refused when unfit */
static void
place_keeps_reference_and_notes(void **state)
{
	const char *dbn = "shelf_order_noted";
	struct db *db = testlib_fixture(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1);
	struct order_line_input line = { 1, 1, 0 };
	char why[CORE_WHY] = "", long_ref[66], *s;
	struct order o;
	int64_t id = 0, id2 = 0;
	json_t *j;

	(void)state;
	assert_int_equal(order_place_noted(db, &u1, &line, 1, "tok-n1", "  PO-4711  ", "Building 7\r\nDock 2\n",
	    &id, why), CORE_OK);
	s = testlib_str(dbn, "SELECT CONCAT(customer_reference, '|', customer_note) FROM orders WHERE id = %lld",
	    (long long)id);
	assert_string_equal(s, "PO-4711|Building 7\r\nDock 2");
	free(s);
	assert_int_equal(order_get(db, &u1, id, &o), CORE_OK);
	assert_string_equal(o.customer_reference, "PO-4711");
	assert_string_equal(o.customer_note, "Building 7\r\nDock 2");
	assert_non_null(j = order_to_json(&o));
	assert_string_equal(json_string_value(json_object_get(j, "reference")), "PO-4711");
	assert_string_equal(json_string_value(json_object_get(j, "notes")), "Building 7\r\nDock 2");
	json_decref(j);
	order_free(&o);

	/* blank words store NULL; order_place stores none */
	assert_int_equal(order_place_noted(db, &u1, &line, 1, "tok-n2", " \t", "\r\n", &id2, why), CORE_OK);
	assert_int_equal(testlib_int(dbn, "SELECT customer_reference IS NULL AND customer_note IS NULL FROM orders"
	    " WHERE id = %lld", (long long)id2), 1);
	assert_int_equal(order_get(db, &u1, id2, &o), CORE_OK);
	assert_null(o.customer_note);
	assert_non_null(j = order_to_json(&o));
	assert_null(json_object_get(j, "reference"));
	assert_null(json_object_get(j, "notes"));
	json_decref(j);
	order_free(&o);

	/* unfit words: refused with a sentence, nothing placed */
	memset(long_ref, 'x', 65);
	long_ref[65] = '\0';
	assert_int_equal(order_place_noted(db, &u1, &line, 1, "tok-n3", long_ref, NULL, &id2, why), CORE_INVALID);
	assert_string_equal(why, "Your reference can be at most 64 characters long.");
	assert_int_equal(order_place_noted(db, &u1, &line, 1, "tok-n3", "PO\n1", NULL, &id2, why), CORE_INVALID);
	assert_string_equal(why, "Your reference can only be one line of text.");
	assert_int_equal(order_place_noted(db, &u1, &line, 1, "tok-n3", NULL, "bad \x01 byte", &id2, why), CORE_INVALID);
	assert_int_equal(order_place_noted(db, &u1, &line, 1, "tok-n3", NULL, "bad \xff utf-8", &id2, why), CORE_INVALID);
	assert_int_equal(count(dbn, "orders"), 2);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(place_approved_captures_prices_and_queues_provision),
		cmocka_unit_test(approval_required_waits_without_provisioning),
		cmocka_unit_test(same_token_places_one_order),
		cmocka_unit_test(same_token_racing_on_connections_places_one),
		cmocka_unit_test(refusals_write_nothing),
		cmocka_unit_test(every_transition_of_the_table),
		cmocka_unit_test(wrong_role_for_event_is_forbidden),
		cmocka_unit_test(complete_creates_subscriptions_and_assets),
		cmocka_unit_test(reads_are_confined),
		cmocka_unit_test(place_keeps_reference_and_notes),
	};

	return testlib_result(cmocka_run_group_tests_name("order", tests, NULL, NULL));
}
