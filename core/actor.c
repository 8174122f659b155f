#include <stdio.h>
#include <string.h>
#include "actor.h"

#define DA (1u << ROLE_DISTRIBUTOR_ADMIN)
#define RA (1u << ROLE_RESELLER_ADMIN)
#define SU (1u << ROLE_SUPPORT)
#define CO (1u << ROLE_CUSTOMER_OWNER)
#define CM (1u << ROLE_CUSTOMER_MEMBER)
#define SY (1u << ROLE_SYSTEM)
#define RS (1u << ROLE_RESELLER_STAFF)

/*
 * Which roles may do what.  Support reads everything and changes nothing;
 * reseller staff read what their reseller's admins read and change nothing.
 */
static const unsigned allowed[ACT__MAX] = {
	[ACT_RESELLER_READ]       = DA | SU,
	[ACT_RESELLER_EDITION]    = DA,
	[ACT_CATALOG_WRITE]       = DA,
	[ACT_STOREFRONT_WRITE]    = RA,
	[ACT_LISTING_WRITE]       = RA,
	[ACT_CUSTOMER_READ]       = RA | SU | RS,
	[ACT_CUSTOMER_WRITE]      = RA,
	[ACT_ORDER_DECIDE]        = RA,
	[ACT_ORDER_PLACE]         = CO | CM,
	[ACT_SUBSCRIPTION_MANAGE] = CO | CM,
	[ACT_M365_MANAGE]         = CO | CM,
	[ACT_CUSTOMER_USERS]      = CO,
	[ACT_MESSAGES_READ]       = RA | SU | RS,
	[ACT_MESSAGES_WRITE]      = RA,
	[ACT_INVOICE_READ]        = DA | RA | SU | RS,
	[ACT_DASHBOARD_READ]      = RA | RS,
	[ACT_ACCOUNT_SELF]        = CO | CM,
	[ACT_API_CLIENTS]         = RA,
	[ACT_INSPECT]             = SU | DA,
	[ACT_FULFIL]              = DA | SY,
	[ACT_OUTBOX_READ]         = DA | SU,
	[ACT_OUTBOX_RETRY]        = DA,
	[ACT_INVOICE_ISSUE]       = DA | SY,
	[ACT_PAYMENT_RECORD]      = DA,
	[ACT_SYSTEM]              = SY,
	[ACT_RESELLER_MANAGE]     = DA,
	[ACT_OPERATOR_READ]       = DA | SU | RA | RS,
	[ACT_OPERATOR_MANAGE]     = DA | RA,
	[ACT_TENANT_READ]         = RA | RS,
};

static const char *const role_names[ROLE__MAX] = { ACTOR_ROLES(NAMES_NAME) };
static const char *const kind_names[ACTOR__MAX] = { ACTOR_KINDS(NAMES_NAME) };

enum core_err
actor_distributor(const struct actor *a, enum action act, int64_t *distributor_id)
{
	enum core_err er;

	if ((er = actor_may(a, act)) != CORE_OK)
		return er;
	if (a->distributor_id <= 0)
		return CORE_FORBIDDEN;
	*distributor_id = a->distributor_id;
	return CORE_OK;
}

enum core_err
actor_may(const struct actor *a, enum action act)
{
	if (a == NULL || act < 0 || act >= ACT__MAX || a->role < 0 || a->role >= ROLE__MAX)
		return CORE_FORBIDDEN;
	/* a tenant role without its tenant is a bug at the boundary: refuse */
	if ((a->role == ROLE_RESELLER_ADMIN || a->role == ROLE_RESELLER_STAFF || a->role == ROLE_CUSTOMER_OWNER ||
	    a->role == ROLE_CUSTOMER_MEMBER) && a->reseller_id <= 0)
		return CORE_FORBIDDEN;
	if ((a->role == ROLE_CUSTOMER_OWNER || a->role == ROLE_CUSTOMER_MEMBER) && a->customer_id <= 0)
		return CORE_FORBIDDEN;
	return (allowed[act] & (1u << a->role)) ? CORE_OK : CORE_FORBIDDEN;
}

int
actor_reseller_operator(const struct actor *a)
{
	return a != NULL && (a->role == ROLE_RESELLER_ADMIN || a->role == ROLE_RESELLER_STAFF) && a->reseller_id > 0;
}

NAMES_FN_NAME(actor_role_name, enum actor_role, role_names, ROLE__MAX, "unknown")
NAMES_FN_PARSE(actor_role_parse, role_names, ROLE__MAX)
NAMES_FN_NAME(actor_kind_name, enum actor_kind, kind_names, ACTOR__MAX, "system")

void
actor_system(struct actor *a, int64_t distributor_id)
{
	memset(a, 0, sizeof(*a));
	a->kind = ACTOR_SYSTEM;
	a->role = ROLE_SYSTEM;
	a->distributor_id = distributor_id;
	snprintf(a->name, sizeof(a->name), "system");
}

enum core_err
actor_scope(const struct actor *a, enum action own_act, int allow_system, int64_t want_customer,
    struct actor_scope *s)
{
	enum core_err er;

	memset(s, 0, sizeof(*s));
	if (a == NULL)
		return CORE_FORBIDDEN;
	switch (a->role) {
	case ROLE_CUSTOMER_OWNER:
	case ROLE_CUSTOMER_MEMBER:
		if ((er = actor_may(a, own_act)) != CORE_OK)
			return er;
		s->reseller_id = a->reseller_id;
		s->customer_id = a->customer_id;
		return CORE_OK;
	case ROLE_RESELLER_ADMIN:
	case ROLE_RESELLER_STAFF:
		if ((er = actor_may(a, ACT_CUSTOMER_READ)) != CORE_OK)
			return er;
		s->reseller_id = a->reseller_id;
		s->customer_id = want_customer > 0 ? want_customer : 0;
		return CORE_OK;
	case ROLE_SUPPORT:
	case ROLE_DISTRIBUTOR_ADMIN:
		if ((er = actor_distributor(a, ACT_INSPECT, &s->distributor_id)) != CORE_OK)
			return er;
		s->customer_id = want_customer > 0 ? want_customer : 0;
		return CORE_OK;
	case ROLE_SYSTEM:
		if (!allow_system || (er = actor_may(a, ACT_SYSTEM)) != CORE_OK)
			return CORE_FORBIDDEN;
		s->distributor_id = a->distributor_id > 0 ? a->distributor_id : 0;
		return CORE_OK;
	default:
		return CORE_FORBIDDEN;
	}
}
