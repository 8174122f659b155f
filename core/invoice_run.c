/*
 * invoice_run.c - the monthly invoice run (invoice_run.h has the rules).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "invoice_run.h"
#include "money.h"
#include "outbox.h"
#include "str.h"
#include "usage.h"
#include "webhook.h"

enum {
	IR_RESELLERS,
	IR_PRESENT,
	IR_RESELLER,
	IR_SEQ_ENSURE,
	IR_SEQ_LOCK,
	IR_SEQ_BUMP,
	IR_EXISTING,
	IR_SUBS,
	IR_USAGE,
	IR_INSERT,
	IR_LINE,
	IR_ISSUE,
	IR__MAX
};

/* the anniversary in month m.f of a subscription's start (day clamped to the month's last) */
#define ANNIV "(m.f + INTERVAL (LEAST(DAY(s.start_date), DAY(LAST_DAY(m.f))) - 1) DAY)"

static const char *const sql[IR__MAX] = {
	[IR_RESELLERS] = "SELECT id FROM resellers WHERE (? = 0 OR distributor_id = ?) ORDER BY id",
	[IR_PRESENT] = "SELECT id, number, total, currency FROM invoices WHERE reseller_id = ? AND kind = 'invoice' AND period_start = ?",
	[IR_RESELLER] =
	    "SELECT r.distributor_id, r.name, r.email, r.currency, r.payment_terms_days, d.name"
	    " FROM resellers r JOIN distributors d ON d.id = r.distributor_id WHERE r.id = ?",
	/* takes the row's lock (a duplicate is locked exclusively) without changing it */
	[IR_SEQ_ENSURE] =
	    "INSERT INTO invoice_sequences (distributor_id, series, year, last_no) VALUES (?, ?, ?, 0)"
	    " ON DUPLICATE KEY UPDATE last_no = last_no",
	[IR_SEQ_LOCK] = "SELECT last_no FROM invoice_sequences WHERE distributor_id = ? AND series = ? AND year = ? FOR UPDATE",
	[IR_SEQ_BUMP] = "UPDATE invoice_sequences SET last_no = last_no + 1 WHERE distributor_id = ? AND series = ? AND year = ?",
	/* a locking read: sees what a racing run committed */
	[IR_EXISTING] =
	    "SELECT id, number, total FROM invoices WHERE reseller_id = ? AND kind = 'invoice' AND period_start = ?"
	    " FOR UPDATE",
	/*
	 * One row per segment of a subscription's quantity history
	 * (sql/011_subscription_quantities.sql) that meets the month: the
	 * segment [qf, qt) of a history row, qf NULL for a subscription's first
	 * row (it holds from the start), qt the next row's day or NULL.
	 * lo..hi are the days the subscription was active in the month, f0..t0
	 * their part in the segment; split when the segment does not cover
	 * lo..hi.  An annual subscription's row is the segment that holds on
	 * the anniversary.  ? first day of the month, first day of the next,
	 * reseller (the history's), reseller.
	 */
	[IR_SUBS] =
	    "SELECT x.id, x.product_id, x.pname, x.cname, x.quantity, x.unit_cost, x.billing_period,"
	    " DATEDIFF(x.t0, x.f0), DATEDIFF(x.nx, x.f), x.annual_due, DAY(x.f0), DAY(x.t0 - INTERVAL 1 DAY),"
	    " x.f0 > x.lo OR x.t0 < x.hi"
	    " FROM (SELECT s.id, s.product_id, p.name AS pname, c.name AS cname, q.quantity, q.unit_cost,"
	    "   s.billing_period, s.f, s.nx, s.lo, s.hi, s.annual_due, s.anniv, q.qf, q.qt,"
	    "   GREATEST(s.lo, COALESCE(q.qf, s.lo)) AS f0, LEAST(s.hi, COALESCE(q.qt, s.hi)) AS t0"
	    "  FROM (SELECT s.id, s.product_id, s.reseller_id, s.customer_id, s.billing_period, m.f, m.nx,"
	    "    GREATEST(s.start_date, m.f) AS lo,"
	    "    LEAST(IF(s.status IN ('cancelled','expired'), s.renewal_date, m.nx), m.nx) AS hi,"
	    "    MONTH(s.start_date) = MONTH(m.f) AND s.start_date <= " ANNIV
	    "     AND (s.status IN ('active','suspended') OR s.renewal_date > " ANNIV ") AS annual_due,"
	    "    " ANNIV " AS anniv"
	    "   FROM subscriptions s CROSS JOIN (SELECT DATE(?) AS f, DATE(?) AS nx) m"
	    "   WHERE s.reseller_id = ? AND s.status <> 'trial' AND s.start_date < m.nx) s"
	    "  JOIN products p ON p.id = s.product_id"
	    "  JOIN customers c ON c.reseller_id = s.reseller_id AND c.id = s.customer_id"
	    "  JOIN (SELECT h.subscription_id, h.quantity, h.unit_cost,"
	    "    IF(LAG(h.effective_from) OVER w IS NULL, NULL, h.effective_from) AS qf,"
	    "    LEAD(h.effective_from) OVER w AS qt"
	    "   FROM subscription_quantities h JOIN subscriptions hs ON hs.id = h.subscription_id"
	    "   WHERE hs.reseller_id = ? WINDOW w AS (PARTITION BY h.subscription_id ORDER BY h.effective_from)) q"
	    "   ON q.subscription_id = s.id"
	    "  WHERE p.type <> 'usage') x"
	    " WHERE (x.billing_period = 'monthly' AND x.t0 > x.f0)"
	    "  OR (x.billing_period = 'annual' AND x.annual_due AND (x.qf IS NULL OR x.qf <= x.anniv)"
	    "   AND (x.qt IS NULL OR x.qt > x.anniv))"
	    " ORDER BY x.id, x.f0",
	[IR_USAGE] =
	    "SELECT s.id, s.product_id, c.name, SUM(u.cost) AS cost"
	    " FROM usage_monthly u JOIN subscriptions s ON s.reseller_id = u.reseller_id AND s.id = u.subscription_id"
	    " JOIN customers c ON c.reseller_id = s.reseller_id AND c.id = s.customer_id"
	    " WHERE u.reseller_id = ? AND u.month = ?"
	    " GROUP BY s.id, s.product_id, c.name HAVING cost > 0 ORDER BY s.id",
	[IR_INSERT] =
	    "INSERT INTO invoices (distributor_id, reseller_id, number, kind, issued_on, due_on, period_start,"
	    " period_end, run_month, currency, total, status)"
	    " VALUES (?, ?, ?, 'invoice', ?, ?, ?, ?, ?, ?, ?, 'open')",
	[IR_LINE] =
	    "INSERT INTO invoice_lines (invoice_id, line_no, description, product_id, quantity, unit_amount, amount)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)",
	[IR_ISSUE] = "UPDATE invoices SET locked = 1 WHERE id = ?",
};

static const struct db_table table = { DB_MOD_INVOICE_RUN, sql, IR__MAX };

struct line {
	int64_t product_id;
	char    desc[301];
	int64_t quantity, unit, amount;
};

/* One month of one reseller: the transaction's argument. */
struct run {
	const char *first, *last, *next;	/* "YYYY-MM-DD" */
	const char *today;
	char        label[32];		/* "November 2026" */
	int         year;		/* of today: the number's year */
	int64_t     reseller_id;
	struct invoice_run_item *item;	/* out */
};

int
invoice_run_month_ok(const char *s)
{
	int i;

	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return 0;
	for (i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	i = (s[5] - '0') * 10 + (s[6] - '0');
	return i >= 1 && i <= 12 && s[0] != '0';
}

enum core_err
invoice_run_number(struct db *db, int64_t d, const char *series, int year, char *out, size_t n)
{
	enum core_err er;
	int64_t last = 0;

	if ((er = db_exec(db, &table, IR_SEQ_ENSURE, NULL, "isi", d, series, (int64_t)year)) != CORE_OK)
		return er;
	if ((er = db_query_int(db, &table, IR_SEQ_LOCK, &last, "isi", d, series, (int64_t)year)) != CORE_OK)
		return er;
	if ((er = db_exec(db, &table, IR_SEQ_BUMP, NULL, "isi", d, series, (int64_t)year)) != CORE_OK)
		return er;
	snprintf(out, n, "%s-%04d-%06lld", series, year, (long long)(last + 1));
	return CORE_OK;
}

/* lines_add - one more line on *v (growing it); CORE_ENOMEM. */
static enum core_err
lines_add(struct line **v, size_t *n, const struct line *l)
{
	struct line *p;

	/* capacity: 8, then doubled each time n reaches a power of two */
	if (*n == 0 || (*n >= 8 && (*n & (*n - 1)) == 0)) {
		if ((p = realloc(*v, (*n ? *n * 2 : 8) * sizeof(**v))) == NULL)
			return CORE_ENOMEM;
		*v = p;
	}
	(*v)[(*n)++] = *l;
	return CORE_OK;
}

/*
 * prorate - round_half_up(unit * days / dim) for non-negative values,
 * exactly (128-bit intermediate); CORE_RANGE when it does not fit.
 */
static enum core_err
prorate(int64_t unit, int64_t days, int64_t dim, int64_t *out)
{
	__int128 x;

	if (unit < 0 || days < 0 || dim <= 0)
		return CORE_INVALID;
	x = ((__int128)unit * days * 2 + dim) / (2 * (__int128)dim);
	if (x > INT64_MAX)
		return CORE_RANGE;
	*out = (int64_t)x;
	return CORE_OK;
}

/* collect - the month's lines of the reseller, licences then usage, by subscription. */
static enum core_err
collect(struct db *db, const struct run *x, struct line **v, size_t *n)
{
	struct db_res *r = NULL;
	struct line l;
	enum core_err er;
	int64_t days, dim;
	int annual;

	if ((er = db_query(db, &table, IR_SUBS, &r, "ssii", x->first, x->next, x->reseller_id,
	    x->reseller_id)) != CORE_OK)
		return er;
	while (er == CORE_OK && db_res_next(r)) {
		memset(&l, 0, sizeof(l));
		l.product_id = db_res_int(r, 1);
		l.quantity = db_res_int(r, 4);
		annual = strcmp(db_res_str(r, 6), "annual") == 0;
		days = db_res_int(r, 7);
		dim = db_res_int(r, 8);
		if (annual || days >= dim) {
			l.unit = db_res_int(r, 5);
			snprintf(l.desc, sizeof(l.desc), "%s, %s, %s%s", db_res_str(r, 2), db_res_str(r, 3), x->label,
			    annual ? " (annual term)" : "");
		} else {
			if ((er = prorate(db_res_int(r, 5), days, dim, &l.unit)) != CORE_OK)
				break;
			if (db_res_int(r, 12)) {	/* one of the quantities the subscription had in the month */
				char span[24];

				if (db_res_int(r, 10) == db_res_int(r, 11))
					snprintf(span, sizeof(span), "%lld", (long long)db_res_int(r, 10));
				else
					snprintf(span, sizeof(span), "%lld–%lld", (long long)db_res_int(r, 10),
					    (long long)db_res_int(r, 11));
				snprintf(l.desc, sizeof(l.desc), "%s, %s, %lld licence%s, %s %s (%lld of %lld days)",
				    db_res_str(r, 2), db_res_str(r, 3), (long long)l.quantity, l.quantity == 1 ? "" : "s",
				    span, x->label, (long long)days, (long long)dim);
			} else
				snprintf(l.desc, sizeof(l.desc), "%s, %s, %s (%lld of %lld days)", db_res_str(r, 2),
				    db_res_str(r, 3), x->label, (long long)days, (long long)dim);
		}
		if ((er = money_mul(l.unit, l.quantity, &l.amount)) == CORE_OK)
			er = lines_add(v, n, &l);
	}
	db_res_free(r);
	if (er != CORE_OK)
		return er;
	if ((er = db_query(db, &table, IR_USAGE, &r, "is", x->reseller_id, x->first)) != CORE_OK)
		return er;
	while (er == CORE_OK && db_res_next(r)) {
		memset(&l, 0, sizeof(l));
		l.product_id = db_res_int(r, 1);
		l.quantity = 1;
		l.unit = l.amount = db_res_int(r, 3);
		snprintf(l.desc, sizeof(l.desc), "Azure plan consumption, %s, %s", db_res_str(r, 2), x->label);
		er = lines_add(v, n, &l);
	}
	db_res_free(r);
	return er;
}

/* mail - queue "invoice_issued" to the reseller (inside the transaction). */
static enum core_err
mail(struct db *db, const struct run *x, const char *to, const char *reseller, const char *distributor,
    const char *due_on, int terms, const struct line *v, size_t n)
{
	char total[48], amt[48], unit[48], subject[120];
	json_t *d, *lines;
	enum core_err er;
	size_t i;

	if ((lines = json_array()) == NULL)
		return CORE_ENOMEM;
	for (i = 0; i < n; i++) {
		money_format(v[i].amount, x->item->currency, amt, sizeof(amt));
		money_format(v[i].unit, x->item->currency, unit, sizeof(unit));
		if (json_array_append_new(lines, json_pack("{s:s, s:I, s:s, s:s}", "description", v[i].desc,
		    "quantity", (json_int_t)v[i].quantity, "unit", unit, "amount", amt)) != 0) {
			json_decref(lines);
			return CORE_ENOMEM;
		}
	}
	money_format(x->item->total, x->item->currency, total, sizeof(total));
	d = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:o}", "reseller_name", reseller,
	    "distributor_name", distributor, "company_name", distributor, "number", x->item->number, "period_label", x->label,
	    "issued_on", x->today, "due_on", due_on, "total", total, "payment_terms_days", terms,
	    "currency", x->item->currency, "lines", lines);
	if (d == NULL)
		return CORE_ENOMEM;
	snprintf(subject, sizeof(subject), "Invoice %s for %s", x->item->number, x->label);
	er = outbox_email(db, x->reseller_id, to, subject, "invoice_issued", d);
	json_decref(d);
	return er;
}

/* due_on - "YYYY-MM-DD" of today + terms days into out (11 bytes). */
static enum core_err
due_on(const char *today, int64_t terms, char *out)
{
	struct tm tm = { 0 };
	time_t t;

	if (sscanf(today, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3 || terms < 0 || terms > 365)
		return CORE_INVALID;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += (int)terms;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return CORE_OK;
}

static enum core_err
issue_txn(struct db *db, void *arg)
{
	struct run *x = arg;
	struct invoice_run_item *it = x->item;
	struct db_res *r = NULL;
	struct line *v = NULL;
	size_t n = 0, i;
	char name[201], dname[201], to[255], due[11];
	int64_t d, terms, id;
	enum core_err er;

	memset(it, 0, sizeof(*it));
	it->reseller_id = x->reseller_id;
	it->outcome = INVOICE_RUN_NOTHING;
	if ((er = db_query(db, &table, IR_RESELLER, &r, "i", x->reseller_id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	d = db_res_int(r, 0);
	str_copy(name, sizeof(name), db_res_str(r, 1));
	str_copy(to, sizeof(to), db_res_str(r, 2));
	str_copy(it->currency, sizeof(it->currency), db_res_str(r, 3));
	terms = db_res_int(r, 4);
	str_copy(dname, sizeof(dname), db_res_str(r, 5));
	db_res_free(r);

	/* the sequence first: every issuing transaction of the distributor queues here, then looks */
	if ((er = db_exec(db, &table, IR_SEQ_ENSURE, NULL, "isi", d, "INV", (int64_t)x->year)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, IR_EXISTING, &r, "is", x->reseller_id, x->first)) != CORE_OK)
		return er;
	if (db_res_next(r)) {
		it->outcome = INVOICE_RUN_PRESENT;
		it->invoice_id = db_res_int(r, 0);
		str_copy(it->number, sizeof(it->number), db_res_str(r, 1));
		it->total = db_res_int(r, 2);
		db_res_free(r);
		return CORE_OK;
	}
	db_res_free(r);

	if ((er = collect(db, x, &v, &n)) != CORE_OK || n == 0)
		goto out;
	for (i = 0; i < n; i++)
		if ((er = money_add(it->total, v[i].amount, &it->total)) != CORE_OK)
			goto out;
	if ((er = due_on(x->today, terms, due)) != CORE_OK)
		goto out;
	if ((er = invoice_run_number(db, d, "INV", x->year, it->number, sizeof(it->number))) != CORE_OK)
		goto out;
	if ((er = db_exec(db, &table, IR_INSERT, NULL, "iisssssssi", d, x->reseller_id, it->number, x->today,
	    due, x->first, x->last, x->first, it->currency, it->total)) != CORE_OK)
		goto out;
	id = (int64_t)db_insert_id(db);
	for (i = 0; i < n; i++)
		if ((er = db_exec(db, &table, IR_LINE, NULL, "iisIiii", id, (int64_t)(i + 1), v[i].desc,
		    v[i].product_id, v[i].quantity, v[i].unit, v[i].amount)) != CORE_OK)
			goto out;
	if ((er = db_exec(db, &table, IR_ISSUE, NULL, "i", id)) != CORE_OK)
		goto out;
	if ((er = webhook_emit(db, x->reseller_id, WEBHOOK_INVOICE_ISSUED, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)id, "number", it->number, "issued_on", x->today, "due_on", due, "period_start", x->first, "period_end", x->last, "currency", it->currency, "total", (json_int_t)it->total))) != CORE_OK)
		goto out;
	if (to[0] != '\0' && (er = mail(db, x, to, name, dname, due, (int)terms, v, n)) != CORE_OK)
		goto out;
	it->invoice_id = id;
	it->lines = (int)n;
	it->outcome = INVOICE_RUN_ISSUED;
out:
	free(v);
	return er;
}

/* month_bounds - first, last and next-month first day of "YYYY-MM"; the month's label. */
static void
month_bounds(const char *month, char *first, char *last, char *next, char *label, size_t lsz)
{
	unsigned y = (unsigned)atoi(month) % 10000u, m = (unsigned)atoi(month + 5) % 100u;
	struct tm tm = { 0 };
	time_t t;

	snprintf(first, 11, "%04u-%02u-01", y, m);
	snprintf(next, 11, "%04u-%02u-01", (m == 12 ? y + 1 : y) % 10000u, (m == 12 ? 1 : m + 1) % 100u);
	tm.tm_year = (int)(m == 12 ? y + 1 : y) - 1900;
	tm.tm_mon = m == 12 ? 0 : (int)m;
	tm.tm_mday = 0;		/* the day before the next month's first */
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(last, 11, "%Y-%m-%d", &tm);
	snprintf(label, lsz, "%s %04u", usage_month_name((int)m), y);
}

enum core_err
invoice_run_month(struct db *db, const struct actor *a, const char *month, struct invoice_run_result *res)
{
	char first[11], last[11], next[11], today[11];
	struct db_res *r = NULL;
	struct invoice_run_item *items = NULL;
	int64_t *ids = NULL, present, d;
	size_t n = 0, cap = 0, i;
	struct run x;
	struct tm tm;
	time_t now;
	enum core_err er;

	memset(res, 0, sizeof(*res));
	if ((er = actor_may(a, ACT_INVOICE_ISSUE)) != CORE_OK)
		return er;
	if (!invoice_run_month_ok(month))
		return CORE_INVALID;
	memset(&x, 0, sizeof(x));
	month_bounds(month, first, last, next, x.label, sizeof(x.label));
	now = db_now(db);
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (strcmp(next, today) > 0)
		return CORE_INVALID;	/* the month is not over */
	x.first = first;
	x.last = last;
	x.next = next;
	x.today = today;
	x.year = tm.tm_year + 1900;

	d = a->role == ROLE_SYSTEM && a->distributor_id <= 0 ? 0 : a->distributor_id;
	if ((er = db_query(db, &table, IR_RESELLERS, &r, "ii", d, d)) != CORE_OK)
		return er;
	while (db_res_next(r)) {
		if (n == cap) {
			int64_t *p = realloc(ids, (cap = cap ? cap * 2 : 64) * sizeof(*ids));

			if (p == NULL) {
				db_res_free(r);
				free(ids);
				return CORE_ENOMEM;
			}
			ids = p;
		}
		ids[n++] = db_res_int(r, 0);
	}
	db_res_free(r);
	if (n > 0 && (items = calloc(n, sizeof(*items))) == NULL) {
		free(ids);
		return CORE_ENOMEM;
	}
	res->items = items;
	for (i = 0; i < n; i++) {
		x.reseller_id = ids[i];
		x.item = &items[res->n];
		/* the common case of a second run: present, seen without a lock */
		if ((er = db_query(db, &table, IR_PRESENT, &r, "is", ids[i], first)) != CORE_OK)
			break;
		present = db_res_next(r);
		if (present) {
			memset(x.item, 0, sizeof(*x.item));
			x.item->reseller_id = ids[i];
			x.item->outcome = INVOICE_RUN_PRESENT;
			x.item->invoice_id = db_res_int(r, 0);
			str_copy(x.item->number, sizeof(x.item->number), db_res_str(r, 1));
			x.item->total = db_res_int(r, 2);
			str_copy(x.item->currency, sizeof(x.item->currency), db_res_str(r, 3));
		}
		db_res_free(r);
		if (!present && (er = db_txn(db, issue_txn, &x)) != CORE_OK)
			break;
		switch (x.item->outcome) {
		case INVOICE_RUN_ISSUED: res->issued++; break;
		case INVOICE_RUN_PRESENT: res->present++; break;
		case INVOICE_RUN_NOTHING: res->nothing++; break;
		}
		res->n++;
	}
	free(ids);
	return er;
}

void
invoice_run_result_free(struct invoice_run_result *res)
{
	if (res == NULL)
		return;
	free(res->items);
	memset(res, 0, sizeof(*res));
}
