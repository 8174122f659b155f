/*
 * cmd_inspect.c - `shelf inspect QUERY`: find accounts like the TUI's
 * inspector and print everything about them as text, for scripts.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cmd.h"
#include "inspect.h"
#include "screens.h"
#include "whoami.h"

static const char usage_text[] =
    "usage: shelf inspect [--operator NAME] QUERY\n\n"
    "Find any account of the distributor - reseller, customer, storefront user\n"
    "(name or e-mail), order or invoice (number), anything by id - and print\n"
    "everything about it read-only: the same summary as the TUI's inspector.\n"
    "With several matches, prints the list; with one, its summary.\n"
    "Exit status 0 when something was found, 1 when nothing was.\n\n"
    "Runs as the operator whose login is the Unix account; --operator NAME\n"
    "only from a gateway account of the configuration (gateways = ...).\n";

static void
print_doc(struct db *db, const struct actor *a, const struct config *cfg, const struct inspect_hit *h)
{
	struct inspect_doc d;
	enum core_err er;
	char **lines;
	int n, i;

	if ((er = inspect_get(db, a, h->kind, h->id, cfg->public_url, &d)) != CORE_OK) {
		fprintf(stderr, "shelf inspect: %s %lld: %s\n", inspect_kind_name(h->kind), (long long)h->id,
		    core_strerror(er));
		inspect_doc_free(&d);
		return;
	}
	n = doc_lines(&d, 0, &lines);
	for (i = 0; i < n; i++)
		puts(lines[i]);
	ui_lines_free(lines, n);
	inspect_doc_free(&d);
}

int
cmd_inspect(int argc, char **argv)
{
	const char *operator_name = NULL;
	struct inspect_hits hits;
	struct config cfg;
	struct actor a;
	struct db *db;
	enum core_err er;
	char label[INSPECT_TEXT], detail[INSPECT_TEXT], rname[INSPECT_TEXT];
	size_t i;
	int rc = 0;

	if (cmd_operator_args(&argc, argv, usage_text, &operator_name, "shelf inspect", &rc))
		return rc;
	if (argc != 2 || argv[1][0] == '\0') {
		fputs(usage_text, stderr);
		return 2;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, "shelf inspect") != 0)
		return 1;
	er = inspect_find(db, &a, argv[1], INSPECT_FIND_MAX, &hits);
	if (er != CORE_OK) {
		fprintf(stderr, "shelf inspect: %s\n", er == CORE_FORBIDDEN ?
		    "this operator's role may not use the inspector" : er == CORE_INVALID ?
		    "the query is empty or too long" : core_strerror(er));
		rc = 1;
	} else if (hits.count == 0) {
		fprintf(stderr, "shelf inspect: nothing matches '%s'\n", argv[1]);
		rc = 1;
	} else if (hits.count == 1) {
		print_doc(db, &a, &cfg, &hits.items[0]);
	} else {
		printf("%zu matches for '%s':\n", hits.count, argv[1]);
		for (i = 0; i < hits.count; i++)
			printf("  %-15s %8lld  %s  (%s; reseller %s)\n", inspect_kind_name(hits.items[i].kind),
			    (long long)hits.items[i].id, ui_sanitize(label, sizeof(label), hits.items[i].label),
			    ui_sanitize(detail, sizeof(detail), hits.items[i].detail),
			    ui_sanitize(rname, sizeof(rname), hits.items[i].reseller_name));
		printf("Narrow the query (an id, a full e-mail or a number) for the full summary.\n");
	}
	inspect_hits_free(&hits);
	db_close(db);
	return rc;
}
