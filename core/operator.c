#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "operator.h"
#include "str.h"

enum {
	OP_BY_LOGIN,
	OP_COUNT,
	OP_LIST,
	OP__MAX
};

#define OP_COLUMNS \
	"o.id, o.login, o.display_name, o.email, o.role, o.distributor_id, o.reseller_id," \
	" r.name, o.active, o.created_at, r.edition, r.status"

static const char *const sql[OP__MAX] = {
	[OP_BY_LOGIN] =
	    "SELECT " OP_COLUMNS " FROM operators o LEFT JOIN resellers r ON r.id = o.reseller_id"
	    " WHERE o.login = ? AND o.active = 1",
	[OP_COUNT] =
	    "SELECT COUNT(*) FROM operators WHERE distributor_id = ?",
	[OP_LIST] =
	    "SELECT " OP_COLUMNS " FROM operators o LEFT JOIN resellers r ON r.id = o.reseller_id"
	    " WHERE o.distributor_id = ? ORDER BY o.role, o.login LIMIT ? OFFSET ?",
};

static const struct db_table table = { DB_MOD_OPERATOR, sql, OP__MAX };

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

enum core_err
operator_login(struct db *db, const char *login, struct actor *out, char *why)
{
	struct db_res *r = NULL;
	struct operator o;
	char edition[16] = "", status[16] = "";
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
	if (!found || o.role == ROLE__MAX) {
		core_say(why, "There is no active operator with that login.");
		return CORE_NOTFOUND;
	}
	if (o.role == ROLE_RESELLER_ADMIN) {
		if (strcmp(status, "active") != 0) {
			core_say(why, "The reseller account of this operator is suspended.");
			return CORE_FORBIDDEN;
		}
		if (strcmp(edition, "basic") == 0) {
			core_say(why, "The reseller account of this operator is on the Basic edition, "
			    "which has no admin environment.");
			return CORE_FORBIDDEN;
		}
	}
	memset(out, 0, sizeof(*out));
	out->kind = ACTOR_OPERATOR;
	out->role = o.role;
	out->id = o.id;
	str_copy(out->name, sizeof(out->name), o.login);
	out->distributor_id = o.distributor_id;
	out->reseller_id = o.role == ROLE_RESELLER_ADMIN ? o.reseller_id : 0;
	return CORE_OK;
}

enum core_err
operator_list(struct db *db, const struct actor *a, int limit, int offset, struct operator_list *out)
{
	struct db_rows rows;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_RESELLER_READ)) != CORE_OK)
		return er;
	if (limit < 1 || limit > OPERATOR_LIST_MAX)
		limit = OPERATOR_LIST_MAX;
	er = db_list(db, &table, &(struct db_list){ OP_COUNT, OP_LIST, NULL, offset < 0 ? 0 : offset, limit,
	    OPERATOR_LIST_MAX, sizeof(*out->items), fill }, &rows, "i", a->distributor_id);
	DB_ROWS_MOVE(out, rows);
	return er;
}

DB_LIST_FREE_FN(operator_list_free, operator_list)
