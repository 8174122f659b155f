/* cmd_migrate.c - `shelf migrate`: apply the pending migrations. */
#include <stdio.h>
#include "cli.h"
#include "cmd.h"
#include "migrate.h"

static void
note(const char *file, void *arg)
{
	(void)arg;
	printf("applied %s\n", file);
}

int
cmd_migrate(int argc, char **argv)
{
	struct config cfg;
	struct db *db;
	char msg[1024];
	int applied = 0, version = 0, rc = 0;

	if (cmd_wants_help(argc, argv)) {
		printf("usage: shelf migrate\n\n"
		    "Apply, in order, every migration sql/NNN_*.sql not yet recorded in the\n"
		    "database's schema_migrations table.  Running it again is a no-op.\n"
		    "A failing migration stops the run: the message names the file and the\n"
		    "statement, and the migrations before it stay applied.\n");
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "usage: shelf migrate\n");
		return 2;
	}
	if (cli_open_bulk(&cfg, &db) != 0)
		return 1;
	if (migrate_apply(db, cfg.sql_dir, &applied, note, NULL, msg, sizeof(msg)) != CORE_OK) {
		fprintf(stderr, "shelf migrate: %s\n", msg);
		rc = 1;
	} else if (migrate_version(db, &version) == CORE_OK) {
		printf("schema at version %03d (%d applied now)\n", version, applied);
	}
	db_close(db);
	return rc;
}
