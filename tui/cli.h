/*
 * cli.h - what the subcommands of bin/shelf share: loading the
 * configuration and opening the database, each explaining a failure on
 * stderr in one line.
 */
#ifndef SHELF_CLI_H
#define SHELF_CLI_H

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

#endif
