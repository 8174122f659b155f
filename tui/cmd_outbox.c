/*
 * cmd_outbox.c - `shelf outbox`: the TUI's Outbox tab for scripts, as
 * the operator at the keyboard: the rows (one status or all) as a text
 * table, and `retry ID`, the TUI's `r`.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cmd.h"
#include "outbox_list.h"
#include "whoami.h"

static const char usage_text[] =
    "usage: shelf outbox [--status pending|failed|sent] [--operator NAME]\n"
    "       shelf outbox retry ID [--operator NAME]\n\n"
    "The outbox of the operator's distributor (its resellers' rows and the\n"
    "platform's own), newest first, as a text table: id, status, kind,\n"
    "attempts, created, when it is due (pending), gave up (failed) or was\n"
    "sent, reseller, recipient, subject or order, last error.\n\n"
    "retry ID sends a pending or failed row again now (distributor admins):\n"
    "it becomes due at once, a failed one with all its attempts again; the\n"
    "worker sends it on its next round.\n\n"
    "Exit status: 0 done, 2 bad arguments, 1 refused (role, a row already\n"
    "sent, no such row) or a database error, said on stderr.\n\n"
    "Runs as the operator whose login is the Unix account; --operator NAME\n"
    "only from a gateway account of the configuration (gateways = ...).\n";

#define PROG "shelf outbox"

enum { C_ID, C_STATUS, C_KIND, C_TRIES, C_CREATED, C_WHEN, C_RESELLER, C_TO, C_ABOUT, C_ERROR, C__MAX };

static const char *const heads[C__MAX] = {
	"ID", "STATUS", "KIND", "TRIES", "CREATED", "DUE/GAVE UP/SENT", "RESELLER", "TO", "ABOUT", "LAST ERROR",
};
static const int widths[C__MAX] = { 7, 7, 9, 5, 19, 19, 24, 30, 30, 80 };

static void
print_row(const struct outbox_row *o)
{
	char id[24], tries[16];
	const char *cells[C__MAX];

	snprintf(id, sizeof(id), "%lld", (long long)o->id);
	snprintf(tries, sizeof(tries), "%d", (int)o->attempts);
	cells[C_ID] = id;
	cells[C_STATUS] = outbox_status_name(o->status);
	cells[C_KIND] = outbox_kind_name(o->kind);
	cells[C_TRIES] = tries;
	cells[C_CREATED] = o->created_at;
	cells[C_WHEN] = o->status == OUTBOX_SENT ? o->sent_at : o->next_attempt_at;
	cells[C_RESELLER] = o->reseller_id ? o->reseller_name : "-";
	cells[C_TO] = o->to[0] ? o->to : "-";
	cells[C_ABOUT] = o->about;
	cells[C_ERROR] = o->last_error;
	cli_cells(stdout, cells, widths, C__MAX);
}

/* list - every row of status (-1: all), a page at a time. */
static enum core_err
list(struct db *db, const struct actor *a, int status)
{
	struct outbox_rows page;
	enum core_err er;
	int64_t offset = 0;
	size_t i;

	cli_cells(stdout, heads, widths, C__MAX);
	for (;;) {
		if ((er = outbox_list(db, a, status, offset, OUTBOX_LIST_MAX, &page)) != CORE_OK)
			break;
		for (i = 0; i < page.n; i++)
			print_row(&page.items[i]);
		offset += (int64_t)page.n;
		if (page.n == 0 || offset >= page.total)
			break;
		outbox_rows_free(&page);
	}
	outbox_rows_free(&page);
	return er;
}

int
cmd_outbox(int argc, char **argv)
{
	const char *operator_name = NULL;
	char why[CORE_WHY] = "";
	struct config cfg;
	struct actor a;
	struct db *db;
	enum core_err er;
	int64_t id = 0;
	int status = -1, retry = 0, rc = 0, i;

	if (cmd_operator_args(&argc, argv, usage_text, &operator_name, PROG, &rc))
		return rc;
	if (argc > 1 && strcmp(argv[1], "retry") == 0) {
		if (argc != 3 || cli_id(argv[2], &id) != 0) {
			fprintf(stderr, PROG ": retry needs one row id (a positive number)\n");
			return 2;
		}
		retry = 1;
	} else {
		for (i = 1; i < argc; i++) {
			if (strcmp(argv[i], "--status") == 0 && i + 1 < argc) {
				if ((status = outbox_status_parse(argv[++i])) < 0) {
					fprintf(stderr, PROG ": unknown status '%s' (pending, failed, sent)\n", argv[i]);
					return 2;
				}
			} else {
				fputs(usage_text, stderr);
				return 2;
			}
		}
	}
	if (whoami_open(&cfg, &db, operator_name, &a, PROG) != 0)
		return 1;
	er = retry ? outbox_retry(db, &a, id, why) : list(db, &a, status);
	if (er == CORE_OK && retry)
		printf("Queued for sending now: outbox row #%lld goes out on the worker's next round.\n", (long long)id);
	rc = cli_fail(PROG, er, why, "this operator's role may not read the outbox");
	db_close(db);
	return rc;
}
