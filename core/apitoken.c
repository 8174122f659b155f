/* apitoken.c - bearer tokens and rate buckets of the Marketplace API; see apitoken.h. */
#include <stdio.h>
#include <string.h>
#include "apiclient.h"
#include "apitoken.h"
#include "digest.h"
#include "password.h"
#include "str.h"

#define STR_(x) #x
#define STR(x) STR_(x)

enum {
	AT_INSERT,
	AT_PURGE,
	AT_CHECK,
	AT_TOUCH,
	AT__MAX
};

static const char *const sql[AT__MAX] = {
	[AT_INSERT] =
	    "INSERT INTO api_tokens (api_client_id, reseller_id, token_hash, expires_at)"
	    " VALUES (?, ?, ?, NOW() + INTERVAL " STR(APITOKEN_TTL) " SECOND)",
	[AT_PURGE] = "DELETE FROM api_tokens WHERE api_client_id = ? AND expires_at <= NOW()",
	/* the same conditions as apiclient_check's, on every request */
	[AT_CHECK] =
	    "SELECT c.id, c.reseller_id, r.distributor_id, c.client_id, c.scopes + 0,"
	    " TIMESTAMPDIFF(SECOND, NOW(), t.expires_at),"
	    " c.last_used_at IS NULL OR c.last_used_at < NOW() - INTERVAL 60 SECOND,"
	    " COALESCE(c.rate_burst, 0), COALESCE(c.rate_per_sec, 0)"
	    " FROM api_tokens t JOIN api_clients c ON c.id = t.api_client_id"
	    " JOIN resellers r ON r.id = c.reseller_id"
	    " WHERE t.token_hash = ? AND t.expires_at > NOW() AND c.revoked_at IS NULL"
	    " AND r.edition IN ('standard', 'professional') AND r.status = 'active'",
	[AT_TOUCH] = "UPDATE api_clients SET last_used_at = NOW() WHERE id = ?",
};

static const struct db_table table = { DB_MOD_API_TOKEN, sql, AT__MAX };

static const char *const scope_names[APISCOPE__MAX] = {
#define APISCOPE_NAME(sym, name) name,
	APISCOPES(APISCOPE_NAME)
#undef APISCOPE_NAME
};

const char *
apiscope_name(enum apiscope s)
{
	return s >= 0 && s < APISCOPE__MAX ? scope_names[s] : "";
}

int
apiscope_parse(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < APISCOPE__MAX; i++)
		if (strcmp(name, scope_names[i]) == 0)
			return i;
	return -1;
}

void
apiscope_format(unsigned mask, char *out, size_t n)
{
	size_t len = 0;
	int i, w;

	if (n == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < APISCOPE__MAX; i++) {
		if (!(mask & (1u << i)))
			continue;
		w = snprintf(out + len, n - len, "%s%s", len ? " " : "", scope_names[i]);
		if (w < 0 || (size_t)w >= n - len)
			return;
		len += (size_t)w;
	}
}

static int
token_ok(const char *t)
{
	size_t i;

	if (t == NULL)
		return 0;
	for (i = 0; i < APITOKEN_SZ - 1; i++)
		if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'f')))
			return 0;
	return t[i] == '\0';
}

enum core_err
apitoken_issue(struct db *db, const char *client_id, const char *secret, char token_out[APITOKEN_SZ],
    struct apiauth *auth)
{
	char token[PASSWORD_TOKEN_SZ], hash[DIGEST_SHA256_HEX];
	struct apiauth who;
	enum core_err er;

	token_out[0] = '\0';
	if (auth != NULL)
		memset(auth, 0, sizeof(*auth));
	if ((er = apiclient_check(db, client_id, secret, &who)) != CORE_OK)
		return er;
	if ((er = password_token(token)) != CORE_OK ||
	    (er = digest_sha256_hex(token, strlen(token), hash)) != CORE_OK)
		goto out;
	if ((er = db_exec(db, &table, AT_PURGE, NULL, "i", who.client_row)) != CORE_OK ||
	    (er = db_exec(db, &table, AT_INSERT, NULL, "iis", who.client_row, who.reseller_id, hash)) != CORE_OK)
		goto out;
	who.expires_in = APITOKEN_TTL;
	memcpy(token_out, token, APITOKEN_SZ);
	if (auth != NULL)
		*auth = who;
out:
	explicit_bzero(token, sizeof(token));
	return er;
}

enum core_err
apitoken_check(struct db *db, const char *token, struct apiauth *auth)
{
	char hash[DIGEST_SHA256_HEX];
	struct db_res *r;
	enum core_err er;
	int found, stale = 0;

	memset(auth, 0, sizeof(*auth));
	if (!token_ok(token))
		return CORE_NOTFOUND;
	if ((er = digest_sha256_hex(token, strlen(token), hash)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, AT_CHECK, &r, "s", hash)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0) {
		auth->client_row = db_res_int(r, 0);
		auth->reseller_id = db_res_int(r, 1);
		auth->distributor_id = db_res_int(r, 2);
		str_copy(auth->client_id, sizeof(auth->client_id), db_res_str(r, 3));
		auth->scopes = (unsigned)db_res_int(r, 4) & APISCOPE_ALL;
		auth->expires_in = db_res_int(r, 5);
		stale = db_res_int(r, 6) != 0;
		auth->rate_burst = db_res_int(r, 7);
		auth->rate_per_sec = db_res_int(r, 8);
	}
	db_res_free(r);
	if (!found) {
		memset(auth, 0, sizeof(*auth));
		return CORE_NOTFOUND;
	}
	if (stale && (er = db_exec(db, &table, AT_TOUCH, NULL, "i", auth->client_row)) != CORE_OK)
		return er;
	return CORE_OK;
}

void
apitoken_actor(const struct apiauth *auth, int64_t customer, struct actor *a)
{
	memset(a, 0, sizeof(*a));
	a->kind = ACTOR_API;
	a->role = customer > 0 ? ROLE_CUSTOMER_OWNER : ROLE_RESELLER_ADMIN;
	a->id = auth->client_row;
	str_copy(a->name, sizeof(a->name), auth->client_id);
	a->distributor_id = auth->distributor_id;
	a->reseller_id = auth->reseller_id;
	a->customer_id = customer > 0 ? customer : 0;
}
