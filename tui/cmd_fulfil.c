/*
 * cmd_fulfil.c - `shelf fulfil`: the TUI's fulfilment queue for scripts,
 * as the operator at the keyboard: the tasks as a text table, and
 * `done ID REF` / `fail ID REASON`, the TUI's `d` and `f`.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cmd.h"
#include "fulfil.h"
#include "str.h"
#include "whoami.h"

static const char usage_text[] =
    "usage: shelf fulfil [list] [--status open|waiting|queued|done|failed|all]\n"
    "                           [--connector manual|keys|http] [--operator NAME]\n"
    "       shelf fulfil done ID REF [--operator NAME]\n"
    "       shelf fulfil fail ID REASON [--operator NAME]\n\n"
    "The fulfilment queue of the operator's distributor as a text table,\n"
    "open tasks first (waiting, then queued, oldest first), then the settled\n"
    "ones; --status narrows it (all by default).  Keys products out of stock\n"
    "while tasks wait are named on stderr.\n\n"
    "done marks a manual task done with the vendor's reference (1 to 128\n"
    "characters); fail marks it failed with a reason (1 to 500): either\n"
    "settles the task's order.  Distributor admins only.\n\n"
    "Exit status: 0 done, 2 bad arguments, 1 refused (role, a task already\n"
    "settled, no such task) or a database error, said on stderr.\n\n"
    "Runs as the operator whose login is the Unix account; --operator NAME\n"
    "only from a gateway account of the configuration (gateways = ...).\n";

#define PROG "shelf fulfil"

/* what --status takes, and the filter each means */
static const char *const status_words[] = { "open", "waiting", "queued", "done", "failed", "all" };
static const int status_filter[] = {
	FULFIL_LIST_OPEN, FULFIL_WAITING, FULFIL_QUEUED, FULFIL_DONE, FULFIL_FAILED, FULFIL_LIST_ANY,
};

enum { C_ID, C_STATUS, C_ACTION, C_VIA, C_CREATED, C_SETTLED, C_RESELLER, C_CUSTOMER, C_PRODUCT, C_QTY,
	C_ORDER, C_NOTE, C__MAX };

static const char *const heads[C__MAX] = {
	"ID", "STATUS", "ACTION", "VIA", "CREATED", "SETTLED", "RESELLER", "CUSTOMER", "PRODUCT", "QTY", "ORDER",
	"REF/ERROR",
};
static const int widths[C__MAX] = { 7, 7, 9, 6, 19, 19, 24, 24, 30, 4, 12, 60 };

static void
print_task(const struct fulfil_task *t)
{
	char id[24], qty[16];
	const char *cells[C__MAX];

	snprintf(id, sizeof(id), "%lld", (long long)t->id);
	snprintf(qty, sizeof(qty), t->quantity ? "%d" : "-", (int)t->quantity);
	cells[C_ID] = id;
	cells[C_STATUS] = fulfil_status_name(t->status);
	cells[C_ACTION] = fulfil_action_name(t->action);
	cells[C_VIA] = t->connector;
	cells[C_CREATED] = t->created_at;
	cells[C_SETTLED] = t->done_at[0] ? t->done_at : "-";
	cells[C_RESELLER] = t->reseller_name;
	cells[C_CUSTOMER] = t->customer_name;
	cells[C_PRODUCT] = t->product_name;
	cells[C_QTY] = qty;
	cells[C_ORDER] = t->order_number[0] ? t->order_number : "-";
	cells[C_NOTE] = t->status == FULFIL_DONE ? t->vendor_ref : t->error;
	cli_cells(stdout, cells, widths, C__MAX);
}

/* list - every task of f, a page at a time, then the stock warnings on stderr. */
static enum core_err
list(struct db *db, const struct actor *a, const struct fulfil_filter *f)
{
	struct fulfil_task_list page;
	struct fulfil_stock_list stock;
	struct db_page pg = { 0, FULFIL_LIST_MAX };
	enum core_err er;
	size_t i;

	cli_cells(stdout, heads, widths, C__MAX);
	for (;;) {
		if ((er = fulfil_list(db, a, f, &pg, &page)) != CORE_OK)
			break;
		for (i = 0; i < page.n; i++)
			print_task(&page.items[i]);
		pg.offset += (int64_t)page.n;
		if (page.n == 0 || pg.offset >= page.total)
			break;
		fulfil_task_list_free(&page);
	}
	fulfil_task_list_free(&page);
	if (er == CORE_OK && fulfil_stock_warnings(db, a, &stock) == CORE_OK) {
		for (i = 0; i < stock.n; i++)
			fprintf(stderr, PROG ": out of licence keys: %s, %lld task%s waiting\n", stock.items[i].sku,
			    (long long)stock.items[i].waiting, stock.items[i].waiting == 1 ? "" : "s");
		fulfil_stock_list_free(&stock);
	}
	return er;
}

/* parse_list - the list's options from argv[from..]: 0, or 2 after saying what is wrong. */
static int
parse_list(int argc, char **argv, int from, struct fulfil_filter *f)
{
	int i, k;

	for (i = from; i < argc; i++) {
		if (strcmp(argv[i], "--status") == 0 && i + 1 < argc) {
			i++;
			for (k = 0; k < (int)(sizeof(status_words) / sizeof(status_words[0])); k++)
				if (strcmp(argv[i], status_words[k]) == 0)
					break;
			if (k == (int)(sizeof(status_words) / sizeof(status_words[0]))) {
				fprintf(stderr, PROG ": unknown status '%s' (open, waiting, queued, done, failed, all)\n", argv[i]);
				return 2;
			}
			f->status = status_filter[k];
		} else if (strcmp(argv[i], "--connector") == 0 && i + 1 < argc) {
			f->connector = argv[++i];
			if (strcmp(f->connector, "manual") != 0 && strcmp(f->connector, "keys") != 0 &&
			    strcmp(f->connector, "http") != 0) {
				fprintf(stderr, PROG ": unknown connector '%s' (manual, keys, http)\n", f->connector);
				return 2;
			}
		} else {
			fputs(usage_text, stderr);
			return 2;
		}
	}
	return 0;
}

/* parse_mark - done/fail ID TEXT: 0, or 2 after saying what is wrong (fulfil.h's bounds). */
static int
parse_mark(int argc, char **argv, int failed, int64_t *id)
{
	if (argc != 4 || cli_id(argv[2], id) != 0) {
		fprintf(stderr, PROG ": %s needs a task id and %s\n", argv[1], failed ? "a reason" : "the vendor's reference");
		return 2;
	}
	if (!str_text_valid(argv[3], 1, failed ? 500 : 128, 0)) {
		fprintf(stderr, PROG ": the %s must be 1 to %d characters on one line\n",
		    failed ? "reason" : "vendor reference", failed ? 500 : 128);
		return 2;
	}
	return 0;
}

int
cmd_fulfil(int argc, char **argv)
{
	struct fulfil_filter f = { FULFIL_LIST_ANY, NULL };
	const char *operator_name = NULL;
	char why[CORE_WHY] = "";
	struct config cfg;
	struct actor a;
	struct db *db;
	enum core_err er;
	int64_t id = 0;
	int mark = -1, rc = 0;	/* mark: -1 list, 0 done, 1 fail */

	if (cmd_operator_args(&argc, argv, usage_text, &operator_name, PROG, &rc))
		return rc;
	if (argc > 1 && (strcmp(argv[1], "done") == 0 || strcmp(argv[1], "fail") == 0)) {
		mark = strcmp(argv[1], "fail") == 0;
		if ((rc = parse_mark(argc, argv, mark, &id)) != 0)
			return rc;
	} else if ((rc = parse_list(argc, argv, argc > 1 && strcmp(argv[1], "list") == 0 ? 2 : 1, &f)) != 0)
		return rc;
	if (whoami_open(&cfg, &db, operator_name, &a, PROG) != 0)
		return 1;
	er = mark < 0 ? list(db, &a, &f) : fulfil_mark(db, &a, id, mark, argv[3], why);
	if (er == CORE_OK && mark >= 0)
		printf("Task #%lld marked %s.\n", (long long)id, mark ? "failed" : "done");
	rc = cli_fail(PROG, er, why, "this operator's role may not do that with the fulfilment queue");
	db_close(db);
	return rc;
}
