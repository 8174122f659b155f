/*
 * theme_info.h - the one reader of a theme's theme.json
 * (themes_dir/NAME/theme.json): its label, skins (with the key colours
 * for a picker), default skin, the homepage section types it supports
 * and its product placeholder image.  Used by core/storefront.c to
 * check a theme and skin choice, by the TUI's storefront screens and by
 * fcgi/theme.c when it loads the themes it serves.  No SQL, no state:
 * each call reads the file again.
 */
#ifndef SHELF_THEME_INFO_H
#define SHELF_THEME_INFO_H

#include <stddef.h>
#include "err.h"

#define THEME_SKINS    16
#define THEME_SECTIONS 16
#define THEME_COLORS   4

struct theme_skin {
	char     id[33];
	char     label[64];
	char     description[160];
	char     color_name[THEME_COLORS][16];	/* primary, accent, background, text */
	unsigned color[THEME_COLORS];		/* 0xRRGGBB */
	int      ncolors;
	int      dark;
};

struct theme_info {
	char              name[33];
	char              label[64];		/* "label", else the name */
	char              default_skin[33];	/* "default_skin" as written, "" when none */
	struct theme_skin skins[THEME_SKINS];	/* "skins": {id, ...} objects or bare ids */
	int               nskins;
	char              section_types[THEME_SECTIONS][24];	/* "section_types"; none: every type */
	int               nsection_types;
	char              placeholder[160];	/* "images"."product_placeholder", relative to assets/, or "" */
};

/*
 * theme_info_load - dir/name/theme.json into *out.  CORE_NOTFOUND when
 * the file is missing or unreadable, CORE_INVALID when it is not a JSON
 * object (msg, may be NULL, gets "path:line: error"), CORE_CONFIG when
 * dir is NULL or the path too long.
 */
enum core_err theme_info_load(const char *dir, const char *name, struct theme_info *out, char *msg,
    size_t msgsz);

/*
 * theme_info_list - every theme under dir with a readable theme.json
 * (sorted by name) into a malloc'd array *out (free()); returns the
 * count, 0 when none or dir is NULL.
 */
int theme_info_list(const char *dir, struct theme_info **out);

/* theme_info_find - the theme named name in t[n], or NULL. */
const struct theme_info *theme_info_find(const struct theme_info *t, int n, const char *name);

/* theme_info_has_skin - 1 when t lists a skin with that id. */
int theme_info_has_skin(const struct theme_info *t, const char *skin);

/* theme_info_supports - 1 when t shows sections of type name (every type when it lists none). */
int theme_info_supports(const struct theme_info *t, const char *type);

#endif
