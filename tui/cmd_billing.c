/*
 * cmd_billing.c - `shelf billing daily [--date YYYY-MM-DD]`: the daily
 * billing pass (core/billing_daily.h) for one date, as the system, as
 * the worker runs it once a day.
 */
#include <stdio.h>
#include <string.h>
#include "billing_daily.h"
#include "cli.h"
#include "cmd.h"

static const char usage_text[] =
    "usage: shelf billing daily [--date YYYY-MM-DD]\n\n"
    "Runs the daily billing pass for the date (default: today by the database's\n"
    "clock, UTC), as the worker does once a day: renewals (scheduled decreases\n"
    "applied, cancellations at term end), trials that end (expired unless\n"
    "converted), the e-mails of trials ending in 7 days, invoices past due\n"
    "become overdue (the reseller is e-mailed), expired sessions and reset\n"
    "links purged.  Changes to subscriptions are queued for the vendor and\n"
    "e-mails for the worker; neither is sent by this command.\n\n"
    "Prints what the pass did, e.g. \"2026-12-02: 3 renewed, 1 cancelled at term\n"
    "end, 2 trials expired, 4 trial reminders, 1 invoice overdue, 57 sessions\n"
    "and 3 reset tokens purged\".  A date the pass already ran for is not run\n"
    "again: it prints what that run did, and \"(already run, finished ...)\".\n"
    "A date after days without a pass catches up their renewals and overdue\n"
    "invoices (not their trial reminders).\n\n"
    "Exit status: 0 done; 2 a bad date or argument; 1 a database error or\n"
    "another worker running the pass for that date now.\n";

/* cmd_billing_daily - argv[0] is "daily" (tui/main.c's billing dispatcher), options after it. */
int
cmd_billing_daily(int argc, char **argv)
{
	struct billing_daily_result res;
	const char *date = NULL;
	char today[11], line[512];
	struct config cfg;
	struct actor sys;
	struct db *db = NULL;
	enum core_err er;
	int i, rc = 1;

	if (cmd_wants_help(argc, argv)) {
		fputs(usage_text, stdout);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--date") == 0 && i + 1 < argc)
			date = argv[++i];
		else {
			fprintf(stderr, "shelf billing: unexpected argument '%s'\n", argv[i]);
			fputs(usage_text, stderr);
			return 2;
		}
	}
	if (date != NULL && !billing_daily_date_ok(date)) {
		fprintf(stderr, "shelf billing: '%s' is not a date (YYYY-MM-DD)\n", date);
		return 2;
	}
	if (cli_open(&cfg, &db) != 0)
		return 1;
	if (date == NULL) {
		billing_daily_today(db, today);
		date = today;
	}
	actor_system(&sys, 0);
	er = billing_daily(db, &sys, date, &res);
	if (er == CORE_OK) {
		printf("%s", billing_daily_summary(&res, line, sizeof(line)));
		if (res.already)
			printf(" (already run, finished %s UTC: nothing changed now)", res.finished_at);
		printf("\n");
		rc = 0;
	} else if (er == CORE_CONFLICT)
		fprintf(stderr, "shelf billing: another worker is running the pass for %s now; try again later\n", date);
	else
		fprintf(stderr, "shelf billing: %s: %s (done before it: %s)\n", core_strerror(er), db_error(db),
		    billing_daily_summary(&res, line, sizeof(line)));
	db_close(db);
	return rc;
}
