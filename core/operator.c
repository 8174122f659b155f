#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "operator.h"
#include "str.h"

enum {
	OP_BY_LOGIN,
	OP_COUNT,
	OP_LIST,
	OP_BY_ID,
	OP_LOCK_LOGIN,
	OP_RESELLER_OF,
	OP_INSERT,
	OP_ADMINS_LEFT,
	OP_DISABLE,
	OP__MAX
};

#define OP_COLUMNS \
	"o.id, o.login, o.display_name, o.email, o.role, o.distributor_id, o.reseller_id," \
	" r.name, o.active, o.created_at, r.edition, r.status"
#define OP_FROM " FROM operators o LEFT JOIN resellers r ON r.id = o.reseller_id"
/* a's operators: distributor, then reseller x2 (0: the whole distributor) */
#define OP_SCOPE " o.distributor_id = ? AND (? = 0 OR o.reseller_id = ?)"

static const char *const sql[OP__MAX] = {
	[OP_BY_LOGIN] = "SELECT " OP_COLUMNS OP_FROM " WHERE o.login = ? AND o.active = 1",
	[OP_COUNT] = "SELECT COUNT(*) FROM operators o WHERE" OP_SCOPE,
	[OP_LIST] = "SELECT " OP_COLUMNS OP_FROM " WHERE" OP_SCOPE " ORDER BY o.role, o.login LIMIT ? OFFSET ?",
	/* operator_check: the primary key */
	[OP_BY_ID] = "SELECT " OP_COLUMNS OP_FROM " WHERE o.id = ?",
	[OP_LOCK_LOGIN] = "SELECT " OP_COLUMNS OP_FROM " WHERE o.login = ? AND" OP_SCOPE " FOR UPDATE",
	[OP_RESELLER_OF] = "SELECT COUNT(*) FROM resellers WHERE id = ? AND distributor_id = ?",
	[OP_INSERT] =
	    "INSERT INTO operators (login, display_name, email, role, distributor_id, reseller_id)"
	    " VALUES (?, ?, ?, ?, ?, ?)",
	/* the other active admins of the same kind: role, distributor, reseller x2, id */
	[OP_ADMINS_LEFT] =
	    "SELECT COUNT(*) FROM operators WHERE role = ? AND distributor_id = ?"
	    " AND (? = 0 OR reseller_id = ?) AND active = 1 AND id <> ? FOR UPDATE",
	[OP_DISABLE] = "UPDATE operators SET active = 0 WHERE id = ? AND active = 1",
};

static const struct db_table table = { DB_MOD_OPERATOR, sql, OP__MAX };

static const char *const role_labels[ROLE__MAX] = { ACTOR_ROLES(NAMES_LABEL) };

NAMES_FN_NAME(operator_role_label, enum actor_role, role_labels, ROLE__MAX, "Unknown")

/* the columns of OP_COLUMNS before the reseller's edition and status */
#define COL(type, member) DB_COL(type, struct operator, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(STR, login),
	COL(STR, display_name),
	COL(STR, email),
	DB_COL_ENUM(struct operator, role, actor_role_parse, ROLE__MAX),
	COL(INT, distributor_id),
	COL(INT, reseller_id),
	COL(STR, reseller_name),
	COL(INT, active),
	COL(STR, created_at),
};
#undef COL

DB_FILL_FN(fill, struct operator, cols)

/* the operator roles (a storefront role in the column would be a bug; refused as unknown) */
static int
operator_role(enum actor_role r)
{
	return r == ROLE_DISTRIBUTOR_ADMIN || r == ROLE_SUPPORT || r == ROLE_RESELLER_ADMIN ||
	    r == ROLE_RESELLER_STAFF;
}

static int
reseller_role(enum actor_role r)
{
	return r == ROLE_RESELLER_ADMIN || r == ROLE_RESELLER_STAFF;
}

/*
 * refused - why a reseller operator of a reseller with this edition and
 * status may not work in the TUI, or NULL when it may.
 */
static const char *
refused(const char *edition, const char *status)
{
	if (strcmp(status, "active") != 0)
		return "The reseller account of this operator is suspended.";
	if (strcmp(edition, "basic") == 0)
		return "The reseller account of this operator is on the Basic edition, which has no admin environment.";
	return NULL;
}

enum core_err
operator_login(struct db *db, const char *login, struct actor *out, char *why)
{
	struct db_res *r = NULL;
	struct operator o;
	char edition[16] = "", status[16] = "";
	const char *no;
	enum core_err er;
	int found;

	if (login == NULL || login[0] == '\0' || strlen(login) >= OPERATOR_LOGIN_SZ) {
		core_say(why, "There is no active operator with that login.");
		return CORE_NOTFOUND;
	}
	if ((er = db_query(db, &table, OP_BY_LOGIN, &r, "s", login)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0) {
		(void)fill(r, &o);
		str_copy(edition, sizeof(edition), db_res_str(r, 10));
		str_copy(status, sizeof(status), db_res_str(r, 11));
	}
	db_res_free(r);
	if (!found || !operator_role(o.role)) {
		core_say(why, "There is no active operator with that login.");
		return CORE_NOTFOUND;
	}
	if (reseller_role(o.role) && (no = refused(edition, status)) != NULL) {
		core_say(why, "%s", no);
		return CORE_FORBIDDEN;
	}
	memset(out, 0, sizeof(*out));
	out->kind = ACTOR_OPERATOR;
	out->role = o.role;
	out->id = o.id;
	str_copy(out->name, sizeof(out->name), o.login);
	out->distributor_id = o.distributor_id;
	out->reseller_id = reseller_role(o.role) ? o.reseller_id : 0;
	return CORE_OK;
}

enum core_err
operator_check(struct db *db, const struct actor *a, char *why)
{
	struct db_res *r = NULL;
	struct operator o;
	char edition[16] = "", status[16] = "";
	const char *no = NULL;
	enum core_err er;

	if (a == NULL || a->kind != ACTOR_OPERATOR)
		return CORE_OK;
	if ((er = db_query(db, &table, OP_BY_ID, &r, "i", a->id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		core_say(why, "Your operator account no longer exists.");
		return CORE_FORBIDDEN;
	}
	(void)fill(r, &o);
	str_copy(edition, sizeof(edition), db_res_str(r, 10));
	str_copy(status, sizeof(status), db_res_str(r, 11));
	db_res_free(r);
	if (!o.active)
		no = "Your operator account has been disabled.";
	else if (o.role != a->role || (reseller_role(o.role) && o.reseller_id != a->reseller_id))
		no = "Your operator account has changed; log in again.";
	else if (reseller_role(o.role))
		no = refused(edition, status);
	if (no == NULL)
		return CORE_OK;
	core_say(why, "%s", no);
	return CORE_FORBIDDEN;
}

/* scope_of - the reseller filter of a's operator reads and changes: 0 for the distributor's people. */
static int64_t
scope_of(const struct actor *a)
{
	return actor_reseller_operator(a) ? a->reseller_id : 0;
}

enum core_err
operator_list(struct db *db, const struct actor *a, int limit, int offset, struct operator_list *out)
{
	struct db_rows rows;
	enum core_err er;
	int64_t rs;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_OPERATOR_READ)) != CORE_OK || a->distributor_id <= 0)
		return CORE_FORBIDDEN;
	rs = scope_of(a);
	if (limit < 1 || limit > OPERATOR_LIST_MAX)
		limit = OPERATOR_LIST_MAX;
	er = db_list(db, &table, &(struct db_list){ OP_COUNT, OP_LIST, NULL, offset < 0 ? 0 : offset, limit,
	    OPERATOR_LIST_MAX, sizeof(*out->items), fill }, &rows, "iii", a->distributor_id, rs, rs);
	DB_ROWS_MOVE(out, rows);
	return er;
}

DB_LIST_FREE_FN(operator_list_free, operator_list)

int
operator_login_valid(const char *login)
{
	size_t i, n;

	if (login == NULL || (n = strlen(login)) == 0 || n > 32)
		return 0;
	for (i = 0; i < n; i++) {
		char c = login[i];

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (i > 0 && (c == '.' || c == '_' || c == '-'))
			continue;
		return 0;
	}
	return 1;
}

/*
 * may_manage - may a add or disable an operator of role for reseller rs
 * (0: none)?  CORE_OK, or CORE_FORBIDDEN with why.
 */
static enum core_err
may_manage(const struct actor *a, enum actor_role role, int64_t rs, char *why)
{
	if (actor_may(a, ACT_OPERATOR_MANAGE) != CORE_OK || a->distributor_id <= 0) {
		core_say(why, a && a->role == ROLE_RESELLER_STAFF ?
		    "Reseller staff have read-only access: only a reseller admin manages operators." :
		    "Only a distributor admin or a reseller admin can manage operators.");
		return CORE_FORBIDDEN;
	}
	if (a->role == ROLE_RESELLER_ADMIN && (!reseller_role(role) || rs != a->reseller_id)) {
		core_say(why, "A reseller admin manages only its own reseller's admins and staff.");
		return CORE_FORBIDDEN;
	}
	return CORE_OK;
}

enum core_err
operator_insert(struct db *db, const struct actor *a, const struct operator_new *n, int64_t *id_out, char *why)
{
	int64_t rs = n->reseller_id, found = 0, id;
	enum core_err er;

	if (!db_in_txn(db))
		return CORE_INVALID;
	if (!operator_role(n->role)) {
		core_say(why, "The role must be distributor_admin, support, reseller_admin or reseller_staff.");
		return CORE_INVALID;
	}
	if (a != NULL && a->role == ROLE_RESELLER_ADMIN && rs == 0)
		rs = a->reseller_id;
	if ((er = may_manage(a, n->role, reseller_role(n->role) ? rs : 0, why)) != CORE_OK)
		return er;
	if (reseller_role(n->role) && rs <= 0) {
		core_say(why, "A %s belongs to a reseller: name it.", operator_role_label(n->role));
		return CORE_INVALID;
	}
	if (!reseller_role(n->role) && rs != 0) {
		core_say(why, "A %s belongs to the distributor, not to a reseller.", operator_role_label(n->role));
		return CORE_INVALID;
	}
	if (!operator_login_valid(n->login)) {
		core_say(why, "The login must be 1 to 32 lower-case letters, digits, '.', '_' or '-', "
		    "starting with a letter or digit.");
		return CORE_INVALID;
	}
	if (!str_text_valid(n->display_name, 1, 200, 0)) {
		core_say(why, "The name must be 1 to 200 characters.");
		return CORE_INVALID;
	}
	if (n->email == NULL || strlen(n->email) > 254 || !str_email_valid(n->email)) {
		core_say(why, "The e-mail address is not valid.");
		return CORE_INVALID;
	}
	if (rs > 0) {
		if ((er = db_query_int(db, &table, OP_RESELLER_OF, &found, "ii", rs, a->distributor_id)) != CORE_OK)
			return er;
		if (found == 0) {
			core_say(why, "There is no such reseller.");
			return CORE_NOTFOUND;
		}
	}
	er = db_exec(db, &table, OP_INSERT, NULL, "ssssiI", n->login, n->display_name, n->email,
	    actor_role_name(n->role), a->distributor_id, rs);
	if (er == CORE_CONFLICT) {
		core_say(why, "The login \"%s\" is already taken.", n->login);
		return er;
	}
	if (er != CORE_OK)
		return er;
	id = (int64_t)db_insert_id(db);
	if (id_out != NULL)
		*id_out = id;
	return audit_added(db, a, rs, "operator.add", "operator", id, json_pack("{s:s, s:s, s:s, s:s, s:o}", "login", n->login, "display_name", n->display_name,
	    "email", n->email, "role", actor_role_name(n->role),
	    "reseller_id", rs > 0 ? json_integer(rs) : json_null()));
}

struct add_args {
	const struct actor         *a;
	const struct operator_new  *n;
	int64_t                    *id;
	char                       *why;
};

static enum core_err
add_txn(struct db *db, void *arg)
{
	struct add_args *x = arg;

	return operator_insert(db, x->a, x->n, x->id, x->why);
}

enum core_err
operator_add(struct db *db, const struct actor *a, const struct operator_new *n, int64_t *id_out, char *why)
{
	struct add_args x = { a, n, id_out, why };

	if (n == NULL)
		return CORE_INVALID;
	if (actor_may(a, ACT_OPERATOR_MANAGE) != CORE_OK)
		return may_manage(a, n->role, n->reseller_id, why);
	return db_txn(db, add_txn, &x);
}

struct disable_args {
	const struct actor *a;
	const char         *login;
	struct operator    *out;
	char               *why;
};

static enum core_err
disable_txn(struct db *db, void *arg)
{
	struct disable_args *x = arg;
	const struct actor *a = x->a;
	struct db_res *r = NULL;
	struct operator o;
	enum core_err er;
	int64_t rs = scope_of(a), left = 0;

	if ((er = db_query(db, &table, OP_LOCK_LOGIN, &r, "siii", x->login, a->distributor_id, rs, rs)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		core_say(x->why, "There is no operator \"%s\" that you manage.", x->login);
		return CORE_NOTFOUND;
	}
	(void)fill(r, &o);
	db_res_free(r);
	if (x->out != NULL)
		*x->out = o;
	if ((er = may_manage(a, o.role, reseller_role(o.role) ? o.reseller_id : 0, x->why)) != CORE_OK)
		return er;
	if (o.id == a->id && a->kind == ACTOR_OPERATOR) {
		core_say(x->why, "You cannot disable yourself; ask another admin.");
		return CORE_FORBIDDEN;
	}
	if (!o.active) {
		core_say(x->why, "%s is already disabled.", o.login);
		return CORE_CONFLICT;
	}
	if (o.role == ROLE_DISTRIBUTOR_ADMIN || o.role == ROLE_RESELLER_ADMIN) {
		if ((er = db_query_int(db, &table, OP_ADMINS_LEFT, &left, "siiii", actor_role_name(o.role),
		    o.distributor_id, o.reseller_id, o.reseller_id, o.id)) != CORE_OK)
			return er;
		if (left == 0) {
			core_say(x->why, "%s is the last active %s%s; add another first.", o.login,
			    o.role == ROLE_DISTRIBUTOR_ADMIN ? "distributor admin" : "admin of ",
			    o.role == ROLE_DISTRIBUTOR_ADMIN ? "" : o.reseller_name);
			return CORE_FORBIDDEN;
		}
	}
	if ((er = db_exec(db, &table, OP_DISABLE, NULL, "i", o.id)) != CORE_OK)
		return er;
	return audit_change(db, a, o.reseller_id, "operator.disable", "operator", o.id,
	    json_pack("{s:s, s:b}", "login", o.login, "active", 1),
	    json_pack("{s:s, s:b}", "login", o.login, "active", 0));
}

enum core_err
operator_disable(struct db *db, const struct actor *a, const char *login, struct operator *out, char *why)
{
	struct disable_args x = { a, login, out, why };
	enum core_err er;

	if ((er = actor_may(a, ACT_OPERATOR_MANAGE)) != CORE_OK || a->distributor_id <= 0)
		return may_manage(a, ROLE__MAX, 0, why);
	if (login == NULL || strlen(login) >= OPERATOR_LOGIN_SZ) {
		core_say(why, "There is no operator with that login.");
		return CORE_NOTFOUND;
	}
	return db_txn(db, disable_txn, &x);
}
