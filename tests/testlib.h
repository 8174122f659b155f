/*
 * testlib.h - what the database tests share.  tools/test.sh starts a
 * throwaway MariaDB and exports SHELF_DB_SOCKET etc.; each test program
 * makes its own databases on it, so programs never see each other's data.
 *
 * Failures here are test failures (cmocka's fail_msg), never silent.
 * Without a server (SHELF_DB_SOCKET unset, as under `make check`) a test
 * skips at its first use of the database, and the program's main returns
 * testlib_result(...), so tools/test.sh counts the suite as skipped.
 */
#ifndef SHELF_TESTLIB_H
#define SHELF_TESTLIB_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "config.h"
#include "actor.h"
#include "db.h"

#define TESTLIB_MIGRATE 1	/* apply sql/ migrations */
#define TESTLIB_DEMO    2	/* and load the demo data */
#define TESTLIB_SCALE_S 4	/* and the scale dataset S */

/*
 * The instant the database tests run at: the demo story's "now" (see
 * sql/seed/demo.sql), so the demo data load unchanged and every figure is
 * the same on any day.  Core connections pin it through the config's
 * clock, testlib's own connections with SET timestamp.
 */
#define TESTLIB_CLOCK "2026-11-25 12:00:00"

/* testlib_config - the environment's configuration with db_name = dbname and the clock at TESTLIB_CLOCK. */
void testlib_config(struct config *cfg, const char *dbname);

/* testlib_fresh - drop and create dbname, apply flags, return a connection to it. */
struct db *testlib_fresh(const char *dbname, int flags);

/* testlib_open - a new connection to an existing dbname. */
struct db *testlib_open(const char *dbname);

/*
 * testlib_race - run fn(db, i, arg) for i in 0..n-1 on n threads at once,
 * each with a connection of its own to dbname (closed after), released
 * together by one barrier; returns when all are done.  n <= TESTLIB_RACE_MAX.
 */
#define TESTLIB_RACE_MAX 16
void testlib_race(const char *dbname, int n, void (*fn)(struct db *db, int i, void *arg), void *arg);

/* testlib_int - run independent SQL (not through core) on dbname; the first column of the first row. */
int64_t testlib_int(const char *dbname, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* testlib_str - as testlib_int, the text of the first column ("" for NULL), malloc'd. */
char *testlib_str(const char *dbname, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* testlib_str_is - assert that testlib_str gives want (cmocka's assert_string_equal). */
void testlib_str_is(const char *dbname, const char *want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* testlib_sql - run independent SQL statements on dbname; fails the test on error. */
void testlib_sql(const char *dbname, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * testlib_fixture - testlib_fresh(dbname, TESTLIB_MIGRATE), then the
 * statements of sql, then testlib_rollup (a fixture's usage rows get
 * their monthly rollup, as the import and the seeds keep it).
 */
struct db *testlib_fixture(const char *dbname, const char *sql);

/*
 * testlib_rollup - core's usage_rollup_rebuild on dbname: after a test
 * writes usage_records itself, usage_monthly (what every list and
 * summary reads) follows them.
 */
void testlib_rollup(const char *dbname);

/*
 * The start of the small fixtures (order, subscription, usage): distributor 1
 * (EUR) and its two Standard resellers, 1 and 2.
 */
#define TESTLIB_TWO_RESELLERS \
	"INSERT INTO distributors (id, name, slug, currency, email) VALUES (1, 'Dist', 'dist', 'EUR', 'd@example.com');" \
	"INSERT INTO resellers (id, distributor_id, name, email, edition, currency) VALUES" \
	" (1, 1, 'Reseller One', 'r1@example.com', 'standard', 'EUR')," \
	" (2, 1, 'Reseller Two', 'r2@example.com', 'standard', 'EUR');"

/*
 * testlib_actor - an actor as core's callers make it: a storefront user for
 * the customer roles, an operator otherwise; the name (login or e-mail) from
 * a printf format; ids of 0 where the role has none.
 */
struct actor testlib_actor(enum actor_role role, int64_t id, int64_t distributor_id, int64_t reseller_id,
    int64_t customer_id, const char *name_fmt, ...) __attribute__((format(printf, 6, 7)));

/*
 * The small fixtures' cast (test_order, test_subscription, test_usage_m365),
 * all of distributor 1: testlib_owner, testlib_member - storefront user
 * user ("uUSER@example.com") of customer of reseller, as the customer's
 * owner or member; testlib_admin - operator op ("raRESELLER") as
 * reseller's admin.
 */
struct order_line_input;

/*
 * testlib_place - order_place of lines (n of them) as u, without an order
 * token: the new order's id; a refusal fails the test with its reason.
 */
int64_t testlib_place(struct db *db, const struct actor *u, const struct order_line_input *lines, size_t n);

struct actor testlib_owner(int64_t user, int64_t reseller, int64_t customer);
struct actor testlib_member(int64_t user, int64_t reseller, int64_t customer);
struct actor testlib_admin(int64_t op, int64_t reseller);

/*
 * The tenant fixtures' cast (test_invoice_contact, test_storefront):
 * operator 11 "alpha-admin" as reseller 1's admin; operator 12 "beta-admin"
 * as reseller 2's; operator 11 as distributor 1's admin and as its support;
 * a distributor admin of distributor 2; and storefront user 11 of reseller
 * 1's customer 1 (owner).
 */
struct testlib_cast {
	struct actor ra_alpha, ra_beta, dist_admin, support, other_admin, customer;
};
void testlib_cast(struct testlib_cast *c);

/*
 * shelf-fcgi without nginx (test_fcgi_server, test_fcgi_account): a
 * server on a fresh demo database, requests answered by server_handle and
 * captured.
 *
 * testlib_fcgi_open - srv on dbname made afresh with the demo data, links on
 * http://shop.test, base_domain when not NULL; 0 (nothing opened) without a
 * server, when the tests skip; -1 when the server does not open.
 */
struct server;
struct request;
int testlib_fcgi_open(struct server *srv, const char *dbname, const char *base_domain);

/*
 * testlib_fcgi_main - a fcgi suite's main: srv opened as testlib_fcgi_open
 * says around the n tests of the cmocka group name, closed after them;
 * the status testlib_result gives.
 */
struct CMUnitTest;
int testlib_fcgi_main(const char *name, const struct CMUnitTest *tests, size_t n, struct server *srv,
    const char *dbname, const char *base_domain);

/* testlib_fcgi_run - answer method uri with one extra "NAME=value" param (or NULL); the captured reply (static). */
const char *testlib_fcgi_run(struct server *srv, struct request *req, const char *method, const char *uri,
    const char *extra);

/* testlib_fcgi_status - the Status: of a captured reply, 0 when none. */
int testlib_fcgi_status(const char *reply);

/* One request, the status it must answer and text its reply must hold (or NULL); a table of them is one testlib_fcgi_expect. */
struct testlib_fcgi_case {
	const char *method, *uri;
	int status;
	const char *has;
};

/* testlib_fcgi_expect - answer each of the n cases with extra (or NULL); a failure names the case. */
void testlib_fcgi_expect(struct server *srv, const struct testlib_fcgi_case *cases, size_t n, const char *extra);


/*
 * The Monthly Run Rate of core/mrr.h written again differently, for the
 * tests to hold core's figures against (test_customer, test_mrr): ROUND()
 * on exact decimals (half-up for these non-negative amounts) instead of
 * DIV, YEAR/MONTH instead of a date range, the usage customer from
 * usage_records.  where is SQL on subscriptions s, resp. usage_records u.
 */
#define TESTLIB_MRR_SUBS(where) \
	"(SELECT COALESCE(SUM(IF(s.billing_period = 'monthly', s.quantity * s.unit_price," \
	" ROUND(s.quantity * s.unit_price / 12))), 0) FROM subscriptions s WHERE s.status = 'active' AND " where ")"
#define TESTLIB_MRR_USAGE(where) \
	"(SELECT COALESCE(SUM(u.cost + ROUND(u.cost * s.markup_bp / 10000)), 0) FROM usage_records u" \
	" JOIN subscriptions s ON s.id = u.subscription_id WHERE YEAR(u.usage_date) = YEAR(UTC_DATE())" \
	" AND MONTH(u.usage_date) = MONTH(UTC_DATE()) AND " where ")"

/* testlib_mrr_reseller, testlib_mrr_customer - that MRR of reseller rid, of customer cid, on dbname. */
int64_t testlib_mrr_reseller(const char *dbname, int64_t rid);
int64_t testlib_mrr_customer(const char *dbname, int64_t cid);

/* testlib_ms_since - the milliseconds since t0 (CLOCK_MONOTONIC), for the tests and benches that time. */
double testlib_ms_since(const struct timespec *t0);

/* The number of elements of array a, for the tables the tests loop over. */
#define TESTLIB_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * testlib_valid - a validator's verdicts: valid(s) holds for each of the
 * nyes strings of yes and fails for each of the nno of no (NULL may be one
 * of them); a failure names the validator (name) and the string.
 * TESTLIB_VALID(valid, yes, no) gives the arrays' lengths.
 */
void testlib_valid(const char *name, int (*valid)(const char *), const char *const *yes, size_t nyes,
    const char *const *no, size_t nno);
#define TESTLIB_VALID(valid, yes, no) testlib_valid(#valid, valid, yes, TESTLIB_LEN(yes), no, TESTLIB_LEN(no))

/* testlib_have_db - true when tools/test.sh gave us a server (SHELF_DB_SOCKET set). */
int testlib_have_db(void);

/* testlib_need_db - skip the running test, saying why once, when there is no server. */
void testlib_need_db(void);

/* The exit status of a suite that ran but skipped tests for want of a server (automake's). */
#define TESTLIB_SKIPPED 77

/* testlib_result - main's status from cmocka's: the failures, else TESTLIB_SKIPPED when a test skipped, else 0. */
int testlib_result(int failed);

#endif
