/*
 * webhook.c - webhook endpoints, their checks and the queueing of events
 * (webhook.h).  Delivery is webhook_send.c's.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/random.h>
#include <openssl/evp.h>
#include "audit.h"
#include "digest.h"
#include "names.h"
#include "outbox.h"
#include "str.h"
#include "webhook.h"

static const char *const event_names[WEBHOOK_EV__MAX] = {
#define WEBHOOK_NAME(sym, name) [sym] = name,
	WEBHOOK_EVENTS(WEBHOOK_NAME)
#undef WEBHOOK_NAME
};

NAMES_FN_NAME(webhook_event_name, enum webhook_event, event_names, WEBHOOK_EV__MAX, "")
NAMES_FN_PARSE(webhook_event_parse, event_names, WEBHOOK_EV__MAX)

enum {
	WH_INSERT, WH_GET, WH_LIST, WH_LOCK, WH_UPDATE, WH_ENABLE, WH_DISABLE, WH_DELETE, WH_SECRET_SET,
	WH_SECRET_GET, WH_SUBSCRIBED, WH_DELIVERIES, WH_COUNT, WH__MAX
};

#define WH_COLS \
	"SELECT e.id, e.reseller_id, r.name, e.url, e.description, e.events + 0, e.enabled," \
	" COALESCE(e.disabled_reason, ''), COALESCE(DATE_FORMAT(e.disabled_at, '%Y-%m-%d %H:%i:%s'), '')," \
	" e.failures, DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(e.updated_at, '%Y-%m-%d %H:%i:%s')" \
	" FROM webhook_endpoints e JOIN resellers r ON r.id = e.reseller_id"
/* a reseller (0: any) and a distributor (0: any): the reader's scope */
#define WEBHOOK_MAX_STR "20"	/* WEBHOOK_MAX_ENDPOINTS */
#define WH_SCOPE " (? = 0 OR e.reseller_id = ?) AND (? = 0 OR r.distributor_id = ?)"

static const char *const sql[WH__MAX] = {
	[WH_INSERT] =
	    "INSERT INTO webhook_endpoints (reseller_id, url, description, secret, events) VALUES (?, ?, ?, ?, ?)",
	[WH_GET] = WH_COLS " WHERE e.id = ? AND" WH_SCOPE,
	[WH_LIST] = WH_COLS " WHERE" WH_SCOPE " ORDER BY e.id LIMIT 1000",
	[WH_LOCK] = WH_COLS " WHERE e.id = ? AND e.reseller_id = ? FOR UPDATE",
	[WH_UPDATE] =
	    "UPDATE webhook_endpoints SET url = ?, description = ?, events = ? WHERE id = ? AND reseller_id = ?",
	[WH_ENABLE] =
	    "UPDATE webhook_endpoints SET enabled = 1, disabled_reason = NULL, disabled_at = NULL, failures = 0"
	    " WHERE id = ? AND reseller_id = ?",
	[WH_DISABLE] =
	    "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = ?, disabled_at = NOW()"
	    " WHERE id = ? AND reseller_id = ?",
	[WH_DELETE] = "DELETE FROM webhook_endpoints WHERE id = ? AND reseller_id = ?",
	[WH_SECRET_SET] = "UPDATE webhook_endpoints SET secret = ? WHERE id = ? AND reseller_id = ?",
	[WH_SECRET_GET] = "SELECT secret FROM webhook_endpoints WHERE id = ? AND reseller_id = ?",
	[WH_SUBSCRIBED] =
	    "SELECT id FROM webhook_endpoints WHERE reseller_id = ? AND enabled = 1 AND FIND_IN_SET(?, events) > 0"
	    " ORDER BY id LIMIT " WEBHOOK_MAX_STR,
	[WH_COUNT] = "SELECT COUNT(*) FROM webhook_endpoints WHERE reseller_id = ? FOR UPDATE",
	[WH_DELIVERIES] =
	    "SELECT d.id, d.endpoint_id, d.msg_id, d.event_type, d.attempt, COALESCE(d.http_status, 0),"
	    " COALESCE(d.error, ''), d.duration_ms, DATE_FORMAT(d.created_at, '%Y-%m-%d %H:%i:%s')"
	    " FROM webhook_deliveries d WHERE d.endpoint_id = ? AND (? = 0 OR d.id < ?) ORDER BY d.id DESC LIMIT ?",
};

static const struct db_table table = { DB_MOD_WEBHOOK, sql, WH__MAX };

#define COL(type, member) DB_COL(type, struct webhook_endpoint, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	COL(STR, reseller_name),
	COL(STR, url),
	COL(STR, description),
	COL(INT, events),
	COL(BOOL, enabled),
	COL(STR, disabled_reason),
	COL(STR, disabled_at),
	COL(INT, failures),
	COL(STR, created_at),
	COL(STR, updated_at),
};
#undef COL
DB_FILL_FN(fill, struct webhook_endpoint, cols)

#define COL(type, member) DB_COL(type, struct webhook_delivery, member)
static const struct db_col dcols[] = {
	COL(INT, id),
	COL(INT, endpoint_id),
	COL(STR, msg_id),
	COL(STR, event_type),
	COL(INT, attempt),
	COL(INT, http_status),
	COL(STR, error),
	COL(INT, duration_ms),
	COL(STR, created_at),
};
#undef COL
DB_FILL_FN(fill_delivery, struct webhook_delivery, dcols)

DB_LIST_FREE_FN(webhook_list_free, webhook_list)
DB_LIST_FREE_FN(webhook_delivery_list_free, webhook_delivery_list)

/* ---- names, URLs, addresses -------------------------------------------- */

void
webhook_events_format(unsigned mask, const char *sep, char *out, size_t n)
{
	size_t len = 0;
	int i, k;

	if (n == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < WEBHOOK_EV__MAX; i++) {
		if (!(mask & (1u << i)))
			continue;
		k = snprintf(out + len, n - len, "%s%s", len ? sep : "", event_names[i]);
		if (k < 0 || (size_t)k >= n - len)
			return;
		len += (size_t)k;
	}
}

int
webhook_events_parse(const char *list, unsigned *mask, char *why)
{
	char name[64];
	const char *p = list != NULL ? list : "";
	size_t k;
	int e;

	*mask = 0;
	while (*p) {
		p += strspn(p, ", ");
		if ((k = strcspn(p, ", ")) == 0)
			break;
		if (k >= sizeof(name)) {
			core_say(why, "An event name is too long.");
			return -1;
		}
		memcpy(name, p, k);
		name[k] = '\0';
		p += k;
		if (strcmp(name, "all") == 0) {
			*mask |= WEBHOOK_EV_ALL;
			continue;
		}
		if ((e = webhook_event_parse(name)) < 0) {
			core_say(why, "Unknown event '%.60s': choose from order.created, order.status_changed,"
			    " subscription.changed, invoice.issued, customer.created.", name);
			return -1;
		}
		*mask |= 1u << e;
	}
	if (*mask == 0) {
		core_say(why, "Choose at least one event.");
		return -1;
	}
	return 0;
}

/* v4_internal - 1 when the IPv4 address a (network order bytes) is not public unicast. */
static int
v4_internal(const unsigned char a[4])
{
	return a[0] == 0 || a[0] == 10 || a[0] == 127 || a[0] >= 224 ||
	    (a[0] == 100 && (a[1] & 0xc0) == 64) ||		/* 100.64/10 carrier-grade NAT */
	    (a[0] == 169 && a[1] == 254) ||
	    (a[0] == 172 && (a[1] & 0xf0) == 16) ||
	    (a[0] == 192 && a[1] == 0 && (a[2] == 0 || a[2] == 2)) ||
	    (a[0] == 192 && a[1] == 168) ||
	    (a[0] == 198 && (a[1] & 0xfe) == 18) ||
	    (a[0] == 198 && a[1] == 51 && a[2] == 100) ||
	    (a[0] == 203 && a[1] == 0 && a[2] == 113);
}

int
webhook_addr_internal(const char *text)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	static const unsigned char nat64[12] = { 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned char zero[12] = { 0 };
	unsigned char a[16];

	if (text == NULL)
		return -1;
	if (inet_pton(AF_INET, text, a) == 1)
		return v4_internal(a);
	if (inet_pton(AF_INET6, text, a) != 1)
		return -1;
	if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0)
		return v4_internal(a + 12);
	if (memcmp(a, zero, 12) == 0)		/* ::, ::1, IPv4-compatible */
		return 1;
	return (a[0] & 0xfe) == 0xfc ||			/* fc00::/7 unique local */
	    (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) ||	/* fe80::/10 link-local */
	    (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) ||	/* fec0::/10 site-local */
	    a[0] == 0xff ||				/* multicast */
	    (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8);	/* documentation */
}

int
webhook_addr_loopback(const char *text)
{
	static const unsigned char one[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
	unsigned char a[16];

	if (text == NULL)
		return 0;
	if (inet_pton(AF_INET, text, a) == 1)
		return a[0] == 127;
	return inet_pton(AF_INET6, text, a) == 1 && memcmp(a, one, 16) == 0;
}

int
webhook_url_check(const struct config *cfg, const char *url, char *why)
{
	int allow = cfg != NULL && cfg->webhook_allow_http_loopback, https, internal, loop;
	char host[256];
	const char *p, *auth, *end, *h, *he;
	size_t n;

	if (url == NULL || url[0] == '\0') {
		core_say(why, "Give the endpoint's URL.");
		return -1;
	}
	if (strlen(url) > WEBHOOK_URL_MAX) {
		core_say(why, "The URL can be at most %d characters long.", WEBHOOK_URL_MAX);
		return -1;
	}
	for (p = url; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f) {
			core_say(why, "The URL must be printable ASCII without spaces (percent-encode the rest).");
			return -1;
		}
	if (strncasecmp(url, "https://", 8) == 0) {
		https = 1;
		auth = url + 8;
	} else if (strncasecmp(url, "http://", 7) == 0) {
		https = 0;
		auth = url + 7;
	} else {
		core_say(why, "The URL must start with https://.");
		return -1;
	}
	if (strchr(url, '#') != NULL) {
		core_say(why, "The URL cannot have a #fragment.");
		return -1;
	}
	end = auth + strcspn(auth, "/?");
	if (memchr(auth, '@', (size_t)(end - auth)) != NULL) {
		core_say(why, "The URL cannot hold a user name or password (user@host).");
		return -1;
	}
	/* the host: [IPv6] or a name or IPv4, then an optional :port */
	if (*auth == '[') {
		h = auth + 1;
		if ((he = memchr(h, ']', (size_t)(end - h))) == NULL) {
			core_say(why, "The URL's host is not valid.");
			return -1;
		}
		p = he + 1;
	} else {
		h = auth;
		he = memchr(h, ':', (size_t)(end - h));
		if (he == NULL)
			he = end;
		p = he;
	}
	n = (size_t)(he - h);
	if (n == 0 || n >= sizeof(host)) {
		core_say(why, "The URL has no valid host.");
		return -1;
	}
	memcpy(host, h, n);
	host[n] = '\0';
	if (p < end) {
		char *e;
		long port;

		if (*p != ':' || p + 1 == end) {
			core_say(why, "The URL's host is not valid.");
			return -1;
		}
		port = strtol(p + 1, &e, 10);
		if (e != end || port < 1 || port > 65535) {
			core_say(why, "The URL's port must be a number from 1 to 65535.");
			return -1;
		}
	}
	for (p = host; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.' && !(*auth == '[' && *p == ':')) {
			core_say(why, "The URL's host is not valid.");
			return -1;
		}
	internal = webhook_addr_internal(host);
	loop = webhook_addr_loopback(host) || strcasecmp(host, "localhost") == 0 ||
	    (n > 10 && strcasecmp(host + n - 10, ".localhost") == 0);
	if (internal < 0 && (loop || strchr(host, '.') == NULL))
		internal = 1;	/* localhost and single-label names reach inside */
	if (internal == 1 && !(allow && loop)) {
		core_say(why, "The URL points to a private or internal address; webhooks go to public https:// URLs only.");
		return -1;
	}
	if (!https && !(allow && loop)) {
		core_say(why, "The URL must start with https://.");
		return -1;
	}
	return 0;
}

/* ---- secrets and signatures -------------------------------------------- */

enum core_err
webhook_secret_new(char out[WEBHOOK_SECRET_SZ])
{
	unsigned char raw[24];

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		return CORE_IO;
	memcpy(out, "whsec_", 6);
	EVP_EncodeBlock((unsigned char *)out + 6, raw, sizeof(raw));	/* 32 characters and a NUL */
	explicit_bzero(raw, sizeof(raw));
	return CORE_OK;
}

enum core_err
webhook_sign(const char *secret, const char *msg_id, long long ts, const char *body, char out[WEBHOOK_SIG_SZ])
{
	unsigned char key[96], mac[DIGEST_SHA256_LEN];
	const char *b64;
	size_t n, pad = 0, len;
	char *msg;
	int k;
	enum core_err er;

	out[0] = '\0';
	if (secret == NULL || strncmp(secret, "whsec_", 6) != 0)
		return CORE_INVALID;
	b64 = secret + 6;
	n = strlen(b64);
	if (n == 0 || n % 4 != 0 || n / 4 * 3 > sizeof(key))
		return CORE_INVALID;
	if ((k = EVP_DecodeBlock(key, (const unsigned char *)b64, (int)n)) < 0)
		return CORE_INVALID;
	while (pad < 2 && b64[n - 1 - pad] == '=')
		pad++;
	len = (size_t)snprintf(NULL, 0, "%s.%lld.%s", msg_id, ts, body);
	if ((msg = malloc(len + 1)) == NULL) {
		explicit_bzero(key, sizeof(key));
		return CORE_ENOMEM;
	}
	snprintf(msg, len + 1, "%s.%lld.%s", msg_id, ts, body);
	er = digest_hmac_sha256(key, (size_t)k - pad, msg, len, mac);
	free(msg);
	explicit_bzero(key, sizeof(key));
	if (er != CORE_OK)
		return er;
	memcpy(out, "v1,", 3);
	EVP_EncodeBlock((unsigned char *)out + 3, mac, sizeof(mac));	/* 44 characters and a NUL */
	return CORE_OK;
}

/* ---- endpoints --------------------------------------------------------- */

/* writer - CORE_OK when a manages its reseller's endpoints. */
static enum core_err
writer(const struct actor *a, char *why)
{
	if (actor_may(a, ACT_API_CLIENTS) != CORE_OK || a->reseller_id <= 0) {
		core_say(why, "Only a reseller's administrators can manage its webhooks.");
		return CORE_FORBIDDEN;
	}
	return CORE_OK;
}

/* reader - the scope a reads in: its own reseller, or (support, distributor admin) its distributor's. */
static enum core_err
reader(const struct actor *a, int64_t want, int64_t *rid, int64_t *did)
{
	if (actor_reseller_operator(a) && actor_may(a, ACT_TENANT_READ) == CORE_OK) {
		*rid = a->reseller_id;
		*did = 0;
		return CORE_OK;
	}
	if (actor_may(a, ACT_INSPECT) == CORE_OK && a->distributor_id > 0) {
		*rid = want > 0 ? want : 0;
		*did = a->distributor_id;
		return CORE_OK;
	}
	return CORE_FORBIDDEN;
}

static int
desc_ok(const char *d, char *why)
{
	if (d != NULL && !str_text_valid(d, 0, WEBHOOK_DESC_MAX, 0)) {
		core_say(why, "The description can be at most %d characters, without control characters.",
		    WEBHOOK_DESC_MAX);
		return 0;
	}
	return 1;
}

static json_t *
audit_json(const struct webhook_endpoint *e)
{
	char ev[160];

	webhook_events_format(e->events, ",", ev, sizeof(ev));
	return json_pack("{s:s, s:s, s:s, s:b, s:s}", "url", e->url, "description", e->description, "events", ev,
	    "enabled", e->enabled, "disabled_reason", e->disabled_reason);
}

struct create_args {
	const struct actor *a;
	const char         *url, *desc;
	char                events[160];
	const char         *secret;
	int64_t             id;
	char               *why;
};

static enum core_err
create_txn(struct db *db, void *arg)
{
	struct create_args *x = arg;
	struct webhook_endpoint e;
	int64_t count = 0;
	enum core_err er;

	if ((er = db_query_int(db, &table, WH_COUNT, &count, "i", x->a->reseller_id)) != CORE_OK)
		return er;
	if (count >= WEBHOOK_MAX_ENDPOINTS) {
		core_say(x->why, "A reseller can have at most %d webhook endpoints.", WEBHOOK_MAX_ENDPOINTS);
		return CORE_CONFLICT;
	}
	if ((er = db_exec(db, &table, WH_INSERT, NULL, "issss", x->a->reseller_id, x->url, x->desc, x->secret,
	    x->events)) != CORE_OK)
		return er;
	x->id = (int64_t)db_insert_id(db);
	if ((er = db_row(db, &table, WH_LOCK, fill, &e, "ii", x->id, x->a->reseller_id)) != CORE_OK)
		return er;
	return audit_added(db, x->a, x->a->reseller_id, "webhook.create", "webhook_endpoint", x->id, audit_json(&e));
}

enum core_err
webhook_create(struct db *db, const struct actor *a, const char *url, const char *description, unsigned mask,
    int64_t *id, char secret[WEBHOOK_SECRET_SZ], char *why)
{
	struct create_args x = { a, url, description != NULL ? description : "", "", secret, 0, why };
	enum core_err er;

	secret[0] = '\0';
	if ((er = writer(a, why)) != CORE_OK)
		return er;
	if (webhook_url_check(db_config(db), url, why) != 0 || !desc_ok(description, why))
		return CORE_INVALID;
	if ((mask & WEBHOOK_EV_ALL) == 0 || (mask & ~WEBHOOK_EV_ALL) != 0) {
		core_say(why, "Choose at least one event.");
		return CORE_INVALID;
	}
	webhook_events_format(mask, ",", x.events, sizeof(x.events));
	if ((er = webhook_secret_new(secret)) != CORE_OK) {
		core_say(why, "No randomness for the secret.");
		return er;
	}
	if ((er = db_txn(db, create_txn, &x)) != CORE_OK) {
		explicit_bzero(secret, WEBHOOK_SECRET_SZ);
		secret[0] = '\0';
		return er;
	}
	if (id != NULL)
		*id = x.id;
	return CORE_OK;
}

enum { OP_UPDATE, OP_ENABLE, OP_DISABLE, OP_DELETE, OP_ROTATE };

static const char *const op_action[] = {
	[OP_UPDATE] = "webhook.update", [OP_ENABLE] = "webhook.enable", [OP_DISABLE] = "webhook.disable",
	[OP_DELETE] = "webhook.delete", [OP_ROTATE] = "webhook.rotate",
};

struct change_args {
	const struct actor *a;
	int                 op;
	int64_t             id;
	const char         *url, *desc;
	unsigned            mask;
	const char         *secret;
	char               *why;
};

static enum core_err
change_txn(struct db *db, void *arg)
{
	struct change_args *x = arg;
	struct webhook_endpoint before, after;
	int64_t rid = x->a->reseller_id;
	char ev[160], reason[300];
	enum core_err er;

	if ((er = db_row(db, &table, WH_LOCK, fill, &before, "ii", x->id, rid)) != CORE_OK) {
		if (er == CORE_NOTFOUND)
			core_say(x->why, "Webhook endpoint %lld was not found.", (long long)x->id);
		return er;
	}
	switch (x->op) {
	case OP_UPDATE:
		webhook_events_format(x->mask ? x->mask : before.events, ",", ev, sizeof(ev));
		er = db_exec(db, &table, WH_UPDATE, NULL, "sssii", x->url ? x->url : before.url,
		    x->desc ? x->desc : before.description, ev, x->id, rid);
		break;
	case OP_ENABLE:
	case OP_DISABLE:
		if (before.enabled == (x->op == OP_ENABLE)) {
			core_say(x->why, "Webhook endpoint %lld is already %s.", (long long)x->id,
			    before.enabled ? "enabled" : "disabled");
			return CORE_CONFLICT;
		}
		if (x->op == OP_ENABLE)
			er = db_exec(db, &table, WH_ENABLE, NULL, "ii", x->id, rid);
		else {
			snprintf(reason, sizeof(reason), "Disabled by %s.", x->a->name[0] ? x->a->name : "an administrator");
			er = db_exec(db, &table, WH_DISABLE, NULL, "sii", reason, x->id, rid);
		}
		break;
	case OP_DELETE:
		if ((er = db_exec(db, &table, WH_DELETE, NULL, "ii", x->id, rid)) != CORE_OK)
			return er;
		return audit_change(db, x->a, rid, op_action[x->op], "webhook_endpoint", x->id, audit_json(&before),
		    json_object());
	case OP_ROTATE:
		er = db_exec(db, &table, WH_SECRET_SET, NULL, "sii", x->secret, x->id, rid);
		break;
	}
	if (er != CORE_OK)
		return er;
	if ((er = db_row(db, &table, WH_LOCK, fill, &after, "ii", x->id, rid)) != CORE_OK)
		return er;
	return audit_change(db, x->a, rid, op_action[x->op], "webhook_endpoint", x->id, audit_json(&before),
	    audit_json(&after));
}

static enum core_err
change(struct db *db, struct change_args *x)
{
	enum core_err er;

	if ((er = writer(x->a, x->why)) != CORE_OK)
		return er;
	if (x->id <= 0) {
		core_say(x->why, "Webhook endpoint %lld was not found.", (long long)x->id);
		return CORE_NOTFOUND;
	}
	return db_txn(db, change_txn, x);
}

enum core_err
webhook_update(struct db *db, const struct actor *a, int64_t id, const char *url, const char *description,
    unsigned mask, char *why)
{
	struct change_args x = { a, OP_UPDATE, id, url, description, mask, NULL, why };

	if (writer(a, why) != CORE_OK)
		return CORE_FORBIDDEN;
	if ((url != NULL && webhook_url_check(db_config(db), url, why) != 0) || !desc_ok(description, why))
		return CORE_INVALID;
	if ((mask & ~WEBHOOK_EV_ALL) != 0) {
		core_say(why, "Unknown event.");
		return CORE_INVALID;
	}
	return change(db, &x);
}

enum core_err
webhook_set_enabled(struct db *db, const struct actor *a, int64_t id, int on, char *why)
{
	struct change_args x = { a, on ? OP_ENABLE : OP_DISABLE, id, NULL, NULL, 0, NULL, why };

	return change(db, &x);
}

enum core_err
webhook_delete(struct db *db, const struct actor *a, int64_t id, char *why)
{
	struct change_args x = { a, OP_DELETE, id, NULL, NULL, 0, NULL, why };

	return change(db, &x);
}

enum core_err
webhook_rotate(struct db *db, const struct actor *a, int64_t id, char secret[WEBHOOK_SECRET_SZ], char *why)
{
	struct change_args x = { a, OP_ROTATE, id, NULL, NULL, 0, secret, why };
	enum core_err er;

	secret[0] = '\0';
	if ((er = webhook_secret_new(secret)) != CORE_OK) {
		core_say(why, "No randomness for the secret.");
		return er;
	}
	if ((er = change(db, &x)) != CORE_OK) {
		explicit_bzero(secret, WEBHOOK_SECRET_SZ);
		secret[0] = '\0';
	}
	return er;
}

enum core_err
webhook_secret(struct db *db, const struct actor *a, int64_t id, char secret[WEBHOOK_SECRET_SZ], char *why)
{
	struct db_res *r;
	enum core_err er;

	secret[0] = '\0';
	if ((er = writer(a, why)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, WH_SECRET_GET, &r, "ii", id, a->reseller_id)) != CORE_OK)
		return er;
	if (db_res_next(r))
		str_copy(secret, WEBHOOK_SECRET_SZ, db_res_str(r, 0));
	else {
		core_say(why, "Webhook endpoint %lld was not found.", (long long)id);
		er = CORE_NOTFOUND;
	}
	db_res_free(r);
	return er;
}

enum core_err
webhook_get(struct db *db, const struct actor *a, int64_t id, struct webhook_endpoint *out)
{
	int64_t rid, did;
	enum core_err er;

	if ((er = reader(a, 0, &rid, &did)) != CORE_OK)
		return er;
	return db_row(db, &table, WH_GET, fill, out, "iiiii", id, rid, rid, did, did);
}

enum core_err
webhook_list(struct db *db, const struct actor *a, int64_t reseller_id, struct webhook_list *out)
{
	struct db_rows rows = { 0 };
	int64_t rid, did;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = reader(a, reseller_id, &rid, &did)) != CORE_OK)
		return er;
	er = db_all(db, &table, WH_LIST, sizeof(struct webhook_endpoint), fill, &rows, "iiii", rid, rid, did, did);
	DB_ROWS_MOVE(out, rows);
	return er;
}

enum core_err
webhook_deliveries(struct db *db, const struct actor *a, int64_t id, int64_t before_id, int limit,
    struct webhook_delivery_list *out)
{
	struct webhook_endpoint e;
	struct db_rows rows = { 0 };
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if (limit < 1 || limit > 200 || before_id < 0)
		return CORE_INVALID;
	if ((er = webhook_get(db, a, id, &e)) != CORE_OK)
		return er;
	er = db_all(db, &table, WH_DELIVERIES, sizeof(struct webhook_delivery), fill_delivery, &rows, "iiii", id,
	    before_id, before_id, (int64_t)limit);
	DB_ROWS_MOVE(out, rows);
	return er;
}

/* iso - "YYYY-MM-DD HH:MM:SS" as RFC 3339 UTC ("...T...Z") into out (21 bytes); "" stays "". */
static void
iso(const char *t, char out[21])
{
	out[0] = '\0';
	if (t[0] == '\0')
		return;
	snprintf(out, 21, "%.10sT%.8sZ", t, t + 11);
}

json_t *
webhook_to_json(const struct webhook_endpoint *e)
{
	char created[21], updated[21], disabled[21];
	json_t *ev, *o;
	int i;

	iso(e->created_at, created);
	iso(e->updated_at, updated);
	iso(e->disabled_at, disabled);
	if ((ev = json_array()) == NULL)
		return NULL;
	for (i = 0; i < WEBHOOK_EV__MAX; i++)
		if (e->events & (1u << i))
			json_array_append_new(ev, json_string(event_names[i]));
	o = json_pack("{s:I, s:s, s:s, s:o, s:b, s:o, s:o, s:i, s:s, s:s}", "id", (json_int_t)e->id, "url", e->url,
	    "description", e->description, "events", ev, "enabled", e->enabled,
	    "disabled_reason", e->enabled ? json_null() : json_string(e->disabled_reason),
	    "disabled_at", e->enabled || !disabled[0] ? json_null() : json_string(disabled),
	    "consecutive_failures", e->failures, "created_at", created, "updated_at", updated);
	return o;
}

json_t *
webhook_delivery_to_json(const struct webhook_delivery *d)
{
	char at[21];

	iso(d->created_at, at);
	return json_pack("{s:I, s:s, s:s, s:i, s:o, s:o, s:i, s:s}", "id", (json_int_t)d->id, "msg_id", d->msg_id,
	    "event_type", d->event_type, "attempt", d->attempt,
	    "http_status", d->http_status ? json_integer(d->http_status) : json_null(),
	    "error", d->error[0] ? json_string(d->error) : json_null(), "duration_ms", d->duration_ms,
	    "created_at", at);
}

/* ---- events ------------------------------------------------------------- */

enum core_err
webhook_emit(struct db *db, int64_t reseller_id, enum webhook_event ev, json_t *data)
{
	unsigned char raw[16];
	char msg_id[WEBHOOK_MSGID_SZ], ts[32];
	struct db_res *r;
	int64_t ids[WEBHOOK_MAX_ENDPOINTS];
	json_t *p;
	struct tm tm;
	time_t now;
	size_t n = 0, i;
	enum core_err er = CORE_OK;

	if (data == NULL)
		return CORE_ENOMEM;
	if (ev < 0 || ev >= WEBHOOK_EV__MAX || !db_in_txn(db)) {
		json_decref(data);
		return CORE_INVALID;
	}
	if (reseller_id <= 0) {
		json_decref(data);
		return CORE_OK;
	}
	if ((er = db_query(db, &table, WH_SUBSCRIBED, &r, "is", reseller_id, event_names[ev])) != CORE_OK) {
		json_decref(data);
		return er;
	}
	while (db_res_next(r))
		if (n < sizeof(ids) / sizeof(ids[0]))
			ids[n++] = db_res_int(r, 0);
	db_res_free(r);
	now = db_now(db);
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (i = 0; i < n && er == CORE_OK; i++) {
		if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
			er = CORE_IO;
			break;
		}
		memcpy(msg_id, "msg_", 4);
		digest_hex(raw, sizeof(raw), msg_id + 4);
		p = json_pack("{s:I, s:s, s:{s:s, s:s, s:O}}", "endpoint_id", (json_int_t)ids[i], "msg_id", msg_id,
		    "event", "type", event_names[ev], "timestamp", ts, "data", data);
		if (p == NULL) {
			er = CORE_ENOMEM;
			break;
		}
		er = outbox_enqueue(db, OUTBOX_WEBHOOK, reseller_id, p, NULL);
		json_decref(p);
	}
	json_decref(data);
	return er;
}
