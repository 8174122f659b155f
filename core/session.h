/*
 * session.h - storefront sign-in: the sessions of storefront users
 * (table sessions), password-reset links (table password_resets) and
 * password changes.
 *
 * Tokens.  A session token and a reset token are 256 random bits from
 * getrandom(2), given to the caller as 64 hex digits exactly once (the
 * cookie, the e-mailed link); the database keeps only their SHA-256, so
 * a copy of the tables opens no session.  Every sign-in makes a new
 * token (no fixation); sign-out deletes the row.
 *
 * Expiry.  A session dies SESSION_IDLE_SECONDS (30 min) after its last
 * use (last_seen_at, moved forward by session_check at most once per
 * SESSION_TOUCH_SECONDS) and in any case SESSION_ABSOLUTE_SECONDS (12 h)
 * after sign-in (expires_at).  It also dies with its user's password
 * reset, deactivation, or a password change (other sessions).
 *
 * Throttling and enumeration.  session_signin counts every attempt per
 * client address (SESSION_IP_ATTEMPTS) and per network, its /24 or /64
 * (SESSION_NET_ATTEMPTS), and every failure per e-mail, from all sources
 * and from this address (table rate_limits, windows of
 * SESSION_WINDOW_SECONDS).  A source is refused for an e-mail after
 * SESSION_SOURCE_FAILURES failures for it, or after one once the e-mail
 * has had SESSION_ACCOUNT_FAILURES failures from all sources.  No account
 * is ever locked: a client that has not failed for an e-mail, such as its
 * owner on another network, signs in with the right password while
 * someone else guesses.  An e-mail that has no account is throttled the
 * same way and "checked" against a dummy yescrypt hash of the same cost,
 * so the answers and their timing are the same whether the account
 * exists or not: SESSION_MSG_BAD_LOGIN for a wrong password, an unknown
 * e-mail, an inactive user or an inactive customer alike (we never say
 * "inactive": that would confirm the e-mail), SESSION_MSG_LOCKED for a
 * throttled source.  storefront_users.failed_logins counts consecutive
 * failures for support's eyes only.
 *
 * Tenancy.  reseller_id is the reseller of the storefront the request was
 * routed to (storefront_by_slug/by_domain), never a request parameter; a
 * session or a reset link of another storefront is simply not found.
 *
 * Every change (sign-in, failed sign-in of a known account, sign-out,
 * reset request, reset, password change) writes an audit row in the same
 * transaction; the actor is the storefront user concerned.
 */
#ifndef SHELF_CORE_SESSION_H
#define SHELF_CORE_SESSION_H

#include <stddef.h>
#include <stdint.h>
#include "actor.h"
#include "db.h"
#include "err.h"
#include "password.h"

#define SESSION_IDLE_SECONDS      (30 * 60)
#define SESSION_ABSOLUTE_SECONDS  (12 * 3600)
#define SESSION_TOUCH_SECONDS     60
#define SESSION_WINDOW_SECONDS    (15 * 60)	/* throttling window */
#define SESSION_SOURCE_FAILURES   5		/* failures per e-mail and client address */
#define SESSION_ACCOUNT_FAILURES  20		/* failures per e-mail, all sources: then 1 per source */
#define SESSION_IP_ATTEMPTS       20		/* sign-in attempts per client address and window */
#define SESSION_NET_ATTEMPTS      100		/* sign-in attempts per /24 or /64 and window */
#define SESSION_RESET_SECONDS     3600		/* a password-reset link lives 1 h */
#define SESSION_RESET_PER_EMAIL   3		/* reset e-mails per address and hour */
#define SESSION_RESET_PER_IP      10		/* reset requests per client address and hour */
#define SESSION_CHANGE_ATTEMPTS   10		/* password changes per user and window */

#define SESSION_MSG_BAD_LOGIN "E-mail or password is incorrect."
#define SESSION_MSG_LOCKED    "Too many failed sign-in attempts from here. Please try again in 15 minutes."
#define SESSION_MSG_DEAD_LINK "This link has expired or was already used."

/* What a successful sign-in hands to the boundary (set the cookie, render). */
struct session_new {
	char         token[PASSWORD_TOKEN_SZ];	/* the cookie value; shown once, only its hash is stored */
	char         csrf[PASSWORD_TOKEN_SZ];	/* the session's CSRF token for forms */
	struct actor actor;			/* the signed-in user (client_ip as given) */
	int          must_change_password;	/* 1: send the user to the change-password form */
	char         expires_at[20];		/* absolute expiry, "YYYY-MM-DD HH:MM:SS" UTC */
};

/*
 * session_signin - sign in with e-mail and password on reseller_id's
 * storefront; on success a new session row and *out (caller storage).
 * client_ip (may be NULL or "") is counted for throttling and audited.
 * The password is rehashed when its parameters are not the current ones;
 * failed_logins is reset and last_login_at set.
 * CORE_INVALID with why SESSION_MSG_BAD_LOGIN (wrong password, unknown
 * e-mail, inactive user or customer, empty fields); CORE_CONFLICT with
 * why SESSION_MSG_LOCKED or an address-throttling message; CORE_IO when
 * there is no randomness; CORE_DB....  *out is zeroed unless CORE_OK.
 * (Named signin, not login: tui/session.h owns session_login for the
 * operator at the keyboard.)
 */
enum core_err session_signin(struct db *db, int64_t reseller_id, const char *email, const char *password,
    const char *client_ip, struct session_new *out, char *why);

/*
 * session_check - resolve a cookie token on reseller_id's storefront to
 * its user: *out becomes a storefront-user actor (role owner/member,
 * id = storefront_users.id, name = e-mail, distributor, reseller and
 * customer of the session; client_ip ""), csrf_out (may be NULL) the
 * session's CSRF token, *must_change_password (may be NULL) the user's
 * flag.  Slides the idle expiry (at most one UPDATE a minute).
 * CORE_NOTFOUND for a malformed, unknown, expired (idle or absolute) or
 * signed-out token, a session of another storefront, or an inactive user
 * or customer; *out is zeroed then.
 */
enum core_err session_check(struct db *db, int64_t reseller_id, const char *token, struct actor *out,
    char *csrf_out, int *must_change_password);

/*
 * session_check_versioned - session_check, and *data_version (may be
 * NULL) the version of the customer's data (table customer_versions,
 * sql/018_signin.sql: it goes up with every change to what the
 * customer's signed-in pages show), read in the same statement.
 */
enum core_err session_check_versioned(struct db *db, int64_t reseller_id, const char *token, struct actor *out,
    char *csrf_out, int *must_change_password, int64_t *data_version);

/*
 * session_logout - delete the session of token (audited
 * "session.logout").  CORE_NOTFOUND when there is none (already gone:
 * the caller clears the cookie anyway).
 */
enum core_err session_logout(struct db *db, const char *token);

/*
 * session_cookie_name - "__Host-shelf" when served over HTTPS (the cookie
 * is then Secure, Path=/, host-only), else "shelf".  Static string.
 */
const char *session_cookie_name(int https);

/*
 * session_password_reset_request - "forgot my password" on reseller_id's
 * storefront.  When an active user has this e-mail, a single-use link
 * "<base_url>/reset?token=<token>" valid SESSION_RESET_SECONDS is queued
 * as an e-mail (template "storefront_password_reset", data {name, email,
 * company_name, link, expires_hours}) and audited; otherwise nothing
 * happens.  Answers CORE_OK in both cases, and also when the e-mail is
 * throttled (SESSION_RESET_PER_EMAIL an hour), so nobody learns whether
 * an account exists.  CORE_CONFLICT with why when client_ip made too
 * many requests (SESSION_RESET_PER_IP an hour: says nothing about any
 * account); CORE_INVALID without a base_url.  base_url is the storefront's
 * public address by storefront_url, the rule of every storefront link
 * (trailing '/' optional).
 */
enum core_err session_password_reset_request(struct db *db, int64_t reseller_id, const char *email,
    const char *client_ip, const char *base_url, char *why);

/*
 * session_reset_valid - CORE_OK when token is a live reset (or
 * invitation) link of an active user of reseller_id's storefront (for
 * the GET of the form: show the form or SESSION_MSG_DEAD_LINK);
 * *email (may be NULL, 255 bytes) gets the user's e-mail.  CORE_NOTFOUND
 * otherwise.  Changes nothing.
 */
enum core_err session_reset_valid(struct db *db, int64_t reseller_id, const char *token, char *email);

/*
 * session_password_reset - set a new password through a reset or
 * invitation link.  In one transaction: every open link of the user is
 * marked used, the password replaced (must_change_password, the failure
 * count and the lock cleared), all the user's sessions deleted, audited
 * "user.password_reset".  A second use, an expired link or one of
 * another storefront: CORE_NOTFOUND with why SESSION_MSG_DEAD_LINK.
 * A password against the policy: CORE_INVALID with why (link not used).
 */
enum core_err session_password_reset(struct db *db, int64_t reseller_id, const char *token,
    const char *new_password, char *why);

/*
 * session_change_password - the signed-in storefront user a changes its
 * own password, proving the current one.  All its other sessions are
 * deleted (keep_token, the current session's token, survives; NULL:
 * none survives) and open reset links die.  Clears must_change_password.
 * Audited "user.password_change".  CORE_FORBIDDEN unless a is a
 * storefront user; CORE_INVALID with why for a wrong current password or
 * a new one against the policy or equal to the current one;
 * CORE_CONFLICT with why when throttled (SESSION_CHANGE_ATTEMPTS per
 * window) or the password changed meanwhile; CORE_NOTFOUND when the
 * user is gone or inactive.
 */
enum core_err session_change_password(struct db *db, const struct actor *a, const char *keep_token,
    const char *old_password, const char *new_password, char *why);

/*
 * session_reset_issue - for modules that mail a set-password link
 * (user.c's invitations, admin-requested resets): make a reset row for
 * user_id living lifetime_seconds and put its token into token_out.
 * Call inside the caller's transaction, after checking that user_id is
 * a user of the caller's tenant.  CORE_IO without randomness.
 */
enum core_err session_reset_issue(struct db *db, int64_t user_id, int lifetime_seconds,
    char token_out[PASSWORD_TOKEN_SZ]);

/*
 * session_reset_link - "<base_url>/reset?token=<token>" into out (n
 * bytes, always terminated); one trailing '/' of base_url is dropped.
 */
void session_reset_link(const char *base_url, const char *token, char *out, size_t n);

#define SESSION_PURGE_BATCH 1000	/* rows per DELETE of the purge */

/*
 * session_purge_counts - delete sessions past expires_at or idle longer
 * than SESSION_IDLE_SECONDS, then reset links expired or used more than
 * a day ago (the daily pass, core/billing_daily.h), by NOW() of the
 * database; batches of SESSION_PURGE_BATCH, each DELETE its own
 * transaction, so a large purge never holds many locks.  *sessions and
 * *resets (not NULL) get the rows removed, also after an error.
 */
enum core_err session_purge_counts(struct db *db, uint64_t *sessions, uint64_t *resets);

/* session_purge - session_purge_counts with one total; *deleted may be NULL. */
enum core_err session_purge(struct db *db, uint64_t *deleted);

#endif
