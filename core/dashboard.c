#include <stdio.h>
#include <string.h>
#include "dashboard.h"
#include "money.h"
#include "mrr.h"
#include "str.h"

enum {
	DASH_CURRENCY,
	DASH_PRODUCTS,
	DASH_USAGE_COST,
	DASH_INVOICES,
	DASH__MAX
};

static const char *const sql[DASH__MAX] = {
	[DASH_CURRENCY] = "SELECT currency FROM resellers WHERE id = ?",
	/*
	 * One row per product with active subscriptions, most subscribed
	 * first: the inner GROUP BY walks ix_subscriptions_status
	 * (reseller_id, status, product_id) in order, without a temporary
	 * table; the totals are the sums of these rows, the top 10 their head.
	 */
	[DASH_PRODUCTS] =
	    "SELECT t.product_id, p.name, p.type, t.n, t.q, t.cost FROM"
	    " (SELECT s.product_id, COUNT(*) AS n, SUM(s.quantity) AS q,"
	    "   SUM(" MRR_SQL_MONTHLY("unit_cost") ") AS cost"
	    "  FROM subscriptions s WHERE s.reseller_id = ? AND s.status = 'active'"
	    "  GROUP BY s.product_id) AS t"
	    " JOIN products p ON p.id = t.product_id"
	    " ORDER BY t.n DESC, p.name, p.id",
	[DASH_USAGE_COST] =
	    "SELECT COALESCE(SUM(m.cost), 0) FROM usage_monthly_totals m"
	    " WHERE m.reseller_id = ? AND " MRR_SQL_ROLLUP_THIS_MONTH("m"),
	/* balance, overdue amount, overdue count over open invoices */
	[DASH_INVOICES] =
	    "SELECT COALESCE(SUM(o.due), 0), COALESCE(SUM(IF(o.overdue, o.due, 0)), 0), COALESCE(SUM(o.overdue), 0)"
	    " FROM (SELECT i.total - (SELECT COALESCE(SUM(pm.amount), 0) FROM payments pm"
	    "         WHERE pm.invoice_id = i.id AND pm.reseller_id = i.reseller_id) AS due,"
	    "       i.due_on < UTC_DATE() AS overdue"
	    "     FROM invoices i WHERE i.reseller_id = ? AND i.status = 'open') AS o",
};

static const struct db_table table = { DB_MOD_DASHBOARD, sql, DASH__MAX };

/* mix - group the top products by type, largest first (ties in enum order). */
static void
mix(struct dashboard *d)
{
	int64_t count[PRODUCT_TYPE__MAX] = { 0 }, total = 0;
	size_t i, j;
	int t;

	for (i = 0; i < d->ntop; i++) {
		count[d->top[i].type] += d->top[i].subscriptions;
		total += d->top[i].subscriptions;
	}
	for (t = 0; t < PRODUCT_TYPE__MAX; t++) {
		struct dashboard_type x;

		if (count[t] == 0)
			continue;
		x.type = (enum product_type)t;
		x.subscriptions = count[t];
		x.share_bp = (int32_t)((count[t] * 10000 + total / 2) / total);
		for (j = d->ntypes; j > 0 && d->mix[j - 1].subscriptions < x.subscriptions; j--)
			d->mix[j] = d->mix[j - 1];
		d->mix[j] = x;
		d->ntypes++;
	}
}

enum core_err
dashboard_get(struct db *db, const struct actor *a, struct dashboard *out)
{
	struct db_res *r;
	int64_t rid, usage = 0;
	enum core_err er;
	int type;

	memset(out, 0, sizeof(*out));
	if ((er = actor_may(a, ACT_DASHBOARD_READ)) != CORE_OK)
		return er;
	rid = a->reseller_id;

	if ((er = db_query(db, &table, DASH_CURRENCY, &r, "i", rid)) != CORE_OK)
		return er;
	if (db_res_next(r))
		str_copy(out->currency, sizeof(out->currency), db_res_str(r, 0));
	else
		er = CORE_NOTFOUND;
	db_res_free(r);
	if (er != CORE_OK)
		return er;

	if ((er = db_query(db, &table, DASH_PRODUCTS, &r, "i", rid)) != CORE_OK)
		return er;
	while (er == CORE_OK && db_res_next(r)) {
		int64_t n = db_res_int(r, 3), q = db_res_int(r, 4), cost = db_res_int(r, 5);

		type = product_type_parse(db_res_str(r, 2));
		if (out->ntop < DASHBOARD_TOP) {
			struct dashboard_product *p = &out->top[out->ntop++];

			p->product_id = db_res_int(r, 0);
			str_copy(p->name, sizeof(p->name), db_res_str(r, 1));
			p->type = type < 0 ? PRODUCT_LICENSE : (enum product_type)type;
			p->subscriptions = n;
		}
		out->subscriptions_sold += n;
		if (type == PRODUCT_LICENSE && (er = money_add(out->licences_sold, q, &out->licences_sold)) != CORE_OK)
			break;
		er = money_add(out->monthly_costs, cost, &out->monthly_costs);
	}
	db_res_free(r);
	if (er != CORE_OK)
		return er;
	mix(out);

	if ((er = db_query_int(db, &table, DASH_USAGE_COST, &usage, "i", rid)) != CORE_OK)
		return er;
	if ((er = money_add(out->monthly_costs, usage, &out->monthly_costs)) != CORE_OK)
		return er;

	if ((er = mrr_reseller(db, rid, &out->mrr)) != CORE_OK)
		return er;

	if ((er = db_query(db, &table, DASH_INVOICES, &r, "i", rid)) != CORE_OK)
		return er;
	if (db_res_next(r)) {
		out->balance = db_res_int(r, 0);
		out->overdue_amount = db_res_int(r, 1);
		out->overdue_invoices = db_res_int(r, 2);
	}
	db_res_free(r);
	return CORE_OK;
}
