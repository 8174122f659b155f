/*
 * storefront_edit.c - the reseller admin's edits of its storefront:
 * general settings (name, address, domain, analytics id), look (theme,
 * skin, homepage sections), contact page and meta data.  Each edit is
 * one transaction that locks the storefront, writes, bumps its version
 * and audits the changed fields before and after.  Reading, creating and
 * the address rules are storefront.c's.  See storefront.h.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "contact.h"
#include "media.h"
#include "section.h"
#include "storefront.h"
#include "str.h"
#include "theme_info.h"

enum {
	ED_LOCK,
	ED_DOMAIN_TAKEN,
	ED_SET_GENERAL,
	ED_REDIRECT_ADD,
	ED_REDIRECT_DEL,
	ED_SET_LOOK,
	ED_SET_CONTACT,
	ED_SET_META,
	ED__MAX
};

static const char *const sql[ED__MAX] = {
	[ED_LOCK] = STOREFRONT_SQL_SELECT " WHERE sf.reseller_id = ? FOR UPDATE",
	[ED_DOMAIN_TAKEN] =
	    "SELECT COUNT(*) FROM storefronts WHERE custom_domain = ? AND reseller_id <> ?",
	[ED_SET_GENERAL] =
	    "UPDATE storefronts SET company_name = ?, slug = ?, custom_domain = ?, analytics_id = ?,"
	    " version = version + 1 WHERE reseller_id = ?",
	[ED_REDIRECT_ADD] =
	    "INSERT INTO storefront_slug_redirects (old_slug, reseller_id) VALUES (?, ?)"
	    " ON DUPLICATE KEY UPDATE reseller_id = VALUES(reseller_id), created_at = CURRENT_TIMESTAMP",
	[ED_REDIRECT_DEL] =
	    "DELETE FROM storefront_slug_redirects WHERE old_slug = ? AND reseller_id = ?",
	[ED_SET_LOOK] =
	    "UPDATE storefronts SET theme = ?, skin = ?, sections = ?, version = version + 1"
	    " WHERE reseller_id = ?",
	[ED_SET_CONTACT] =
	    "UPDATE storefronts SET contact_email = ?, contact_phone = ?, contact_address = ?,"
	    " contact_intro = ?, contact_form_enabled = ?, version = version + 1 WHERE reseller_id = ?",
	[ED_SET_META] =
	    "UPDATE storefronts SET logo_url = ?, meta_title = ?, meta_description = ?,"
	    " version = version + 1 WHERE reseller_id = ?",
};

static const struct db_table table = { DB_MOD_STOREFRONT_EDIT, sql, ED__MAX };

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
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

	er = db_query(db, &table, ED_LOCK, &r, "i", a->reseller_id);
	if (er == CORE_OK) {
		if (db_res_next(r))
			storefront_fill(b, r);
		else
			er = CORE_NOTFOUND;
		db_res_free(r);
	}
	if (er != CORE_OK) {
		if (er == CORE_NOTFOUND)
			core_say(u->why, "This reseller has no storefront.");
		return er;
	}
	switch (u->what) {
	case UPD_GENERAL:
		action = "storefront.general";
		if (strcmp(u->slug, b->slug) != 0) {
			if ((er = storefront_slug_free(db, u->slug, a->reseller_id, &free_)) != CORE_OK)
				return er;
			if (!free_) {
				core_say(u->why, "The storefront address \"%s\" is already taken.", u->slug);
				return CORE_CONFLICT;
			}
		}
		if (!empty(u->custom_domain) && strcmp(u->custom_domain, b->custom_domain) != 0) {
			if ((er = db_query_int(db, &table, ED_DOMAIN_TAKEN, &n, "si", u->custom_domain,
			    a->reseller_id)) != CORE_OK)
				return er;
			if (n > 0) {
				core_say(u->why, "The domain %s is already used by another storefront.", u->custom_domain);
				return CORE_CONFLICT;
			}
		}
		er = db_exec(db, &table, ED_SET_GENERAL, NULL, "ssssi", u->company_name, u->slug,
		    null_if_empty(u->custom_domain), null_if_empty(u->analytics_id), a->reseller_id);
		if (er == CORE_CONFLICT)
			core_say(u->why, "The storefront address or domain was just taken by another storefront.");
		if (er != CORE_OK)
			return er;
		if (strcmp(u->slug, b->slug) != 0) {
			/* the new slug may be one of our own old ones: it is live again, not a redirect */
			if ((er = db_exec(db, &table, ED_REDIRECT_DEL, NULL, "si", u->slug, a->reseller_id)) != CORE_OK ||
			    (er = db_exec(db, &table, ED_REDIRECT_ADD, NULL, "si", b->slug, a->reseller_id)) != CORE_OK)
				return er;
		}
		before = general_json(b->company_name, b->slug, b->custom_domain, b->analytics_id);
		after = general_json(u->company_name, u->slug, u->custom_domain, u->analytics_id);
		break;
	case UPD_LOOK:
		action = "storefront.look";
		if ((er = media_check_sections(db, a->reseller_id, u->sections, u->why)) != CORE_OK)
			return er;
		if ((er = db_exec(db, &table, ED_SET_LOOK, NULL, "sssi", u->theme, u->skin, u->sections,
		    a->reseller_id)) != CORE_OK)
			return er;
		before = look_json(b->theme, b->skin, b->sections);
		after = look_json(u->theme, u->skin, u->sections);
		break;
	case UPD_CONTACT:
		action = "storefront.contact";
		if ((er = db_exec(db, &table, ED_SET_CONTACT, NULL, "ssssii", null_if_empty(u->email),
		    null_if_empty(u->phone), null_if_empty(u->address), null_if_empty(u->intro),
		    (int64_t)u->form_enabled, a->reseller_id)) != CORE_OK)
			return er;
		before = contact_json(b->contact_email, b->contact_phone, b->contact_address,
		    b->contact_intro, b->contact_form_enabled);
		after = contact_json(u->email, u->phone, u->address, u->intro, u->form_enabled);
		break;
	case UPD_META:
		action = "storefront.meta";
		if ((er = media_check_url(db, &(struct media_tenant){ 0, a->reseller_id }, u->logo_url, u->why)) != CORE_OK)
			return er;
		if ((er = db_exec(db, &table, ED_SET_META, NULL, "sssi", null_if_empty(u->logo_url),
		    null_if_empty(u->meta_title), null_if_empty(u->meta_description), a->reseller_id)) != CORE_OK)
			return er;
		before = meta_json(b->logo_url, b->meta_title, b->meta_description);
		after = meta_json(u->logo_url, u->meta_title, u->meta_description);
		break;
	default:
		return CORE_INVALID;
	}
	return audit_change(db, a, a->reseller_id, action, "storefront", a->reseller_id, before, after);
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
	if (!empty(analytics_id) && !storefront_analytics_valid(analytics_id)) {
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

/* theme_check - themes_dir/theme/theme.json exists and lists skin; the theme into *t. */
static enum core_err
theme_check(const char *themes_dir, const char *theme, const char *skin, struct theme_info *t, char *why)
{
	enum core_err er;

	if (!name_ok(theme)) {
		core_say(why, "There is no theme of that name.");
		return CORE_INVALID;
	}
	if (!name_ok(skin)) {
		core_say(why, "The theme %s has no skin of that name.", theme);
		return CORE_INVALID;
	}
	if (empty(themes_dir))
		return CORE_CONFIG;
	if ((er = theme_info_load(themes_dir, theme, t, NULL, 0)) == CORE_CONFIG)
		return er;
	if (er != CORE_OK) {
		core_say(why, "There is no theme called %s.", theme);
		return CORE_INVALID;
	}
	if (!theme_info_has_skin(t, skin)) {
		core_say(why, "The theme %s has no skin called %s.", theme, skin);
		return CORE_INVALID;
	}
	return CORE_OK;
}

enum core_err
storefront_update_look(struct db *db, const struct actor *a, const char *themes_dir,
    const char *theme, const char *skin, const char *sections_json, char *why)
{
	struct theme_info *th = NULL;
	json_t *secs = NULL, *v;
	struct upd u;
	enum core_err er;
	size_t i;
	char *text = NULL;

	if ((er = actor_may(a, ACT_STOREFRONT_WRITE)) != CORE_OK) {
		core_say(why, "Only the reseller's administrator can change storefront settings.");
		return er;
	}
	if ((th = malloc(sizeof(*th))) == NULL)
		return CORE_ENOMEM;
	if ((er = theme_check(themes_dir, theme, skin, th, why)) != CORE_OK)
		goto out;
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
		if (section_check(v, i + 1, why) != CORE_OK)
			goto out;
		if (!theme_info_supports(th, json_string_value(json_object_get(v, "type")))) {
			core_say(why, "Section %zu: the theme %s does not show sections of type %s.", i + 1, theme,
			    json_string_value(json_object_get(v, "type")));
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
	free(th);
	json_decref(secs);
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
	if (!empty(email) && !str_email_valid(email)) {
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

