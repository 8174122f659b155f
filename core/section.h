/*
 * section.h - the homepage section types: one table of their schemas
 * (type name, fields with their stored key, older alias, label, limit
 * and kind, and the URL rules), read by core/storefront.c to validate a
 * homepage, by fcgi/page_home.c to render one and by
 * tui/screen_sections.c to edit one.  A theme may support fewer types
 * (its theme.json "section_types", core/theme_info.h); none supports more.
 *
 * A homepage is a JSON array of objects, each with "type" one of
 * section_type_names and any of its fields; keys a schema does not name
 * are kept as they are (and ignored).
 */
#ifndef SHELF_SECTION_H
#define SHELF_SECTION_H

#include <stddef.h>
#include <jansson.h>
#include "err.h"

enum section_type {
	SECTION_HERO,
	SECTION_FEATURED_PRODUCTS,
	SECTION_CATEGORY_GRID,
	SECTION_TEXT,
	SECTION_IMAGE_TEXT,
	SECTION_LOGO_STRIP,
	SECTION__MAX
};

enum section_field_kind {
	SECTION_F_TEXT,		/* a string of at most max characters */
	SECTION_F_LINK,		/* a string, section_link_ok */
	SECTION_F_IMAGE,	/* a string, section_image_ok */
	SECTION_F_CHOICE,	/* one of choices */
	SECTION_F_LIST,		/* an array of product/category slugs, ids or {slug, ...} objects */
	SECTION_F_OBJECTS,	/* an array of objects (logos: {name, image, url}); not edited as text */
};

#define SECTION_FIELDS_MAX 8

struct section_field {
	const char             *key;	/* as stored */
	const char             *alias;	/* an older key read when key is absent or empty; NULL: none */
	const char             *label;	/* for people: "Title" */
	enum section_field_kind kind;
	int                     max;	/* characters (UTF-8 code points) of a string; 0 for arrays */
	const char *const      *choices;	/* CHOICE: NULL-terminated, the first is the default */
	const char             *hint;	/* for an editor, or NULL */
};

struct section_schema {
	enum section_type           type;
	const char                 *name;	/* "hero" */
	const struct section_field *fields;
	int                         nfields;	/* <= SECTION_FIELDS_MAX */
};

/* The type names in enum order, then NULL (a form's choice list). */
extern const char *const section_type_names[SECTION__MAX + 1];

/* section_schema - the schema of type t; NULL for a bad value.  Static storage. */
const struct section_schema *section_schema(enum section_type t);

/* section_type_parse - the type called name, or -1 (NULL too). */
int section_type_parse(const char *name);

/* section_schema_of - the schema of the stored section object sec (by its "type"), or NULL. */
const struct section_schema *section_schema_of(const json_t *sec);

/* section_field - the field called key in schema s, or NULL. */
const struct section_field *section_field(const struct section_schema *s, const char *key);

/*
 * section_str - the non-empty string of field key of the stored section
 * sec, else of that field's alias in sec's schema; NULL when neither.
 * Borrowed from sec.
 */
const char *section_str(const json_t *sec, const char *key);

/*
 * section_link_ok - a link a section may store: "" (none), a path on the
 * storefront ("/x", never "//" or "/\"), "#anchor", http://, https://,
 * mailto: or tel:.  NULL is not.
 */
int section_link_ok(const char *v);

/*
 * section_image_ok - an image a section may store: "" (none), a path on
 * the storefront ("/x", never "//" or "/\"), https://, or a file of the
 * theme's assets named relative to assets/ (letters, digits, / - _ .,
 * without "..").  NULL is not.
 */
int section_image_ok(const char *v);

/*
 * section_check - the stored section sec (the n-th of its homepage,
 * from 1) against its schema: an object with a known "type", each field
 * present of the right JSON kind, within its limit, its URL rule or its
 * choices.  CORE_OK, or CORE_INVALID with why (may be NULL) naming the
 * section and the field.
 */
enum core_err section_check(const json_t *sec, size_t n, char *why);

#endif
