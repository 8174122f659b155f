#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "audit.h"
#include "buf.h"
#include "country.h"
#include "customer.h"
#include "mrr.h"
#include "str.h"
#include "webhook.h"

#define CUSTOMER_COLS \
	"c.id, c.reseller_id, c.name, c.email, c.phone, c.address, c.country, c.tax_id, c.contact_name," \
	" c.active, c.approval_required, DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i:%s')"

/* customer c is transacting (see customer.h); usage from the monthly rollup */
#define TRANSACTING_SQL \
	"(EXISTS (SELECT 1 FROM subscriptions s WHERE s.reseller_id = c.reseller_id AND s.customer_id = c.id" \
	"         AND s.status = 'active')" \
	" OR EXISTS (SELECT 1 FROM assets a WHERE a.reseller_id = c.reseller_id AND a.customer_id = c.id)" \
	" OR EXISTS (SELECT 1 FROM usage_monthly m WHERE m.reseller_id = c.reseller_id" \
	"         AND m.customer_id = c.id AND " MRR_SQL_ROLLUP_THIS_MONTH("m") " AND m.cost > 0))"

/* list filters; params: reseller, status (-1 all), transacting, approval, search, pattern, pattern */
#define LIST_FROM \
	" FROM customers c WHERE c.reseller_id = ? AND (? < 0 OR c.active = ?)" \
	" AND (? = 0 OR " TRANSACTING_SQL ")" \
	" AND (? = 0 OR c.approval_required = 1)" \
	" AND (? IS NULL OR c.name LIKE ? ESCAPE '!' OR c.email LIKE ? ESCAPE '!')"

enum {
	CUS_RESELLER_OF_DISTRIBUTOR,
	CUS_GET,
	CUS_LOCK,
	CUS_LIST_NAME,
	CUS_LIST_EMAIL,
	CUS_LIST_NEWEST,
	CUS_COUNT,
	CUS_FIGURES,
	CUS_STATS,
	CUS_INSERT,
	CUS_UPDATE,
	CUS_SET_APPROVAL,
	CUS_SET_ACTIVE,
	CUS__MAX
};

static const char *const sql[CUS__MAX] = {
	[CUS_RESELLER_OF_DISTRIBUTOR] = "SELECT id FROM resellers WHERE id = ? AND distributor_id = ?",
	[CUS_GET] = "SELECT " CUSTOMER_COLS " FROM customers c WHERE c.reseller_id = ? AND c.id = ?",
	[CUS_LOCK] = "SELECT " CUSTOMER_COLS " FROM customers c WHERE c.reseller_id = ? AND c.id = ? FOR UPDATE",
	[CUS_LIST_NAME] = "SELECT " CUSTOMER_COLS LIST_FROM " ORDER BY c.name, c.id LIMIT ? OFFSET ?",
	[CUS_LIST_EMAIL] = "SELECT " CUSTOMER_COLS LIST_FROM " ORDER BY c.email, c.id LIMIT ? OFFSET ?",
	[CUS_LIST_NEWEST] = "SELECT " CUSTOMER_COLS LIST_FROM " ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?",
	[CUS_COUNT] = "SELECT COUNT(*)" LIST_FROM,
	/* figures of a page of customers (ids as a JSON array); params: ids, reseller */
	[CUS_FIGURES] =
	    "SELECT s.customer_id, SUM(s.status = 'active'),"
	    " COALESCE(SUM(IF(s.status = 'active', " MRR_SQL_SUB ", 0)), 0)"
	    " + COALESCE(SUM((SELECT SUM(m.price) FROM usage_monthly m"
	    "    WHERE m.subscription_id = s.id AND " MRR_SQL_ROLLUP_THIS_MONTH("m") ")), 0)"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) AS j"
	    " JOIN subscriptions s ON s.customer_id = j.id AND s.reseller_id = ?"
	    " GROUP BY s.customer_id",
	[CUS_STATS] =
	    "SELECT COUNT(*), COALESCE(SUM(" TRANSACTING_SQL "), 0) FROM customers c WHERE c.reseller_id = ?",
	[CUS_INSERT] =
	    "INSERT INTO customers (reseller_id, name, email, phone, address, country, tax_id, contact_name,"
	    " active, approval_required) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
	[CUS_UPDATE] =
	    "UPDATE customers SET name = ?, email = ?, phone = ?, address = ?, country = ?, tax_id = ?,"
	    " contact_name = ? WHERE reseller_id = ? AND id = ?",
	[CUS_SET_APPROVAL] = "UPDATE customers SET approval_required = ? WHERE reseller_id = ? AND id = ?",
	[CUS_SET_ACTIVE] = "UPDATE customers SET active = ? WHERE reseller_id = ? AND id = ?",
};

static const struct db_table table = { DB_MOD_CUSTOMER, sql, CUS__MAX };

static void
why_set(char *why, const char *msg)
{
	if (why != NULL)
		snprintf(why, CORE_WHY, "%s", msg);
}

static enum core_err
invalid(char *why, const char *msg)
{
	why_set(why, msg);
	return CORE_INVALID;
}

static const char *
empty_null(const char *s)
{
	return (s == NULL || *s == '\0') ? NULL : s;
}

/* the columns of CUSTOMER_COLS */
#define COL(type, member) DB_COL(type, struct customer, member)
static const struct db_col cols[] = {
	COL(INT, id),
	COL(INT, reseller_id),
	COL(STR, name),
	COL(STR, email),
	COL(STR, phone),
	COL(STR, address),
	COL(STR, country),
	COL(STR, tax_id),
	COL(STR, contact_name),
	COL(BOOL, active),
	COL(BOOL, approval_required),
	COL(STR, created_at),
};
#undef COL

DB_FILL_FN(fill, struct customer, cols)

static json_t *
audit_json(const struct customer *c)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b}",
	    "id", (json_int_t)c->id, "name", c->name, "email", c->email, "phone", c->phone,
	    "address", c->address, "country", c->country, "tax_id", c->tax_id, "contact_name", c->contact_name,
	    "active", c->active, "approval_required", c->approval_required);
}

DB_LIST_FREE_FN(customer_list_free, customer_list)

enum core_err
customer_read_scope(struct db *db, const struct actor *a, int64_t reseller_id, int64_t *rid)
{
	int64_t found = 0;
	enum core_err er;

	*rid = 0;
	if (actor_may(a, ACT_CUSTOMER_READ) != CORE_OK && actor_may(a, ACT_INSPECT) != CORE_OK)
		return CORE_FORBIDDEN;
	if (actor_reseller_operator(a)) {
		*rid = a->reseller_id;
		return CORE_OK;
	}
	if (a->distributor_id <= 0)
		return CORE_FORBIDDEN;
	if (reseller_id <= 0)
		return CORE_NOTFOUND;
	er = db_query_int(db, &table, CUS_RESELLER_OF_DISTRIBUTOR, &found, "ii", reseller_id, a->distributor_id);
	if (er != CORE_OK)
		return er;
	*rid = found;
	return CORE_OK;
}

/* figures - subscriptions and MRR of the customers items[0..n), one grouped query for the page. */
static enum core_err
figures(struct db *db, int64_t rid, struct customer *items, size_t n)
{
	struct buf ids = { 0 };
	struct db_res *r;
	enum core_err er;
	size_t i;

	if (n == 0)
		return CORE_OK;
	er = buf_putc(&ids, '[');
	for (i = 0; i < n && er == CORE_OK; i++)
		er = buf_printf(&ids, "%s%lld", i ? "," : "", (long long)items[i].id);
	if (er == CORE_OK)
		er = buf_putc(&ids, ']');
	if (er == CORE_OK && (er = db_query(db, &table, CUS_FIGURES, &r, "si", buf_cstr(&ids), rid)) == CORE_OK) {
		while (db_res_next(r)) {
			int64_t id = db_res_int(r, 0);

			for (i = 0; i < n; i++)
				if (items[i].id == id) {
					items[i].subscriptions = db_res_int(r, 1);
					items[i].mrr = db_res_int(r, 2);
					break;
				}
		}
		db_res_free(r);
	}
	buf_free(&ids);
	return er;
}

enum core_err
customer_get(struct db *db, const struct actor *a, int64_t reseller_id, int64_t id, struct customer *out)
{
	struct db_res *r;
	int64_t rid;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = customer_read_scope(db, a, reseller_id, &rid)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, CUS_GET, &r, "ii", rid, id)) != CORE_OK)
		return er;
	if (db_res_next(r))
		fill(r, out);
	else
		er = CORE_NOTFOUND;
	db_res_free(r);
	if (er != CORE_OK)
		return er;
	return figures(db, rid, out, 1);
}

enum core_err
customer_list(struct db *db, const struct actor *a, int64_t reseller_id, const struct customer_query *q,
    struct customer_list *list)
{
	static const int stmt[CUSTOMER_SORT__MAX] = {
		[CUSTOMER_SORT_NAME] = CUS_LIST_NAME,
		[CUSTOMER_SORT_EMAIL] = CUS_LIST_EMAIL,
		[CUSTOMER_SORT_NEWEST] = CUS_LIST_NEWEST,
	};
	struct customer_query none = { 0 };
	struct db_rows rows;
	int64_t rid, status;
	enum core_err er;

	memset(list, 0, sizeof(*list));
	if ((er = customer_read_scope(db, a, reseller_id, &rid)) != CORE_OK)
		return er;
	if (q == NULL)
		q = &none;
	if (q->sort < 0 || q->sort >= CUSTOMER_SORT__MAX)
		return CORE_INVALID;
	status = q->status == CUSTOMER_ACTIVE ? 1 : q->status == CUSTOMER_INACTIVE ? 0 : -1;
	er = db_list(db, &table, &(struct db_list){ CUS_COUNT, stmt[q->sort], q->search,
	    q->offset < 0 ? 0 : q->offset, q->limit < 0 ? 0 : q->limit, CUSTOMER_LIMIT_MAX, sizeof(*list->items),
	    fill }, &rows, "iiiiiCCC", rid, status, status,
	    (int64_t)(q->transacting_only != 0), (int64_t)(q->approval_only != 0));
	DB_ROWS_MOVE(list, rows);
	if (er == CORE_OK)
		er = figures(db, rid, list->items, list->n);
	if (er != CORE_OK)
		customer_list_free(list);
	return er;
}

enum core_err
customer_stats(struct db *db, const struct actor *a, int64_t reseller_id, int64_t *all, int64_t *transacting,
    int64_t *mrr)
{
	struct db_res *r;
	int64_t rid;
	enum core_err er;

	*all = *transacting = *mrr = 0;
	if ((er = customer_read_scope(db, a, reseller_id, &rid)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, CUS_STATS, &r, "i", rid)) != CORE_OK)
		return er;
	if (db_res_next(r)) {
		*all = db_res_int(r, 0);
		*transacting = db_res_int(r, 1);
	}
	db_res_free(r);
	return mrr_reseller(db, rid, mrr);
}

/* ---- writes ---- */

static enum core_err
validate(const struct customer_input *in, char *why)
{
	const char *cc = in->country;

	if (!str_text_valid(in->name, 1, 200, STR_TEXT_NULL) || (in->name && (in->name[0] == ' ' || in->name[strlen(in->name) - 1] == ' ')))
		return invalid(why, "The customer name must be 1 to 200 characters, without leading or trailing spaces.");
	if (!str_email_valid(in->email))
		return invalid(why, "The e-mail address must look like name@example.com.");
	if (!str_text_valid(in->phone, 0, 40, STR_TEXT_NULL))
		return invalid(why, "The phone number must be at most 40 characters.");
	if (!str_text_valid(in->address, 0, 500, STR_TEXT_NULL))
		return invalid(why, "The address must be at most 500 characters.");
	if (cc && *cc && !country_valid(cc))
		return invalid(why, "The country must be an ISO 3166-1 two-letter code such as DE or FR.");
	if (!str_text_valid(in->tax_id, 0, 32, STR_TEXT_NULL))
		return invalid(why, "The tax ID must be at most 32 characters.");
	if (!str_text_valid(in->contact_name, 0, 200, STR_TEXT_NULL))
		return invalid(why, "The contact name must be at most 200 characters.");
	if (in->approval_required != 0 && in->approval_required != 1)
		return invalid(why, "Order approval must be on or off.");
	return CORE_OK;
}

enum op { OP_ADD, OP_UPDATE, OP_APPROVAL, OP_ACTIVE, OP_PATCH };

static const char *const op_action[] = {
	[OP_ADD] = "customer.add", [OP_UPDATE] = "customer.update",
	[OP_APPROVAL] = "customer.approval", [OP_ACTIVE] = "customer.active",
	[OP_PATCH] = "customer.update",
};

struct change {
	const struct actor          *a;
	enum op                      op;
	int64_t                      id;
	const struct customer_input *in;
	int                          on;
	const struct customer_patch *patch;	/* OP_PATCH */
	char                        *why;	/* OP_PATCH: the validation's reason */
};

/* patch_merge - the details of before with p's given members over them, into *in (borrowing both). */
static void
patch_merge(const struct customer *before, const struct customer_patch *p, struct customer_input *in)
{
#define PICK(bit, member) ((p->set & (bit)) ? p->in.member : before->member)
	memset(in, 0, sizeof(*in));
	in->name = PICK(CUSTOMER_P_NAME, name);
	in->email = PICK(CUSTOMER_P_EMAIL, email);
	in->phone = PICK(CUSTOMER_P_PHONE, phone);
	in->address = PICK(CUSTOMER_P_ADDRESS, address);
	in->country = PICK(CUSTOMER_P_COUNTRY, country);
	in->tax_id = PICK(CUSTOMER_P_TAX_ID, tax_id);
	in->contact_name = PICK(CUSTOMER_P_CONTACT_NAME, contact_name);
#undef PICK
}

/* patch_txn - OP_PATCH inside change_txn's transaction, the row locked in *before; *done: the audit actions. */
static enum core_err
patch_txn(struct db *db, struct change *c, const struct customer *before, unsigned *done)
{
	const struct customer_patch *p = c->patch;
	int64_t rid = c->a->reseller_id;
	struct customer_input in;
	enum core_err er;

	*done = 0;
	patch_merge(before, p, &in);
	if ((p->set & CUSTOMER_P_DETAILS) && (er = validate(&in, c->why)) != CORE_OK)
		return er;
	if (p->check != NULL && (er = p->check(db, c->id, p->check_arg)) != CORE_OK)
		return er;
	if (p->set & CUSTOMER_P_DETAILS) {
		if ((er = db_exec(db, &table, CUS_UPDATE, NULL, "sssssssii", in.name, in.email, empty_null(in.phone),
		    empty_null(in.address), empty_null(in.country), empty_null(in.tax_id), empty_null(in.contact_name),
		    rid, c->id)) != CORE_OK)
			return er;
		*done |= 1u << OP_UPDATE;
	}
	if ((p->set & CUSTOMER_P_APPROVAL) && (p->in.approval_required != 0) != (before->approval_required != 0)) {
		if ((er = db_exec(db, &table, CUS_SET_APPROVAL, NULL, "iii", (int64_t)(p->in.approval_required != 0),
		    rid, c->id)) != CORE_OK)
			return er;
		*done |= 1u << OP_APPROVAL;
	}
	if ((p->set & CUSTOMER_P_ACTIVE) && (p->active != 0) != (before->active != 0)) {
		if ((er = db_exec(db, &table, CUS_SET_ACTIVE, NULL, "iii", (int64_t)(p->active != 0), rid,
		    c->id)) != CORE_OK)
			return er;
		*done |= 1u << OP_ACTIVE;
	}
	return CORE_OK;
}

static enum core_err
read_locked(struct db *db, int64_t rid, int64_t id, struct customer *c)
{
	return db_row(db, &table, CUS_LOCK, fill, c, "ii", rid, id);
}

static enum core_err
change_txn(struct db *db, void *arg)
{
	struct change *c = arg;
	const struct customer_input *in = c->in;
	int64_t rid = c->a->reseller_id;
	struct customer before, after;
	json_t *jb = NULL, *ja = NULL;
	enum core_err er;
	unsigned done = 1u << c->op;
	int k;

	memset(&before, 0, sizeof(before));
	if (c->op != OP_ADD && (er = read_locked(db, rid, c->id, &before)) != CORE_OK)
		return er;
	switch (c->op) {
	case OP_PATCH:
		if ((er = patch_txn(db, c, &before, &done)) != CORE_OK || done == 0)
			return er;
		break;
	case OP_ADD:
		er = db_exec(db, &table, CUS_INSERT, NULL, "isssssssi", rid, in->name, in->email,
		    empty_null(in->phone), empty_null(in->address), empty_null(in->country), empty_null(in->tax_id),
		    empty_null(in->contact_name), (int64_t)in->approval_required);
		if (er == CORE_OK)
			c->id = (int64_t)db_insert_id(db);
		break;
	case OP_UPDATE:
		er = db_exec(db, &table, CUS_UPDATE, NULL, "sssssssii", in->name, in->email, empty_null(in->phone),
		    empty_null(in->address), empty_null(in->country), empty_null(in->tax_id),
		    empty_null(in->contact_name), rid, c->id);
		break;
	case OP_APPROVAL:
		er = db_exec(db, &table, CUS_SET_APPROVAL, NULL, "iii", (int64_t)c->on, rid, c->id);
		break;
	case OP_ACTIVE:
		er = db_exec(db, &table, CUS_SET_ACTIVE, NULL, "iii", (int64_t)c->on, rid, c->id);
		break;
	}
	if (er != CORE_OK)
		return er;
	if ((er = read_locked(db, rid, c->id, &after)) != CORE_OK)
		return er;
	if ((c->op != OP_ADD && (jb = audit_json(&before)) == NULL) || (ja = audit_json(&after)) == NULL) {
		json_decref(jb);
		return CORE_ENOMEM;
	}
	for (k = OP_ADD, er = CORE_OK; k <= OP_ACTIVE && er == CORE_OK; k++)
		if (done & (1u << k))
			er = audit_write(db, c->a, rid, op_action[k], "customer", c->id, jb, ja);
	json_decref(jb);
	json_decref(ja);
	if (er == CORE_OK && c->op == OP_ADD)
		er = webhook_emit(db, rid, WEBHOOK_CUSTOMER_CREATED, json_pack("{s:I, s:s, s:s, s:s, s:b}", "id", (json_int_t)c->id, "name", after.name, "email", after.email, "country", after.country, "approval_required", after.approval_required));
	return er;
}

static enum core_err
change(struct db *db, struct change *c, char *why)
{
	enum core_err er;

	if (why != NULL)
		why[0] = '\0';
	if (actor_may(c->a, ACT_CUSTOMER_WRITE) != CORE_OK) {
		why_set(why, "Only the reseller's administrators can change its customers.");
		return CORE_FORBIDDEN;
	}
	if ((c->op == OP_ADD || c->op == OP_UPDATE) && c->in == NULL)
		return invalid(why, "The customer's details are missing.");
	if (c->op == OP_PATCH && (c->patch == NULL || (c->patch->set & ~(CUSTOMER_P_DETAILS | CUSTOMER_P_APPROVAL |
	    CUSTOMER_P_ACTIVE)) != 0 || ((c->patch->set & CUSTOMER_P_APPROVAL) && c->patch->in.approval_required != 0 &&
	    c->patch->in.approval_required != 1) || ((c->patch->set & CUSTOMER_P_ACTIVE) && c->patch->active != 0 &&
	    c->patch->active != 1)))
		return invalid(why, "The change is not one this function knows.");
	if (c->in != NULL && (er = validate(c->in, why)) != CORE_OK)
		return er;
	if ((c->op == OP_APPROVAL || c->op == OP_ACTIVE) && c->on != 0 && c->on != 1)
		return invalid(why, "The setting must be on or off.");
	if (c->op != OP_ADD && c->id <= 0) {
		why_set(why, "There is no such customer.");
		return CORE_NOTFOUND;
	}
	er = db_txn(db, change_txn, c);
	if (er == CORE_NOTFOUND)
		why_set(why, "There is no such customer.");
	else if (er == CORE_INVALID && why && !why[0])
		why_set(why, "The customer could not be saved: a value is not accepted.");
	return er;
}

enum core_err
customer_add(struct db *db, const struct actor *a, const struct customer_input *in, int64_t *id, char *why)
{
	struct change c = { a, OP_ADD, 0, in, 0, NULL, NULL };
	enum core_err er;

	if ((er = change(db, &c, why)) == CORE_OK && id != NULL)
		*id = c.id;
	return er;
}

enum core_err
customer_update(struct db *db, const struct actor *a, int64_t id, const struct customer_input *in, char *why)
{
	struct change c = { a, OP_UPDATE, id, in, 0, NULL, NULL };

	return change(db, &c, why);
}

enum core_err
customer_patch(struct db *db, const struct actor *a, int64_t id, const struct customer_patch *p, char *why)
{
	struct change c = { a, OP_PATCH, id, NULL, 0, p, why };

	return change(db, &c, why);
}

enum core_err
customer_set_approval(struct db *db, const struct actor *a, int64_t id, int on, char *why)
{
	struct change c = { a, OP_APPROVAL, id, NULL, on, NULL, NULL };

	return change(db, &c, why);
}

enum core_err
customer_set_active(struct db *db, const struct actor *a, int64_t id, int on, char *why)
{
	struct change c = { a, OP_ACTIVE, id, NULL, on, NULL, NULL };

	return change(db, &c, why);
}
