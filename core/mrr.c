/* mrr.c - the Monthly Run Rate of a reseller or a customer.  See mrr.h. */
#include "mrr.h"

enum {
	MRR_RESELLER,
	MRR_CUSTOMER,
	MRR__MAX
};

static const char *const sql[MRR__MAX] = {
	/* params: reseller, reseller */
	[MRR_RESELLER] =
	    "SELECT (SELECT COALESCE(SUM(" MRR_SQL_SUB "), 0) FROM subscriptions s"
	    "        WHERE s.reseller_id = ? AND s.status = 'active')"
	    " + (SELECT COALESCE(SUM(m.price), 0) FROM usage_monthly_totals m"
	    "        WHERE m.reseller_id = ? AND " MRR_SQL_ROLLUP_THIS_MONTH("m") ")",
	/* params: reseller, customer, reseller, customer */
	[MRR_CUSTOMER] = "SELECT " MRR_SQL_CUSTOMER,
};

static const struct db_table table = { DB_MOD_MRR, sql, MRR__MAX };

enum core_err
mrr_reseller(struct db *db, int64_t reseller_id, int64_t *out)
{
	*out = 0;
	return db_query_int(db, &table, MRR_RESELLER, out, "ii", reseller_id, reseller_id);
}

enum core_err
mrr_customer(struct db *db, int64_t reseller_id, int64_t customer_id, int64_t *out)
{
	*out = 0;
	return db_query_int(db, &table, MRR_CUSTOMER, out, "iiii", reseller_id, customer_id, reseller_id,
	    customer_id);
}

enum core_err
mrr_account(struct db *db, const struct actor *a, int64_t *out)
{
	enum core_err er;

	*out = 0;
	if ((er = actor_may(a, ACT_ACCOUNT_SELF)) != CORE_OK)
		return er;
	if (a->kind != ACTOR_STOREFRONT_USER || a->reseller_id <= 0 || a->customer_id <= 0)
		return CORE_FORBIDDEN;
	return mrr_customer(db, a->reseller_id, a->customer_id, out);
}
