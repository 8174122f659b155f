/*
 * cmd_usage.c - `shelf usage import FILE.csv`: Azure plan consumption
 * from Microsoft Partner Center's daily rated usage file (new commerce),
 * as the operator at the keyboard (a distributor admin).  See
 * core/usage_import.h for the file, the matching and the transactions.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cmd.h"
#include "usage_import.h"
#include "whoami.h"

static const char usage_text[] =
    "usage: shelf usage import FILE.csv [--operator NAME]\n\n"
    "Imports Microsoft Partner Center's daily rated usage reconciliation file\n"
    "(new commerce) into the Azure plan subscriptions of the operator's\n"
    "distributor.  A row matches the subscription whose vendor reference (set\n"
    "when the order was fulfilled) is its SubscriptionId or EntitlementId.\n"
    "Columns are found by their header names, in any order.  The cost is\n"
    "BillingPreTaxTotal in the reseller's currency; the price adds the\n"
    "subscription's markup.  Rows already imported are skipped, so a file can\n"
    "be imported again (after a failure, to complete it).\n\n"
    "Prints \"N imported, M already present, K rejected\", and each rejected row\n"
    "with its line number and reason on stderr.\n\n"
    "Exit status: 0 every row imported or present; 2 bad input (a missing\n"
    "column, an unreadable file, or rejected rows: the good rows are imported);\n"
    "1 a database error (the batches before it are committed).\n\n"
    "Runs as the operator whose login is the Unix account, a distributor admin;\n"
    "--operator NAME only from a gateway account of the configuration (gateways\n"
    "= ...), e.g. cron's: shelf --operator admin usage import FILE.csv\n";

int
cmd_usage(int argc, char **argv)
{
	struct usage_import_result res;
	const char *operator_name = NULL;
	struct config cfg;
	struct actor a;
	struct db *db;
	enum core_err er;
	size_t i;
	int rc;

	if (cmd_wants_help(argc, argv)) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (whoami_take_operator(&argc, argv, &operator_name, "shelf usage") != 0)
		return 2;
	if (argc != 3 || strcmp(argv[1], "import") != 0 || argv[2][0] == '\0') {
		fputs(usage_text, stderr);
		return 2;
	}
	if (cli_open(&cfg, &db) != 0)
		return 1;
	if (whoami_login(&cfg, db, operator_name, &a, "shelf usage") != 0) {
		db_close(db);
		return 1;
	}
	er = usage_import_file(db, &a, argv[2], &res);
	for (i = 0; i < res.nrejects; i++)
		fprintf(stderr, "%s:%ld: %s\n", argv[2], res.rejects[i].line, res.rejects[i].reason);
	if (res.rejected > (int64_t)res.nrejects)
		fprintf(stderr, "%s: %lld more rejected rows not shown\n", argv[2],
		    (long long)(res.rejected - (int64_t)res.nrejects));
	switch (er) {
	case CORE_OK:
		rc = res.rejected > 0 ? 2 : 0;
		break;
	case CORE_FORBIDDEN:
		fprintf(stderr, "shelf usage: only a distributor admin may import usage\n");
		rc = 1;
		break;
	case CORE_INVALID:
	case CORE_IO:
		fprintf(stderr, "shelf usage: %s: %s\n", argv[2], res.why[0] ? res.why : core_strerror(er));
		rc = 2;
		break;
	default:
		fprintf(stderr, "shelf usage: %s: %s\n", argv[2], res.why[0] ? res.why : core_strerror(er));
		rc = 1;
		break;
	}
	if (er == CORE_OK || res.batches > 0)
		printf("%lld imported, %lld already present, %lld rejected\n", (long long)res.imported,
		    (long long)res.present, (long long)res.rejected);
	usage_import_result_free(&res);
	db_close(db);
	return rc;
}
