#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <mysql.h>
#include "migrate.h"
#include "order.h"
#include "request.h"
#include "server.h"
#include "seed.h"
#include "usage_import.h"
#include "testlib.h"

int
testlib_have_db(void)
{
	const char *s = getenv("SHELF_DB_SOCKET");

	return s != NULL && *s != '\0';
}

static int skipped_for_db;

void
testlib_need_db(void)
{
	if (testlib_have_db())
		return;
	if (skipped_for_db++ == 0)
		fprintf(stderr, "# skipped: needs a MariaDB server (SHELF_DB_SOCKET is unset; make test starts one)\n");
	skip();
}

int
testlib_result(int failed)
{
	if (failed != 0)
		return failed;
	return skipped_for_db ? TESTLIB_SKIPPED : 0;
}

void
testlib_config(struct config *cfg, const char *dbname)
{
	char msg[512];

	testlib_need_db();
	if (config_load(cfg, msg, sizeof(msg)) != CORE_OK)
		fail_msg("config: %s", msg);
	snprintf(cfg->db_name, sizeof(cfg->db_name), "%s", dbname);
	/* unit and integration tests run at the demo story's instant, whatever the date */
	if (cfg->clock[0] == '\0')
		snprintf(cfg->clock, sizeof(cfg->clock), "%s", TESTLIB_CLOCK);
	/* the media store's files (the demo's images, the media tests') outside the tree */
	if (getenv("SHELF_MEDIA_DIR") == NULL)
		snprintf(cfg->media_dir, sizeof(cfg->media_dir), "%s/shelf-test-media",
		    getenv("SHELF_TEST_VAR") ? getenv("SHELF_TEST_VAR") : "/tmp");
}

static MYSQL *
raw_connect(const char *dbname)
{
	struct config cfg;
	MYSQL *my;

	testlib_config(&cfg, dbname ? dbname : "");
	my = mysql_init(NULL);
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(my, NULL, cfg.db_user, cfg.db_password[0] ? cfg.db_password : NULL,
	    dbname, 0, cfg.db_socket, CLIENT_MULTI_STATEMENTS) == NULL)
		fail_msg("connect %s: %s", dbname ? dbname : "(server)", mysql_error(my));
	if (mysql_query(my, "SET time_zone = '+00:00', timestamp = UNIX_TIMESTAMP('" TESTLIB_CLOCK "')") != 0)
		fail_msg("pin the clock: %s", mysql_error(my));
	return my;
}

static char *
vformat(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		fail_msg("out of memory");
	return s;
}

static char *
query_first(const char *dbname, const char *sql)
{
	MYSQL *my = raw_connect(dbname);
	MYSQL_RES *rs;
	MYSQL_ROW row;
	char *out;

	if (mysql_query(my, sql) != 0)
		fail_msg("%s -- in: %.300s", mysql_error(my), sql);
	if ((rs = mysql_store_result(my)) == NULL || (row = mysql_fetch_row(rs)) == NULL)
		fail_msg("%s: no row", sql);
	out = strdup(row[0] ? row[0] : "");
	mysql_free_result(rs);
	mysql_close(my);
	return out;
}

/* vstr - testlib_str with a va_list. */
static char *
vstr(const char *dbname, const char *fmt, va_list ap)
{
	char *sql = vformat(fmt, ap), *v;

	v = query_first(dbname, sql);
	free(sql);
	return v;
}

int64_t
testlib_int(const char *dbname, const char *fmt, ...)
{
	va_list ap;
	char *v;
	int64_t n;

	va_start(ap, fmt);
	v = vstr(dbname, fmt, ap);
	va_end(ap);
	n = strtoll(v, NULL, 10);
	free(v);
	return n;
}

char *
testlib_str(const char *dbname, const char *fmt, ...)
{
	va_list ap;
	char *v;

	va_start(ap, fmt);
	v = vstr(dbname, fmt, ap);
	va_end(ap);
	return v;
}

void
testlib_str_is(const char *dbname, const char *want, const char *fmt, ...)
{
	va_list ap;
	char *v;

	va_start(ap, fmt);
	v = vstr(dbname, fmt, ap);
	va_end(ap);
	assert_string_equal(v, want);
	free(v);
}

void
testlib_sql(const char *dbname, const char *fmt, ...)
{
	va_list ap;
	char *sql;
	MYSQL *my;
	MYSQL_RES *rs;

	va_start(ap, fmt);
	sql = vformat(fmt, ap);
	va_end(ap);
	my = raw_connect(dbname);
	if (mysql_query(my, sql) != 0)
		fail_msg("%s -- in: %.300s", mysql_error(my), sql);
	do {
		if ((rs = mysql_store_result(my)) != NULL)
			mysql_free_result(rs);
	} while (mysql_next_result(my) == 0);
	if (mysql_errno(my))
		fail_msg("%s -- in: %.300s", mysql_error(my), sql);
	mysql_close(my);
	free(sql);
}

struct db *
testlib_open(const char *dbname)
{
	struct config cfg;
	struct db *db;
	char msg[1024];

	testlib_config(&cfg, dbname);
	if (db_open(&cfg, &db, msg, sizeof(msg)) != CORE_OK)
		fail_msg("%s", msg);
	return db;
}

struct db *
testlib_fresh(const char *dbname, int flags)
{
	struct config cfg;
	struct db *db;
	char msg[1024];
	int applied;

	testlib_sql(NULL, "DROP DATABASE IF EXISTS `%s`; CREATE DATABASE `%s` "
	    "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", dbname, dbname);
	db = testlib_open(dbname);
	testlib_config(&cfg, dbname);
	if ((flags & (TESTLIB_MIGRATE | TESTLIB_DEMO | TESTLIB_SCALE_S)) &&
	    migrate_apply(db, cfg.sql_dir, &applied, NULL, NULL, msg, sizeof(msg)) != CORE_OK)
		fail_msg("migrate: %s", msg);
	if ((flags & TESTLIB_DEMO) && seed_demo(db, cfg.sql_dir, msg, sizeof(msg)) != CORE_OK)
		fail_msg("seed demo: %s", msg);
	if ((flags & TESTLIB_SCALE_S) && seed_scale(db, cfg.sql_dir, SEED_S, msg, sizeof(msg)) != CORE_OK)
		fail_msg("seed scale S: %s", msg);
	return db;
}

struct db *
testlib_fixture(const char *dbname, const char *sql)
{
	struct db *db = testlib_fresh(dbname, TESTLIB_MIGRATE);

	testlib_sql(dbname, "%s", sql);
	testlib_rollup(dbname);
	return db;
}

void
testlib_rollup(const char *dbname)
{
	struct db *db;

	if (!testlib_have_db())
		return;
	db = testlib_open(dbname);
	if (usage_rollup_rebuild(db) != CORE_OK)
		fail_msg("usage_rollup_rebuild: %s", db_error(db));
	db_close(db);
}

struct actor
testlib_actor(enum actor_role role, int64_t id, int64_t distributor_id, int64_t reseller_id,
    int64_t customer_id, const char *name_fmt, ...)
{
	struct actor a;
	va_list ap;

	memset(&a, 0, sizeof(a));
	a.kind = role == ROLE_CUSTOMER_OWNER || role == ROLE_CUSTOMER_MEMBER ? ACTOR_STOREFRONT_USER : ACTOR_OPERATOR;
	a.role = role;
	a.id = id;
	va_start(ap, name_fmt);
	vsnprintf(a.name, sizeof(a.name), name_fmt, ap);
	va_end(ap);
	a.distributor_id = distributor_id;
	a.reseller_id = reseller_id;
	a.customer_id = customer_id;
	return a;
}

void
testlib_valid(const char *name, int (*valid)(const char *), const char *const *yes, size_t nyes,
    const char *const *no, size_t nno)
{
	size_t i;

	for (i = 0; i < nyes; i++)
		if (!valid(yes[i]))
			fail_msg("%s refuses \"%s\"", name, yes[i]);
	for (i = 0; i < nno; i++)
		if (valid(no[i]))
			fail_msg("%s accepts \"%s\"", name, no[i] ? no[i] : "(null)");
}

int64_t
testlib_mrr_reseller(const char *dbname, int64_t rid)
{
	return testlib_int(dbname, "SELECT " TESTLIB_MRR_SUBS("s.reseller_id = %lld") " + "
	    TESTLIB_MRR_USAGE("u.reseller_id = %lld"), (long long)rid, (long long)rid);
}

int64_t
testlib_mrr_customer(const char *dbname, int64_t cid)
{
	return testlib_int(dbname, "SELECT " TESTLIB_MRR_SUBS("s.customer_id = %lld") " + "
	    TESTLIB_MRR_USAGE("u.customer_id = %lld"), (long long)cid, (long long)cid);
}

double
testlib_ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

struct actor
testlib_owner(int64_t user, int64_t reseller, int64_t customer)
{
	return testlib_actor(ROLE_CUSTOMER_OWNER, user, 1, reseller, customer, "u%lld@example.com", (long long)user);
}

struct actor
testlib_member(int64_t user, int64_t reseller, int64_t customer)
{
	return testlib_actor(ROLE_CUSTOMER_MEMBER, user, 1, reseller, customer, "u%lld@example.com", (long long)user);
}

struct actor
testlib_admin(int64_t op, int64_t reseller)
{
	return testlib_actor(ROLE_RESELLER_ADMIN, op, 1, reseller, 0, "ra%lld", (long long)reseller);
}

int64_t
testlib_place(struct db *db, const struct actor *u, const struct order_line_input *lines, size_t n)
{
	char why[CORE_WHY] = "";
	int64_t id = 0;

	if (order_place(db, u, lines, n, NULL, &id, why) != CORE_OK)
		fail_msg("order_place: %s", why);
	return id;
}

void
testlib_cast(struct testlib_cast *c)
{
	c->ra_alpha = testlib_actor(ROLE_RESELLER_ADMIN, 11, 1, 1, 0, "alpha-admin");
	c->ra_beta = testlib_actor(ROLE_RESELLER_ADMIN, 12, 1, 2, 0, "beta-admin");
	c->dist_admin = testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 11, 1, 0, 0, "alpha-admin");
	c->support = testlib_actor(ROLE_SUPPORT, 11, 1, 0, 0, "alpha-admin");
	c->other_admin = testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 11, 2, 0, 0, "alpha-admin");
	c->customer = testlib_actor(ROLE_CUSTOMER_OWNER, 11, 1, 1, 1, "alpha-admin");
}

int
testlib_fcgi_open(struct server *srv, const char *dbname, const char *base_domain)
{
	struct config cfg;
	char msg[256];

	if (!testlib_have_db())
		return 0;
	db_close(testlib_fresh(dbname, TESTLIB_MIGRATE | TESTLIB_DEMO));
	testlib_config(&cfg, dbname);
	snprintf(cfg.public_url, sizeof(cfg.public_url), "http://shop.test");
	if (base_domain != NULL)
		snprintf(cfg.base_domain, sizeof(cfg.base_domain), "%s", base_domain);
	if (server_open(srv, &cfg, msg, sizeof(msg)) != CORE_OK) {
		fprintf(stderr, "server_open: %s\n", msg);
		return -1;
	}
	return 0;
}

int
testlib_fcgi_main(const char *name, const struct CMUnitTest *tests, size_t n, struct server *srv,
    const char *dbname, const char *base_domain)
{
	int failed;

	if (testlib_fcgi_open(srv, dbname, base_domain) != 0)
		return 1;
	failed = _cmocka_run_group_tests(name, tests, n, NULL, NULL);
	server_close(srv);
	return testlib_result(failed);
}

const char *
testlib_fcgi_run(struct server *srv, struct request *req, const char *method, const char *uri, const char *extra)
{
	static char out[1 << 20];
	char m[32], u[2048], *envp[8];
	int n = 0;

	snprintf(m, sizeof(m), "REQUEST_METHOD=%s", method);
	snprintf(u, sizeof(u), "REQUEST_URI=%s", uri);
	envp[n++] = m;
	envp[n++] = u;
	envp[n++] = "HTTP_HOST=127.0.0.1";
	envp[n++] = "SERVER_PORT=8080";
	if (extra)
		envp[n++] = (char *)extra;
	envp[n] = NULL;
	request_init(req, srv, NULL);
	server_handle(req, envp, NULL);
	snprintf(out, sizeof(out), "%s", buf_cstr(&req->captured));
	request_free(req);
	return out;
}

int
testlib_fcgi_status(const char *reply)
{
	int s = 0;

	sscanf(reply, "Status: %d", &s);
	return s;
}

void
testlib_fcgi_expect(struct server *srv, const struct testlib_fcgi_case *cases, size_t n, const char *extra)
{
	struct request req;
	const char *r;
	size_t i;
	int got;

	for (i = 0; i < n; i++) {
		r = testlib_fcgi_run(srv, &req, cases[i].method, cases[i].uri, extra);
		if ((got = testlib_fcgi_status(r)) != cases[i].status)
			fail_msg("%s %s: status %d, expected %d", cases[i].method, cases[i].uri, got, cases[i].status);
		if (cases[i].has != NULL && strstr(r, cases[i].has) == NULL)
			fail_msg("%s %s: no \"%s\" in the reply", cases[i].method, cases[i].uri, cases[i].has);
	}
}

struct racer {
	const char        *dbname;
	pthread_barrier_t *barrier;
	void             (*fn)(struct db *db, int i, void *arg);
	void              *arg;
	int                i;
};

static void *
racer_main(void *p)
{
	struct racer *r = p;
	struct db *db = testlib_open(r->dbname);

	pthread_barrier_wait(r->barrier);
	r->fn(db, r->i, r->arg);
	db_close(db);
	return NULL;
}

void
testlib_race(const char *dbname, int n, void (*fn)(struct db *db, int i, void *arg), void *arg)
{
	struct racer r[TESTLIB_RACE_MAX];
	pthread_t t[TESTLIB_RACE_MAX];
	pthread_barrier_t barrier;
	int i;

	assert_true(n > 0 && n <= TESTLIB_RACE_MAX);
	pthread_barrier_init(&barrier, NULL, (unsigned)n);
	for (i = 0; i < n; i++) {
		r[i] = (struct racer){ dbname, &barrier, fn, arg, i };
		pthread_create(&t[i], NULL, racer_main, &r[i]);
	}
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&barrier);
}
