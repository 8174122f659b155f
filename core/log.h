/*
 * log.h - the log lines of shelf-fcgi and the worker (stderr, which the
 * service manager or `make serve` keeps), rate-limited so that a fault
 * repeated by every request (a database restart answering 503s) cannot
 * flood the disk.
 *
 * Lines are limited per call site, that is per format string: at most
 * LOG_BURST lines of one format in a window of LOG_WINDOW_SECONDS.  The
 * rest are counted, not written; when that window is over, the next call
 * of log_say (any format) or log_flush first writes one line
 * "<prefix>: N more lines like \"<format>\" dropped in <W> s".  A process
 * has LOG_SITES slots; formats beyond that share the last one.
 *
 * Not thread-safe: each process (shelf-fcgi worker, bin/shelf worker)
 * logs from one thread.
 */
#ifndef SHELF_LOG_H
#define SHELF_LOG_H

#include <stdio.h>

#define LOG_BURST          5
#define LOG_WINDOW_SECONDS 10
#define LOG_SITES          64

/*
 * log_open - set the prefix of summary lines ("shelf-fcgi", borrowed,
 * static) and where lines go (NULL: stderr).  Optional.
 */
void log_open(const char *prefix, FILE *out);

/* log_say - write fmt's line (a newline is added) unless its site is over its limit. */
void log_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* log_flush - write the summaries of the windows that are over (call before exit, and now and then). */
void log_flush(void);

/*
 * log_set_clock - tests only: the seconds clock to use (NULL: CLOCK_MONOTONIC),
 * and forget every site's window.
 */
void log_set_clock(double (*now)(void));

#endif
