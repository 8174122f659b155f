/*
 * fulfil_change.c - telling the vendor of a change to a subscription: a
 * fulfilment task queued in the transaction of the change (core/fulfil.h).
 */
#include "fulfil.h"

enum { FC_INSERT, FC__MAX };

/*
 * The task takes the subscription's tenant, customer and product, and the
 * product's connector: manual waits in the operator's queue, http is due
 * for the worker at once; a keys product has no vendor to tell, so the
 * WHERE leaves it out and no row is written.
 */
static const char *const sql[FC__MAX] = {
	[FC_INSERT] =
	    "INSERT INTO fulfilments (reseller_id, customer_id, action, connector, product_id, subscription_id,"
	    " m365_user_id, quantity, status)"
	    " SELECT s.reseller_id, s.customer_id, ?, p.connector, s.product_id, s.id, ?, ?,"
	    " IF(p.connector = 'manual', 'waiting', 'queued')"
	    " FROM subscriptions s JOIN products p ON p.id = s.product_id"
	    " WHERE s.id = ? AND p.connector <> 'keys'",
};

static const struct db_table table = { DB_MOD_FULFIL_CHANGE, sql, FC__MAX };

enum core_err
fulfil_change(struct db *db, int64_t subscription_id, enum fulfil_action action, int32_t quantity,
    int64_t m365_user_id)
{
	int user = action == FULFIL_ASSIGN || action == FULFIL_UNASSIGN;

	if (action <= FULFIL_PROVISION || action >= FULFIL_ACTION__MAX || subscription_id <= 0 ||
	    (action == FULFIL_QUANTITY) != (quantity > 0) || user != (m365_user_id > 0))
		return CORE_INVALID;
	return db_exec(db, &table, FC_INSERT, NULL, "sIIi", fulfil_action_name(action), user ? m365_user_id : 0,
	    (int64_t)quantity, subscription_id);
}
