/* section.c - the homepage section schemas.  See section.h. */
#include <stdio.h>
#include <string.h>
#include "names.h"
#include "section.h"
#include "str.h"

const char *const section_type_names[SECTION__MAX + 1] = {
	[SECTION_HERO]              = "hero",
	[SECTION_FEATURED_PRODUCTS] = "featured_products",
	[SECTION_CATEGORY_GRID]     = "category_grid",
	[SECTION_TEXT]              = "text",
	[SECTION_IMAGE_TEXT]        = "image_text",
	[SECTION_LOGO_STRIP]        = "logo_strip",
	[SECTION__MAX]              = NULL,
};

static const char *const sides[] = { "right", "left", NULL };

#define F_TITLE   { "title", "heading", "Title", SECTION_F_TEXT, 200, NULL, NULL }
#define F_BODY    { "body", "text", "Text", SECTION_F_TEXT, 1000, NULL, NULL }
#define F_IMAGE   { "image", NULL, "Image URL", SECTION_F_IMAGE, 500, NULL, "https://... or /path" }
#define F_ALT     { "image_alt", NULL, "Image text", SECTION_F_TEXT, 200, NULL, \
	"what the image shows, for screen readers" }
#define F_CTA     { "cta_label", NULL, "Button label", SECTION_F_TEXT, 60, NULL, "the call to action; empty: no button" }
#define F_CTA_URL { "cta_url", NULL, "Button link", SECTION_F_LINK, 500, NULL, "e.g. /products or /contact" }

static const struct section_field hero[] = {
	F_TITLE, { "subtitle", "text", "Subtitle", SECTION_F_TEXT, 300, NULL, NULL }, F_IMAGE, F_ALT, F_CTA, F_CTA_URL,
};
static const struct section_field featured[] = {
	F_TITLE, { "products", "product_ids", "Products", SECTION_F_LIST, 1000, NULL,
	    "product slugs, comma-separated; unlisted ones are not shown" },
};
static const struct section_field grid[] = {
	F_TITLE, { "categories", NULL, "Categories", SECTION_F_LIST, 1000, NULL, "category slugs, comma-separated" },
};
static const struct section_field text[] = { F_TITLE, F_BODY };
static const struct section_field image_text[] = {
	F_TITLE, F_BODY, F_IMAGE, F_ALT,
	{ "image_position", NULL, "Image side", SECTION_F_CHOICE, 0, sides, "Left/Right to choose" }, F_CTA, F_CTA_URL,
};
static const struct section_field logo_strip[] = {
	F_TITLE, { "logos", NULL, "Logos", SECTION_F_OBJECTS, 0, NULL, NULL },
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
static const struct section_schema schemas[SECTION__MAX] = {
	[SECTION_HERO]              = { SECTION_HERO, "hero", hero, N(hero) },
	[SECTION_FEATURED_PRODUCTS] = { SECTION_FEATURED_PRODUCTS, "featured_products", featured, N(featured) },
	[SECTION_CATEGORY_GRID]     = { SECTION_CATEGORY_GRID, "category_grid", grid, N(grid) },
	[SECTION_TEXT]              = { SECTION_TEXT, "text", text, N(text) },
	[SECTION_IMAGE_TEXT]        = { SECTION_IMAGE_TEXT, "image_text", image_text, N(image_text) },
	[SECTION_LOGO_STRIP]        = { SECTION_LOGO_STRIP, "logo_strip", logo_strip, N(logo_strip) },
};

const struct section_schema *
section_schema(enum section_type t)
{
	return (int)t >= 0 && t < SECTION__MAX ? &schemas[t] : NULL;
}

NAMES_FN_PARSE(section_type_parse, section_type_names, SECTION__MAX)

const struct section_schema *
section_schema_of(const json_t *sec)
{
	int t = section_type_parse(json_string_value(json_object_get(sec, "type")));

	return t < 0 ? NULL : &schemas[t];
}

const struct section_field *
section_field(const struct section_schema *s, const char *key)
{
	int i;

	for (i = 0; s != NULL && i < s->nfields; i++)
		if (strcmp(s->fields[i].key, key) == 0)
			return &s->fields[i];
	return NULL;
}

static const char *
nonempty(const json_t *sec, const char *key)
{
	const char *v = key ? json_string_value(json_object_get(sec, key)) : NULL;

	return v != NULL && *v ? v : NULL;
}

const char *
section_str(const json_t *sec, const char *key)
{
	const struct section_field *f = section_field(section_schema_of(sec), key);
	const char *v = nonempty(sec, key);

	return v != NULL || f == NULL ? v : nonempty(sec, f->alias);
}

static int
has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static int
local_path(const char *v)
{
	return v[0] == '/' && v[1] != '/' && v[1] != '\\';
}

int
section_link_ok(const char *v)
{
	return v != NULL && (v[0] == '\0' || local_path(v) || v[0] == '#' || has_prefix(v, "https://") ||
	    has_prefix(v, "http://") || has_prefix(v, "mailto:") || has_prefix(v, "tel:"));
}

int
section_image_ok(const char *v)
{
	const char *p;

	if (v == NULL)
		return 0;
	if (v[0] == '\0' || local_path(v) || has_prefix(v, "https://"))
		return 1;
	if (v[0] == '/' || strstr(v, "..") != NULL)
		return 0;
	for (p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '/' || *p == '-' || *p == '_' || *p == '.'))
			return 0;
	return 1;
}

/* chars - UTF-8 code points of s (bytes that do not start one are not counted). */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static enum core_err
bad(char *why, size_t n, const struct section_field *f, const char *what)
{
	if (why != NULL)
		snprintf(why, CORE_WHY, "Section %zu: %s %s.", n, f->label, what);
	return CORE_INVALID;
}

static enum core_err
field_check(const json_t *v, size_t n, const struct section_field *f, char *why)
{
	const char *s;
	int i;

	if (v == NULL || json_is_null(v))
		return CORE_OK;
	if (f->kind == SECTION_F_LIST || f->kind == SECTION_F_OBJECTS)
		return json_is_array(v) ? CORE_OK : bad(why, n, f, "must be a list");
	if ((s = json_string_value(v)) == NULL)
		return bad(why, n, f, "must be text");
	if (f->max > 0 && chars(s) > (size_t)f->max) {
		char what[64];

		snprintf(what, sizeof(what), "is longer than %d characters", f->max);
		return bad(why, n, f, what);
	}
	switch (f->kind) {
	case SECTION_F_LINK:
		return section_link_ok(s) ? CORE_OK : bad(why, n, f, "must be a path starting with /, an https:// URL, "
		    "mailto: or tel:, or empty");
	case SECTION_F_IMAGE:
		return section_image_ok(s) ? CORE_OK : bad(why, n, f, "must be an https:// URL or a path starting with /, "
		    "or empty");
	case SECTION_F_CHOICE:
		for (i = 0; f->choices[i] != NULL; i++)
			if (strcmp(s, f->choices[i]) == 0)
				return CORE_OK;
		return bad(why, n, f, "is not one of the choices");
	default:
		return CORE_OK;
	}
}

enum core_err
section_check(const json_t *sec, size_t n, char *why)
{
	const struct section_schema *s;
	enum core_err er;
	char list[160];
	size_t o = 0;
	int i;

	if (!json_is_object(sec) || json_string_value(json_object_get(sec, "type")) == NULL) {
		if (why != NULL)
			snprintf(why, CORE_WHY, "Section %zu must be an object with a \"type\".", n);
		return CORE_INVALID;
	}
	if ((s = section_schema_of(sec)) == NULL) {
		for (i = 0; i < SECTION__MAX && o < sizeof(list); i++)
			o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", i == 0 ? "" :
			    i == SECTION__MAX - 1 ? " or " : ", ", section_type_names[i]);
		if (why != NULL)
			snprintf(why, CORE_WHY, "Section %zu has an unknown type; use %s.", n, list);
		return CORE_INVALID;
	}
	for (i = 0; i < s->nfields; i++) {
		if ((er = field_check(json_object_get(sec, s->fields[i].key), n, &s->fields[i], why)) != CORE_OK)
			return er;
		if (s->fields[i].alias != NULL &&
		    (er = field_check(json_object_get(sec, s->fields[i].alias), n, &s->fields[i], why)) != CORE_OK)
			return er;
	}
	return CORE_OK;
}
