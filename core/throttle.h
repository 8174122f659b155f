/*
 * throttle.h - the throttles of storefront sign-in (session.h says the
 * rules; the counters are rate_limits rows, ratelimit.h): per client
 * address, per network, and failures per e-mail from all sources and
 * from one.
 */
#ifndef SHELF_THROTTLE_H
#define SHELF_THROTTLE_H

#include <stddef.h>
#include <stdint.h>
#include "db.h"
#include "ratelimit.h"

/*
 * The buckets of one sign-in attempt.  acct counts the failures for the
 * e-mail on this storefront from every source, pair those from this
 * client address alone; both are keyed by the e-mail's hash, so an
 * unknown e-mail is throttled exactly like an account.
 */
struct throttle {
	char ip[RATELIMIT_BUCKET_MAX + 1];	/* attempts from the address; "" without one */
	char net[RATELIMIT_BUCKET_MAX + 1];	/* attempts from its /24 (IPv4) or /64 (IPv6) */
	char acct[RATELIMIT_BUCKET_MAX + 1];	/* failures for the e-mail */
	char pair[RATELIMIT_BUCKET_MAX + 1];	/* failures for the e-mail from the address */
};

/*
 * throttle_email_bucket - "WHAT:rR:e:HEX", a rate_limits bucket for email
 * (any case) on reseller r, without the address in clear.
 */
enum core_err throttle_email_bucket(char *out, size_t n, const char *what, int64_t r, const char *email);

/* throttle_init - the buckets of an attempt for email on reseller_id from client_ip (NULL or "": none). */
enum core_err throttle_init(struct throttle *t, int64_t reseller_id, const char *email, const char *client_ip);

/*
 * throttle_check - count the attempt against the address and its network,
 * then say whether this source may try this e-mail now: refused (why set,
 * CORE_CONFLICT) when the address or network is over its limit, or the
 * source failed SESSION_SOURCE_FAILURES times for the e-mail, or once when
 * the e-mail has had SESSION_ACCOUNT_FAILURES failures from all sources.
 * A source that has not failed for the e-mail is never refused for the
 * e-mail's sake: the owner signs in while someone else guesses.
 */
enum core_err throttle_check(struct db *db, const struct throttle *t, char *why);

/* throttle_fail - count a failure for the e-mail, from every source and from this one (in the caller's transaction). */
enum core_err throttle_fail(struct db *db, const struct throttle *t);

/* throttle_fail_txn - throttle_fail as a db_txn body (arg: the struct throttle). */
enum core_err throttle_fail_txn(struct db *db, void *arg);

#endif
