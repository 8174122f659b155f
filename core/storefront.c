#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit.h"
#include "contact.h"
#include "section.h"
#include "storefront.h"
#include "str.h"
#include "theme_info.h"

enum {
	SF_BY_SLUG,
	SF_BY_HOST,
	SF_BY_RESELLER,
	SF_REDIRECT,
	SF_VERSION,
	SF_VERSION_WIDE,
	SF_VERSIONS,
	SF_SLUG_TAKEN,
	SF_RESELLER,
	SF_INSERT,
	SF_BUMP,
	SF_BUMP_DISTRIBUTOR,
	SF__MAX
};

/* A storefront answers only while this holds. */
/* storefront_online's rule in SQL */
#define SF_ONLINE " AND r.edition IN ('standard', 'professional') AND r.status = 'active'"

static const char *const sql[SF__MAX] = {
	[SF_BY_SLUG] = STOREFRONT_SQL_SELECT " WHERE sf.slug = ?" SF_ONLINE,
	[SF_BY_HOST] = STOREFRONT_SQL_SELECT
	    " WHERE (sf.custom_domain = ? OR (sf.slug = ? AND d.storefront_base_domain = ?))" SF_ONLINE
	    " ORDER BY sf.custom_domain = ? DESC LIMIT 1",
	[SF_BY_RESELLER] = STOREFRONT_SQL_SELECT " WHERE sf.reseller_id = ?",
	[SF_REDIRECT] =
	    "SELECT sf.slug FROM storefront_slug_redirects x"
	    " JOIN storefronts sf ON sf.reseller_id = x.reseller_id"
	    " JOIN resellers r ON r.id = sf.reseller_id"
	    " WHERE x.old_slug = ?" SF_ONLINE,
	[SF_VERSION] = "SELECT version FROM storefronts WHERE reseller_id = ?",
	/* ? is a JSON array of reseller ids: each one a primary-key read */
	[SF_VERSION_WIDE] = "SELECT version, wide_version FROM storefronts WHERE reseller_id = ?",
	[SF_VERSIONS] =
	    "SELECT sf.reseller_id, sf.version, sf.wide_version"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) AS j"
	    " JOIN storefronts sf ON sf.reseller_id = j.id",
	[SF_SLUG_TAKEN] =
	    "SELECT (SELECT COUNT(*) FROM storefronts WHERE slug = ? AND reseller_id <> ?)"
	    " + (SELECT COUNT(*) FROM storefront_slug_redirects WHERE old_slug = ? AND reseller_id <> ?)",
	[SF_RESELLER] =
	    "SELECT r.name, (SELECT COUNT(*) FROM storefronts WHERE reseller_id = r.id)"
	    " FROM resellers r WHERE r.id = ? AND r.distributor_id = ? FOR UPDATE",
	[SF_INSERT] =
	    "INSERT INTO storefronts (reseller_id, slug, company_name) VALUES (?, ?, ?)",
	[SF_BUMP] = "UPDATE storefronts SET version = version + 1 WHERE reseller_id = ?",
	[SF_BUMP_DISTRIBUTOR] =
	    "UPDATE storefronts sf JOIN resellers r ON r.id = sf.reseller_id"
	    " SET sf.version = sf.version + 1 WHERE r.distributor_id = ?",
};

static const struct db_table table = { DB_MOD_STOREFRONT, sql, SF__MAX };

/* Words that name the platform's own paths and hosts, never a storefront. */
static const char *const reserved[] = {
	"www", "admin", "api", "assets", "static", "s", "app", "mail", "smtp", "ftp",
	"help", "support", "status", "login", "logout", "account", "health", "media",
	"themes", "cdn", "shop", "store", "storefront", "root", "system", NULL
};

static int
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

#define COL(type, member) DB_COL(type, struct storefront, member)
static const struct db_col cols[] = {
	COL(INT, reseller_id),
	COL(STR, reseller_name),
	COL(STR, reseller_email),
	DB_COL_ENUM(struct storefront, edition, reseller_edition_parse, EDITION_BASIC),
	DB_COL_SKIP,		/* status: reseller_status_of */
	COL(STR, slug),
	COL(STR, custom_domain),
	COL(STR, company_name),
	COL(STR, analytics_id),
	COL(STR, theme),
	COL(STR, skin),
	COL(STR, logo_url),
	DB_COL_SKIP,		/* sections: whole or none */
	COL(STR, meta_title),
	COL(STR, meta_description),
	COL(STR, contact_email),
	COL(STR, contact_phone),
	COL(STR, contact_address),
	COL(STR, contact_intro),
	COL(INT, contact_form_enabled),
	COL(INT, version),
	COL(STR, currency),
	COL(INT, distributor_id),
	COL(STR, distributor_name),
	COL(STR, base_domain),
	COL(STR, updated_at),
	COL(INT, wide_version),
};
#undef COL

void
storefront_fill(struct storefront *sf, struct db_res *r)
{
	memset(sf, 0, sizeof(*sf));
	(void)db_res_fill(r, cols, DB_NCOLS(cols), sf);
	sf->status = reseller_status_of(db_res_str(r, 4));
	/* stored sections are bounded on write; an oversized legacy value is dropped, not cut */
	if (db_res_len(r, 12) < sizeof(sf->sections))
		str_copy(sf->sections, sizeof(sf->sections), db_res_str(r, 12));
	else
		str_copy(sf->sections, sizeof(sf->sections), "[]");
}

/* first_row - fill *out from the first row of a storefront SELECT and release it. */
static enum core_err
first_row(enum core_err er, struct db_res *r, struct storefront *out)
{
	if (er != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		return CORE_NOTFOUND;
	}
	storefront_fill(out, r);
	db_res_free(r);
	return CORE_OK;
}

int
storefront_slug_reserved(const char *slug)
{
	int i;

	for (i = 0; reserved[i] != NULL; i++)
		if (strcmp(slug, reserved[i]) == 0)
			return 1;
	return 0;
}

/* label_ok - ^[a-z0-9]([a-z0-9-]*[a-z0-9])?$ over s[0..n). */
static int
label_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

int
storefront_slug_valid(const char *slug)
{
	size_t n;

	if (slug == NULL)
		return 0;
	n = strlen(slug);
	return n >= 1 && n <= STOREFRONT_SLUG_MAX && label_ok(slug, n) && !storefront_slug_reserved(slug);
}

int
storefront_domain_valid(const char *host)
{
	const char *p, *dot, *last = NULL;
	size_t n, labels = 0, i;

	if (host == NULL || (n = strlen(host)) == 0 || n > STOREFRONT_DOMAIN_MAX)
		return 0;
	for (p = host; ; p = dot + 1) {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (n > 63 || !label_ok(p, n))
			return 0;
		labels++;
		last = p;
		if (dot == NULL)
			break;
	}
	n = strlen(last);
	if (labels < 2 || n < 2)
		return 0;
	for (i = 0; i < n; i++)
		if (last[i] < 'a' || last[i] > 'z')
			return 0;
	return 1;
}

int
storefront_analytics_valid(const char *id)
{
	size_t i, n;

	if (id == NULL)
		return 0;
	n = strlen(id);
	if (n < 3 || n > STOREFRONT_ANALYTICS_MAX || id[0] != 'G' || id[1] != '-')
		return 0;
	for (i = 2; i < n; i++)
		if (!((id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= '0' && id[i] <= '9')))
			return 0;
	return 1;
}

void
storefront_url(const char *public_url, const char *base_domain, const char *slug,
    const char *custom_domain, char *out, size_t n)
{
	const char *host = NULL, *end = NULL, *port = "";
	size_t len, scheme = 0, plen = 0;

	if (n == 0)
		return;
	len = empty(public_url) ? 0 : strlen(public_url);
	if (len > 0 && public_url[len - 1] == '/')
		len--;
	if (len > 0 && (host = strstr(public_url, "://")) != NULL && (size_t)(host - public_url) < len) {
		scheme = (size_t)(host - public_url);
		host += 3;
		end = host + strcspn(host, ":/");
		if (*end == ':') {
			port = end;
			plen = strcspn(port, "/");
		}
	} else
		host = NULL;
	if (!empty(custom_domain))
		snprintf(out, n, "https://%s/", custom_domain);
	else if (!empty(base_domain) && len == 0)
		snprintf(out, n, "https://%s.%s/", slug, base_domain);
	else if (!empty(base_domain) && host != NULL && (size_t)(end - host) == strlen(base_domain) &&
	    strncasecmp(host, base_domain, (size_t)(end - host)) == 0)
		snprintf(out, n, "%.*s://%s.%s%.*s/", (int)scheme, public_url, slug, base_domain, (int)plen, port);
	else
		snprintf(out, n, "%.*s/s/%s/", (int)len, len ? public_url : "", slug);
}

void
storefront_page_url(const char *site, enum storefront_page p, int64_t id, char *out, size_t n)
{
	/* the path after the site's '/'; with_id: the id follows as one more segment */
	static const struct {
		const char *path;
		int         with_id;
	} pages[STOREFRONT_PAGE__MAX] = {
		[STOREFRONT_PAGE_ORDER]         = { "account/orders", 1 },
		[STOREFRONT_PAGE_SUBSCRIPTION]  = { "account/subscriptions", 1 },
		[STOREFRONT_PAGE_SUBSCRIPTIONS] = { "account/subscriptions", 0 },
	};
	const char *slash;
	size_t len;

	if (n == 0)
		return;
	out[0] = '\0';
	if (p < 0 || p >= STOREFRONT_PAGE__MAX || site == NULL)
		return;
	len = strlen(site);
	slash = len > 0 && site[len - 1] == '/' ? "" : "/";
	if (pages[p].with_id)
		snprintf(out, n, "%s%s%s/%lld", site, slash, pages[p].path, (long long)id);
	else
		snprintf(out, n, "%s%s%s", site, slash, pages[p].path);
}

enum core_err
storefront_by_slug(struct db *db, const char *slug, struct storefront *out)
{
	struct db_res *r = NULL;
	enum core_err er;

	if (slug == NULL || !storefront_slug_valid(slug))
		return CORE_NOTFOUND;
	er = db_query(db, &table, SF_BY_SLUG, &r, "s", slug);
	return first_row(er, r, out);
}

enum core_err
storefront_by_domain(struct db *db, const char *host, struct storefront *out)
{
	char h[STOREFRONT_DOMAIN_MAX + 2], label[STOREFRONT_SLUG_SZ];
	struct db_res *r = NULL;
	const char *dot;
	enum core_err er;
	size_t i, n;

	if (host == NULL || (n = strcspn(host, ":")) == 0 || n > STOREFRONT_DOMAIN_MAX + 1)
		return CORE_NOTFOUND;
	for (i = 0; i < n; i++)
		h[i] = (char)tolower((unsigned char)host[i]);
	h[n] = '\0';
	if (h[n - 1] == '.')
		h[--n] = '\0';
	if (!storefront_domain_valid(h))
		return CORE_NOTFOUND;
	dot = strchr(h, '.');
	if ((size_t)(dot - h) > STOREFRONT_SLUG_MAX)
		label[0] = '\0';
	else
		snprintf(label, sizeof(label), "%.*s", (int)(dot - h), h);
	er = db_query(db, &table, SF_BY_HOST, &r, "ssss", h, label, dot + 1, h);
	return first_row(er, r, out);
}

enum core_err
storefront_redirect_slug(struct db *db, const char *old_slug, char *new_slug)
{
	struct db_res *r = NULL;
	enum core_err er;

	if (old_slug == NULL || strlen(old_slug) > STOREFRONT_SLUG_MAX)
		return CORE_NOTFOUND;
	if ((er = db_query(db, &table, SF_REDIRECT, &r, "s", old_slug)) != CORE_OK)
		return er;
	er = db_res_next(r) ? CORE_OK : CORE_NOTFOUND;
	if (er == CORE_OK)
		str_copy(new_slug, STOREFRONT_SLUG_SZ, db_res_str(r, 0));
	db_res_free(r);
	return er;
}

enum core_err
storefront_version(struct db *db, int64_t reseller_id, int64_t *version)
{
	return db_query_int(db, &table, SF_VERSION, version, "i", reseller_id);
}

struct storefront *
storefront_copy(const struct storefront *sf)
{
	size_t used = offsetof(struct storefront, sections) + strlen(sf->sections) + 1;
	struct storefront *c = malloc(used);

	if (c != NULL)
		memcpy(c, sf, used);
	return c;
}

enum core_err
storefront_version_wide(struct db *db, int64_t reseller_id, int64_t *version, int64_t *wide)
{
	struct db_res *r = NULL;
	enum core_err er;

	if ((er = db_query(db, &table, SF_VERSION_WIDE, &r, "i", reseller_id)) != CORE_OK)
		return er;
	if (db_res_next(r)) {
		*version = db_res_int(r, 0);
		*wide = db_res_int(r, 1);
	} else
		er = CORE_NOTFOUND;
	db_res_free(r);
	return er;
}

enum core_err
storefront_versions(struct db *db, const int64_t *ids, size_t n, int64_t *versions)
{
	return storefront_versions_wide(db, ids, n, versions, NULL);
}

enum core_err
storefront_versions_wide(struct db *db, const int64_t *ids, size_t n, int64_t *versions, int64_t *wides)
{
	char list[STOREFRONT_VERSIONS_MAX * 21 + 2];
	struct db_res *r = NULL;
	enum core_err er;
	size_t at, k, i, len;
	int64_t id;

	for (at = 0; at < n; at += k) {
		k = n - at < STOREFRONT_VERSIONS_MAX ? n - at : STOREFRONT_VERSIONS_MAX;
		len = 0;
		list[len++] = '[';
		for (i = 0; i < k; i++) {
			versions[at + i] = -1;
			if (wides != NULL)
				wides[at + i] = -1;
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%lld", i ? "," : "",
			    (long long)ids[at + i]);
		}
		list[len++] = ']';
		list[len] = '\0';
		if ((er = db_query(db, &table, SF_VERSIONS, &r, "s", list)) != CORE_OK)
			return er;
		while (db_res_next(r)) {
			id = db_res_int(r, 0);
			for (i = 0; i < k; i++)
				if (ids[at + i] == id) {
					versions[at + i] = db_res_int(r, 1);
					if (wides != NULL)
						wides[at + i] = db_res_int(r, 2);
				}
		}
		db_res_free(r);
	}
	return CORE_OK;
}

enum core_err
storefront_get(struct db *db, const struct actor *a, struct storefront *out)
{
	struct db_res *r = NULL;
	enum core_err er;

	if ((er = actor_may(a, ACT_TENANT_READ)) != CORE_OK)
		return er;
	er = db_query(db, &table, SF_BY_RESELLER, &r, "i", a->reseller_id);
	return first_row(er, r, out);
}

enum core_err
storefront_touch(struct db *db, int64_t reseller_id)
{
	return db_exec(db, &table, SF_BUMP, NULL, "i", reseller_id);
}

enum core_err
storefront_touch_distributor(struct db *db, int64_t distributor_id)
{
	return db_exec(db, &table, SF_BUMP_DISTRIBUTOR, NULL, "i", distributor_id);
}

enum core_err
storefront_slug_free(struct db *db, const char *slug, int64_t reseller_id, int *free_)
{
	int64_t n = 0;
	enum core_err er;

	er = db_query_int(db, &table, SF_SLUG_TAKEN, &n, "sisi", slug, reseller_id, slug, reseller_id);
	*free_ = n == 0;
	return er;
}

int
storefront_online(enum reseller_edition e, enum reseller_status st)
{
	return (e == EDITION_STANDARD || e == EDITION_PROFESSIONAL) && st == RESELLER_ACTIVE;
}

int
storefront_live_url(const struct reseller *r, const char *public_url, const char *base_domain,
    char *out, size_t n)
{
	if (n > 0)
		out[0] = '\0';
	if (r->slug[0] == '\0' || !storefront_online(r->edition, r->status))
		return 0;
	storefront_url(public_url, base_domain, r->slug, r->custom_domain[0] ? r->custom_domain : NULL, out, n);
	return 1;
}

enum core_err
storefront_slug_check(struct db *db, const struct actor *a, int64_t reseller_id, const char *slug, char *why)
{
	enum core_err er;
	int free_ = 0;

	if ((er = actor_may(a, ACT_RESELLER_EDITION)) != CORE_OK)
		return er;
	if (empty(slug) || !storefront_slug_valid(slug)) {
		core_say(why, "The storefront address must be 1 to 63 lower-case letters, digits or "
		    "hyphens, not start or end with a hyphen, and not be a reserved word.");
		return CORE_INVALID;
	}
	if ((er = storefront_slug_free(db, slug, reseller_id, &free_)) != CORE_OK)
		return er;
	if (!free_) {
		core_say(why, "The storefront address \"%s\" is already taken.", slug);
		return CORE_CONFLICT;
	}
	return CORE_OK;
}

enum core_err
storefront_create(struct db *db, const struct actor *a, int64_t reseller_id, const char *slug,
    char *slug_out, char *why)
{
	struct db_res *r = NULL;
	char name[STOREFRONT_TEXT_SZ(200)], base[STOREFRONT_SLUG_SZ], cand[STOREFRONT_SLUG_SZ];
	int64_t exists;
	enum core_err er;
	int free_ = 0, i;

	if ((er = actor_may(a, ACT_RESELLER_EDITION)) != CORE_OK) {
		core_say(why, "Only a distributor administrator can create a storefront.");
		return er;
	}
	if (!db_in_txn(db))
		return CORE_INVALID;
	if ((er = db_query(db, &table, SF_RESELLER, &r, "ii", reseller_id, a->distributor_id)) != CORE_OK)
		return er;
	if (!db_res_next(r)) {
		db_res_free(r);
		core_say(why, "There is no such reseller.");
		return CORE_NOTFOUND;
	}
	str_copy(name, sizeof(name), db_res_str(r, 0));
	exists = db_res_int(r, 1);
	db_res_free(r);
	if (exists) {
		core_say(why, "This reseller already has a storefront.");
		return CORE_CONFLICT;
	}

	if (!empty(slug)) {
		if (!storefront_slug_valid(slug)) {
			core_say(why, "The storefront address must be 1 to 63 lower-case letters, digits or "
			    "hyphens, not start or end with a hyphen, and not be a reserved word.");
			return CORE_INVALID;
		}
		if ((er = storefront_slug_free(db, slug, reseller_id, &free_)) != CORE_OK)
			return er;
		if (!free_ || (er = db_exec(db, &table, SF_INSERT, NULL, "iss", reseller_id, slug, name)) == CORE_CONFLICT) {
			core_say(why, "The storefront address \"%s\" is already taken.", slug);
			return CORE_CONFLICT;
		}
		if (er != CORE_OK)
			return er;
		str_copy(slug_out, STOREFRONT_SLUG_SZ, slug);
		return CORE_OK;
	}

	reseller_slugify(name, base, sizeof(base));
	if (base[0] == '\0')
		snprintf(base, sizeof(base), "reseller-%lld", (long long)reseller_id);
	for (i = 1; i <= 1000; i++) {
		if (i == 1)
			snprintf(cand, sizeof(cand), "%s", base);
		else {
			char suffix[16];
			int sl = snprintf(suffix, sizeof(suffix), "-%d", i);
			int bl = (int)strlen(base);

			if (bl + sl > STOREFRONT_SLUG_MAX)
				bl = STOREFRONT_SLUG_MAX - sl;
			while (bl > 0 && base[bl - 1] == '-')
				bl--;
			snprintf(cand, sizeof(cand), "%.*s%s", bl, base, suffix);
		}
		if (!storefront_slug_valid(cand))
			continue;
		if ((er = storefront_slug_free(db, cand, reseller_id, &free_)) != CORE_OK)
			return er;
		if (!free_)
			continue;
		/* a concurrent upgrade may take the candidate between check and insert */
		er = db_exec(db, &table, SF_INSERT, NULL, "iss", reseller_id, cand, name);
		if (er == CORE_CONFLICT)
			continue;
		if (er != CORE_OK)
			return er;
		str_copy(slug_out, STOREFRONT_SLUG_SZ, cand);
		return CORE_OK;
	}
	core_say(why, "No free storefront address could be derived from the name; give one.");
	return CORE_CONFLICT;
}

json_t *
storefront_to_json(const struct storefront *sf)
{
	json_t *o, *sec;

	if ((sec = json_loads(sf->sections, 0, NULL)) == NULL || !json_is_array(sec)) {
		json_decref(sec);
		sec = json_array();
	}
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o,"
	    " s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:I, s:s, s:I, s:s, s:s, s:s}",
	    "reseller_id", (json_int_t)sf->reseller_id,
	    "reseller_name", sf->reseller_name,
	    "reseller_email", sf->reseller_email,
	    "edition", reseller_edition_name(sf->edition),
	    "status", reseller_status_name(sf->status),
	    "slug", sf->slug,
	    "custom_domain", sf->custom_domain,
	    "company_name", sf->company_name,
	    "analytics_id", sf->analytics_id,
	    "theme", sf->theme,
	    "skin", sf->skin,
	    "logo_url", sf->logo_url,
	    "sections", sec,
	    "meta_title", sf->meta_title,
	    "meta_description", sf->meta_description,
	    "contact_email", sf->contact_email,
	    "contact_phone", sf->contact_phone,
	    "contact_address", sf->contact_address,
	    "contact_intro", sf->contact_intro,
	    "contact_form_enabled", sf->contact_form_enabled,
	    "version", (json_int_t)sf->version,
	    "currency", sf->currency,
	    "distributor_id", (json_int_t)sf->distributor_id,
	    "distributor_name", sf->distributor_name,
	    "base_domain", sf->base_domain,
	    "updated_at", sf->updated_at);
	return o;
}
