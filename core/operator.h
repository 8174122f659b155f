/*
 * operator.h - the people who use the TUI over SSH: distributor admins,
 * support staff, reseller admins and read-only reseller staff (table
 * operators).
 *
 * operator_login turns the SSH login (Unix account name or --operator NAME,
 * already authenticated by sshd and the gateway check) into the actor every
 * other core call takes.  It is the only function here without an actor.
 *
 * Who manages whom (ACT_OPERATOR_MANAGE): a distributor admin adds and
 * disables operators of any role of its own distributor; a reseller admin
 * only reseller admins and reseller staff of its own reseller.  Nobody
 * disables themselves, nor the last active distributor admin of a
 * distributor or the last active admin of a reseller.  Nothing is deleted:
 * a disabled operator keeps its row (and its audit trail).
 */
#ifndef SHELF_OPERATOR_H
#define SHELF_OPERATOR_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"

#define OPERATOR_LOGIN_SZ   65		/* VARCHAR(64), ASCII in practice */
#define OPERATOR_TEXT_SZ(n) ((n) * 4 + 1)	/* utf8mb4 VARCHAR(n) */
#define OPERATOR_LIST_MAX   500

struct operator {
	int64_t         id;
	char            login[OPERATOR_LOGIN_SZ];
	char            display_name[OPERATOR_TEXT_SZ(200)];
	char            email[OPERATOR_TEXT_SZ(254)];	/* "" when none */
	enum actor_role role;
	int64_t         distributor_id;
	int64_t         reseller_id;			/* 0 unless reseller admin or staff */
	char            reseller_name[OPERATOR_TEXT_SZ(200)];	/* "" unless reseller admin or staff */
	int             active;
	char            created_at[20];			/* "YYYY-MM-DD HH:MM:SS" UTC */
};

/* a list (db.h DB_LIST); operator_list_free */
DB_LIST(operator_list, struct operator);

/*
 * operator_login - fill *out with the actor of the active operator named
 * login: kind ACTOR_OPERATOR, role from the row, id, distributor_id,
 * reseller_id (reseller admins only), name = login, client_ip "".
 * CORE_NOTFOUND for an unknown or deactivated login (why says so without
 * telling which).  CORE_FORBIDDEN for a reseller admin whose reseller is
 * suspended or on the Basic edition (the admin environment belongs to
 * Standard and Professional); why explains.  out is written only on
 * CORE_OK.  why may be NULL.
 */
enum core_err operator_login(struct db *db, const char *login, struct actor *out, char *why);

/*
 * operator_list - the operators a may see, ordered by role then login,
 * limit rows (1..OPERATOR_LIST_MAX, others clamped) from offset:
 * distributor admins and support every operator of a->distributor_id,
 * reseller admins and staff those of their own reseller
 * (ACT_OPERATOR_READ, else CORE_FORBIDDEN).  Disabled ones included
 * (active 0).  *out is owned by the caller: operator_list_free.
 */
enum core_err operator_list(struct db *db, const struct actor *a, int limit, int offset,
    struct operator_list *out);

/* operator_list_free - release the items; the struct is left empty.  NULL is fine. */
void operator_list_free(struct operator_list *l);

/*
 * operator_check - is a (from operator_login) still let in?  One
 * primary-key read of the operator joined with its reseller, cheap
 * enough for every keystroke of the TUI: CORE_OK while the row is
 * active with the same role and tenant and, for reseller roles, the
 * reseller is active and not on Basic; else CORE_FORBIDDEN with why
 * saying which (disabled, suspended, Basic, role changed).  Other
 * actors: CORE_OK.  CORE_DB/CORE_DBCONN when the read fails (the
 * caller decides; the TUI keeps going).  why may be NULL.
 */
enum core_err operator_check(struct db *db, const struct actor *a, char *why);

/* What operator_add makes; strings borrowed. */
struct operator_new {
	const char     *login;		/* OPERATOR_LOGIN_VALID */
	const char     *display_name;	/* 1..200 characters */
	const char     *email;		/* str_email_valid */
	enum actor_role role;		/* distributor_admin, support, reseller_admin, reseller_staff */
	int64_t         reseller_id;	/* reseller roles: its reseller (a reseller admin: 0 or its own); else 0 */
};

/*
 * operator_login_valid - 1 for a login fit for an SSH forced command and a
 * Unix account name: 1..32 characters of [a-z0-9._-], starting with a
 * letter or digit.  Pure.
 */
int operator_login_valid(const char *login);

/*
 * operator_add - add an active operator (who manages whom: above), in one
 * transaction with an audit row "operator.add".  *id_out (may be NULL)
 * gets its id.  CORE_FORBIDDEN for a role a may not add or another
 * tenant, CORE_INVALID for bad fields, CORE_NOTFOUND for an unknown
 * reseller, CORE_CONFLICT for a login in use; why says which.
 */
enum core_err operator_add(struct db *db, const struct actor *a, const struct operator_new *n,
    int64_t *id_out, char *why);

/*
 * operator_insert - operator_add's checks and insert inside the caller's
 * open transaction (CORE_INVALID otherwise), with its audit row: for
 * reseller.c's upgrade, which creates the first admin with the edition.
 */
enum core_err operator_insert(struct db *db, const struct actor *a, const struct operator_new *n,
    int64_t *id_out, char *why);

/*
 * operator_disable - set login's operator inactive, with an audit row
 * "operator.disable"; its next keystroke in the TUI ends its session
 * (operator_check).  CORE_NOTFOUND for a login a may not see,
 * CORE_FORBIDDEN for one a may not manage, yourself, or the last active
 * admin (above), CORE_CONFLICT when already disabled; why says which.
 * *out (may be NULL) gets the operator as it was.
 */
enum core_err operator_disable(struct db *db, const struct actor *a, const char *login, struct operator *out,
    char *why);

/* operator_role_label - "Distributor admin", "Reseller staff", ... for people. */
const char *operator_role_label(enum actor_role r);

#endif
