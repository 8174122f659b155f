/*
 * csv.h - a reader of RFC 4180 CSV files, one record at a time.
 *
 * Fields are separated by commas; a field in double quotes may hold
 * commas, line breaks and doubled quotes ("" is one "); records end with
 * LF, CRLF or a lone CR.  A UTF-8 byte order mark at the start of the
 * file is skipped.  Blank lines are skipped.  Text is returned as it is
 * in the file (no charset conversion, no trimming).
 */
#ifndef SHELF_CSV_H
#define SHELF_CSV_H

#include <stddef.h>
#include <stdio.h>
#include "err.h"

struct csv;

/* csv_open - open path for reading into *out (csv_close it); CORE_IO when it cannot be opened (errno kept). */
enum core_err csv_open(const char *path, struct csv **out);

/*
 * csv_open_stream - read the open stream f (from its current position)
 * into *out; csv_close closes f.  For data that is not a file: memory
 * through fmemopen (the fuzz target).  CORE_ENOMEM (f left open).
 */
enum core_err csv_open_stream(FILE *f, struct csv **out);

/* csv_close - close the file and release the reader; NULL is fine. */
void csv_close(struct csv *c);

/*
 * csv_next - read the next record.  CORE_OK with *fields (n NUL-terminated
 * strings, borrowed until the next call) and *line, the file's line
 * number (1-based) where the record starts; CORE_NOTFOUND at the end of
 * the file; CORE_INVALID for a quoted field still open at the end of the
 * file (*line: where its record starts); CORE_IO, CORE_ENOMEM.
 */
enum core_err csv_next(struct csv *c, char ***fields, size_t *n, long *line);

#endif
