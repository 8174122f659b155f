/*
 * order_place.c - placing an order: the storefront user's cart lines
 * priced from the distributor's costs and the reseller's markups,
 * checked (listed, active, quantities, one trial per product), numbered
 * from the reseller's sequence and inserted in one transaction, with the
 * order token making a resubmitted form idempotent.  The order's later
 * states are order.c's.  See order.h (order_place, order_place_noted).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "checkout.h"
#include "money.h"
#include "order.h"
#include "order_mail.h"
#include "outbox.h"
#include "str.h"
#include "webhook.h"

enum {
	PL_LOCK_CUSTOMER,
	PL_TOKEN_FIND,
	PL_LOCK_RESELLER,
	PL_PRODUCTS,
	PL_TRIAL_USED,
	PL_BUMP_SEQ,
	PL_INSERT,
	PL_INSERT_LINES,
	PL__MAX
};

static const char *const sql[PL__MAX] = {
	[PL_LOCK_CUSTOMER] =
	    "SELECT active, approval_required FROM customers WHERE reseller_id = ? AND id = ? FOR UPDATE",
	/* a consistent read made after the customer lock: sees an order a
	 * concurrent submit of the same customer committed while we waited */
	[PL_TOKEN_FIND] =
	    "SELECT id, customer_id FROM orders WHERE reseller_id = ? AND order_token = ?",
	[PL_LOCK_RESELLER] =
	    "SELECT order_seq, currency, edition, status, distributor_id FROM resellers WHERE id = ? FOR UPDATE",
	[PL_PRODUCTS] =
	    "SELECT j.pid, p.id, p.name, p.active, p.type, p.billing_period, p.unit_cost, p.currency,"
	    " COALESCE(p.trial_days, 0), p.min_quantity, COALESCE(p.max_quantity, 0),"
	    " COALESCE(l.listed, 0), COALESCE(l.markup_bp, 0)"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (pid BIGINT UNSIGNED PATH '$')) AS j"
	    " LEFT JOIN products p ON p.id = j.pid AND p.distributor_id = ?"
	    " LEFT JOIN listings l ON l.reseller_id = ? AND l.product_id = p.id",
	[PL_TRIAL_USED] =
	    "SELECT j.pid FROM JSON_TABLE(?, '$[*]' COLUMNS (pid BIGINT UNSIGNED PATH '$')) AS j"
	    " WHERE EXISTS (SELECT 1 FROM orders o JOIN order_lines ol ON ol.order_id = o.id"
	    "   WHERE o.reseller_id = ? AND o.customer_id = ? AND ol.product_id = j.pid AND ol.is_trial = 1"
	    "   AND o.status NOT IN ('rejected', 'cancelled'))"
	    " OR EXISTS (SELECT 1 FROM subscriptions s WHERE s.reseller_id = ? AND s.customer_id = ?"
	    "   AND s.product_id = j.pid)",
	[PL_BUMP_SEQ] = "UPDATE resellers SET order_seq = ? WHERE id = ? AND order_seq = ?",
	[PL_INSERT] =
	    "INSERT INTO orders (reseller_id, customer_id, number, status, currency, total_price, total_cost,"
	    " placed_by_user_id, placed_via, order_token, customer_reference, customer_note)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[PL_INSERT_LINES] =
	    "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price, unit_cost,"
	    " markup_bp, line_price, line_cost, is_trial)"
	    " SELECT ?, j.n, j.p, j.q, j.up, j.uc, j.bp, j.lp, j.lc, j.t FROM JSON_TABLE(?, '$[*]' COLUMNS ("
	    " n INT PATH '$.n', p BIGINT UNSIGNED PATH '$.p', q INT PATH '$.q', up BIGINT PATH '$.up',"
	    " uc BIGINT PATH '$.uc', bp INT PATH '$.bp', lp BIGINT PATH '$.lp', lc BIGINT PATH '$.lc',"
	    " t TINYINT PATH '$.t')) AS j",
};

static const struct db_table table = { DB_MOD_ORDER_PLACE, sql, PL__MAX };

struct pline {
	struct order_line_input in;
	int      found;
	char     name[201];
	int64_t  unit_cost;
	int32_t  markup_bp;
	int64_t  unit_price, line_price, line_cost;
};

struct place {
	const struct actor *a;
	struct pline       *lines;
	size_t              n;
	const char         *token;
	const struct checkout_grant *grant;	/* NULL: the token is the caller's own (order_place_noted) */
	const char         *reference;	/* NULL: none; checked by note_text */
	const char         *note;	/* NULL: none; checked by note_text */
	int64_t             order_id;
	int                 dup_token;	/* the insert hit uq_orders_token */
	char               *why;
};

static json_t *
pid_array(const struct pline *l, size_t n, int trial_only)
{
	json_t *arr = json_array();
	size_t i;

	if (arr == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if ((!trial_only || l[i].in.is_trial) &&
		    json_array_append_new(arr, json_integer(l[i].in.product_id)) != 0) {
			json_decref(arr);
			return NULL;
		}
	return arr;
}

static enum core_err
dump(const json_t *j, char **out)
{
	*out = j ? json_dumps(j, JSON_COMPACT) : NULL;
	return *out ? CORE_OK : CORE_ENOMEM;
}

/*
 * pid_text - the product ids of the n lines l (trial_only: of the trial
 * lines) as a JSON array in text, for JSON_TABLE; *text is malloc'd, or
 * NULL with CORE_OK when there are none.
 */
static enum core_err
pid_text(const struct pline *l, size_t n, int trial_only, char **text)
{
	json_t *ids;
	enum core_err er = CORE_OK;

	*text = NULL;
	if ((ids = pid_array(l, n, trial_only)) == NULL)
		return CORE_ENOMEM;
	if (json_array_size(ids) > 0)
		er = dump(ids, text);
	json_decref(ids);
	return er;
}

/* price_lines - read the products of p's lines and capture prices; checks listing, state, quantity. */
static enum core_err
price_lines(struct db *db, struct place *p, int64_t distributor_id, const char *currency)
{
	const struct actor *a = p->a;
	struct db_res *res = NULL;
	char *text = NULL;
	enum core_err er;
	size_t i;

	if ((er = pid_text(p->lines, p->n, 0, &text)) != CORE_OK)
		return er;
	er = db_query(db, &table, PL_PRODUCTS, &res, "sii", text, distributor_id, a->reseller_id);
	free(text);
	if (er != CORE_OK)
		return er;
	for (i = 0; i < p->n; i++)
		p->lines[i].found = 0;
	while (db_res_next(res)) {
		int64_t pid = db_res_int(res, 0);
		struct pline *l = NULL;

		for (i = 0; i < p->n; i++)
			if (p->lines[i].in.product_id == pid && !p->lines[i].found)
				l = &p->lines[i];
		if (l == NULL)
			continue;
		l->found = 1;
		if (db_res_isnull(res, 1)) {
			core_say(p->why, "One of the products ordered does not exist.");
			er = CORE_NOTFOUND;
			break;
		}
		str_copy(l->name, sizeof(l->name), db_res_str(res, 2));
		if (db_res_int(res, 3) != 1 || db_res_int(res, 11) != 1) {
			core_say(p->why, "%s is not available in this shop.", l->name);
			er = CORE_NOTFOUND;
			break;
		}
		if (strcmp(db_res_str(res, 7), currency) != 0) {
			core_say(p->why, "%s cannot be ordered in %s.", l->name, currency);
			er = CORE_INVALID;
			break;
		}
		if (l->in.is_trial) {
			if (db_res_int(res, 8) <= 0) {
				core_say(p->why, "%s has no free trial.", l->name);
				er = CORE_INVALID;
				break;
			}
			if (l->in.quantity < db_res_int(res, 9))
				l->in.quantity = (int32_t)db_res_int(res, 9);
		}
		if (l->in.quantity < db_res_int(res, 9) ||
		    (db_res_int(res, 10) > 0 && l->in.quantity > db_res_int(res, 10))) {
			if (db_res_int(res, 10) > 0)
				core_say(p->why, "The quantity of %s must be between %lld and %lld.", l->name,
				    (long long)db_res_int(res, 9), (long long)db_res_int(res, 10));
			else
				core_say(p->why, "The quantity of %s must be at least %lld.", l->name,
				    (long long)db_res_int(res, 9));
			er = CORE_INVALID;
			break;
		}
		l->unit_cost = db_res_int(res, 6);
		l->markup_bp = (int32_t)db_res_int(res, 12);
		if ((er = money_price(l->unit_cost, l->markup_bp, &l->unit_price)) != CORE_OK ||
		    (er = money_mul(l->unit_price, l->in.quantity, &l->line_price)) != CORE_OK ||
		    (er = money_mul(l->unit_cost, l->in.quantity, &l->line_cost)) != CORE_OK) {
			core_say(p->why, "The amount of %s is too large.", l->name);
			break;
		}
	}
	db_res_free(res);
	if (er != CORE_OK)
		return er;
	for (i = 0; i < p->n; i++)
		if (!p->lines[i].found) {
			core_say(p->why, "One of the products ordered does not exist.");
			return CORE_NOTFOUND;
		}
	return CORE_OK;
}

/* check_trials - one trial per product per customer, ever (the customer row is locked). */
static enum core_err
check_trials(struct db *db, struct place *p)
{
	const struct actor *a = p->a;
	struct db_res *res = NULL;
	char *text = NULL;
	enum core_err er;
	size_t i;

	if ((er = pid_text(p->lines, p->n, 1, &text)) != CORE_OK || text == NULL)
		return er;
	er = db_query(db, &table, PL_TRIAL_USED, &res, "siiii", text, a->reseller_id, a->customer_id,
	    a->reseller_id, a->customer_id);
	free(text);
	if (er != CORE_OK)
		return er;
	if (db_res_next(res)) {
		int64_t pid = db_res_int(res, 0);

		for (i = 0; i < p->n; i++)
			if (p->lines[i].in.product_id == pid)
				core_say(p->why, "You have already had a trial or subscription of %s.", p->lines[i].name);
		er = CORE_CONFLICT;
	}
	db_res_free(res);
	return er;
}

static enum core_err
place_txn(struct db *db, void *arg)
{
	struct place *p = arg;
	const struct actor *a = p->a;
	struct db_res *res = NULL;
	char currency[4], number[33], *text = NULL;
	int64_t seq = 0, distributor_id = 0, total_price = 0, total_cost = 0, id;
	int approval = 0, ok_reseller;
	json_t *jl = NULL, *after = NULL, *payload = NULL;
	enum core_err er;
	size_t i;

	p->order_id = 0;
	p->dup_token = 0;
	if ((er = db_query(db, &table, PL_LOCK_CUSTOMER, &res, "ii", a->reseller_id, a->customer_id)) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		core_say(p->why, "Your customer account was not found.");
		return CORE_NOTFOUND;
	}
	if (db_res_int(res, 0) != 1) {
		db_res_free(res);
		core_say(p->why, "Your customer account is inactive; please contact your reseller.");
		return CORE_FORBIDDEN;
	}
	approval = db_res_int(res, 1) == 1;
	db_res_free(res);

	if (p->token != NULL) {
		if ((er = db_query(db, &table, PL_TOKEN_FIND, &res, "is", a->reseller_id, p->token)) != CORE_OK)
			return er;
		if (db_res_next(res)) {
			int same = db_res_int(res, 1) == a->customer_id;

			p->order_id = db_res_int(res, 0);
			db_res_free(res);
			if (!same) {
				p->order_id = 0;
				core_say(p->why, "This form was already used; please reload the page and try again.");
				return CORE_CONFLICT;
			}
			return CORE_OK;	/* replayed submit: the first order stands */
		}
		db_res_free(res);
	}
	if (p->grant != NULL && (er = checkout_redeem(db, a->reseller_id, p->grant, p->token)) != CORE_OK) {
		if (er == CORE_CONFLICT)
			core_say(p->why, "The order form has expired or your cart has changed. Please check your cart"
			    " and place the order again.");
		return er;
	}

	if ((er = db_query(db, &table, PL_LOCK_RESELLER, &res, "i", a->reseller_id)) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		return CORE_NOTFOUND;
	}
	seq = db_res_int(res, 0);
	str_copy(currency, sizeof(currency), db_res_str(res, 1));
	ok_reseller = strcmp(db_res_str(res, 2), "basic") != 0 && strcmp(db_res_str(res, 3), "active") == 0;
	distributor_id = db_res_int(res, 4);
	db_res_free(res);
	if (!ok_reseller) {
		core_say(p->why, "This shop does not take orders at the moment.");
		return CORE_FORBIDDEN;
	}

	if ((er = price_lines(db, p, distributor_id, currency)) != CORE_OK)
		return er;
	if ((er = check_trials(db, p)) != CORE_OK)
		return er;
	for (i = 0; i < p->n; i++) {
		if (p->lines[i].in.is_trial)
			continue;	/* nothing charged until the trial converts */
		if ((er = money_add(total_price, p->lines[i].line_price, &total_price)) != CORE_OK ||
		    (er = money_add(total_cost, p->lines[i].line_cost, &total_cost)) != CORE_OK) {
			core_say(p->why, "The order total is too large.");
			return er;
		}
	}

	seq++;
	snprintf(number, sizeof(number), "SO-%06lld", (long long)seq);
	if ((er = db_exec(db, &table, PL_BUMP_SEQ, NULL, "iii", seq, a->reseller_id, seq - 1)) != CORE_OK)
		return er;
	er = db_exec(db, &table, PL_INSERT, NULL, "iisssiiIssss", a->reseller_id, a->customer_id, number,
	    order_status_name(approval ? ORDER_PENDING_APPROVAL : ORDER_APPROVED), currency, total_price, total_cost,
	    a->kind == ACTOR_STOREFRONT_USER ? a->id : (int64_t)0,
	    a->kind == ACTOR_API ? "api" : a->kind == ACTOR_OPERATOR ? "admin" : "storefront", p->token,
	    p->reference, p->note);
	if (er != CORE_OK) {
		if (er == CORE_CONFLICT && p->token != NULL && db_is_dup(db) &&
		    strstr(db_error(db), "uq_orders_token") != NULL)
			p->dup_token = 1;
		return er;
	}
	id = (int64_t)db_insert_id(db);

	if ((jl = json_array()) == NULL)
		return CORE_ENOMEM;
	for (i = 0; i < p->n; i++) {
		const struct pline *l = &p->lines[i];

		if (json_array_append_new(jl, json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:i}",
		    "n", (json_int_t)(i + 1), "p", (json_int_t)l->in.product_id, "q", (json_int_t)l->in.quantity,
		    "up", (json_int_t)l->unit_price, "uc", (json_int_t)l->unit_cost,
		    "bp", (json_int_t)l->markup_bp, "lp", (json_int_t)l->line_price,
		    "lc", (json_int_t)l->line_cost, "t", l->in.is_trial ? 1 : 0)) != 0) {
			er = CORE_ENOMEM;
			goto out;
		}
	}
	if ((er = dump(jl, &text)) != CORE_OK)
		goto out;
	if ((er = db_exec(db, &table, PL_INSERT_LINES, NULL, "is", id, text)) != CORE_OK)
		goto out;

	if (!approval) {
		if ((payload = json_pack("{s:I}", "order_id", (json_int_t)id)) == NULL) {
			er = CORE_ENOMEM;
			goto out;
		}
		if ((er = outbox_enqueue(db, OUTBOX_PROVISION, a->reseller_id, payload, NULL)) != CORE_OK)
			goto out;
	} else if ((er = order_mail_event(db, id, ORDER_MAIL_PENDING_APPROVAL)) != CORE_OK)
		goto out;
	after = json_pack("{s:s, s:s, s:I, s:I, s:s, s:O}", "number", number,
	    "status", order_status_name(approval ? ORDER_PENDING_APPROVAL : ORDER_APPROVED), "customer_id", (json_int_t)a->customer_id,
	    "total_price", (json_int_t)total_price, "currency", currency, "lines", jl);
	if (after == NULL) {
		er = CORE_ENOMEM;
		goto out;
	}
	if ((er = audit_write(db, a, a->reseller_id, "order.place", "order", id, NULL, after)) != CORE_OK)
		goto out;
	if ((er = webhook_emit(db, a->reseller_id, WEBHOOK_ORDER_CREATED, json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:O}", "id", (json_int_t)id, "number", number, "customer_id", (json_int_t)a->customer_id, "status", order_status_name(approval ? ORDER_PENDING_APPROVAL : ORDER_APPROVED), "total_price", (json_int_t)total_price, "currency", currency, "lines", jl))) != CORE_OK)
		goto out;
	p->order_id = id;
out:
	free(text);
	json_decref(jl);
	json_decref(after);
	json_decref(payload);
	return er;
}

static int
token_ok(const char *t)
{
	size_t n = strlen(t);

	if (n == 0 || n > ORDER_TOKEN_MAX)
		return 0;
	for (; *t; t++)
		if ((unsigned char)*t <= ' ' || (unsigned char)*t >= 0x7f)
			return 0;
	return 1;
}

/*
 * note_text - the customer's text in, trimmed of surrounding white space,
 * into *out (malloc'd; NULL when in is NULL or only white space).  At
 * most max characters of valid UTF-8; multiline allows line breaks and
 * tabs, no other control characters are taken.  0, or -1 too long, -2 a
 * control character or bad UTF-8, -3 out of memory.
 */
static int
note_text(const char *in, size_t max, int multiline, char **out)
{
	const unsigned char *s, *e;
	long chars;

	*out = NULL;
	if (in == NULL)
		return 0;
	s = (const unsigned char *)in;
	while (*s && strchr(" \t\r\n", *s))
		s++;
	e = s + strlen((const char *)s);
	while (e > s && strchr(" \t\r\n", e[-1]))
		e--;
	if (e == s)
		return 0;
	if ((chars = str_utf8_chars((const char *)s, (size_t)(e - s), multiline ? STR_TEXT_LINES : 0)) < 0)
		return -2;
	if ((size_t)chars > max)
		return -1;
	if ((*out = strndup((const char *)s, (size_t)(e - s))) == NULL)
		return -3;
	return 0;
}

enum core_err
order_place(struct db *db, const struct actor *a, const struct order_line_input *lines, size_t n,
    const char *order_token, int64_t *order_id, char *why)
{
	return order_place_noted(db, a, lines, n, order_token, NULL, NULL, order_id, why);
}

static enum core_err place(struct db *db, const struct actor *a, const struct order_line_input *lines, size_t n,
    const char *order_token, const struct checkout_grant *grant, const char *reference, const char *note,
    int64_t *order_id, char *why);

enum core_err
order_place_noted(struct db *db, const struct actor *a, const struct order_line_input *lines, size_t n,
    const char *order_token, const char *reference, const char *note, int64_t *order_id, char *why)
{
	return place(db, a, lines, n, order_token, NULL, reference, note, order_id, why);
}

enum core_err
order_place_checkout(struct db *db, const struct actor *a, const struct order_line_input *lines, size_t n,
    const char *token, const struct checkout_grant *grant, const char *reference, const char *note,
    int64_t *order_id, char *why)
{
	if (grant == NULL || token == NULL) {
		if (order_id != NULL)
			*order_id = 0;
		core_say(why, "The order form has expired. Please check your cart and place the order again.");
		return CORE_CONFLICT;
	}
	return place(db, a, lines, n, token, grant, reference, note, order_id, why);
}

static enum core_err
place(struct db *db, const struct actor *a, const struct order_line_input *lines, size_t n,
    const char *order_token, const struct checkout_grant *grant, const char *reference, const char *note,
    int64_t *order_id, char *why)
{
	struct place p;
	struct pline *pl = NULL;
	char *ref = NULL, *text = NULL;
	size_t i, j, m = 0;
	enum core_err er;
	int rc;

	if ((er = actor_may(a, ACT_ORDER_PLACE)) != CORE_OK) {
		core_say(why, "Only a customer's users can place orders.");
		return er;
	}
	if (order_id == NULL)
		return CORE_INVALID;
	*order_id = 0;
	if (lines == NULL || n == 0) {
		core_say(why, "The order has no products.");
		return CORE_INVALID;
	}
	if (n > ORDER_LINES_MAX) {
		core_say(why, "An order can have at most %d products.", ORDER_LINES_MAX);
		return CORE_INVALID;
	}
	if (order_token != NULL && !token_ok(order_token)) {
		core_say(why, "The order form is invalid; please reload the page and try again.");
		return CORE_INVALID;
	}
	if ((rc = note_text(reference, ORDER_REFERENCE_MAX, 0, &ref)) != 0) {
		if (rc == -3)
			return CORE_ENOMEM;
		if (rc == -1)
			core_say(why, "Your reference can be at most %d characters long.", ORDER_REFERENCE_MAX);
		else
			core_say(why, "Your reference can only be one line of text.");
		return CORE_INVALID;
	}
	if ((rc = note_text(note, ORDER_NOTE_MAX, 1, &text)) != 0) {
		free(ref);
		if (rc == -3)
			return CORE_ENOMEM;
		if (rc == -1)
			core_say(why, "The notes can be at most %d characters long.", ORDER_NOTE_MAX);
		else
			core_say(why, "The notes contain characters that cannot be stored.");
		return CORE_INVALID;
	}
	if ((pl = calloc(n, sizeof(*pl))) == NULL) {
		free(ref);
		free(text);
		return CORE_ENOMEM;
	}
	/* merge lines of the same product (trial and paid kept apart, then refused together) */
	for (i = 0; i < n; i++) {
		if (lines[i].product_id <= 0) {
			core_say(why, "One of the products ordered does not exist.");
			er = CORE_NOTFOUND;
			goto out;
		}
		if (lines[i].quantity < 1 || lines[i].quantity > ORDER_QTY_MAX) {
			core_say(why, "Quantities must be between 1 and %d.", ORDER_QTY_MAX);
			er = CORE_INVALID;
			goto out;
		}
		for (j = 0; j < m; j++)
			if (pl[j].in.product_id == lines[i].product_id)
				break;
		if (j == m) {
			pl[m].in = lines[i];
			pl[m].in.is_trial = lines[i].is_trial ? 1 : 0;
			m++;
			continue;
		}
		if (pl[j].in.is_trial != (lines[i].is_trial ? 1 : 0)) {
			core_say(why, "A product cannot be ordered and tried in the same order.");
			er = CORE_INVALID;
			goto out;
		}
		pl[j].in.quantity += lines[i].quantity;
		if (pl[j].in.quantity > ORDER_QTY_MAX) {
			core_say(why, "Quantities must be between 1 and %d.", ORDER_QTY_MAX);
			er = CORE_INVALID;
			goto out;
		}
	}
	p = (struct place){ .a = a, .lines = pl, .n = m, .token = order_token, .grant = grant, .reference = ref,
	    .note = text, .why = why };
	er = db_txn(db, place_txn, &p);
	if (er == CORE_CONFLICT && p.dup_token) {
		/* a concurrent submit of the same form won the race: answer with its order */
		struct db_res *res = NULL;

		if ((er = db_query(db, &table, PL_TOKEN_FIND, &res, "is", a->reseller_id, order_token)) != CORE_OK)
			goto out;
		if (db_res_next(res) && db_res_int(res, 1) == a->customer_id) {
			p.order_id = db_res_int(res, 0);
			er = CORE_OK;
		} else {
			core_say(why, "This form was already used; please reload the page and try again.");
			er = CORE_CONFLICT;
		}
		db_res_free(res);
	}
	if (er == CORE_OK) {
		*order_id = p.order_id;
		if (why)
			why[0] = '\0';
	}
out:
	free(pl);
	free(ref);
	free(text);
	return er;
}

