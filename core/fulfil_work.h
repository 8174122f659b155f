/*
 * fulfil_work.h - the worker's share of fulfilment (shelf worker): one
 * due piece of work at a time, claimed so that several workers on one
 * database never take the same piece: an OUTBOX_PROVISION row (the order
 * starts, fulfil_start) or a due keys/http task (keys_assign, or the
 * signed POST outside any transaction and its outcome recorded after).
 */
#ifndef SHELF_FULFIL_WORK_H
#define SHELF_FULFIL_WORK_H

#include <stdint.h>
#include "config.h"
#include "db.h"
#include "fulfil_http.h"

/* What one piece of work was, for the worker's log line. */
struct fulfil_work_log {
	int64_t     id;		/* outbox row id (provision) or task id (keys, http) */
	const char *kind;	/* "provision", "keys", "http" (static) */
	int         attempt;	/* this attempt's number, from 1 */
	char        outcome[700];	/* "started SO-000012", "done", "waiting: ...", "retry in 60s: ..." */
};

/*
 * fulfil_work_once - do one due piece of work as the system, provision
 * rows first, and describe it in *log; *did 0 when nothing was due.
 * h: the http connector (fulfil_http_new(cfg)); random: jitter for the
 * backoff.  An outcome that cannot be recorded, or a database failure,
 * is the error returned (the lease makes the piece due again later).
 */
enum core_err fulfil_work_once(struct db *db, struct fulfil_http *h, const struct config *cfg, unsigned random,
    int *did, struct fulfil_work_log *log);

#endif
