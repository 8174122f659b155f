/*
 * storefront.h - a reseller's storefront: its address (slug, custom
 * domain), branding, homepage sections and contact page (table
 * storefronts), and the public routing of requests to it.
 *
 * A storefront answers only while its reseller is on the Standard or
 * Professional edition and active: the row survives a downgrade (nothing
 * is lost), the lookups simply stop finding it on the next request.
 * Every change bumps storefronts.version, which is part of page cache keys.
 *
 * Slug rules (the storefront's address segment): 1..63 characters of
 * ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$, not a reserved word (www, admin, api,
 * assets, static, s, ...), not live on another storefront and not an old
 * slug another reseller still redirects from.
 */
#ifndef SHELF_STOREFRONT_H
#define SHELF_STOREFRONT_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "actor.h"
#include "db.h"
#include "reseller.h"

#define STOREFRONT_SLUG_MAX      63
#define STOREFRONT_SLUG_SZ       (STOREFRONT_SLUG_MAX + 1)
#define STOREFRONT_DOMAIN_MAX    253
#define STOREFRONT_ANALYTICS_MAX 20		/* "G-" and up to 18 more */
#define STOREFRONT_SECTIONS_MAX  65536		/* bytes of the sections JSON text */
#define STOREFRONT_SECTIONS_N    20		/* sections on a homepage */
#define STOREFRONT_INTRO_MAX     4000		/* characters of the contact page intro */
#define STOREFRONT_TEXT_SZ(n)    ((n) * 4 + 1)	/* utf8mb4 VARCHAR(n) */

struct storefront {
	int64_t reseller_id;
	char    reseller_name[STOREFRONT_TEXT_SZ(200)];
	char    reseller_email[STOREFRONT_TEXT_SZ(254)];
	enum reseller_edition edition;
	enum reseller_status  status;
	char    slug[STOREFRONT_SLUG_SZ];
	char    custom_domain[STOREFRONT_DOMAIN_MAX + 1];	/* "" when none */
	char    company_name[STOREFRONT_TEXT_SZ(200)];
	char    analytics_id[33];				/* "" when none */
	char    theme[33];
	char    skin[33];
	char    logo_url[STOREFRONT_TEXT_SZ(500)];		/* "" when none */
	char    meta_title[STOREFRONT_TEXT_SZ(200)];
	char    meta_description[STOREFRONT_TEXT_SZ(300)];
	char    contact_email[STOREFRONT_TEXT_SZ(254)];	/* "" when none */
	char    contact_phone[STOREFRONT_TEXT_SZ(40)];
	char    contact_address[STOREFRONT_TEXT_SZ(500)];
	char    contact_intro[STOREFRONT_TEXT_SZ(STOREFRONT_INTRO_MAX)];
	int     contact_form_enabled;
	int64_t version;
	char    currency[4];
	int64_t distributor_id;
	char    distributor_name[STOREFRONT_TEXT_SZ(200)];
	char    base_domain[STOREFRONT_DOMAIN_MAX + 1];	/* distributor's storefront_base_domain, "" when none */
	char    updated_at[20];
	int64_t wide_version;	/* the part of version distributor-wide changes made (sql/019_cold.sql) */
	char    sections[STOREFRONT_SECTIONS_MAX + 1];		/* JSON array text; last (storefront_copy) */
};

/*
 * storefront_copy - a malloc'd copy of sf that holds only the bytes in
 * use: everything up to sections, and sections up to its NUL (sections
 * is the last member so the rest can be left off).  For reading through
 * a const pointer only: never write its sections, never copy it by
 * value.  free() it.  NULL when out of memory.
 */
struct storefront *storefront_copy(const struct storefront *sf);

/*
 * Public routing (no actor: the request is anonymous until a login).
 * storefront_by_slug / storefront_by_domain fill *out with the online
 * storefront (edition standard or professional, reseller active), else
 * CORE_NOTFOUND.  by_domain takes the request's Host (any case, optional
 * ":port", optional trailing dot) and matches a custom domain first, then
 * "<slug>.<base>" where <base> is the distributor's storefront_base_domain.
 * Arguments are borrowed; NULL gives CORE_NOTFOUND.
 */
enum core_err storefront_by_slug(struct db *db, const char *slug, struct storefront *out);
enum core_err storefront_by_domain(struct db *db, const char *host, struct storefront *out);

/*
 * storefront_redirect_slug - for a 301: old_slug is a slug an online
 * storefront used before a rename; new_slug gets its current slug
 * (STOREFRONT_SLUG_SZ bytes).  CORE_NOTFOUND when it is no such slug.
 */
enum core_err storefront_redirect_slug(struct db *db, const char *old_slug, char *new_slug);

/*
 * storefront_version - the version of reseller_id's storefront, for cache
 * keys: a primary-key read, no actor (the version is no secret).
 * CORE_NOTFOUND when the reseller has no storefront.
 */
enum core_err storefront_version(struct db *db, int64_t reseller_id, int64_t *version);

/*
 * storefront_versions - storefront_version for n resellers at once:
 * versions[i] is the version of ids[i]'s storefront, or -1 when it has
 * none.  One indexed query per STOREFRONT_VERSIONS_MAX ids (the page
 * cache of shelf-fcgi checks all storefronts of a batch of requests in
 * one round trip).
 */
#define STOREFRONT_VERSIONS_MAX 64
enum core_err storefront_versions(struct db *db, const int64_t *ids, size_t n, int64_t *versions);

/*
 * storefront_version_wide, storefront_versions_wide - the same with the
 * part of each version distributor-wide changes made (wide_version;
 * wides[i] -1 when none, wides may be NULL): a storefront whose two
 * moved by as much since a row of it was read has the same row but for
 * them (sql/019_cold.sql).
 */
enum core_err storefront_version_wide(struct db *db, int64_t reseller_id, int64_t *version, int64_t *wide);
enum core_err storefront_versions_wide(struct db *db, const int64_t *ids, size_t n, int64_t *versions,
    int64_t *wides);

/*
 * storefront_get - the reseller admin's own storefront (tenant from the
 * actor; ACT_TENANT_READ: its admins and staff), online or not.  CORE_FORBIDDEN for other
 * roles, CORE_NOTFOUND when the reseller has no storefront row.
 */
enum core_err storefront_get(struct db *db, const struct actor *a, struct storefront *out);

/*
 * The reseller admin's edits (ACT_STOREFRONT_WRITE, tenant from the
 * actor).  Each validates everything first, then in one transaction
 * updates the row, bumps version and writes an audit row with the
 * changed fields before and after.  On refusal nothing changes and why
 * (may be NULL) says what to fix: CORE_INVALID for bad input,
 * CORE_CONFLICT for a slug or domain in use.  Strings are borrowed.
 *
 * storefront_update_general: company_name 1..200 characters; slug per
 * the slug rules (a changed slug leaves a redirect from the old one, and
 * taking back one's own old slug removes that redirect); custom_domain
 * NULL or "" for none, else a hostname of lower-case labels with a
 * letters-only top-level label (upper case is folded), not used by
 * another storefront; analytics_id NULL or "" for none, else
 * storefront_analytics_valid(analytics_id).
 */
enum core_err storefront_update_general(struct db *db, const struct actor *a,
    const char *company_name, const char *slug, const char *custom_domain,
    const char *analytics_id, char *why);

/*
 * For core's storefront modules (storefront.c, storefront_edit.c):
 * STOREFRONT_SQL_SELECT selects the columns storefront_fill reads from
 * the current row into *sf (aliases sf, r, d; append WHERE ...).
 */
#define STOREFRONT_SQL_SELECT \
	"SELECT sf.reseller_id, r.name, r.email, r.edition, r.status, sf.slug, sf.custom_domain," \
	" sf.company_name, sf.analytics_id, sf.theme, sf.skin, sf.logo_url, sf.sections," \
	" sf.meta_title, sf.meta_description, sf.contact_email, sf.contact_phone," \
	" sf.contact_address, sf.contact_intro, sf.contact_form_enabled, sf.version," \
	" r.currency, r.distributor_id, d.name, d.storefront_base_domain, sf.updated_at," \
	" sf.wide_version" \
	" FROM storefronts sf JOIN resellers r ON r.id = sf.reseller_id" \
	" JOIN distributors d ON d.id = r.distributor_id"

void storefront_fill(struct storefront *sf, struct db_res *r);

/*
 * storefront_slug_free - *free_ = 1 when no reseller but reseller_id
 * holds slug, live or as a redirect.  Checks nothing else (core-internal;
 * storefront_slug_check is the checked entry).  CORE_DB.
 */
enum core_err storefront_slug_free(struct db *db, const char *slug, int64_t reseller_id, int *free_);

/*
 * storefront_analytics_valid - 1 when id is a Google Analytics
 * measurement id as a storefront may store and show it: ^G-[A-Z0-9]+$ of
 * at most STOREFRONT_ANALYTICS_MAX characters (the TUI's form and the
 * storefront's rendering use this rule too).  0 for NULL.
 */
int storefront_analytics_valid(const char *id);

/*
 * storefront_update_look - theme and skin must exist: themes_dir/THEME/
 * theme.json is read (theme_info_load) and must list skin in "skins".
 * sections_json (NULL: "[]") must be a JSON array of at most
 * STOREFRONT_SECTIONS_N objects, each valid by its schema (section_check,
 * core/section.h) and of a type the theme supports (theme_info_supports),
 * at most STOREFRONT_SECTIONS_MAX bytes; it is stored re-serialised
 * (compact, key order kept).
 */
enum core_err storefront_update_look(struct db *db, const struct actor *a, const char *themes_dir,
    const char *theme, const char *skin, const char *sections_json, char *why);

/*
 * storefront_update_contact - the contact page: email (NULL/"" none, else
 * an address; mails from the contact form go there, else to the
 * reseller's e-mail), phone (<= 40 of digits, spaces and + ( ) - . /),
 * address (<= 500 characters, may hold line breaks), intro (<=
 * STOREFRONT_INTRO_MAX characters, may hold line breaks), form_enabled 0/1.
 */
enum core_err storefront_update_contact(struct db *db, const struct actor *a, const char *email,
    const char *phone, const char *address, const char *intro, int form_enabled, char *why);

/*
 * storefront_update_meta - logo_url (NULL/"" none; an https:// URL or a
 * path starting with "/", <= 500), meta_title (<= 200 characters) and
 * meta_description (<= 300), NULL/"" for none.
 */
enum core_err storefront_update_meta(struct db *db, const struct actor *a, const char *logo_url,
    const char *meta_title, const char *meta_description, char *why);

/*
 * storefront_create - make reseller_id's storefront row, for
 * reseller_set_edition: runs inside the caller's open transaction
 * (CORE_INVALID otherwise), ACT_RESELLER_EDITION and the reseller must
 * belong to a->distributor_id (CORE_NOTFOUND).  slug NULL or "": derived
 * from the reseller's name by reseller_slugify, made unique with "-2",
 * "-3", ...; else the slug rules apply (CORE_INVALID / CORE_CONFLICT with
 * why).  company_name starts as the reseller's name.  CORE_CONFLICT when
 * the reseller already has a storefront.  slug_out (STOREFRONT_SLUG_SZ)
 * gets the slug.  Writes no audit row (the caller's change does).
 */
enum core_err storefront_create(struct db *db, const struct actor *a, int64_t reseller_id,
    const char *slug, char *slug_out, char *why);

/*
 * storefront_touch - bump the version of reseller_id's storefront (no row:
 * nothing to do, CORE_OK).  Plumbing for other core modules, called inside
 * their transaction after their own permission check, when a change
 * alters what the storefront shows (listings, markups).
 */
enum core_err storefront_touch(struct db *db, int64_t reseller_id);

/* storefront_touch_distributor - the same for every storefront of a distributor (catalog changes). */
enum core_err storefront_touch_distributor(struct db *db, int64_t distributor_id);

/*
 * storefront_slug_check - may reseller_id's storefront take slug?  The
 * same rules storefront_create applies, asked before a change is
 * confirmed: ACT_RESELLER_EDITION (CORE_FORBIDDEN), the slug rules'
 * syntax and reserved words (CORE_INVALID), not live on another
 * storefront nor an old slug another reseller redirects from
 * (CORE_CONFLICT).  why (may be NULL) says what to fix.  A check, not a
 * reservation: the change itself checks again.
 */
enum core_err storefront_slug_check(struct db *db, const struct actor *a, int64_t reseller_id,
    const char *slug, char *why);

/* storefront_slug_valid - 1 when slug follows the slug rules' syntax and is not reserved (pure). */
int storefront_slug_valid(const char *slug);

/* storefront_slug_reserved - 1 for a reserved word (www, admin, api, assets, static, s, ...). */
int storefront_slug_reserved(const char *slug);

/* storefront_domain_valid - 1 for a lower-case hostname fit for custom_domain (pure). */
int storefront_domain_valid(const char *host);

/*
 * storefront_url - the public address of a storefront, into out (n bytes,
 * always terminated).  The one rule for every storefront link the
 * platform sends (e-mails: invitations, password resets, edition changes)
 * or shows (TUI, inspect); public_url is the deployment's configured
 * address, base_domain the distributor's storefront_base_domain:
 *   custom_domain set        -> "https://<custom_domain>/"
 *   base_domain set and public_url NULL/"" -> "https://<slug>.<base_domain>/"
 *   base_domain set and the host of public_url is base_domain (a wildcard
 *                               deployment) -> "<scheme>://<slug>.<base_domain>[:port]/"
 *   else                     -> "<public_url>/s/<slug>/" (public_url NULL or ""
 *                               gives the relative "/s/<slug>/"; a trailing '/'
 *                               of public_url is dropped).
 * So a base domain this deployment does not serve never reaches a link:
 * path routing (/s/<slug>/) answers on every deployment.  Pure.
 */
void storefront_url(const char *public_url, const char *base_domain, const char *slug,
    const char *custom_domain, char *out, size_t n);

/*
 * The storefront pages e-mails link to.  Their paths are fcgi's page
 * table's (PAGE_ORDER, PAGE_SUBSCRIPTION, PAGE_SUBSCRIPTIONS), which
 * core cannot read; tests/test_fcgi_page.c holds the two equal.
 */
enum storefront_page {
	STOREFRONT_PAGE_ORDER,		/* one order of the customer's, by id */
	STOREFRONT_PAGE_SUBSCRIPTION,	/* one subscription, by id */
	STOREFRONT_PAGE_SUBSCRIPTIONS,	/* the customer's subscriptions (id unused) */
	STOREFRONT_PAGE__MAX
};

/*
 * storefront_page_url - the address of page p (of id, where the page
 * takes one) in the storefront whose address site is (storefront_url's
 * result), into out (n bytes, always terminated; "" for a bad p).  Pure.
 */
void storefront_page_url(const char *site, enum storefront_page p, int64_t id, char *out, size_t n);

/*
 * storefront_online - 1 when a storefront of a reseller on edition e with
 * status st answers: Standard or Professional, and active.  The one rule
 * behind the routing lookups (SF_ONLINE is its SQL), the TUI's
 * "(offline)" and the report's storefront_url.
 */
int storefront_online(enum reseller_edition e, enum reseller_status st);

/*
 * storefront_live_url - r's storefront address (storefront_url with
 * public_url and base_domain, both may be NULL) into out when r has a
 * storefront that answers (storefront_online), else "".  Returns 1 when
 * an address was written, 0 for none (never had one, or offline: see
 * r->slug to tell them apart).
 */
int storefront_live_url(const struct reseller *r, const char *public_url, const char *base_domain,
    char *out, size_t n);

/*
 * storefront_to_json - a new object for templates: every field by its
 * struct name, edition as its name, "sections" parsed (an empty array
 * when the stored text does not parse).  NULL on ENOMEM; caller decrefs.
 */
json_t *storefront_to_json(const struct storefront *sf);

#endif
