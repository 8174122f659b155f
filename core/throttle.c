/* throttle.c - sign-in throttles in rate_limits; see throttle.h. */
#include <arpa/inet.h>
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "digest.h"
#include "ratelimit.h"
#include "session.h"
#include "throttle.h"

#define EMAIL_MAX 254

enum core_err
throttle_email_bucket(char *out, size_t n, const char *what, int64_t r, const char *email)
{
	char low[EMAIL_MAX + 1], hex[DIGEST_SHA256_HEX];
	enum core_err er;
	size_t i;

	for (i = 0; email[i] && i < EMAIL_MAX; i++)
		low[i] = (char)tolower((unsigned char)email[i]);
	low[i] = '\0';
	if ((er = digest_sha256_hex(low, i, hex)) != CORE_OK)
		return er;
	snprintf(out, n, "%s:r%lld:e:%s", what, (long long)r, hex);
	return CORE_OK;
}


/* net_prefix - the network of a client address ("203.0.113", "20010db8aaaabbbb"); 0 when unparsable. */
static int
net_prefix(const char *ip, char *out, size_t n)
{
	unsigned char a[16];
	int i;

	if (inet_pton(AF_INET, ip, a) == 1) {
		snprintf(out, n, "%u.%u.%u", a[0], a[1], a[2]);
		return 1;
	}
	if (inet_pton(AF_INET6, ip, a) != 1)
		return 0;
	for (i = 0; i < 8 && (size_t)(2 * i + 2) < n; i++)
		snprintf(out + 2 * i, n - 2 * (size_t)i, "%02x", a[i]);
	return 1;
}

enum core_err
throttle_init(struct throttle *t, int64_t reseller_id, const char *email, const char *client_ip)
{
	char net[40];
	enum core_err er;
	int has_ip = client_ip != NULL && *client_ip != '\0' && strlen(client_ip) <= 45;

	memset(t, 0, sizeof(*t));
	if ((er = throttle_email_bucket(t->acct, sizeof(t->acct), "login", reseller_id, email)) != CORE_OK)
		return er;
	if (snprintf(t->pair, sizeof(t->pair), "%s:ip:%s", t->acct, has_ip ? client_ip : "-") >= (int)sizeof(t->pair))
		return CORE_INVALID;	/* cannot happen: ~90 + 4 + 45 bytes */
	if (has_ip) {
		snprintf(t->ip, sizeof(t->ip), "login:ip:%s", client_ip);
		if (net_prefix(client_ip, net, sizeof(net)))
			snprintf(t->net, sizeof(t->net), "login:net:%s", net);
	}
	return CORE_OK;
}

enum core_err
throttle_check(struct db *db, const struct throttle *t, char *why)
{
	int64_t acct, pair;
	enum core_err er;
	int allowed;

	if (t->ip[0]) {
		if ((er = ratelimit_hit(db, t->ip, SESSION_WINDOW_SECONDS, SESSION_IP_ATTEMPTS, &allowed)) != CORE_OK)
			return er;
		if (allowed && t->net[0] &&
		    (er = ratelimit_hit(db, t->net, SESSION_WINDOW_SECONDS, SESSION_NET_ATTEMPTS, &allowed)) != CORE_OK)
			return er;
		if (!allowed) {
			core_say(why, "Too many sign-in attempts from your network. Please try again in 15 minutes.");
			return CORE_CONFLICT;
		}
	}
	if ((er = ratelimit_count(db, t->acct, SESSION_WINDOW_SECONDS, &acct)) != CORE_OK ||
	    (er = ratelimit_count(db, t->pair, SESSION_WINDOW_SECONDS, &pair)) != CORE_OK)
		return er;
	if (pair >= (acct >= SESSION_ACCOUNT_FAILURES ? 1 : SESSION_SOURCE_FAILURES)) {
		core_say(why, SESSION_MSG_LOCKED);
		return CORE_CONFLICT;
	}
	return CORE_OK;
}

enum core_err
throttle_fail(struct db *db, const struct throttle *t)
{
	enum core_err er;
	int allowed;

	if ((er = ratelimit_hit(db, t->acct, SESSION_WINDOW_SECONDS, INT_MAX, &allowed)) != CORE_OK)
		return er;
	return ratelimit_hit(db, t->pair, SESSION_WINDOW_SECONDS, INT_MAX, &allowed);
}

enum core_err
throttle_fail_txn(struct db *db, void *arg)
{
	return throttle_fail(db, arg);
}

