/* user.c - storefront users of a customer; see user.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "audit.h"
#include "outbox.h"
#include "session.h"
#include "storefront.h"
#include "user.h"
#include "str.h"

#define USER_COLS \
	"u.id, u.reseller_id, u.customer_id, u.email, u.name, u.role, u.active, u.password_hash LIKE '$%'," \
	" u.must_change_password, u.failed_logins, COALESCE(u.locked_until > NOW(), 0)," \
	" COALESCE(DATE_FORMAT(u.locked_until, '%Y-%m-%d %H:%i:%s'), '')," \
	" DATE_FORMAT(u.created_at, '%Y-%m-%d %H:%i:%s')," \
	" COALESCE(DATE_FORMAT(u.last_login_at, '%Y-%m-%d %H:%i:%s'), '')"

/* params: reseller, customer, status (-1 all), status, search, pattern, pattern */
#define LIST_FROM \
	" FROM storefront_users u WHERE u.reseller_id = ? AND u.customer_id = ? AND (? < 0 OR u.active = ?)" \
	" AND (? IS NULL OR u.email LIKE ? ESCAPE '!' OR u.name LIKE ? ESCAPE '!')"

/* params: id, reseller, customer (0: any of the reseller's) */
#define ONE_WHERE " WHERE u.id = ? AND u.reseller_id = ? AND (? = 0 OR u.customer_id = ?)"

enum {
	US_CUSTOMER,
	US_LIST_EMAIL,
	US_LIST_NAME,
	US_LIST_NEWEST,
	US_COUNT,
	US_GET,
	US_LOCK,
	US_EMAIL_TAKEN,
	US_INSERT,
	US_SET_ACTIVE,
	US_KILL_SESSIONS,
	US_SET_NAME,
	US_STOREFRONT,
	US__MAX
};

static const char *const sql[US__MAX] = {
	[US_CUSTOMER] = "SELECT id FROM customers WHERE reseller_id = ? AND id = ?",
	[US_LIST_EMAIL] = "SELECT " USER_COLS LIST_FROM " ORDER BY u.email, u.id LIMIT ? OFFSET ?",
	[US_LIST_NAME] = "SELECT " USER_COLS LIST_FROM " ORDER BY u.name, u.id LIMIT ? OFFSET ?",
	[US_LIST_NEWEST] = "SELECT " USER_COLS LIST_FROM " ORDER BY u.created_at DESC, u.id DESC LIMIT ? OFFSET ?",
	[US_COUNT] = "SELECT COUNT(*)" LIST_FROM,
	[US_GET] = "SELECT " USER_COLS " FROM storefront_users u" ONE_WHERE,
	[US_LOCK] = "SELECT " USER_COLS " FROM storefront_users u" ONE_WHERE " FOR UPDATE",
	[US_EMAIL_TAKEN] = "SELECT id, customer_id FROM storefront_users WHERE reseller_id = ? AND email = ?",
	/* params: reseller, customer, email, name, hash, role, must change */
	[US_INSERT] =
	    "INSERT INTO storefront_users (reseller_id, customer_id, email, name, password_hash, role,"
	    " must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?)",
	[US_SET_ACTIVE] = "UPDATE storefront_users SET active = ? WHERE id = ? AND reseller_id = ?",
	[US_KILL_SESSIONS] = "DELETE FROM sessions WHERE user_id = ? AND reseller_id = ?",
	[US_SET_NAME] = "UPDATE storefront_users SET name = ? WHERE id = ? AND reseller_id = ?",
	[US_STOREFRONT] =
	    "SELECT s.slug, COALESCE(s.custom_domain, ''), COALESCE(d.storefront_base_domain, ''), s.company_name"
	    " FROM storefronts s JOIN resellers r ON r.id = s.reseller_id"
	    " JOIN distributors d ON d.id = r.distributor_id WHERE s.reseller_id = ?",
};

static const struct db_table table = { DB_MOD_USER, sql, US__MAX };

/* an invited user's password_hash: not a crypt string, so nothing ever verifies against it */
#define NO_PASSWORD "!invited"

/* the columns of the user statements; role (5) is read by fill */
#define COL(type, member) DB_COL(type, struct user, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	COL(INT, customer_id),
	COL(STR, email),
	COL(STR, name),
	DB_COL_SKIP,
	COL(BOOL, active),
	COL(BOOL, has_password),
	COL(BOOL, must_change_password),
	COL(INT, failed_logins),
	COL(BOOL, locked),
	COL(STR, locked_until),
	COL(STR, created_at),
	COL(STR, last_login_at),
};
#undef COL

static enum core_err
fill(struct db_res *r, void *item)
{
	struct user *u = item;

	memset(u, 0, sizeof(*u));
	u->role = actor_role_parse(db_res_str(r, 5)) == ROLE_CUSTOMER_OWNER ? ROLE_CUSTOMER_OWNER : ROLE_CUSTOMER_MEMBER;
	return db_res_fill(r, cols, DB_NCOLS(cols), u);
}

static const char *
role_name(enum actor_role r)
{
	return actor_role_name(r == ROLE_CUSTOMER_OWNER ? ROLE_CUSTOMER_OWNER : ROLE_CUSTOMER_MEMBER);
}

static int
is_storefront_user(const struct actor *a)
{
	return a != NULL && (a->role == ROLE_CUSTOMER_OWNER || a->role == ROLE_CUSTOMER_MEMBER);
}

/*
 * scope - may a manage (write) or read storefront users at all?  *customer
 * gets the customer a is confined to (an owner's own), 0 for a reseller
 * admin (any customer of a->reseller_id).
 */
static enum core_err
scope(const struct actor *a, int write, int64_t *customer)
{
	enum core_err er;

	*customer = 0;
	if (is_storefront_user(a)) {
		if ((er = actor_may(a, ACT_CUSTOMER_USERS)) != CORE_OK)
			return er;
		if (a->kind != ACTOR_STOREFRONT_USER)
			return CORE_FORBIDDEN;
		*customer = a->customer_id;
		return CORE_OK;
	}
	if ((er = actor_may(a, write ? ACT_CUSTOMER_WRITE : ACT_CUSTOMER_READ)) != CORE_OK)
		return er;
	/* support reads these through inspect.h; here only the tenant's own admins */
	if (!actor_reseller_operator(a))
		return CORE_FORBIDDEN;
	return CORE_OK;
}

static enum core_err
forbidden(char *why)
{
	core_say(why, "Only the reseller's administrators and the customer's owners can manage storefront users.");
	return CORE_FORBIDDEN;
}

static json_t *
audit_json(const struct user *u)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:b, s:b, s:b}", "id", (json_int_t)u->id,
	    "customer_id", (json_int_t)u->customer_id, "email", u->email, "name", u->name,
	    "role", role_name(u->role), "active", u->active, "has_password", u->has_password,
	    "must_change_password", u->must_change_password);
}

/* read_user - user id within reseller (and customer when > 0), locked when lock. */
static enum core_err
read_user(struct db *db, int64_t reseller_id, int64_t customer_id, int64_t id, int lock, struct user *u)
{
	return db_row(db, &table, lock ? US_LOCK : US_GET, fill, u, "iiii", id, reseller_id, customer_id,
	    customer_id);
}

/* link_base - the storefront's public address and company name; CORE_CONFLICT without storefront. */
static enum core_err
link_base(struct db *db, int64_t reseller_id, const char *public_url, char *url, size_t n, char *company,
    size_t cn)
{
	char slug[STOREFRONT_SLUG_SZ] = "", domain[STOREFRONT_DOMAIN_MAX + 1] = "", base[STOREFRONT_DOMAIN_MAX + 1] = "";
	struct db_res *r;
	enum core_err er;
	int found;

	if ((er = db_query(db, &table, US_STOREFRONT, &r, "i", reseller_id)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0) {
		str_copy(slug, sizeof(slug), db_res_str(r, 0));
		str_copy(domain, sizeof(domain), db_res_str(r, 1));
		str_copy(base, sizeof(base), db_res_str(r, 2));
		str_copy(company, cn, db_res_str(r, 3));
	}
	db_res_free(r);
	if (!found)
		return CORE_CONFLICT;
	storefront_url(public_url, base, slug, domain[0] ? domain : NULL, url, n);
	return CORE_OK;
}

/*
 * mail_link - issue a set-password link for u living seconds and queue the
 * e-mail template with it (inside the caller's transaction).
 */
static enum core_err
mail_link(struct db *db, const struct actor *a, const struct user *u, const char *public_url, int seconds,
    const char *subject, const char *template_name)
{
	char url[1024], link[1200], company[USER_NAME_SZ] = "", token[PASSWORD_TOKEN_SZ];
	enum core_err er;
	json_t *data;

	if ((er = link_base(db, u->reseller_id, public_url, url, sizeof(url), company, sizeof(company))) != CORE_OK)
		return er;
	if ((er = session_reset_issue(db, u->id, seconds, token)) != CORE_OK)
		return er;
	session_reset_link(url, token, link, sizeof(link));
	data = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s}", "name", u->name, "email", u->email,
	    "company_name", company, "link", link, "expires_hours", seconds / 3600, "invited_by", a->name);
	if (data == NULL)
		er = CORE_ENOMEM;
	else
		er = outbox_email(db, u->reseller_id, u->email, subject, template_name, data);
	json_decref(data);
	explicit_bzero(token, sizeof(token));
	explicit_bzero(link, sizeof(link));
	return er;
}

/*
 * mail_taken - a customer's user invited an address that already has an
 * account with another customer of the storefront: tell the address's
 * owner (the inviter is answered as for a new invitation, so it learns
 * nothing about other companies' users).  Inside the caller's transaction.
 */
static enum core_err
mail_taken(struct db *db, const struct actor *a, int64_t user_id, const char *public_url)
{
	char url[1024], company[USER_NAME_SZ] = "";
	enum core_err er;
	struct user u;
	json_t *data;

	if ((er = read_user(db, a->reseller_id, 0, user_id, 0, &u)) != CORE_OK ||
	    (er = link_base(db, a->reseller_id, public_url, url, sizeof(url), company, sizeof(company))) != CORE_OK)
		return er;
	data = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", u.name, "email", u.email, "company_name", company,
	    "link", url, "invited_by", a->name);
	if (data == NULL)
		return CORE_ENOMEM;
	er = outbox_email(db, a->reseller_id, u.email, "An invitation to our storefront", "storefront_invite_taken",
	    data);
	json_decref(data);
	if (er == CORE_OK && (data = json_pack("{s:s}", "email", u.email)) != NULL) {
		er = audit_write(db, a, a->reseller_id, "user.invite_taken", "storefront_user", u.id, NULL, data);
		json_decref(data);
	} else if (er == CORE_OK)
		er = CORE_ENOMEM;
	return er;
}

DB_LIST_FREE_FN(user_list_free, user_list)

enum core_err
user_list(struct db *db, const struct actor *a, int64_t customer_id, const struct user_query *q,
    struct user_list *list)
{
	static const int stmt[USER_SORT__MAX] = {
		[USER_SORT_EMAIL] = US_LIST_EMAIL, [USER_SORT_NAME] = US_LIST_NAME, [USER_SORT_NEWEST] = US_LIST_NEWEST,
	};
	struct user_query dq = { NULL, USER_ALL, USER_SORT_EMAIL, 0, 0 };
	struct db_res *r;
	enum core_err er;
	struct db_rows rows;
	int64_t mine, status;

	memset(list, 0, sizeof(*list));
	if ((er = scope(a, 0, &mine)) != CORE_OK)
		return er;
	if (mine != 0)
		customer_id = mine;
	if (q == NULL)
		q = &dq;
	if (q->sort < 0 || q->sort >= USER_SORT__MAX || q->status < USER_ALL || q->status > USER_INACTIVE)
		return CORE_INVALID;
	status = q->status == USER_ALL ? -1 : q->status == USER_ACTIVE ? 1 : 0;

	if ((er = db_query(db, &table, US_CUSTOMER, &r, "ii", a->reseller_id, customer_id)) != CORE_OK)
		return er;
	if (!db_res_next(r))
		er = CORE_NOTFOUND;
	db_res_free(r);
	if (er != CORE_OK)
		return er;

	er = db_list(db, &table, &(struct db_list){ US_COUNT, stmt[q->sort], q->search,
	    q->offset < 0 ? 0 : q->offset, q->limit < 0 ? 0 : q->limit, USER_LIMIT_MAX, sizeof(*list->items), fill },
	    &rows, "iiiiCCC", a->reseller_id, customer_id, status, status);
	DB_ROWS_MOVE(list, rows);
	if (er != CORE_OK)
		user_list_free(list);
	return er;
}

enum core_err
user_get(struct db *db, const struct actor *a, int64_t user_id, struct user *out)
{
	enum core_err er;
	int64_t customer;

	memset(out, 0, sizeof(*out));
	if (is_storefront_user(a) && a->kind == ACTOR_STOREFRONT_USER && a->id == user_id &&
	    a->reseller_id > 0 && a->customer_id > 0)
		customer = a->customer_id;	/* anyone reads itself */
	else if ((er = scope(a, 0, &customer)) != CORE_OK)
		return is_storefront_user(a) ? CORE_NOTFOUND : er;	/* a member asking for a colleague */
	if (user_id <= 0)
		return CORE_NOTFOUND;
	return read_user(db, a->reseller_id, customer, user_id, 0, out);
}

/* ---- changes ----------------------------------------------------------- */

enum op { OP_CREATE, OP_ACTIVE, OP_RESET, OP_PROFILE };

struct change {
	const struct actor  *a;
	enum op              op;
	int64_t              customer;	/* confinement (owner) or target customer (create) */
	int64_t              id;
	const char          *email, *name, *hash, *public_url;
	enum actor_role      role;
	enum user_credential cred;
	int                  on;
	char                *why;
};

static enum core_err
create_txn(struct db *db, struct change *c)
{
	const struct actor *a = c->a;
	struct db_res *r;
	int64_t taken_id = 0, taken_customer = 0;
	struct user u;
	enum core_err er;
	json_t *after;
	int found;

	if ((er = db_query(db, &table, US_CUSTOMER, &r, "ii", a->reseller_id, c->customer)) != CORE_OK)
		return er;
	found = db_res_next(r);
	db_res_free(r);
	if (!found) {
		core_say(c->why, "There is no such customer.");
		return CORE_NOTFOUND;
	}
	if ((er = db_query(db, &table, US_EMAIL_TAKEN, &r, "is", a->reseller_id, c->email)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0) {
		taken_id = db_res_int(r, 0);
		taken_customer = db_res_int(r, 1);
	}
	db_res_free(r);
	if (found && a->kind == ACTOR_STOREFRONT_USER && taken_customer != c->customer && c->cred == USER_INVITE) {
		c->id = 0;
		return mail_taken(db, a, taken_id, c->public_url);
	}
	if (found) {
		core_say(c->why, "A storefront user with this e-mail address already exists.");
		return CORE_CONFLICT;
	}
	if ((er = db_exec(db, &table, US_INSERT, NULL, "iissssi", a->reseller_id, c->customer, c->email, c->name,
	    c->hash, role_name(c->role), (int64_t)(c->cred == USER_ONE_TIME_PASSWORD))) != CORE_OK) {
		if (er == CORE_CONFLICT)
			core_say(c->why, "A storefront user with this e-mail address already exists.");
		return er;
	}
	c->id = (int64_t)db_insert_id(db);
	if ((er = read_user(db, a->reseller_id, 0, c->id, 1, &u)) != CORE_OK)
		return er;
	if (c->cred == USER_INVITE &&
	    (er = mail_link(db, a, &u, c->public_url, USER_INVITE_SECONDS, "You are invited to our storefront",
	    "storefront_invite")) != CORE_OK) {
		if (er == CORE_CONFLICT)
			core_say(c->why, "The reseller has no storefront to invite users to.");
		return er;
	}
	if ((after = audit_json(&u)) == NULL)
		return CORE_ENOMEM;
	json_object_set_new(after, "credential", json_string(c->cred == USER_INVITE ? "invite" : "one_time_password"));
	er = audit_write(db, a, a->reseller_id, "user.create", "storefront_user", c->id, NULL, after);
	json_decref(after);
	return er;
}

static enum core_err
change_txn(struct db *db, void *arg)
{
	struct change *c = arg;
	const struct actor *a = c->a;
	struct user before, after;
	const char *action = NULL;
	enum core_err er;

	if (c->op == OP_CREATE)
		return create_txn(db, c);
	if ((er = read_user(db, a->reseller_id, c->customer, c->id, 1, &before)) != CORE_OK) {
		if (er == CORE_NOTFOUND)
			core_say(c->why, "There is no such user.");
		return er;
	}
	switch (c->op) {
	case OP_ACTIVE:
		if (before.active == c->on)
			return CORE_OK;
		if (!c->on && a->kind == ACTOR_STOREFRONT_USER && a->id == before.id) {
			core_say(c->why, "You cannot deactivate your own account.");
			return CORE_CONFLICT;
		}
		if ((er = db_exec(db, &table, US_SET_ACTIVE, NULL, "iii", (int64_t)c->on, c->id, a->reseller_id)) != CORE_OK)
			return er;
		if (!c->on && (er = db_exec(db, &table, US_KILL_SESSIONS, NULL, "ii", c->id, a->reseller_id)) != CORE_OK)
			return er;
		action = "user.active";
		break;
	case OP_RESET:
		if (!before.active) {
			core_say(c->why, "This user is deactivated; activate it first.");
			return CORE_CONFLICT;
		}
		if ((er = mail_link(db, a, &before, c->public_url, SESSION_RESET_SECONDS, "Reset your password",
		    "storefront_password_reset")) != CORE_OK) {
			if (er == CORE_CONFLICT)
				core_say(c->why, "The reseller has no storefront to sign in to.");
			return er;
		}
		action = "user.password_reset_request";
		break;
	case OP_PROFILE:
		if ((er = db_exec(db, &table, US_SET_NAME, NULL, "sii", c->name, c->id, a->reseller_id)) != CORE_OK)
			return er;
		action = "user.profile";
		break;
	case OP_CREATE:
		break;
	}
	if ((er = read_user(db, a->reseller_id, 0, c->id, 1, &after)) != CORE_OK)
		return er;
	return audit_change(db, a, a->reseller_id, action, "storefront_user", c->id, audit_json(&before),
	    audit_json(&after));
}

enum core_err
user_create(struct db *db, const struct actor *a, int64_t customer_id, const char *email, const char *name,
    enum actor_role role, enum user_credential cred, const char *public_url, char *otp_out, int64_t *id,
    char *why)
{
	char hash[PASSWORD_HASH_SZ];
	struct change c;
	enum core_err er;
	int64_t mine;

	if (id != NULL)
		*id = 0;
	if (otp_out != NULL)
		otp_out[0] = '\0';
	if ((er = scope(a, 1, &mine)) != CORE_OK)
		return forbidden(why);
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.op = OP_CREATE;
	c.customer = mine != 0 ? mine : customer_id;
	c.email = email;
	c.name = name;
	c.role = role;
	c.cred = cred;
	c.public_url = public_url;
	c.why = why;
	if (c.customer <= 0) {
		core_say(why, "There is no such customer.");
		return CORE_NOTFOUND;
	}
	if (!str_email_valid(email)) {
		core_say(why, "Enter a valid e-mail address, like name@example.com.");
		return CORE_INVALID;
	}
	if (!str_text_valid(name, 1, 200, STR_TEXT_NOT_BLANK)) {
		core_say(why, "The name must be 1 to 200 characters, without control characters.");
		return CORE_INVALID;
	}
	if (role != ROLE_CUSTOMER_OWNER && role != ROLE_CUSTOMER_MEMBER) {
		core_say(why, "The role must be owner or member.");
		return CORE_INVALID;
	}
	if (cred != USER_INVITE && cred != USER_ONE_TIME_PASSWORD) {
		core_say(why, "Choose an invitation e-mail or a one-time password.");
		return CORE_INVALID;
	}
	if (cred == USER_ONE_TIME_PASSWORD) {
		if (otp_out == NULL) {
			core_say(why, "There is nowhere to show the one-time password.");
			return CORE_INVALID;
		}
		/* the slow hash happens before the transaction, which stays short */
		if ((er = password_readable(otp_out)) != CORE_OK || (er = password_hash(otp_out, hash)) != CORE_OK) {
			explicit_bzero(otp_out, USER_OTP_SZ);
			return er;
		}
		c.hash = hash;
	} else {
		c.hash = NO_PASSWORD;
	}
	er = db_txn(db, change_txn, &c);
	if (er == CORE_OK && id != NULL)
		*id = c.id;
	if (er != CORE_OK && otp_out != NULL)
		explicit_bzero(otp_out, USER_OTP_SZ);
	return er;
}

enum core_err
user_set_active(struct db *db, const struct actor *a, int64_t user_id, int on, char *why)
{
	int64_t mine;

	if (scope(a, 1, &mine) != CORE_OK)
		return forbidden(why);
	if (on != 0 && on != 1) {
		core_say(why, "The setting must be on or off.");
		return CORE_INVALID;
	}
	return db_txn(db, change_txn, &(struct change){ .a = a, .op = OP_ACTIVE, .customer = mine, .id = user_id,
	    .on = on, .why = why });
}

enum core_err
user_reset_password(struct db *db, const struct actor *a, int64_t user_id, const char *public_url, char *why)
{
	int64_t mine;

	if (scope(a, 1, &mine) != CORE_OK)
		return forbidden(why);
	return db_txn(db, change_txn, &(struct change){ .a = a, .op = OP_RESET, .customer = mine, .id = user_id,
	    .public_url = public_url, .why = why });
}

enum core_err
user_update_profile(struct db *db, const struct actor *a, const char *name, char *why)
{
	/* one's own profile: any signed-in storefront user */
	if (actor_may(a, ACT_ACCOUNT_SELF) != CORE_OK || a->kind != ACTOR_STOREFRONT_USER || a->id <= 0) {
		core_say(why, "Only a signed-in storefront user can edit its profile.");
		return CORE_FORBIDDEN;
	}
	if (!str_text_valid(name, 1, 200, STR_TEXT_NOT_BLANK)) {
		core_say(why, "The name must be 1 to 200 characters, without control characters.");
		return CORE_INVALID;
	}
	return db_txn(db, change_txn, &(struct change){ .a = a, .op = OP_PROFILE, .customer = a->customer_id,
	    .id = a->id, .name = name, .why = why });
}

json_t *
user_to_json(const struct user *u)
{
	return json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:b, s:b, s:b, s:i, s:b, s:o, s:s, s:o}",
	    "id", (json_int_t)u->id, "reseller_id", (json_int_t)u->reseller_id,
	    "customer_id", (json_int_t)u->customer_id, "email", u->email, "name", u->name,
	    "role", role_name(u->role), "active", u->active, "has_password", u->has_password,
	    "must_change_password", u->must_change_password, "failed_logins", u->failed_logins,
	    "locked", u->locked, "locked_until", u->locked_until[0] ? json_string(u->locked_until) : json_null(),
	    "created_at", u->created_at,
	    "last_login_at", u->last_login_at[0] ? json_string(u->last_login_at) : json_null());
}
