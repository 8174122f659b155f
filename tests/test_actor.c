/* test_actor.c - the permission table: who may do what, and tenant roles without a tenant. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "actor.h"

static struct actor
make(enum actor_role role)
{
	struct actor a;

	memset(&a, 0, sizeof(a));
	a.kind = role >= ROLE_CUSTOMER_OWNER && role <= ROLE_CUSTOMER_MEMBER ? ACTOR_STOREFRONT_USER : ACTOR_OPERATOR;
	a.role = role;
	a.id = 1;
	a.distributor_id = 1;
	if (role == ROLE_RESELLER_ADMIN || role == ROLE_CUSTOMER_OWNER || role == ROLE_CUSTOMER_MEMBER)
		a.reseller_id = 7;
	if (role == ROLE_CUSTOMER_OWNER || role == ROLE_CUSTOMER_MEMBER)
		a.customer_id = 9;
	return a;
}

/* Support staff read everything and change nothing. */
static void
support_changes_nothing(void **state)
{
	static const enum action writes[] = {
		ACT_RESELLER_EDITION, ACT_CATALOG_WRITE, ACT_STOREFRONT_WRITE, ACT_LISTING_WRITE,
		ACT_CUSTOMER_WRITE, ACT_ORDER_DECIDE, ACT_ORDER_PLACE, ACT_SUBSCRIPTION_MANAGE,
		ACT_M365_MANAGE, ACT_CUSTOMER_USERS, ACT_MESSAGES_WRITE, ACT_ACCOUNT_SELF,
		ACT_API_CLIENTS, ACT_FULFIL, ACT_OUTBOX_RETRY, ACT_SYSTEM,
	};
	struct actor s = make(ROLE_SUPPORT);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(writes) / sizeof(writes[0]); i++)
		assert_int_equal(actor_may(&s, writes[i]), CORE_FORBIDDEN);
	assert_int_equal(actor_may(&s, ACT_INSPECT), CORE_OK);
	assert_int_equal(actor_may(&s, ACT_RESELLER_READ), CORE_OK);
	assert_int_equal(actor_may(&s, ACT_INVOICE_READ), CORE_OK);
	assert_int_equal(actor_may(&s, ACT_OUTBOX_READ), CORE_OK);
}

static void
roles_table(void **state)
{
	static const struct { enum actor_role role; enum action act; enum core_err er; } cases[] = {
		{ ROLE_DISTRIBUTOR_ADMIN, ACT_RESELLER_EDITION, CORE_OK },
		{ ROLE_DISTRIBUTOR_ADMIN, ACT_LISTING_WRITE, CORE_FORBIDDEN },	/* markups are the reseller's */
		{ ROLE_DISTRIBUTOR_ADMIN, ACT_ORDER_PLACE, CORE_FORBIDDEN },
		{ ROLE_RESELLER_ADMIN, ACT_LISTING_WRITE, CORE_OK },
		{ ROLE_RESELLER_ADMIN, ACT_ORDER_DECIDE, CORE_OK },
		{ ROLE_RESELLER_ADMIN, ACT_DASHBOARD_READ, CORE_OK },
		{ ROLE_RESELLER_ADMIN, ACT_RESELLER_EDITION, CORE_FORBIDDEN },
		{ ROLE_RESELLER_ADMIN, ACT_CATALOG_WRITE, CORE_FORBIDDEN },
		{ ROLE_RESELLER_ADMIN, ACT_INSPECT, CORE_FORBIDDEN },
		{ ROLE_CUSTOMER_OWNER, ACT_CUSTOMER_USERS, CORE_OK },
		{ ROLE_CUSTOMER_MEMBER, ACT_CUSTOMER_USERS, CORE_FORBIDDEN },
		{ ROLE_CUSTOMER_MEMBER, ACT_ORDER_PLACE, CORE_OK },
		{ ROLE_CUSTOMER_MEMBER, ACT_ACCOUNT_SELF, CORE_OK },
		{ ROLE_CUSTOMER_MEMBER, ACT_ORDER_DECIDE, CORE_FORBIDDEN },
		{ ROLE_CUSTOMER_OWNER, ACT_LISTING_WRITE, CORE_FORBIDDEN },
		{ ROLE_SYSTEM, ACT_SYSTEM, CORE_OK },
		{ ROLE_SYSTEM, ACT_ORDER_DECIDE, CORE_FORBIDDEN },
	};
	struct actor a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = make(cases[i].role);
		if (actor_may(&a, cases[i].act) != cases[i].er)
			fail_msg("case %zu: role %s", i, actor_role_name(cases[i].role));
	}
}

/* A tenant role that lost its tenant (a bug at the boundary) may do nothing. */
static void
tenant_roles_need_their_tenant(void **state)
{
	struct actor a = make(ROLE_RESELLER_ADMIN);

	(void)state;
	a.reseller_id = 0;
	assert_int_equal(actor_may(&a, ACT_LISTING_WRITE), CORE_FORBIDDEN);
	a = make(ROLE_CUSTOMER_OWNER);
	a.customer_id = 0;
	assert_int_equal(actor_may(&a, ACT_ORDER_PLACE), CORE_FORBIDDEN);
	assert_int_equal(actor_may(NULL, ACT_INSPECT), CORE_FORBIDDEN);
	a = make(ROLE_SUPPORT);
	assert_int_equal(actor_may(&a, ACT__MAX), CORE_FORBIDDEN);
	assert_int_equal(actor_role_parse("reseller_admin"), ROLE_RESELLER_ADMIN);
	assert_int_equal(actor_role_parse("root"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(support_changes_nothing),
		cmocka_unit_test(roles_table),
		cmocka_unit_test(tenant_roles_need_their_tenant),
	};

	return cmocka_run_group_tests_name("actor", tests, NULL, NULL);
}
