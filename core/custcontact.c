/* custcontact.c - a customer's contact persons; see custcontact.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "audit.h"
#include "custcontact.h"
#include "customer.h"
#include "names.h"
#include "outbox.h"
#include "str.h"

#define CC_COLS \
	"id, reseller_id, customer_id, name, email, COALESCE(phone, ''), role, status = 'active'," \
	" DATE_FORMAT(invited_at, '%Y-%m-%d %H:%i:%s'), COALESCE(DATE_FORMAT(disabled_at, '%Y-%m-%d %H:%i:%s'), '')," \
	" DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s')"

#define CC_WHERE \
	" FROM customer_contacts WHERE reseller_id = ? AND customer_id = ? AND (? < 0 OR (status = 'active') = ?)"

enum {
	CC_CUSTOMER,
	CC_CUSTOMER_NAMES,
	CC_LIST,
	CC_COUNT,
	CC_BY_EMAIL,
	CC_LOCK,
	CC_INSERT,
	CC_REINVITE,
	CC_DISABLE,
	CC__MAX
};

static const char *const sql[CC__MAX] = {
	[CC_CUSTOMER] = "SELECT c.id FROM customers c WHERE c.reseller_id = ? AND c.id = ?",
	/*
	 * the customer's name and the reseller's, for the invitation (no lock:
	 * customers are never deleted, and the contact's foreign key holds
	 * the customer's row while the contact is made)
	 */
	[CC_CUSTOMER_NAMES] =
	    "SELECT c.name, r.name FROM customers c JOIN resellers r ON r.id = c.reseller_id"
	    " WHERE c.reseller_id = ? AND c.id = ?",
	/* reseller, customer, status x2 (-1: any), then limit, offset */
	[CC_LIST] = "SELECT " CC_COLS CC_WHERE " ORDER BY id LIMIT ? OFFSET ?",
	[CC_COUNT] = "SELECT COUNT(*)" CC_WHERE,
	[CC_BY_EMAIL] = "SELECT " CC_COLS " FROM customer_contacts WHERE customer_id = ? AND email = ? FOR UPDATE",
	[CC_LOCK] = "SELECT " CC_COLS " FROM customer_contacts WHERE reseller_id = ? AND customer_id = ? AND id = ?"
	    " FOR UPDATE",
	[CC_INSERT] =
	    "INSERT INTO customer_contacts (reseller_id, customer_id, name, email, phone, role)"
	    " VALUES (?, ?, ?, ?, ?, ?)",
	[CC_REINVITE] =
	    "UPDATE customer_contacts SET name = ?, phone = ?, role = ?, status = 'active', disabled_at = NULL,"
	    " invited_at = NOW() WHERE id = ? AND status = 'disabled'",
	[CC_DISABLE] =
	    "UPDATE customer_contacts SET status = 'disabled', disabled_at = NOW() WHERE id = ? AND status = 'active'",
};

static const struct db_table table = { DB_MOD_CUSTCONTACT, sql, CC__MAX };

static const char *const role_names[CUSTCONTACT_ROLE__MAX] = {
#define CUSTCONTACT_ROLE_NAME(sym, name) [sym] = name,
	CUSTCONTACT_ROLES(CUSTCONTACT_ROLE_NAME)
#undef CUSTCONTACT_ROLE_NAME
};

NAMES_FN_NAME(custcontact_role_name, enum custcontact_role, role_names, CUSTCONTACT_ROLE__MAX, "")
NAMES_FN_PARSE(custcontact_role_parse, role_names, CUSTCONTACT_ROLE__MAX)

#define COL(type, member) DB_COL(type, struct custcontact, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	COL(INT, customer_id),
	COL(STR, name),
	COL(STR, email),
	COL(STR, phone),
	DB_COL_ENUM(struct custcontact, role, custcontact_role_parse, CUSTCONTACT_PRIMARY),
	COL(BOOL, active),
	COL(STR, invited_at),
	COL(STR, disabled_at),
	COL(STR, created_at),
};
#undef COL

DB_FILL_FN(fill, struct custcontact, cols)
DB_LIST_FREE_FN(custcontact_list_free, custcontact_list)

static void
why_set(char *why, const char *msg)
{
	if (why != NULL)
		snprintf(why, CORE_WHY, "%s", msg);
}

/* read_scope - the reseller whose contacts a reads (custcontact.h): customer_read_scope's, one that is not the distributor's not found. */
static enum core_err
read_scope(struct db *db, const struct actor *a, int64_t reseller_id, int64_t *rid)
{
	enum core_err er;

	if ((er = customer_read_scope(db, a, reseller_id, rid)) != CORE_OK)
		return er;
	return *rid > 0 ? CORE_OK : CORE_NOTFOUND;
}

enum core_err
custcontact_list(struct db *db, const struct actor *a, int64_t reseller_id, int64_t customer_id,
    const struct custcontact_query *q, struct custcontact_list *out)
{
	struct custcontact_query all = { -1, 0, 0 };
	struct db_rows rows = { 0 };
	enum core_err er;
	int64_t rid, found = 0, total = 0, status, limit;

	memset(out, 0, sizeof(*out));
	if ((er = read_scope(db, a, reseller_id, &rid)) != CORE_OK)
		return er;
	if ((er = db_query_int(db, &table, CC_CUSTOMER, &found, "ii", rid, customer_id)) != CORE_OK)
		return er;
	if (found <= 0)
		return CORE_NOTFOUND;
	if (q == NULL)
		q = &all;
	if (q->offset < 0 || q->limit < 0)
		return CORE_INVALID;
	status = q->status < 0 ? -1 : q->status != 0;
	limit = q->limit == 0 ? 50 : q->limit > CUSTCONTACT_LIST_MAX ? CUSTCONTACT_LIST_MAX : q->limit;
	if ((er = db_query_int(db, &table, CC_COUNT, &total, "iiii", rid, customer_id, status, status)) != CORE_OK)
		return er;
	er = db_all(db, &table, CC_LIST, sizeof(struct custcontact), fill, &rows, "iiiiii", rid, customer_id, status,
	    status, limit, q->offset);
	DB_ROWS_MOVE(out, rows);
	out->total = total;
	return er;
}

static json_t *
audit_json(const struct custcontact *c)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)c->id,
	    "customer_id", (json_int_t)c->customer_id, "name", c->name, "email", c->email, "phone", c->phone,
	    "role", custcontact_role_name((enum custcontact_role)c->role), "status", c->active ? "active" : "disabled");
}

static int
name_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return str_text_valid(s, 1, CUSTCONTACT_NAME_MAX, STR_TEXT_NOT_BLANK) && s[0] != ' ' && s[n - 1] != ' ';
}

struct invite {
	const struct actor             *a;
	int64_t                         customer_id;
	const struct custcontact_input *in;
	int64_t                         id;
	char                           *why;
};

static enum core_err
invite_txn(struct db *db, void *arg)
{
	struct invite *v = arg;
	const struct custcontact_input *in = v->in;
	int64_t rid = v->a->reseller_id;
	const char *phone = in->phone != NULL && in->phone[0] ? in->phone : NULL;
	struct custcontact before, after;
	char customer[CUSTCONTACT_NAME_MAX * 4 + 1], company[CUSTCONTACT_NAME_MAX * 4 + 1];
	struct db_res *r;
	enum core_err er;
	json_t *jb = NULL, *data;
	int found;

	if ((er = db_query(db, &table, CC_CUSTOMER_NAMES, &r, "ii", rid, v->customer_id)) != CORE_OK)
		return er;
	if ((found = db_res_next(r)) != 0) {
		str_copy(customer, sizeof(customer), db_res_str(r, 0));
		str_copy(company, sizeof(company), db_res_str(r, 1));
	}
	db_res_free(r);
	if (!found) {
		why_set(v->why, "There is no such customer.");
		return CORE_NOTFOUND;
	}
	er = db_row(db, &table, CC_BY_EMAIL, fill, &before, "is", v->customer_id, in->email);
	if (er == CORE_OK && before.active) {
		why_set(v->why, "This customer already has an active contact with this e-mail address.");
		return CORE_CONFLICT;
	}
	if (er == CORE_OK) {
		if ((jb = audit_json(&before)) == NULL)
			return CORE_ENOMEM;
		v->id = before.id;
		er = db_exec(db, &table, CC_REINVITE, NULL, "sssi", in->name, phone, custcontact_role_name(in->role),
		    v->id);
	} else if (er == CORE_NOTFOUND) {
		er = db_exec(db, &table, CC_INSERT, NULL, "iissss", rid, v->customer_id, in->name, in->email, phone,
		    custcontact_role_name(in->role));
		if (er == CORE_OK)
			v->id = (int64_t)db_insert_id(db);
		else if (er == CORE_CONFLICT)
			why_set(v->why, "This customer already has a contact with this e-mail address.");
	}
	if (er == CORE_OK)
		er = db_row(db, &table, CC_LOCK, fill, &after, "iii", rid, v->customer_id, v->id);
	if (er != CORE_OK) {
		json_decref(jb);
		return er;
	}
	data = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "name", after.name, "email", after.email,
	    "role", custcontact_role_name((enum custcontact_role)after.role), "customer_name", customer,
	    "company_name", company, "invited_by", v->a->name);
	if (data == NULL) {
		json_decref(jb);
		return CORE_ENOMEM;
	}
	er = outbox_email(db, rid, after.email, "You are a contact for your company", "customer_contact_invite", data);
	json_decref(data);
	if (er != CORE_OK) {
		json_decref(jb);
		return er;
	}
	if (jb != NULL)
		return audit_change(db, v->a, rid, "contact.invite", "customer_contact", v->id, jb, audit_json(&after));
	return audit_added(db, v->a, rid, "contact.invite", "customer_contact", v->id, audit_json(&after));
}

enum core_err
custcontact_invite(struct db *db, const struct actor *a, int64_t customer_id, const struct custcontact_input *in,
    int64_t *id, char *why)
{
	struct invite v = { a, customer_id, in, 0, why };
	enum core_err er;

	if (why != NULL)
		why[0] = '\0';
	if (id != NULL)
		*id = 0;
	if (actor_may(a, ACT_CUSTOMER_WRITE) != CORE_OK) {
		why_set(why, "Only the reseller's administrators can change its customers' contacts.");
		return CORE_FORBIDDEN;
	}
	if (in == NULL || !name_ok(in->name)) {
		why_set(why, "name: the contact's name must be 1 to 200 characters, without leading or trailing spaces.");
		return CORE_INVALID;
	}
	if (!str_email_valid(in->email) || strlen(in->email) > CUSTCONTACT_EMAIL_MAX) {
		why_set(why, "email: the e-mail address must look like name@example.com.");
		return CORE_INVALID;
	}
	if (!str_text_valid(in->phone, 0, CUSTCONTACT_PHONE_MAX, STR_TEXT_NULL)) {
		why_set(why, "phone: the phone number must be at most 40 characters.");
		return CORE_INVALID;
	}
	if (in->role < 0 || in->role >= CUSTCONTACT_ROLE__MAX) {
		why_set(why, "role: the role must be primary, billing or technical.");
		return CORE_INVALID;
	}
	if (customer_id <= 0) {
		why_set(why, "There is no such customer.");
		return CORE_NOTFOUND;
	}
	if ((er = db_txn(db, invite_txn, &v)) == CORE_OK && id != NULL)
		*id = v.id;
	return er;
}

struct disable {
	const struct actor *a;
	int64_t             customer_id, id;
};

static enum core_err
disable_txn(struct db *db, void *arg)
{
	struct disable *d = arg;
	int64_t rid = d->a->reseller_id;
	struct custcontact before, after;
	enum core_err er;

	if ((er = db_row(db, &table, CC_LOCK, fill, &before, "iii", rid, d->customer_id, d->id)) != CORE_OK)
		return er;
	if (!before.active)
		return CORE_OK;
	if ((er = db_exec(db, &table, CC_DISABLE, NULL, "i", d->id)) != CORE_OK ||
	    (er = db_row(db, &table, CC_LOCK, fill, &after, "iii", rid, d->customer_id, d->id)) != CORE_OK)
		return er;
	return audit_change(db, d->a, rid, "contact.disable", "customer_contact", d->id, audit_json(&before),
	    audit_json(&after));
}

enum core_err
custcontact_disable(struct db *db, const struct actor *a, int64_t customer_id, int64_t id, char *why)
{
	struct disable d = { a, customer_id, id };
	enum core_err er;

	if (why != NULL)
		why[0] = '\0';
	if (actor_may(a, ACT_CUSTOMER_WRITE) != CORE_OK) {
		why_set(why, "Only the reseller's administrators can change its customers' contacts.");
		return CORE_FORBIDDEN;
	}
	if (customer_id <= 0 || id <= 0)
		er = CORE_NOTFOUND;
	else
		er = db_txn(db, disable_txn, &d);
	if (er == CORE_NOTFOUND)
		why_set(why, "There is no such contact of this customer.");
	return er;
}
