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

static void
fill(struct operator *o, struct db_res *r)
{
	int role;

	memset(o, 0, sizeof(*o));
	o->id = db_res_int(r, 0);
	str_copy(o->login, sizeof(o->login), db_res_str(r, 1));
	str_copy(o->display_name, sizeof(o->display_name), db_res_str(r, 2));
	str_copy(o->email, sizeof(o->email), db_res_str(r, 3));
	role = actor_role_parse(db_res_str(r, 4));
	o->role = role < 0 ? ROLE__MAX : (enum actor_role)role;
	o->distributor_id = db_res_int(r, 5);
	o->reseller_id = db_res_int(r, 6);
	str_copy(o->reseller_name, sizeof(o->reseller_name), db_res_str(r, 7));
	o->active = (int)db_res_int(r, 8);
	str_copy(o->created_at, sizeof(o->created_at), db_res_str(r, 9));
}

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
		fill(&o, r);
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
	struct db_res *r = NULL;
	enum core_err er;
	size_t n = 0;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_RESELLER_READ)) != CORE_OK)
		return er;
	if (limit < 1 || limit > OPERATOR_LIST_MAX)
		limit = OPERATOR_LIST_MAX;
	if (offset < 0)
		offset = 0;
	if ((er = db_query_int(db, &table, OP_COUNT, &out->total, "i", a->distributor_id)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, OP_LIST, &r, "iii", a->distributor_id, (int64_t)limit,
	    (int64_t)offset)) != CORE_OK)
		return er;
	if (db_res_rows(r) > 0 && (out->items = calloc(db_res_rows(r), sizeof(*out->items))) == NULL) {
		db_res_free(r);
		return CORE_ENOMEM;
	}
	while (db_res_next(r))
		fill(&out->items[n++], r);
	out->count = n;
	db_res_free(r);
	return CORE_OK;
}

void
operator_list_free(struct operator_list *l)
{
	if (l == NULL)
		return;
	free(l->items);
	memset(l, 0, sizeof(*l));
}
