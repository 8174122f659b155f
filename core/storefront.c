#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "audit.h"
#include "contact.h"
#include "storefront.h"
#include "str.h"

enum {
	SF_BY_SLUG,
	SF_BY_HOST,
	SF_BY_RESELLER,
	SF_LOCK,
	SF_REDIRECT,
	SF_VERSION,
	SF_VERSIONS,
	SF_SLUG_TAKEN,
	SF_DOMAIN_TAKEN,
	SF_RESELLER,
	SF_INSERT,
	SF_BUMP,
	SF_BUMP_DISTRIBUTOR,
	SF_SET_GENERAL,
	SF_REDIRECT_ADD,
	SF_REDIRECT_DEL,
	SF_SET_LOOK,
	SF_SET_CONTACT,
	SF_SET_META,
	SF__MAX
};

#define SF_SELECT \
	"SELECT sf.reseller_id, r.name, r.email, r.edition, r.status, sf.slug, sf.custom_domain," \
	" sf.company_name, sf.analytics_id, sf.theme, sf.skin, sf.logo_url, sf.sections," \
	" sf.meta_title, sf.meta_description, sf.contact_email, sf.contact_phone," \
	" sf.contact_address, sf.contact_intro, sf.contact_form_enabled, sf.version," \
	" r.currency, r.distributor_id, d.name, d.storefront_base_domain, sf.updated_at" \
	" FROM storefronts sf JOIN resellers r ON r.id = sf.reseller_id" \
	" JOIN distributors d ON d.id = r.distributor_id"

/* A storefront answers only while this holds. */
/* storefront_online's rule in SQL */
#define SF_ONLINE " AND r.edition IN ('standard', 'professional') AND r.status = 'active'"

static const char *const sql[SF__MAX] = {
	[SF_BY_SLUG] = SF_SELECT " WHERE sf.slug = ?" SF_ONLINE,
	[SF_BY_HOST] = SF_SELECT
	    " WHERE (sf.custom_domain = ? OR (sf.slug = ? AND d.storefront_base_domain = ?))" SF_ONLINE
	    " ORDER BY sf.custom_domain = ? DESC LIMIT 1",
	[SF_BY_RESELLER] = SF_SELECT " WHERE sf.reseller_id = ?",
	[SF_LOCK] = SF_SELECT " WHERE sf.reseller_id = ? FOR UPDATE",
	[SF_REDIRECT] =
	    "SELECT sf.slug FROM storefront_slug_redirects x"
	    " JOIN storefronts sf ON sf.reseller_id = x.reseller_id"
	    " JOIN resellers r ON r.id = sf.reseller_id"
	    " WHERE x.old_slug = ?" SF_ONLINE,
	[SF_VERSION] = "SELECT version FROM storefronts WHERE reseller_id = ?",
	/* ? is a JSON array of reseller ids: each one a primary-key read */
	[SF_VERSIONS] =
	    "SELECT sf.reseller_id, sf.version"
	    " FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) AS j"
	    " JOIN storefronts sf ON sf.reseller_id = j.id",
	[SF_SLUG_TAKEN] =
	    "SELECT (SELECT COUNT(*) FROM storefronts WHERE slug = ? AND reseller_id <> ?)"
	    " + (SELECT COUNT(*) FROM storefront_slug_redirects WHERE old_slug = ? AND reseller_id <> ?)",
	[SF_DOMAIN_TAKEN] =
	    "SELECT COUNT(*) FROM storefronts WHERE custom_domain = ? AND reseller_id <> ?",
	[SF_RESELLER] =
	    "SELECT r.name, (SELECT COUNT(*) FROM storefronts WHERE reseller_id = r.id)"
	    " FROM resellers r WHERE r.id = ? AND r.distributor_id = ? FOR UPDATE",
	[SF_INSERT] =
	    "INSERT INTO storefronts (reseller_id, slug, company_name) VALUES (?, ?, ?)",
	[SF_BUMP] = "UPDATE storefronts SET version = version + 1 WHERE reseller_id = ?",
	[SF_BUMP_DISTRIBUTOR] =
	    "UPDATE storefronts sf JOIN resellers r ON r.id = sf.reseller_id"
	    " SET sf.version = sf.version + 1 WHERE r.distributor_id = ?",
	[SF_SET_GENERAL] =
	    "UPDATE storefronts SET company_name = ?, slug = ?, custom_domain = ?, analytics_id = ?,"
	    " version = version + 1 WHERE reseller_id = ?",
	[SF_REDIRECT_ADD] =
	    "INSERT INTO storefront_slug_redirects (old_slug, reseller_id) VALUES (?, ?)"
	    " ON DUPLICATE KEY UPDATE reseller_id = VALUES(reseller_id), created_at = CURRENT_TIMESTAMP",
	[SF_REDIRECT_DEL] =
	    "DELETE FROM storefront_slug_redirects WHERE old_slug = ? AND reseller_id = ?",
	[SF_SET_LOOK] =
	    "UPDATE storefronts SET theme = ?, skin = ?, sections = ?, version = version + 1"
	    " WHERE reseller_id = ?",
	[SF_SET_CONTACT] =
	    "UPDATE storefronts SET contact_email = ?, contact_phone = ?, contact_address = ?,"
	    " contact_intro = ?, contact_form_enabled = ?, version = version + 1 WHERE reseller_id = ?",
	[SF_SET_META] =
	    "UPDATE storefronts SET logo_url = ?, meta_title = ?, meta_description = ?,"
	    " version = version + 1 WHERE reseller_id = ?",
};

static const struct db_table table = { DB_MOD_STOREFRONT, sql, SF__MAX };

/* Words that name the platform's own paths and hosts, never a storefront. */
static const char *const reserved[] = {
	"www", "admin", "api", "assets", "static", "s", "app", "mail", "smtp", "ftp",
	"help", "support", "status", "login", "logout", "account", "health", "media",
	"themes", "cdn", "shop", "store", "storefront", "root", "system", NULL
};

/* The homepage section types every theme may know. */
static const char *const section_types[] = {
	"hero", "featured_products", "category_grid", "text", "image_text", "logo_strip", NULL
};

static int
empty(const char *s)
{
	return s == NULL || s[0] == '\0';
}

static void
fill(struct storefront *sf, struct db_res *r)
{
	int e;

	memset(sf, 0, sizeof(*sf));
	sf->reseller_id = db_res_int(r, 0);
	str_copy(sf->reseller_name, sizeof(sf->reseller_name), db_res_str(r, 1));
	str_copy(sf->reseller_email, sizeof(sf->reseller_email), db_res_str(r, 2));
	e = reseller_edition_parse(db_res_str(r, 3));
	sf->edition = e < 0 ? EDITION_BASIC : (enum reseller_edition)e;
	sf->status = strcmp(db_res_str(r, 4), "active") == 0 ? RESELLER_ACTIVE : RESELLER_SUSPENDED;
	str_copy(sf->slug, sizeof(sf->slug), db_res_str(r, 5));
	str_copy(sf->custom_domain, sizeof(sf->custom_domain), db_res_str(r, 6));
	str_copy(sf->company_name, sizeof(sf->company_name), db_res_str(r, 7));
	str_copy(sf->analytics_id, sizeof(sf->analytics_id), db_res_str(r, 8));
	str_copy(sf->theme, sizeof(sf->theme), db_res_str(r, 9));
	str_copy(sf->skin, sizeof(sf->skin), db_res_str(r, 10));
	str_copy(sf->logo_url, sizeof(sf->logo_url), db_res_str(r, 11));
	/* stored sections are bounded on write; an oversized legacy value is dropped, not cut */
	if (db_res_len(r, 12) < sizeof(sf->sections))
		str_copy(sf->sections, sizeof(sf->sections), db_res_str(r, 12));
	else
		str_copy(sf->sections, sizeof(sf->sections), "[]");
	str_copy(sf->meta_title, sizeof(sf->meta_title), db_res_str(r, 13));
	str_copy(sf->meta_description, sizeof(sf->meta_description), db_res_str(r, 14));
	str_copy(sf->contact_email, sizeof(sf->contact_email), db_res_str(r, 15));
	str_copy(sf->contact_phone, sizeof(sf->contact_phone), db_res_str(r, 16));
	str_copy(sf->contact_address, sizeof(sf->contact_address), db_res_str(r, 17));
	str_copy(sf->contact_intro, sizeof(sf->contact_intro), db_res_str(r, 18));
	sf->contact_form_enabled = (int)db_res_int(r, 19);
	sf->version = db_res_int(r, 20);
	str_copy(sf->currency, sizeof(sf->currency), db_res_str(r, 21));
	sf->distributor_id = db_res_int(r, 22);
	str_copy(sf->distributor_name, sizeof(sf->distributor_name), db_res_str(r, 23));
	str_copy(sf->base_domain, sizeof(sf->base_domain), db_res_str(r, 24));
	str_copy(sf->updated_at, sizeof(sf->updated_at), db_res_str(r, 25));
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
	fill(out, r);
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

static int
analytics_valid(const char *id)
{
	size_t i, n = strlen(id);

	if (n < 3 || n > STOREFRONT_ANALYTICS_MAX || id[0] != 'G' || id[1] != '-')
		return 0;
	for (i = 2; i < n; i++)
		if (!((id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= '0' && id[i] <= '9')))
			return 0;
	return 1;
}

/* name_ok - a theme or skin name: ^[a-z0-9_-]{1,32}$ (also keeps paths inside themes_dir). */
static int
name_ok(const char *s)
{
	size_t i, n;

	if (s == NULL || (n = strlen(s)) == 0 || n > 32)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' || s[i] == '-'))
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
storefront_versions(struct db *db, const int64_t *ids, size_t n, int64_t *versions)
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
				if (ids[at + i] == id)
					versions[at + i] = db_res_int(r, 1);
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

	if ((er = actor_may(a, ACT_STOREFRONT_WRITE)) != CORE_OK)
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

/* slug_free - *free_ = 1 when no other reseller holds slug live or as a redirect. */
static enum core_err
slug_free(struct db *db, const char *slug, int64_t reseller_id, int *free_)
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
	if ((er = slug_free(db, slug, reseller_id, &free_)) != CORE_OK)
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
		if ((er = slug_free(db, slug, reseller_id, &free_)) != CORE_OK)
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
		if ((er = slug_free(db, cand, reseller_id, &free_)) != CORE_OK)
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

/* ---- the reseller admin's edits ---- */

struct upd {
	const struct actor *a;
	int                 what;	/* which update */
	/* general */
	const char *company_name, *slug, *custom_domain, *analytics_id;
	/* look */
	const char *theme, *skin;
	char       *sections;		/* normalised JSON */
	/* contact */
	const char *email, *phone, *address, *intro;
	int         form_enabled;
	/* meta */
	const char *logo_url, *meta_title, *meta_description;
	char       *why;
	struct storefront *before;	/* scratch (malloc'd: too big for a caller's stack) */
};

enum { UPD_GENERAL, UPD_LOOK, UPD_CONTACT, UPD_META };

static json_t *
nullable(const char *s)
{
	return empty(s) ? json_null() : json_string(s);
}

static json_t *
general_json(const char *company, const char *slug, const char *domain, const char *analytics)
{
	return json_pack("{s:s, s:s, s:o, s:o}", "company_name", company, "slug", slug,
	    "custom_domain", nullable(domain), "analytics_id", nullable(analytics));
}

static json_t *
look_json(const char *theme, const char *skin, const char *sections)
{
	json_t *sec = json_loads(sections, 0, NULL);

	return json_pack("{s:s, s:s, s:o}", "theme", theme, "skin", skin,
	    "sections", sec ? sec : json_array());
}

static json_t *
contact_json(const char *email, const char *phone, const char *address, const char *intro, int form)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:b}", "contact_email", nullable(email),
	    "contact_phone", nullable(phone), "contact_address", nullable(address),
	    "contact_intro", nullable(intro), "contact_form_enabled", form);
}

static json_t *
meta_json(const char *logo, const char *title, const char *desc)
{
	return json_pack("{s:o, s:o, s:o}", "logo_url", nullable(logo), "meta_title", nullable(title),
	    "meta_description", nullable(desc));
}

static const char *
null_if_empty(const char *s)
{
	return empty(s) ? NULL : s;
}

static enum core_err
update_txn(struct db *db, void *arg)
{
	struct upd *u = arg;
	struct storefront *b = u->before;
	const struct actor *a = u->a;
	struct db_res *r = NULL;
	json_t *before = NULL, *after = NULL;
	const char *action = "storefront.update";
	enum core_err er;
	int free_ = 0;
	int64_t n = 0;

	er = db_query(db, &table, SF_LOCK, &r, "i", a->reseller_id);
	er = first_row(er, r, b);
	if (er != CORE_OK) {
		if (er == CORE_NOTFOUND)
			core_say(u->why, "This reseller has no storefront.");
		return er;
	}
	switch (u->what) {
	case UPD_GENERAL:
		action = "storefront.general";
		if (strcmp(u->slug, b->slug) != 0) {
			if ((er = slug_free(db, u->slug, a->reseller_id, &free_)) != CORE_OK)
				return er;
			if (!free_) {
				core_say(u->why, "The storefront address \"%s\" is already taken.", u->slug);
				return CORE_CONFLICT;
			}
		}
		if (!empty(u->custom_domain) && strcmp(u->custom_domain, b->custom_domain) != 0) {
			if ((er = db_query_int(db, &table, SF_DOMAIN_TAKEN, &n, "si", u->custom_domain,
			    a->reseller_id)) != CORE_OK)
				return er;
			if (n > 0) {
				core_say(u->why, "The domain %s is already used by another storefront.", u->custom_domain);
				return CORE_CONFLICT;
			}
		}
		er = db_exec(db, &table, SF_SET_GENERAL, NULL, "ssssi", u->company_name, u->slug,
		    null_if_empty(u->custom_domain), null_if_empty(u->analytics_id), a->reseller_id);
		if (er == CORE_CONFLICT)
			core_say(u->why, "The storefront address or domain was just taken by another storefront.");
		if (er != CORE_OK)
			return er;
		if (strcmp(u->slug, b->slug) != 0) {
			/* the new slug may be one of our own old ones: it is live again, not a redirect */
			if ((er = db_exec(db, &table, SF_REDIRECT_DEL, NULL, "si", u->slug, a->reseller_id)) != CORE_OK ||
			    (er = db_exec(db, &table, SF_REDIRECT_ADD, NULL, "si", b->slug, a->reseller_id)) != CORE_OK)
				return er;
		}
		before = general_json(b->company_name, b->slug, b->custom_domain, b->analytics_id);
		after = general_json(u->company_name, u->slug, u->custom_domain, u->analytics_id);
		break;
	case UPD_LOOK:
		action = "storefront.look";
		if ((er = db_exec(db, &table, SF_SET_LOOK, NULL, "sssi", u->theme, u->skin, u->sections,
		    a->reseller_id)) != CORE_OK)
			return er;
		before = look_json(b->theme, b->skin, b->sections);
		after = look_json(u->theme, u->skin, u->sections);
		break;
	case UPD_CONTACT:
		action = "storefront.contact";
		if ((er = db_exec(db, &table, SF_SET_CONTACT, NULL, "ssssii", null_if_empty(u->email),
		    null_if_empty(u->phone), null_if_empty(u->address), null_if_empty(u->intro),
		    (int64_t)u->form_enabled, a->reseller_id)) != CORE_OK)
			return er;
		before = contact_json(b->contact_email, b->contact_phone, b->contact_address,
		    b->contact_intro, b->contact_form_enabled);
		after = contact_json(u->email, u->phone, u->address, u->intro, u->form_enabled);
		break;
	case UPD_META:
		action = "storefront.meta";
		if ((er = db_exec(db, &table, SF_SET_META, NULL, "sssi", null_if_empty(u->logo_url),
		    null_if_empty(u->meta_title), null_if_empty(u->meta_description), a->reseller_id)) != CORE_OK)
			return er;
		before = meta_json(b->logo_url, b->meta_title, b->meta_description);
		after = meta_json(u->logo_url, u->meta_title, u->meta_description);
		break;
	default:
		return CORE_INVALID;
	}
	if (before == NULL || after == NULL)
		er = CORE_ENOMEM;
	else
		er = audit_write(db, a, a->reseller_id, action, "storefront", a->reseller_id, before, after);
	json_decref(before);
	json_decref(after);
	return er;
}

static enum core_err
run_update(struct db *db, struct upd *u)
{
	enum core_err er;

	if ((u->before = malloc(sizeof(*u->before))) == NULL)
		return CORE_ENOMEM;
	er = db_txn(db, update_txn, u);
	free(u->before);
	u->before = NULL;
	return er;
}

static void
upd_init(struct upd *u, const struct actor *a, int what, char *why)
{
	memset(u, 0, sizeof(*u));
	u->a = a;
	u->what = what;
	u->why = why;
}

enum core_err
storefront_update_general(struct db *db, const struct actor *a, const char *company_name,
    const char *slug, const char *custom_domain, const char *analytics_id, char *why)
{
	char domain[STOREFRONT_DOMAIN_MAX + 2];
	struct upd u;
	enum core_err er;
	size_t i, n;

	if ((er = actor_may(a, ACT_STOREFRONT_WRITE)) != CORE_OK) {
		core_say(why, "Only the reseller's administrator can change storefront settings.");
		return er;
	}
	if (!str_text_valid(company_name, 1, 200, 0)) {
		core_say(why, "The company name must be 1 to 200 characters on one line.");
		return CORE_INVALID;
	}
	if (!storefront_slug_valid(slug)) {
		core_say(why, "The storefront address must be 1 to 63 lower-case letters, digits or hyphens, "
		    "not start or end with a hyphen, and not be a reserved word.");
		return CORE_INVALID;
	}
	domain[0] = '\0';
	if (!empty(custom_domain)) {
		n = strlen(custom_domain);
		if (n > STOREFRONT_DOMAIN_MAX) {
			core_say(why, "The custom domain is too long.");
			return CORE_INVALID;
		}
		for (i = 0; i < n; i++)
			domain[i] = (char)tolower((unsigned char)custom_domain[i]);
		domain[n] = '\0';
		if (!storefront_domain_valid(domain)) {
			core_say(why, "The custom domain must be a host name such as shop.example.com.");
			return CORE_INVALID;
		}
	}
	if (!empty(analytics_id) && !analytics_valid(analytics_id)) {
		core_say(why, "The Google Analytics ID must look like G-XXXXXXXXXX (capital letters and digits, "
		    "at most 20 characters).");
		return CORE_INVALID;
	}
	upd_init(&u, a, UPD_GENERAL, why);
	u.company_name = company_name;
	u.slug = slug;
	u.custom_domain = domain;
	u.analytics_id = empty(analytics_id) ? "" : analytics_id;
	return run_update(db, &u);
}

/* theme_check - themes_dir/theme/theme.json exists and lists skin; section types into *types (new ref or NULL). */
static enum core_err
theme_check(const char *themes_dir, const char *theme, const char *skin, json_t **types, char *why)
{
	char path[4096];
	json_t *root, *skins, *v;
	size_t i;
	int found = 0;

	*types = NULL;
	if (!name_ok(theme)) {
		core_say(why, "There is no theme of that name.");
		return CORE_INVALID;
	}
	if (!name_ok(skin)) {
		core_say(why, "The theme %s has no skin of that name.", theme);
		return CORE_INVALID;
	}
	if (empty(themes_dir) || snprintf(path, sizeof(path), "%s/%s/theme.json", themes_dir, theme) >= (int)sizeof(path))
		return CORE_CONFIG;
	if ((root = json_load_file(path, 0, NULL)) == NULL) {
		core_say(why, "There is no theme called %s.", theme);
		return CORE_INVALID;
	}
	skins = json_object_get(root, "skins");
	json_array_foreach(skins, i, v) {
		const char *id = json_is_string(v) ? json_string_value(v) :
		    json_string_value(json_object_get(v, "id"));
		if (id != NULL && strcmp(id, skin) == 0)
			found = 1;
	}
	if (!found) {
		json_decref(root);
		core_say(why, "The theme %s has no skin called %s.", theme, skin);
		return CORE_INVALID;
	}
	if (json_is_array(json_object_get(root, "section_types")))
		*types = json_incref(json_object_get(root, "section_types"));
	json_decref(root);
	return CORE_OK;
}

static int
known_type(const char *t, const json_t *theme_types)
{
	const json_t *v;
	size_t i;
	int ok = 0;

	for (i = 0; section_types[i] != NULL; i++)
		if (strcmp(t, section_types[i]) == 0)
			ok = 1;
	if (!ok || theme_types == NULL)
		return ok;
	json_array_foreach(theme_types, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), t) == 0)
			return 1;
	return 0;
}

enum core_err
storefront_update_look(struct db *db, const struct actor *a, const char *themes_dir,
    const char *theme, const char *skin, const char *sections_json, char *why)
{
	json_t *types = NULL, *secs = NULL, *v;
	struct upd u;
	enum core_err er;
	size_t i;
	char *text = NULL;

	if ((er = actor_may(a, ACT_STOREFRONT_WRITE)) != CORE_OK) {
		core_say(why, "Only the reseller's administrator can change storefront settings.");
		return er;
	}
	if ((er = theme_check(themes_dir, theme, skin, &types, why)) != CORE_OK)
		return er;
	if (empty(sections_json))
		sections_json = "[]";
	er = CORE_INVALID;
	if (strlen(sections_json) > STOREFRONT_SECTIONS_MAX) {
		core_say(why, "The homepage is too large (at most %d bytes).", STOREFRONT_SECTIONS_MAX);
		goto out;
	}
	if ((secs = json_loads(sections_json, JSON_REJECT_DUPLICATES, NULL)) == NULL || !json_is_array(secs)) {
		core_say(why, "The homepage sections must be a JSON array.");
		goto out;
	}
	if (json_array_size(secs) > STOREFRONT_SECTIONS_N) {
		core_say(why, "A homepage has at most %d sections.", STOREFRONT_SECTIONS_N);
		goto out;
	}
	json_array_foreach(secs, i, v) {
		const char *t = json_string_value(json_object_get(v, "type"));

		if (!json_is_object(v) || t == NULL) {
			core_say(why, "Section %zu must be an object with a \"type\".", i + 1);
			goto out;
		}
		if (!known_type(t, types)) {
			core_say(why, "Section %zu has an unknown type; use hero, featured_products, category_grid, "
			    "text, image_text or logo_strip.", i + 1);
			goto out;
		}
	}
	if ((text = json_dumps(secs, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL) {
		er = CORE_ENOMEM;
		goto out;
	}
	if (strlen(text) > STOREFRONT_SECTIONS_MAX) {
		core_say(why, "The homepage is too large (at most %d bytes).", STOREFRONT_SECTIONS_MAX);
		goto out;
	}
	upd_init(&u, a, UPD_LOOK, why);
	u.theme = theme;
	u.skin = skin;
	u.sections = text;
	er = run_update(db, &u);
out:
	free(text);
	json_decref(secs);
	json_decref(types);
	return er;
}

static int
phone_valid(const char *s)
{
	size_t n = strlen(s);

	return n <= 40 && strspn(s, "0123456789 +()-./") == n;
}

enum core_err
storefront_update_contact(struct db *db, const struct actor *a, const char *email, const char *phone,
    const char *address, const char *intro, int form_enabled, char *why)
{
	struct upd u;
	enum core_err er;

	if ((er = actor_may(a, ACT_STOREFRONT_WRITE)) != CORE_OK) {
		core_say(why, "Only the reseller's administrator can change storefront settings.");
		return er;
	}
	if (!empty(email) && !contact_email_valid(email)) {
		core_say(why, "The contact e-mail address is not valid.");
		return CORE_INVALID;
	}
	if (!empty(phone) && !phone_valid(phone)) {
		core_say(why, "The phone number may hold at most 40 digits, spaces and + ( ) - . /.");
		return CORE_INVALID;
	}
	if (!empty(address) && !str_text_valid(address, 0, 500, STR_TEXT_LINES)) {
		core_say(why, "The address must be at most 500 characters of text.");
		return CORE_INVALID;
	}
	if (!empty(intro) && !str_text_valid(intro, 0, STOREFRONT_INTRO_MAX, STR_TEXT_LINES)) {
		core_say(why, "The contact page introduction must be at most %d characters of text.",
		    STOREFRONT_INTRO_MAX);
		return CORE_INVALID;
	}
	if (form_enabled != 0 && form_enabled != 1) {
		core_say(why, "The contact form is either on or off.");
		return CORE_INVALID;
	}
	upd_init(&u, a, UPD_CONTACT, why);
	u.email = empty(email) ? "" : email;
	u.phone = empty(phone) ? "" : phone;
	u.address = empty(address) ? "" : address;
	u.intro = empty(intro) ? "" : intro;
	u.form_enabled = form_enabled;
	return run_update(db, &u);
}

static int
logo_valid(const char *s)
{
	return str_text_valid(s, 1, 500, 0) && strchr(s, ' ') == NULL &&
	    (strncmp(s, "https://", 8) == 0 || (s[0] == '/' && s[1] != '/'));
}

enum core_err
storefront_update_meta(struct db *db, const struct actor *a, const char *logo_url,
    const char *meta_title, const char *meta_description, char *why)
{
	struct upd u;
	enum core_err er;

	if ((er = actor_may(a, ACT_STOREFRONT_WRITE)) != CORE_OK) {
		core_say(why, "Only the reseller's administrator can change storefront settings.");
		return er;
	}
	if (!empty(logo_url) && !logo_valid(logo_url)) {
		core_say(why, "The logo must be an https:// address or a path starting with /.");
		return CORE_INVALID;
	}
	if (!empty(meta_title) && !str_text_valid(meta_title, 0, 200, 0)) {
		core_say(why, "The page title must be at most 200 characters on one line.");
		return CORE_INVALID;
	}
	if (!empty(meta_description) && !str_text_valid(meta_description, 0, 300, 0)) {
		core_say(why, "The description must be at most 300 characters on one line.");
		return CORE_INVALID;
	}
	upd_init(&u, a, UPD_META, why);
	u.logo_url = empty(logo_url) ? "" : logo_url;
	u.meta_title = empty(meta_title) ? "" : meta_title;
	u.meta_description = empty(meta_description) ? "" : meta_description;
	return run_update(db, &u);
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
