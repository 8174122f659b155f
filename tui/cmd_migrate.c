/* cmd_migrate.c - `shelf migrate`: apply the pending migrations. */
#include <stdio.h>
#include "cli.h"
#include "cmd.h"
#include "grants.h"
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
	int applied = 0, version = 0, granted = 0, rc = 0;

	if (cmd_wants_help(argc, argv)) {
		printf("usage: shelf migrate\n\n"
		    "Apply, in order, every migration sql/NNN_*.sql not yet recorded in the\n"
		    "database's schema_migrations table.  Running it again is a no-op.\n"
		    "A failing migration stops the run: the message names the file and the\n"
		    "statement, and the migrations before it stay applied.\n"
		    "Runs as migrate_db_user when it is set; then grants fcgi_db_user and\n"
		    "support_db_user their privileges on every table (core/grants.h).\n");
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "usage: shelf migrate\n");
		return 2;
	}
	if (cli_open_account(&cfg, &db, CONFIG_ACCOUNT_MIGRATE, 1) != 0)
		return 1;
	if (migrate_apply(db, cfg.sql_dir, &applied, note, NULL, msg, sizeof(msg)) != CORE_OK) {
		fprintf(stderr, "shelf migrate: %s\n", msg);
		rc = 1;
	} else if (migrate_version(db, &version) == CORE_OK) {
		printf("schema at version %03d (%d applied now)\n", version, applied);
	}
	if (rc == 0 && grants_apply(db, &cfg, &granted, msg, sizeof(msg)) != CORE_OK) {
		fprintf(stderr, "shelf migrate: grants: %s\n", msg);
		rc = 1;
	} else if (rc == 0 && granted > 0)
		printf("granted: %d statements for %s%s%s\n", granted, cfg.fcgi_db_user,
		    cfg.fcgi_db_user[0] && cfg.support_db_user[0] ? " and " : "", cfg.support_db_user);
	db_close(db);
	return rc;
}
