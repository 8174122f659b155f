/*
 * migrate.h - numbered SQL migrations and SQL script files.
 *
 * Migrations are the files NNN_name.sql in a directory, applied in the
 * order of their number and recorded in the table schema_migrations, so
 * running again is a no-op.  Each migration runs inside one transaction:
 * on failure it is rolled back (DDL that MariaDB commits implicitly
 * cannot be undone; keep such statements one per migration where it
 * matters), earlier migrations stay applied, and the message names the
 * file, the statement's line and its first words.
 */
#ifndef SHELF_MIGRATE_H
#define SHELF_MIGRATE_H

#include <stddef.h>
#include "db.h"

/* Called once per migration applied, with its file name. */
typedef void (*migrate_note_fn)(const char *file, void *arg);

/*
 * migrate_apply - apply every migration in dir not yet recorded.
 * *applied gets the count applied by this call.  On failure returns the
 * error and writes the explanation into msg.
 */
enum core_err migrate_apply(struct db *db, const char *dir, int *applied,
    migrate_note_fn note, void *arg, char *msg, size_t msgsz);

/* migrate_version - the highest applied migration number (0 for none). */
enum core_err migrate_version(struct db *db, int *version);

/*
 * migrate_run_file - run every statement of the SQL script at path, in
 * one transaction when txn is set (else each statement commits on its
 * own).  Statements are split on `;` outside quotes and comments.
 */
enum core_err migrate_run_file(struct db *db, const char *path, int txn,
    char *msg, size_t msgsz);

/*
 * migrate_split - find the next statement in [*p, end): on return 1,
 * *stmt and *len give it (trimmed, without the `;`), *line its first
 * line counting from *lineno, and *p moves past it.  Returns 0 at the end.
 */
int migrate_split(const char **p, const char *end, const char **stmt,
    size_t *len, int *lineno, int *line);

#endif
