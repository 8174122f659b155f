/* session.c - storefront sign-in, sessions, reset links; see session.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "audit.h"
#include "outbox.h"
#include "ratelimit.h"
#include "session.h"
#include "throttle.h"

#define EMAIL_MAX 254

enum {
	SS_FIND_USER,
	SS_LOCK_USER,
	SS_FAILED,
	SS_SUCCEEDED,
	SS_INSERT,
	SS_EXPIRES,
	SS_CHECK,
	SS_TOUCH,
	SS_FIND_TOKEN,
	SS_DELETE,
	SS_RESET_USER,
	SS_RESET_INSERT,
	SS_COMPANY,
	SS_RESET_FIND,
	SS_RESET_LOCK,
	SS_RESET_USE_ALL,
	SS_SET_PASSWORD,
	SS_KILL_USER,
	SS_SELF,
	SS_CHANGE_PASSWORD,
	SS_KILL_OTHERS,
	SS_PURGE_SESSIONS,
	SS_PURGE_RESETS,
	SS__MAX
};

/* the user columns that make an actor: id, customer, e-mail, role, distributor */
#define USER_ACTOR_COLS "u.id, u.customer_id, u.email, u.role, r.distributor_id"

static const char *const sql[SS__MAX] = {
	/* params: reseller, e-mail */
	[SS_FIND_USER] =
	    "SELECT " USER_ACTOR_COLS ", u.password_hash, u.active AND c.active,"
	    " u.must_change_password"
	    " FROM storefront_users u"
	    " JOIN customers c ON c.reseller_id = u.reseller_id AND c.id = u.customer_id"
	    " JOIN resellers r ON r.id = u.reseller_id"
	    " WHERE u.reseller_id = ? AND u.email = ?",
	/* params: id, reseller */
	[SS_LOCK_USER] =
	    "SELECT u.password_hash, u.active AND c.active"
	    " FROM storefront_users u"
	    " JOIN customers c ON c.reseller_id = u.reseller_id AND c.id = u.customer_id"
	    " WHERE u.id = ? AND u.reseller_id = ? FOR UPDATE",
	/* consecutive failures, for support's eyes (throttling is in rate_limits); params: id, reseller */
	[SS_FAILED] =
	    "UPDATE storefront_users SET failed_logins = failed_logins + 1 WHERE id = ? AND reseller_id = ?",
	/* params: new hash or NULL, id, reseller */
	[SS_SUCCEEDED] =
	    "UPDATE storefront_users SET failed_logins = 0, locked_until = NULL, last_login_at = NOW(),"
	    " password_hash = COALESCE(?, password_hash) WHERE id = ? AND reseller_id = ?",
	/* params: token hash, user, reseller, customer, csrf, ip, seconds */
	[SS_INSERT] =
	    "INSERT INTO sessions (token_hash, user_id, reseller_id, customer_id, csrf_token, client_ip,"
	    " created_at, last_seen_at, expires_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, NOW(), NOW(), NOW() + INTERVAL ? SECOND)",
	[SS_EXPIRES] = "SELECT DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i:%s') FROM sessions WHERE id = ?",
	/* params: touch seconds, token hash, reseller, idle seconds */
	[SS_CHECK] =
	    "SELECT s.id, " USER_ACTOR_COLS ", s.csrf_token, u.must_change_password,"
	    " s.last_seen_at < NOW() - INTERVAL ? SECOND, COALESCE(v.version, 0)"
	    " FROM sessions s"
	    " JOIN storefront_users u ON u.id = s.user_id AND u.reseller_id = s.reseller_id"
	    "      AND u.customer_id = s.customer_id"
	    " JOIN customers c ON c.reseller_id = s.reseller_id AND c.id = s.customer_id"
	    " JOIN resellers r ON r.id = s.reseller_id"
	    " LEFT JOIN customer_versions v ON v.reseller_id = s.reseller_id AND v.customer_id = s.customer_id"
	    " WHERE s.token_hash = ? AND s.reseller_id = ? AND s.expires_at > NOW()"
	    " AND s.last_seen_at > NOW() - INTERVAL ? SECOND AND u.active = 1 AND c.active = 1",
	[SS_TOUCH] =
	    "UPDATE sessions SET last_seen_at = NOW() WHERE id = ? AND last_seen_at < NOW() - INTERVAL ? SECOND",
	[SS_FIND_TOKEN] =
	    "SELECT s.id, u.id, u.customer_id, u.email, u.role, r.distributor_id, s.reseller_id"
	    " FROM sessions s JOIN storefront_users u ON u.id = s.user_id"
	    " JOIN resellers r ON r.id = s.reseller_id"
	    " WHERE s.token_hash = ? FOR UPDATE",
	[SS_DELETE] = "DELETE FROM sessions WHERE id = ?",
	/* params: reseller, e-mail */
	[SS_RESET_USER] =
	    "SELECT " USER_ACTOR_COLS ", u.name FROM storefront_users u JOIN resellers r ON r.id = u.reseller_id"
	    " WHERE u.reseller_id = ? AND u.email = ? AND u.active = 1",
	/* params: token hash, user, seconds */
	[SS_RESET_INSERT] =
	    "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)"
	    " VALUES (?, ?, NOW(), NOW() + INTERVAL ? SECOND)",
	[SS_COMPANY] = "SELECT company_name FROM storefronts WHERE reseller_id = ?",
	/* params: token hash, reseller */
	[SS_RESET_FIND] =
	    "SELECT pr.id, " USER_ACTOR_COLS
	    " FROM password_resets pr JOIN storefront_users u ON u.id = pr.user_id"
	    " JOIN resellers r ON r.id = u.reseller_id"
	    " WHERE pr.token_hash = ? AND u.reseller_id = ? AND pr.used_at IS NULL AND pr.expires_at > NOW()"
	    " AND u.active = 1",
	[SS_RESET_LOCK] =
	    "SELECT pr.id FROM password_resets pr JOIN storefront_users u ON u.id = pr.user_id"
	    " WHERE pr.token_hash = ? AND u.reseller_id = ? AND pr.used_at IS NULL AND pr.expires_at > NOW()"
	    " AND u.active = 1 FOR UPDATE",
	[SS_RESET_USE_ALL] = "UPDATE password_resets SET used_at = NOW() WHERE user_id = ? AND used_at IS NULL",
	/* params: hash, id, reseller */
	[SS_SET_PASSWORD] =
	    "UPDATE storefront_users SET password_hash = ?, must_change_password = 0, failed_logins = 0,"
	    " locked_until = NULL WHERE id = ? AND reseller_id = ?",
	[SS_KILL_USER] = "DELETE FROM sessions WHERE user_id = ?",
	/* params: id, reseller, customer */
	[SS_SELF] =
	    "SELECT email, password_hash FROM storefront_users"
	    " WHERE id = ? AND reseller_id = ? AND customer_id = ? AND active = 1",
	/* params: new hash, id, reseller, old hash */
	[SS_CHANGE_PASSWORD] =
	    "UPDATE storefront_users SET password_hash = ?, must_change_password = 0"
	    " WHERE id = ? AND reseller_id = ? AND password_hash = ?",
	[SS_KILL_OTHERS] = "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
	/* params: idle seconds */
	[SS_PURGE_SESSIONS] =
	    "DELETE FROM sessions WHERE expires_at <= NOW() OR last_seen_at <= NOW() - INTERVAL ? SECOND LIMIT ?",
	/* a day's grace: a link clicked just after it expired or was used still finds its row */
	[SS_PURGE_RESETS] =
	    "DELETE FROM password_resets WHERE expires_at < NOW() - INTERVAL 1 DAY"
	    " OR used_at < NOW() - INTERVAL 1 DAY LIMIT ?",
};

static const struct db_table table = { DB_MOD_SESSION, sql, SS__MAX };

/*
 * user_actor - a storefront-user actor from the columns
 * id, customer, e-mail, role, distributor starting at col.
 */
static void
user_actor(struct actor *a, struct db_res *r, int col, int64_t reseller_id, const char *client_ip)
{
	memset(a, 0, sizeof(*a));
	a->kind = ACTOR_STOREFRONT_USER;
	a->id = db_res_int(r, col);
	a->customer_id = db_res_int(r, col + 1);
	snprintf(a->name, sizeof(a->name), "%s", db_res_str(r, col + 2));
	a->role = actor_role_parse(db_res_str(r, col + 3)) == ROLE_CUSTOMER_OWNER ? ROLE_CUSTOMER_OWNER :
	    ROLE_CUSTOMER_MEMBER;
	a->distributor_id = db_res_int(r, col + 4);
	a->reseller_id = reseller_id;
	if (client_ip != NULL)
		snprintf(a->client_ip, sizeof(a->client_ip), "%s", client_ip);
}

const char *
session_cookie_name(int https)
{
	return https ? "__Host-shelf" : "shelf";
}

/* ---- sign-in ----------------------------------------------------------- */

struct fail_args {
	const struct actor    *user;
	const struct throttle *t;
};

static enum core_err
failed_txn(struct db *db, void *arg)
{
	struct fail_args *x = arg;
	enum core_err er;
	json_t *after;

	if ((er = db_exec(db, &table, SS_FAILED, NULL, "ii", x->user->id, x->user->reseller_id)) != CORE_OK ||
	    (er = throttle_fail(db, x->t)) != CORE_OK)
		return er;
	if ((after = json_pack("{s:s}", "email", x->user->name)) == NULL)
		return CORE_ENOMEM;
	er = audit_write(db, x->user, x->user->reseller_id, "session.login_failed", "storefront_user",
	    x->user->id, NULL, after);
	json_decref(after);
	return er;
}

struct signin_args {
	struct session_new *out;
	const char         *verified_hash;	/* the hash the password was checked against */
	const char         *new_hash;		/* NULL: keep */
	uint8_t             token_hash[DIGEST_SHA256_LEN];
};

static enum core_err
signin_txn(struct db *db, void *arg)
{
	struct signin_args *x = arg;
	struct actor *a = &x->out->actor;
	struct db_res *r;
	enum core_err er;
	int64_t sid;
	json_t *after;
	int ok;

	if ((er = db_query(db, &table, SS_LOCK_USER, &r, "ii", a->id, a->reseller_id)) != CORE_OK)
		return er;
	/* deactivated or re-passworded between the check and now: a plain failure */
	ok = db_res_next(r) && db_res_int(r, 1) == 1 &&
	    strcmp(db_res_str(r, 0), x->verified_hash) == 0;
	db_res_free(r);
	if (!ok)
		return CORE_INVALID;
	if ((er = db_exec(db, &table, SS_SUCCEEDED, NULL, "sii", x->new_hash, a->id, a->reseller_id)) != CORE_OK)
		return er;
	if ((er = db_exec(db, &table, SS_INSERT, NULL, "biiissi", x->token_hash, (size_t)DIGEST_SHA256_LEN, a->id,
	    a->reseller_id, a->customer_id, x->out->csrf, a->client_ip[0] ? a->client_ip : NULL,
	    (int64_t)SESSION_ABSOLUTE_SECONDS)) != CORE_OK)
		return er;
	sid = (int64_t)db_insert_id(db);
	if ((er = db_query(db, &table, SS_EXPIRES, &r, "i", sid)) != CORE_OK)
		return er;
	if (db_res_next(r))
		snprintf(x->out->expires_at, sizeof(x->out->expires_at), "%s", db_res_str(r, 0));
	db_res_free(r);
	if ((after = json_pack("{s:I, s:s, s:b}", "user_id", (json_int_t)a->id, "email", a->name,
	    "rehashed", x->new_hash != NULL)) == NULL)
		return CORE_ENOMEM;
	er = audit_write(db, a, a->reseller_id, "session.login", "session", sid, NULL, after);
	json_decref(after);
	return er;
}

enum core_err
session_signin(struct db *db, int64_t reseller_id, const char *email, const char *password,
    const char *client_ip, struct session_new *out, char *why)
{
	char hash[PASSWORD_HASH_SZ], new_hash[PASSWORD_HASH_SZ];
	struct signin_args x;
	struct throttle t;
	struct fail_args f;
	struct actor user;
	struct db_res *r;
	enum core_err er;
	int found, active = 0, must = 0;

	memset(out, 0, sizeof(*out));
	if (reseller_id <= 0 || email == NULL || password == NULL || *email == '\0' || *password == '\0' ||
	    strlen(email) > EMAIL_MAX || strlen(password) > PASSWORD_MAX) {
		core_say(why, SESSION_MSG_BAD_LOGIN);
		return CORE_INVALID;
	}
	if ((er = throttle_init(&t, reseller_id, email, client_ip)) != CORE_OK ||
	    (er = throttle_check(db, &t, why)) != CORE_OK)
		return er;

	if ((er = db_query(db, &table, SS_FIND_USER, &r, "is", reseller_id, email)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0) {
		user_actor(&user, r, 0, reseller_id, client_ip);
		snprintf(hash, sizeof(hash), "%s", db_res_str(r, 5));
		active = db_res_int(r, 6) == 1;
		must = db_res_int(r, 7) != 0;
	}
	db_res_free(r);

	if (!found) {
		/* spend time and count the failure exactly like an account would */
		password_burn(password);
		if ((er = db_txn(db, throttle_fail_txn, &t)) != CORE_OK)
			return er;
		core_say(why, SESSION_MSG_BAD_LOGIN);
		return CORE_INVALID;
	}
	/* verify even for an inactive account: same time, same answer */
	if (!password_verify(password, hash) || !active) {
		f.user = &user;
		f.t = &t;
		if ((er = db_txn(db, failed_txn, &f)) != CORE_OK)
			return er;
		core_say(why, SESSION_MSG_BAD_LOGIN);
		return CORE_INVALID;
	}

	memset(&x, 0, sizeof(x));
	x.out = out;
	x.verified_hash = hash;
	if (password_needs_rehash(hash) && password_hash(password, new_hash) == CORE_OK)
		x.new_hash = new_hash;
	if ((er = password_token(out->token)) != CORE_OK || (er = password_token(out->csrf)) != CORE_OK) {
		memset(out, 0, sizeof(*out));
		return er;
	}
	if ((er = password_token_hash(out->token, x.token_hash)) != CORE_OK) {
		memset(out, 0, sizeof(*out));
		return er;
	}
	out->actor = user;
	out->must_change_password = must;
	er = db_txn(db, signin_txn, &x);
	if (er != CORE_OK) {
		memset(out, 0, sizeof(*out));
		if (er == CORE_INVALID)
			core_say(why, SESSION_MSG_BAD_LOGIN);
	}
	return er;
}

/* ---- check and sign-out ---------------------------------------------- */

enum core_err
session_check(struct db *db, int64_t reseller_id, const char *token, struct actor *out,
    char *csrf_out, int *must_change_password)
{
	return session_check_versioned(db, reseller_id, token, out, csrf_out, must_change_password, NULL);
}

enum core_err
session_check_versioned(struct db *db, int64_t reseller_id, const char *token, struct actor *out,
    char *csrf_out, int *must_change_password, int64_t *data_version)
{
	uint8_t th[DIGEST_SHA256_LEN];
	struct db_res *r;
	enum core_err er;
	int64_t sid;
	int stale;

	memset(out, 0, sizeof(*out));
	if (csrf_out != NULL)
		csrf_out[0] = '\0';
	if (must_change_password != NULL)
		*must_change_password = 0;
	if (data_version != NULL)
		*data_version = 0;
	if (reseller_id <= 0 || !password_token_valid(token))
		return CORE_NOTFOUND;
	if ((er = password_token_hash(token, th)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, SS_CHECK, &r, "ibii", (int64_t)SESSION_TOUCH_SECONDS, th, (size_t)DIGEST_SHA256_LEN,
	    reseller_id, (int64_t)SESSION_IDLE_SECONDS)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	sid = db_res_int(r, 0);
	user_actor(out, r, 1, reseller_id, NULL);
	if (csrf_out != NULL)
		snprintf(csrf_out, PASSWORD_TOKEN_SZ, "%s", db_res_str(r, 6));
	if (must_change_password != NULL)
		*must_change_password = db_res_int(r, 7) != 0;
	stale = db_res_int(r, 8) != 0;
	if (data_version != NULL)
		*data_version = db_res_int(r, 9);
	db_res_free(r);
	if (stale && (er = db_exec(db, &table, SS_TOUCH, NULL, "ii", sid, (int64_t)SESSION_TOUCH_SECONDS)) != CORE_OK) {
		memset(out, 0, sizeof(*out));
		if (data_version != NULL)
			*data_version = 0;
		return er;
	}
	return CORE_OK;
}

struct logout_args {
	uint8_t th[DIGEST_SHA256_LEN];
};

static enum core_err
logout_txn(struct db *db, void *arg)
{
	struct logout_args *x = arg;
	struct actor a;
	struct db_res *r;
	enum core_err er;
	int64_t sid;

	if ((er = db_query(db, &table, SS_FIND_TOKEN, &r, "b", x->th, (size_t)DIGEST_SHA256_LEN)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	sid = db_res_int(r, 0);
	user_actor(&a, r, 1, db_res_int(r, 6), NULL);
	db_res_free(r);
	if ((er = db_exec(db, &table, SS_DELETE, NULL, "i", sid)) != CORE_OK)
		return er;
	return audit_write(db, &a, a.reseller_id, "session.logout", "session", sid, NULL, NULL);
}

enum core_err
session_logout(struct db *db, const char *token)
{
	struct logout_args x;
	enum core_err er;

	if (!password_token_valid(token))
		return CORE_NOTFOUND;
	if ((er = password_token_hash(token, x.th)) != CORE_OK)
		return er;
	return db_txn(db, logout_txn, &x);
}

/* ---- reset links ------------------------------------------------------ */

void
session_reset_link(const char *base_url, const char *token, char *out, size_t n)
{
	size_t len = base_url ? strlen(base_url) : 0;

	if (len > 0 && base_url[len - 1] == '/')
		len--;
	snprintf(out, n, "%.*s/reset?token=%s", (int)len, base_url ? base_url : "", token);
}

enum core_err
session_reset_issue(struct db *db, int64_t user_id, int lifetime_seconds, char token_out[PASSWORD_TOKEN_SZ])
{
	uint8_t th[DIGEST_SHA256_LEN];
	enum core_err er;

	if (lifetime_seconds < 1)
		return CORE_INVALID;
	if ((er = password_token(token_out)) != CORE_OK)
		return er;
	if ((er = password_token_hash(token_out, th)) != CORE_OK)
		return er;
	return db_exec(db, &table, SS_RESET_INSERT, NULL, "bii", th, (size_t)DIGEST_SHA256_LEN, user_id,
	    (int64_t)lifetime_seconds);
}

struct request_args {
	struct actor user;
	char         name[201 * 4];
	const char  *base_url;
};

static enum core_err
request_txn(struct db *db, void *arg)
{
	struct request_args *x = arg;
	char token[PASSWORD_TOKEN_SZ], link[2048], company[201 * 4] = "";
	struct db_res *r;
	json_t *data, *after;
	enum core_err er;

	if ((er = session_reset_issue(db, x->user.id, SESSION_RESET_SECONDS, token)) != CORE_OK)
		return er;
	session_reset_link(x->base_url, token, link, sizeof(link));
	if ((er = db_query(db, &table, SS_COMPANY, &r, "i", x->user.reseller_id)) != CORE_OK)
		return er;
	if (db_res_next(r))
		snprintf(company, sizeof(company), "%s", db_res_str(r, 0));
	db_res_free(r);
	data = json_pack("{s:s, s:s, s:s, s:s, s:i}", "name", x->name, "email", x->user.name,
	    "company_name", company, "link", link, "expires_hours", SESSION_RESET_SECONDS / 3600);
	after = json_pack("{s:s, s:i}", "email", x->user.name, "expires_hours", SESSION_RESET_SECONDS / 3600);
	if (data == NULL || after == NULL)
		er = CORE_ENOMEM;
	else if ((er = outbox_email(db, x->user.reseller_id, x->user.name, "Reset your password",
	    "storefront_password_reset", data)) == CORE_OK)
		er = audit_write(db, &x->user, x->user.reseller_id, "user.password_reset_request",
		    "storefront_user", x->user.id, NULL, after);
	json_decref(data);
	json_decref(after);
	explicit_bzero(token, sizeof(token));
	explicit_bzero(link, sizeof(link));
	return er;
}

enum core_err
session_password_reset_request(struct db *db, int64_t reseller_id, const char *email,
    const char *client_ip, const char *base_url, char *why)
{
	char bucket[RATELIMIT_BUCKET_MAX + 1];
	struct request_args x;
	struct db_res *r;
	enum core_err er;
	int allowed, found;

	if (base_url == NULL || *base_url == '\0' || reseller_id <= 0) {
		core_say(why, "The password reset is not available here.");
		return CORE_INVALID;
	}
	if (client_ip != NULL && *client_ip != '\0') {
		snprintf(bucket, sizeof(bucket), "reset:ip:%s", client_ip);
		if ((er = ratelimit_hit(db, bucket, 3600, SESSION_RESET_PER_IP, &allowed)) != CORE_OK)
			return er;
		if (!allowed) {
			core_say(why, "Too many requests from your network. Please try again in an hour.");
			return CORE_CONFLICT;
		}
	}
	if (email == NULL || *email == '\0' || strlen(email) > EMAIL_MAX)
		return CORE_OK;
	if ((er = throttle_email_bucket(bucket, sizeof(bucket), "reset", reseller_id, email)) != CORE_OK ||
	    (er = ratelimit_hit(db, bucket, 3600, SESSION_RESET_PER_EMAIL, &allowed)) != CORE_OK)
		return er;
	if (!allowed)
		return CORE_OK;

	memset(&x, 0, sizeof(x));
	if ((er = db_query(db, &table, SS_RESET_USER, &r, "is", reseller_id, email)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0) {
		user_actor(&x.user, r, 0, reseller_id, client_ip);
		snprintf(x.name, sizeof(x.name), "%s", db_res_str(r, 5));
	}
	db_res_free(r);
	if (!found)
		return CORE_OK;
	x.base_url = base_url;
	return db_txn(db, request_txn, &x);
}

enum core_err
session_reset_valid(struct db *db, int64_t reseller_id, const char *token, char *email)
{
	uint8_t th[DIGEST_SHA256_LEN];
	struct db_res *r;
	enum core_err er;
	int found;

	if (email != NULL)
		email[0] = '\0';
	if (!password_token_valid(token))
		return CORE_NOTFOUND;
	if ((er = password_token_hash(token, th)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, SS_RESET_FIND, &r, "bi", th, (size_t)DIGEST_SHA256_LEN, reseller_id)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0 && email != NULL)
		snprintf(email, EMAIL_MAX + 1, "%s", db_res_str(r, 3));
	db_res_free(r);
	return found ? CORE_OK : CORE_NOTFOUND;
}

struct reset_args {
	uint8_t      th[DIGEST_SHA256_LEN];
	struct actor user;
	const char  *hash;
};

static enum core_err
reset_txn(struct db *db, void *arg)
{
	struct reset_args *x = arg;
	struct db_res *r;
	enum core_err er;
	int found;

	/* the locking read sees a concurrent use that committed first */
	if ((er = db_query(db, &table, SS_RESET_LOCK, &r, "bi", x->th, (size_t)DIGEST_SHA256_LEN,
	    x->user.reseller_id)) != CORE_OK)
		return er;
	found = db_res_next(r);
	db_res_free(r);
	if (!found)
		return CORE_NOTFOUND;
	if ((er = db_exec(db, &table, SS_RESET_USE_ALL, NULL, "i", x->user.id)) != CORE_OK ||
	    (er = db_exec(db, &table, SS_SET_PASSWORD, NULL, "sii", x->hash, x->user.id,
	    x->user.reseller_id)) != CORE_OK ||
	    (er = db_exec(db, &table, SS_KILL_USER, NULL, "i", x->user.id)) != CORE_OK)
		return er;
	return audit_write(db, &x->user, x->user.reseller_id, "user.password_reset", "storefront_user",
	    x->user.id, NULL, NULL);
}

enum core_err
session_password_reset(struct db *db, int64_t reseller_id, const char *token, const char *new_password,
    char *why)
{
	char hash[PASSWORD_HASH_SZ];
	struct reset_args x;
	struct db_res *r;
	enum core_err er;
	int found;

	memset(&x, 0, sizeof(x));
	if (reseller_id <= 0 || !password_token_valid(token)) {
		core_say(why, SESSION_MSG_DEAD_LINK);
		return CORE_NOTFOUND;
	}
	if ((er = password_token_hash(token, x.th)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, SS_RESET_FIND, &r, "bi", x.th, (size_t)DIGEST_SHA256_LEN, reseller_id)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0)
		user_actor(&x.user, r, 1, reseller_id, NULL);
	db_res_free(r);
	if (!found) {
		core_say(why, SESSION_MSG_DEAD_LINK);
		return CORE_NOTFOUND;
	}
	if ((er = password_policy(new_password, x.user.name, why)) != CORE_OK)
		return er;
	if ((er = password_hash(new_password, hash)) != CORE_OK)
		return er;
	x.hash = hash;
	if ((er = db_txn(db, reset_txn, &x)) == CORE_NOTFOUND)
		core_say(why, SESSION_MSG_DEAD_LINK);
	return er;
}

/* ---- password change -------------------------------------------------- */

struct change_args {
	const struct actor *a;
	const char         *old_hash, *new_hash;
	const uint8_t      *keep;	/* hash of the session that survives, or NULL */
};

static enum core_err
change_txn(struct db *db, void *arg)
{
	struct change_args *x = arg;
	const struct actor *a = x->a;
	enum core_err er;
	uint64_t n = 0;

	if ((er = db_exec(db, &table, SS_CHANGE_PASSWORD, &n, "siis", x->new_hash, a->id, a->reseller_id,
	    x->old_hash)) != CORE_OK)
		return er;
	if (n != 1)
		return CORE_CONFLICT;
	if (x->keep != NULL)
		er = db_exec(db, &table, SS_KILL_OTHERS, NULL, "ib", a->id, x->keep, (size_t)DIGEST_SHA256_LEN);
	else
		er = db_exec(db, &table, SS_KILL_USER, NULL, "i", a->id);
	if (er != CORE_OK || (er = db_exec(db, &table, SS_RESET_USE_ALL, NULL, "i", a->id)) != CORE_OK)
		return er;
	return audit_write(db, a, a->reseller_id, "user.password_change", "storefront_user", a->id, NULL, NULL);
}

enum core_err
session_change_password(struct db *db, const struct actor *a, const char *keep_token,
    const char *old_password, const char *new_password, char *why)
{
	char bucket[RATELIMIT_BUCKET_MAX + 1], email[EMAIL_MAX + 1], old_hash[PASSWORD_HASH_SZ];
	char new_hash[PASSWORD_HASH_SZ];
	uint8_t keep[DIGEST_SHA256_LEN];
	struct change_args x;
	struct db_res *r;
	enum core_err er;
	int found, allowed;

	/* one's own password: any signed-in storefront user */
	if (actor_may(a, ACT_ACCOUNT_SELF) != CORE_OK || a->kind != ACTOR_STOREFRONT_USER || a->id <= 0) {
		core_say(why, "Only a signed-in storefront user can change its password.");
		return CORE_FORBIDDEN;
	}
	snprintf(bucket, sizeof(bucket), "pwchange:u%lld", (long long)a->id);
	if ((er = ratelimit_hit(db, bucket, SESSION_WINDOW_SECONDS, SESSION_CHANGE_ATTEMPTS, &allowed)) != CORE_OK)
		return er;
	if (!allowed) {
		core_say(why, "Too many attempts. Please try again in 15 minutes.");
		return CORE_CONFLICT;
	}
	if ((er = db_query(db, &table, SS_SELF, &r, "iii", a->id, a->reseller_id, a->customer_id)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0) {
		snprintf(email, sizeof(email), "%s", db_res_str(r, 0));
		snprintf(old_hash, sizeof(old_hash), "%s", db_res_str(r, 1));
	}
	db_res_free(r);
	if (!found) {
		core_say(why, "Your account was not found.");
		return CORE_NOTFOUND;
	}
	if (old_password == NULL || !password_verify(old_password, old_hash)) {
		core_say(why, "The current password is incorrect.");
		return CORE_INVALID;
	}
	if ((er = password_policy(new_password, email, why)) != CORE_OK)
		return er;
	if (strcmp(new_password, old_password) == 0) {
		core_say(why, "The new password must differ from the current one.");
		return CORE_INVALID;
	}
	if ((er = password_hash(new_password, new_hash)) != CORE_OK)
		return er;
	memset(&x, 0, sizeof(x));
	x.a = a;
	x.old_hash = old_hash;
	x.new_hash = new_hash;
	if (password_token_valid(keep_token)) {
		if ((er = password_token_hash(keep_token, keep)) != CORE_OK)
			return er;
		x.keep = keep;
	}
	if ((er = db_txn(db, change_txn, &x)) == CORE_CONFLICT)
		core_say(why, "Your password was changed meanwhile. Please sign in again.");
	return er;
}

/* purge_all - run purge statement idx in batches of SESSION_PURGE_BATCH (each its own transaction) until none is left. */
static enum core_err
purge_all(struct db *db, int idx, uint64_t *deleted)
{
	uint64_t n;
	enum core_err er;

	do {
		n = 0;
		if (idx == SS_PURGE_SESSIONS)
			er = db_exec(db, &table, idx, &n, "ii", (int64_t)SESSION_IDLE_SECONDS, (int64_t)SESSION_PURGE_BATCH);
		else
			er = db_exec(db, &table, idx, &n, "i", (int64_t)SESSION_PURGE_BATCH);
		*deleted += n;
	} while (er == CORE_OK && n == SESSION_PURGE_BATCH);
	return er;
}

enum core_err
session_purge_counts(struct db *db, uint64_t *sessions, uint64_t *resets)
{
	enum core_err er;

	*sessions = *resets = 0;
	if ((er = purge_all(db, SS_PURGE_SESSIONS, sessions)) != CORE_OK)
		return er;
	return purge_all(db, SS_PURGE_RESETS, resets);
}

enum core_err
session_purge(struct db *db, uint64_t *deleted)
{
	uint64_t a = 0, b = 0;
	enum core_err er = session_purge_counts(db, &a, &b);

	if (deleted != NULL)
		*deleted = a + b;
	return er;
}
