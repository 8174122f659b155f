/*
 * actor.h - who is acting, and what each role may do.
 *
 * Every core function that reads or changes tenant data takes a
 * `const struct actor *`, built by the boundary from the authenticated
 * session (an operator looked up by login, a storefront user from the
 * session cookie): never from request parameters.  The tenant of a
 * reseller admin or storefront user is actor->reseller_id, and core uses
 * it in every statement, so one reseller can never reach another's rows.
 *
 * Permissions come from one table (actor.c): actor_may() answers, and
 * core calls it first in every function that changes something.  Hiding
 * a key or a link is never the check.
 */
#ifndef SHELF_ACTOR_H
#define SHELF_ACTOR_H

#include <stdint.h>
#include "err.h"
#include "names.h"

/* X(symbol, audit_log.actor_kind, label) */
#define ACTOR_KINDS(X) \
	X(ACTOR_OPERATOR,        "operator",        "Operator") \
	X(ACTOR_STOREFRONT_USER, "storefront_user", "Storefront user") \
	X(ACTOR_SYSTEM,          "system",          "System") \
	X(ACTOR_API,             "api",             "API client")

enum actor_kind {
	ACTOR_KINDS(NAMES_SYM)
	ACTOR__MAX
};

/*
 * X(symbol, name, label).  Owner and member are storefront users (the
 * owner of its customer account, or not); system is the worker and seeds.
 * Reseller staff are a reseller admin's read-only colleagues: they see
 * what the admin sees of their own reseller (ACT_TENANT_READ and the
 * other read actions) and change nothing.
 */
#define ACTOR_ROLES(X) \
	X(ROLE_DISTRIBUTOR_ADMIN, "distributor_admin", "Distributor admin") \
	X(ROLE_RESELLER_ADMIN,    "reseller_admin",    "Reseller admin") \
	X(ROLE_SUPPORT,           "support",           "Support") \
	X(ROLE_CUSTOMER_OWNER,    "owner",             "Owner") \
	X(ROLE_CUSTOMER_MEMBER,   "member",            "Member") \
	X(ROLE_SYSTEM,            "system",            "System") \
	X(ROLE_RESELLER_STAFF,    "reseller_staff",    "Reseller staff")

enum actor_role {
	ACTOR_ROLES(NAMES_SYM)
	ROLE__MAX
};

/* What can be done; actor.c's table says by which roles. */
enum action {
	ACT_RESELLER_READ,	/* see resellers of the distributor, reports */
	ACT_RESELLER_EDITION,	/* upgrade / downgrade */
	ACT_CATALOG_WRITE,	/* distributor's products, costs, categories */
	ACT_STOREFRONT_WRITE,	/* storefront settings, branding, sections */
	ACT_LISTING_WRITE,	/* list/unlist, markups */
	ACT_CUSTOMER_READ,
	ACT_CUSTOMER_WRITE,	/* add/edit customers, approval flag, storefront users */
	ACT_ORDER_DECIDE,	/* approve / reject */
	ACT_ORDER_PLACE,	/* a storefront user orders for its customer */
	ACT_SUBSCRIPTION_MANAGE,/* change quantity, cancel, upgrade trial */
	ACT_M365_MANAGE,	/* users and licence assignments of its customer */
	ACT_CUSTOMER_USERS,	/* a customer owner manages its colleagues */
	ACT_MESSAGES_READ,
	ACT_MESSAGES_WRITE,	/* mark contact messages read */
	ACT_INVOICE_READ,	/* invoices, balance, overdue: one's own reseller, or the distributor's */
	ACT_DASHBOARD_READ,	/* the reseller dashboard of one's own reseller */
	ACT_ACCOUNT_SELF,	/* a storefront user's own profile and password */
	ACT_API_CLIENTS,	/* create / revoke Marketplace API credentials */
	ACT_INSPECT,		/* read anything, any tenant */
	ACT_FULFIL,		/* the fulfilment queue: settle manual tasks, import licence keys */
	ACT_OUTBOX_READ,	/* the outbox and the fulfilment queue, read-only */
	ACT_OUTBOX_RETRY,	/* send a pending or failed outbox row now */
	ACT_INVOICE_ISSUE,	/* the monthly invoice run, credit notes (core/invoice_run.h) */
	ACT_PAYMENT_RECORD,	/* record a reseller's payment to the distributor */
	ACT_SYSTEM,		/* provisioning, outbox delivery */
	ACT_RESELLER_MANAGE,	/* add, edit, suspend, resume resellers of one's distributor */
	ACT_OPERATOR_READ,	/* the operators one may see (operator.h says which) */
	ACT_OPERATOR_MANAGE,	/* add / disable operators (operator.h: a reseller admin only its own colleagues) */
	ACT_TENANT_READ,	/* see one's own reseller's screens: storefront, vendor, customers (admins and staff) */
	ACT__MAX
};

#define ACTOR_NAME 128

struct actor {
	enum actor_kind kind;
	enum actor_role role;
	int64_t id;		/* operators.id / storefront_users.id; 0 for system */
	char    name[ACTOR_NAME];	/* login or e-mail, for the audit log */
	int64_t distributor_id;
	int64_t reseller_id;	/* tenant: set for reseller admins and storefront users */
	int64_t customer_id;	/* set for storefront users */
	char    client_ip[46];	/* storefront requests; "" otherwise */
};

/*
 * The customer data an actor may read, as three filters where 0 means
 * "any": bound into `(? = 0 OR distributor_id = ?) AND (? = 0 OR
 * reseller_id = ?) AND (? = 0 OR customer_id = ?)` by the modules that
 * read orders, subscriptions, assets, usage and Microsoft 365 users.
 */
struct actor_scope {
	int64_t distributor_id;
	int64_t reseller_id;
	int64_t customer_id;
};

/*
 * ACTOR_SCOPE_SQL(t) - the scope as SQL on the rows of table alias t,
 * joined with their reseller as r; ACTOR_SCOPE_T the types of its six
 * parameters and ACTOR_SCOPE_ARGS(s) their values, from struct actor_scope.
 */
#define ACTOR_SCOPE_SQL(t) \
	" (? = 0 OR r.distributor_id = ?) AND (? = 0 OR " #t ".reseller_id = ?) AND (? = 0 OR " #t ".customer_id = ?)"
#define ACTOR_SCOPE_T "iiiiii"
#define ACTOR_SCOPE_ARGS(s) (s).distributor_id, (s).distributor_id, (s).reseller_id, (s).reseller_id, \
	(s).customer_id, (s).customer_id

/*
 * struct actor_change - a change a makes to the row id of a module's
 * table: the argument of the db_txn function of a change that needs no
 * more; why (may be NULL) gets the reason of a refusal.
 */
struct actor_change {
	const struct actor *a;
	int64_t             id;
	char               *why;
};

/*
 * actor_scope - fill *s for a: a storefront user gets its own customer
 * (checked with own_act, the module's storefront action), a reseller
 * admin its reseller (ACT_CUSTOMER_READ) narrowed to want_customer when
 * > 0, support and distributor admins their distributor (ACT_INSPECT)
 * narrowed likewise, the system role (only when allow_system) its
 * distributor or everything.  CORE_FORBIDDEN otherwise.
 */
enum core_err actor_scope(const struct actor *a, enum action own_act, int allow_system,
    int64_t want_customer, struct actor_scope *s);

/*
 * actor_distributor - *distributor_id gets a's distributor when a may do
 * act and has one (a distributor admin, support, a system actor of one
 * distributor); CORE_FORBIDDEN otherwise, *distributor_id untouched.
 */
enum core_err actor_distributor(const struct actor *a, enum action act, int64_t *distributor_id);

/*
 * actor_reseller_operator - 1 when a is an operator of one reseller (a
 * reseller admin or reseller staff, with its tenant set): the roles
 * whose reads are narrowed to a->reseller_id.
 */
int actor_reseller_operator(const struct actor *a);

/* actor_may - CORE_OK when the role may do the action, else CORE_FORBIDDEN. */
enum core_err actor_may(const struct actor *a, enum action act);

/* actor_role_name - "distributor_admin", ...; never NULL. */
const char *actor_role_name(enum actor_role r);

/* actor_role_parse - the role named, or -1. */
int actor_role_parse(const char *name);

/* actor_kind_name - "operator", "storefront_user", "system", "api" (audit_log.actor_kind). */
const char *actor_kind_name(enum actor_kind k);

/* actor_system - fill a system actor (worker, seeds) for distributor d. */
void actor_system(struct actor *a, int64_t distributor_id);

#endif
