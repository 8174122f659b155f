/*
 * screen_catalog.c - the distributor's catalog: products with cost,
 * categories, trial length and provisioning connector, a page at a time
 * (inspect_products), `/` search, `s` sort; `a` adds and Enter/`e` edits
 * a product through catalog_product_add/update (audited in core); `p`
 * edits its page (featured, recommended markup, specification rows, the
 * Markdown description), `i` picks its image from the distributor's
 * media (screen_media.c), `m` opens the media to add images.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "catalog.h"
#include "media.h"
#include "money.h"
#include "screens.h"

struct catalog {
	struct ui_listscreen    ls;
	struct inspect_products page;
};

/*
 * The name first: products differ at the end of long names ("... Basic"
 * and "... Basic (annual)"), so it gets 40 columns before anything else;
 * narrower, the trial, the connector, then the SKU give way (at 80
 * columns: product, category, cost, active).
 */
enum col { COL_SKU, COL_PRODUCT, COL_CATEGORY, COL_COST, COL_TRIAL, COL_CONNECTOR, COL_ACTIVE, COL__MAX };

static const struct ui_column cols[COL__MAX] = {
	[COL_SKU]       = { "SKU", 14, 0, 12, 3 },
	[COL_PRODUCT]   = { "Product", 0, 0, 40, 0 },
	[COL_CATEGORY]  = { "Category", 18, 0, 10, 2 },
	[COL_COST]      = { "Cost", 13, 1, 11, 0 },
	[COL_TRIAL]     = { "Trial", 6, 1, 0, 5 },
	[COL_CONNECTOR] = { "Connector", 10, 0, 0, 4 },
	[COL_ACTIVE]    = { "Active", 6, 0, 0, 1 },
};

static const char *const sort_names[INSPECT_PSORT__MAX] = { "name", "manufacturer", "cost" };

static enum core_err
fetch(struct ui_listscreen *ls, const struct ui_list_query *q)
{
	return inspect_products(ls->ui->db, ls->ui->actor, q->search, q->sort, q->limit, q->offset,
	    &((struct catalog *)ls)->page);
}

UI_PAGE_FREE_FN(free_page, inspect_products_free)

static void
cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct catalog *st = ctx;
	const struct inspect_product *p = &st->page.items[row];

	switch ((enum col)col) {
	case COL_SKU:       snprintf(buf, sz, "%s", p->sku); break;
	case COL_PRODUCT:   snprintf(buf, sz, "%s", p->name); break;
	case COL_CATEGORY:  snprintf(buf, sz, "%s", p->categories[0] ? p->categories : "-"); break;
	case COL_COST:      money_format(p->unit_cost, p->currency, buf, sz); break;
	case COL_TRIAL:     if (p->trial_days) snprintf(buf, sz, "%dd", p->trial_days); else snprintf(buf, sz, "-"); break;
	case COL_CONNECTOR: snprintf(buf, sz, "%s", p->connector); break;
	case COL_ACTIVE:    snprintf(buf, sz, "%s", p->active ? "yes" : "no"); break;
	case COL__MAX:      break;
	}
}

static const struct ui_binding keys[] = {
	{ UA_EDIT,   { UI_ENTER, UK(KEY_ENTER), 'e' }, "Enter/e", "Edit", "edit the product: name, cost, trial, connector, categories" },
	{ UA_ADD,    { 'a' }, "a", "Add",    "add a product to the catalog" },
	{ UA_CHANGE, { 'p' }, "p", NULL,     "the product page: featured, recommended markup, specifications, description (Markdown)" },
	{ UA_OPEN,   { 'i' }, "i", NULL,     "pick the product's image from your media (or add one)" },
	{ UA_VIEW,   { 'm' }, "m", NULL,     "your images: list them, add one from a file" },
	{ UA_SEARCH, { '/' }, "/", "Search", "search names, SKUs and manufacturers; narrows as you type" },
	{ UA_SORT,   { 's' }, "s", "Sort",   "sort by name, manufacturer, cost" },
	{ UA_REFRESH, { 'r' }, "r", NULL,    "reload from the database" },
	LIST_KEYS,
};

/* ---- the product form ---------------------------------------------- */

enum { F_SKU, F_NAME, F_SLUG, F_MANUFACTURER, F_TYPE, F_PERIOD, F_COST, F_TRIAL, F_CONNECTOR,
	F_CATEGORIES, F_ACTIVE, F__MAX };

static const char *const type_choices[] = { "license", "usage", "software", "service", NULL };
static const char *const connector_choices[] = { "manual", "keys", "http", NULL };
static const char *const yes_no[] = { "yes", "no", NULL };

static int
v_required(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(v[0] == '\0', msg, sz, "Required.");
}

static int
v_slug(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	const char *p;

	(void)f;
	for (p = v; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
			break;
	if (v[0] == '\0' || *p || v[0] == '-' || p[-1] == '-') {
		snprintf(msg, sz, "Lower-case letters, digits and '-' (not first or last).");
		return -1;
	}
	return 0;
}

/* parse_cost - "12.50" in the currency's minor units; -1 when not a plain amount. */
static int64_t
parse_cost(const char *v, int decimals)
{
	int64_t whole = 0, frac = 0;
	int nd = 0, i;

	if (!isdigit((unsigned char)*v))
		return -1;
	for (; isdigit((unsigned char)*v); v++) {
		if (whole > INT64_MAX / 100000)
			return -1;
		whole = whole * 10 + (*v - '0');
	}
	if (*v == '.' || *v == ',') {
		for (v++; isdigit((unsigned char)*v); v++, nd++)
			if (nd < decimals)
				frac = frac * 10 + (*v - '0');
			else if (*v != '0')
				return -1;
	}
	if (*v)
		return -1;
	for (i = nd < decimals ? nd : decimals; i < decimals; i++)
		frac *= 10;
	for (i = 0; i < decimals; i++)
		whole *= 10;
	return whole + frac;
}

static int
v_cost(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(parse_cost(v, 2) < 0, msg, sz,
	    "An amount like 12.50 (no sign, at most 2 decimals).");
}

static int
v_trial(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	char *end;
	long d;

	if (v[0] == '\0')
		return 0;
	d = strtol(v, &end, 10);
	if (*end || d < 0 || d > CATALOG_TRIAL_MAX) {
		snprintf(msg, sz, "Days, 1 to %d; empty or 0 for no trial.", CATALOG_TRIAL_MAX);
		return -1;
	}
	if (d > 0 && period_parse(ui_form_value(f, F_PERIOD)) == PERIOD_ONE_TIME) {
		snprintf(msg, sz, "One-time products have no trial.");
		return -1;
	}
	return 0;
}

static const struct ui_field product_fields[F__MAX] = {
	[F_SKU]          = { "SKU", UI_FIELD_TEXT, 64, NULL, v_required, NULL },
	[F_NAME]         = { "Name", UI_FIELD_TEXT, 200, NULL, v_required, NULL },
	[F_SLUG]         = { "Slug", UI_FIELD_TEXT, 200, NULL, v_slug, NULL },
	[F_MANUFACTURER] = { "Manufacturer", UI_FIELD_TEXT, 64, NULL, v_required, NULL },
	[F_TYPE]         = { "Type", UI_FIELD_CHOICE, 0, type_choices, NULL, NULL },
	[F_PERIOD]       = { "Billing", UI_FIELD_CHOICE, 0, period_names, NULL, NULL },
	[F_COST]         = { "Unit cost", UI_FIELD_TEXT, 20, NULL, v_cost, NULL },
	[F_TRIAL]        = { "Trial days", UI_FIELD_TEXT, 3, NULL, v_trial, NULL },
	[F_CONNECTOR]    = { "Connector", UI_FIELD_CHOICE, 0, connector_choices, NULL, NULL },
	[F_CATEGORIES]   = { "Categories", UI_FIELD_TEXT, 250, NULL, NULL, "category slugs, comma-separated" },
	[F_ACTIVE]       = { "Active", UI_FIELD_CHOICE, 0, yes_no, NULL, NULL },
};

struct product_ctx {
	int64_t        id;		/* 0: a new product */
	struct product p;		/* the fields the form leaves alone, kept on edit */
	int            have;
};

static void
product_ctx_free(void *arg)
{
	struct product_ctx *c = arg;

	product_done(&c->p);
	free(c);
}

static enum core_err
product_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct product_ctx *c = arg;
	struct product_input in, kept;
	struct product_spec specs[PRODUCT_SPECS_MAX];
	const char *kslugs[PRODUCT_CATEGORIES_MAX];
	json_t *hold = NULL;
	char cats[UI_FIELD], *slugs[PRODUCT_CATEGORIES_MAX], *tok, *save = NULL;
	size_t ncat = 0;
	int64_t id = 0;
	enum core_err er;

	memset(&in, 0, sizeof(in));
	in.sku = ui_form_value(f, F_SKU);
	in.name = ui_form_value(f, F_NAME);
	in.slug = ui_form_value(f, F_SLUG);
	in.manufacturer = ui_form_value(f, F_MANUFACTURER);
	in.type = (enum product_type)product_type_parse(ui_form_value(f, F_TYPE));
	in.billing_period = (enum period)period_parse(ui_form_value(f, F_PERIOD));
	in.unit_cost = parse_cost(ui_form_value(f, F_COST), 2);
	in.trial_days = (int32_t)atoi(ui_form_value(f, F_TRIAL));
	in.connector = (enum product_connector)product_connector_parse(ui_form_value(f, F_CONNECTOR));
	in.active = strcmp(ui_form_value(f, F_ACTIVE), "yes") == 0;
	if (c->have) {
		in.unit_label = c->p.unit_label;
		in.min_quantity = c->p.min_quantity;
		in.max_quantity = c->p.max_quantity;
		in.short_description = c->p.short_description[0] ? c->p.short_description : NULL;
		in.description = c->p.description;
		in.image_url = c->p.image_url[0] ? c->p.image_url : NULL;
		/* the product page's fields (p, i) are kept as they are */
		in.image_media_id = c->p.image_media_id;
		in.featured = c->p.featured;
		in.recommended_markup_bp = c->p.recommended_markup_bp;
		if ((er = product_input_of(&c->p, &kept, specs, kslugs, &hold)) != CORE_OK)
			return er;
		in.specs = kept.specs;
		in.nspecs = kept.nspecs;
	}
	snprintf(cats, sizeof(cats), "%s", ui_form_value(f, F_CATEGORIES));
	for (tok = strtok_r(cats, ", ", &save); tok && ncat < PRODUCT_CATEGORIES_MAX; tok = strtok_r(NULL, ", ", &save))
		slugs[ncat++] = tok;
	in.category_slugs = (const char *const *)slugs;
	in.ncategories = ncat;
	if (c->id)
		er = catalog_product_update(f->ui->db, f->ui->actor, c->id, &in, why);
	else
		er = catalog_product_add(f->ui->db, f->ui->actor, &in, &id, why);
	json_decref(hold);
	if (er == CORE_CONFLICT)
		*field = strstr(why, "SKU") ? F_SKU : F_SLUG;
	if (er != CORE_OK)
		return er;
	ui_status(f->ui, "%s %s.", c->id ? "Saved" : "Added", in.name);
	return CORE_OK;
}

static void
product_begin(struct ui *ui, int64_t id)
{
	struct product_ctx *c;
	struct ui_form *f;
	struct screen *s;
	char buf[UI_FIELD], title[512];
	enum core_err er;
	size_t i, o;

	/* the role check is core's; ask before the operator types a whole form */
	if ((er = actor_may(ui->actor, ACT_CATALOG_WRITE)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		return;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return;
	c->id = id;
	if (id && (er = catalog_product_get(ui->db, ui->actor, id, &c->p)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		product_ctx_free(c);
		return;
	}
	c->have = id != 0;
	snprintf(title, sizeof(title), id ? "Edit %.400s" : "Add a product", c->p.name);
	if ((s = ui_form_new(ui, title, product_fields, F__MAX, product_submit, c, product_ctx_free)) == NULL)
		return;
	f = ui_form_of(s);
	ui_form_set(f, F_ACTIVE, "yes");
	ui_form_set(f, F_CONNECTOR, "manual");
	if (c->have) {
		ui_form_set(f, F_SKU, c->p.sku);
		ui_form_set(f, F_NAME, c->p.name);
		ui_form_set(f, F_SLUG, c->p.slug);
		ui_form_set(f, F_MANUFACTURER, c->p.manufacturer);
		ui_form_set(f, F_TYPE, product_type_name(c->p.type));
		ui_form_set(f, F_PERIOD, period_name(c->p.billing_period));
		snprintf(buf, sizeof(buf), "%lld.%02lld", (long long)(c->p.unit_cost / 100),
		    (long long)(c->p.unit_cost % 100));
		ui_form_set(f, F_COST, buf);
		snprintf(buf, sizeof(buf), "%d", (int)c->p.trial_days);
		ui_form_set(f, F_TRIAL, c->p.trial_days ? buf : "");
		ui_form_set(f, F_CONNECTOR, product_connector_name(c->p.connector));
		for (buf[0] = '\0', o = 0, i = 0; i < c->p.ncategories && o < sizeof(buf); i++)
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? ", " : "", c->p.category_slugs[i]);
		ui_form_set(f, F_CATEGORIES, buf);
		ui_form_set(f, F_ACTIVE, c->p.active ? "yes" : "no");
	}
	ui_push(ui, s);
}

/* ---- the product page: featured, markup, specifications, description ---- */

enum { P_FEATURED, P_MARKUP, P_SPECS, P_DESCRIPTION, P__MAX };

#define DESC_FIELD 1000		/* characters of the description the form edits */
#define DESC_LONG "(longer than this form: edit it with shelf product edit --description-file)"

/* markup_bp - "25" or "12.5" percent in basis points; -1 when not such a number. */
static int32_t
markup_bp(const char *v)
{
	int64_t bp = parse_cost(v[0] ? v : "0", 2);

	return bp < 0 || bp > PRODUCT_MARKUP_MAX ? -1 : (int32_t)bp;
}

static int
v_markup(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	return ui_invalid_if(markup_bp(v) < 0, msg, sz, "Percent, 0 to 1000, at most 2 decimals (25 or 12.5).");
}

/* spec rows as the form shows them: "Name: value; Name: value" */
static int
v_specs(const struct ui_form *f, const char *v, char *msg, size_t sz)
{
	char tmp[UI_FIELD], *tok, *save = NULL;
	int n = 0;

	snprintf(tmp, sizeof(tmp), "%s", v);
	for (tok = strtok_r(tmp, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok == '\0')
			continue;
		if (strchr(tok, ':') == NULL || strchr(tok, ':') == tok || ++n > PRODUCT_SPECS_MAX) {
			snprintf(msg, sz, "Rows like \"Storage: 1 TB; Support: 24/7\" (at most %d).", PRODUCT_SPECS_MAX);
			return -1;
		}
	}
	return 0;
}

static const struct ui_field page_fields[P__MAX] = {
	[P_FEATURED]    = { "Featured", UI_FIELD_CHOICE, 0, yes_no, NULL, "new storefronts list it", NULL },
	[P_MARKUP]      = { "Rec. markup %", UI_FIELD_TEXT, 8, NULL, v_markup, "of a starter listing", NULL },
	[P_SPECS]       = { "Specifications", UI_FIELD_TEXT, 1000, NULL, v_specs, "Name: value; Name: value", NULL },
	[P_DESCRIPTION] = { "Description", UI_FIELD_TEXT, DESC_FIELD, NULL, NULL,
	    "Markdown: *em* **strong** - lists [link](https://...) `code`; \\n a new line", NULL },
};

/* escape_nl / unescape_nl - a description's newlines as the two characters \n in a one-line field, and back. */
static void
escape_nl(const char *s, char *out, size_t sz)
{
	size_t o = 0;

	for (; s && *s && o + 3 < sz; s++) {
		if (*s == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else if (*s != '\r')
			out[o++] = *s;
	}
	out[o] = '\0';
}

static void
unescape_nl(const char *s, char *out, size_t sz)
{
	size_t o = 0;

	for (; *s && o + 1 < sz; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			out[o++] = '\n';
			s++;
		} else
			out[o++] = *s;
	}
	out[o] = '\0';
}

/* save_input - catalog_product_update of c's product with in, as read and then changed by the caller. */
static enum core_err
save_input(struct ui *ui, struct product_ctx *c, const struct product_input *in, char *why, const char *done)
{
	enum core_err er = catalog_product_update(ui->db, ui->actor, c->id, in, why);

	if (er == CORE_OK)
		ui_status(ui, "%s %s.", done, c->p.name);
	return er;
}

static enum core_err
page_submit(struct ui_form *f, void *arg, char *why, int *field)
{
	struct product_ctx *c = arg;
	struct product_input in;
	struct product_spec specs[PRODUCT_SPECS_MAX];
	const char *slugs[PRODUCT_CATEGORIES_MAX];
	char rows[UI_FIELD], desc[UI_FIELD], *tok, *save = NULL, *colon;
	json_t *hold = NULL;
	size_t n = 0;
	enum core_err er;

	if ((er = product_input_of(&c->p, &in, specs, slugs, &hold)) != CORE_OK)
		return er;
	in.featured = strcmp(ui_form_value(f, P_FEATURED), "yes") == 0;
	in.recommended_markup_bp = markup_bp(ui_form_value(f, P_MARKUP));
	snprintf(rows, sizeof(rows), "%s", ui_form_value(f, P_SPECS));
	for (tok = strtok_r(rows, ";", &save); tok && n < PRODUCT_SPECS_MAX; tok = strtok_r(NULL, ";", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok == '\0' || (colon = strchr(tok, ':')) == NULL)
			continue;
		*colon = '\0';
		for (colon++; *colon == ' '; colon++)
			;
		specs[n].key = tok;
		specs[n++].value = colon;
	}
	in.specs = n ? specs : NULL;
	in.nspecs = n;
	if (strcmp(ui_form_value(f, P_DESCRIPTION), DESC_LONG) != 0) {
		unescape_nl(ui_form_value(f, P_DESCRIPTION), desc, sizeof(desc));
		in.description = desc[0] ? desc : NULL;
	}
	er = save_input(f->ui, c, &in, why, "Saved the page of");
	if (er == CORE_INVALID)
		*field = strstr(why, "specification") ? P_SPECS : strstr(why, "markup") ? P_MARKUP : -1;
	json_decref(hold);
	return er;
}

/* product_load - a ctx with product id read (refusals said); NULL when there is none. */
static struct product_ctx *
product_load(struct ui *ui, int64_t id)
{
	struct product_ctx *c;
	enum core_err er;

	if ((er = actor_may(ui->actor, ACT_CATALOG_WRITE)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		return NULL;
	}
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->id = id;
	c->have = 1;
	if ((er = catalog_product_get(ui->db, ui->actor, id, &c->p)) != CORE_OK) {
		ui_refused(ui, er, NULL);
		product_ctx_free(c);
		return NULL;
	}
	return c;
}

static void
page_begin(struct ui *ui, int64_t id)
{
	struct product_ctx *c = product_load(ui, id);
	char buf[UI_FIELD], title[512];
	struct ui_form *f;
	struct screen *s;
	json_t *a, *row;
	size_t i, o;

	if (c == NULL)
		return;
	snprintf(title, sizeof(title), "Product page of %.400s", c->p.name);
	if ((s = ui_form_new(ui, title, page_fields, P__MAX, page_submit, c, product_ctx_free)) == NULL)
		return;
	f = ui_form_of(s);
	ui_form_set(f, P_FEATURED, c->p.featured ? "yes" : "no");
	snprintf(buf, sizeof(buf), "%d.%02d", (int)(c->p.recommended_markup_bp / 100),
	    (int)(c->p.recommended_markup_bp % 100));
	ui_form_set(f, P_MARKUP, buf);
	a = c->p.specs ? json_loads(c->p.specs, 0, NULL) : NULL;
	for (buf[0] = '\0', o = 0, i = 0; i < json_array_size(a) && o < sizeof(buf); i++) {
		row = json_array_get(a, i);
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s: %s", i ? "; " : "",
		    json_string_value(json_object_get(row, "key")), json_string_value(json_object_get(row, "value")));
	}
	json_decref(a);
	ui_form_set(f, P_SPECS, buf);
	escape_nl(c->p.description, buf, sizeof(buf));
	ui_form_set(f, P_DESCRIPTION, strlen(buf) >= DESC_FIELD ? DESC_LONG : buf);
	ui_push(ui, s);
}

/* image_picked - the media picker's choice becomes the product's image (ctx: the product_ctx). */
static void
image_picked(struct ui *ui, const struct media *m, void *arg)
{
	struct product_ctx *c = arg;
	struct product_input in;
	struct product_spec specs[PRODUCT_SPECS_MAX];
	const char *slugs[PRODUCT_CATEGORIES_MAX];
	char why[CORE_WHY] = "";
	json_t *hold = NULL;
	enum core_err er;

	if ((er = product_input_of(&c->p, &in, specs, slugs, &hold)) == CORE_OK) {
		in.image_media_id = m->id;
		er = save_input(ui, c, &in, why, "New image for");
	}
	json_decref(hold);
	if (er != CORE_OK)
		ui_refused(ui, er, why);
}

static void
image_begin(struct ui *ui, int64_t id)
{
	struct product_ctx *c = product_load(ui, id);
	struct screen *s;

	if (c != NULL && (s = screen_media_pick(ui, image_picked, c, product_ctx_free)) != NULL)
		ui_push(ui, s);
}

/* ---- the screen ---------------------------------------------------- */

static int
act(struct ui_listscreen *ls, enum ui_act act, int row)
{
	switch (act) {
	case UA_EDIT:
		if (row >= 0)
			product_begin(ls->ui, ((struct catalog *)ls)->page.items[row].id);
		return UI_HANDLED | UI_REDRAW;
	case UA_ADD:
		product_begin(ls->ui, 0);
		return UI_HANDLED | UI_REDRAW;
	case UA_CHANGE:
	case UA_OPEN:
		if (row < 0)
			ui_error(ls->ui, "No product selected.");
		else if (act == UA_CHANGE)
			page_begin(ls->ui, ((struct catalog *)ls)->page.items[row].id);
		else
			image_begin(ls->ui, ((struct catalog *)ls)->page.items[row].id);
		return UI_HANDLED | UI_REDRAW;
	case UA_VIEW:
		ui_push(ls->ui, screen_media_new(ls->ui));
		return UI_HANDLED | UI_REDRAW;
	default:
		return UI_IGNORED;
	}
}

/* offers - adding and editing for the roles that may write the catalog. */
static int
offers(struct screen *s, enum ui_act act)
{
	if (act == UA_ADD || act == UA_EDIT || act == UA_CHANGE || act == UA_OPEN || act == UA_VIEW)
		return actor_may(s->ui->actor, ACT_CATALOG_WRITE) == CORE_OK;
	return 1;
}

static const struct ui_listscreen_def def = {
	.ops = { UI_LISTSCREEN_OPS, .name = "catalog", UI_ACTIONS(keys), .offers = offers },
	.src = { UI_COLUMNS(cols), UI_SORTS(sort_names), .cell = cell },
	UI_LISTSCREEN_STATE(struct catalog, page, free_page),
	.fetch = fetch,
	.title = "Catalog",
	.act = act,
};

struct screen *
screen_catalog_new(struct ui *ui)
{
	return ui_listscreen_new(ui, &def);
}
