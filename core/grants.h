/*
 * grants.h - least privilege: what the MariaDB accounts of shelf-fcgi and
 * of support operators may do, granted by `shelf migrate` (which runs as
 * migrate_db_user, with DDL and GRANT OPTION) after the migrations.
 *
 *   shelf-fcgi (fcgi_db_user): per table, only the statements the
 *     storefront and the API make: SELECT, INSERT, UPDATE, DELETE, some
 *     of them, on the tables it needs (grants.c's table); nothing on the
 *     others (operators, the billing run's bookkeeping, the schema's own
 *     table), and never DDL: it cannot DROP, ALTER or CREATE.
 *   support operators (support_db_user): SELECT on every table.
 *   everyone else (db_user): the TUI of admins, the worker, the CLI.
 *
 * Every table of the schema has a line in grants.c: a table without one
 * stops grants_apply (and test_grants), so a new table is never granted
 * by accident nor forgotten.  Grants only add: a privilege taken out of
 * the table is revoked by hand (README, Deploying).
 */
#ifndef SHELF_GRANTS_H
#define SHELF_GRANTS_H

#include <stddef.h>
#include "config.h"
#include "db.h"

/*
 * grants_fcgi - the privileges shelf-fcgi gets on table ("SELECT",
 * "SELECT, INSERT, UPDATE", ...), "" for none, NULL for a table grants.c
 * does not know.  Static.
 */
const char *grants_fcgi(const char *table);

/*
 * grants_apply - grant the accounts cfg names (fcgi_db_user,
 * support_db_user, at db_grant_host) their privileges on every table of
 * cfg->db_name; nothing when neither is set (*count 0).  *count (may be
 * NULL) gets the GRANT statements run.  CORE_INVALID with msg for an
 * account, host or database name that is not a plain identifier, or a
 * table grants.c does not know; a MariaDB error otherwise, with msg.
 */
enum core_err grants_apply(struct db *db, const struct config *cfg, int *count, char *msg, size_t n);

#endif
