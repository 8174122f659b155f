/*
 * subscription_remind.c - the "your trial ends in 7 days" e-mail
 * (subscription_trial_reminders in subscription.h): once a trial,
 * marked by subscriptions.trial_reminded_on in the transaction that
 * queues it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "money.h"
#include "outbox.h"
#include "storefront.h"
#include "str.h"
#include "subscription.h"

#define REMIND_DAYS  7	/* the e-mail goes out this many days before trial_ends_on */
#define REMIND_BATCH 100	/* trials per transaction */
#define SQL_NUM_(n) #n
#define SQL_NUM(n)  SQL_NUM_(n)

enum {
	SR_LOCK,
	SR_ROW,
	SR_MARK,
	SR__MAX
};

#define REMIND_DUE \
	" s.status = 'trial' AND s.trial_ends_on = ? + INTERVAL " SQL_NUM(REMIND_DAYS) " DAY AND s.trial_reminded_on IS NULL"

static const char *const sql[SR__MAX] = {
	/*
	 * only subscriptions rows are locked (a locking read does not lock
	 * the subquery's rows); a trial another worker holds is skipped:
	 * that worker reminds it
	 */
	[SR_LOCK] =
	    "SELECT s.id FROM subscriptions s WHERE" REMIND_DUE
	    " AND (? = 0 OR s.reseller_id IN (SELECT id FROM resellers WHERE distributor_id = ?))"
	    " ORDER BY s.id LIMIT " SQL_NUM(REMIND_BATCH) " FOR UPDATE SKIP LOCKED",
	/* what the e-mail says, and to whom: who asked for the trial while active, else the customer */
	[SR_ROW] =
	    "SELECT s.reseller_id, s.customer_id, c.name, COALESCE(u.email, c.email), p.name, s.quantity,"
	    " s.unit_price, s.billing_period, DATE_FORMAT(s.trial_ends_on, '%Y-%m-%d'), r.currency,"
	    " COALESCE(sf.company_name, r.name), COALESCE(sf.slug, ''), COALESCE(sf.custom_domain, ''),"
	    " COALESCE(d.storefront_base_domain, ''),"
	    " sf.reseller_id IS NOT NULL AND r.edition IN ('standard', 'professional') AND r.status = 'active',"
	    " p.type"
	    " FROM subscriptions s JOIN resellers r ON r.id = s.reseller_id"
	    " JOIN distributors d ON d.id = r.distributor_id"
	    " JOIN customers c ON c.reseller_id = s.reseller_id AND c.id = s.customer_id"
	    " JOIN products p ON p.id = s.product_id"
	    " LEFT JOIN order_lines ol ON ol.id = s.order_line_id"
	    " LEFT JOIN orders o ON o.id = ol.order_id"
	    " LEFT JOIN storefront_users u ON u.id = o.placed_by_user_id AND u.reseller_id = s.reseller_id"
	    "  AND u.customer_id = s.customer_id AND u.active = 1"
	    " LEFT JOIN storefronts sf ON sf.reseller_id = s.reseller_id"
	    " WHERE s.id = ?",
	/* the guard: a trial is reminded once, whoever gets there first */
	[SR_MARK] =
	    "UPDATE subscriptions s SET s.trial_reminded_on = ? WHERE s.id = ? AND" REMIND_DUE,
};

static const struct db_table table = { DB_MOD_SUBSCRIPTION_REMIND, sql, SR__MAX };

/* data - the e-mail of trial id (read by SR_ROW) into *out; *to its recipient. */
static enum core_err
data(struct db *db, int64_t id, char *to, size_t tosz, int64_t *reseller_id, json_t **out)
{
	char slug[STOREFRONT_SLUG_SZ] = "", domain[STOREFRONT_DOMAIN_MAX + 1] = "", base[STOREFRONT_DOMAIN_MAX + 1] = "";
	char site[1024] = "", sub_url[1200] = "", price[48] = "", currency[4];
	int64_t amount = 0;
	enum period period;
	struct db_res *r;
	enum core_err er;
	int usage;

	*out = NULL;
	if ((er = db_query(db, &table, SR_ROW, &r, "i", id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	*reseller_id = db_res_int(r, 0);
	str_copy(to, tosz, db_res_str(r, 3));
	str_copy(currency, sizeof(currency), db_res_str(r, 9));
	period = period_of(db_res_str(r, 7));
	usage = strcmp(db_res_str(r, 15), "usage") == 0;
	if (!usage && money_mul(db_res_int(r, 6), db_res_int(r, 5), &amount) == CORE_OK)
		money_format(amount, currency, price, sizeof(price));
	str_copy(slug, sizeof(slug), db_res_str(r, 11));
	str_copy(domain, sizeof(domain), db_res_str(r, 12));
	str_copy(base, sizeof(base), db_res_str(r, 13));
	if (db_res_int(r, 14) != 0 && slug[0] != '\0') {
		storefront_url(db_config(db)->public_url, base, slug, domain[0] ? domain : NULL, site, sizeof(site));
		storefront_page_url(site, STOREFRONT_PAGE_SUBSCRIPTION, id, sub_url, sizeof(sub_url));
	}
	*out = json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:b, s:i, s:o, s:o}",
	    "subscription_id", (json_int_t)id, "customer_name", db_res_str(r, 2), "company_name", db_res_str(r, 10),
	    "product_name", db_res_str(r, 4), "quantity", (int)db_res_int(r, 5), "trial_ends", db_res_str(r, 8),
	    "price", price, "period_label", usage ? "" : period_suffix(period), "is_usage", usage,
	    "days_left", REMIND_DAYS,
	    "subscription_url", sub_url[0] ? json_string(sub_url) : json_null(),
	    "storefront_url", site[0] ? json_string(site) : json_null());
	db_res_free(r);
	return *out == NULL ? CORE_ENOMEM : CORE_OK;
}

static enum core_err
remind_txn(struct db *db, void *arg)
{
	struct subscription_batch *x = arg;
	struct db_res *r;
	int64_t id, reseller_id, *list = NULL;
	size_t n = 0, i;
	uint64_t marked;
	char to[255], subject[80];
	json_t *d;
	enum core_err er;

	x->picked = x->done = 0;
	if ((er = db_query(db, &table, SR_LOCK, &r, "sii", x->today, x->a->distributor_id,
	    x->a->distributor_id)) != CORE_OK)
		return er;
	if ((list = calloc(REMIND_BATCH, sizeof(*list))) == NULL) {
		db_res_free(r);
		return CORE_ENOMEM;
	}
	while (n < REMIND_BATCH && db_res_next(r))
		list[n++] = db_res_int(r, 0);
	db_res_free(r);
	x->picked = (int64_t)n;
	for (i = 0; i < n; i++) {
		id = list[i];
		if ((er = db_exec(db, &table, SR_MARK, &marked, "sis", x->today, id, x->today)) != CORE_OK)
			goto out;
		if (marked != 1)
			continue;
		if ((er = data(db, id, to, sizeof(to), &reseller_id, &d)) != CORE_OK)
			goto out;
		snprintf(subject, sizeof(subject), "Your trial ends in %d days", REMIND_DAYS);
		er = to[0] != '\0' ? outbox_email(db, reseller_id, to, subject, "trial_ending", d) : CORE_OK;
		json_decref(d);
		if (er != CORE_OK)
			goto out;
		x->done += to[0] != '\0';
	}
out:
	free(list);
	return er;
}

enum core_err
subscription_trial_reminders(struct db *db, const struct actor *a, const char *today, int *queued)
{
	int64_t n;
	enum core_err er;

	/* every batch marks what it picked, so the next one picks others; bounded all the same */
	er = subscription_batches(db, a, today, remind_txn, REMIND_BATCH, 10000, &n, NULL);
	if (queued)
		*queued = (int)n;
	return er;
}
