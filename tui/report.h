/*
 * report.h - the edition report (resellers by edition, with the date and
 * operator of their latest edition change) written as CSV or as a text
 * table, for the TUI's export and `shelf report resellers`.  Walks
 * reseller_report page by page: never the whole table in memory.
 */
#ifndef SHELF_REPORT_H
#define SHELF_REPORT_H

#include <stdio.h>
#include "actor.h"
#include "db.h"
#include "ui.h"

enum report_format { REPORT_CSV, REPORT_TABLE };

/*
 * report_resellers - write the report of edition (enum reseller_edition,
 * -1 for all) to f.  CSV: RFC 4180 (CRLF, quotes doubled), a header row,
 * cells that a spreadsheet would take for a formula prefixed with '.
 * Table: aligned columns, text sanitized for a terminal.  *rows gets the
 * number of resellers written (may be NULL).  Returns core's error (why
 * filled when it gave one) or CORE_IO when writing fails.
 */
enum core_err report_resellers(struct db *db, const struct actor *a, const struct config *cfg,
    int edition, enum report_format fmt, FILE *f, long *rows, char *why);

/*
 * report_resellers_file - report_resellers into the file at path
 * (relative to the working directory; created or replaced), for the
 * TUI's export and `shelf report --output`.  abs (abssz bytes, may be
 * NULL) gets the file's absolute path, to tell the operator where it
 * went.  CORE_IO with why filled when the file cannot be written.
 */
enum core_err report_resellers_file(struct db *db, const struct actor *a, const struct config *cfg,
    int edition, enum report_format fmt, const char *path, char *abs, size_t abssz, long *rows, char *why);

/* report_abs_path - path made absolute against the working directory (not resolved) into out. */
const char *report_abs_path(const char *path, char *out, size_t n);

#endif
