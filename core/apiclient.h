/*
 * apiclient.h - Marketplace API credentials of a reseller (table
 * api_clients): made and revoked by the reseller's admins
 * (ACT_API_CLIENTS), checked by the API for every request.
 *
 * A credential is a public client id "shelf_" + 16 hex digits and a
 * secret of 32 random bytes (64 hex digits) that is shown once, at
 * creation, and stored only as "sha256:<hex digest>".  SHA-256 and not
 * yescrypt, on purpose: the secret is a 256-bit random value, so a slow
 * hash adds nothing against guessing (there is nothing to guess) and
 * would cost ~100 ms and 16 MiB on every API request.  apiclient_verify
 * also accepts a crypt(3) hash ("$y$...", checked with password_verify),
 * should one ever be stored.  Revoked credentials stay, for the audit
 * trail, and never verify again.
 */
#ifndef SHELF_APICLIENT_H
#define SHELF_APICLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "apitoken.h"
#include "db.h"
#include "err.h"

#define APICLIENT_ID_SZ      65		/* "shelf_" + 16 hex + NUL fits; sized as api_clients.client_id */
#define APICLIENT_SECRET_SZ  65		/* 64 hex + NUL */
#define APICLIENT_NAME_SZ    (100 * 4 + 1)
#define APICLIENT_LIMIT_MAX  500

struct apiclient {
	int64_t id;
	int64_t reseller_id;
	char    client_id[APICLIENT_ID_SZ];
	char    name[APICLIENT_NAME_SZ];
	char    created_by[65];		/* operator login, "" when unknown */
	char    created_at[20];		/* "YYYY-MM-DD HH:MM:SS" UTC */
	char    last_used_at[20];	/* "" when never */
	char    revoked_at[20];		/* "" while valid */
	unsigned scopes;		/* 1 << enum apiscope (apitoken.h) */
};

DB_LIST(apiclient_list, struct apiclient);

enum apiclient_sort {
	APICLIENT_SORT_NEWEST,	/* created_at desc, id desc */
	APICLIENT_SORT_NAME,	/* name, id */
	APICLIENT_SORT__MAX
};

struct apiclient_query {
	const char         *search;		/* substring of name or client id; NULL or "": all */
	int                 include_revoked;
	enum apiclient_sort sort;
	int64_t             limit;		/* 0: 50; capped at APICLIENT_LIMIT_MAX */
	int64_t             offset;
};

void apiclient_list_free(struct apiclient_list *l);

/*
 * apiclient_create - a new credential named name (1..100 characters) for
 * a->reseller_id.  client_id_out and secret_out (65 bytes each) get the
 * public id and the secret: the only time the secret exists outside the
 * caller's screen.  *id (may be NULL) gets the row id.  Audited
 * "api_client.create" (never the secret).  CORE_FORBIDDEN unless a
 * reseller admin; CORE_INVALID with why for a bad name; CORE_IO without
 * randomness.  Outputs are "" unless CORE_OK.
 */
enum core_err apiclient_create(struct db *db, const struct actor *a, const char *name,
    char client_id_out[APICLIENT_ID_SZ], char secret_out[APICLIENT_SECRET_SZ], int64_t *id, char *why);

/*
 * apiclient_list - a page of the reseller's credentials matching q (NULL:
 * the valid ones, newest first); never a secret or its hash.  *list is
 * the caller's (apiclient_list_free), zeroed on error.
 */
enum core_err apiclient_list(struct db *db, const struct actor *a, const struct apiclient_query *q,
    struct apiclient_list *list);

/*
 * apiclient_revoke - revoke credential id of a->reseller_id at once.
 * CORE_NOTFOUND (with why) for another tenant's or an unknown id;
 * CORE_CONFLICT with why when already revoked.  Audited "api_client.revoke".
 */
enum core_err apiclient_revoke(struct db *db, const struct actor *a, int64_t id, char *why);

/*
 * apiclient_verify - for the API: CORE_OK when client_id and secret make
 * a valid, unrevoked credential of a reseller whose edition has API
 * access (standard, professional) and who is active; *reseller_id (may be
 * NULL) gets the reseller.  The secret is compared in constant time, and
 * an unknown client id costs the same as a known one.  last_used_at is
 * updated at most once a minute.  Any failure: CORE_NOTFOUND (one answer,
 * the API says 401), or CORE_DB....
 */
enum core_err apiclient_verify(struct db *db, const char *client_id, const char *secret, int64_t *reseller_id);

/*
 * apiclient_create_scoped - apiclient_create with the scopes the
 * credential carries (a mask of 1 << enum apiscope, at least one:
 * CORE_INVALID with why otherwise).  apiclient_create gives every scope.
 */
enum core_err apiclient_create_scoped(struct db *db, const struct actor *a, const char *name, unsigned scopes,
    char client_id_out[APICLIENT_ID_SZ], char secret_out[APICLIENT_SECRET_SZ], int64_t *id, char *why);

/*
 * apiclient_set_scopes - the scopes of credential id of a->reseller_id
 * from now on (its tokens carry them at their next request).  As
 * apiclient_revoke for the errors; CORE_INVALID for an empty mask.
 * Audited "api_client.scopes".
 */
enum core_err apiclient_set_scopes(struct db *db, const struct actor *a, int64_t id, unsigned scopes, char *why);

/*
 * apiclient_check - apiclient_verify for the token endpoint: *auth gets
 * the credential row, its reseller and distributor, client id and
 * scopes.  Client ids are 1..64 of [A-Za-z0-9_.-] (those the TUI makes
 * are "shelf_" + 16 hex digits; seeds may name others), secrets 1..128
 * printable ASCII characters.  Same refusals as apiclient_verify.
 */
enum core_err apiclient_check(struct db *db, const char *client_id, const char *secret, struct apiauth *auth);

/* apiclient_to_json - a new object for templates; NULL on ENOMEM; caller decrefs. */
json_t *apiclient_to_json(const struct apiclient *c);

#endif
