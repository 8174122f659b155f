/*
 * test_fcgi_stale.c - public pages after a distributor-wide change
 * (fcgi/stale.h), against the real database with the demo data: a
 * product's cost changed through core, as the catalog editor does, leaves
 * the home pages of the storefronts listing it served in their old
 * version only until they are rendered again in the background (the
 * most visited storefront first) or the bound is over; a personal page
 * and a storefront's own change show the new at once; the catch-up is
 * logged.  And the page store (fcgi/pagestore.h): a restarted worker
 * sends the page made before it, under the same key only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>
#include <cmocka.h>
#include "actor.h"
#include "catalog.h"
#include "log.h"
#include "product.h"
#include "server.h"
#include "testlib.h"

#define DB "test_fcgi_stale"

static struct server srv;
static int64_t cost = 1060;

static const char *
home(const char *slug, const char *extra)
{
	static char uri[64];
	struct request req;

	snprintf(uri, sizeof(uri), "/s/%s/", slug);
	return testlib_fcgi_run(&srv, &req, "GET", uri, extra);
}

/* price - the home of slug shows product 3 at cost * (1 + markup_bp): "€12.51". */
static const char *
price(int64_t markup_bp)
{
	static char s[32];
	int64_t p = (cost * (10000 + markup_bp) + 5000) / 10000;

	snprintf(s, sizeof(s), "\xe2\x82\xac%lld.%02lld", (long long)(p / 100), (long long)(p % 100));
	return s;
}

/* set_cost - product 3's cost changed as the catalog editor does: every storefront listing it gets a version. */
static void
set_cost(int64_t c)
{
	struct actor d = testlib_actor(ROLE_DISTRIBUTOR_ADMIN, 1, 1, 0, 0, "admin");
	struct product_spec specs[PRODUCT_SPECS_MAX];
	const char *slugs[PRODUCT_CATEGORIES_MAX];
	struct product_input in;
	struct product p;
	json_t *hold = NULL;
	char why[256];
	struct db *db = testlib_open(DB);

	assert_int_equal(catalog_product_get(db, &d, 3, &p), CORE_OK);
	assert_int_equal(product_input_of(&p, &in, specs, slugs, &hold), CORE_OK);
	in.unit_cost = c;
	assert_int_equal(catalog_product_update(db, &d, 3, &in, why), CORE_OK);
	json_decref(hold);
	product_done(&p);
	db_close(db);
	cost = c;
}

/* queued_reseller - the storefront of the one page queued to be rendered again (0: none or several). */
static int64_t
queued_reseller(void)
{
	int64_t r = 0;
	int i, n = 0;

	for (i = 0; i < STALE_PAGES; i++)
		if (srv.stale.pages[i].env != NULL) {
			r = srv.stale.pages[i].reseller_id;
			n++;
		}
	return n == 1 ? r : 0;
}

static int
rerender(void)
{
	struct request req;

	return server_rerender(&srv, &req);
}

static void
background_in_traffic_order(void **state)
{
	char logbuf[4096] = "", demo_old[32], bright_old[32];
	FILE *log;
	int i;

	(void)state;
	testlib_need_db();
	srv.stale.max_ms = 600000;	/* nothing here waits on the clock */
	log = fmemopen(logbuf, sizeof(logbuf), "w");
	assert_non_null(log);
	log_open("shelf-fcgi", log);
	snprintf(demo_old, sizeof(demo_old), "%s", price(1800));
	snprintf(bright_old, sizeof(bright_old), "%s", price(1500));
	assert_non_null(strstr(home("demo", NULL), demo_old));
	assert_non_null(strstr(home("bluewave", NULL), bright_old));
	for (i = 0; i < 3; i++)
		home("demo", NULL);	/* demo is the busier shop */

	set_cost(2000);
	/* both homes: their old version, each queued once */
	assert_non_null(strstr(home("bluewave", NULL), bright_old));
	assert_non_null(strstr(home("demo", NULL), demo_old));
	assert_non_null(strstr(home("demo", NULL), demo_old));
	assert_int_equal(stale_pending(&srv.stale), 2);
	/* a visitor with a cart sees a page of its own: the new price at once */
	assert_non_null(strstr(home("demo", "HTTP_COOKIE=shelf_cart=1:1"), price(1800)));

	/* the busier storefront is rendered again first; bluewave still waits */
	assert_int_equal(rerender(), 1);
	assert_int_equal(stale_pending(&srv.stale), 1);
	assert_int_equal(queued_reseller(), 8);
	assert_non_null(strstr(home("demo", NULL), price(1800)));
	assert_non_null(strstr(home("bluewave", NULL), bright_old));
	assert_int_equal(rerender(), 1);
	assert_int_equal(stale_pending(&srv.stale), 0);
	assert_int_equal(rerender(), 0);
	assert_non_null(strstr(home("bluewave", NULL), price(1500)));

	/* and the catch-up said so */
	fflush(log);
	assert_non_null(strstr(logbuf, "shelf-fcgi: 2 pages rendered again after distributor-wide changes;"));
	assert_non_null(strstr(logbuf, "(bound 600000 ms), 0 rendered on request"));
	log_open("shelf-fcgi", NULL);
	fclose(log);
}

static void
bounded_window(void **state)
{
	char old[32];

	(void)state;
	testlib_need_db();
	srv.stale.max_ms = 50;
	home("demo", NULL);
	snprintf(old, sizeof(old), "%s", price(1800));
	set_cost(2100);
	assert_non_null(strstr(home("demo", NULL), old));	/* the page before the change */
	assert_int_equal(stale_pending(&srv.stale), 1);
	usleep(80 * 1000);
	/* past the bound: rendered on the request, off the queue */
	assert_non_null(strstr(home("demo", NULL), price(1800)));
	assert_int_equal(stale_pending(&srv.stale), 0);

	/* no window at all: the next request renders */
	srv.stale.max_ms = 0;
	set_cost(2200);
	assert_non_null(strstr(home("demo", NULL), price(1800)));
	assert_int_equal(stale_pending(&srv.stale), 0);
}

static void
own_change_at_once(void **state)
{
	(void)state;
	testlib_need_db();
	srv.stale.max_ms = 600000;
	home("demo", NULL);
	/* the storefront's own change (a markup, as core/listing.c bumps it): new on the next request */
	testlib_sql(DB, "UPDATE listings SET markup_bp = 5000 WHERE reseller_id = 1 AND product_id = 3");
	testlib_sql(DB, "UPDATE storefronts SET version = version + 1 WHERE reseller_id = 1");
	assert_non_null(strstr(home("demo", NULL), price(5000)));
	assert_int_equal(stale_pending(&srv.stale), 0);
	/* a distributor-wide change, then one of its own before the page was rendered again: new at once */
	set_cost(2300);
	testlib_sql(DB, "UPDATE listings SET markup_bp = 6000 WHERE reseller_id = 1 AND product_id = 3");
	testlib_sql(DB, "UPDATE storefronts SET version = version + 1 WHERE reseller_id = 1");
	assert_non_null(strstr(home("demo", NULL), price(6000)));
	assert_int_equal(stale_pending(&srv.stale), 0);
}

/* restart - the worker stopped and opened again on the same configuration: nothing in memory. */
static void
restart(void)
{
	struct config cfg = srv.cfg;
	char msg[256];

	server_close(&srv);
	assert_int_equal(server_open(&srv, &cfg, msg, sizeof(msg)), CORE_OK);
}

/* store_files - the page files in dir; with cut, each cut to half its size. */
static int
store_files(const char *dir, int cut)
{
	char path[512];
	struct dirent *d;
	struct stat st;
	DIR *dh = opendir(dir);
	int n = 0;

	assert_non_null(dh);
	while ((d = readdir(dh)) != NULL) {
		if (strstr(d->d_name, ".page") == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		if (cut) {
			assert_int_equal(stat(path, &st), 0);
			assert_int_equal(truncate(path, st.st_size / 2), 0);
		}
		n++;
	}
	closedir(dh);
	return n;
}

static void
store_after_restart(void **state)
{
	char dir[] = "/tmp/shelf-test-pages-XXXXXX", path[512];
	const char *r;
	struct dirent *d;
	DIR *dh;

	(void)state;
	testlib_need_db();
	assert_non_null(mkdtemp(dir));
	snprintf(srv.cfg.page_dir, sizeof(srv.cfg.page_dir), "%s", dir);
	restart();
	r = home("demo", "HTTP_ACCEPT_ENCODING=br");
	assert_non_null(strstr(r, "Content-Encoding: br"));
	assert_int_equal(store_files(dir, 0), 1);
	/* a change no version tells of: only a page made again would show it */
	testlib_sql(DB, "UPDATE products SET name = 'Renamed Standard' WHERE id = 3");
	restart();
	r = home("demo", NULL);
	assert_int_equal(testlib_fcgi_status(r), 200);
	assert_non_null(strstr(r, "Microsoft 365 Business Standard"));
	assert_null(strstr(r, "Renamed Standard"));
	/* the coding made before came along: sent as it was stored */
	assert_non_null(strstr(home("demo", "HTTP_ACCEPT_ENCODING=br"), "Content-Encoding: br"));
	/* a new version is a miss, as in the cache: made again, and the file now holds that one */
	testlib_sql(DB, "UPDATE storefronts SET version = version + 1 WHERE reseller_id = 1");
	assert_non_null(strstr(home("demo", NULL), "Renamed Standard"));
	/* a file that is not whole is no page: made again */
	testlib_sql(DB, "UPDATE products SET name = 'Microsoft 365 Business Standard' WHERE id = 3");
	restart();
	assert_int_equal(store_files(dir, 1), 1);
	assert_non_null(strstr(home("demo", NULL), "Microsoft 365 Business Standard"));

	srv.cfg.page_dir[0] = '\0';
	restart();
	dh = opendir(dir);
	while ((d = readdir(dh)) != NULL)
		if (d->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
			unlink(path);
		}
	closedir(dh);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(background_in_traffic_order),
		cmocka_unit_test(bounded_window),
		cmocka_unit_test(own_change_at_once),
		cmocka_unit_test(store_after_restart),
	};

	return testlib_fcgi_main("test_fcgi_stale", tests, TESTLIB_LEN(tests), &srv, DB, NULL);
}
