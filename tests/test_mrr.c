/*
 * test_mrr.c - one Monthly Run Rate everywhere (core/mrr.h): the
 * Customers screen (customer_list, customer_stats), the Resellers list
 * (reseller_list, reseller_get), the dashboard (dashboard_get), the
 * support inspector (inspect_get, inspect_own_reseller) and the
 * storefront account page's "monthly spend" (mrr_account, what
 * fcgi/page_account.c shows) agree on every demo customer and every
 * demo reseller, and all equal an independent SQL statement of the
 * definition.  A small fixture adds the cases where the inspector once
 * differed: annual subscriptions rounded per subscription (not their
 * sum once), and usage charged at cost plus the subscription's markup
 * even when the stored usage price was rated otherwise.  The independent
 * statement is testlib's (TESTLIB_MRR_SUBS, TESTLIB_MRR_USAGE).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "customer.h"
#include "dashboard.h"
#include "inspect.h"
#include "money.h"
#include "mrr.h"
#include "reseller.h"
#include "testlib.h"

#define DB_DEMO "sr_mrr_demo"
#define DB_FIX  "sr_mrr"

static struct actor
actor_of(enum actor_role role, int64_t distributor_id, int64_t reseller_id, int64_t customer_id)
{
	return testlib_actor(role, 1, distributor_id, reseller_id, customer_id, "%s", actor_role_name(role));
}

/* doc_mrr - the "MRR" value of the inspector document d ("" when absent). */
static const char *
doc_mrr(const struct inspect_doc *d)
{
	size_t i, j;

	for (i = 0; i < d->nsections; i++)
		if (d->sections[i].ncols == 0)
			for (j = 0; j < d->sections[i].nrows; j++)
				if (strcmp(d->sections[i].rows[j].cell[0], "MRR") == 0)
					return d->sections[i].rows[j].cell[1];
	return "";
}

/*
 * check_reseller - every view of reseller rid (of distributor did) and of
 * each of its customers shows the independent figure.  Returns the
 * reseller's MRR.
 */
static int64_t
check_reseller(struct db *db, const char *dbname, int64_t did, int64_t rid)
{
	struct actor sup = actor_of(ROLE_SUPPORT, did, 0, 0);
	struct actor dist = actor_of(ROLE_DISTRIBUTOR_ADMIN, did, 0, 0);
	struct actor adm = actor_of(ROLE_RESELLER_ADMIN, did, rid, 0);
	struct customer_query q = { .limit = CUSTOMER_LIMIT_MAX };
	struct customer_list cl;
	struct reseller_query rq = { NULL, -1, RESELLER_SORT_NAME, 0, RESELLER_LIST_MAX, 0, 0 };
	struct reseller_list rl;
	struct reseller r;
	struct dashboard dash;
	struct inspect_doc doc;
	char cur[4], money[64];
	int64_t want, sum = 0, all, tr, mrr, fn;
	char *c;
	size_t i;
	int seen = 0;

	c = testlib_str(dbname, "SELECT currency FROM resellers WHERE id = %lld", (long long)rid);
	snprintf(cur, sizeof(cur), "%s", c);
	free(c);
	want = testlib_mrr_reseller(dbname, rid);

	/* each customer: Customers list, inspector, account page, mrr_customer */
	for (q.offset = 0;; q.offset += CUSTOMER_LIMIT_MAX) {
		assert_int_equal(customer_list(db, &sup, rid, &q, &cl), CORE_OK);
		for (i = 0; i < cl.n; i++) {
			struct actor user = actor_of(ROLE_CUSTOMER_MEMBER, did, rid, cl.items[i].id);
			int64_t ind = testlib_mrr_customer(dbname, cl.items[i].id), spend;

			assert_int_equal(cl.items[i].mrr, ind);
			assert_int_equal(mrr_customer(db, rid, cl.items[i].id, &fn), CORE_OK);
			assert_int_equal(fn, ind);
			assert_int_equal(mrr_account(db, &user, &spend), CORE_OK);
			assert_int_equal(spend, ind);
			assert_int_equal(inspect_get(db, &sup, INSPECT_CUSTOMER, cl.items[i].id, NULL, &doc), CORE_OK);
			assert_string_equal(doc_mrr(&doc), money_format(ind, cur, money, sizeof(money)));
			inspect_doc_free(&doc);
			sum += ind;
		}
		all = cl.total;
		customer_list_free(&cl);
		if (q.offset + CUSTOMER_LIMIT_MAX >= all)
			break;
	}
	assert_int_equal(sum, want);

	/* the reseller: Customers screen, Resellers list and get, dashboard, inspector */
	assert_int_equal(customer_stats(db, &sup, rid, &all, &tr, &mrr), CORE_OK);
	assert_int_equal(mrr, want);
	assert_int_equal(mrr_reseller(db, rid, &fn), CORE_OK);
	assert_int_equal(fn, want);
	assert_int_equal(reseller_get(db, &dist, rid, &r), CORE_OK);
	assert_int_equal(r.mrr, want);
	for (rq.offset = 0; !seen; rq.offset += RESELLER_LIST_MAX) {
		assert_int_equal(reseller_list(db, &dist, &rq, &rl), CORE_OK);
		for (i = 0; i < rl.n; i++)
			if (rl.items[i].id == rid) {
				assert_int_equal(rl.items[i].mrr, want);
				seen = 1;
			}
		all = rl.total;
		reseller_list_free(&rl);
		if (rq.offset + RESELLER_LIST_MAX >= all)
			break;
	}
	assert_true(seen);
	assert_int_equal(dashboard_get(db, &adm, &dash), CORE_OK);
	assert_int_equal(dash.mrr, want);
	assert_int_equal(inspect_get(db, &sup, INSPECT_RESELLER, rid, NULL, &doc), CORE_OK);
	assert_string_equal(doc_mrr(&doc), money_format(want, cur, money, sizeof(money)));
	inspect_doc_free(&doc);
	assert_int_equal(inspect_own_reseller(db, &adm, NULL, &doc), CORE_OK);
	assert_string_equal(doc_mrr(&doc), money_format(want, cur, money, sizeof(money)));
	inspect_doc_free(&doc);
	return want;
}

static void
every_view_agrees_on_demo_data(void **state)
{
	struct config cfg;
	char path[600], *ids, *p;
	struct db *db;
	int64_t did, total = 0, n = 0;

	(void)state;
	testlib_config(&cfg, DB_DEMO);
	snprintf(path, sizeof(path), "%s/seed/demo.sql", cfg.sql_dir);
	if (access(path, R_OK) != 0)
		skip();
	db = testlib_fresh(DB_DEMO, TESTLIB_MIGRATE | TESTLIB_DEMO);
	ids = testlib_str(DB_DEMO, "SELECT GROUP_CONCAT(CONCAT(distributor_id, ':', id) ORDER BY id SEPARATOR ' ')"
	    " FROM resellers");
	for (p = ids; p != NULL && *p; ) {
		long long d, r;
		int used;

		if (sscanf(p, "%lld:%lld%n", &d, &r, &used) != 2)
			break;
		did = d;
		total += check_reseller(db, DB_DEMO, did, r);
		n++;
		p += used;
		while (*p == ' ')
			p++;
	}
	free(ids);
	assert_true(n > 0);
	assert_true(total > 0);	/* the demo has something to agree on */
	print_message("demo: %lld resellers, MRR %lld in all\n", (long long)n, (long long)total);
	db_close(db);
}

/*
 * Reseller 1 (EUR): customer 1 has two annual subscriptions of 1 x 18
 * (2 + 2 = 4, where rounding their sum once would give 3) and an Azure
 * plan at 15 % whose usage of this month cost 1001 but was stored with
 * price 1001 (rated without the markup): the charge is 1001 + 150 =
 * 1151.  Customer 2 has a monthly 3 x 1234 = 3702, and a suspended one
 * that adds nothing.  MRR: customer 1 4 + 1151 = 1155, customer 2 3702,
 * reseller 4857.
 */
static const char *const fixture_sql =
    "INSERT INTO distributors (id, name, slug, currency, email) VALUES"
    " (1, 'Dist', 'dist', 'EUR', 'ops@dist.example');"
    "INSERT INTO resellers (id, distributor_id, name, email, edition, status, currency) VALUES"
    " (1, 1, 'Res', 'res@example.com', 'standard', 'active', 'EUR');"
    "INSERT INTO products (id, distributor_id, sku, name, slug, manufacturer, type, billing_period, unit_cost, currency)"
    " VALUES (1, 1, 'Y', 'Yearly', 'yearly', 'Acronis', 'license', 'annual', 15, 'EUR'),"
    " (2, 1, 'AZ', 'Azure plan', 'azure', 'Microsoft', 'usage', 'monthly', 0, 'EUR'),"
    " (3, 1, 'M', 'Monthly', 'monthly', 'Microsoft', 'license', 'monthly', 1000, 'EUR');"
    "INSERT INTO customers (id, reseller_id, name, email, active) VALUES"
    " (1, 1, 'One', 'one@example.com', 1), (2, 1, 'Two', 'two@example.com', 1);"
    "INSERT INTO subscriptions (id, reseller_id, customer_id, product_id, quantity, status, unit_price, unit_cost,"
    " markup_bp, billing_period, start_date, renewal_date) VALUES"
    " (1, 1, 1, 1, 1, 'active', 18, 15, 2000, 'annual', '2024-01-01', '2030-01-01'),"
    " (2, 1, 1, 1, 1, 'active', 18, 15, 2000, 'annual', '2024-01-01', '2030-01-01'),"
    " (3, 1, 1, 2, 1, 'active', 0, 0, 1500, 'monthly', '2024-01-01', '2030-01-01'),"
    " (4, 1, 2, 3, 3, 'active', 1234, 1000, 2340, 'monthly', '2024-01-01', '2030-01-01'),"
    " (5, 1, 2, 3, 2, 'suspended', 1234, 1000, 2340, 'monthly', '2024-01-01', '2030-01-01');"
    "INSERT INTO usage_records (reseller_id, customer_id, subscription_id, usage_date, service, meter, quantity,"
    " unit, cost, price) VALUES"
    " (1, 1, 3, UTC_DATE(), 'Compute', 'D2s v5', 24, 'hours', 1001, 1001),"
    " (1, 1, 3, UTC_DATE() - INTERVAL 1 MONTH, 'Compute', 'D2s v5', 24, 'hours', 5000, 5750);";

static void
the_rule_where_views_used_to_differ(void **state)
{
	struct db *db = testlib_fresh(DB_FIX, TESTLIB_MIGRATE);
	struct actor other = actor_of(ROLE_RESELLER_ADMIN, 1, 1, 0);
	int64_t v;

	(void)state;
	testlib_sql(DB_FIX, "%s", fixture_sql);
	testlib_rollup(DB_FIX);
	assert_int_equal(testlib_mrr_customer(DB_FIX, 1), 1155);
	assert_int_equal(testlib_mrr_customer(DB_FIX, 2), 3702);
	assert_int_equal(check_reseller(db, DB_FIX, 1, 1), 4857);
	/* the account page's figure is a storefront user's own customer only */
	assert_int_equal(mrr_account(db, &other, &v), CORE_FORBIDDEN);
	assert_int_equal(v, 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_rule_where_views_used_to_differ),
		cmocka_unit_test(every_view_agrees_on_demo_data),
	};

	return cmocka_run_group_tests_name("mrr", tests, NULL, NULL);
}
