/*
 * user.h - storefront users: the logins of a customer's people on its
 * reseller's storefront (table storefront_users).  Sign-in, sessions and
 * password links are session.h's; this module manages the accounts.
 *
 * Who may do what.
 *   - A reseller admin (ACT_CUSTOMER_READ to read, ACT_CUSTOMER_WRITE to
 *     change) manages the users of any customer of a->reseller_id.
 *   - A customer's owner (ACT_CUSTOMER_USERS) manages the users of its
 *     own customer, a->customer_id: the customer_id parameters are
 *     IGNORED for it, and an owner cannot deactivate itself.
 *   - A member manages nobody (CORE_FORBIDDEN) and reads only itself.
 *   - Any storefront user edits its own name (user_update_profile).
 *   - Everyone else: CORE_FORBIDDEN.  Support and distributor staff read
 *     storefront users through inspect.h.
 * A user id of another reseller or (for an owner) another customer gives
 * CORE_NOTFOUND, exactly like an id that does not exist.
 *
 * Every change is one transaction with an audit row ("user.create",
 * "user.active", "user.password_reset_request", "user.profile"); e-mails
 * are queued in the outbox in the same transaction.  No secret (password,
 * hash, link token) is ever audited or returned except the one-time
 * password of user_create, once.
 */
#ifndef SHELF_USER_H
#define SHELF_USER_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"
#include "err.h"
#include "password.h"

#define USER_LIMIT_MAX       500
#define USER_INVITE_SECONDS  (72 * 3600)	/* an invitation link lives 72 h */
#define USER_EMAIL_SZ        255		/* VARCHAR(254) + NUL */
#define USER_NAME_SZ         (200 * 4 + 1)	/* VARCHAR(200) utf8mb4 + NUL */
#define USER_OTP_SZ          PASSWORD_READABLE_SZ

struct user {
	int64_t         id;
	int64_t         reseller_id;
	int64_t         customer_id;
	char            email[USER_EMAIL_SZ];
	char            name[USER_NAME_SZ];
	enum actor_role role;			/* ROLE_CUSTOMER_OWNER or ROLE_CUSTOMER_MEMBER */
	int             active;
	int             has_password;		/* 0: invited, has not set a password yet */
	int             must_change_password;	/* signed in with a one-time password */
	int             failed_logins;		/* consecutive failures since the last success */
	int             locked;			/* locked now after too many failures */
	char            locked_until[20];	/* "YYYY-MM-DD HH:MM:SS" UTC or "" */
	char            created_at[20];
	char            last_login_at[20];	/* "" when never */
};

DB_LIST(user_list, struct user);

enum user_status { USER_ALL, USER_ACTIVE, USER_INACTIVE };

enum user_sort {
	USER_SORT_EMAIL,	/* email, id */
	USER_SORT_NAME,		/* name, id */
	USER_SORT_NEWEST,	/* created_at desc, id desc */
	USER_SORT__MAX
};

struct user_query {
	const char      *search;	/* substring of e-mail or name; NULL or "": all */
	enum user_status status;
	enum user_sort   sort;
	int64_t          limit;		/* 0: 50; capped at USER_LIMIT_MAX */
	int64_t          offset;
};

/* How a new user gets its first password. */
enum user_credential {
	USER_INVITE,		/* an e-mail with a set-password link (USER_INVITE_SECONDS) */
	USER_ONE_TIME_PASSWORD,	/* a generated password, shown once; must be changed at first sign-in */
	USER_CREDENTIAL__MAX
};

void user_list_free(struct user_list *l);

/*
 * user_list - a page of the users of customer_id (reseller admin) or of
 * the owner's own customer, matching q (NULL: all, by e-mail).  *list is
 * the caller's (user_list_free), zeroed on error.  CORE_NOTFOUND for a
 * customer of another tenant; CORE_INVALID for a bad sort or status.
 */
enum core_err user_list(struct db *db, const struct actor *a, int64_t customer_id,
    const struct user_query *q, struct user_list *list);

/*
 * user_get - one user into *out.  A member may read only itself.
 * CORE_NOTFOUND outside the actor's reach.
 */
enum core_err user_get(struct db *db, const struct actor *a, int64_t user_id, struct user *out);

/*
 * user_create - a new, active user of customer_id (reseller admin; an
 * owner: its own customer) with e-mail email (unique on the reseller's
 * storefront, any case), name (1..200 characters) and role
 * ROLE_CUSTOMER_OWNER or ROLE_CUSTOMER_MEMBER.
 *   USER_INVITE: no password yet; an e-mail (template "storefront_invite",
 *     data {name, email, company_name, link, expires_hours, invited_by})
 *     carries a single-use link "<storefront URL>reset?token=..." made by
 *     storefront_url(public_url, distributor's storefront_base_domain,
 *     slug, custom domain); public_url is config's public_url (borrowed,
 *     may be NULL).  CORE_CONFLICT when the reseller has no storefront.
 *   USER_ONE_TIME_PASSWORD: otp_out (USER_OTP_SZ bytes, required) gets a
 *     readable random password, stored hashed with must_change_password.
 * *id (may be NULL) gets the new id.  CORE_CONFLICT with why for a taken
 * e-mail, except when an owner invites an address that belongs to another
 * customer's user: then nothing is created, *id is 0, the address's owner
 * is e-mailed (template "storefront_invite_taken", audited
 * "user.invite_taken") and CORE_OK is returned, so the answer does not
 * tell other companies' users apart from new ones.  CORE_INVALID with why for a bad field; CORE_NOTFOUND for a
 * customer of another tenant.  Audited "user.create" (no secret).
 */
enum core_err user_create(struct db *db, const struct actor *a, int64_t customer_id, const char *email,
    const char *name, enum actor_role role, enum user_credential cred, const char *public_url,
    char *otp_out, int64_t *id, char *why);

/*
 * user_set_active - activate (1) or deactivate (0) a user; deactivating
 * deletes its sessions at once.  Setting the current state changes
 * nothing (CORE_OK, no audit row).  An owner deactivating itself:
 * CORE_CONFLICT with why.  Audited "user.active" with before/after.
 */
enum core_err user_set_active(struct db *db, const struct actor *a, int64_t user_id, int on, char *why);

/*
 * user_reset_password - queue a password-reset e-mail (template
 * "storefront_password_reset", link valid SESSION_RESET_SECONDS, URL as
 * for invitations) to an active user; the current password keeps working
 * until the link is used.  CORE_CONFLICT with why for an inactive user or
 * a reseller without storefront.  Audited "user.password_reset_request".
 */
enum core_err user_reset_password(struct db *db, const struct actor *a, int64_t user_id,
    const char *public_url, char *why);

/*
 * user_update_profile - the signed-in storefront user a renames itself
 * (1..200 characters).  CORE_FORBIDDEN for any other kind of actor.
 * Audited "user.profile" with before/after.
 */
enum core_err user_update_profile(struct db *db, const struct actor *a, const char *name, char *why);

/*
 * user_to_json - a new object for templates: every field by its struct
 * name, role as "owner"/"member", empty dates as null.  NULL on ENOMEM;
 * the caller decrefs.
 */
json_t *user_to_json(const struct user *u);

#endif
