/*
 * m365.c - Microsoft 365 users and licence assignments of a customer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "fulfil.h"
#include "m365.h"
#include "str.h"

#define SCOPE_U ACTOR_SCOPE_SQL(u)
#define SCOPE_S ACTOR_SCOPE_SQL(s)
#define SCOPE_T ACTOR_SCOPE_T
#define SCOPE_ARGS ACTOR_SCOPE_ARGS

#define USER_COLS \
	"SELECT u.id, u.customer_id, u.upn, u.display_name, u.enabled," \
	" DATE_FORMAT(u.created_at, '%Y-%m-%d %H:%i:%s')," \
	" (SELECT COUNT(*) FROM m365_assignments ma WHERE ma.m365_user_id = u.id)" \
	" FROM m365_users u JOIN resellers r ON r.id = u.reseller_id"

#define LIST_WHERE \
	" WHERE" SCOPE_U " AND (? < 0 OR u.enabled = ?) AND (? IS NULL OR u.upn LIKE ? ESCAPE '!' OR u.display_name LIKE ? ESCAPE '!')"
#define LIST_T SCOPE_T "iiPPC"

#define LICENCE_SQL \
	"SELECT s.id, s.customer_id, p.name, p.sku, s.status, s.quantity," \
	" (SELECT COUNT(*) FROM m365_assignments ma WHERE ma.subscription_id = s.id)," \
	" EXISTS (SELECT 1 FROM m365_assignments mu WHERE mu.subscription_id = s.id AND mu.m365_user_id = ?)" \
	" FROM subscriptions s JOIN resellers r ON r.id = s.reseller_id JOIN products p ON p.id = s.product_id" \
	" WHERE p.type = 'license' AND s.status IN ('active', 'trial') AND" SCOPE_S \
	" ORDER BY p.name, s.id"

enum {
	M_GET,
	M_LIST_NAME,
	M_LIST_UPN,
	M_LIST_NEWEST,
	M_LIST_COUNT,
	M_INSERT,
	M_LOCK_USER,
	M_UPDATE,
	M_SET_ENABLED,
	M_LOCK_SUB,
	M_PRODUCT,
	M_USER_OF_CUSTOMER,
	M_HAS,
	M_COUNT,
	M_ASSIGN,
	M_UNASSIGN,
	M_LICENCES,
	M_ASSIGNMENTS,
	M__MAX
};

static const char *const sql[M__MAX] = {
	[M_GET] = USER_COLS " WHERE u.id = ? AND" SCOPE_U,
	[M_LIST_NAME] = USER_COLS LIST_WHERE " ORDER BY u.display_name, u.id LIMIT ? OFFSET ?",
	[M_LIST_UPN] = USER_COLS LIST_WHERE " ORDER BY u.upn, u.id LIMIT ? OFFSET ?",
	[M_LIST_NEWEST] = USER_COLS LIST_WHERE " ORDER BY u.id DESC LIMIT ? OFFSET ?",
	[M_LIST_COUNT] = "SELECT COUNT(*) FROM m365_users u JOIN resellers r ON r.id = u.reseller_id" LIST_WHERE,
	[M_INSERT] = "INSERT INTO m365_users (reseller_id, customer_id, upn, display_name) VALUES (?, ?, ?, ?)",
	[M_LOCK_USER] =
	    "SELECT upn, display_name, enabled FROM m365_users"
	    " WHERE id = ? AND reseller_id = ? AND customer_id = ? FOR UPDATE",
	[M_UPDATE] =
	    "UPDATE m365_users SET upn = ?, display_name = ? WHERE id = ? AND reseller_id = ? AND customer_id = ?",
	[M_SET_ENABLED] =
	    "UPDATE m365_users SET enabled = ? WHERE id = ? AND reseller_id = ? AND customer_id = ?",
	/* the row lock that serialises assignments of one subscription */
	[M_LOCK_SUB] =
	    "SELECT status, quantity, product_id FROM subscriptions"
	    " WHERE id = ? AND reseller_id = ? AND customer_id = ? FOR UPDATE",
	[M_PRODUCT] = "SELECT name, type FROM products WHERE id = ?",
	[M_USER_OF_CUSTOMER] =
	    "SELECT display_name FROM m365_users WHERE id = ? AND reseller_id = ? AND customer_id = ?",
	[M_HAS] = "SELECT COUNT(*) FROM m365_assignments WHERE m365_user_id = ? AND subscription_id = ?",
	[M_COUNT] = "SELECT COUNT(*) FROM m365_assignments WHERE subscription_id = ?",
	[M_ASSIGN] = "INSERT INTO m365_assignments (m365_user_id, subscription_id) VALUES (?, ?)",
	[M_UNASSIGN] = "DELETE FROM m365_assignments WHERE m365_user_id = ? AND subscription_id = ?",
	[M_LICENCES] = LICENCE_SQL,
	[M_ASSIGNMENTS] =
	    "SELECT ma.m365_user_id, ma.subscription_id, p.sku, p.name FROM m365_assignments ma"
	    " JOIN m365_users u ON u.id = ma.m365_user_id JOIN resellers r ON r.id = u.reseller_id"
	    " JOIN subscriptions s ON s.id = ma.subscription_id AND s.reseller_id = u.reseller_id"
	    " JOIN products p ON p.id = s.product_id"
	    " WHERE" SCOPE_U " ORDER BY u.id, p.name, s.id",
};

static const struct db_table table = { DB_MOD_M365, sql, M__MAX };

static const int list_stmt[M365_SORT__MAX] = {
	[M365_SORT_NAME] = M_LIST_NAME,
	[M365_SORT_UPN] = M_LIST_UPN,
	[M365_SORT_NEWEST] = M_LIST_NEWEST,
};

DB_LIST_FREE_FN(m365_user_list_free, m365_user_list)
DB_LIST_FREE_FN(m365_licence_list_free, m365_licence_list)
DB_LIST_FREE_FN(m365_assignment_list_free, m365_assignment_list)

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int
m365_upn_valid(const char *upn)
{
	const char *at, *p, *label, *last = NULL;
	size_t len;

	if (upn == NULL || (len = strlen(upn)) < 5 || len > M365_UPN_MAX)
		return 0;
	if ((at = strchr(upn, '@')) == NULL || strchr(at + 1, '@') != NULL)
		return 0;
	if (at == upn || at - upn > 64 || upn[0] == '.' || at[-1] == '.')
		return 0;
	for (p = upn; p < at; p++) {
		if (is_alnum(*p) || strchr(".-_'!#^~+", *p) != NULL) {
			if (*p == '.' && p[1] == '.')
				return 0;
			continue;
		}
		return 0;
	}
	/* domain: labels of letters, digits and inner hyphens, at least two, TLD letters */
	for (label = p = at + 1;; p++) {
		if (*p == '.' || *p == '\0') {
			size_t n = (size_t)(p - label);

			if (n == 0 || n > 63 || label[0] == '-' || p[-1] == '-')
				return 0;
			last = label;
			if (*p == '\0')
				break;
			label = p + 1;
			continue;
		}
		if (!is_alnum(*p) && *p != '-')
			return 0;
	}
	if (last == at + 1 || strlen(last) < 2)
		return 0;
	for (p = last; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return 0;
	return 1;
}

#define COL(type, member) DB_COL(type, struct m365_user, member)
static const struct db_col user_cols[] = {
	COL(INT, id),
	COL(INT, customer_id),
	COL(STR, upn),
	COL(STR, display_name),
	COL(BOOL, enabled),
	COL(STR, created_at),
	COL(INT, licences),
};
#undef COL

DB_FILL_FN(fill_user, struct m365_user, user_cols)

enum core_err
m365_user_get(struct db *db, const struct actor *a, int64_t user_id, struct m365_user *out)
{
	struct actor_scope s;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_scope(a, ACT_M365_MANAGE, 0, 0, &s)) != CORE_OK)
		return er;
	return db_row(db, &table, M_GET, fill_user, out, "i" SCOPE_T, user_id, SCOPE_ARGS(s));
}

enum core_err
m365_user_list(struct db *db, const struct actor *a, const struct m365_user_filter *f,
    const struct db_page *pg, struct m365_user_list *out)
{
	struct m365_user_filter none = { 0, NULL, -1, M365_SORT_NAME };
	struct actor_scope s;
	struct db_rows rows;
	int64_t en;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if (f == NULL)
		f = &none;
	if ((er = actor_scope(a, ACT_M365_MANAGE, 0, f->customer_id, &s)) != CORE_OK)
		return er;
	if (f->sort < 0 || f->sort >= M365_SORT__MAX || f->enabled > 1)
		return CORE_INVALID;
	en = f->enabled < 0 ? -1 : f->enabled;
	er = db_list(db, &table, &(struct db_list){ M_LIST_COUNT, list_stmt[f->sort], f->search,
	    pg ? pg->offset : 0, pg ? pg->limit : 0, M365_LIST_MAX, sizeof(*out->items), fill_user },
	    &rows, LIST_T, SCOPE_ARGS(s), en, en);
	DB_ROWS_MOVE(out, rows);
	return er;
}

/* ---- user changes ----------------------------------------------------- */

enum uchange { UC_CREATE, UC_UPDATE, UC_ENABLE };

struct uargs {
	const struct actor *a;
	enum uchange        what;
	int64_t             id;
	const char         *upn, *name;
	int                 enabled;
	char               *why;
};

static enum core_err
user_txn(struct db *db, void *arg)
{
	struct uargs *u = arg;
	const struct actor *a = u->a;
	struct db_res *res = NULL;
	json_t *before = NULL, *after = NULL;
	const char *action;
	enum core_err er;

	if (u->what == UC_CREATE) {
		action = "m365.user_create";
		er = db_exec(db, &table, M_INSERT, NULL, "iiss", a->reseller_id, a->customer_id, u->upn, u->name);
		if (er == CORE_CONFLICT && db_is_dup(db)) {
			core_say(u->why, "A user named %s exists already.", u->upn);
			return CORE_CONFLICT;
		}
		if (er != CORE_OK)
			return er;
		u->id = (int64_t)db_insert_id(db);
	} else {
		if ((er = db_query(db, &table, M_LOCK_USER, &res, "iii", u->id, a->reseller_id, a->customer_id)) != CORE_OK)
			return er;
		if (!db_res_next(res)) {
			db_res_free(res);
			core_say(u->why, "The user was not found.");
			return CORE_NOTFOUND;
		}
		before = json_pack("{s:s, s:s, s:b}", "upn", db_res_str(res, 0), "display_name", db_res_str(res, 1),
		    "enabled", (int)db_res_int(res, 2));
		db_res_free(res);
		if (before == NULL)
			return CORE_ENOMEM;
		if (u->what == UC_UPDATE) {
			action = "m365.user_update";
			er = db_exec(db, &table, M_UPDATE, NULL, "ssiii", u->upn, u->name, u->id, a->reseller_id,
			    a->customer_id);
			if (er == CORE_CONFLICT && db_is_dup(db))
				core_say(u->why, "A user named %s exists already.", u->upn);
		} else {
			action = "m365.user_set_enabled";
			er = db_exec(db, &table, M_SET_ENABLED, NULL, "iiii", (int64_t)(u->enabled ? 1 : 0), u->id,
			    a->reseller_id, a->customer_id);
		}
		if (er != CORE_OK) {
			json_decref(before);
			return er;
		}
	}
	if ((er = db_query(db, &table, M_LOCK_USER, &res, "iii", u->id, a->reseller_id, a->customer_id)) != CORE_OK) {
		json_decref(before);
		return er;
	}
	if (db_res_next(res))
		after = json_pack("{s:s, s:s, s:b, s:I}", "upn", db_res_str(res, 0), "display_name",
		    db_res_str(res, 1), "enabled", (int)db_res_int(res, 2), "customer_id", (json_int_t)a->customer_id);
	db_res_free(res);
	if (after == NULL)
		er = CORE_ENOMEM;
	else
		er = audit_write(db, a, a->reseller_id, action, "m365_user", u->id, before, after);
	json_decref(before);
	json_decref(after);
	return er;
}

static enum core_err
user_change(struct db *db, const struct actor *a, struct uargs *u)
{
	enum core_err er;

	if ((er = actor_may(a, ACT_M365_MANAGE)) != CORE_OK) {
		core_say(u->why, "Only a customer's users can manage its Microsoft 365 users.");
		return er;
	}
	if (u->what != UC_ENABLE) {
		if (!m365_upn_valid(u->upn)) {
			core_say(u->why, "The user name must look like an e-mail address, e.g. name@example.com.");
			return CORE_INVALID;
		}
		if (!str_text_valid(u->name, 1, M365_NAME_MAX, STR_TEXT_NOT_BLANK)) {
			core_say(u->why, "The display name must be 1 to %d characters long.", M365_NAME_MAX);
			return CORE_INVALID;
		}
	}
	if (u->what != UC_CREATE && u->id <= 0) {
		core_say(u->why, "The user was not found.");
		return CORE_NOTFOUND;
	}
	u->a = a;
	return db_txn(db, user_txn, u);
}

enum core_err
m365_user_create(struct db *db, const struct actor *a, const char *upn, const char *display_name,
    int64_t *user_id, char *why)
{
	struct uargs u = { .what = UC_CREATE, .upn = upn, .name = display_name, .why = why };
	enum core_err er;

	if (user_id)
		*user_id = 0;
	er = user_change(db, a, &u);
	if (er == CORE_OK && user_id)
		*user_id = u.id;
	return er;
}

enum core_err
m365_user_update(struct db *db, const struct actor *a, int64_t user_id, const char *upn,
    const char *display_name, char *why)
{
	return user_change(db, a, &(struct uargs){ .what = UC_UPDATE, .id = user_id, .upn = upn,
	    .name = display_name, .why = why });
}

enum core_err
m365_user_set_enabled(struct db *db, const struct actor *a, int64_t user_id, int enabled, char *why)
{
	return user_change(db, a, &(struct uargs){ .what = UC_ENABLE, .id = user_id, .enabled = enabled,
	    .why = why });
}

/* ---- assignments ------------------------------------------------------ */

struct aargs {
	const struct actor *a;
	int64_t             user_id, sub_id;
	int                 assign;
	char               *why;
};

static enum core_err
assign_txn(struct db *db, void *arg)
{
	struct aargs *x = arg;
	const struct actor *a = x->a;
	struct db_res *res = NULL;
	char status[12], product[201], user[201 * 4];
	int64_t quantity, product_id, has = 0, count = 0;
	json_t *detail;
	enum core_err er;
	uint64_t n = 0;

	if ((er = db_query(db, &table, M_LOCK_SUB, &res, "iii", x->sub_id, a->reseller_id, a->customer_id)) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		core_say(x->why, "The subscription was not found.");
		return CORE_NOTFOUND;
	}
	str_copy(status, sizeof(status), db_res_str(res, 0));
	quantity = db_res_int(res, 1);
	product_id = db_res_int(res, 2);
	db_res_free(res);
	if ((er = db_query(db, &table, M_PRODUCT, &res, "i", product_id)) != CORE_OK)
		return er;
	product[0] = '\0';
	if (db_res_next(res)) {
		str_copy(product, sizeof(product), db_res_str(res, 0));
		if (strcmp(db_res_str(res, 1), "license") != 0)
			er = CORE_INVALID;
	}
	db_res_free(res);
	if (er != CORE_OK) {
		core_say(x->why, "%s has no licences to assign.", product);
		return er;
	}
	if ((er = db_query(db, &table, M_USER_OF_CUSTOMER, &res, "iii", x->user_id, a->reseller_id,
	    a->customer_id)) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		core_say(x->why, "The user was not found.");
		return CORE_NOTFOUND;
	}
	str_copy(user, sizeof(user), db_res_str(res, 0));
	db_res_free(res);
	if ((er = db_query_int(db, &table, M_HAS, &has, "ii", x->user_id, x->sub_id)) != CORE_OK)
		return er;

	if (x->assign) {
		if (strcmp(status, "active") != 0 && strcmp(status, "trial") != 0) {
			core_say(x->why, "Licences of %s cannot be assigned while the subscription is %s.", product, status);
			return CORE_CONFLICT;
		}
		if (has) {
			core_say(x->why, "%s already has a licence of %s.", user, product);
			return CORE_CONFLICT;
		}
		if ((er = db_query_int(db, &table, M_COUNT, &count, "i", x->sub_id)) != CORE_OK)
			return er;
		if (count >= quantity) {
			core_say(x->why, "All %lld licences of %s are assigned.", (long long)quantity, product);
			return CORE_CONFLICT;
		}
		if ((er = db_exec(db, &table, M_ASSIGN, NULL, "ii", x->user_id, x->sub_id)) != CORE_OK)
			return er;
	} else {
		if (!has) {
			core_say(x->why, "%s has no licence of %s.", user, product);
			return CORE_NOTFOUND;
		}
		if ((er = db_exec(db, &table, M_UNASSIGN, &n, "ii", x->user_id, x->sub_id)) != CORE_OK)
			return er;
	}
	if ((er = fulfil_change(db, x->sub_id, x->assign ? FULFIL_ASSIGN : FULFIL_UNASSIGN, 0, x->user_id)) != CORE_OK)
		return er;
	detail = json_pack("{s:I, s:I, s:s}", "m365_user_id", (json_int_t)x->user_id,
	    "subscription_id", (json_int_t)x->sub_id, "product", product);
	if (detail == NULL)
		return CORE_ENOMEM;
	er = audit_write(db, a, a->reseller_id, x->assign ? "m365.assign" : "m365.unassign", "m365_user",
	    x->user_id, x->assign ? NULL : detail, x->assign ? detail : NULL);
	json_decref(detail);
	return er;
}

static enum core_err
assignment(struct db *db, const struct actor *a, int64_t user_id, int64_t sub_id, int assign, char *why)
{
	enum core_err er;

	if ((er = actor_may(a, ACT_M365_MANAGE)) != CORE_OK) {
		core_say(why, "Only a customer's users can assign its licences.");
		return er;
	}
	if (user_id <= 0 || sub_id <= 0) {
		core_say(why, "The user or subscription was not found.");
		return CORE_NOTFOUND;
	}
	return db_txn(db, assign_txn, &(struct aargs){ a, user_id, sub_id, assign, why });
}

enum core_err
m365_assign(struct db *db, const struct actor *a, int64_t user_id, int64_t subscription_id, char *why)
{
	return assignment(db, a, user_id, subscription_id, 1, why);
}

enum core_err
m365_unassign(struct db *db, const struct actor *a, int64_t user_id, int64_t subscription_id, char *why)
{
	return assignment(db, a, user_id, subscription_id, 0, why);
}

/* ---- licence overviews ------------------------------------------------ */

#define COL(type, member) DB_COL(type, struct m365_licence, member)
static const struct db_col licence_cols[] = {
	COL(INT, subscription_id),
	COL(INT, customer_id),
	COL(STR, product_name),
	COL(STR, sku),
	COL(STR, status),
	COL(INT, quantity),
	COL(INT, assigned),
	COL(BOOL, user_has),
};
#undef COL

DB_FILL_INTO_FN(fill_licence, licence_cols)

static enum core_err
licences(struct db *db, const struct actor_scope *s, int64_t user_id, struct m365_licence_list *out)
{
	struct db_rows rows;
	enum core_err er;

	er = db_all(db, &table, M_LICENCES, sizeof(*out->items), fill_licence, &rows, "i" SCOPE_T,
	    user_id, SCOPE_ARGS(*s));
	DB_ROWS_MOVE(out, rows);
	return er;
}

enum core_err
m365_subscription_usage(struct db *db, const struct actor *a, int64_t customer_id,
    struct m365_licence_list *out)
{
	struct actor_scope s;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_scope(a, ACT_M365_MANAGE, 0, customer_id, &s)) != CORE_OK)
		return er;
	return licences(db, &s, 0, out);
}

enum core_err
m365_user_licences(struct db *db, const struct actor *a, int64_t user_id, struct m365_licence_list *out)
{
	struct m365_user u;
	struct actor_scope s;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = m365_user_get(db, a, user_id, &u)) != CORE_OK)
		return er;
	if ((er = actor_scope(a, ACT_M365_MANAGE, 0, u.customer_id, &s)) != CORE_OK)
		return er;
	s.customer_id = u.customer_id;
	return licences(db, &s, user_id, out);
}

#define COL(type, member) DB_COL(type, struct m365_assignment, member)
static const struct db_col assignment_cols[] = {
	COL(INT, user_id),
	COL(INT, subscription_id),
	COL(STR, sku),
	COL(STR, product_name),
};
#undef COL

DB_FILL_INTO_FN(fill_assignment, assignment_cols)

enum core_err
m365_assignments(struct db *db, const struct actor *a, int64_t customer_id, struct m365_assignment_list *out)
{
	struct actor_scope s;
	struct db_rows rows;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_scope(a, ACT_M365_MANAGE, 0, customer_id, &s)) != CORE_OK)
		return er;
	er = db_all(db, &table, M_ASSIGNMENTS, sizeof(*out->items), fill_assignment, &rows, SCOPE_T, SCOPE_ARGS(s));
	DB_ROWS_MOVE(out, rows);
	return er;
}

json_t *
m365_user_to_json(const struct m365_user *u)
{
	return json_pack("{s:I, s:s, s:s, s:b, s:i, s:b}", "id", (json_int_t)u->id, "upn", u->upn,
	    "display_name", u->display_name, "enabled", u->enabled, "licence_count", (int)u->licences,
	    "has_licences", u->licences > 0);
}

json_t *
m365_licence_to_json(const struct m365_licence *l)
{
	return json_pack("{s:I, s:s, s:s, s:i, s:i, s:i, s:b}", "subscription_id", (json_int_t)l->subscription_id,
	    "sku", l->sku, "name", l->product_name, "assigned", (int)l->assigned, "total", (int)l->quantity,
	    "available", (int)(l->quantity > l->assigned ? l->quantity - l->assigned : 0), "user_has", l->user_has);
}
