/*
 * edition.c - upgrading and downgrading a reseller from the TUI: a form
 * (edition; slug on a first upgrade; on an upgrade, optionally the
 * reseller's first admin operator), a confirmation naming what will
 * happen, then one call of reseller_upgrade, which does everything in one
 * transaction (edition, history row, storefront with its starter content,
 * the admin, e-mail, audit).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "operator.h"
#include "screens.h"
#include "storefront.h"
#include "str.h"

struct edition_ctx {
	int64_t id;
	char    name[RESELLER_TEXT_SZ(200)];
	enum reseller_edition from, to;
	int     up;
	int     ask_slug;		/* a first upgrade: the slug is chosen here */
	char    slug[STOREFRONT_SLUG_SZ];	/* the existing storefront's, or the chosen one */
	char    custom_domain[254];
	char    admin_login[OPERATOR_LOGIN_SZ];	/* "" for none */
	char    admin_name[OPERATOR_TEXT_SZ(200)];
	char    admin_email[OPERATOR_TEXT_SZ(254)];
};

/* The admin fields end an upgrade form: login, name, e-mail. */
#define ADMIN_FIELDS 3
#define ADMIN_AT(f) ((f)->nfields - ADMIN_FIELDS)

static const char *const up_from_basic[] = { "Standard", "Professional", NULL };
static const char *const up_from_standard[] = { "Professional", NULL };
static const char *const down_from_pro[] = { "Standard", "Basic", NULL };
static const char *const down_from_standard[] = { "Basic", NULL };

static int
validate_slug(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	if (v[0] == '\0')
		snprintf(msg, sz, "The storefront needs a slug: it is part of its address.");
	else if (strlen(v) > STOREFRONT_SLUG_MAX)
		snprintf(msg, sz, "At most %d characters.", STOREFRONT_SLUG_MAX);
	else if (storefront_slug_reserved(v))
		snprintf(msg, sz, "'%s' is reserved; choose another slug.", v);
	else if (!storefront_slug_valid(v))
		snprintf(msg, sz, "Use lower-case letters, digits and '-' (not first or last).");
	else
		return 0;
	return -1;
}

#define SLUG_HINT "the storefront's address; lower-case letters, digits, '-'"

static int
v_admin_login(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	(void)f;
	return ui_invalid_if(v[0] && !operator_login_valid(v), msg, sz,
	    "1 to 32 of a-z, 0-9, '.', '_', '-'; empty: no admin now.");
}

static int
v_admin_name(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	if (ui_form_value(f, ADMIN_AT(f))[0] == '\0')
		return ui_invalid_if(v[0] != '\0', msg, sz, "Give the admin a login too, or leave this empty.");
	return ui_valid_name(f, v, msg, sz);
}

static int
v_admin_email(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	if (ui_form_value(f, ADMIN_AT(f))[0] == '\0')
		return ui_invalid_if(v[0] != '\0', msg, sz, "Give the admin a login too, or leave this empty.");
	return ui_valid_email(f, v, msg, sz);
}

#define ADMIN_ROWS \
	{ "Admin login", UI_FIELD_TEXT, 32, NULL, v_admin_login, "the reseller's first admin; empty: none now", NULL }, \
	{ "Admin name", UI_FIELD_TEXT, 200, NULL, v_admin_name, NULL, NULL }, \
	{ "Admin e-mail", UI_FIELD_TEXT, 254, NULL, v_admin_email, NULL, NULL }

static const struct ui_field f_up_basic_slug[] = {
	{ "Edition", UI_FIELD_CHOICE, 0, up_from_basic, NULL, "Left/Right to choose", NULL },
	{ "Storefront slug", UI_FIELD_TEXT, STOREFRONT_SLUG_MAX, NULL, validate_slug, SLUG_HINT, NULL },
	ADMIN_ROWS,
};
static const struct ui_field f_up_basic[] = {
	{ "Edition", UI_FIELD_CHOICE, 0, up_from_basic, NULL, "the existing storefront comes back online", NULL },
	ADMIN_ROWS,
};
static const struct ui_field f_up_standard[] = {
	{ "Edition", UI_FIELD_CHOICE, 0, up_from_standard, NULL, NULL, NULL },
	ADMIN_ROWS,
};
static const struct ui_field f_down_pro[] = {
	{ "Edition", UI_FIELD_CHOICE, 0, down_from_pro, NULL, "Left/Right to choose", NULL },
};
static const struct ui_field f_down_standard[] = {
	{ "Edition", UI_FIELD_CHOICE, 0, down_from_standard, NULL, "the storefront goes offline", NULL },
};

static const char *
base_domain(struct ui *ui)
{
	if (!ui->sf_base_loaded) {
		if (inspect_storefront_base(ui->db, ui->actor, ui->sf_base, sizeof(ui->sf_base)) == CORE_OK)
			ui->sf_base_loaded = 1;
	}
	return ui->sf_base;
}

const char *
edition_url(struct ui *ui, const struct reseller *r, char *out, size_t n)
{
	if (n > 0)
		out[0] = '\0';
	if (r->slug[0] == '\0')
		return out;
	storefront_url(ui->cfg ? ui->cfg->public_url : NULL, base_domain(ui), r->slug,
	    r->custom_domain[0] ? r->custom_domain : NULL, out, n);
	return out;
}

const char *
edition_live_url(struct ui *ui, const struct reseller *r, char *out, size_t n)
{
	if (!storefront_live_url(r, ui->cfg ? ui->cfg->public_url : NULL, base_domain(ui), out, n) && r->slug[0])
		snprintf(out, n, "(offline)");
	return out;
}

static enum core_err submitted(struct ui_form *f, void *arg, char *why, int *field);

/*
 * form_new - the edition form of c (copied), with the edition labelled
 * to and the slug prefilled when given (NULL: as at the start), and msg
 * (may be NULL) under the slug field.
 */
static struct screen *
form_new(struct ui *ui, const struct edition_ctx *c, const char *to, const char *slug, const char *msg)
{
	const struct ui_field *fields;
	struct edition_ctx *copy;
	struct ui_form *f;
	struct screen *s;
	char title[1024];
	int n = 1;

	if (c->ask_slug) {
		fields = f_up_basic_slug;
		n = 2 + ADMIN_FIELDS;
	} else if (c->up) {
		fields = c->from == EDITION_BASIC ? f_up_basic : f_up_standard;
		n = 1 + ADMIN_FIELDS;
	} else
		fields = c->from == EDITION_PROFESSIONAL ? f_down_pro : f_down_standard;
	if ((copy = malloc(sizeof(*copy))) == NULL)
		return NULL;
	*copy = *c;
	snprintf(title, sizeof(title), "%s %s (now %s)", c->up ? "Upgrade" : "Downgrade", c->name,
	    reseller_edition_label(c->from));
	if ((s = ui_form_new(ui, title, fields, n, submitted, copy, free)) == NULL)
		return NULL;
	f = ui_form_of(s);
	if (to)
		ui_form_set(f, 0, to);
	if (c->ask_slug && slug) {
		ui_form_set(f, 1, slug);
		if (msg && msg[0] && strstr(msg, "login") == NULL) {
			snprintf(f->msg[1], sizeof(f->msg[1]), "%s", msg);
			f->cur = 1;
		}
	}
	if (c->up) {
		ui_form_set(f, ADMIN_AT(f), c->admin_login);
		ui_form_set(f, ADMIN_AT(f) + 1, c->admin_name);
		ui_form_set(f, ADMIN_AT(f) + 2, c->admin_email);
		if (msg && msg[0] && (strstr(msg, "login") != NULL || !c->ask_slug)) {
			snprintf(f->msg[ADMIN_AT(f)], sizeof(f->msg[0]), "%s", msg);
			f->cur = ADMIN_AT(f);
		}
	}
	return s;
}

static enum core_err
confirmed(struct ui *ui, void *arg, char *why)
{
	struct edition_ctx *c = arg;
	struct reseller_setup setup = { c->admin_login, c->admin_name, c->admin_email,
		ui->cfg ? ui->cfg->themes_dir : NULL };
	struct reseller r;
	char url[600];
	enum core_err er;

	er = reseller_upgrade(ui->db, ui->actor, c->id, c->to, c->ask_slug ? c->slug : NULL,
	    ui->cfg ? ui->cfg->public_url : NULL, &setup, why);
	if ((er == CORE_CONFLICT || er == CORE_INVALID) && c->up) {
		/* a slug or login taken since the form checked it: back to the form, the choices kept */
		ui_push(ui, form_new(ui, c, reseller_edition_label(c->to), c->ask_slug ? c->slug : NULL, why));
		return er;
	}
	if (er != CORE_OK)
		return er;
	url[0] = '\0';
	if (reseller_get(ui->db, ui->actor, c->id, &r) == CORE_OK)
		edition_url(ui, &r, url, sizeof(url));
	if (c->to == EDITION_BASIC)
		ui_status(ui, "%s: %s -> Basic. Storefront offline, data kept; an e-mail is queued.",
		    c->name, reseller_edition_label(c->from));
	else if (c->to < c->from)
		ui_status(ui, "%s: %s -> %s. The storefront stays online; an e-mail is queued.",
		    c->name, reseller_edition_label(c->from), reseller_edition_label(c->to));
	else if (c->admin_login[0])
		ui_status(ui, "%s: %s -> %s, admin %s added. An e-mail is queued; storefront online at %s",
		    c->name, reseller_edition_label(c->from), reseller_edition_label(c->to), c->admin_login, url);
	else
		ui_status(ui, "%s: %s -> %s. An e-mail is queued; storefront online at %s",
		    c->name, reseller_edition_label(c->from), reseller_edition_label(c->to), url);
	return CORE_OK;
}

static enum core_err
submitted(struct ui_form *f, void *arg, char *why, int *field)
{
	struct edition_ctx *c = arg, *next;
	struct reseller r;
	char msg[2400], url[600], title[1024];
	enum core_err er;
	int e;

	/* the choices are the labels ("Standard"): map back through the enum */
	for (e = 0; e < EDITION__MAX; e++)
		if (strcmp(ui_form_value(f, 0), reseller_edition_label((enum reseller_edition)e)) == 0)
			break;
	if (e == EDITION__MAX)
		return CORE_INVALID;
	/* a taken slug is said here, in the form, not after the confirmation */
	if (c->ask_slug &&
	    (er = storefront_slug_check(f->ui->db, f->ui->actor, c->id, ui_form_value(f, 1), why)) != CORE_OK) {
		*field = 1;
		return er;
	}
	if ((next = malloc(sizeof(*next))) == NULL)
		return CORE_ENOMEM;
	*next = *c;
	next->to = (enum reseller_edition)e;
	if (c->ask_slug)
		snprintf(next->slug, sizeof(next->slug), "%s", ui_form_value(f, 1));
	if (c->up) {
		snprintf(next->admin_login, sizeof(next->admin_login), "%s", ui_form_value(f, ADMIN_AT(f)));
		snprintf(next->admin_name, sizeof(next->admin_name), "%s", ui_form_value(f, ADMIN_AT(f) + 1));
		snprintf(next->admin_email, sizeof(next->admin_email), "%s", ui_form_value(f, ADMIN_AT(f) + 2));
	}
	memset(&r, 0, sizeof(r));
	snprintf(r.slug, sizeof(r.slug), "%s", next->slug);
	snprintf(r.custom_domain, sizeof(r.custom_domain), "%s", next->custom_domain);
	edition_url(f->ui, &r, url, sizeof(url));
	if (next->up)
		snprintf(msg, sizeof(msg), "Upgrade %s from %s to %s?\n\n"
		    "The storefront will be online at\n  %s\n%s"
		    "%s%s%s"
		    "and the reseller gets an e-mail with its address.",
		    next->name, reseller_edition_label(next->from), reseller_edition_label(next->to), url,
		    c->ask_slug ? "starting with the theme's homepage, its contact details\n"
		    "and the featured products at the recommended markup,\n" : "",
		    next->admin_login[0] ? "its admin " : "", next->admin_login,
		    next->admin_login[0] ? " is created,\n" : "");
	else
		snprintf(msg, sizeof(msg), "Downgrade %s from %s to %s?\n\n%s",
		    next->name, reseller_edition_label(next->from), reseller_edition_label(next->to),
		    next->to == EDITION_BASIC ? "The storefront goes offline; its settings, customers and\n"
		    "orders are kept and come back with an upgrade." : "The storefront stays online.");
	snprintf(title, sizeof(title), "%s %s", next->up ? "Upgrade" : "Downgrade", next->name);
	/* the form closes when this returns CORE_OK; the dialog takes its place */
	return ui_push(f->ui, ui_confirm_new(f->ui, title, msg, confirmed, next, free)) == 0 ? CORE_OK : CORE_ENOMEM;
}

int
edition_offers(struct ui *ui, const struct reseller *r, int up)
{
	return actor_may(ui->actor, ACT_RESELLER_EDITION) == CORE_OK &&
	    (r == NULL || reseller_edition_may_move(r->edition, up));
}

void
edition_begin(struct ui *ui, const struct reseller *r, int up)
{
	struct edition_ctx c;
	struct screen *s;
	enum core_err er;

	/* core answers who may; a hidden key would not be the check */
	if ((er = actor_may(ui->actor, ACT_RESELLER_EDITION)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		return;
	}
	if (!reseller_edition_may_move(r->edition, up)) {
		ui_error(ui, "%s is already on %s, the %s edition.", r->name, reseller_edition_label(r->edition),
		    up ? "highest" : "lowest");
		return;
	}
	memset(&c, 0, sizeof(c));
	c.id = r->id;
	snprintf(c.name, sizeof(c.name), "%s", r->name);
	c.from = r->edition;
	c.up = up;
	snprintf(c.custom_domain, sizeof(c.custom_domain), "%s", r->custom_domain);
	if (up && r->edition == EDITION_BASIC && r->slug[0] == '\0') {
		char slug[STOREFRONT_SLUG_SZ];

		c.ask_slug = 1;
		reseller_slugify(r->name, slug, sizeof(slug));
		s = form_new(ui, &c, NULL, slug, NULL);
	} else {
		snprintf(c.slug, sizeof(c.slug), "%s", r->slug);
		s = form_new(ui, &c, NULL, NULL, NULL);
	}
	if (s != NULL)
		ui_push(ui, s);
}
