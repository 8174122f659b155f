/*
 * customer.h - the end customers of one reseller: their details, the
 * "active" flag, the "orders need approval" flag, and the figures of the
 * Customers screen (All Customers, Transacting, MRR).
 *
 * Tenancy.  A reseller admin is always confined to a->reseller_id: the
 * reseller_id parameter of the read functions is IGNORED for it.  Support
 * (ACT_CUSTOMER_READ without a tenant) and distributor admins
 * (ACT_INSPECT) read a reseller of their own distributor by passing its
 * id explicitly as reseller_id; a reseller of another distributor (or 0)
 * gives CORE_NOTFOUND.  Writes are for the reseller admin only
 * (ACT_CUSTOMER_WRITE) and act on a->reseller_id.
 *
 * ------------------------------------------------------------------
 * MRR: the Monthly Run Rate as core/mrr.h defines and computes it.
 *
 * Transacting customer: has at least one subscription with status
 * 'active', or at least one asset, or MRR > 0 (which, given mrr.h's
 * definition, adds exactly: a usage record of this month with cost > 0).
 * All Customers counts every customer of the reseller, active or not.
 * ------------------------------------------------------------------
 */
#ifndef SHELF_CUSTOMER_H
#define SHELF_CUSTOMER_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "err.h"

#define CUSTOMER_LIMIT_MAX 500

struct customer {
	int64_t id;
	int64_t reseller_id;
	char    name[201];
	char    email[255];
	char    phone[41];
	char    address[501];
	char    country[3];		/* ISO 3166 alpha-2 or "" */
	char    tax_id[33];
	char    contact_name[201];
	int     active;
	int     approval_required;	/* its storefront orders wait for the reseller */
	char    created_at[20];		/* "YYYY-MM-DD HH:MM:SS" UTC */
	/* figures */
	int64_t subscriptions;		/* subscriptions with status 'active' */
	int64_t mrr;			/* mrr.h */
};

DB_LIST(customer_list, struct customer);

enum customer_status { CUSTOMER_ALL, CUSTOMER_ACTIVE, CUSTOMER_INACTIVE };

enum customer_sort {
	CUSTOMER_SORT_NAME,	/* name, id */
	CUSTOMER_SORT_EMAIL,	/* email, id */
	CUSTOMER_SORT_NEWEST,	/* created_at desc, id desc */
	CUSTOMER_SORT__MAX
};

struct customer_query {
	const char          *search;		/* substring of name or e-mail; NULL or "": all */
	enum customer_status status;
	int                  transacting_only;
	int                  approval_only;	/* only customers whose orders need approval */
	enum customer_sort   sort;
	int64_t              limit;		/* 0: 50; capped at CUSTOMER_LIMIT_MAX */
	int64_t              offset;
};

/* The editable details of a customer. */
struct customer_input {
	const char *name;		/* 1..200 characters */
	const char *email;		/* local@domain.tld, <= 254 */
	const char *phone;		/* NULL or <= 40 */
	const char *address;		/* NULL or <= 500 */
	const char *country;		/* NULL, "" or an ISO 3166-1 alpha-2 code of country.h ("NL") */
	const char *tax_id;		/* NULL or <= 32 */
	const char *contact_name;	/* NULL or <= 200 */
	int         approval_required;	/* customer_add only; customer_set_approval afterwards */
};

void customer_list_free(struct customer_list *l);

/*
 * customer_get - one customer with its figures into caller storage.
 * CORE_NOTFOUND for an id of another tenant; CORE_FORBIDDEN.
 */
enum core_err customer_get(struct db *db, const struct actor *a, int64_t reseller_id, int64_t id,
    struct customer *out);

/*
 * customer_list - a page of customers matching q (NULL: all, by name),
 * each with its figures (one grouped query for the page).  *list is the
 * caller's (customer_list_free).  CORE_INVALID for a bad sort key.
 */
enum core_err customer_list(struct db *db, const struct actor *a, int64_t reseller_id,
    const struct customer_query *q, struct customer_list *list);

/*
 * customer_stats - the Customers screen's figures: *all customers,
 * *transacting customers and the reseller's *mrr (mrr_reseller).
 */
enum core_err customer_stats(struct db *db, const struct actor *a, int64_t reseller_id, int64_t *all,
    int64_t *transacting, int64_t *mrr);

/*
 * customer_add - a new, active customer of a->reseller_id; *id (may be
 * NULL) receives its id.  CORE_INVALID with why for a bad field.
 * Audited ("customer.add").
 */
enum core_err customer_add(struct db *db, const struct actor *a, const struct customer_input *in,
    int64_t *id, char *why);

/*
 * customer_update - replace the details of customer id (not its flags).
 * Audited ("customer.update") with before/after.  CORE_NOTFOUND,
 * CORE_INVALID with why.
 */
enum core_err customer_update(struct db *db, const struct actor *a, int64_t id,
    const struct customer_input *in, char *why);

/* The members a customer_patch gives: a bit each. */
#define CUSTOMER_P_NAME         0x001
#define CUSTOMER_P_EMAIL        0x002
#define CUSTOMER_P_PHONE        0x004
#define CUSTOMER_P_ADDRESS      0x008
#define CUSTOMER_P_COUNTRY      0x010
#define CUSTOMER_P_TAX_ID       0x020
#define CUSTOMER_P_CONTACT_NAME 0x040
#define CUSTOMER_P_APPROVAL     0x080
#define CUSTOMER_P_ACTIVE       0x100
#define CUSTOMER_P_DETAILS      0x07f

/*
 * A partial change of a customer: the members whose bit is in set take
 * the value here (NULL clears an optional detail), the others keep the
 * customer's current ones.
 */
struct customer_patch {
	unsigned              set;	/* CUSTOMER_P_* */
	struct customer_input in;	/* the details given; in.approval_required for CUSTOMER_P_APPROVAL */
	int                   active;	/* for CUSTOMER_P_ACTIVE: 1 or 0 */
	/*
	 * NULL, or called inside the transaction once the customer's row is
	 * locked and before anything changes (a precondition such as the
	 * API's If-Match): anything but CORE_OK rolls back and is returned.
	 */
	enum core_err       (*check)(struct db *db, int64_t id, void *arg);
	void                 *check_arg;
};

/*
 * customer_patch - change the members of p->set of customer id in one
 * transaction: the row is locked, the given members are merged into its
 * current values and the whole is validated before any write, so either
 * every member changes or none does (CORE_INVALID with why naming the
 * first bad value; CORE_NOTFOUND; CORE_FORBIDDEN).  Audited like the
 * single changes: "customer.update" when a detail changed,
 * "customer.approval" and "customer.active" when those did, each with
 * the row before and after.
 */
enum core_err customer_patch(struct db *db, const struct actor *a, int64_t id, const struct customer_patch *p,
    char *why);

/* customer_set_approval - turn "orders need approval" on (1) or off (0).  Audited ("customer.approval"). */
enum core_err customer_set_approval(struct db *db, const struct actor *a, int64_t id, int on, char *why);

/* customer_set_active - activate (1) or deactivate (0) a customer.  Audited ("customer.active"). */
enum core_err customer_set_active(struct db *db, const struct actor *a, int64_t id, int on, char *why);

/*
 * customer_read_scope - the reseller whose customers a reads, into *rid:
 * its own for a reseller's operator (reseller_id is ignored), else
 * reseller_id when it belongs to a's distributor (*rid 0 when it does
 * not).  CORE_FORBIDDEN without the right to read customers or inspect,
 * CORE_NOTFOUND for a distributor's actor that names no reseller.
 */
enum core_err customer_read_scope(struct db *db, const struct actor *a, int64_t reseller_id, int64_t *rid);

#endif
