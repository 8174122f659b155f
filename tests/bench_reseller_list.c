/*
 * bench_reseller_list.c - the distributor's reseller list as the TUI asks
 * for it: the first page, then one query per search keystroke.  Run on a
 * loaded dataset (make bench-tui, after `bin/shelf seed --scale L`);
 * prints milliseconds per call, the median of 5 runs each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "operator.h"
#include "reseller.h"
#include "testlib.h"

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * one_query - median ms of 5 runs of what the TUI does for one
 * keystroke: the narrowed page (names, editions, storefronts) at once;
 * *figures_ms gets the median of the customers/MRR fill that follows
 * when typing pauses.
 */
static double
one_query(struct db *db, const struct actor *a, const char *search, int64_t *total, double *figures_ms)
{
	struct reseller_query q = { search, -1, RESELLER_SORT_NAME, 0, 28, 0, 1 };
	struct reseller_list l;
	struct timespec t0;
	double ms[5], fig[5];
	int i;

	for (i = 0; i < 5; i++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (reseller_list(db, a, &q, &l) != CORE_OK) {
			fprintf(stderr, "reseller_list: %s\n", db_error(db));
			exit(1);
		}
		ms[i] = testlib_ms_since(&t0);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (reseller_list_figures(db, a, &l) != CORE_OK) {
			fprintf(stderr, "reseller_list_figures: %s\n", db_error(db));
			exit(1);
		}
		fig[i] = testlib_ms_since(&t0);
		*total = (int64_t)l.total;
		reseller_list_free(&l);
	}
	qsort(ms, 5, sizeof(ms[0]), cmp);
	qsort(fig, 5, sizeof(fig[0]), cmp);
	*figures_ms = fig[2];
	return ms[2];
}

int
main(int argc, char **argv)
{
	const char *login = argc > 1 ? argv[1] : "scale-admin";
	const char *typed = argc > 2 ? argv[2] : "scale-r12";
	struct config cfg;
	struct db *db;
	struct actor a;
	char why[CORE_WHY], prefix[64];
	double worst = 0, ms, fig;
	int64_t total = 0;
	size_t i;

	if (cli_open(&cfg, &db) != 0)
		return 1;
	if (operator_login(db, login, &a, why) != CORE_OK) {
		fprintf(stderr, "operator %s: %s (load the scale dataset first)\n", login, why);
		return 1;
	}
	ms = one_query(db, &a, NULL, &total, &fig);
	printf("reseller list as %s: open (first page of %lld resellers): %.1f ms; customers and MRR of the page %.1f ms\n",
	    login, (long long)total, ms, fig);
	if (ms > worst)
		worst = ms;
	for (i = 1; i <= strlen(typed) && i < sizeof(prefix); i++) {
		memcpy(prefix, typed, i);
		prefix[i] = '\0';
		ms = one_query(db, &a, prefix, &total, &fig);
		if (ms > worst)
			worst = ms;
		printf("  search \"%s\": %lld match, %.1f ms; figures %.1f ms when typing pauses\n",
		    prefix, (long long)total, ms, fig);
	}
	printf("slowest: %.1f ms to open or narrow the list (target < 100 ms)\n", worst);
	db_close(db);
	return 0;
}
