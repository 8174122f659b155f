/*
 * apirate.h - the token buckets of the Marketplace API's clients.
 *
 * Each shelf-fcgi worker keeps the buckets of the clients it has seen in
 * memory (a fixed table: no allocation per request, no database round
 * trip: a shared bucket in the database halved the API's throughput).
 * Every worker holds a client's whole limit, not a share of it: nginx
 * keeps its upstream connections open, so one client's requests mostly
 * reach one worker, and a share would refuse a client far below its
 * limit.  The price: a client whose requests spread over all N workers
 * of a host gets up to N times its limit.  A worker that restarts
 * starts its buckets full.  Pure arithmetic on the caller's clock: the
 * tests drive it with their own.
 */
#ifndef SHELF_APIRATE_H
#define SHELF_APIRATE_H

#include <stdint.h>

#define APIRATE_SLOTS 1024	/* clients remembered per worker; the least recently seen make room */

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

#endif
