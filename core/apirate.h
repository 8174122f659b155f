/*
 * apirate.h - the token buckets of the Marketplace API's clients.
 *
 * The buckets of the clients seen lately live in memory, in a fixed
 * table (no allocation per request, no database round trip: a shared
 * bucket in the database halved the API's throughput).  apirate_take is
 * pure arithmetic on the caller's clock (the tests drive it with their
 * own) over a table of the caller's.
 *
 * One table per host: apirate_shared_new maps one table into memory
 * shared by the process that makes it and every process it forks
 * afterwards (shelf-fcgi's master makes it before its workers, so every
 * worker, a replacement of one that died and the workers of a reload
 * take from the same bucket of a client: its burst is honoured once,
 * whichever worker nginx sends each request to).  Anonymous shared
 * memory rather than a file: nothing to create, clean up or protect on
 * disk, and nothing stale after a restart (the buckets start full, as
 * they would after the limit's window).  Takes are serialised by a
 * process-shared robust mutex, held for a few arithmetic operations; a
 * worker that dies holding it leaves at most one bucket half-updated,
 * and the next taker carries on (EOWNERDEAD: made consistent).  Several
 * shelf-fcgi masters on one host would each have their own table.
 */
#ifndef SHELF_APIRATE_H
#define SHELF_APIRATE_H

#include <pthread.h>
#include <stdint.h>

#define APIRATE_SLOTS 1024	/* clients remembered per table; the least recently seen make room */

struct apirate_slot {
	int64_t client;		/* api_clients.id; 0: free */
	double  tokens;
	int64_t updated_us;
};

struct apirate_table {
	struct apirate_slot slot[APIRATE_SLOTS];
};

/* A bucket's answer for one request. */
struct apirate {
	int     allowed;		/* 1: go on; 0: 429 */
	int64_t limit;			/* the bucket's size */
	int64_t remaining;		/* whole requests left now */
	int64_t reset;			/* seconds until the bucket is full again */
	int64_t retry_after;		/* when refused: seconds until one request is allowed */
};

/*
 * apirate_take - take one request of client from its bucket in t: burst
 * requests (> 0), refilled at per_second (> 0); now_us is the wall clock
 * in microseconds.  A clock that goes back refills nothing.
 */
void apirate_take(struct apirate_table *t, int64_t client, int64_t burst, double per_second, int64_t now_us,
    struct apirate *out);

/* A table shared between processes (apirate_shared_new). */
struct apirate_shared {
	pthread_mutex_t      lock;	/* process-shared, robust: held only inside apirate_shared_take */
	struct apirate_table table;
};

/*
 * apirate_shared_new - an empty table in anonymous shared memory, shared
 * with the processes forked afterwards; NULL when it cannot be made
 * (the caller then keeps a table of its own).  It lives as long as the
 * processes that map it: there is no free.
 */
struct apirate_shared *apirate_shared_new(void);

/*
 * apirate_shared_take - apirate_take on s's table under its lock.  When
 * the lock cannot be had (never expected: only a broken mutex), the
 * request is allowed, with out saying a full bucket: the API stays up.
 */
void apirate_shared_take(struct apirate_shared *s, int64_t client, int64_t burst, double per_second,
    int64_t now_us, struct apirate *out);

#endif
