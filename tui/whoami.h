/*
 * whoami.h - who is at the keyboard, for the TUI and for the
 * subcommands that act as an operator (report, inspect).
 *
 * The operator is the one whose login is the Unix account running the
 * program (getpwuid(geteuid())).  `--operator NAME` picks another one,
 * but only when the Unix account is a gateway in the configuration
 * (the gitolite pattern: one shared SSH account, a key per person, each
 * key forced to `shelf --operator NAME`).  Everything else is refused
 * with a one-line explanation on stderr.
 */
#ifndef SHELF_WHOAMI_H
#define SHELF_WHOAMI_H

#include "actor.h"
#include "config.h"
#include "db.h"

/*
 * whoami_take_operator - remove `--operator NAME` / `--operator=NAME`
 * from argv (adjusting *argc); *name gets NAME (borrowed from argv) or
 * stays NULL.  0, or -1 when NAME is missing or given twice (printed).
 */
int whoami_take_operator(int *argc, char **argv, const char **name, const char *prog);

/*
 * whoami_login - fill *a with the operator at the keyboard (see the top
 * of this file).  0 on success; 1 after printing why on stderr (unknown
 * Unix account, --operator from a non-gateway account, unknown or
 * refused operator).
 */
int whoami_login(const struct config *cfg, struct db *db, const char *operator_name,
    struct actor *a, const char *prog);

/*
 * whoami_open - cli_open, then whoami_login: the configuration in *cfg,
 * the connection in *db (the caller's to close) and the operator in *a.
 * A support operator is connected again as support_db_user, read-only,
 * when the configuration names it.  0 on success; 1 after printing why,
 * with nothing left open.
 */
int whoami_open(struct config *cfg, struct db **db, const char *operator_name, struct actor *a,
    const char *prog);

#endif
