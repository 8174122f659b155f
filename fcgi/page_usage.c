/*
 * page_usage.c - the consumption of an Azure plan subscription.
 *
 *   /account/usage                              -> the first Azure plan's page
 *   /account/subscriptions/ID/usage?month=YYYY-MM   the month (default: this one) by
 *                                               service and by meter, at the reseller's
 *                                               prices, the month-end estimate, earlier months
 *   /account/subscriptions/ID/usage.svg?month=  the daily chart, drawn by core (no script)
 *
 * Figures come rounded from core (usage.h): every total is the sum of
 * the rounded amounts shown.  ?period= is accepted as well as ?month=
 * (the theme's month picker sends period).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "account.h"
#include "page.h"
#include "render.h"
#include "subscription.h"
#include "usage.h"

/* month_or_404 - the month asked for (default: the current UTC one) into *y, *m; replies 404 when malformed. */
static int
month_or_404(struct request *req, int *y, int *m)
{
	const char *s = request_param(req, "month");
	time_t now = db_now(req->db);
	struct tm tm;

	gmtime_r(&now, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	if (s == NULL || *s == '\0')
		s = request_param(req, "period");
	if (s == NULL || *s == '\0')
		return 0;
	if (strlen(s) != 7 || s[4] != '-' || sscanf(s, "%4d-%2d", y, m) != 2 || *y < 2000 || *y > 2100 ||
	    *m < 1 || *m > 12) {
		page_error(req, 404);
		return -1;
	}
	return 0;
}

void
page_usage_index(struct request *req, const char *arg)
{
	struct subscription_filter f = { .status = -1, .product_type = "usage", .sort = SUB_SORT_PRODUCT };
	struct db_page pg = { 0, 1 };
	struct subscription_list list = { 0 };
	enum core_err er;

	(void)arg;
	if ((er = subscription_list(req->db, &req->actor, &f, &pg, &list)) != CORE_OK) {
		account_fail(req, er, "usage");
		return;
	}
	if (list.n == 0)
		page_error_text(req, 404, "No Azure plan", "Your company has no Azure plan subscription.");
	else
		account_redirect(req, PAGE_USAGE, NULL, list.items[0].id);
	subscription_list_free(&list);
}

/*
 * report_or_reply - the usage report r of the subscription in arg for the
 * month asked for (its id, year and month in *id, *y, *m); -1 after the
 * reply (404, or account_fail naming what).
 */
static int
report_or_reply(struct request *req, const char *arg, int64_t *id, int *y, int *m, struct usage_report *r,
    const char *what)
{
	enum core_err er;

	memset(r, 0, sizeof(*r));
	if (account_id_or_404(req, arg, id) != 0 || month_or_404(req, y, m) != 0)
		return -1;
	if ((er = usage_month(req->db, &req->actor, *id, *y, *m, r)) != CORE_OK) {
		account_fail(req, er, what);
		return -1;
	}
	return 0;
}

static void
add_period(json_t *periods, int y, int m, int sel_y, int sel_m)
{
	char value[8], label[32];
	size_t i;
	json_t *p;

	snprintf(value, sizeof(value), "%04d-%02d", y, m);
	json_array_foreach(periods, i, p)
		if (strcmp(json_string_value(json_object_get(p, "value")), value) == 0)
			return;
	snprintf(label, sizeof(label), "%s %d", usage_month_name(m), y);
	json_array_append_new(periods, json_pack("{s:s, s:s, s:b}", "value", value, "label", label,
	    "selected", y == sel_y && m == sel_m));
}

void
page_usage(struct request *req, const char *arg)
{
	struct usage_report r;
	struct usage_month_list months = { 0 };
	json_t *ctx, *u, *rows, *row, *periods;
	char title[300], label[64], alt[400];
	struct buf chart = { 0 };
	int64_t id;
	int y, m, cy, cm;
	enum core_err er;
	size_t i;

	if (report_or_reply(req, arg, &id, &y, &m, &r, "usage") != 0)
		return;
	if ((er = usage_months(req->db, &req->actor, id, &months)) != CORE_OK) {
		usage_report_free(&r);
		account_fail(req, er, "usage months");
		return;
	}
	snprintf(title, sizeof(title), "Azure usage: %s", r.product_name);
	if ((ctx = account_context(req, "usage", "usage", title)) == NULL || (u = usage_to_json(&r)) == NULL) {
		json_decref(ctx);
		usage_report_free(&r);
		usage_month_list_free(&months);
		page_error(req, 500);
		return;
	}
	json_object_set_new(u, "subscription_name", json_string(r.product_name));
	json_object_set_new(u, "subscription_url", page_url(req, PAGE_SUBSCRIPTION, id));
	json_object_set_new(u, "action", page_url(req, PAGE_USAGE, id));
	page_path(&chart, req, PAGE_USAGE_SVG, id);
	buf_printf(&chart, "?month=%04d-%02d", y, m);
	json_object_set_new(u, "chart_url", json_string(buf_cstr(&chart)));
	buf_free(&chart);
	snprintf(alt, sizeof(alt), "Daily usage of %s in %s %d: %s in total.", r.product_name, usage_month_name(m), y,
	    json_string_value(json_object_get(u, "total")));
	json_object_set_new(u, "chart_alt", json_string(alt));
	if (r.is_current)
		json_object_set_new(u, "total_label", json_string("so far this month"));
	else {
		snprintf(label, sizeof(label), "in %s %d", usage_month_name(m), y);
		json_object_set_new(u, "total_label", json_string(label));
	}
	/* the theme's per-meter rows: resource = the service */
	rows = json_object_get(u, "rows");
	json_array_foreach(rows, i, row) {
		json_object_set(row, "resource", json_object_get(row, "service"));
		json_object_set_new(row, "resource_group", json_string(""));
	}
	periods = json_array();
	{
		time_t now = db_now(req->db);
		struct tm tm;

		gmtime_r(&now, &tm);
		cy = tm.tm_year + 1900;
		cm = tm.tm_mon + 1;
	}
	add_period(periods, cy, cm, y, m);
	for (i = 0; i < months.n; i++)
		add_period(periods, months.items[i].year, months.items[i].month, y, m);
	add_period(periods, y, m, y, m);
	json_object_set_new(u, "periods", periods);
	json_object_set_new(u, "note", json_string(r.is_current ?
	    "Prices excluding VAT. Usage is added daily; the forecast projects this month's usage so far to the end of the month." :
	    "Prices excluding VAT."));
	json_object_set_new(ctx, "usage", u);
	usage_report_free(&r);
	usage_month_list_free(&months);
	page_render(req, 200, "usage", ctx);
}

void
page_usage_svg(struct request *req, const char *arg)
{
	struct usage_report r;
	struct buf svg = { 0 };
	int64_t id;
	int y, m;
	enum core_err er;

	if (report_or_reply(req, arg, &id, &y, &m, &r, "usage chart") != 0)
		return;
	er = usage_chart_svg(&r, &svg);
	usage_report_free(&r);
	if (er != CORE_OK) {
		buf_free(&svg);
		account_fail(req, er, "usage chart");
		return;
	}
	request_header(req, "Cache-Control: private, no-store");
	request_reply(req, 200, "image/svg+xml; charset=utf-8", svg.data ? svg.data : "", svg.len);
	buf_free(&svg);
}
