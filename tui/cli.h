/*
 * cli.h - what the subcommands of bin/shelf share: loading the
 * configuration and opening the database, each explaining a failure on
 * stderr in one line.
 */
#ifndef SHELF_CLI_H
#define SHELF_CLI_H

#include <stdint.h>
#include <stdio.h>
#include "config.h"
#include "db.h"

/* cli_config - load the configuration; 0 on success, else prints why and returns 1. */
int cli_config(struct config *cfg);

/* cli_open - load the configuration and connect; 0 on success, else prints why and returns 1. */
int cli_open(struct config *cfg, struct db **db);

/*
 * cli_open_bulk - as cli_open, for long statements (migrations, seeds):
 * the read and write timeouts are raised to an hour, so a statement is
 * never abandoned half-way by the client.
 */
int cli_open_bulk(struct config *cfg, struct db **db);

/*
 * cli_open_account - cli_open (bulk: cli_open_bulk) as the MariaDB
 * account which names (config_use_account): migrations as migrate_db_user.
 */
int cli_open_account(struct config *cfg, struct db **db, enum config_account which, int bulk);

/*
 * cli_cells - one line of a text table on f: cell i sanitized and fitted
 * to w[i] columns (cut with an ellipsis, padded), one space apart, the
 * line without trailing blanks.
 */
void cli_cells(FILE *f, const char *const *cells, const int *w, int n);

/* cli_id - s as an id (a positive decimal integer) into *id: 0, or -1 when it is not one. */
int cli_id(const char *s, int64_t *id);

/*
 * cli_fail - a subcommand's last word on er: CORE_OK gives 0 and says
 * nothing; else "PROG: " and why (when not empty), the forbidden text
 * for CORE_FORBIDDEN, or core_strerror(er), on stderr, and the exit
 * status: 2 for CORE_INVALID (bad arguments), else 1.
 */
int cli_fail(const char *prog, enum core_err er, const char *why, const char *forbidden);

/* One option of cli_parse: --name VALUE (or --name=VALUE) into *value, borrowed from argv. */
struct cli_opt {
	const char  *name;	/* "--email" */
	const char **value;	/* NULL until given */
};

/*
 * cli_parse - argv[1..argc) as options of opts[n] and up to npos
 * positional arguments (into pos[], the count into *got): 0, or -1
 * after saying on stderr, as prog, which argument is unknown, lacks its
 * value, is given twice or is one positional too many.
 */
int cli_parse(const char *prog, int argc, char **argv, const struct cli_opt *opts, size_t n,
    const char **pos, int npos, int *got);

#endif
