/*
 * screen_storefront.c - the reseller's storefront settings: general
 * (company name, slug, custom domain, Google Analytics id; `g`), logo
 * and search-engine texts (`m`), look and feel (`t` theme and skin
 * picker, `h` homepage sections editor) and the contact page (`c`).
 * Each form calls one storefront_update_* of core, which validates,
 * bumps the storefront's version (so it shows the change on its next
 * request) and audits; refusals come back as core's why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "contact.h"
#include "media.h"
#include "screens.h"
#include "storefront.h"
#include "str.h"

struct sfscreen {
	struct ui_viewscreen vs;
	struct storefront   *sf;		/* malloc'd: the sections text is large */
};

static const struct ui_binding keys[] = {
	{ UA_GENERAL,  { 'g' }, "g", "General",  "edit the company name, slug (the address), custom domain, Analytics id" },
	{ UA_EDIT,     { 'm' }, "m", "Logo/SEO", "edit the logo URL and the search-engine title and description" },
	{ UA_LOOK,     { 't' }, "t", "Theme",    "choose the theme and skin (the skin's colours are shown)" },
	{ UA_SECTIONS, { 'h' }, "h", "Homepage", "edit the homepage sections: add, remove, reorder, texts, images, calls to action" },
	{ UA_CONTACT,  { 'c' }, "c", "Contact",  "edit the contact page: e-mail, phone, address, intro, form on/off" },
	{ UA_REFRESH,  { 'r' }, "r", NULL,       "reload from the database" },
	{ UA_VIEW,     { 'i' }, "i", NULL,       "your images: list them, add one from a file, see their URLs (logo, sections)" },
	{ UA_OPEN,     { 'l' }, "l", NULL,       "pick the storefront's logo from your images" },
	LIST_KEYS,
};

static const char *
or_none(const char *s)
{
	return s[0] ? s : "(none)";
}

static enum core_err
load(struct ui_viewscreen *vs, char *why)
{
	struct sfscreen *st = (struct sfscreen *)vs;
	struct storefront *sf;
	char url[600];
	json_t *secs, *v;
	enum core_err er;
	size_t i;

	if (st->sf == NULL && (st->sf = calloc(1, sizeof(*st->sf))) == NULL)
		return CORE_ENOMEM;
	sf = st->sf;
	if ((er = storefront_get(vs->ui->db, vs->ui->actor, sf)) != CORE_OK) {
		if (er == CORE_NOTFOUND)
			snprintf(why, CORE_WHY, "this reseller has no storefront (it comes with the Standard edition)");
		return er;
	}
	storefront_url(vs->ui->cfg ? vs->ui->cfg->public_url : NULL, sf->base_domain, sf->slug,
	    sf->custom_domain[0] ? sf->custom_domain : NULL, url, sizeof(url));
	ui_view_add(&vs->view, "General");
	ui_view_add(&vs->view, "  Company name    %s", sf->company_name);
	ui_view_add(&vs->view, "  Address         %s%s", url,
	    storefront_online(sf->edition, sf->status) ? "" : "  (offline)");
	ui_view_add(&vs->view, "  Slug            %s", sf->slug);
	ui_view_add(&vs->view, "  Custom domain   %s", or_none(sf->custom_domain));
	ui_view_add(&vs->view, "  Analytics id    %s", or_none(sf->analytics_id));
	ui_view_add(&vs->view, "  Logo            %s", or_none(sf->logo_url));
	ui_view_add(&vs->view, "  SEO title       %s", or_none(sf->meta_title));
	ui_view_add(&vs->view, "  SEO description %s", or_none(sf->meta_description));
	ui_view_add(&vs->view, "%s", "");
	ui_view_add(&vs->view, "Look and feel");
	ui_view_add(&vs->view, "  Theme / skin    %s / %s", sf->theme, sf->skin);
	if ((secs = json_loads(sf->sections, 0, NULL)) != NULL && json_is_array(secs)) {
		char line[512];
		size_t o = 0;

		line[0] = '\0';
		json_array_foreach(secs, i, v)
			if (o < sizeof(line))
				o += (size_t)snprintf(line + o, sizeof(line) - o, "%s%s", i ? ", " : "",
				    json_string_value(json_object_get(v, "type")) ? json_string_value(json_object_get(v, "type")) : "?");
		ui_view_add(&vs->view, "  Homepage        %zu section%s%s%s", json_array_size(secs),
		    json_array_size(secs) == 1 ? "" : "s", json_array_size(secs) ? ": " : "", line);
	}
	json_decref(secs);
	ui_view_add(&vs->view, "%s", "");
	ui_view_add(&vs->view, "Contact page");
	ui_view_add(&vs->view, "  E-mail          %s", sf->contact_email[0] ? sf->contact_email : "(the reseller's e-mail)");
	ui_view_add(&vs->view, "  Phone           %s", or_none(sf->contact_phone));
	ui_view_add(&vs->view, "  Address         %s", or_none(sf->contact_address));
	ui_view_add(&vs->view, "  Intro           %s", or_none(sf->contact_intro));
	ui_view_add(&vs->view, "  Contact form    %s", sf->contact_form_enabled ? "on" : "off");
	ui_view_add(&vs->view, "%s", "");
	ui_view_add(&vs->view, "Version %lld, changed %s", (long long)sf->version, sf->updated_at);
	return CORE_OK;
}

/* ---- general ------------------------------------------------------- */

enum { G_NAME, G_SLUG, G_DOMAIN, G_ANALYTICS, G__MAX };

static int
v_slug(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	if (v[0] == '\0' || strlen(v) > STOREFRONT_SLUG_MAX || !storefront_slug_valid(v)) {
		snprintf(msg, sz, storefront_slug_reserved(v) ? "'%.40s' is reserved." :
		    "Lower-case letters, digits and '-' (not first or last), at most 63.", v);
		return -1;
	}
	return 0;
}

static int
v_domain(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	char low[STOREFRONT_DOMAIN_MAX + 2];
	size_t i;

	(void)f;
	if (v[0] == '\0')
		return 0;
	for (i = 0; v[i] && i < sizeof(low) - 1; i++)
		low[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
	low[i] = '\0';
	if (strlen(v) > STOREFRONT_DOMAIN_MAX || !storefront_domain_valid(low)) {
		snprintf(msg, sz, "A host name like shop.example.com, or empty for none.");
		return -1;
	}
	return 0;
}

static int
v_analytics(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(v[0] != '\0' && !storefront_analytics_valid(v), msg, sz,
	    "A measurement id like G-ABC123XYZ, or empty for none.");
}

static const struct ui_field general_fields[G__MAX] = {
	[G_NAME]      = { "Company name", UI_FIELD_TEXT, 200, NULL, ui_valid_name, NULL },
	[G_SLUG]      = { "Slug", UI_FIELD_TEXT, STOREFRONT_SLUG_MAX, NULL, v_slug, "part of the storefront's address; the old one redirects" },
	[G_DOMAIN]    = { "Custom domain", UI_FIELD_TEXT, STOREFRONT_DOMAIN_MAX, NULL, v_domain, "empty: none" },
	[G_ANALYTICS] = { "Analytics id", UI_FIELD_TEXT, STOREFRONT_ANALYTICS_MAX, NULL, v_analytics, "Google Analytics measurement id; empty: none" },
};

struct general {
	char name[UI_FIELD], slug[UI_FIELD], domain[UI_FIELD], analytics[UI_FIELD];
	char old_slug[STOREFRONT_SLUG_SZ];
};

static enum core_err
general_save(struct ui *ui, void *arg, char *why)
{
	struct general *g = arg;
	enum core_err er;

	er = storefront_update_general(ui->db, ui->actor, g->name, g->slug, g->domain, g->analytics, why);
	if (er == CORE_OK)
		ui_status(ui, "Saved: the storefront shows it on its next request.");
	return er;
}

static enum core_err
general_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct general *g = arg, *next;
	char msg[1024];
	enum core_err er;

	snprintf(g->name, sizeof(g->name), "%s", ui_form_value(f, G_NAME));
	snprintf(g->slug, sizeof(g->slug), "%s", ui_form_value(f, G_SLUG));
	snprintf(g->domain, sizeof(g->domain), "%s", ui_form_value(f, G_DOMAIN));
	snprintf(g->analytics, sizeof(g->analytics), "%s", ui_form_value(f, G_ANALYTICS));
	if (strcmp(g->slug, g->old_slug) == 0) {
		if ((er = general_save(f->ui, g, why)) == CORE_CONFLICT)
			*field = strstr(why, "omain") ? G_DOMAIN : G_SLUG;
		return er;
	}
	/* a new slug moves the storefront's address: ask first */
	if ((next = malloc(sizeof(*next))) == NULL)
		return CORE_ENOMEM;
	*next = *g;
	snprintf(msg, sizeof(msg), "Change the storefront's slug from '%s' to '%.63s'?\n\n"
	    "Its address changes; the old address redirects to the new one\n"
	    "until another storefront takes the slug.", g->old_slug, g->slug);
	return ui_push(f->ui, ui_confirm_new(f->ui, "Change the storefront's address", msg, general_save, next, free)) == 0 ?
	    CORE_OK : CORE_ENOMEM;
}

static int
gate(struct ui *ui)
{
	enum core_err er;

	if ((er = actor_may(ui->actor, ACT_STOREFRONT_WRITE)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		return -1;
	}
	return 0;
}

static void
general_begin(struct sfscreen *st)
{
	struct general *g;
	struct screen *s;
	struct ui_form *f;

	if (gate(st->vs.ui) != 0 || !st->vs.loaded || (g = calloc(1, sizeof(*g))) == NULL)
		return;
	snprintf(g->old_slug, sizeof(g->old_slug), "%s", st->sf->slug);
	if ((s = ui_form_new(st->vs.ui, "Storefront: general", general_fields, G__MAX, general_submit, g, free)) == NULL)
		return;
	f = ui_form_of(s);
	ui_form_set(f, G_NAME, st->sf->company_name);
	ui_form_set(f, G_SLUG, st->sf->slug);
	ui_form_set(f, G_DOMAIN, st->sf->custom_domain);
	ui_form_set(f, G_ANALYTICS, st->sf->analytics_id);
	ui_push(st->vs.ui, s);
}

/* ---- logo and SEO -------------------------------------------------- */

enum { M_LOGO, M_TITLE, M_DESC, M__MAX };

static int
v_logo(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(v[0] && strncmp(v, "https://", 8) != 0 && v[0] != '/', msg, sz,
	    "An https:// URL or a path starting with /, or empty for none.");
}

static const struct ui_field meta_fields[M__MAX] = {
	[M_LOGO]  = { "Logo URL", UI_FIELD_TEXT, 500, NULL, v_logo, "https://... or /path; empty: the company name" },
	[M_TITLE] = { "SEO title", UI_FIELD_TEXT, 200, NULL, NULL, "the homepage's title for search engines" },
	[M_DESC]  = { "SEO description", UI_FIELD_TEXT, 300, NULL, NULL, "shown under the title in search results" },
};

static enum core_err
meta_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	enum core_err er;

	(void)arg;
	er = storefront_update_meta(f->ui->db, f->ui->actor, ui_form_value(f, M_LOGO), ui_form_value(f, M_TITLE),
	    ui_form_value(f, M_DESC), why);
	if (er == CORE_INVALID)
		*field = strstr(why, "ogo") ? M_LOGO : strstr(why, "escription") ? M_DESC : M_TITLE;
	else if (er == CORE_OK)
		ui_status(f->ui, "Saved: the storefront shows it on its next request.");
	return er;
}

/* logo_picked - the image chosen in the media picker becomes the logo; the SEO texts stay. */
static void
logo_picked(struct ui *ui, const struct media *m, void *arg)
{
	struct sfscreen *st = arg;
	char why[CORE_WHY] = "";
	enum core_err er;

	er = storefront_update_meta(ui->db, ui->actor, m->url, st->sf->meta_title, st->sf->meta_description, why);
	if (er != CORE_OK)
		ui_refused(ui, er, why);
	else
		ui_status(ui, "New logo: the storefront shows it on its next request.");
}

static void
meta_begin(struct sfscreen *st)
{
	struct screen *s;
	struct ui_form *f;

	if (gate(st->vs.ui) != 0 || !st->vs.loaded)
		return;
	if ((s = ui_form_new(st->vs.ui, "Storefront: logo and search engines", meta_fields, M__MAX, meta_submit, NULL, NULL)) == NULL)
		return;
	f = ui_form_of(s);
	ui_form_set(f, M_LOGO, st->sf->logo_url);
	ui_form_set(f, M_TITLE, st->sf->meta_title);
	ui_form_set(f, M_DESC, st->sf->meta_description);
	ui_push(st->vs.ui, s);
}

/* ---- contact page -------------------------------------------------- */

enum { C_EMAIL, C_PHONE, C_ADDRESS, C_INTRO, C_FORM, C__MAX };

static const char *const on_off[] = { "on", "off", NULL };

static int
v_email(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(v[0] && !str_email_valid(v), msg, sz,
	    "An e-mail address, or empty to use the reseller's.");
}

static const struct ui_field contact_fields[C__MAX] = {
	[C_EMAIL]   = { "E-mail", UI_FIELD_TEXT, 254, NULL, v_email, "where the contact form's messages go; empty: the reseller's" },
	[C_PHONE]   = { "Phone", UI_FIELD_TEXT, 40, NULL, NULL, NULL },
	[C_ADDRESS] = { "Address", UI_FIELD_TEXT, 500, NULL, NULL, NULL },
	[C_INTRO]   = { "Intro", UI_FIELD_TEXT, 1000, NULL, NULL, "the text above the form" },
	[C_FORM]    = { "Contact form", UI_FIELD_CHOICE, 0, on_off, NULL, "Left/Right: on or off" },
};

static enum core_err
contact_submit_form(struct ui_form *f, void *arg, char *why, int *field)
{
	enum core_err er;

	(void)arg;
	er = storefront_update_contact(f->ui->db, f->ui->actor, ui_form_value(f, C_EMAIL), ui_form_value(f, C_PHONE),
	    ui_form_value(f, C_ADDRESS), ui_form_value(f, C_INTRO), strcmp(ui_form_value(f, C_FORM), "on") == 0, why);
	if (er == CORE_INVALID)
		*field = strstr(why, "mail") ? C_EMAIL : strstr(why, "hone") ? C_PHONE :
		    strstr(why, "ddress") ? C_ADDRESS : C_INTRO;
	else if (er == CORE_OK)
		ui_status(f->ui, "Saved: the contact page shows it on its next request.");
	return er;
}

static void
contact_begin(struct sfscreen *st)
{
	struct screen *s;
	struct ui_form *f;

	if (gate(st->vs.ui) != 0 || !st->vs.loaded)
		return;
	if ((s = ui_form_new(st->vs.ui, "Storefront: contact page", contact_fields, C__MAX, contact_submit_form, NULL, NULL)) == NULL)
		return;
	f = ui_form_of(s);
	ui_form_set(f, C_EMAIL, st->sf->contact_email);
	ui_form_set(f, C_PHONE, st->sf->contact_phone);
	ui_form_set(f, C_ADDRESS, st->sf->contact_address);
	ui_form_set(f, C_INTRO, st->sf->contact_intro);
	ui_form_set(f, C_FORM, st->sf->contact_form_enabled ? "on" : "off");
	ui_push(st->vs.ui, s);
}

/* ---- the screen ---------------------------------------------------- */

static int
act(struct ui_viewscreen *vs, enum ui_act act)
{
	struct sfscreen *st = (struct sfscreen *)vs;

	switch (act) {
	case UA_GENERAL:
		general_begin(st);
		return UI_HANDLED | UI_REDRAW;
	case UA_EDIT:
		meta_begin(st);
		return UI_HANDLED | UI_REDRAW;
	case UA_CONTACT:
		contact_begin(st);
		return UI_HANDLED | UI_REDRAW;
	case UA_VIEW:
		ui_push(vs->ui, screen_media_new(vs->ui));
		return UI_HANDLED | UI_REDRAW;
	case UA_OPEN:
		if (gate(vs->ui) == 0 && vs->loaded)
			ui_push(vs->ui, screen_media_pick(vs->ui, logo_picked, st, NULL));
		return UI_HANDLED | UI_REDRAW;
	case UA_LOOK:
	case UA_SECTIONS:
		if (gate(vs->ui) == 0 && vs->loaded)
			ui_push(vs->ui, act == UA_LOOK ? screen_theme_new(vs->ui) : screen_sections_new(vs->ui));
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

static void
title(struct ui_viewscreen *vs, char *buf, size_t sz)
{
	snprintf(buf, sz, "Storefront settings · %s", ((struct sfscreen *)vs)->sf->company_name);
}

static void
done(struct ui_viewscreen *vs)
{
	free(((struct sfscreen *)vs)->sf);
}

static const struct ui_viewscreen_def def = {
	.ops = { UI_VIEWSCREEN_OPS, .name = "storefront", UI_ACTIONS(keys) },
	.size = sizeof(struct sfscreen),
	.kind = "Storefront settings",
	.what = "The storefront",
	.load = load,
	.title = title,
	.act = act,
	.done = done,
};

struct screen *
screen_storefront_new(struct ui *ui)
{
	return ui_viewscreen_new(ui, &def, 0);
}
