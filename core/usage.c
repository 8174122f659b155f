/*
 * usage.c - Azure plan consumption reports and their SVG chart.
 *
 * One query reads a month's rows of one subscription grouped per (day,
 * service, meter, unit) with their charges (mrr.h, per row) summed; every
 * figure of the report is summed from those amounts in C.  The months
 * list reads the monthly rollup (usage_monthly), which sums the same
 * charges, so a month's total there and on its report agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "money.h"
#include "mrr.h"
#include "usage.h"
#include "str.h"

#define SCOPE_SQL ACTOR_SCOPE_SQL(s)
#define SCOPE_T ACTOR_SCOPE_T
#define SCOPE_ARGS ACTOR_SCOPE_ARGS

enum {
	USG_SUB,
	USG_MONTH_ROWS,
	USG_MONTHS,
	USG_MONTH_GROUPS,
	USG__MAX
};

static const char *const sql[USG__MAX] = {
	[USG_SUB] =
	    "SELECT s.id, s.reseller_id, p.name, p.type, r.currency, s.markup_bp"
	    " FROM subscriptions s JOIN resellers r ON r.id = s.reseller_id"
	    " JOIN products p ON p.id = s.product_id"
	    " WHERE s.id = ? AND" SCOPE_SQL,
	/* one subscription's month: its raw rows, each charged as mrr.h says */
	[USG_MONTH_ROWS] =
	    "SELECT DAY(u.usage_date), u.service, u.meter, u.unit, SUM(" MRR_SQL_USAGE_CHARGE "),"
	    " SUM(SUM(u.quantity)) OVER (PARTITION BY u.service, u.meter, u.unit)"
	    " FROM usage_records u JOIN subscriptions s ON s.reseller_id = u.reseller_id AND s.id = u.subscription_id"
	    " WHERE u.reseller_id = ? AND u.subscription_id = ?"
	    " AND u.usage_date >= ? AND u.usage_date < ? + INTERVAL 1 MONTH"
	    " GROUP BY u.usage_date, u.service, u.meter, u.unit ORDER BY u.service, u.meter, u.unit, u.usage_date",
	/* one subscription's month by resource group, when any row has one */
	[USG_MONTH_GROUPS] =
	    "SELECT COALESCE(u.resource_group, ''), SUM(" MRR_SQL_USAGE_CHARGE "), MAX(u.resource_group IS NOT NULL)"
	    " OVER () FROM usage_records u JOIN subscriptions s ON s.reseller_id = u.reseller_id AND s.id = u.subscription_id"
	    " WHERE u.reseller_id = ? AND u.subscription_id = ?"
	    " AND u.usage_date >= ? AND u.usage_date < ? + INTERVAL 1 MONTH"
	    " GROUP BY 1 ORDER BY 2 DESC, 1",
	/* the months list: the monthly rollup */
	[USG_MONTHS] =
	    "SELECT YEAR(month), MONTH(month), SUM(price) FROM usage_monthly"
	    " WHERE reseller_id = ? AND subscription_id = ?"
	    " GROUP BY month ORDER BY month DESC",
};

static const struct db_table table = { DB_MOD_USAGE, sql, USG__MAX };

static const char *const month_names[13] = {
	"", "January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December",
};

const char *
usage_month_name(int month)
{
	return month >= 1 && month <= 12 ? month_names[month] : "";
}

void
usage_report_free(struct usage_report *r)
{
	if (r == NULL)
		return;
	free(r->services);
	free(r->meters);
	free(r->groups);
	r->services = NULL;
	r->meters = NULL;
	r->groups = NULL;
	r->nservices = r->nmeters = r->ngroups = 0;
}

DB_LIST_FREE_FN(usage_month_list_free, usage_month_list)

static int
days_in(int year, int month)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return d[month - 1];
}

/* the subscription in scope, a usage plan: its reseller, name, currency and markup */
static enum core_err
load_sub(struct db *db, const struct actor *a, int64_t id, int64_t *reseller_id, char *name, size_t namesz,
    char currency[4], int32_t *markup)
{
	struct actor_scope s;
	struct db_res *res = NULL;
	enum core_err er;

	if ((er = actor_scope(a, ACT_SUBSCRIPTION_MANAGE, 1, 0, &s)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, USG_SUB, &res, "i" SCOPE_T, id, SCOPE_ARGS(s))) != CORE_OK)
		return er;
	if (!db_res_next(res)) {
		db_res_free(res);
		return CORE_NOTFOUND;
	}
	*reseller_id = db_res_int(res, 1);
	str_copy(name, namesz, db_res_str(res, 2));
	if (strcmp(db_res_str(res, 3), "usage") != 0)
		er = CORE_INVALID;
	str_copy(currency, 4, db_res_str(res, 4));
	*markup = (int32_t)db_res_int(res, 5);
	db_res_free(res);
	return er;
}

static void
trim_decimal(char *dst, size_t n, const char *s)
{
	size_t len;

	str_copy(dst, n, s);
	if (strchr(dst, '.') == NULL)
		return;
	len = strlen(dst);
	while (len > 0 && dst[len - 1] == '0')
		dst[--len] = '\0';
	if (len > 0 && dst[len - 1] == '.')
		dst[--len] = '\0';
}

static int
by_price_desc(const void *x, const void *y)
{
	const struct usage_service *a = x, *b = y;

	if (a->price != b->price)
		return a->price > b->price ? -1 : 1;
	return strcmp(a->service, b->service);
}

/* load_groups - r's month by resource group; none when no row names one. */
static enum core_err
load_groups(struct db *db, int64_t reseller_id, const char *first, struct usage_report *r)
{
	struct db_res *res = NULL;
	size_t cap;
	enum core_err er;

	if ((er = db_query(db, &table, USG_MONTH_GROUPS, &res, "iiss", reseller_id, r->subscription_id,
	    first, first)) != CORE_OK)
		return er;
	cap = db_res_rows(res);
	if (cap > 0 && (r->groups = calloc(cap, sizeof(*r->groups))) == NULL)
		er = CORE_ENOMEM;
	while (er == CORE_OK && db_res_next(res)) {
		if (db_res_int(res, 2) == 0)
			break;	/* no row has a group */
		str_copy(r->groups[r->ngroups].name, sizeof(r->groups[0].name), db_res_str(res, 0));
		r->groups[r->ngroups++].price = db_res_int(res, 1);
	}
	db_res_free(res);
	return er;
}

enum core_err
usage_month(struct db *db, const struct actor *a, int64_t subscription_id, int year, int month,
    struct usage_report *out)
{
	struct db_res *res = NULL;
	int64_t reseller_id = 0, price;
	char first[11];
	time_t now = db_now(db);
	struct tm tm;
	size_t cap, i;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if (year < 2000 || year > 2100 || month < 1 || month > 12)
		return CORE_RANGE;
	if ((er = load_sub(db, a, subscription_id, &reseller_id, out->product_name, sizeof(out->product_name),
	    out->currency, &out->markup_bp)) != CORE_OK)
		return er;
	out->subscription_id = subscription_id;
	out->year = year;
	out->month = month;
	out->days_in_month = days_in(year, month);
	gmtime_r(&now, &tm);
	if (year * 12 + month < (tm.tm_year + 1900) * 12 + tm.tm_mon + 1)
		out->days_elapsed = out->days_in_month;
	else if (year * 12 + month == (tm.tm_year + 1900) * 12 + tm.tm_mon + 1) {
		out->days_elapsed = tm.tm_mday;
		out->is_current = 1;
	}
	snprintf(first, sizeof(first), "%04d-%02d-01", year, month);
	if ((er = db_query(db, &table, USG_MONTH_ROWS, &res, "iiss", reseller_id, subscription_id,
	    first, first)) != CORE_OK)
		return er;
	cap = db_res_rows(res);
	if (cap > 0 && ((out->meters = calloc(cap, sizeof(*out->meters))) == NULL ||
	    (out->services = calloc(cap, sizeof(*out->services))) == NULL)) {
		db_res_free(res);
		usage_report_free(out);
		return CORE_ENOMEM;
	}
	while (db_res_next(res)) {
		int day = (int)db_res_int(res, 0);
		struct usage_meter *m = out->nmeters ? &out->meters[out->nmeters - 1] : NULL;
		struct usage_service *sv = out->nservices ? &out->services[out->nservices - 1] : NULL;

		price = db_res_int(res, 4);
		if (m == NULL || strcmp(m->service, db_res_str(res, 1)) != 0 ||
		    strcmp(m->meter, db_res_str(res, 2)) != 0 || strcmp(m->unit, db_res_str(res, 3)) != 0) {
			m = &out->meters[out->nmeters++];
			str_copy(m->service, sizeof(m->service), db_res_str(res, 1));
			str_copy(m->meter, sizeof(m->meter), db_res_str(res, 2));
			str_copy(m->unit, sizeof(m->unit), db_res_str(res, 3));
			trim_decimal(m->quantity, sizeof(m->quantity), db_res_str(res, 5));
		}
		if (sv == NULL || strcmp(sv->service, db_res_str(res, 1)) != 0) {
			sv = &out->services[out->nservices++];
			str_copy(sv->service, sizeof(sv->service), db_res_str(res, 1));
		}
		if ((er = money_add(m->price, price, &m->price)) != CORE_OK ||
		    (er = money_add(sv->price, price, &sv->price)) != CORE_OK ||
		    (er = money_add(out->total, price, &out->total)) != CORE_OK)
			break;
		if (day >= 1 && day <= USAGE_DAYS_MAX &&
		    (er = money_add(out->daily[day - 1], price, &out->daily[day - 1])) != CORE_OK)
			break;
	}
	db_res_free(res);
	if (er == CORE_OK)
		er = load_groups(db, reseller_id, first, out);
	if (er != CORE_OK) {
		usage_report_free(out);
		return er;
	}
	for (i = 0; i < out->nservices; i++)
		out->services[i].percent = out->total > 0 ?
		    (int)((out->services[i].price * 200 / out->total + 1) / 2) : 0;
	if (out->nservices > 1)
		qsort(out->services, out->nservices, sizeof(*out->services), by_price_desc);
	if (out->is_current && out->days_elapsed > 0) {
		int64_t num;

		/* half-up: (2 x total x days + elapsed) / (2 x elapsed) */
		if (__builtin_mul_overflow(out->total, (int64_t)out->days_in_month * 2, &num) ||
		    __builtin_add_overflow(num, (int64_t)out->days_elapsed, &num)) {
			usage_report_free(out);
			return CORE_RANGE;
		}
		out->estimate = num / (2 * (int64_t)out->days_elapsed);
	} else {
		out->estimate = out->total;
	}
	return CORE_OK;
}

enum core_err
usage_months(struct db *db, const struct actor *a, int64_t subscription_id, struct usage_month_list *out)
{
	struct db_res *res = NULL;
	int64_t reseller_id = 0, price;
	int32_t markup = 0;
	char name[201];
	size_t cap;
	enum core_err er;

	memset(out, 0, sizeof(*out));
	if ((er = load_sub(db, a, subscription_id, &reseller_id, name, sizeof(name), out->currency,
	    &markup)) != CORE_OK)
		return er;
	if ((er = db_query(db, &table, USG_MONTHS, &res, "ii", reseller_id, subscription_id)) != CORE_OK)
		return er;
	cap = db_res_rows(res);
	if (cap > 0 && (out->items = calloc(cap, sizeof(*out->items))) == NULL) {
		db_res_free(res);
		return CORE_ENOMEM;
	}
	while (db_res_next(res)) {
		int y = (int)db_res_int(res, 0), m = (int)db_res_int(res, 1);
		struct usage_month_total *t = out->n ? &out->items[out->n - 1] : NULL;

		price = db_res_int(res, 2);
		if (t == NULL || t->year != y || t->month != m) {
			t = &out->items[out->n++];
			t->year = y;
			t->month = m;
		}
		if ((er = money_add(t->total, price, &t->total)) != CORE_OK)
			break;
	}
	db_res_free(res);
	if (er != CORE_OK)
		usage_month_list_free(out);
	return er;
}

/* ---- SVG -------------------------------------------------------------- */

/* xml_text - append s with & < > " ' escaped (safe in text and attribute values). */
static enum core_err
xml_text(struct buf *b, const char *s)
{
	enum core_err er = CORE_OK;
	const char *run = s;

	for (; *s && er == CORE_OK; s++) {
		const char *rep = NULL;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			/* control characters are not allowed in XML 1.0 */
			if ((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r')
				rep = " ";
			break;
		}
		if (rep == NULL)
			continue;
		if ((er = buf_append(b, run, (size_t)(s - run))) == CORE_OK)
			er = buf_puts(b, rep);
		run = s + 1;
	}
	if (er == CORE_OK)
		er = buf_puts(b, run);
	return er;
}

/* nice_max - a round axis maximum >= v: 1, 2, 2.5 or 5 times a power of ten. */
static int64_t
nice_max(int64_t v)
{
	int64_t p = 1;

	if (v <= 0)
		return 100;
	while (p <= v / 10)
		p *= 10;
	if (v <= p)
		return p;
	if (v <= 2 * p)
		return 2 * p;
	if (v <= 5 * p / 2 && p >= 10)
		return 5 * p / 2;
	if (v <= 5 * p)
		return 5 * p;
	return 10 * p;
}

#define SVG_W   720
#define SVG_H   260
#define PAD_L   80
#define PAD_R   16
#define PAD_T   16
#define PAD_B   48

enum core_err
usage_chart_svg(const struct usage_report *r, struct buf *out)
{
	char amount[48], top[48], label[512];
	int64_t max = 0, axis;
	int days = r->days_in_month > 0 && r->days_in_month <= USAGE_DAYS_MAX ? r->days_in_month : 31;
	int plot_w = SVG_W - PAD_L - PAD_R, plot_h = SVG_H - PAD_T - PAD_B, i, maxday = 0;
	double bw = (double)plot_w / days;
	enum core_err er = CORE_OK;

#define P(...) do { if (er == CORE_OK) er = buf_printf(out, __VA_ARGS__); } while (0)
#define T(s)   do { if (er == CORE_OK) er = xml_text(out, (s)); } while (0)

	for (i = 0; i < days; i++)
		if (r->daily[i] > max) {
			max = r->daily[i];
			maxday = i + 1;
		}
	axis = nice_max(max);
	money_format(r->total, r->currency, amount, sizeof(amount));
	snprintf(label, sizeof(label), "Daily usage of %s in %s %d", r->product_name,
	    usage_month_name(r->month), r->year);

	P("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"usage-chart\" viewBox=\"0 0 %d %d\""
	    " width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"usage-title-%lld usage-desc-%lld\""
	    " aria-label=\"", SVG_W, SVG_H, SVG_W, SVG_H, (long long)r->subscription_id,
	    (long long)r->subscription_id);
	T(label);
	P("\">\n<title id=\"usage-title-%lld\">", (long long)r->subscription_id);
	T(label);
	P("</title>\n<desc id=\"usage-desc-%lld\">", (long long)r->subscription_id);
	snprintf(label, sizeof(label), "Bar chart with one bar per day of %s %d. Total %s.",
	    usage_month_name(r->month), r->year, amount);
	T(label);
	if (maxday > 0) {
		money_format(max, r->currency, top, sizeof(top));
		snprintf(label, sizeof(label), " Highest day: %d %s with %s.", maxday,
		    usage_month_name(r->month), top);
		T(label);
	} else {
		T(" No usage in this month.");
	}
	P("</desc>\n");

	/* axes and gridlines: 0, half, top */
	P("<g class=\"axis\" font-size=\"12\" fill=\"currentColor\">\n");
	for (i = 0; i <= 2; i++) {
		int y = PAD_T + plot_h - plot_h * i / 2;

		money_format(axis * i / 2, r->currency, top, sizeof(top));
		P("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"currentColor\" stroke-opacity=\"%s\"/>\n",
		    PAD_L, y, SVG_W - PAD_R, y, i == 0 ? "0.6" : "0.15");
		P("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", PAD_L - 6, y + 4);
		T(top);
		P("</text>\n");
	}
	for (i = 1; i <= days; i++) {
		if (i != 1 && i % 5 != 0 && i != days)
			continue;
		if (i == days && days % 5 != 0 && days - (days / 5) * 5 < 2)
			continue;	/* too close to the previous label */
		P("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
		    PAD_L + bw * (i - 1) + bw / 2, PAD_T + plot_h + 16, i);
	}
	P("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", PAD_L + plot_w / 2, SVG_H - 8);
	snprintf(label, sizeof(label), "Day of %s", usage_month_name(r->month));
	T(label);
	P("</text>\n");
	P("<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">",
	    PAD_T + plot_h / 2, PAD_T + plot_h / 2);
	snprintf(label, sizeof(label), "Amount (%s)", r->currency);
	T(label);
	P("</text>\n</g>\n");

	P("<g class=\"bars\" fill=\"currentColor\">\n");
	for (i = 0; i < days; i++) {
		double h = (double)r->daily[i] / (double)axis * plot_h;

		money_format(r->daily[i], r->currency, top, sizeof(top));
		P("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">",
		    PAD_L + bw * i + bw * 0.15, PAD_T + plot_h - h, bw * 0.7, h);
		snprintf(label, sizeof(label), "%d %s: %s", i + 1, usage_month_name(r->month), top);
		P("<title>");
		T(label);
		P("</title></rect>\n");
	}
	P("</g>\n</svg>\n");
#undef P
#undef T
	return er;
}

json_t *
usage_to_json(const struct usage_report *r)
{
	json_t *j, *services, *rows, *days, *groups;
	char a[48], b[48], period[8], label[32];
	size_t i;

	services = json_array();
	rows = json_array();
	days = json_array();
	groups = json_array();
	if (services == NULL || rows == NULL || days == NULL || groups == NULL)
		goto fail;
	for (i = 0; i < r->ngroups; i++) {
		money_format(r->groups[i].price, r->currency, a, sizeof(a));
		if (json_array_append_new(groups, json_pack("{s:s, s:s}", "name", r->groups[i].name, "cost", a)) != 0)
			goto fail;
	}
	for (i = 0; i < r->nservices; i++) {
		money_format(r->services[i].price, r->currency, a, sizeof(a));
		if (json_array_append_new(services, json_pack("{s:s, s:i, s:s}", "name", r->services[i].service,
		    "percent", r->services[i].percent, "cost", a)) != 0)
			goto fail;
	}
	for (i = 0; i < r->nmeters; i++) {
		const struct usage_meter *m = &r->meters[i];

		money_format(m->price, r->currency, a, sizeof(a));
		if (json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:s, s:s}", "service", m->service,
		    "meter", m->meter, "quantity", m->quantity, "unit", m->unit, "cost", a)) != 0)
			goto fail;
	}
	for (i = 0; i < (size_t)r->days_in_month && i < USAGE_DAYS_MAX; i++) {
		money_format(r->daily[i], r->currency, a, sizeof(a));
		if (json_array_append_new(days, json_pack("{s:i, s:s}", "day", (int)i + 1, "amount", a)) != 0)
			goto fail;
	}
	money_format(r->total, r->currency, a, sizeof(a));
	money_format(r->estimate, r->currency, b, sizeof(b));
	snprintf(period, sizeof(period), "%04d-%02d", r->year, r->month);
	snprintf(label, sizeof(label), "%s %d", usage_month_name(r->month), r->year);
	j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:b, s:b, s:o, s:o, s:o}",
	    "subscription_id", (json_int_t)r->subscription_id, "name", r->product_name,
	    "period", period, "period_label", label, "total", a,
	    "total_minor", (json_int_t)r->total,
	    "empty", r->nmeters == 0, "is_current", r->is_current,
	    "services", services, "rows", rows, "days", days);
	if (j != NULL) {
		json_object_set_new(j, "has_groups", json_boolean(r->ngroups > 0));
		json_object_set_new(j, "groups", groups);
		groups = NULL;
	}
	json_decref(groups);
	if (j != NULL && r->is_current) {
		json_object_set_new(j, "forecast", json_string(b));
		json_object_set_new(j, "forecast_minor", json_integer(r->estimate));
	}
	return j;
fail:
	json_decref(services);
	json_decref(rows);
	json_decref(days);
	json_decref(groups);
	return NULL;
}
