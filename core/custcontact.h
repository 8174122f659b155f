/*
 * custcontact.h - a customer's contact persons (table customer_contacts,
 * sql/017_customer_contacts.sql): who the reseller talks to at one of
 * its customers, and about what (primary, billing, technical).  Not the
 * storefront's contact form (contact.h) and not storefront logins
 * (user.h): a contact has no password.
 *
 * A contact is invited (made active, and an e-mail telling the person is
 * queued in the outbox in the same transaction: it goes out if and only
 * if the invitation committed; nothing here claims it was sent) and
 * disabled, never deleted.  One contact per customer and e-mail address
 * (case ignored): inviting an active contact's address again is
 * CORE_CONFLICT, inviting a disabled one's makes it active again with
 * the new name, phone and role.
 *
 * Reads: the reseller's administrators and staff (ACT_CUSTOMER_READ) of
 * their own reseller; support and the distributor's admins
 * (ACT_INSPECT) of a reseller of their distributor.  Changes: the
 * reseller's administrators (ACT_CUSTOMER_WRITE: the TUI, the API's
 * actor), always of a->reseller_id, audited ("contact.invite",
 * "contact.disable").  Another reseller's customer or contact is
 * CORE_NOTFOUND, like one that does not exist.
 */
#ifndef SHELF_CUSTCONTACT_H
#define SHELF_CUSTCONTACT_H

#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "err.h"

#define CUSTCONTACT_NAME_MAX  200	/* characters */
#define CUSTCONTACT_EMAIL_MAX 254
#define CUSTCONTACT_PHONE_MAX 40
#define CUSTCONTACT_LIST_MAX  500	/* contacts of one page of custcontact_list at most */

/* X(symbol, name in customer_contacts.role) */
#define CUSTCONTACT_ROLES(X) \
	X(CUSTCONTACT_PRIMARY,   "primary") \
	X(CUSTCONTACT_BILLING,   "billing") \
	X(CUSTCONTACT_TECHNICAL, "technical")

enum custcontact_role {
#define CUSTCONTACT_ROLE_SYM(sym, name) sym,
	CUSTCONTACT_ROLES(CUSTCONTACT_ROLE_SYM)
#undef CUSTCONTACT_ROLE_SYM
	CUSTCONTACT_ROLE__MAX
};

/* custcontact_role_name - "primary", ...; "" out of range.  custcontact_role_parse - the role named, or -1. */
const char *custcontact_role_name(enum custcontact_role r);
int custcontact_role_parse(const char *name);

struct custcontact {
	int64_t id;
	int64_t reseller_id;
	int64_t customer_id;
	char    name[CUSTCONTACT_NAME_MAX * 4 + 1];
	char    email[CUSTCONTACT_EMAIL_MAX + 1];
	char    phone[CUSTCONTACT_PHONE_MAX * 4 + 1];	/* "" when none */
	int     role;					/* enum custcontact_role */
	int     active;					/* 0: disabled */
	char    invited_at[20];				/* "YYYY-MM-DD HH:MM:SS" UTC */
	char    disabled_at[20];			/* "" while active */
	char    created_at[20];
};

DB_LIST(custcontact_list, struct custcontact);
void custcontact_list_free(struct custcontact_list *l);

/* What an invitation gives. */
struct custcontact_input {
	const char           *name;		/* 1..CUSTCONTACT_NAME_MAX characters, no leading or trailing space */
	const char           *email;		/* local@domain.tld, <= 254 */
	const char           *phone;		/* NULL, "" or <= 40 characters */
	enum custcontact_role role;
};

/* Which contacts custcontact_list gives. */
struct custcontact_query {
	int     status;		/* -1: all; 1: active; 0: disabled */
	int64_t limit;		/* 0: 50; at most CUSTCONTACT_LIST_MAX */
	int64_t offset;
};

/*
 * custcontact_list - a page of q (NULL: the first 50 of all) of the
 * contacts of customer customer_id of reseller reseller_id (a reseller
 * operator: its own, the parameter ignored), by id, into *out (total:
 * all that match; the caller's: custcontact_list_free).  CORE_NOTFOUND
 * when the customer is not the reseller's; CORE_FORBIDDEN.
 */
enum core_err custcontact_list(struct db *db, const struct actor *a, int64_t reseller_id, int64_t customer_id,
    const struct custcontact_query *q, struct custcontact_list *out);

/*
 * custcontact_invite - a new active contact of customer customer_id of
 * a->reseller_id (or a disabled one of the same address made active
 * again), with the invitation e-mail queued; *id (may be NULL) gets its
 * id.  CORE_INVALID with why naming the bad field; CORE_CONFLICT when an
 * active contact of the customer has the address; CORE_NOTFOUND for a
 * customer not the reseller's; CORE_FORBIDDEN.
 */
enum core_err custcontact_invite(struct db *db, const struct actor *a, int64_t customer_id,
    const struct custcontact_input *in, int64_t *id, char *why);

/*
 * custcontact_disable - disable contact id of customer customer_id of
 * a->reseller_id (disabled_at now).  Disabling a disabled contact
 * changes nothing and is CORE_OK.  CORE_NOTFOUND, CORE_FORBIDDEN.
 */
enum core_err custcontact_disable(struct db *db, const struct actor *a, int64_t customer_id, int64_t id,
    char *why);

#endif
