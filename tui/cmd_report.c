/*
 * cmd_report.c - `shelf report resellers [--edition E] [--format csv|table]`:
 * the edition report for scripts, as the operator at the keyboard.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cmd.h"
#include "report.h"
#include "reseller.h"
#include "whoami.h"

static const char usage_text[] =
    "usage: shelf report resellers [--edition basic|standard|professional]\n"
    "                              [--format csv|table] [--output FILE]\n"
    "                              [--operator NAME]\n\n"
    "The edition report: the distributor's resellers, highest edition first,\n"
    "with their storefront URL and the date and operator of their latest\n"
    "edition change.  --format csv (the default) writes RFC 4180 CSV with a\n"
    "header row to stdout; table writes aligned text.  --output FILE writes\n"
    "FILE instead (created or replaced; the TUI's export, `x` on Reports) and\n"
    "prints its absolute path on stderr.\n\n"
    "Runs as the operator whose login is the Unix account; --operator NAME\n"
    "only from a gateway account of the configuration (gateways = ...).\n";

int
cmd_report(int argc, char **argv)
{
	enum report_format fmt = REPORT_CSV;
	const char *operator_name = NULL, *output = NULL;
	char abs[8192];
	long n = 0;
	char why[CORE_WHY] = "";
	struct config cfg;
	struct actor a;
	struct db *db;
	enum core_err er;
	int edition = -1, i, rc = 0;

	if (cmd_operator_args(&argc, argv, usage_text, &operator_name, "shelf report", &rc))
		return rc;
	if (argc < 2 || strcmp(argv[1], "resellers") != 0) {
		fputs(usage_text, stderr);
		return 2;
	}
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--edition") == 0 && i + 1 < argc) {
			if ((edition = reseller_edition_parse(argv[++i])) < 0) {
				fprintf(stderr, "shelf report: unknown edition '%s' (basic, standard, professional)\n", argv[i]);
				return 2;
			}
		} else if (strcmp(argv[i], "--output") == 0 && i + 1 < argc && argv[i + 1][0] != '\0') {
			output = argv[++i];
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			i++;
			if (strcmp(argv[i], "csv") == 0)
				fmt = REPORT_CSV;
			else if (strcmp(argv[i], "table") == 0)
				fmt = REPORT_TABLE;
			else {
				fprintf(stderr, "shelf report: unknown format '%s' (csv, table)\n", argv[i]);
				return 2;
			}
		} else {
			fputs(usage_text, stderr);
			return 2;
		}
	}
	if (whoami_open(&cfg, &db, operator_name, &a, "shelf report") != 0)
		return 1;
	/* the operator known, what follows only reads: the replica may answer (core/db.h) */
	db_read_check(db);
	db_read_replica(db, 1);
	if (output)
		er = report_resellers_file(db, &a, &cfg, edition, fmt, output, abs, sizeof(abs), &n, why);
	else
		er = report_resellers(db, &a, &cfg, edition, fmt, stdout, NULL, why);
	if (er == CORE_OK && output)
		fprintf(stderr, "shelf report: wrote %ld reseller%s to %s\n", n, n == 1 ? "" : "s", abs);
	if (er != CORE_OK) {
		fprintf(stderr, "shelf report: %s\n", er == CORE_FORBIDDEN ?
		    "this operator's role may not read the reseller report" : why[0] ? why : core_strerror(er));
		rc = 1;
	}
	db_close(db);
	return rc;
}
