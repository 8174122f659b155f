/* cmd_seed.c - `shelf seed --demo | --scale S|L`: load a dataset. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "cmd.h"
#include "seed.h"

static const char usage_text[] =
    "usage: shelf seed --demo\n"
    "       shelf seed --scale S|L\n\n"
    "--demo      load the demo distributor, resellers, catalog, customers, orders,\n"
    "            usage and invoices into an empty database\n"
    "--scale S   add the scale dataset S: 100 resellers, 10k customers,\n"
    "            40k subscriptions, 2k products\n"
    "--scale L   add the scale dataset L: 5,000 resellers, 500k customers,\n"
    "            2M subscriptions, 20k products, 10M usage rows (minutes)\n";

int
cmd_seed(int argc, char **argv)
{
	struct config cfg;
	struct db *db;
	struct timespec t0, t1;
	char msg[1024];
	int scale = -1, demo = 0, rc = 0;
	enum core_err er;

	if (cmd_wants_help(argc, argv)) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--demo") == 0)
		demo = 1;
	else if (argc == 3 && strcmp(argv[1], "--scale") == 0 && (scale = seed_scale_parse(argv[2])) >= 0)
		;
	else {
		fputs(usage_text, stderr);
		return 2;
	}
	if (cli_open_bulk(&cfg, &db) != 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	er = demo ? seed_demo(db, cfg.sql_dir, msg, sizeof(msg))
	    : seed_scale(db, cfg.sql_dir, (enum seed_scale)scale, msg, sizeof(msg));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (er != CORE_OK) {
		fprintf(stderr, "shelf seed: %s\n", msg);
		rc = 1;
	} else {
		printf("seeded %s in %.1f s\n", demo ? "the demo data" : argv[2],
		    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	}
	db_close(db);
	return rc;
}
