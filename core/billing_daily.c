/*
 * billing_daily.c - the daily billing pass (billing_daily.h): the run
 * record in billing_runs, the overdue step, and the calls of the steps
 * other modules own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "audit.h"
#include "billing_daily.h"
#include "money.h"
#include "outbox.h"
#include "session.h"
#include "subscription.h"

#define SQL_NUM_(n) #n
#define SQL_NUM(n)  SQL_NUM_(n)

enum {
	BD_RUN_INSERT,
	BD_RUN_LOCK,
	BD_RUN_CLAIM,
	BD_RUN_BEAT,
	BD_RUN_FINISH,
	BD_OVERDUE_LOCK,
	BD_OVERDUE_ROW,
	BD_OVERDUE_MARK,
	BD_SQL__MAX
};

#define OVERDUE_DUE " i.kind = 'invoice' AND i.status = 'open' AND i.overdue_since IS NULL AND i.due_on < ?"

static const char *const sql[BD_SQL__MAX] = {
	[BD_RUN_INSERT] = "INSERT IGNORE INTO billing_runs (run_date) VALUES (?)",
	/* params: lease seconds, date */
	[BD_RUN_LOCK] =
	    "SELECT finished_at IS NOT NULL, COALESCE(heartbeat_at > NOW() - INTERVAL ? SECOND, 0),"
	    " COALESCE(counts, '{}'), COALESCE(DATE_FORMAT(finished_at, '%Y-%m-%d %H:%i:%s'), '')"
	    " FROM billing_runs WHERE run_date = ? FOR UPDATE",
	[BD_RUN_CLAIM] =
	    "UPDATE billing_runs SET started_at = COALESCE(started_at, NOW()), heartbeat_at = NOW()"
	    " WHERE run_date = ? AND finished_at IS NULL",
	[BD_RUN_BEAT] = "UPDATE billing_runs SET heartbeat_at = NOW(), counts = ? WHERE run_date = ?",
	[BD_RUN_FINISH] =
	    "UPDATE billing_runs SET heartbeat_at = NOW(), finished_at = NOW(), counts = ? WHERE run_date = ?",
	/* only invoices rows are locked; one another worker holds is skipped: that worker marks it */
	[BD_OVERDUE_LOCK] =
	    "SELECT i.id FROM invoices i WHERE" OVERDUE_DUE " AND (? = 0 OR i.distributor_id = ?)"
	    " ORDER BY i.id LIMIT " SQL_NUM(BILLING_DAILY_BATCH) " FOR UPDATE SKIP LOCKED",
	/* what the e-mail says: the invoice, what is still owed on it, to the reseller, from the distributor */
	[BD_OVERDUE_ROW] =
	    "SELECT i.reseller_id, i.number, DATE_FORMAT(i.due_on, '%Y-%m-%d'),"
	    " DATE_FORMAT(i.due_on + INTERVAL 1 DAY, '%Y-%m-%d'), i.currency, i.total,"
	    " i.total - COALESCE((SELECT SUM(p.amount) FROM payments p WHERE p.invoice_id = i.id"
	    "  AND p.reseller_id = i.reseller_id), 0),"
	    " r.name, r.email, d.name"
	    " FROM invoices i JOIN resellers r ON r.id = i.reseller_id JOIN distributors d ON d.id = i.distributor_id"
	    " WHERE i.id = ?",
	/* the guard: an invoice becomes overdue once, whoever gets there first */
	[BD_OVERDUE_MARK] =
	    "UPDATE invoices i SET i.overdue_since = i.due_on + INTERVAL 1 DAY WHERE i.id = ? AND" OVERDUE_DUE,
};

static const struct db_table table = { DB_MOD_BILLING_DAILY, sql, BD_SQL__MAX };

#define BILLING_DAILY_KEY(sym, key, sep, one, many) key,
static const char *const count_keys[BD__MAX] = { BILLING_DAILY_COUNTS(BILLING_DAILY_KEY) };
#undef BILLING_DAILY_KEY
#define BILLING_DAILY_TEXT(sym, key, sep, one, many) { sep, one, many },
static const struct { const char *sep, *one, *many; } count_text[BD__MAX] = {
	BILLING_DAILY_COUNTS(BILLING_DAILY_TEXT)
};
#undef BILLING_DAILY_TEXT

int
billing_daily_date_ok(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 2000 || y > 2199 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return !(m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

void
billing_daily_today(const struct db *db, char out[11])
{
	time_t now = db_now(db);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

char *
billing_daily_summary(const struct billing_daily_result *r, char *buf, size_t sz)
{
	size_t len;
	int i;

	snprintf(buf, sz, "%s:", r->date);
	for (i = 0; i < BD__MAX; i++) {
		if (count_text[i].sep == NULL)
			continue;
		len = strlen(buf);
		snprintf(buf + len, sz - len, "%s", count_text[i].sep[0] ? count_text[i].sep : " ");
		len = strlen(buf);
		snprintf(buf + len, sz - len, r->n[i] == 1 ? count_text[i].one : count_text[i].many, (long long)r->n[i]);
	}
	return buf;
}

/* counts_json - r's counts as the JSON text of billing_runs.counts (malloc'd), NULL on ENOMEM. */
static char *
counts_json(const struct billing_daily_result *r)
{
	json_t *o = json_object();
	char *text;
	int i;

	if (o == NULL)
		return NULL;
	for (i = 0; i < BD__MAX; i++)
		json_object_set_new(o, count_keys[i], json_integer(r->n[i]));
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return text;
}

/* counts_parse - the counts of a stored run into r; unknown keys are ignored, missing ones stay 0. */
static void
counts_parse(const char *text, struct billing_daily_result *r)
{
	json_t *o = json_loads(text, 0, NULL);
	int i;

	for (i = 0; i < BD__MAX; i++)
		r->n[i] = json_integer_value(json_object_get(o, count_keys[i]));
	json_decref(o);
}

/* ---- the run record ---------------------------------------------------- */

struct claim {
	struct billing_daily_result *out;
	int                          busy;	/* another live run holds the date */
};

static enum core_err
claim_txn(struct db *db, void *arg)
{
	struct claim *c = arg;
	struct db_res *res = NULL;
	int finished = 0, live = 0;
	enum core_err er;

	c->busy = 0;
	c->out->already = 0;
	if ((er = db_exec(db, &table, BD_RUN_INSERT, NULL, "s", c->out->date)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, BD_RUN_LOCK, &res, "is", (int64_t)BILLING_DAILY_LEASE_SECONDS,
	    c->out->date)) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		return CORE_NOTFOUND;
	}
	finished = db_res_int(res, 0) != 0;
	live = db_res_int(res, 1) != 0;
	/* finished: what it did; crashed: its counts so far, added to by this run */
	counts_parse(db_res_str(res, 2), c->out);
	snprintf(c->out->finished_at, sizeof(c->out->finished_at), "%s", db_res_str(res, 3));
	db_res_free(res);
	if (finished) {
		c->out->already = 1;
		return CORE_OK;
	}
	if (live) {
		c->busy = 1;
		return CORE_OK;
	}
	return db_exec(db, &table, BD_RUN_CLAIM, NULL, "s", c->out->date);
}

struct record {
	const char *counts, *date;
	int         finish;
};

static enum core_err
record_txn(struct db *db, void *arg)
{
	struct record *x = arg;

	return db_exec(db, &table, x->finish ? BD_RUN_FINISH : BD_RUN_BEAT, NULL, "ss", x->counts, x->date);
}

/*
 * record - the counts so far (finish 0) or the end of the run (finish 1),
 * in one statement of its own transaction: retried when it deadlocks with
 * another worker's claim of the day (which locks the same row), instead of
 * ending the pass halfway.
 */
static enum core_err
record(struct db *db, const struct billing_daily_result *r, int finish)
{
	struct record x = { NULL, r->date, finish };
	char *text = counts_json(r);
	enum core_err er;

	if (text == NULL)
		return CORE_ENOMEM;
	x.counts = text;
	er = db_txn(db, record_txn, &x);
	free(text);
	return er;
}

/* ---- overdue invoices -------------------------------------------------- */

struct overdue {
	const struct actor *a;
	const char         *date;
	int64_t             picked;	/* invoices locked in this batch */
	int64_t             marked;	/* made overdue in this batch */
};

/* overdue_one - mark invoice id overdue, e-mail the reseller and audit it (within the batch's transaction). */
static enum core_err
overdue_one(struct db *db, struct overdue *o, int64_t id)
{
	struct db_res *res = NULL;
	char total[48], owed[48], subject[160], number[33], due[11], since[11], to[256];
	int64_t rid;
	uint64_t n = 0;
	json_t *d = NULL;
	enum core_err er;

	if ((er = db_query(db, &table, BD_OVERDUE_ROW, &res, "i", id)) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		return CORE_OK;	/* gone since it was locked: nothing to mark */
	}
	rid = db_res_int(res, 0);
	snprintf(number, sizeof(number), "%s", db_res_str(res, 1));
	snprintf(due, sizeof(due), "%s", db_res_str(res, 2));
	snprintf(since, sizeof(since), "%s", db_res_str(res, 3));
	money_format(db_res_int(res, 5), db_res_str(res, 4), total, sizeof(total));
	money_format(db_res_int(res, 6), db_res_str(res, 4), owed, sizeof(owed));
	snprintf(to, sizeof(to), "%s", db_res_str(res, 8));
	snprintf(subject, sizeof(subject), "Invoice %s is overdue", number);
	d = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "email_subject", subject, "number", number,
	    "due_on", due, "overdue_since", since, "total", total, "outstanding", owed,
	    "reseller_name", db_res_str(res, 7), "company_name", db_res_str(res, 9));
	db_res_free(res);
	if (d == NULL)
		return CORE_ENOMEM;
	if ((er = db_exec(db, &table, BD_OVERDUE_MARK, &n, "is", id, o->date)) != CORE_OK || n == 0)
		goto out;
	if (to[0] != '\0' && (er = outbox_email(db, rid, to, subject, "invoice_overdue", d)) != CORE_OK)
		goto out;
	er = audit_change(db, o->a, rid, "invoice.overdue", "invoice", id,
	    json_pack("{s:s, s:s, s:n}", "status", "open", "due_on", due, "overdue_since"),
	    json_pack("{s:s, s:s, s:s, s:s}", "status", "open", "due_on", due, "overdue_since", since, "date", o->date));
	o->marked++;
out:
	json_decref(d);
	return er;
}

static enum core_err
overdue_txn(struct db *db, void *arg)
{
	struct overdue *o = arg;
	struct db_res *res = NULL;
	int64_t ids[BILLING_DAILY_BATCH], dist = o->a->distributor_id > 0 ? o->a->distributor_id : 0;
	int64_t i, n = 0;
	enum core_err er;

	o->picked = o->marked = 0;
	if ((er = db_query(db, &table, BD_OVERDUE_LOCK, &res, "sii", o->date, dist, dist)) != CORE_OK)
		return er;
	while (n < BILLING_DAILY_BATCH && db_res_next(res))
		ids[n++] = db_res_int(res, 0);
	db_res_free(res);
	o->picked = n;
	for (i = 0; i < n && er == CORE_OK; i++)
		er = overdue_one(db, o, ids[i]);
	return er;
}

/* overdue - every open invoice past due on date, batch by batch; *marked counts them. */
static enum core_err
overdue(struct db *db, const struct actor *a, const char *date, int64_t *marked)
{
	struct overdue o = { a, date, 0, 0 };
	enum core_err er;

	do {
		if ((er = db_txn(db, overdue_txn, &o)) != CORE_OK)
			return er;
		*marked += o.marked;
	} while (o.picked == BILLING_DAILY_BATCH);
	return CORE_OK;
}

/* ---- the pass ---------------------------------------------------------- */

enum core_err
billing_daily(struct db *db, const struct actor *a, const char *date, struct billing_daily_result *out)
{
	struct claim c = { out, 0 };
	struct subscription_renewals by;
	uint64_t sessions = 0, resets = 0;
	int reminded = 0;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_SYSTEM)) != CORE_OK)
		return er;
	if (a->distributor_id != 0)
		return CORE_FORBIDDEN;
	if (!billing_daily_date_ok(date))
		return CORE_INVALID;
	snprintf(out->date, sizeof(out->date), "%s", date);
	if ((er = db_txn(db, claim_txn, &c)) != CORE_OK)
		return er;
	if (out->already)
		return CORE_OK;
	if (c.busy)
		return CORE_CONFLICT;

	er = subscription_renew_due(db, a, date, &by);
	out->n[BD_RENEWED] += by.renewed;
	out->n[BD_DECREASED] += by.decreased;
	out->n[BD_ENDED] += by.ended;
	out->n[BD_EXPIRED] += by.expired;
	if (er != CORE_OK || (er = record(db, out, 0)) != CORE_OK)
		return er;

	er = subscription_trial_reminders(db, a, date, &reminded);
	out->n[BD_REMINDED] += reminded;
	if (er != CORE_OK || (er = record(db, out, 0)) != CORE_OK)
		return er;

	er = overdue(db, a, date, &out->n[BD_OVERDUE]);
	if (er != CORE_OK || (er = record(db, out, 0)) != CORE_OK)
		return er;

	er = session_purge_counts(db, &sessions, &resets);
	out->n[BD_SESSIONS] += (int64_t)sessions;
	out->n[BD_RESETS] += (int64_t)resets;
	if (er != CORE_OK || (er = record(db, out, 1)) != CORE_OK)
		return er;
	return CORE_OK;
}
