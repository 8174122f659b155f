/*
 * ratelimit.h - fixed-window throttling kept in the rate_limits table
 * (login attempts, the storefront contact form, password resets).
 *
 * A bucket names who is throttled for what, e.g. "contact:r42:ip:203.0.113.7".
 * Time is cut into windows of window_seconds aligned to the Unix epoch
 * (server clock); each hit in the current window counts one, and a new
 * window starts the count again at one.  The counter is one row per bucket,
 * incremented by a single INSERT ... ON DUPLICATE KEY UPDATE, so concurrent
 * hits on any number of connections are counted exactly (the row lock
 * serialises them) and each caller learns the count its own hit made.
 */
#ifndef SHELF_RATELIMIT_H
#define SHELF_RATELIMIT_H

#include <stdint.h>
#include "db.h"

#define RATELIMIT_BUCKET_MAX 191	/* rate_limits.bucket */

/*
 * ratelimit_hit - count one hit on bucket and say whether it is within
 * max_hits for the current window: *allowed = 1 when this hit is number
 * 1..max_hits of the window, else 0 (the hit is still counted, so a
 * client hammering a closed bucket stays refused until the window ends).
 * Works inside or outside a transaction; inside, the count commits or
 * rolls back with the caller's transaction.
 * CORE_INVALID for an empty or too long bucket, window_seconds < 1 or
 * max_hits < 1.  bucket is borrowed.
 */
enum core_err ratelimit_hit(struct db *db, const char *bucket, int window_seconds,
    int max_hits, int *allowed);

/*
 * ratelimit_count - the hits bucket has in the current window (0 when it
 * has none or its row is from an older window), without counting one.
 * CORE_INVALID as ratelimit_hit.
 */
enum core_err ratelimit_count(struct db *db, const char *bucket, int window_seconds, int64_t *hits);

/*
 * ratelimit_purge - delete counters whose window started more than
 * older_than_seconds ago (garbage; the worker calls this now and then).
 * *deleted (may be NULL) gets the number of rows removed.
 */
enum core_err ratelimit_purge(struct db *db, int older_than_seconds, uint64_t *deleted);

#endif
