/*
 * test_order_mail.c - the e-mails of an order's life (core/order_mail.c)
 * and the trial reminders (core/subscription_remind.c) against MariaDB:
 * each kind queues its rows (recipient, subject, template, data) in the
 * transaction of the change and nothing when it rolls back, once per
 * order and kind; the queued payloads rendered by the mailer in every
 * theme (text as written, HTML escaped, licence keys when the order
 * carries them); every trial 7 days from its end reminded once, also
 * with two workers at once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "mail.h"
#include "mailer.h"
#include "order.h"
#include "order_mail.h"
#include "subscription.h"
#include "testlib.h"

#define PUBLIC "https://shop.test"
#define EVIL   "Acme <script>alert(1)</script> \"Q\" O'Brien"

/*
 * Reseller 1 has a storefront "one" (contact address sales@one.example);
 * reseller 2 none.  Customer 1 of reseller 1 needs approval, its users 1
 * (active) and 2 (inactive); customer 2 of reseller 2 needs approval, its
 * user 3.  Products: 1 monthly licence with a 30-day trial, 2 one-time
 * software, 3 monthly licence with a 14-day trial.  The orders placed
 * here: 3 of product 1 and 1 of product 2.
 */
static const char fixture_sql[] =
    TESTLIB_TWO_RESELLERS
    "INSERT INTO storefronts (reseller_id, slug, company_name, contact_email) VALUES"
    " (1, 'one', 'One & Co', 'sales@one.example');"
    "INSERT INTO operators (id, login, display_name, role, distributor_id, reseller_id) VALUES"
    " (1, 'ra1', 'Admin One', 'reseller_admin', 1, 1), (2, 'ra2', 'Admin Two', 'reseller_admin', 1, 2);"
    "INSERT INTO customers (id, reseller_id, name, email, approval_required, active) VALUES"
    " (1, 1, 'Acme <script>alert(1)</script> \"Q\" O''Brien', 'c1@example.com', 1, 1),"
    " (2, 2, 'Cust Two', 'c2@example.com', 1, 1);"
    "INSERT INTO storefront_users (id, reseller_id, customer_id, email, name, password_hash, role, active) VALUES"
    " (1, 1, 1, 'u1@example.com', 'User One', 'x', 'owner', 1),"
    " (2, 1, 1, 'u2@example.com', 'User Two', 'x', 'member', 0),"
    " (3, 2, 2, 'u3@example.com', 'User Three', 'x', 'owner', 1);"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost,"
    " currency, trial_days) VALUES"
    " (1, 1, 'M365BS', 'Microsoft 365 Business Standard', 'm365-bs', 'Microsoft', 'license', 'monthly', 1000, 'EUR', 30),"
    " (2, 1, 'SW1', 'Some Software', 'sw1', 'Vendor', 'software', 'one_time', 5000, 'EUR', NULL),"
    " (3, 1, 'GWS', 'Google Workspace', 'gws', 'Google', 'license', 'monthly', 600, 'EUR', 14);"
    "INSERT INTO listings (reseller_id, product_id, listed, markup_bp) VALUES"
    " (1, 1, 1, 1000), (1, 2, 1, 0), (1, 3, 1, 0), (2, 1, 1, 0), (2, 2, 1, 0)";

/* open_db - a fresh fixture database, and a core connection to it whose public_url is PUBLIC. */
static struct db *
open_db(const char *dbn, const char *sql)
{
	struct config cfg;
	struct db *db;
	char msg[512];

	db_close(testlib_fixture(dbn, sql));
	testlib_config(&cfg, dbn);
	snprintf(cfg.public_url, sizeof(cfg.public_url), "%s", PUBLIC);
	if (db_open(&cfg, &db, msg, sizeof(msg)) != CORE_OK)
		fail_msg("%s", msg);
	return db;
}

static int64_t
emails(const char *dbn)
{
	return testlib_int(dbn, "SELECT COUNT(*) FROM outbox WHERE kind = 'email'");
}

/* row - "to|subject|template" of the email row n rows before the newest (0: the newest), malloc'd. */
static char *
row(const char *dbn, int n)
{
	return testlib_str(dbn, "SELECT CONCAT_WS('|', JSON_VALUE(payload, '$.to'), JSON_VALUE(payload, '$.subject'),"
	    " JSON_VALUE(payload, '$.template')) FROM outbox WHERE kind = 'email' ORDER BY id DESC LIMIT 1 OFFSET %d", n);
}

static void
expect_row(const char *dbn, int n, const char *want)
{
	char *s = row(dbn, n);

	if (strcmp(s, want) != 0)
		fail_msg("e-mail row: got '%s', want '%s'", s, want);
	free(s);
}

/* data - JSON_VALUE of path in the newest e-mail row's data, malloc'd ("" for none). */
static char *
data(const char *dbn, const char *path)
{
	return testlib_str(dbn, "SELECT JSON_VALUE(payload, '$.data.%s') FROM outbox WHERE kind = 'email'"
	    " ORDER BY id DESC LIMIT 1", path);
}

static void
expect_data(const char *dbn, const char *path, const char *want)
{
	char *s = data(dbn, path);

	if (strcmp(s, want) != 0)
		fail_msg("data.%s: got '%s', want '%s'", path, s, want);
	free(s);
}

static int64_t
place(struct db *db, const struct actor *u)
{
	struct order_line_input lines[2] = { { 1, 3, 0 }, { 2, 1, 0 } };
	char why[CORE_WHY] = "";
	int64_t id = 0;

	if (order_place_noted(db, u, lines, 2, NULL, "PO <7>", "Deliver 'soon' & <b>fast</b>", &id,
	    why) != CORE_OK)
		fail_msg("order_place: %s", why);
	return id;
}

static void
ok(enum core_err er, const char *why)
{
	if (er != CORE_OK)
		fail_msg("%s (%s)", core_errname(er), why);
}

/* fail_after - a transaction that queues order id's APPROVED e-mail and then fails. */
static enum core_err
fail_after(struct db *db, void *arg)
{
	enum core_err er;

	if ((er = order_mail_event(db, *(int64_t *)arg, ORDER_MAIL_APPROVED)) != CORE_OK)
		return er;
	return CORE_CONFLICT;
}

/* again - a transaction that queues order id's COMPLETED e-mail (a second time). */
static enum core_err
again(struct db *db, void *arg)
{
	return order_mail_event(db, *(int64_t *)arg, ORDER_MAIL_COMPLETED);
}

static void
each_kind_queues_its_mail(void **state)
{
	const char *dbn = "shelf_order_mail";
	struct db *db = open_db(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1), u3 = testlib_owner(3, 2, 2), ra1 = testlib_admin(1, 1), sys;
	char why[CORE_WHY] = "", want[256], url[128];
	int64_t id, n;

	(void)state;
	actor_system(&sys, 1);

	/* placed, needing approval: the reseller's storefront contact address hears of it */
	id = place(db, &u1);
	assert_int_equal(emails(dbn), 1);
	expect_row(dbn, 0, "sales@one.example|Order SO-000001 awaits your approval|order_pending_approval");
	expect_data(dbn, "number", "SO-000001");
	expect_data(dbn, "customer_name", EVIL);
	expect_data(dbn, "company_name", "One & Co");
	expect_data(dbn, "status_label", "Awaiting approval");
	expect_data(dbn, "reference", "PO <7>");
	expect_data(dbn, "notes", "Deliver 'soon' & <b>fast</b>");
	expect_data(dbn, "placed_by", "User One");
	snprintf(want, sizeof(want), "%.10s", TESTLIB_CLOCK);	/* the day it was placed */
	expect_data(dbn, "date", want);
	expect_data(dbn, "lines[0].name", "Microsoft 365 Business Standard");
	expect_data(dbn, "lines[0].quantity", "3");
	expect_data(dbn, "lines[0].period_label", "/ month");
	expect_data(dbn, "lines[1].name", "Some Software");
	expect_data(dbn, "total", "€83.00");	/* 3 x 11.00 + 50.00 */
	snprintf(url, sizeof(url), PUBLIC "/s/one/account/orders/%lld", (long long)id);
	expect_data(dbn, "order_url", url);
	expect_data(dbn, "subscriptions_url", PUBLIC "/s/one/account/subscriptions");
	assert_int_equal(testlib_int(dbn, "SELECT JSON_VALUE(payload, '$.data.order_id') = %lld AND reseller_id = 1"
	    " FROM outbox WHERE kind = 'email'", (long long)id), 1);

	/* a refused decision queues nothing */
	assert_int_equal(order_reject(db, &ra1, id, "  ", why), CORE_INVALID);
	assert_int_equal(emails(dbn), 1);

	/* approved: the user who placed it */
	ok(order_approve(db, &ra1, id, why), why);
	assert_int_equal(emails(dbn), 2);
	expect_row(dbn, 0, "u1@example.com|Order SO-000001 approved|order_approved");
	expect_data(dbn, "status_label", "Approved");
	expect_data(dbn, "order_url", url);

	/* provisioning says nothing; completed: the customer hears of it once */
	ok(order_advance(db, &sys, id, ORDER_EV_START_PROVISIONING, why), why);
	assert_int_equal(emails(dbn), 2);
	ok(order_advance(db, &sys, id, ORDER_EV_COMPLETE, why), why);
	assert_int_equal(emails(dbn), 3);
	expect_row(dbn, 0, "u1@example.com|Order SO-000001 completed|order_completed");
	expect_data(dbn, "status_label", "Completed");
	/* a second call for the same kind (the fulfilment code's) queues nothing more */
	ok(db_txn(db, again, &id), "again");
	assert_int_equal(emails(dbn), 3);

	/* rejected, with the reason; the placing user is inactive now: the customer's address */
	testlib_sql(dbn, "UPDATE storefront_users SET active = 0 WHERE id = 1");
	id = place(db, &u1);
	expect_row(dbn, 0, "sales@one.example|Order SO-000002 awaits your approval|order_pending_approval");
	ok(order_reject(db, &ra1, id, "Over <budget> & 'late'", why), why);
	expect_row(dbn, 0, "c1@example.com|Order SO-000002 rejected|order_rejected");
	expect_data(dbn, "reason", "Over <budget> & 'late'");
	testlib_sql(dbn, "UPDATE storefront_users SET active = 1 WHERE id = 1");

	/* failed: the customer and the reseller, both with the reason */
	id = place(db, &u1);
	ok(order_approve(db, &ra1, id, why), why);
	ok(order_advance(db, &sys, id, ORDER_EV_START_PROVISIONING, why), why);
	n = emails(dbn);
	ok(order_fail(db, &sys, id, "The vendor refused the tenant", why), why);
	assert_int_equal(emails(dbn), n + 2);
	expect_row(dbn, 1, "u1@example.com|Order SO-000003 failed|order_failed");
	expect_row(dbn, 0, "sales@one.example|Order SO-000003 failed|order_failed_reseller");
	expect_data(dbn, "reason", "The vendor refused the tenant");
	/* a failure without a reason: no reason key at all */
	id = place(db, &u1);
	ok(order_approve(db, &ra1, id, why), why);
	ok(order_advance(db, &sys, id, ORDER_EV_START_PROVISIONING, why), why);
	ok(order_fail(db, &sys, id, NULL, why), why);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM outbox WHERE kind = 'email'"
	    " AND JSON_EXISTS(payload, '$.data.reason') AND JSON_VALUE(payload, '$.data.order_id') = %lld",
	    (long long)id), 0);

	/* cancelled by the customer: nothing to tell */
	id = place(db, &u1);
	n = emails(dbn);
	ok(order_cancel(db, &u1, id, why), why);
	assert_int_equal(emails(dbn), n);

	/* a rolled back change queues nothing */
	id = place(db, &u1);
	n = emails(dbn);
	assert_int_equal(db_txn(db, fail_after, &id), CORE_CONFLICT);
	assert_int_equal(emails(dbn), n);

	/* a reseller without a storefront: its own address, no links */
	id = place(db, &u3);
	expect_row(dbn, 0, "r2@example.com|Order SO-000001 awaits your approval|order_pending_approval");
	expect_data(dbn, "company_name", "Reseller Two");
	assert_int_equal(testlib_int(dbn, "SELECT JSON_TYPE(JSON_EXTRACT(payload, '$.data.order_url')) = 'NULL'"
	    " FROM outbox WHERE kind = 'email' ORDER BY id DESC LIMIT 1"), 1);
	snprintf(want, sizeof(want), "%lld", (long long)id);
	expect_data(dbn, "order_id", want);

	/* refusals */
	assert_int_equal(order_mail_event(db, 999999, ORDER_MAIL_APPROVED), CORE_NOTFOUND);
	assert_int_equal(order_mail_event(db, id, ORDER_MAIL__MAX), CORE_INVALID);
	assert_int_equal(order_mail_event(db, id, (enum order_mail_kind)-1), CORE_INVALID);
	db_close(db);
}

/* ---- rendering -------------------------------------------------------- */

static struct mailer *
mailer(void)
{
	const char *d = getenv("SHELF_THEMES_DIR");
	struct config cfg;
	struct mailer *m;
	char why[256];

	memset(&cfg, 0, sizeof(cfg));
	snprintf(cfg.smtp_url, sizeof(cfg.smtp_url), "smtp://127.0.0.1:1");
	snprintf(cfg.mail_from, sizeof(cfg.mail_from), "noreply@shelf.example");
	snprintf(cfg.themes_dir, sizeof(cfg.themes_dir), "%s", d && *d ? d : "themes");
	if ((m = mailer_new(&cfg, why, sizeof(why))) == NULL)
		fail_msg("%s", why);
	return m;
}

/*
 * rendered - payload rendered in theme, decoded; *html points at its HTML
 * part (after the text part).  Every message must have both.
 */
static char *
rendered(struct mailer *m, const char *theme, const char *payload, char **html)
{
	struct buf out = { NULL, 0, 0 }, d = { NULL, 0, 0 };
	char to[300], why[512] = "";
	enum core_err er;

	if ((er = mailer_render(m, theme, 7, payload, 1796198400, &out, to, sizeof(to), why, sizeof(why))) != CORE_OK)
		fail_msg("%s: %s (%s)", theme, core_strerror(er), why);
	assert_int_equal(mail_qp_decode(out.data, out.len, &d), CORE_OK);
	buf_free(&out);
	*html = strstr(buf_cstr(&d), "Content-Type: text/html");
	if (*html == NULL)
		fail_msg("%s: no HTML part: %s", theme, buf_cstr(&d));
	return buf_detach(&d);
}

static void
has(const char *s, const char *what, const char *where)
{
	if (strstr(s, what) == NULL)
		fail_msg("%s lacks '%s':\n%s", where, what, s);
}

static void
lacks(const char *s, const char *what, const char *where)
{
	if (strstr(s, what) != NULL)
		fail_msg("%s holds '%s':\n%s", where, what, s);
}

static void
rendered_in_every_theme(void **state)
{
	static const char *const themes[] = { "classic", "modern", "" };
	const char *dbn = "shelf_order_mail_render";
	struct db *db = open_db(dbn, fixture_sql);
	struct actor u1 = testlib_owner(1, 1, 1), ra1 = testlib_admin(1, 1), sys;
	struct mailer *m = mailer();
	char why[CORE_WHY] = "", *payload, *msg, *html, *tpl, *number;
	int64_t a, b, c, rows, i;
	size_t t;

	(void)state;
	actor_system(&sys, 1);
	a = place(db, &u1);
	ok(order_approve(db, &ra1, a, why), why);
	ok(order_advance(db, &sys, a, ORDER_EV_START_PROVISIONING, why), why);
	ok(order_advance(db, &sys, a, ORDER_EV_COMPLETE, why), why);
	b = place(db, &u1);
	ok(order_reject(db, &ra1, b, "Over <budget> & 'late'", why), why);
	c = place(db, &u1);
	ok(order_approve(db, &ra1, c, why), why);
	ok(order_advance(db, &sys, c, ORDER_EV_START_PROVISIONING, why), why);
	ok(order_fail(db, &sys, c, "Vendor <down>", why), why);
	rows = testlib_int(dbn, "SELECT COUNT(DISTINCT JSON_VALUE(payload, '$.template')) FROM outbox WHERE kind = 'email'");
	assert_int_equal(rows, 6);	/* every template of order_mail.c's table */

	/* every queued e-mail, as queued, in every theme */
	rows = emails(dbn);
	for (i = 0; i < rows; i++) {
		payload = testlib_str(dbn, "SELECT payload FROM outbox WHERE kind = 'email' ORDER BY id LIMIT 1 OFFSET %lld",
		    (long long)i);
		tpl = testlib_str(dbn, "SELECT JSON_VALUE(payload, '$.template') FROM outbox WHERE kind = 'email'"
		    " ORDER BY id LIMIT 1 OFFSET %lld", (long long)i);
		number = testlib_str(dbn, "SELECT JSON_VALUE(payload, '$.data.number') FROM outbox WHERE kind = 'email'"
		    " ORDER BY id LIMIT 1 OFFSET %lld", (long long)i);
		for (t = 0; t < TESTLIB_LEN(themes); t++) {
			msg = rendered(m, themes[t], payload, &html);
			html[-1] = '\0';	/* msg: headers and the text part; html: the HTML part */
			has(msg, number, tpl);
			has(html, number, tpl);
			has(msg, "Subject: Order ", tpl);
			has(msg, "Microsoft 365 Business Standard", tpl);
			has(html, "Microsoft 365 Business Standard", tpl);
			/* the customer's name: as written in the text, escaped in the HTML */
			has(msg, EVIL, tpl);
			has(html, "Acme &lt;script&gt;alert(1)&lt;/script&gt; &quot;Q&quot; O&#39;Brien", tpl);
			lacks(html, "<script>", tpl);
			lacks(msg, "&lt;", tpl);
			if (strcmp(tpl, "order_rejected") == 0) {
				has(msg, "Over <budget> & 'late'", tpl);
				has(html, "Over &lt;budget&gt; &amp; &#39;late&#39;", tpl);
			}
			if (strcmp(tpl, "order_pending_approval") == 0) {
				has(msg, "Orders tab", tpl);
				has(html, "Deliver &#39;soon&#39; &amp; &lt;b&gt;fast&lt;/b&gt;", tpl);
			}
			if (strncmp(tpl, "order_failed", 12) == 0)
				has(html, "Vendor &lt;down&gt;", tpl);
			if (strcmp(tpl, "order_failed_reseller") != 0 && strcmp(tpl, "order_pending_approval") != 0)
				has(msg, PUBLIC "/s/one/account/orders/", tpl);
			free(msg);
		}
		free(payload);
		free(tpl);
		free(number);
	}

	/* licence keys, where the order's JSON carries them (the fulfilment code adds them) */
	testlib_sql(dbn, "UPDATE outbox SET payload = JSON_SET(payload, '$.data.lines[0].keys',"
	    " JSON_ARRAY('KEY-<1>-AAAA', 'KEY-2-BBBB'), '$.data.lines[0].has_keys', true)"
	    " WHERE kind = 'email' AND JSON_VALUE(payload, '$.template') = 'order_completed'");
	payload = testlib_str(dbn, "SELECT payload FROM outbox WHERE JSON_VALUE(payload, '$.template') = 'order_completed'");
	for (t = 0; t < TESTLIB_LEN(themes); t++) {
		msg = rendered(m, themes[t], payload, &html);
		html[-1] = '\0';
		has(msg, "Licence keys:", "keys");
		has(msg, "KEY-<1>-AAAA", "keys");
		has(msg, "KEY-2-BBBB", "keys");
		has(html, "KEY-&lt;1&gt;-AAAA", "keys");
		has(msg, PUBLIC "/s/one/account/subscriptions", "keys");
		free(msg);
	}
	free(payload);
	mailer_free(m);
	db_close(db);
}

/* ---- trial reminders ---------------------------------------------------- */

/* Trials of reseller 1's customer 1 (no order: its own address), ending around 2026-12-02. */
static const char trials_sql[] =
    "INSERT INTO subscriptions (id, reseller_id, customer_id, product_id, quantity, status, unit_price, unit_cost,"
    " billing_period, start_date, renewal_date, trial_ends_on, trial_reminded_on) VALUES"
    " (101, 1, 1, 1, 3, 'trial', 1100, 1000, 'monthly', '2026-11-02', '2026-12-02', '2026-12-02', NULL),"
    " (102, 2, 2, 1, 1, 'trial', 1000, 1000, 'monthly', '2026-11-02', '2026-12-02', '2026-12-02', NULL),"
    " (103, 1, 1, 1, 1, 'trial', 1100, 1000, 'monthly', '2026-11-01', '2026-12-01', '2026-12-01', NULL),"
    " (104, 1, 1, 1, 1, 'trial', 1100, 1000, 'monthly', '2026-11-03', '2026-12-03', '2026-12-03', NULL),"
    " (105, 1, 1, 1, 1, 'trial', 1100, 1000, 'monthly', '2026-11-02', '2026-12-02', '2026-12-02', '2026-11-24'),"
    " (106, 1, 1, 1, 1, 'expired', 1100, 1000, 'monthly', '2026-11-02', '2026-12-02', '2026-12-02', NULL),"
    " (107, 1, 1, 1, 1, 'active', 1100, 1000, 'monthly', '2026-11-02', '2026-12-02', NULL, NULL)";

static void
trials_reminded_once(void **state)
{
	const char *dbn = "shelf_trial_remind";
	struct db *db = open_db(dbn, fixture_sql);
	struct actor sys, other, ra1 = testlib_admin(1, 1), u1 = testlib_owner(1, 1, 1);
	struct mailer *m;
	char why[CORE_WHY] = "", *payload, *msg, *html, *s;
	int64_t id = 0, sub;
	int n = -1;

	(void)state;
	testlib_sql(dbn, "%s", trials_sql);
	actor_system(&sys, 0);
	actor_system(&other, 2);	/* the system confined to another distributor */
	assert_int_equal(subscription_trial_reminders(db, &ra1, "2026-11-25", &n), CORE_FORBIDDEN);
	assert_int_equal(subscription_trial_reminders(db, &sys, "25.11.2026", &n), CORE_INVALID);
	assert_int_equal(subscription_trial_reminders(db, &other, "2026-11-25", &n), CORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(emails(dbn), 0);

	/* exactly the trials ending 7 days from today and not reminded yet */
	assert_int_equal(subscription_trial_reminders(db, &sys, "2026-11-25", &n), CORE_OK);
	assert_int_equal(n, 2);
	s = testlib_str(dbn, "SELECT GROUP_CONCAT(id ORDER BY id) FROM subscriptions WHERE trial_reminded_on = '2026-11-25'");
	assert_string_equal(s, "101,102");
	free(s);
	s = testlib_str(dbn, "SELECT GROUP_CONCAT(CONCAT_WS('|', reseller_id, JSON_VALUE(payload, '$.to'),"
	    " JSON_VALUE(payload, '$.subject'), JSON_VALUE(payload, '$.template'),"
	    " JSON_VALUE(payload, '$.data.subscription_id'), JSON_VALUE(payload, '$.data.trial_ends')) ORDER BY id)"
	    " FROM outbox WHERE kind = 'email'");
	assert_string_equal(s, "1|c1@example.com|Your trial ends in 7 days|trial_ending|101|2026-12-02,"
	    "2|c2@example.com|Your trial ends in 7 days|trial_ending|102|2026-12-02");
	free(s);
	s = testlib_str(dbn, "SELECT CONCAT_WS('|', JSON_VALUE(payload, '$.data.product_name'),"
	    " JSON_VALUE(payload, '$.data.price'), JSON_VALUE(payload, '$.data.period_label'),"
	    " JSON_VALUE(payload, '$.data.quantity'), JSON_VALUE(payload, '$.data.company_name'),"
	    " JSON_VALUE(payload, '$.data.subscription_url')) FROM outbox WHERE kind = 'email' ORDER BY id LIMIT 1");
	assert_string_equal(s, "Microsoft 365 Business Standard|€33.00|/ month|3|One & Co|" PUBLIC
	    "/s/one/account/subscriptions/101");
	free(s);

	/* the next run that day, and the next day's: each trial once */
	assert_int_equal(subscription_trial_reminders(db, &sys, "2026-11-25", &n), CORE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(subscription_trial_reminders(db, &sys, "2026-11-26", &n), CORE_OK);
	assert_int_equal(n, 1);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM subscriptions WHERE trial_reminded_on = '2026-11-26'"
	    " AND id = 104"), 1);
	assert_int_equal(emails(dbn), 3);

	/* rendered: the end date, what happens then, the price after conversion, escaped in HTML */
	payload = testlib_str(dbn, "SELECT payload FROM outbox WHERE kind = 'email' ORDER BY id LIMIT 1");
	m = mailer();
	msg = rendered(m, "modern", payload, &html);
	html[-1] = '\0';
	has(msg, "Subject: Your trial ends in 7 days", "trial");
	has(msg, "ends on 2026-12-02", "trial");
	has(msg, "the service stops", "trial");
	has(msg, "convert", "trial");
	has(msg, "€33.00 / month", "trial");
	has(msg, EVIL, "trial");
	has(html, "Acme &lt;script&gt;alert(1)&lt;/script&gt; &quot;Q&quot; O&#39;Brien", "trial");
	has(html, PUBLIC "/s/one/account/subscriptions/101", "trial");
	lacks(html, "<script>", "trial");
	free(msg);
	free(payload);
	mailer_free(m);

	/* a trial from an order: the user who asked for it hears of it */
	ok(subscription_request_trial(db, &u1, 3, &id, why), why);
	ok(order_approve(db, &ra1, id, why), why);
	actor_system(&sys, 1);
	ok(order_advance(db, &sys, id, ORDER_EV_START_PROVISIONING, why), why);
	ok(order_advance(db, &sys, id, ORDER_EV_COMPLETE, why), why);
	sub = testlib_int(dbn, "SELECT s.id FROM subscriptions s JOIN order_lines ol ON ol.id = s.order_line_id"
	    " WHERE ol.order_id = %lld", (long long)id);
	s = testlib_str(dbn, "SELECT DATE_FORMAT(trial_ends_on - INTERVAL 7 DAY, '%%Y-%%m-%%d') FROM subscriptions"
	    " WHERE id = %lld", (long long)sub);
	assert_int_equal(subscription_trial_reminders(db, &sys, s, &n), CORE_OK);
	assert_int_equal(n, 1);
	free(s);
	s = row(dbn, 0);
	assert_string_equal(s, "u1@example.com|Your trial ends in 7 days|trial_ending");
	free(s);
	db_close(db);
}

struct racer {
	const char        *dbn;
	pthread_barrier_t *barrier;
	enum core_err      er;
	int                queued;
};

static void *
race_main(void *arg)
{
	struct racer *r = arg;
	struct db *db = testlib_open(r->dbn);
	struct actor sys;

	actor_system(&sys, 0);
	pthread_barrier_wait(r->barrier);
	r->er = subscription_trial_reminders(db, &sys, "2026-11-25", &r->queued);
	db_close(db);
	return NULL;
}

static void
two_workers_remind_each_trial_once(void **state)
{
	const char *dbn = "shelf_trial_race";
	struct db *db = open_db(dbn, fixture_sql);
	pthread_barrier_t barrier;
	struct racer r[2];
	pthread_t t[2];
	int i;

	(void)state;
	/* 250 trials ending on 2026-12-02: more than two batches */
	testlib_sql(dbn, "INSERT INTO subscriptions (reseller_id, customer_id, product_id, quantity, status, unit_price,"
	    " unit_cost, billing_period, start_date, renewal_date, trial_ends_on)"
	    " SELECT 1, 1, 1, 1, 'trial', 1100, 1000, 'monthly', '2026-11-02', '2026-12-02', '2026-12-02'"
	    " FROM seq_1_to_250");
	pthread_barrier_init(&barrier, NULL, 2);
	for (i = 0; i < 2; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].dbn = dbn;
		r[i].barrier = &barrier;
		pthread_create(&t[i], NULL, race_main, &r[i]);
	}
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&barrier);
	assert_int_equal(r[0].er, CORE_OK);
	assert_int_equal(r[1].er, CORE_OK);
	assert_int_equal(r[0].queued + r[1].queued, 250);
	assert_int_equal(emails(dbn), 250);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(DISTINCT JSON_VALUE(payload, '$.data.subscription_id'))"
	    " FROM outbox WHERE kind = 'email'"), 250);
	assert_int_equal(testlib_int(dbn, "SELECT COUNT(*) FROM subscriptions WHERE trial_reminded_on IS NULL"), 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_kind_queues_its_mail),
		cmocka_unit_test(rendered_in_every_theme),
		cmocka_unit_test(trials_reminded_once),
		cmocka_unit_test(two_workers_remind_each_trial_once),
	};

	return testlib_result(cmocka_run_group_tests(tests, NULL, NULL));
}
