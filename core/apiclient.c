/* apiclient.c - Marketplace API credentials; see apiclient.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "apiclient.h"
#include "digest.h"
#include "audit.h"
#include "password.h"
#include "str.h"

#define PREFIX      "shelf_"
#define ID_HEX      16
#define HASH_PREFIX "sha256:"
#define HASH_SZ     (sizeof(HASH_PREFIX) - 1 + DIGEST_SHA256_HEX)

#define COLS \
	"c.id, c.reseller_id, c.client_id, c.name, COALESCE(o.login, '')," \
	" DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i:%s')," \
	" COALESCE(DATE_FORMAT(c.last_used_at, '%Y-%m-%d %H:%i:%s'), '')," \
	" COALESCE(DATE_FORMAT(c.revoked_at, '%Y-%m-%d %H:%i:%s'), ''), c.scopes + 0"

/* params: reseller, include revoked, search, pattern, pattern */
#define LIST_FROM \
	" FROM api_clients c LEFT JOIN operators o ON o.id = c.created_by_operator_id" \
	" WHERE c.reseller_id = ? AND (? = 1 OR c.revoked_at IS NULL)" \
	" AND (? IS NULL OR c.name LIKE ? ESCAPE '!' OR c.client_id LIKE ? ESCAPE '!')"

enum {
	AC_INSERT,
	AC_GET,
	AC_LIST_NEWEST,
	AC_LIST_NAME,
	AC_COUNT,
	AC_REVOKE,
	AC_VERIFY,
	AC_TOUCH,
	AC_SCOPES,
	AC__MAX
};

static const char *const sql[AC__MAX] = {
	[AC_INSERT] =
	    "INSERT INTO api_clients (reseller_id, client_id, secret_hash, name, created_by_operator_id, scopes)"
	    " VALUES (?, ?, ?, ?, ?, ?)",
	[AC_GET] = "SELECT " COLS " FROM api_clients c LEFT JOIN operators o ON o.id = c.created_by_operator_id"
	    " WHERE c.id = ? AND c.reseller_id = ? FOR UPDATE",
	[AC_LIST_NEWEST] = "SELECT " COLS LIST_FROM " ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?",
	[AC_LIST_NAME] = "SELECT " COLS LIST_FROM " ORDER BY c.name, c.id LIMIT ? OFFSET ?",
	[AC_COUNT] = "SELECT COUNT(*)" LIST_FROM,
	[AC_REVOKE] = "UPDATE api_clients SET revoked_at = NOW() WHERE id = ? AND reseller_id = ? AND revoked_at IS NULL",
	[AC_VERIFY] =
	    "SELECT c.id, c.reseller_id, c.secret_hash,"
	    " c.revoked_at IS NULL AND r.edition IN ('standard', 'professional') AND r.status = 'active',"
	    " c.last_used_at IS NULL OR c.last_used_at < NOW() - INTERVAL 60 SECOND,"
	    " r.distributor_id, c.client_id, c.scopes + 0, COALESCE(c.rate_burst, 0), COALESCE(c.rate_per_sec, 0)"
	    " FROM api_clients c JOIN resellers r ON r.id = c.reseller_id WHERE c.client_id = ?",
	[AC_TOUCH] = "UPDATE api_clients SET last_used_at = NOW() WHERE id = ?",
	/* the SET column takes its numeric value: bit i is the i-th member */
	[AC_SCOPES] = "UPDATE api_clients SET scopes = ? WHERE id = ? AND reseller_id = ? AND revoked_at IS NULL",
};

static const struct db_table table = { DB_MOD_API, sql, AC__MAX };

static int
client_id_ok(const char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0')
		return 0;
	for (i = 0; s[i]; i++)
		if (i >= APICLIENT_ID_SZ - 1 || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-' || s[i] == '.'))
			return 0;
	return 1;
}

/* secret_ok - 1..128 printable ASCII characters: what a secret can be, never more work than that. */
static int
secret_ok(const char *s)
{
	size_t i;

	if (s == NULL || s[0] == '\0')
		return 0;
	for (i = 0; s[i]; i++)
		if (i >= 128 || s[i] < 0x21 || s[i] > 0x7e)
			return 0;
	return 1;
}

/* secret_hash - the stored form of a secret. */
static enum core_err
secret_hash(const char *secret, char out[HASH_SZ])
{
	memcpy(out, HASH_PREFIX, sizeof(HASH_PREFIX) - 1);
	return digest_sha256_hex(secret, strlen(secret), out + sizeof(HASH_PREFIX) - 1);
}

#define COL(type, member) DB_COL(type, struct apiclient, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	COL(STR, client_id),
	COL(STR, name),
	COL(STR, created_by),
	COL(STR, created_at),
	COL(STR, last_used_at),
	COL(STR, revoked_at),
	COL(INT, scopes),
};
#undef COL

DB_FILL_FN(fill, struct apiclient, cols)

static json_t *
audit_json(const struct apiclient *c)
{
	char sc[256];

	apiscope_format(c->scopes, sc, sizeof(sc));
	return json_pack("{s:s, s:s, s:o, s:s}", "client_id", c->client_id, "name", c->name,
	    "revoked_at", c->revoked_at[0] ? json_string(c->revoked_at) : json_null(), "scopes", sc);
}

static enum core_err
may(const struct actor *a, char *why)
{
	if (actor_may(a, ACT_API_CLIENTS) != CORE_OK || a->reseller_id <= 0) {
		core_say(why, "Only the reseller's administrators can manage API credentials.");
		return CORE_FORBIDDEN;
	}
	return CORE_OK;
}

/* read_locked - credential id of reseller, locked. */
static enum core_err
read_locked(struct db *db, int64_t reseller_id, int64_t id, struct apiclient *c)
{
	return db_row(db, &table, AC_GET, fill, c, "ii", id, reseller_id);
}

struct create_args {
	const struct actor *a;
	const char         *name, *client_id, *hash;
	unsigned            scopes;
	int64_t             id;
};

static enum core_err
create_txn(struct db *db, void *arg)
{
	struct create_args *x = arg;
	struct apiclient c;
	enum core_err er;
	json_t *after;

	if ((er = db_exec(db, &table, AC_INSERT, NULL, "isssIi", x->a->reseller_id, x->client_id, x->hash, x->name,
	    x->a->kind == ACTOR_OPERATOR ? x->a->id : (int64_t)0, (int64_t)x->scopes)) != CORE_OK)
		return er;
	x->id = (int64_t)db_insert_id(db);
	if ((er = read_locked(db, x->a->reseller_id, x->id, &c)) != CORE_OK)
		return er;
	if ((after = audit_json(&c)) == NULL)
		return CORE_ENOMEM;
	er = audit_write(db, x->a, x->a->reseller_id, "api_client.create", "api_client", x->id, NULL, after);
	json_decref(after);
	return er;
}

enum core_err
apiclient_create(struct db *db, const struct actor *a, const char *name, char client_id_out[APICLIENT_ID_SZ],
    char secret_out[APICLIENT_SECRET_SZ], int64_t *id, char *why)
{
	return apiclient_create_scoped(db, a, name, APISCOPE_ALL, client_id_out, secret_out, id, why);
}

enum core_err
apiclient_create_scoped(struct db *db, const struct actor *a, const char *name, unsigned scopes,
    char client_id_out[APICLIENT_ID_SZ], char secret_out[APICLIENT_SECRET_SZ], int64_t *id, char *why)
{
	unsigned char r[ID_HEX / 2];
	char hash[HASH_SZ], token[PASSWORD_TOKEN_SZ];
	struct create_args x;
	enum core_err er;
	int attempt;

	client_id_out[0] = secret_out[0] = '\0';
	if (id != NULL)
		*id = 0;
	if ((er = may(a, why)) != CORE_OK)
		return er;
	if (!str_text_valid(name, 1, 100, STR_TEXT_NOT_BLANK)) {
		core_say(why, "The name must be 1 to 100 characters, without control characters.");
		return CORE_INVALID;
	}
	if ((scopes & APISCOPE_ALL) == 0 || (scopes & ~APISCOPE_ALL) != 0) {
		core_say(why, "Choose at least one scope.");
		return CORE_INVALID;
	}
	/* a client id collision (2^-64 per pair) is just made again */
	for (attempt = 0; attempt < 3; attempt++) {
		if ((er = password_random(r, sizeof(r))) != CORE_OK || (er = password_token(token)) != CORE_OK ||
		    (er = secret_hash(token, hash)) != CORE_OK)
			return er;
		memcpy(client_id_out, PREFIX, sizeof(PREFIX) - 1);
		digest_hex(r, sizeof(r), client_id_out + sizeof(PREFIX) - 1);
		memset(&x, 0, sizeof(x));
		x.a = a;
		x.name = name;
		x.client_id = client_id_out;
		x.hash = hash;
		x.scopes = scopes;
		if ((er = db_txn(db, create_txn, &x)) != CORE_CONFLICT)
			break;
	}
	if (er != CORE_OK) {
		client_id_out[0] = '\0';
		explicit_bzero(token, sizeof(token));
		return er;
	}
	memcpy(secret_out, token, PASSWORD_TOKEN_SZ);
	explicit_bzero(token, sizeof(token));
	if (id != NULL)
		*id = x.id;
	return CORE_OK;
}

DB_LIST_FREE_FN(apiclient_list_free, apiclient_list)

enum core_err
apiclient_list(struct db *db, const struct actor *a, const struct apiclient_query *q, struct apiclient_list *list)
{
	static const int stmt[APICLIENT_SORT__MAX] = {
		[APICLIENT_SORT_NEWEST] = AC_LIST_NEWEST, [APICLIENT_SORT_NAME] = AC_LIST_NAME,
	};
	struct apiclient_query dq = { NULL, 0, APICLIENT_SORT_NEWEST, 0, 0 };
	struct db_rows rows;
	enum core_err er;

	memset(list, 0, sizeof(*list));
	if ((er = may(a, NULL)) != CORE_OK)
		return er;
	if (q == NULL)
		q = &dq;
	if (q->sort < 0 || q->sort >= APICLIENT_SORT__MAX)
		return CORE_INVALID;
	er = db_list(db, &table, &(struct db_list){ AC_COUNT, stmt[q->sort], q->search,
	    q->offset < 0 ? 0 : q->offset, q->limit < 0 ? 0 : q->limit, APICLIENT_LIMIT_MAX, sizeof(*list->items),
	    fill }, &rows, "iiCCC", a->reseller_id, (int64_t)(q->include_revoked != 0));
	DB_ROWS_MOVE(list, rows);
	if (er != CORE_OK)
		apiclient_list_free(list);
	return er;
}

/* read_live - the credential id of a's reseller, locked, into *c; a revoked one is CORE_CONFLICT saying revoked. */
static enum core_err
read_live(struct db *db, const struct actor *a, int64_t id, struct apiclient *c, const char *revoked, char *why)
{
	enum core_err er;

	if ((er = read_locked(db, a->reseller_id, id, c)) != CORE_OK) {
		if (er == CORE_NOTFOUND)
			core_say(why, "There is no such API credential.");
		return er;
	}
	if (c->revoked_at[0]) {
		core_say(why, "%s", revoked);
		return CORE_CONFLICT;
	}
	return CORE_OK;
}

static enum core_err
revoke_txn(struct db *db, void *arg)
{
	struct actor_change *x = arg;
	struct apiclient before, after;
	enum core_err er;

	if ((er = read_live(db, x->a, x->id, &before, "This API credential is already revoked.", x->why)) != CORE_OK)
		return er;
	if ((er = db_exec(db, &table, AC_REVOKE, NULL, "ii", x->id, x->a->reseller_id)) != CORE_OK ||
	    (er = read_locked(db, x->a->reseller_id, x->id, &after)) != CORE_OK)
		return er;
	return audit_change(db, x->a, x->a->reseller_id, "api_client.revoke", "api_client", x->id,
	    audit_json(&before), audit_json(&after));
}

enum core_err
apiclient_revoke(struct db *db, const struct actor *a, int64_t id, char *why)
{
	enum core_err er;

	if ((er = may(a, why)) != CORE_OK)
		return er;
	if (id <= 0) {
		core_say(why, "There is no such API credential.");
		return CORE_NOTFOUND;
	}
	return db_txn(db, revoke_txn, &(struct actor_change){ a, id, why });
}

enum core_err
apiclient_verify(struct db *db, const char *client_id, const char *secret, int64_t *reseller_id)
{
	struct apiauth auth;
	enum core_err er;

	er = apiclient_check(db, client_id, secret, &auth);
	if (reseller_id != NULL)
		*reseller_id = er == CORE_OK ? auth.reseller_id : 0;
	return er;
}

enum core_err
apiclient_check(struct db *db, const char *client_id, const char *secret, struct apiauth *auth)
{
	/* compared against when the client id is unknown, so both paths do the same work */
	static const char dummy[] = HASH_PREFIX "0000000000000000000000000000000000000000000000000000000000000000";
	char stored[256], computed[HASH_SZ];
	struct apiauth who;
	struct db_res *r;
	enum core_err er;
	int found, usable = 0, stale = 0, ok;

	memset(&who, 0, sizeof(who));
	if (auth != NULL)
		memset(auth, 0, sizeof(*auth));
	if (!client_id_ok(client_id) || !secret_ok(secret))
		return CORE_NOTFOUND;
	if ((er = db_query(db, &table, AC_VERIFY, &r, "s", client_id)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0) {
		who.client_row = db_res_int(r, 0);
		who.reseller_id = db_res_int(r, 1);
		str_copy(stored, sizeof(stored), db_res_str(r, 2));
		usable = db_res_int(r, 3) == 1;
		stale = db_res_int(r, 4) != 0;
		who.distributor_id = db_res_int(r, 5);
		str_copy(who.client_id, sizeof(who.client_id), db_res_str(r, 6));
		who.scopes = (unsigned)db_res_int(r, 7) & APISCOPE_ALL;
		who.rate_burst = db_res_int(r, 8);
		who.rate_per_sec = db_res_int(r, 9);
	} else {
		memcpy(stored, dummy, sizeof(dummy));
	}
	db_res_free(r);
	if (stored[0] == '$') {
		ok = password_verify(secret, stored);
	} else {
		if ((er = secret_hash(secret, computed)) != CORE_OK)
			return er;
		ok = password_equal(computed, stored);
	}
	if (!found || !usable || !ok)
		return CORE_NOTFOUND;
	if (stale && (er = db_exec(db, &table, AC_TOUCH, NULL, "i", who.client_row)) != CORE_OK)
		return er;
	if (auth != NULL)
		*auth = who;
	return CORE_OK;
}

struct scopes_args {
	const struct actor *a;
	int64_t             id;
	unsigned            scopes;
	char               *why;
};

static enum core_err
scopes_txn(struct db *db, void *arg)
{
	struct scopes_args *x = arg;
	struct apiclient before, after;
	enum core_err er;

	if ((er = read_live(db, x->a, x->id, &before, "This API credential is revoked.", x->why)) != CORE_OK)
		return er;
	if ((er = db_exec(db, &table, AC_SCOPES, NULL, "iii", (int64_t)x->scopes, x->id, x->a->reseller_id)) != CORE_OK ||
	    (er = read_locked(db, x->a->reseller_id, x->id, &after)) != CORE_OK)
		return er;
	return audit_change(db, x->a, x->a->reseller_id, "api_client.scopes", "api_client", x->id,
	    audit_json(&before), audit_json(&after));
}

enum core_err
apiclient_set_scopes(struct db *db, const struct actor *a, int64_t id, unsigned scopes, char *why)
{
	enum core_err er;

	if ((er = may(a, why)) != CORE_OK)
		return er;
	if ((scopes & APISCOPE_ALL) == 0 || (scopes & ~APISCOPE_ALL) != 0) {
		core_say(why, "Choose at least one scope.");
		return CORE_INVALID;
	}
	if (id <= 0) {
		core_say(why, "There is no such API credential.");
		return CORE_NOTFOUND;
	}
	return db_txn(db, scopes_txn, &(struct scopes_args){ a, id, scopes, why });
}

json_t *
apiclient_to_json(const struct apiclient *c)
{
	char sc[256];

	apiscope_format(c->scopes, sc, sizeof(sc));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:s}", "id", (json_int_t)c->id,
	    "client_id", c->client_id, "name", c->name, "created_by", c->created_by, "created_at", c->created_at,
	    "last_used_at", c->last_used_at[0] ? json_string(c->last_used_at) : json_null(),
	    "revoked_at", c->revoked_at[0] ? json_string(c->revoked_at) : json_null(),
	    "revoked", c->revoked_at[0] != '\0', "scopes", sc);
}
