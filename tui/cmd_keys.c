/*
 * cmd_keys.c - `shelf keys import PRODUCT FILE` and `shelf keys stock`:
 * the distributor's licence key stock (core/keys.h), as the operator at
 * the keyboard (--operator NAME from a gateway account, as shelf report).
 *
 * import: exit 0 and "imported N keys for SKU (M free)" on stdout, with
 * the duplicates skipped on stderr; a bad file, product or key is a
 * clear message and exit 2 with nothing changed; other failures exit 1.
 * stock: one line per keys product: SKU, free, assigned, waiting tasks.
 */
#include <stdio.h>
#include <string.h>
#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "keys.h"
#include "whoami.h"

#define KEYS_FILE_MAX (16u << 20)	/* bytes of one import file */

static const char usage_text[] =
    "usage: shelf keys import PRODUCT FILE [--operator NAME]\n"
    "       shelf keys stock [--operator NAME]\n\n"
    "import: add the licence keys in FILE (one per line; blank lines and lines\n"
    "starting with # are skipped; keys already in the stock are reported and\n"
    "skipped) to the keys product PRODUCT (SKU or id), all in one transaction,\n"
    "and queue again the orders waiting for its keys.  FILE - reads stdin.\n"
    "stock: free and assigned keys of every keys product.\n\n"
    "Runs as the operator whose login is the Unix account; --operator NAME\n"
    "from an account listed in gateways.  Needs a distributor admin.\n";

/* import - exit status of `keys import product path` as a. */
static int
import(struct db *db, const struct actor *a, const char *product, const char *path)
{
	struct keys_import_result r;
	struct buf text = { NULL, 0, 0 };
	char why[CORE_WHY] = "", chunk[8192];
	enum core_err er;
	size_t n;
	int i, rc;

	if (strcmp(path, "-") == 0) {
		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0 && text.len <= KEYS_FILE_MAX)
			if (buf_append(&text, chunk, n) != CORE_OK)
				break;
		if (text.len > KEYS_FILE_MAX || ferror(stdin)) {
			fprintf(stderr, "shelf keys: cannot read stdin (unreadable or over %u bytes)\n", KEYS_FILE_MAX);
			buf_free(&text);
			return 2;
		}
	} else if (buf_read_file(&text, path, KEYS_FILE_MAX) != 0) {
		fprintf(stderr, "shelf keys: cannot read %s (missing, unreadable or over %u bytes)\n", path,
		    KEYS_FILE_MAX);
		buf_free(&text);
		return 2;
	}
	er = keys_import(db, a, product, text.data != NULL ? text.data : "", text.len, &r, why);
	buf_free(&text);
	if (er != CORE_OK) {
		rc = er == CORE_INVALID || er == CORE_NOTFOUND ? 2 : 1;
		fprintf(stderr, "shelf keys: %s: %s\n", path, why[0] ? why : core_strerror(er));
		return rc;
	}
	for (i = 0; i < r.duplicates && i < KEYS_DUPS_SHOWN; i++)
		fprintf(stderr, "shelf keys: %s:%d: duplicate key, skipped\n", path, r.dup_lines[i]);
	if (r.duplicates > KEYS_DUPS_SHOWN)
		fprintf(stderr, "shelf keys: %d more duplicates skipped\n", r.duplicates - KEYS_DUPS_SHOWN);
	printf("imported %d key%s for %s (%lld free)", r.imported, r.imported == 1 ? "" : "s", r.sku,
	    (long long)r.free);
	if (r.duplicates > 0)
		printf(", %d duplicate%s skipped", r.duplicates, r.duplicates == 1 ? "" : "s");
	if (r.requeued > 0)
		printf(", %lld waiting order line%s queued again", (long long)r.requeued, r.requeued == 1 ? "" : "s");
	printf("\n");
	return 0;
}

/* stock - exit status of `keys stock` as a. */
static int
stock(struct db *db, const struct actor *a)
{
	struct keys_stock_list l;
	enum core_err er;
	size_t i;

	if ((er = keys_stock(db, a, &l)) != CORE_OK) {
		fprintf(stderr, "shelf keys: %s\n", er == CORE_FORBIDDEN ?
		    "this operator's role may not read the key stock" : core_strerror(er));
		keys_stock_list_free(&l);
		return 1;
	}
	printf("%-32s %8s %8s %8s\n", "SKU", "free", "assigned", "waiting");
	for (i = 0; i < l.n; i++)
		printf("%-32s %8lld %8lld %8lld\n", l.items[i].sku, (long long)l.items[i].free,
		    (long long)l.items[i].assigned, (long long)l.items[i].waiting);
	keys_stock_list_free(&l);
	return 0;
}

int
cmd_keys(int argc, char **argv)
{
	const char *operator_name = NULL;
	struct config cfg;
	struct actor a;
	struct db *db;
	int rc;

	if (cmd_operator_args(&argc, argv, usage_text, &operator_name, "shelf keys", &rc))
		return rc;
	if (!((argc == 4 && strcmp(argv[1], "import") == 0) || (argc == 2 && strcmp(argv[1], "stock") == 0))) {
		fputs(usage_text, stderr);
		return 2;
	}
	if (whoami_open(&cfg, &db, operator_name, &a, "shelf keys") != 0)
		return 1;
	rc = argc == 4 ? import(db, &a, argv[2], argv[3]) : stock(db, &a);
	db_close(db);
	return rc;
}
