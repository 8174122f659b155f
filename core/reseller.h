/*
 * reseller.h - the resellers of a distributor: lookup, the paged and
 * searchable list with customer counts and Monthly Run Rate, the edition
 * (Basic / Standard / Professional) and its changes, and the edition report.
 *
 * Who may: distributor admins and support read (ACT_RESELLER_READ) the
 * resellers of their own distributor (a->distributor_id; another
 * distributor's reseller is CORE_NOTFOUND); only distributor admins change
 * editions (ACT_RESELLER_EDITION) and add, edit, suspend and resume
 * resellers (ACT_RESELLER_MANAGE).  Nothing is ever deleted.
 *
 * Suspension: resellers.status is the one source of truth.  A suspended
 * reseller's storefront answers 503 (storefront_suspended), its operators
 * are refused at login and on their next keystroke (operator_check), its
 * API clients are refused; its data stay as they are.
 *
 * Monthly Run Rate (MRR) of a reseller: exactly core/mrr.h's definition
 * (the sum of MRR(C) over all the reseller's customers), computed with
 * mrr.h's SQL fragments so the Resellers list, the Customers screen, the
 * dashboard and the inspector can never disagree.
 */
#ifndef SHELF_RESELLER_H
#define SHELF_RESELLER_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"
#include "names.h"

/*
 * X(symbol, resellers.edition, label).  Basic buys from the distributor,
 * without a storefront; Standard has the storefront, self-service and the
 * Marketplace API; Professional, Standard and more.  In this order.
 */
#define RESELLER_EDITIONS(X) \
	X(EDITION_BASIC,        "basic",        "Basic") \
	X(EDITION_STANDARD,     "standard",     "Standard") \
	X(EDITION_PROFESSIONAL, "professional", "Professional")

enum reseller_edition {
	RESELLER_EDITIONS(NAMES_SYM)
	EDITION__MAX
};

/* X(symbol, resellers.status, label) */
#define RESELLER_STATUSES(X) \
	X(RESELLER_ACTIVE,    "active",    "Active") \
	X(RESELLER_SUSPENDED, "suspended", "Suspended")

enum reseller_status {
	RESELLER_STATUSES(NAMES_SYM)
	RESELLER_STATUS__MAX
};

/* Sort keys of reseller_list; ties are broken by id. */
enum reseller_sort {
	RESELLER_SORT_NAME,
	RESELLER_SORT_EDITION,		/* basic < standard < professional, then name */
	RESELLER_SORT_CREATED,
	RESELLER_SORT_CUSTOMERS,
	RESELLER_SORT_MRR,
	RESELLER_SORT__MAX
};

#define RESELLER_LIST_MAX   500
#define RESELLER_SEARCH_MAX 200		/* bytes of a search term */
#define RESELLER_TEXT_SZ(n) ((n) * 4 + 1)	/* utf8mb4 VARCHAR(n) */

struct reseller {
	int64_t id;
	int64_t distributor_id;
	char    name[RESELLER_TEXT_SZ(200)];
	char    email[RESELLER_TEXT_SZ(254)];
	enum reseller_edition edition;
	enum reseller_status  status;
	char    currency[4];
	char    created_at[20];		/* "YYYY-MM-DD HH:MM:SS" UTC */
	char    slug[64];		/* storefront slug, "" when it never had one */
	char    custom_domain[254];	/* "" when none */
	int64_t customers;		/* all customers, active and inactive */
	int64_t mrr;			/* mrr.h */
	char    edition_changed_at[27];	/* latest edition change, "" when none */
	char    edition_changed_by[65];	/* its operator's login, "" when none or the system */
};

struct reseller_list {
	struct reseller *items;		/* malloc'd; reseller_list_free */
	size_t           n;
	int64_t          total;		/* matching rows without paging */
	int              figures;	/* 1: customers, mrr and edition_changed_* are filled */
};

struct reseller_query {
	const char         *search;	/* substring of name or e-mail (case-insensitive); NULL/"" all */
	int                 edition;	/* enum reseller_edition, or -1 for all */
	enum reseller_sort  sort;
	int                 desc;	/* 1: descending */
	int                 limit;	/* 1..RESELLER_LIST_MAX; others clamp to 50 */
	int                 offset;	/* >= 0 */
	int                 defer_figures;	/* 1: leave customers, MRR and the last edition
					   change for reseller_list_figures (typing stays fast) */
};

struct edition_change {
	int64_t id;
	int64_t reseller_id;
	enum reseller_edition from, to;
	int64_t operator_id;		/* 0 for the system */
	char    operator_login[65];	/* "" for the system */
	char    changed_at[27];		/* "YYYY-MM-DD HH:MM:SS.ffffff" UTC */
	char    note[RESELLER_TEXT_SZ(500)];
};

/* a list (db.h DB_LIST); reseller_edition_history_free */
DB_LIST(edition_change_list, struct edition_change);

/* reseller_edition_name - "basic", "standard", "professional"; "unknown" otherwise. */
const char *reseller_edition_name(enum reseller_edition e);

/*
 * reseller_edition_may_move - 1 when a reseller on edition e can be
 * upgraded (up = 1: not on Professional) or downgraded (up = 0: not on
 * Basic); reseller_set_edition's rule for the direction, for offering.
 */
int reseller_edition_may_move(enum reseller_edition e, int up);

/* reseller_edition_label - "Basic", "Standard", "Professional" (for people). */
const char *reseller_edition_label(enum reseller_edition e);

/* reseller_edition_parse - the edition named (lower case), or -1. */
int reseller_edition_parse(const char *name);

/* reseller_status_name - "active", "suspended". */
const char *reseller_status_name(enum reseller_status s);

/*
 * reseller_edition_of, reseller_status_of - the edition and status a
 * resellers row stores, as read back: an unknown edition is
 * EDITION_BASIC, any status but "active" RESELLER_SUSPENDED.
 */
enum reseller_edition reseller_edition_of(const char *name);
enum reseller_status reseller_status_of(const char *name);

/*
 * reseller_slugify - a storefront slug from a name: ASCII letters lowered
 * and digits kept, every run of anything else (spaces, punctuation,
 * non-ASCII bytes) one '-', no '-' at either end, at most
 * min(63, outsz - 1) bytes (cut at a '-' boundary when possible, never
 * ending in '-').  out may end up "" (a name without ASCII letters or
 * digits).  Pure; out must not be NULL, outsz >= 1.  Returns strlen(out).
 */
size_t reseller_slugify(const char *name, char *out, size_t outsz);

/*
 * reseller_get - reseller id of a->distributor_id with customers, MRR and
 * latest edition change.  CORE_FORBIDDEN without ACT_RESELLER_READ,
 * CORE_NOTFOUND for an unknown id or another distributor's reseller.
 */
enum core_err reseller_get(struct db *db, const struct actor *a, int64_t id, struct reseller *out);

/*
 * reseller_list - a page of a->distributor_id's resellers matching q, with
 * out->total the number of matches.  The page is chosen in the database;
 * customers, MRR and the latest edition change of the page's resellers
 * come from one grouped statement over the page's ids.  Sorting by
 * customers or MRR has to rank every matching reseller, so it aggregates
 * the whole distributor (slower on big data; the other keys do not).
 * q NULL means defaults (all, by name, 50).  CORE_FORBIDDEN without
 * ACT_RESELLER_READ; CORE_INVALID for an unknown sort or edition, or a
 * search term over RESELLER_SEARCH_MAX.  *out is the caller's:
 * reseller_list_free (also after an error).
 */
enum core_err reseller_list(struct db *db, const struct actor *a, const struct reseller_query *q,
    struct reseller_list *out);

void reseller_list_free(struct reseller_list *l);

/*
 * reseller_list_figures - fill customers, MRR and the last edition change
 * of a page listed with defer_figures (one statement for the page).
 * The usage part sums the monthly rollup (usage_monthly: a row per
 * subscription, service and meter of the month), not the raw usage rows;
 * the TUI still shows the names at once and the figures when no key waits.
 */
enum core_err reseller_list_figures(struct db *db, const struct actor *a, struct reseller_list *l);

/*
 * reseller_set_edition - upgrade or downgrade reseller_id (of
 * a->distributor_id) to edition; distributor admins only
 * (ACT_RESELLER_EDITION, else CORE_FORBIDDEN; another distributor's
 * reseller is CORE_NOTFOUND).  One transaction:
 *   - resellers.edition changes; an edition_changes row records from, to,
 *     the operator (a->id when a is an operator) and the time;
 *   - to Standard or Professional: the storefront row is created when
 *     missing (see storefront_create; slug NULL or "" derives it from the
 *     name, else the given slug must follow the slug rules and be free),
 *     or, when it exists, slug must be NULL, "" or its current slug
 *     (CORE_CONFLICT otherwise: renames belong to storefront settings);
 *   - a storefront created now starts with the record's contact details
 *     and the featured listings (reseller_upgrade, which this is with no
 *     setup);
 *   - an existing storefront's version is bumped (a downgrade to Basic
 *     keeps the row and its data; it stops answering because of the
 *     edition);
 *   - an e-mail is queued to the reseller's address: template
 *     "reseller_edition_changed", data {reseller_name, edition (name),
 *     edition_label, previous_edition, upgrade (bool), storefront_url
 *     (null when the new edition is Basic)}; the URL is made by
 *     storefront_url(public_url, distributor's storefront_base_domain,
 *     slug, custom domain) (public_url is borrowed, may be NULL);
 *   - an audit row "reseller.edition" with before/after.
 * Same edition: CORE_CONFLICT.  edition out of range: CORE_INVALID.
 * why (may be NULL) explains every refusal.
 */
enum core_err reseller_set_edition(struct db *db, const struct actor *a, int64_t reseller_id,
    enum reseller_edition edition, const char *slug, const char *public_url, char *why);

/*
 * reseller_edition_history - the edition changes of reseller_id (of
 * a->distributor_id), newest first, at most RESELLER_LIST_MAX.
 * ACT_RESELLER_READ.  CORE_NOTFOUND for another distributor's reseller.
 * *out: reseller_edition_history_free.
 */
enum core_err reseller_edition_history(struct db *db, const struct actor *a, int64_t reseller_id,
    struct edition_change_list *out);

void reseller_edition_history_free(struct edition_change_list *l);

/*
 * reseller_report - the edition report: a->distributor_id's resellers of
 * edition (or all for -1), highest edition first, then by name, each with
 * its storefront slug and latest edition change (when, and the operator's
 * login).  customers and mrr are not computed (0).  Paged by limit
 * (1..RESELLER_LIST_MAX, others clamp to RESELLER_LIST_MAX) and offset so
 * an export walks it page by page; out->total counts all.
 * ACT_RESELLER_READ.  *out: reseller_list_free.
 */
enum core_err reseller_report(struct db *db, const struct actor *a, int edition, int limit,
    int offset, struct reseller_list *out);

/* The fields of a reseller's record a person enters (add and edit); strings borrowed. */
struct reseller_fields {
	const char *name;	/* 1..200 characters */
	const char *email;	/* str_email_valid; the reseller's notifications go there */
	const char *phone;	/* NULL/"": none; <= 40 of digits, spaces and + ( ) - . / */
	const char *address;	/* NULL/"": none; <= 500 characters, line breaks allowed */
	const char *country;	/* NULL/"": none; an assigned ISO 3166 alpha-2 code (upper case) */
	const char *tax_id;	/* NULL/"": none; <= 32 characters */
	const char *currency;	/* add only: NULL/"": the distributor's; else ISO 4217 (upper case) */
};

/* The contact part of a reseller's record (reseller_details). */
struct reseller_details {
	char phone[RESELLER_TEXT_SZ(40)];
	char address[RESELLER_TEXT_SZ(500)];
	char country[3];
	char tax_id[RESELLER_TEXT_SZ(32)];
};

/*
 * reseller_details - phone, address, country and tax id of reseller id
 * ("" where none), for the edit form.  ACT_RESELLER_READ; CORE_NOTFOUND
 * for another distributor's reseller.
 */
enum core_err reseller_details(struct db *db, const struct actor *a, int64_t id, struct reseller_details *out);

/*
 * reseller_add - a new reseller of a->distributor_id on the Basic
 * edition, active, with an audit row "reseller.add"; *id_out (may be
 * NULL) gets its id.  ACT_RESELLER_MANAGE (CORE_FORBIDDEN), bad fields
 * CORE_INVALID; why says which.  The upgrade (reseller_upgrade) gives it
 * a storefront and its first admin.
 */
enum core_err reseller_add(struct db *db, const struct actor *a, const struct reseller_fields *f,
    int64_t *id_out, char *why);

/*
 * reseller_edit - replace id's name, e-mail, phone, address, country and
 * tax id (f->currency must be NULL or ""; a reseller's currency never
 * changes), with an audit row "reseller.edit" of the fields before and
 * after.  Same rules as reseller_add; CORE_NOTFOUND for another
 * distributor's reseller.  The storefront's own company name and contact
 * page are the reseller's to change, and stay.
 */
enum core_err reseller_edit(struct db *db, const struct actor *a, int64_t id, const struct reseller_fields *f,
    char *why);

/*
 * reseller_set_status - suspend (RESELLER_SUSPENDED) or resume
 * (RESELLER_ACTIVE) reseller id: one transaction changes resellers.status,
 * bumps its storefront's version (so every worker's caches drop the shop
 * on the next request) and writes an audit row "reseller.suspend" /
 * "reseller.resume" with reason (NULL/"": none; <= 500 characters).
 * ACT_RESELLER_MANAGE; CORE_CONFLICT when already so; CORE_NOTFOUND for
 * another distributor's reseller.  why says which.
 */
enum core_err reseller_set_status(struct db *db, const struct actor *a, int64_t id, enum reseller_status status,
    const char *reason, char *why);

/*
 * What an upgrade sets up besides the edition (reseller_upgrade); strings
 * borrowed.  admin_login NULL or "": no operator is made; else the
 * reseller's first admin (operator_add's rules) with admin_name and
 * admin_email.  themes_dir: where the new storefront's theme.json is read
 * for its "starter_sections"; NULL: the homepage starts empty.
 */
struct reseller_setup {
	const char *admin_login;
	const char *admin_name;
	const char *admin_email;
	const char *themes_dir;
};

/*
 * reseller_upgrade - reseller_set_edition, and when the change creates
 * the reseller's storefront, the storefront starts set up, in the same
 * transaction:
 *   - homepage sections from its theme's theme.json "starter_sections",
 *     every "{name}" in their strings replaced by the reseller's name,
 *     each checked as storefront_update_look checks them (CORE_INVALID
 *     naming the theme otherwise);
 *   - contact e-mail, phone and address from the reseller's record;
 *   - the distributor's active featured products listed at their
 *     recommended markup (listings the reseller already has are kept);
 * and setup->admin_login's operator is created (reseller_admin of this
 * reseller) on any upgrade to Standard or Professional (CORE_INVALID on a
 * downgrade).  The e-mail's data gain admin_login (null when none),
 * listed (starter listings made; null for none) and starter (bool: the storefront was
 * created now), for its "what to do next".  setup NULL (what
 * reseller_set_edition passes): no admin, and no themes_dir, so the
 * homepage starts empty; the contact details and featured listings are
 * made all the same.
 */
enum core_err reseller_upgrade(struct db *db, const struct actor *a, int64_t reseller_id,
    enum reseller_edition edition, const char *slug, const char *public_url,
    const struct reseller_setup *setup, char *why);

/*
 * reseller_suspended_storefront - for the storefront's 503: the theme and skin
 * (33 bytes each) and company name (RESELLER_TEXT_SZ(200)) of the
 * storefront that route key (a slug, or with by_host a request's Host)
 * names, when its reseller is suspended and on an edition with a
 * storefront; CORE_NOTFOUND otherwise (no such storefront, or online).
 * No actor: public routing.
 */
enum core_err reseller_suspended_storefront(struct db *db, const char *key, int by_host, char *theme,
    char *skin, char *company);

/* reseller_to_json - a new object with every field (edition/status by name); NULL on ENOMEM. */
json_t *reseller_to_json(const struct reseller *r);

#endif
