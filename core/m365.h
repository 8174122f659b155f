/*
 * m365.h - Microsoft 365 users of a customer's tenant and the licences
 * of its licence subscriptions assigned to them.
 *
 * Rules kept here, inside the transaction:
 *  - a user's upn is an e-mail-shaped user principal name, unique per
 *    customer (case-insensitive); display name 1..200 characters;
 *  - a licence comes from a subscription of the same customer, of a
 *    'license' product, in status active or trial;
 *  - the assignments of a subscription never exceed its quantity: the
 *    subscription row is locked (FOR UPDATE) and its assignments counted
 *    before one is added, so concurrent assigns cannot overshoot.
 *
 * Writes: storefront users of the customer (ACT_M365_MANAGE); the
 * customer comes from the actor.  Reads: storefront users their customer,
 * reseller admins their reseller (optionally one customer), support and
 * distributor admins their distributor.  Ids outside the scope are
 * CORE_NOTFOUND.  Every change is audited.
 */
#ifndef SHELF_M365_H
#define SHELF_M365_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"

#define M365_UPN_MAX    254	/* bytes */
#define M365_NAME_MAX   200	/* characters */
#define M365_LIST_MAX   500

struct m365_user {
	int64_t id;
	int64_t customer_id;
	char    upn[256];
	char    display_name[201 * 4];	/* 200 characters of UTF-8 */
	int     enabled;
	int32_t licences;		/* assignments of this user */
	char    created_at[20];		/* YYYY-MM-DD HH:MM:SS UTC */
};

enum m365_sort {
	M365_SORT_NAME,		/* display name (default) */
	M365_SORT_UPN,
	M365_SORT_NEWEST,
	M365_SORT__MAX
};

struct m365_user_filter {
	int64_t        customer_id;	/* 0: any; honoured for reseller admins and support only */
	const char    *search;		/* NULL/"": none; upn prefix or display name contains */
	int            enabled;		/* -1 any, 0 disabled, 1 enabled */
	enum m365_sort sort;
};

DB_LIST(m365_user_list, struct m365_user);

/* m365_user_list_free - release l->items; NULL is fine. */
void m365_user_list_free(struct m365_user_list *l);

/* m365_upn_valid - 1 when upn is an acceptable user principal name (local@domain.tld). */
int m365_upn_valid(const char *upn);

/* m365_user_list - a page of users in a's scope matching f (NULL: all) into *out. */
enum core_err m365_user_list(struct db *db, const struct actor *a, const struct m365_user_filter *f,
    const struct db_page *pg, struct m365_user_list *out);

/* m365_user_get - one user into *out; CORE_NOTFOUND outside a's scope. */
enum core_err m365_user_get(struct db *db, const struct actor *a, int64_t user_id, struct m365_user *out);

/*
 * m365_user_create - storefront user: add a user to its customer's
 * tenant; *user_id (may be NULL) gets the id.  CORE_INVALID for a bad
 * upn or display name, CORE_CONFLICT when the upn exists already.
 */
enum core_err m365_user_create(struct db *db, const struct actor *a, const char *upn,
    const char *display_name, int64_t *user_id, char *why);

/* m365_user_update - storefront user: change upn and display name (same checks as create). */
enum core_err m365_user_update(struct db *db, const struct actor *a, int64_t user_id,
    const char *upn, const char *display_name, char *why);

/* m365_user_set_enabled - storefront user: enable (1) or block (0) sign-in; licences stay assigned. */
enum core_err m365_user_set_enabled(struct db *db, const struct actor *a, int64_t user_id,
    int enabled, char *why);

/*
 * m365_assign - storefront user: give user_id a licence of
 * subscription_id.  CORE_NOTFOUND (user or subscription not the
 * customer's), CORE_INVALID (not a licence product), CORE_CONFLICT (not
 * active/trial, already assigned, or all licences assigned: "All 10
 * licences of Microsoft 365 Business Standard are assigned.") with why;
 * nothing changes on error.
 */
enum core_err m365_assign(struct db *db, const struct actor *a, int64_t user_id,
    int64_t subscription_id, char *why);

/* m365_unassign - storefront user: take the licence back; CORE_NOTFOUND when it is not assigned. */
enum core_err m365_unassign(struct db *db, const struct actor *a, int64_t user_id,
    int64_t subscription_id, char *why);

struct m365_licence {
	int64_t subscription_id;
	int64_t customer_id;
	char    product_name[201];
	char    sku[65];
	char    status[12];	/* active or trial */
	int32_t quantity;
	int32_t assigned;
	int     user_has;	/* m365_user_licences: the user holds one */
};

/* Licences by product name (DB_LIST; total: all of them). */
DB_LIST(m365_licence_list, struct m365_licence);

/* m365_licence_list_free - release l->items; NULL is fine. */
void m365_licence_list_free(struct m365_licence_list *l);

/*
 * m365_subscription_usage - per assignable licence subscription (licence
 * product, active or trial) in a's scope: quantity and assigned.
 * customer_id: ignored for storefront users (their own customer), for
 * reseller admins and support 0 means every customer in scope.
 */
enum core_err m365_subscription_usage(struct db *db, const struct actor *a, int64_t customer_id,
    struct m365_licence_list *out);

/* m365_user_licences - as m365_subscription_usage for the user's customer, with user_has set. */
enum core_err m365_user_licences(struct db *db, const struct actor *a, int64_t user_id,
    struct m365_licence_list *out);

struct m365_assignment {
	int64_t user_id;
	int64_t subscription_id;
	char    sku[65];
	char    product_name[201];
};

/* Assignments by user, then product name (DB_LIST; total: all of them). */
DB_LIST(m365_assignment_list, struct m365_assignment);

/* m365_assignment_list_free - release l->items; NULL is fine. */
void m365_assignment_list_free(struct m365_assignment_list *l);

/*
 * m365_assignments - every assignment of the customer's users in one
 * query (for a page listing users with their licences).  customer_id as
 * for m365_subscription_usage.
 */
enum core_err m365_assignments(struct db *db, const struct actor *a, int64_t customer_id,
    struct m365_assignment_list *out);

/* m365_user_to_json - {id, upn, display_name, enabled, licence_count} (new reference). */
json_t *m365_user_to_json(const struct m365_user *u);

/* m365_licence_to_json - {subscription_id, sku, name, assigned, total, available, user_has}. */
json_t *m365_licence_to_json(const struct m365_licence *l);

#endif
