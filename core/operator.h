/*
 * operator.h - the people who use the TUI over SSH: distributor admins,
 * reseller admins and support staff (table operators).
 *
 * operator_login turns the SSH login (Unix account name or --operator NAME,
 * already authenticated by sshd and the gateway check) into the actor every
 * other core call takes.  It is the only function here without an actor.
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
	int64_t         reseller_id;			/* 0 unless reseller admin */
	char            reseller_name[OPERATOR_TEXT_SZ(200)];	/* "" unless reseller admin */
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
 * operator_list - the operators of a->distributor_id, ordered by role then
 * login, limit rows (1..OPERATOR_LIST_MAX, others clamped) from offset.
 * Distributor admins and support only (ACT_RESELLER_READ), else
 * CORE_FORBIDDEN.  *out is owned by the caller: operator_list_free.
 */
enum core_err operator_list(struct db *db, const struct actor *a, int limit, int offset,
    struct operator_list *out);

/* operator_list_free - release the items; the struct is left empty.  NULL is fine. */
void operator_list_free(struct operator_list *l);

#endif
